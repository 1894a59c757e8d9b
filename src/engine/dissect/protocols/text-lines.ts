/**
 * Text lines over TCP, shared by the line-based mail protocols (SMTP, POP,
 * IMAP): Wireshark's tvb_find_line_end and format_text_wsp, and the
 * `data-text-lines` items a body shows.
 */
import { formatText } from "../format-text";
import type { PacketInfo } from "../packet-info";
import type { FieldDef } from "../field";
import type { ProtoTree } from "../tree";

export const CR = 0x0d;
export const LF = 0x0a;
export const SP = 0x20;

/** Where findLineEnd put the line: its length and where the next one starts. */
export const line = { len: 0, next: 0 };

/**
 * tvb_find_line_end: the line at data[offset, end) up to CR, LF or CRLF.
 * Sets `line.len` (without the terminator) and `line.next`; returns false
 * only when `desegment` is asked and the line may go on in the next segment
 * (no terminator, or a CR as the last byte, which is more likely the start of
 * a CRLF than a bare CR).
 */
export function findLineEnd(data: Uint8Array, offset: number, end: number, desegment: boolean): boolean {
  let i = offset;
  while (i < end && data[i] !== CR && data[i] !== LF) i++;
  if (i >= end) {
    if (desegment) return false;
    line.len = end - offset;
    line.next = end;
    return true;
  }
  line.len = i - offset;
  if (data[i] === CR) {
    if (i + 1 >= end) {
      if (desegment) return false;
    } else if (data[i + 1] === LF) i++;
  }
  line.next = i + 1;
  return true;
}

/** g_ascii_isspace: space, \t, \n, \v, \f, \r. */
function isAsciiSpace(c: number): boolean {
  return c === SP || (c >= 0x09 && c <= 0x0d);
}

/** format_text_wsp: format_text with every ASCII white-space byte shown as a blank. */
export function formatTextWsp(b: Uint8Array, start: number, end: number): string {
  let i = start;
  while (i < end && !(isAsciiSpace(b[i]!) && b[i] !== SP)) i++;
  if (i === end) return formatText(b, start, end);
  const copy = b.slice(start, end);
  for (let k = i - start; k < copy.length; k++) if (isAsciiSpace(copy[k]!)) copy[k] = SP;
  return formatText(copy, 0, copy.length);
}

/** True when data[at, at + s.length) is `s` (ASCII, case-insensitive), as g_ascii_strncasecmp(...) == 0. */
export function startsWithCi(data: Uint8Array, at: number, end: number, s: string): boolean {
  if (end - at < s.length) return false;
  for (let k = 0; k < s.length; k++) {
    let c = data[at + k]!;
    if (c >= 0x61 && c <= 0x7a) c -= 0x20;
    let d = s.charCodeAt(k);
    if (d >= 0x61 && d <= 0x7a) d -= 0x20;
    if (c !== d) return false;
  }
  return true;
}

/** True when data[at, ...) starts with `s` exactly (strncmp). */
export function startsWith(data: Uint8Array, at: number, end: number, s: string): boolean {
  if (end - at < s.length) return false;
  for (let k = 0; k < s.length; k++) if (data[at + k] !== s.charCodeAt(k)) return false;
  return true;
}

/**
 * A line-based protocol's state per TCP connection (Wireshark's conversation
 * data). Keyed by TCP's stream number; a segment quoted in an ICMP error has
 * none and finds its connection by the endpoints, as Wireshark's
 * find_or_create_conversation does (the endpoints are written down once per
 * connection, not per packet).
 */
export class ConnectionTable<T> {
  private readonly byStream = new Map<number, T>();
  private readonly byEndpoints = new Map<string, T>();
  constructor(private readonly create: () => T) {}

  get(pinfo: PacketInfo): T {
    const stream = pinfo.tcpStream;
    let v = stream >= 0 ? this.byStream.get(stream) : this.byEndpoints.get(endpoints(pinfo));
    if (v === undefined) {
      v = this.create();
      const ends = endpoints(pinfo);
      if (stream >= 0) this.byStream.set(stream, v);
      // A later connection on the same ports takes the endpoints over.
      this.byEndpoints.set(ends, v);
    }
    return v;
  }
}

function endpoints(pinfo: PacketInfo): string {
  const a = `${pinfo.netSrc} ${pinfo.srcPort}`;
  const b = `${pinfo.netDst} ${pinfo.dstPort}`;
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/**
 * A text field's value (format_text of the bytes), made only when the tree
 * records the field: the indexing pass wants the columns, not these.
 */
export function textValue(tree: ProtoTree, f: FieldDef, data: Uint8Array, start: number, end: number): string | null {
  return tree.detailed || tree.wants(f) ? formatText(data, start, end) : null;
}
