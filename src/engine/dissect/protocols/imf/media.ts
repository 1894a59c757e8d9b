/**
 * What an IMF body adds to the Info column, by its media type, as Wireshark
 * 4.0's media_type dissectors do: the text types (packet-text-media.c) append
 * " (text/plain)"; multipart bodies (packet-multipart.c, RFC 2046 §5.1) hand
 * each part to the dissector of its own Content-Type, so a message with a
 * text and an HTML alternative and a text attachment writes
 * " (text/plain) (text/html) (text/plain)". Other types add nothing at the
 * top of a message (packet-imf.c shows them as text), but inside a multipart
 * a part no dissector takes goes to the "media" dissector (packet-media.c),
 * which writes its type too: a PNG attachment, base64 as mail sends it (the
 * PNG dissector declines text that lacks its signature), is " (image/png)".
 */
import type { PacketInfo } from "../../packet-info";
import { CR, findLineEnd, line, LF } from "../text-lines";
import { findFieldEnd, fieldEnd } from "./field-end";

/** The media types Wireshark's data-text-lines dissector is registered for. */
const TEXT_LINES_TYPES = new Set([
  "text/plain",
  "text/richtext",
  "text/enriched",
  "text/parameters",
  "text/html",
  "text/xml-external-parsed-entity",
  "text/css",
  "application/xml-external-parsed-entity",
  "text/javascript",
  "application/x-javascript",
  "application/x-tia-p25-issi",
  "application/x-tia-p25-sndcp",
  "application/x-ns-proxy-autoconfig",
  "text/vnd.sun.j2me.app-descriptor",
  "application/vnd.poc.refer-to",
  "application/vnd.drm.message",
  "application/x-wms-logplaystats",
  "application/x-rtsp-udp-packetpair",
]);

/**
 * Types a Wireshark 4.0 dissector takes inside a multipart without writing to
 * Info (checked with tshark 4.0.17): such a part adds nothing. Types it gives
 * columns of their own (JSON's "JavaScript Object Notation (...)", XML, an
 * embedded message/rfc822) are not dissected here: they show as "(type)".
 */
const SILENT_PART_TYPES = new Set(["application/octet-stream", "application/ms-tnef"]);

/** Nested multiparts deeper than this are not followed (a crafted message could nest without end). */
const MAX_DEPTH = 8;

/**
 * dissector_try_string(media_type, type, body): `type` as the Content-Type
 * names it (any case), `parameters` what follows its ';'. True when a
 * dissector took the body.
 */
export function dissectMedia(type: string, parameters: string, data: Uint8Array, start: number, end: number, pinfo: PacketInfo, depth = 0): boolean {
  const t = type.toLowerCase();
  if (TEXT_LINES_TYPES.has(t)) {
    appendType(pinfo, type);
    return true;
  }
  if (t.startsWith("multipart/") && depth < MAX_DEPTH) {
    dissectMultipart(parameters, data, start, end, pinfo, depth);
    return true;
  }
  return SILENT_PART_TYPES.has(t);
}

/** col_append_sep_fstr(COL_INFO, " ", "(%s)", match_string), as data-text-lines and media write it. */
function appendType(pinfo: PacketInfo, type: string): void {
  if (pinfo.wantColumns) pinfo.info += pinfo.info ? ` (${type})` : `(${type})`;
}

/** ws_find_media_type_parameter: a parameter's value, unquoted, or null. */
export function mediaParameter(parameters: string, name: string): string | null {
  const re = /(?:^|;)\s*([^=;\s]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;\s]*)/g;
  for (let m = re.exec(parameters); m; m = re.exec(parameters)) {
    if (m[1]!.toLowerCase() !== name) continue;
    const v = m[2]!;
    return v.startsWith('"') ? v.slice(1, -1).replace(/\\(.)/g, "$1") : v;
  }
  return null;
}

function matches(data: Uint8Array, at: number, end: number, s: Uint8Array): boolean {
  if (at < 0 || at + s.length > end) return false;
  for (let k = 0; k < s.length; k++) if (data[at + k] !== s[k]) return false;
  return true;
}

const DASHES = new Uint8Array([0x2d, 0x2d]);

/** Where find_next_boundary found a boundary: its start, the length of its line, whether it closes. */
const found = { start: -1, lineLen: 0, last: false };

