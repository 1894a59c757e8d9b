/**
 * Text forms of a followed stream.
 *
 * tshark's `-z follow,PROTO,MODE,N` layouts (tshark 4.0.17, checked byte for
 * byte by the golden and corpus tests):
 *
 *   (blank line)
 *   ===================================================================
 *   Follow: tcp,raw
 *   Filter: tcp.stream eq 3
 *   Node 0: 10.0.0.1:40000            ([fd00::1]:40000 for IPv6, ":0" when empty)
 *   Node 1: 10.0.0.2:21
 *   …one record per chunk; node 1's indented by a tab…
 *   ===================================================================
 *
 * - ascii: "<length>\n", the bytes with \r and \n kept and other bytes
 *   outside 0x20..0x7e as ".", then "\n".
 * - hex: lines of 16 bytes "%08X  xx xx … xx  xx … xx  ascii", the offset
 *   counting that node's bytes so far (one trailing space of the text
 *   column is dropped, even a space byte's).
 * - raw: the bytes in lower-case hex on one line.
 * - yaml: no header block; "peers:" (node, host, port) then "packets:" with
 *   packet, peer, timestamp (seconds as a double, %.9f) and the bytes in
 *   base64 broken every 76 characters.
 *
 * A gap is printed the way tshark prints one: a record of its own holding
 * "[N bytes missing in capture file]" and a NUL, from the frame that showed
 * it, timestamp 0. (A trailing gap is not printed: tshark never does.)
 *
 * The same module renders the Follow pane's formats (ASCII, UTF-8, Hex
 * Dump, C Arrays, YAML, Raw) for "Save as…".
 */
import type { Direction, FollowEndpoint, FollowPiece, FollowStream } from "./types";
import { TableFollowStream, TSHARK_DROPS } from "./follow-stream";

export type TsharkFollowMode = "ascii" | "hex" | "raw" | "yaml";

export const TSHARK_MODES: readonly TsharkFollowMode[] = ["ascii", "hex", "raw", "yaml"];

const SEPARATOR = "===================================================================\n";

/** Chunks read per window while rendering a whole stream. */
const WINDOW = 2048;

/** One printed record: a chunk's bytes, or a gap marker. */
export interface FollowRecord {
  direction: Direction;
  frame: number;
  /** Seconds as tshark's double (0 for a gap marker). */
  tsSec: number;
  tsNsec: number;
  bytes: Uint8Array;
  gap: boolean;
}

const encoder = new TextEncoder();

/** tshark's gap marker: "[N bytes missing in capture file]" and a NUL. */
export function gapMarker(length: number): Uint8Array {
  return encoder.encode(`[${length} bytes missing in capture file]\0`);
}

/**
 * Render options. `tsharkCompat` reproduces tshark 4.0's mistakes (no marker
 * for bytes cut by the snap length, segments still waiting at the end of the
 * stream dropped): the tests use it to prove they are the only differences.
 */
export interface RenderOptions {
  tsharkCompat?: boolean;
}

/** The stream's records in order, a window of chunks at a time. */
export async function* followRecords(
  stream: FollowStream,
  selection: "both" | Direction = "both",
  options: RenderOptions = {},
): AsyncGenerator<FollowRecord[]> {
  const n = stream.info.chunkCount;
  for (let first = 0; first < n; first += WINDOW) {
    const pieces = await stream.readChunks(first, WINDOW, selection);
    yield piecesToRecords(stream, pieces, options);
  }
}

/** Pieces from readChunks as printable records (gaps become tshark's markers). */
export function piecesToRecords(stream: FollowStream, pieces: readonly FollowPiece[], options: RenderOptions = {}): FollowRecord[] {
  const out: FollowRecord[] = [];
  const table = options.tsharkCompat && stream instanceof TableFollowStream ? stream.table : null;
  for (const p of pieces) {
    if (table && p.chunk < table.count && table.quirks[p.chunk]! & TSHARK_DROPS) continue;
    if (p.kind === "gap") {
      const c = p.chunk < stream.info.chunkCount ? stream.chunk(p.chunk) : null;
      const length = table && c ? table.markedGap[c.index]! : p.length;
      if (length > 0)
        out.push({ direction: p.direction, frame: c ? c.gapFrame : 0, tsSec: 0, tsNsec: 0, bytes: gapMarker(length), gap: true });
    } else {
      const c = stream.chunk(p.chunk);
      out.push({ direction: p.direction, frame: p.frame, tsSec: c.tsSec, tsNsec: c.tsNsec, bytes: p.bytes, gap: false });
    }
  }
  return out;
}

