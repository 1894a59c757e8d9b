/**
 * Does the message at data[at, end) need more TCP segments? Wireshark 4.0's
 * req_resp_hdrs_do_reassembly: all header lines up to the empty one, then a
 * body by Content-Length, by chunks up to the last-chunk, or (a response
 * with neither) until the connection closes. When more is needed it asks TCP
 * through pinfo.desegmentOffset/desegmentLen (relative to `base`, where the
 * payload handed to HTTP starts) and returns false.
 */
import type { PacketInfo } from "../../packet-info";
import { findLineEnd } from "./body";

/** One more segment (DESEGMENT_ONE_MORE_SEGMENT). */
const ONE_MORE = -1;
/** Largest message collected segment by segment until the connection closes. */
const UNTIL_FIN_LIMIT = 1024 * 1024;

function ask(pinfo: PacketInfo, at: number, base: number, len: number): false {
  pinfo.desegmentOffset = at - base;
  pinfo.desegmentLen = len;
  return false;
}

/** A header line's name, compared case-insensitively with `name` (which ends in ':'). */
function lineStarts(d: Uint8Array, at: number, lineEnd: number, name: string): boolean {
  if (lineEnd - at < name.length) return false;
  for (let i = 0; i < name.length; i++) {
    let c = d[at + i]!;
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    if (c !== name.charCodeAt(i)) return false;
  }
  return true;
}

function text(d: Uint8Array, at: number, end: number): string {
  let s = "";
  for (let i = at; i < end; i++) s += String.fromCharCode(d[i]!);
  return s;
}

/**
 * req_resp_hdrs_do_reassembly. `desegmentBody` is off for messages that
 * cannot have a body (responses to HEAD, 1xx, 204, 304) and at the end of the
 * stream; `untilFin` is on for responses.
 */
export function needsMore(d: Uint8Array, at: number, end: number, base: number, pinfo: PacketInfo, desegmentBody: boolean, untilFin: boolean): boolean {
  if (!pinfo.canDesegment) return true;
  let next = at;
  let contentLength = -1;
  let contentType: string | null = null;
  let chunked = false;
  for (;;) {
    if (end - next < 1) return ask(pinfo, at, base, ONE_MORE);
    const line = findLineEnd(d, next, end);
    if (!line) return ask(pinfo, at, base, ONE_MORE);
    const lineAt = next;
    next = line[1];
    if (line[0] === 0) break; // the end of the headers
    if (!desegmentBody) continue;
    const c = d[lineAt]! | 0x20;
    if (c !== 0x63 && c !== 0x74) continue; // 'c' or 't': cheap rejection before the comparisons
    const lineEnd = lineAt + line[0];
    if (lineStarts(d, lineAt, lineEnd, "content-length:")) {
      // ws_strtoi32 on the stripped value: the whole of it must be a number that fits
      const v = text(d, lineAt + 15, lineEnd).trim();
      if (/^[+-]?\d+$/.test(v)) {
        const n = parseInt(v, 10);
        if (n >= 0 && n <= 0x7fffffff) contentLength = n;
      }
    } else if (lineStarts(d, lineAt, lineEnd, "content-type:")) {
      contentType = text(d, lineAt + 13, lineEnd).replace(/^ +/, "");
    } else if (lineStarts(d, lineAt, lineEnd, "transfer-encoding:")) {
      if (/^[ \t]*chunked/i.test(text(d, lineAt + 18, lineEnd))) chunked = true;
    }
  }
  if (!desegmentBody) return true;
  if (chunked) return chunksComplete(d, at, next, end, base, pinfo);
  if (contentLength >= 0) {
    if (contentLength >= 128 * 1024) {
      // MS-RPCH: RPC_IN_DATA/RPC_OUT_DATA bodies announce a length they never send
      if (contentType !== null && contentType.startsWith("application/rpc")) return true;
      const start = text(d, base, Math.min(base + 12, end));
      if (start.startsWith("RPC_IN_DATA") || start.startsWith("RPC_OUT_DATA")) return true;
    }
    if (end - next < contentLength) return ask(pinfo, at, base, contentLength - (end - next));
    return true;
  }
  if (untilFin) {
    // A response with neither length nor chunks runs to the end of the
    // connection (RFC 9112 §6.3 case 8): Wireshark's DESEGMENT_UNTIL_FIN,
    // which our TCP reassembly asks for one segment at a time (each asks
    // re-reads the message so far: past UNTIL_FIN_LIMIT it is taken as is).
    if (end - at > UNTIL_FIN_LIMIT) return true;
    return ask(pinfo, at, base, ONE_MORE);
  }
  return true;
}

/** The chunked part of req_resp_hdrs_do_reassembly: every chunk and the CRLF after the last-chunk must be there. */
function chunksComplete(d: Uint8Array, at: number, from: number, end: number, base: number, pinfo: PacketInfo): boolean {
  let next = from;
  for (;;) {
    if (end - next < 1) return ask(pinfo, at, base, ONE_MORE);
    const line = findLineEnd(d, next, end);
    if (!line) return ask(pinfo, at, base, ONE_MORE);
    // sscanf("%x") on the line cut at ';'
    let s = text(d, next, next + line[0]);
    const semi = s.indexOf(";");
    if (semi >= 0) s = s.slice(0, semi);
    const m = /^\s*(?:0[xX])?([0-9a-fA-F]+)/.exec(s);
    if (!m) return true; // no chunk size: stop trying
    const size = m[1]!.replace(/^0+/, "").length > 8 ? 0xffffffff : parseInt(m[1]!, 16);
    if (size > 0x80000000) return true; // unreasonable
    if (size === 0) {
      const last = findLineEnd(d, line[1], end);
      if (!last) return ask(pinfo, at, base, ONE_MORE);
      return true;
    }
    if (end - next > size) next = line[1] + size + 2;
    else return ask(pinfo, at, base, ONE_MORE);
  }
}
