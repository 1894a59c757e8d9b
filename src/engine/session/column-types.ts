/**
 * The packet list's column types: Wireshark's defaults, the other types its
 * column preferences offer (by their `gui.column.format` codes, as
 * `tshark -G column-formats` lists them) and custom columns of any field.
 * Plain data shared by the worker (values, sorting) and the page (titles,
 * preferences).
 */

export type ColumnType =
  | "number"
  | "time"
  | "source"
  | "destination"
  | "protocol"
  | "length"
  | "info"
  | "relative"
  | "delta"
  | "delta-displayed"
  | "absolute"
  | "utc"
  | "cumulative"
  | "src-port"
  | "dst-port"
  | "hw-src"
  | "hw-dst"
  | "tcp-stream"
  | "custom";

/** A column's content: its type and, for a custom column, the field and which occurrence (0: all, n: the nth, -n: the nth from the end). */
export interface ColumnSpec {
  type: ColumnType;
  field?: string;
  occurrence?: number;
}

export interface ColumnTypeInfo {
  type: ColumnType;
  /** Wireshark's name for the type in Column Preferences. */
  label: string;
  /** The title a new column of the type gets. */
  title: string;
  /** The `gui.column.format` code tshark knows the type by. */
  format: string;
}

export const COLUMN_TYPES: readonly ColumnTypeInfo[] = [
  { type: "number", label: "Number", title: "No.", format: "%m" },
  { type: "time", label: "Time (format as specified)", title: "Time", format: "%t" },
  { type: "source", label: "Source address", title: "Source", format: "%s" },
  { type: "destination", label: "Destination address", title: "Destination", format: "%d" },
  { type: "protocol", label: "Protocol", title: "Protocol", format: "%p" },
  { type: "length", label: "Packet length (bytes)", title: "Length", format: "%L" },
  { type: "info", label: "Information", title: "Info", format: "%i" },
  { type: "relative", label: "Relative time", title: "Relative time", format: "%Rt" },
  { type: "delta", label: "Delta time", title: "Delta time", format: "%Tt" },
  { type: "delta-displayed", label: "Delta time displayed", title: "Delta time displayed", format: "%Gt" },
  { type: "absolute", label: "Absolute date, as YYYY-MM-DD, and time", title: "Absolute time", format: "%Yt" },
  { type: "utc", label: "UTC date, as YYYY-MM-DD, and time", title: "UTC time", format: "%Yut" },
  { type: "cumulative", label: "Cumulative Bytes", title: "Cumulative bytes", format: "%B" },
  { type: "src-port", label: "Src port (unresolved)", title: "Source port", format: "%uS" },
  { type: "dst-port", label: "Dest port (unresolved)", title: "Destination port", format: "%uD" },
  { type: "hw-src", label: "Hw src addr (unresolved)", title: "Hardware source", format: "%uhs" },
  { type: "hw-dst", label: "Hw dest addr (unresolved)", title: "Hardware destination", format: "%uhd" },
  { type: "tcp-stream", label: "TCP stream (custom: tcp.stream)", title: "TCP stream", format: "%Cus:tcp.stream:0:R" },
  { type: "custom", label: "Custom", title: "Custom", format: "%Cus" },
];

export function columnTypeInfo(type: ColumnType): ColumnTypeInfo {
  return COLUMN_TYPES.find((t) => t.type === type) ?? COLUMN_TYPES[COLUMN_TYPES.length - 1]!;
}

export function isColumnType(s: unknown): s is ColumnType {
  return COLUMN_TYPES.some((t) => t.type === s);
}

/** A column read from the field collector: a custom column's field, or the field a type stands for (Ethernet's addresses for the hardware ones). */
export interface FieldColumn {
  field: string;
  occurrence: number;
}

/**
 * The field behind a column that needs dissection, or null for the columns
 * the packet index answers. The hardware address columns show the link
 * layer's addresses, the last Ethernet header's (an inner one replaces an
 * outer one, as pinfo->dl_src is overwritten).
 */
export function fieldColumnOf(spec: ColumnSpec): FieldColumn | null {
  switch (spec.type) {
    case "custom":
      return spec.field ? { field: spec.field, occurrence: spec.occurrence ?? 0 } : null;
    case "hw-src":
      return { field: "eth.src", occurrence: -1 };
    case "hw-dst":
      return { field: "eth.dst", occurrence: -1 };
    default:
      return null;
  }
}

/** A stable key of a field column (caches, sort state). */
export function fieldColumnKey(c: FieldColumn): string {
  return `${c.field}#${c.occurrence}`;
}