/** "10.0.0.1:21", "[fd00::1]:21", ":0" for an unknown node. */
export function nodeText(address: string, port: number): string {
  return address.includes(":") ? `[${address}]:${port}` : `${address}:${port}`;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

function printable(b: number): string {
  return b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : ".";
}

/** tshark's ascii record body: \r and \n kept, other non-printables as ".". */
export function tsharkAscii(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    s += b === 0x0d || b === 0x0a ? String.fromCharCode(b) : printable(b);
  }
  return s;
}

/**
 * Hex dump lines (follow_print_hex): offset, 16 bytes with an extra space
 * after the 8th, two spaces, the bytes as text (a space after the 8th too,
 * dropped when it would end the line). `prefix` starts every line.
 */
export function hexLines(bytes: Uint8Array, offset: number, prefix: string, upper = true): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 16) {
    const n = Math.min(16, bytes.length - i);
    let hex = "";
    let text = "";
    for (let j = 0; j < n; j++) {
      const b = bytes[i + j]!;
      hex += HEX[b] + " ";
      text += printable(b);
      if (j === 7) {
        hex += " ";
        text += " ";
      }
    }
    // tshark drops one trailing space of the text column, whether it is the
    // separator after the 8th byte or a space byte.
    if (text.endsWith(" ")) text = text.slice(0, -1);
    const off = (offset + i).toString(16);
    out += `${prefix}${(upper ? off.toUpperCase() : off).padStart(8, "0")}  ${hex.padEnd(50, " ")}${text}\n`;
  }
  return out;
}

export function toHex(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i]!];
  return s;
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

export function base64(bytes: Uint8Array): string {
  let s = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    s += B64[v >> 18]! + B64[(v >> 12) & 63]! + B64[(v >> 6) & 63]! + B64[v & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const v = bytes[i]! << 16;
    s += B64[v >> 18]! + B64[(v >> 12) & 63]! + "==";
  } else if (rest === 2) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    s += B64[v >> 18]! + B64[(v >> 12) & 63]! + B64[(v >> 6) & 63]! + "=";
  }
  return s;
}

/** "1700000000.003999949": tshark prints the time as a double with %.9f. */
export function yamlTimestamp(sec: number, nsec: number): string {
  return (sec + nsec / 1e9).toFixed(9);
}

/** One yaml packet entry (tshark's layout). */
export function yamlRecord(frame: number, peer: Direction, tsText: string, bytes: Uint8Array): string {
  let s = `  - packet: ${frame}\n    peer: ${peer}\n    timestamp: ${tsText}\n    data: !!binary |\n`;
  const b = base64(bytes);
  for (let i = 0; i < b.length; i += 76) s += `      ${b.slice(i, i + 76)}\n`;
  return s;
}

/**
 * tshark's `-z follow,PROTO,MODE,N` output for one stream, a piece at a
 * time through `write` (a 200 MB stream is never one string).
 */
export async function writeTsharkFollow(
  stream: FollowStream,
  mode: TsharkFollowMode,
  write: (text: string) => void,
  options: RenderOptions = {},
): Promise<void> {
  const { info } = stream;
  await writeTsharkRecords({ protocol: info.protocol, stream: info.stream, nodes: info.nodes }, followRecords(stream, "both", options), mode, write);
}

/**
 * tshark's `-z follow` layout around any records: a stream's chunks (above)
 * or another protocol's messages (Follow HTTP Stream, engine/http), under
 * "Follow: <name>,<mode>" with the TCP or UDP stream's filter.
 */
