/**
 * One header line (Wireshark 4.0's process_header): the known headers as
 * their own fields (the line as the item's text, and a hidden
 * http.request.line / http.response.line beside it), the others as request
 * or response lines (or http.unknown_header in notifications), and what the
 * message needs to know about its body: Content-Type, Content-Length,
 * Content-Encoding, Transfer-Encoding, Host, Upgrade.
 */
import { ascii, expert } from "../../common";
import type { FieldDef } from "../../field";
import { formatText } from "../../format-text";
import type { PacketInfo } from "../../packet-info";
import { GENERATED, HIDDEN } from "../../tree";
import type { HttpConv } from "./conversation";
import { httpFields as F } from "./fields";
import { HttpType, type MessageFacts } from "./first-line";
import { asciiField } from "../ftp-data";

/** Transfer codings besides chunked (HTTP_TE_*). */
export const enum TransferCoding {
  NONE,
  UNKNOWN,
  COMPRESS,
  DEFLATE,
  GZIP,
  IDENTITY,
}

/** What the headers say about the body (headers_t). */
export class BodyHeaders {
  /**
   * `protocol`: the short name the message's expert items go under, the
   * carrier's ("HTTP", "SSDP"): Wireshark files an item under
   * pinfo->current_proto, the protocol of the dissector handle that was
   * called, and SSDP's handle runs HTTP's message code.
   */
  constructor(readonly protocol = "HTTP") {}
  /** Lower-cased media type without parameters (null: no Content-Type). */
  contentType: string | null = null;
  contentTypeParameters: string | null = null;
  contentLength = -1;
  contentEncoding: string | null = null;
  chunked = false;
  transfer = TransferCoding.NONE;
  upgrade: string | null = null;
}

const enum Special {
  NONE,
  AUTHORIZATION,
  AUTHENTICATE,
  CONTENT_TYPE,
  CONTENT_LENGTH,
  CONTENT_ENCODING,
  TRANSFER_ENCODING,
  HOST,
  UPGRADE,
  COOKIE,
}

/** The headers Wireshark gives fields of their own, by lower-case name. */
const KNOWN: ReadonlyMap<string, readonly [FieldDef, Special]> = new Map<string, readonly [FieldDef, Special]>([
  ["authorization", [F.authorization, Special.AUTHORIZATION]],
  ["proxy-authorization", [F.proxy_authorization, Special.AUTHORIZATION]],
  ["proxy-authenticate", [F.proxy_authenticate, Special.AUTHENTICATE]],
  ["www-authenticate", [F.www_authenticate, Special.AUTHENTICATE]],
  ["content-type", [F.content_type, Special.CONTENT_TYPE]],
  ["content-length", [F.content_length_header, Special.CONTENT_LENGTH]],
  ["content-encoding", [F.content_encoding, Special.CONTENT_ENCODING]],
  ["transfer-encoding", [F.transfer_encoding, Special.TRANSFER_ENCODING]],
  ["upgrade", [F.upgrade, Special.UPGRADE]],
  ["user-agent", [F.user_agent, Special.NONE]],
  ["host", [F.host, Special.HOST]],
  ["connection", [F.connection, Special.NONE]],
  ["cookie", [F.cookie, Special.COOKIE]],
  ["accept", [F.accept, Special.NONE]],
  ["referer", [F.referer, Special.NONE]],
  ["accept-language", [F.accept_language, Special.NONE]],
  ["accept-encoding", [F.accept_encoding, Special.NONE]],
  ["date", [F.date, Special.NONE]],
  ["cache-control", [F.cache_control, Special.NONE]],
  ["server", [F.server, Special.NONE]],
  ["location", [F.location, Special.NONE]],
  ["sec-websocket-accept", [F.sec_websocket_accept, Special.NONE]],
  ["sec-websocket-extensions", [F.sec_websocket_extensions, Special.NONE]],
  ["sec-websocket-key", [F.sec_websocket_key, Special.NONE]],
  ["sec-websocket-protocol", [F.sec_websocket_protocol, Special.NONE]],
  ["sec-websocket-version", [F.sec_websocket_version, Special.NONE]],
  ["set-cookie", [F.set_cookie, Special.NONE]],
  ["last-modified", [F.last_modified, Special.NONE]],
  ["x-forwarded-for", [F.x_forwarded_for, Special.NONE]],
  ["http2-settings", [F.http2_settings, Special.NONE]],
]);

