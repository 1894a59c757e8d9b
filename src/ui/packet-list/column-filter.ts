/**
 * "Apply as Filter" on a packet-list cell: the display filter that selects
 * packets with the same value in that column, written on the field behind
 * the column as Wireshark writes it (`tcp.stream == 3`, `ftp.request.command
 * == "USER"`); undefined for the columns no field stands behind (Info, the
 * absolute times, Cumulative Bytes).
 */
import { fieldColumnOf, type ColumnSpec } from "../../engine/session/column-types";
import { quoteFilterString } from "../../engine/filter/match-selected";

/** Numbers, hex, and addresses (MAC, IPv4, IPv6) stand as they are; anything else is a quoted string. */
function literal(text: string): string {
  return /^(-?\d+(\.\d+)?|0x[0-9a-fA-F]+|[0-9a-fA-F]{1,4}([:.][0-9a-fA-F]{0,4})+)$/.test(text) ? text : quoteFilterString(text);
}

const ADDRESS_FIELDS: readonly [RegExp, string][] = [
  [/^\d+\.\d+\.\d+\.\d+$/, "ip"],
  [/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/, "eth"],
  [/^[0-9a-f:]*:[0-9a-f:]*$/, "ipv6"],
];

/** Fields behind the columns that show one plain value. */
const FIELD_OF: Partial<Record<ColumnSpec["type"], string>> = {
  number: "frame.number",
  length: "frame.len",
  delta: "frame.time_delta",
  "delta-displayed": "frame.time_delta_displayed",
  relative: "frame.time_relative",
  "tcp-stream": "tcp.stream",
};

export function cellFilter(spec: ColumnSpec, text: string): string | undefined {
  const field = fieldColumnOf(spec);
  if (field) {
    if (text === "") return `!${field.field}`;
    // All occurrences: each value must be there (values holding "," cannot be told apart and are taken whole).
    const values = field.occurrence === 0 && !/[^\w.:,-]/.test(text) ? text.split(",") : [text];
    return values.map((v) => `${field.field} == ${literal(v)}`).join(" && ");
  }
  if (text === "") return undefined;
  switch (spec.type) {
    case "src-port":
    case "dst-port": {
      const end = spec.type === "src-port" ? "srcport" : "dstport";
      return `tcp.${end} == ${text} || udp.${end} == ${text}`;
    }
    case "source":
    case "destination": {
      const proto = ADDRESS_FIELDS.find(([re]) => re.test(text))?.[1];
      return proto ? `${proto}.${spec.type === "source" ? "src" : "dst"} == ${text}` : undefined;
    }
    case "protocol":
      return /^[\w.-]+$/.test(text) ? text.toLowerCase() : undefined;
    default: {
      const f = FIELD_OF[spec.type];
      return f ? `${f} == ${text}` : undefined;
    }
  }
}
