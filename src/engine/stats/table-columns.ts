/**
 * The columns of Statistics ▸ Conversations and Endpoints, as data: each
 * column's header, the value it sorts and exports by, and the text it
 * shows. The app's tables draw them, the worker sorts by them (paging.ts)
 * and writes "Copy as CSV/JSON" from them, so a column means one thing in
 * all three places. Values, not the rounded texts, are what is copied.
 */
import type { ConversationEntry, EndpointEntry, TapName } from "./snapshot";

export interface StatColumn<Row> {
  id: string;
  header: string;
  value(row: Row): number | string;
  /** The cell's text (the value as is when absent). */
  text?(row: Row): string;
  /** Right-aligned (numbers). */
  numeric?: boolean;
}

export function cellText<Row>(column: StatColumn<Row>, row: Row): string {
  return column.text ? column.text(row) : String(column.value(row));
}

/**
 * The rows as CSV, a header line first; `line` writes one line of cells
 * (the session's csvLine: quoted, formulas made inert, since addresses come
 * from the capture). Rows may be a generator: a million rows are never an
 * array of objects here.
 */
export function tableCsv<Row>(columns: readonly StatColumn<Row>[], rows: Iterable<Row>, line: (cells: readonly string[]) => string): string {
  let out = line(columns.map((c) => c.header));
  for (const row of rows) out += line(columns.map((c) => String(c.value(row))));
  return out;
}

/** The rows as a JSON array of objects keyed by header, laid out as JSON.stringify(objects, null, 2) would. */
export function tableJson<Row>(columns: readonly StatColumn<Row>[], rows: Iterable<Row>): string {
  const parts: string[] = [];
  for (const row of rows) {
    const object = Object.fromEntries(columns.map((c) => [c.header, c.value(row)]));
    parts.push(JSON.stringify(object, null, 2).replace(/^/gm, "  "));
  }
  return parts.length ? `[\n${parts.join(",\n")}\n]\n` : "[]\n";
}

const collator = new Intl.Collator(undefined, { numeric: true });
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/**
 * A cell's value as a key, made once per row so that sorting a million rows
 * mostly compares numbers (a collator's compare per pair took seconds
 * there): numbers as they are, an IPv4 address as its 32-bit value, an
 * empty cell as -Infinity (first); other texts stay texts, ordered
 * naturally by compareKeys (fe80::2 before fe80::10).
 */
export function sortKey(v: number | string): number | string {
  if (typeof v === "number") return v;
  if (v === "") return -Infinity;
  const m = IPV4.exec(v);
  return m ? ((Number(m[1]) * 256 + Number(m[2])) * 256 + Number(m[3])) * 256 + Number(m[4]) : v;
}

/** Orders two keys: numbers by value and before texts, texts naturally. */
export function compareKeys(a: number | string, b: number | string): number {
  if (typeof a === "number") return typeof b === "number" ? (a < b ? -1 : a > b ? 1 : 0) : -1;
  return typeof b === "number" ? 1 : collator.compare(a, b);
}

/** Orders two cells' values as their keys do. */
export function compareValues(a: number | string, b: number | string): number {
  return compareKeys(sortKey(a), sortKey(b));
}

/** Bits per second over `seconds` (none for an instant: Wireshark leaves the cell empty). */
export function bitsPerSecond(bytes: number, seconds: number): number | string {
  return seconds > 0 ? Math.round((bytes * 8) / seconds) : "";
}

function portColumns<Row>(tap: TapName, ports: readonly [string, (r: Row) => number][]): StatColumn<Row>[] {
  if (tap !== "tcp" && tap !== "udp") return [];
  return ports.map(([header, port]) => ({ id: header.toLowerCase().replace(/ /g, "-"), header, value: port, numeric: true }));
}

/** Conversations ▸ a tap's columns, as Wireshark's dialog has them. */
export function conversationColumns(tap: TapName): StatColumn<ConversationEntry>[] {
  const bitsAB = (c: ConversationEntry) => bitsPerSecond(c.bytesAB, c.duration);
  const bitsBA = (c: ConversationEntry) => bitsPerSecond(c.bytesBA, c.duration);
  return [
    { id: "address-a", header: "Address A", value: (c) => c.a },
    ...portColumns<ConversationEntry>(tap, [["Port A", (c) => c.portA]]),
    { id: "address-b", header: "Address B", value: (c) => c.b },
    ...portColumns<ConversationEntry>(tap, [["Port B", (c) => c.portB]]),
    { id: "packets", header: "Packets", value: (c) => c.framesAB + c.framesBA, numeric: true },
    { id: "bytes", header: "Bytes", value: (c) => c.bytesAB + c.bytesBA, numeric: true },
    { id: "packets-ab", header: "Packets A → B", value: (c) => c.framesAB, numeric: true },
    { id: "bytes-ab", header: "Bytes A → B", value: (c) => c.bytesAB, numeric: true },
    { id: "packets-ba", header: "Packets B → A", value: (c) => c.framesBA, numeric: true },
    { id: "bytes-ba", header: "Bytes B → A", value: (c) => c.bytesBA, numeric: true },
    { id: "rel-start", header: "Rel Start", value: (c) => c.start, text: (c) => c.start.toFixed(6), numeric: true },
    { id: "duration", header: "Duration", value: (c) => c.duration, text: (c) => c.duration.toFixed(4), numeric: true },
    { id: "bits-ab", header: "Bits/s A → B", value: bitsAB, numeric: true },
    { id: "bits-ba", header: "Bits/s B → A", value: bitsBA, numeric: true },
  ];
}

/** Endpoints ▸ a tap's columns. */
export function endpointColumns(tap: TapName): StatColumn<EndpointEntry>[] {
  return [
    { id: "address", header: "Address", value: (e) => e.address },
    ...portColumns<EndpointEntry>(tap, [["Port", (e) => e.port]]),
    { id: "packets", header: "Packets", value: (e) => e.txFrames + e.rxFrames, numeric: true },
    { id: "bytes", header: "Bytes", value: (e) => e.txBytes + e.rxBytes, numeric: true },
    { id: "tx-packets", header: "Tx Packets", value: (e) => e.txFrames, numeric: true },
    { id: "tx-bytes", header: "Tx Bytes", value: (e) => e.txBytes, numeric: true },
    { id: "rx-packets", header: "Rx Packets", value: (e) => e.rxFrames, numeric: true },
    { id: "rx-bytes", header: "Rx Bytes", value: (e) => e.rxBytes, numeric: true },
  ];
}