/** RFC 9110 §5.6.2 tchar (Wireshark's list also allows ':' and '\'). */
function isTokenChar(c: number): boolean {
  if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) return true;
  return "!#$%&\\:*+-.^_`|~".includes(String.fromCharCode(c)) && c !== 0;
}

function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

/** The line as a request/response line item (hidden beside a known header's field). */
function lineItem(pinfo: PacketInfo, d: Uint8Array, at: number, next: number, type: HttpType, flags: number, label: string | undefined): void {
  const tree = pinfo.tree;
  const f = type === HttpType.RESPONSE ? F["response.line"] : F["request.line"];
  if (!tree.detailed && !tree.wants(f)) return;
  tree.add(f, at, next - at, ascii(d, at, next), flags, label);
}

/**
 * process_header for the line data[at, next) whose text ends at lineEnd and
 * whose colon is at `colon`.
 */
export function processHeader(pinfo: PacketInfo, d: Uint8Array, at: number, lineEnd: number, next: number, colon: number, type: HttpType, h: BodyHeaders, conv: HttpConv, stat: MessageFacts): void {
  const tree = pinfo.tree;
  const label = tree.detailed ? formatText(d, at, next) : undefined;
  let valid = colon > at;
  for (let i = at; valid && i < colon; i++) if (!isTokenChar(d[i]!)) valid = false;
  if (!valid) {
    const f = type === HttpType.REQUEST ? F["request.line"] : type === HttpType.RESPONSE ? F["response.line"] : F.unknown_header;
    tree.add(f, at, next - at, ascii(d, at, next), 0, label);
    expert(pinfo, at, next - at, "warn", "Illegal characters found in header name", "Protocol", h.protocol);
    return;
  }
  const name = ascii(d, at, colon).toLowerCase();
  let valueAt = colon + 1;
  while (valueAt < lineEnd && (d[valueAt] === 0x20 || d[valueAt] === 0x09)) valueAt++;
  const known = KNOWN.get(name);
  if (!known) {
    if (type === HttpType.REQUEST || type === HttpType.RESPONSE) lineItem(pinfo, d, at, next, type, 0, label);
    else if (tree.detailed || tree.wants(F.unknown_header)) tree.add(F.unknown_header, at, next - at, formatText(d, at, next), 0, label);
    return;
  }
  const [field, special] = known;
  const value = asciiField(d, valueAt, lineEnd);
  const hasChildren = special === Special.CONTENT_LENGTH || special === Special.COOKIE || special === Special.AUTHORIZATION;
  if (hasChildren) tree.open(field, at, next - at, value, label);
  else tree.add(field, at, next - at, value, 0, label);
  switch (special) {
    case Special.CONTENT_LENGTH:
      contentLength(pinfo, value, at, next, h);
      break;
    case Special.COOKIE:
      cookiePairs(pinfo, value, valueAt);
      break;
    case Special.AUTHORIZATION:
      basicCredentials(pinfo, value, at, next);
      break;
  }
  if (hasChildren) tree.close();
  if (type === HttpType.REQUEST || type === HttpType.RESPONSE) lineItem(pinfo, d, at, next, type, HIDDEN, label);
  switch (special) {
    case Special.CONTENT_TYPE:
      contentType(value, h);
      break;
    case Special.CONTENT_ENCODING:
      h.contentEncoding = value;
      break;
    case Special.TRANSFER_ENCODING:
      if (h.contentLength >= 0) expert(pinfo, at, next - at, "warn", "The Content-Length and Transfer-Encoding header must not be set together", "Malformed", h.protocol);
      if (!transferCoding(value, h)) expert(pinfo, at, next - at, "warn", "Unknown transfer coding name in Transfer-Encoding header", "Undecoded", h.protocol);
      break;
    case Special.HOST:
      stat.host = value;
      conv.httpHost = value;
      break;
    case Special.UPGRADE:
      h.upgrade = value.toLowerCase();
      break;
  }
}