export async function writeTsharkRecords(
  head: { protocol: string; stream: number; nodes: readonly [FollowEndpoint, FollowEndpoint] },
  batches: AsyncIterable<FollowRecord[]> | Iterable<FollowRecord[]>,
  mode: TsharkFollowMode,
  write: (text: string) => void,
): Promise<void> {
  const [n0, n1] = head.nodes;
  const filterProtocol = head.protocol === "udp" ? "udp" : "tcp";
  if (mode === "yaml") {
    write(
      `peers:\n  - peer: 0\n    host: ${n0.address}\n    port: ${n0.port}\n  - peer: 1\n    host: ${n1.address}\n    port: ${n1.port}\npackets:\n`,
    );
  } else {
    write(`\n${SEPARATOR}Follow: ${head.protocol},${mode}\nFilter: ${filterProtocol}.stream eq ${head.stream}\n`);
    write(`Node 0: ${nodeText(n0.address, n0.port)}\nNode 1: ${nodeText(n1.address, n1.port)}\n`);
  }
  const offset = [0, 0];
  for await (const records of batches) {
    let out = "";
    for (const r of records) {
      const tab = r.direction === 1 ? "\t" : "";
      switch (mode) {
        case "ascii":
          out += `${tab}${r.bytes.length}\n${tsharkAscii(r.bytes)}\n`;
          break;
        case "hex":
          out += hexLines(r.bytes, offset[r.direction]!, tab);
          break;
        case "raw":
          out += `${tab}${toHex(r.bytes)}\n`;
          break;
        case "yaml":
          out += yamlRecord(r.frame, r.direction, r.gap ? "0.000000000" : yamlTimestamp(r.tsSec, r.tsNsec), r.bytes);
          break;
      }
      offset[r.direction] = offset[r.direction]! + r.bytes.length;
      if (out.length > 1 << 20) {
        write(out);
        out = "";
      }
    }
    if (out) write(out);
  }
  if (mode !== "yaml") write(SEPARATOR);
}

// ---------------------------------------------------------------------------
// The Follow pane's formats (Wireshark's "Show data as"), per record, and
// the whole stream in one of them for "Save as…".

export type PaneFormat = "ascii" | "utf8" | "hexdump" | "carrays" | "yaml" | "raw";

export const PANE_FORMATS: readonly { id: PaneFormat; label: string }[] = [
  { id: "ascii", label: "ASCII" },
  { id: "utf8", label: "UTF-8" },
  { id: "hexdump", label: "Hex Dump" },
  { id: "carrays", label: "C Arrays" },
  { id: "yaml", label: "YAML" },
  { id: "raw", label: "Raw" },
];

/** Printable ASCII, newlines, tabs and carriage returns as they are; every other byte as ".". */
export function paneAscii(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    s += b === 0x0a || b === 0x0d || b === 0x09 ? String.fromCharCode(b) : printable(b);
  }
  return s;
}

const utf8 = new TextDecoder("utf-8");

/** C array lines: `char peer0_3[] = { /* Packet 12 *\/`, eight bytes a line. */
export function cArray(peer: Direction, n: number, frame: number, bytes: Uint8Array): string {
  let s = `char peer${peer}_${n}[] = { /* Packet ${frame} */\n`;
  for (let i = 0; i < bytes.length; i += 8) {
    const line: string[] = [];
    for (let j = i; j < Math.min(bytes.length, i + 8); j++) line.push(`0x${HEX[bytes[j]!]}`);
    s += line.join(", ") + (i + 8 >= bytes.length ? " };\n" : ",\n");
  }
  if (bytes.length === 0) s += " };\n";
  return s;
}

/** Per-peer counters a format carries from record to record (hex offsets, C array numbers). */
export class PaneState {
  offset = [0, 0];
  arrays = [0, 0];
}

/**
 * One record's text in a pane format. `state` advances (offsets count gap
 * markers like tshark's hex dump does). Gap markers are text in every
 * format but Raw, where they are left out.
 */