/** find_next_boundary: the next line "--boundary" (after a line end) from `offset`. */
function findNextBoundary(data: Uint8Array, offset: number, end: number, boundary: Uint8Array): boolean {
  const bl = boundary.length;
  while (offset + 2 + bl < end) {
    findLineEnd(data, offset, end, false);
    const boundaryStart = offset + line.len;
    const next = line.next;
    if (matches(data, next, end, DASHES) && matches(data, next + 2, end, boundary)) {
      found.last = matches(data, next + 2 + bl, end, DASHES);
      findLineEnd(data, next, end, false);
      found.start = boundaryStart;
      found.lineLen = line.next - boundaryStart;
      return true;
    }
    // Some writers put the closing boundary right after text, without a line end.
    if (matches(data, boundaryStart - 2, end, DASHES) && matches(data, boundaryStart - 2 - bl, end, boundary) && matches(data, boundaryStart - 4 - bl, end, DASHES)) {
      found.start = boundaryStart - (4 + bl);
      found.lineLen = next - found.start;
      found.last = true;
      return true;
    }
    offset = next;
  }
  return false;
}

/** find_first_boundary: like find_next_boundary, but the boundary may also open the body. */
function findFirstBoundary(data: Uint8Array, start: number, end: number, boundary: Uint8Array): boolean {
  let offset = start;
  const bl = boundary.length;
  while (offset + 2 + bl < end) {
    if (matches(data, offset, end, DASHES) && matches(data, offset + 2, end, boundary)) {
      found.last = matches(data, offset + 2 + bl, end, DASHES);
      findLineEnd(data, offset, end, false);
      found.start = offset;
      found.lineLen = line.next - offset;
      return true;
    }
    findLineEnd(data, offset, end, false);
    if (line.next >= end) break;
    offset = line.next;
  }
  return false;
}

function dissectMultipart(parameters: string, data: Uint8Array, start: number, end: number, pinfo: PacketInfo, depth: number): void {
  const b = mediaParameter(parameters, "boundary");
  if (!b) return;
  const boundary = new TextEncoder().encode(b);
  if (!findFirstBoundary(data, start, end, boundary)) return;
  let partStart = found.start + found.lineLen;
  let last = found.last;
  while (!last) {
    const next = bodyPart(data, partStart, end, boundary, pinfo, depth);
    if (next < 0) return;
    last = found.last;
    partStart = next;
  }
}

/** process_body_part: the part's headers up to the blank line, its body handed on by Content-Type. */
function bodyPart(data: Uint8Array, start: number, end: number, boundary: Uint8Array, pinfo: PacketInfo, depth: number): number {
  if (!findNextBoundary(data, start, end, boundary)) return -1;
  const boundaryStart = found.start;
  const boundaryLineLen = found.lineLen;
  const last = found.last;
  let offset = start;
  let type: string | null = null;
  let params = "";
  let lastField = false;
  while (!lastField) {
    let next = findFieldEnd(data, offset, end);
    lastField = fieldEnd.last;
    if (next === offset) break;
    if (next < 0) next = end;
    if (lastField && next + 2 <= boundaryStart) next += 2;
    else if (next - 2 === boundaryStart) {
      lastField = true;
      next -= 2;
    } else if (next > boundaryStart) next = boundaryStart;
    const header = unfold(data, offset, next);
    const colon = header.indexOf(":");
    if (colon <= 0) {
      next = offset;
      break;
    }
    if (header.slice(0, colon).toLowerCase() === "content-type") {
      const value = header.slice(colon + 1);
      const semi = value.indexOf(";");
      type = (semi < 0 ? value : value.slice(0, semi)).toLowerCase();
      params = semi < 0 ? "" : value.slice(semi + 1);
    }
    offset = next;
  }
  // process_body_part: a part no dissector takes goes to the media dissector, which writes its type.
  if (type !== null && !dissectMedia(type, params, data, offset, boundaryStart, pinfo, depth + 1)) appendType(pinfo, type);
  found.last = last;
  return boundaryStart + boundaryLineLen;
}

/** unfold_and_compact_mime_header, as far as the name and the Content-Type value need it: no folding, no blanks. */
function unfold(data: Uint8Array, start: number, end: number): string {
  let s = "";
  for (let i = start; i < end; i++) {
    const c = data[i]!;
    if (c === CR || c === LF || c === 0x20 || c === 0x09) continue;
    s += String.fromCharCode(c);
  }
  return s;
}
