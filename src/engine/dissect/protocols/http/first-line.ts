/**
 * The first line of an HTTP message: is it a request, a response or a
 * notification (Wireshark 4.0's list of methods, RFC 9110 §9 plus WebDAV,
 * DeltaV, UPnP GENA and MS-RPCH), and the fields of the request line
 * (method, URI with its path and query, version) and of the status line
 * (version, code, phrase).
 */
import { ascii, expert } from "../../common";
import type { PacketInfo } from "../../packet-info";
import { GENERATED } from "../../tree";
import { formatText } from "../../format-text";
import { textItemField } from "../ftp-data";
import type { HttpConv } from "./conversation";
import { httpFields as F } from "./fields";
import { STATUS_NAMES } from "./status-codes";

export const enum HttpType {
  OTHERS,
  REQUEST,
  RESPONSE,
  NOTIFICATION,
}

/** Methods by length (the switch in is_http_request_or_reply); NOTIFY, SUBSCRIBE and UNSUBSCRIBE are notifications. */
const METHODS: ReadonlyMap<string, HttpType> = new Map([
  ...["GET", "PUT", "COPY", "HEAD", "LOCK", "MOVE", "POLL", "POST", "BCOPY", "BMOVE", "MKCOL", "TRACE", "PATCH", "LABEL", "MERGE"].map((m) => [m, HttpType.REQUEST] as const),
  ...["DELETE", "SEARCH", "UNLOCK", "REPORT", "UPDATE", "BDELETE", "CONNECT", "OPTIONS", "CHECKIN", "PROPFIND", "CHECKOUT", "CCM_POST"].map((m) => [m, HttpType.REQUEST] as const),
  ...["PROPPATCH", "BPROPFIND", "BPROPPATCH", "UNCHECKOUT", "MKACTIVITY", "MKWORKSPACE", "RPC_CONNECT", "RPC_IN_DATA", "RPC_OUT_DATA"].map((m) => [m, HttpType.REQUEST] as const),
  ...["VERSION-CONTROL", "BASELINE-CONTROL", "SSTP_DUPLEX_POST"].map((m) => [m, HttpType.REQUEST] as const),
  ...["NOTIFY", "SUBSCRIBE", "UNSUBSCRIBE"].map((m) => [m, HttpType.NOTIFICATION] as const),
]);
const LONGEST_METHOD = 16;

/** What a line is, and where its method is (requests and notifications). */
export interface FirstLine {
  type: HttpType;
  /** Offset of the method (after an RFC 2774 "M-" prefix). */
  methodStart: number;
  methodLen: number;
}

function startsWith(d: Uint8Array, at: number, end: number, s: string): boolean {
  if (end - at < s.length) return false;
  for (let i = 0; i < s.length; i++) if (d[at + i] !== s.charCodeAt(i)) return false;
  return true;
}

/**
 * is_http_request_or_reply: a line starting "HTTP/" or "ICY" is a response;
 * one whose first word is a known method is a request (or a notification).
 * The method is recorded in the conversation when `conv` is given (Wireshark
 * does that while it reads the lines, not on the first look).
 */
export function classifyLine(d: Uint8Array, at: number, end: number, conv: HttpConv | null): FirstLine | null {
  if (startsWith(d, at, end, "M-")) at += 2; // RFC 2774 mandatory extension prefix
  if (startsWith(d, at, end, "HTTP/") || startsWith(d, at, end, "ICY")) return { type: HttpType.RESPONSE, methodStart: at, methodLen: 0 };
  let i = at;
  while (i < end && d[i] !== 0x20) i++;
  const n = i - at;
  if (n < 3 || n > LONGEST_METHOD) return null;
  const type = METHODS.get(ascii(d, at, i));
  if (type === undefined) return null;
  if (conv) conv.requestMethod = ascii(d, at, i);
  return { type, methodStart: at, methodLen: n };
}

/** get_token_len: a token ends at a blank, CR or LF; the blanks after it are skipped. Returns [token end, next token]. */
export function token(d: Uint8Array, at: number, lineEnd: number): [number, number] {
  let p = at;
  while (p < lineEnd && d[p] !== 0x20 && d[p] !== 0x0d && d[p] !== 0x0a) p++;
  let next = p;
  while (next < lineEnd && d[next] === 0x20) next++;
  return [p, next];
}