export function paneText(r: FollowRecord, format: PaneFormat, state: PaneState): string {
  const d = r.direction;
  let t: string;
  switch (format) {
    case "ascii":
      t = paneAscii(r.gap ? r.bytes.subarray(0, r.bytes.length - 1) : r.bytes);
      break;
    case "utf8":
      t = utf8.decode(r.gap ? r.bytes.subarray(0, r.bytes.length - 1) : r.bytes);
      break;
    case "hexdump":
      t = hexLines(r.bytes, state.offset[d]!, d === 1 ? "    " : "");
      break;
    case "carrays":
      t = cArray(d, state.arrays[d]!, r.frame, r.bytes);
      state.arrays[d] = state.arrays[d]! + 1;
      break;
    case "yaml":
      t = yamlRecord(r.frame, d, r.gap ? "0.000000000" : yamlTimestamp(r.tsSec, r.tsNsec), r.bytes);
      break;
    case "raw":
      t = r.gap ? "" : toHex(r.bytes) + "\n";
      break;
  }
  state.offset[d] = state.offset[d]! + r.bytes.length;
  return t;
}

/** The YAML header (the peers), before the records. */
export function yamlHeader(stream: FollowStream): string {
  const [n0, n1] = stream.info.nodes;
  return `peers:\n  - peer: 0\n    host: ${n0.address}\n    port: ${n0.port}\n  - peer: 1\n    host: ${n1.address}\n    port: ${n1.port}\npackets:\n`;
}

/**
 * The whole stream (or one direction) in a pane format, a part at a time,
 * for "Save as…": text formats as text; Raw as the bytes themselves
 * (Wireshark saves Raw as binary), gaps left out.
 */
export async function* exportFollow(
  stream: FollowStream,
  format: PaneFormat,
  selection: "both" | Direction,
): AsyncGenerator<string | Uint8Array> {
  const state = new PaneState();
  if (format === "yaml") yield yamlHeader(stream);
  for await (const records of followRecords(stream, selection)) {
    if (format === "raw") {
      for (const r of records) if (!r.gap) yield r.bytes;
      continue;
    }
    let out = "";
    for (const r of records) {
      const t = paneText(r, format, state);
      out += format === "ascii" || format === "utf8" ? (r.gap ? `\n${t}\n` : t) : t;
    }
    yield out;
  }
}

/**
 * The first match of `needle` at or after chunk `from` (+ `offset` bytes
 * into it) in the selected bytes, in delivery order; matches may span
 * chunks. Case-insensitive for ASCII letters. Null when there is none.
 */
export async function findInStream(
  stream: FollowStream,
  needle: Uint8Array,
  from: { chunk: number; offset: number },
  selection: "both" | Direction = "both",
): Promise<{ chunk: number; offset: number } | null> {
  const m = needle.length;
  if (m === 0) return null;
  const lower = (b: number): number => (b >= 0x41 && b <= 0x5a ? b + 32 : b);
  const want = needle.map(lower);
  // The last m - 1 bytes seen (a match may start there and end in the next chunk), with their origins.
  let tail = new Uint8Array(0);
  let tailAt: { chunk: number; offset: number }[] = [];
  const n = stream.info.chunkCount;
  for (let first = from.chunk; first < n; first += WINDOW) {
    for (const p of await stream.readChunks(first, WINDOW, selection)) {
      if (p.kind !== "data") continue;
      const skip = p.chunk === from.chunk ? Math.min(from.offset, p.bytes.length) : 0;
      const body = p.bytes.subarray(skip);
      const buf = new Uint8Array(tail.length + body.length);
      buf.set(tail);
      buf.set(body, tail.length);
      for (let i = 0; i + m <= buf.length; i++) {
        let j = 0;
        while (j < m && lower(buf[i + j]!) === want[j]) j++;
        if (j === m) return i < tail.length ? tailAt[i]! : { chunk: p.chunk, offset: skip + i - tail.length };
      }
      const keep = Math.min(m - 1, buf.length);
      const at: { chunk: number; offset: number }[] = [];
      for (let i = buf.length - keep; i < buf.length; i++)
        at.push(i < tail.length ? tailAt[i]! : { chunk: p.chunk, offset: skip + i - tail.length });
      tail = buf.slice(buf.length - keep);
      tailAt = at;
    }
  }
  return null;
}