/** g_ascii_strtoll on the value: digits after optional blanks and sign, then only blanks may follow. */
function contentLength(pinfo: PacketInfo, value: string, at: number, next: number, h: BodyHeaders): void {
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)([\s\S]*)$/.exec(value);
  if (!m || (m[2]!.length > 0 && !isSpace(m[2]!.charCodeAt(0)))) {
    h.contentLength = -1;
    return;
  }
  const n = Number(m[1]);
  if (n < 0 || !Number.isSafeInteger(n)) {
    h.contentLength = -1;
    return;
  }
  h.contentLength = n;
  pinfo.tree.add(F.content_length, at, next - at, BigInt(n), GENERATED);
  if (h.transfer !== TransferCoding.NONE) expert(pinfo, at, next - at, "warn", "The Content-Length and Transfer-Encoding header must not be set together", "Malformed", h.protocol);
}

/** The media type up to ';' or white space, lower-cased; the parameters after the separators. */
function contentType(value: string, h: BodyHeaders): void {
  let i = 0;
  while (i < value.length && value[i] !== ";" && !isSpace(value.charCodeAt(i))) i++;
  h.contentType = value.slice(0, i).toLowerCase();
  i++;
  while (i < value.length && (value[i] === ";" || isSpace(value.charCodeAt(i)))) i++;
  h.contentTypeParameters = i < value.length ? value.slice(i) : null;
}

/** http_parse_transfer_coding: chunked plus at most one other coding (prefix matches, case-sensitive); false when something was not understood. */
function transferCoding(value: string, h: BodyHeaders): boolean {
  h.transfer = TransferCoding.UNKNOWN;
  const names: readonly [string, TransferCoding][] = [
    ["compress", TransferCoding.COMPRESS],
    ["deflate", TransferCoding.DEFLATE],
    ["gzip", TransferCoding.GZIP],
    ["identity", TransferCoding.IDENTITY],
    ["x-compress", TransferCoding.COMPRESS],
    ["x-gzip", TransferCoding.GZIP],
  ];
  let fully = true;
  let i = 0;
  while (i < value.length) {
    while (value[i] === " " || value[i] === "\t" || value[i] === ",") i++;
    if (i >= value.length) break;
    if (value.startsWith("chunked", i)) {
      h.chunked = true;
      i += 7;
      continue;
    }
    if (h.transfer !== TransferCoding.UNKNOWN) return false; // no more codings expected
    const known = names.find(([n]) => value.startsWith(n, i));
    if (known) {
      h.transfer = known[1];
      i += known[0].length;
      continue;
    }
    // An unknown name: skip to the next comma.
    fully = false;
    const comma = value.indexOf(",", i);
    if (comma < 0) break;
    i = comma;
  }
  return fully;
}

/** "name=value" pieces between ';' (and blanks) as http.cookie_pair. */
function cookiePairs(pinfo: PacketInfo, value: string, valueAt: number): void {
  const tree = pinfo.tree;
  if (!tree.detailed && !tree.wants(F.cookie_pair)) return;
  let i = 0;
  while (i < value.length) {
    while (i < value.length && (value[i] === ";" || isSpace(value.charCodeAt(i)))) i++;
    if (i >= value.length) break;
    const semi = value.indexOf(";", i);
    const end = semi < 0 ? value.length : semi;
    tree.add(F.cookie_pair, valueAt + i, end - i, value.slice(i, end));
    i = end;
  }
}

/** check_auth_basic: "Basic <base64>" shows the decoded "user:password" as http.authbasic. */
function basicCredentials(pinfo: PacketInfo, value: string, at: number, next: number): void {
  const m = /^basic +(.*)$/i.exec(value);
  if (!m) return;
  let decoded: string;
  try {
    decoded = atob(m[1]!.trim());
  } catch {
    return;
  }
  pinfo.tree.add(F.authbasic, at, next - at, decoded);
}