/** parse_http_status_code: the three-digit code of a status line, 0 when there is none. */
export function statusCode(d: Uint8Array, at: number, lineEnd: number): number {
  const [vEnd, next] = token(d, at, lineEnd);
  if (vEnd === at) return 0;
  const [cEnd] = token(d, next, lineEnd);
  if (cEnd - next !== 3) return 0;
  const s = ascii(d, next, cEnd);
  return /^[+-]?\d+$/.test(s) ? parseInt(s, 10) : 0;
}

/**
 * The message's request or status line item: a subtree whose text is the
 * line, and its chat expert item, filed under `protocol` (the carrier's,
 * "SSDP" for M-SEARCH and NOTIFY over UDP 1900, as tshark files it).
 */
export function firstLineItems(pinfo: PacketInfo, d: Uint8Array, at: number, lineEnd: number, next: number, line: FirstLine, conv: HttpConv, stat: MessageFacts, protocol: string): void {
  const tree = pinfo.tree;
  const text = formatText(d, at, next);
  tree.open(textItemField, at, next - at, null, text);
  expert(pinfo, at, next - at, "chat", text, "Sequence", protocol);
  if (line.type === HttpType.RESPONSE) responseLine(pinfo, d, at, lineEnd, conv, stat);
  else requestLine(pinfo, d, at, lineEnd, conv, stat); // the method field keeps an "M-" prefix
  tree.close();
}

/** What one message told about itself while it was read (Wireshark's stat_info). */
export interface MessageFacts {
  requestUri: string | null;
  host: string | null;
  responseCode: number;
}

/** basic_request_dissector. */
function requestLine(pinfo: PacketInfo, d: Uint8Array, at: number, lineEnd: number, conv: HttpConv, stat: MessageFacts): void {
  const tree = pinfo.tree;
  const [mEnd, afterMethod] = token(d, at, lineEnd);
  if (mEnd === at) return;
  let next = afterMethod;
  tree.add(F["request.method"], at, mEnd - at, ascii(d, at, mEnd));
  // Two spaces after the method: an empty URI.
  if (next - at > 2 && d[next - 1] === 0x20 && d[next - 2] === 0x20) next--;
  const uriAt = next;
  const [uEnd, vAt] = token(d, uriAt, lineEnd);
  const uri = ascii(d, uriAt, uEnd);
  stat.requestUri = uri;
  conv.requestUri = uri;
  const q = uri.indexOf("?");
  if (q >= 0 && uri.length - q > 1) {
    tree.open(F["request.uri"], uriAt, uEnd - uriAt, uri);
    tree.add(F["request.uri.path"], uriAt, q, uri.slice(0, q));
    const query = uri.slice(q + 1);
    tree.open(F["request.uri.query"], uriAt + q + 1, query.length, query);
    let o = uriAt + q + 1;
    // strtok: empty parameters between '&'s are skipped
    for (const p of query.split("&")) {
      if (p) tree.add(F["request.uri.query.parameter"], o, p.length, p);
      o += p.length + 1;
    }
    tree.close();
    tree.close();
  } else {
    tree.add(F["request.uri"], uriAt, uEnd - uriAt, uri);
  }
  tree.add(F["request.version"], vAt, lineEnd - vAt, ascii(d, vAt, lineEnd));
}

/** basic_response_dissector. */
function responseLine(pinfo: PacketInfo, d: Uint8Array, at: number, lineEnd: number, conv: HttpConv, stat: MessageFacts): void {
  const tree = pinfo.tree;
  const [vEnd, next] = token(d, at, lineEnd);
  if (vEnd === at) return;
  tree.add(F["response.version"], at, vEnd - at, ascii(d, at, vEnd));
  const [cEnd, pAt] = token(d, next, lineEnd);
  if (cEnd - next < 3) return;
  // strtoul on the first three characters
  const m = /^\s*\+?(\d+)/.exec(ascii(d, next, next + 3));
  const code = m ? parseInt(m[1]!, 10) : 0;
  stat.responseCode = code;
  conv.responseCode = code;
  tree.add(F["response.code"], next, 3, code);
  tree.add(F["response.code.desc"], next, 3, STATUS_NAMES.get(code) ?? `Unknown (${code})`, GENERATED);
  if (lineEnd > pAt) tree.add(F["response.phrase"], pAt, lineEnd - pAt, ascii(d, pAt, lineEnd));
}
