/**
 * Session Initiation Protocol (RFC 3261) as Wireshark 4.0's packet-sip.c
 * shows it: UDP and TCP port 5060 and the "sip_udp"/"sip_tcp" heuristics
 * (enabled by default), a request or status line, the header lines, and a
 * body handed on by Content-Type (application/sdp to SDP).
 *
 * Info is "Request: <method> <uri>" ("Unknown request: " for a method not in
 * Wireshark's list), or "Status: <code> <reason>"; REGISTER requests and 2xx
 * responses add their bindings, a 200 response its CSeq method, and every
 * message that was dissected to its end adds " | " (Wireshark's separator for
 * several messages in one frame). Wireshark stops quietly at a CSeq with no
 * method or a method longer than 16 bytes (no " | "), and throws when the
 * last header line runs to the end of the data with no line end: the
 * "header not terminated" expert item it adds there has no byte to point at.
 */
import { register, registerHeuristic, type Dissector } from "../../dissector";
import { defineField } from "../../field";
import { enterLayer, expert, malformed } from "../../common";
import { cText } from "./c-string";
import { formatText } from "../../format-text";
import type { PacketInfo } from "../../packet-info";
import { findLineEnd, line } from "../text-lines";
import { KNOWN_HEADERS, KNOWN_METHODS, sipFields as F } from "./fields";
import { isKnownSipHeader } from "./headers";
import { strayCharacters } from "../../stray-characters";
import { countContacts, type ContactCount } from "./contacts";
import { sdp, sdpTransportExperts } from "../sdp/sdp";

const SIP_PORT = 5060;
const textField = defineField("_ws.text", { name: "Text item", type: "none" });
const SIP2 = "SIP/2.0";
/** Wireshark's MAX_CSEQ_METHOD_SIZE: g_strlcpy into it keeps at most 15 bytes. */
const MAX_CSEQ_METHOD_SIZE = 16;

const enum LineType {
  Other,
  Request,
  Status,
}

/** The first token's length, set by parseLine. */
let token1Len = 0;

function indexOf(data: Uint8Array, from: number, end: number, byte: number): number {
  for (let i = from; i < end; i++) if (data[i] === byte) return i;
  return -1;
}

function equalsAscii(data: Uint8Array, at: number, end: number, s: string): boolean {
  if (end - at < s.length) return false;
  for (let k = 0; k < s.length; k++) if (data[at + k] !== s.charCodeAt(k)) return false;
  return true;
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/**
 * sip_parse_line with strict_sip_version (the default). Its searches for the
 * spaces and the URI's colon run to the end of the data, not of the line.
 */
function parseLine(data: Uint8Array, offset: number, lineLen: number, end: number): LineType {
  const sp1 = indexOf(data, offset, end, 0x20);
  if (sp1 === -1 || sp1 === offset) return LineType.Other;
  const t1Len = sp1 - offset;
  const t2 = sp1 + 1;
  const sp2 = indexOf(data, t2, end, 0x20);
  if (sp2 === -1) return LineType.Other;
  const t2Len = sp2 - t2;
  const t3 = sp2 + 1;
  const t3Len = offset + lineLen - t3;
  token1Len = t1Len;
  if (t1Len === SIP2.length && equalsAscii(data, offset, end, SIP2)) {
    if (t2Len !== 3) return LineType.Other;
    return isDigit(data[t2]!) && isDigit(data[t2 + 1]!) && isDigit(data[t2 + 2]!) ? LineType.Status : LineType.Other;
  }
  if (t2Len < 3) return LineType.Other;
  const colon = indexOf(data, t2 + 1, end, 0x3a);
  if (colon === -1 || colon >= t3) return LineType.Other;
  if (t3Len !== SIP2.length || !equalsAscii(data, t3, end, SIP2)) return LineType.Other;
  return LineType.Request;
}

/** What the header lines tell the Info column and the body. */
interface Message {
  contentLength: number;
  mediaType: string | null;
  cseqMethod: string;
  contacts: ContactCount;
  contactIsStar: boolean;
  expiresIs0: boolean;
}

const isWsp = (c: number): boolean => c === 0x20 || c === 0x09;

/** strtoul(value, NULL, 10) as SIP's integer headers read it: leading digits after blanks, 0 when none. */
function leadingNumber(data: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end && isWsp(data[i]!)) i++;
  let n = 0;
  while (i < end && isDigit(data[i]!)) n = (n * 10 + data[i++]! - 0x30) % 0x100000000;
  return n;
}

/** Set by strictNumber: whether ws_strtou32 accepted the value. */
let numberValid = false;

/**
 * ws_strtou32 over the value as a C string (up to a NUL): the whole of it
 * must be a number, else 0 and numberValid false ("Invalid content_length").
 */
function strictNumber(data: Uint8Array, start: number, end: number): number {
  let stop = start;
  while (stop < end && data[stop] !== 0) stop++;
  numberValid = false;
  if (start >= stop) return 0;
  for (let i = start; i < stop; i++) if (!isDigit(data[i]!)) return 0;
  const n = Number(cText(data, start, stop));
  if (n > 0xffffffff) return 0;
  numberValid = true;
  return n;
}

/**
 * The CSeq header: the number, then the method after it. Returns false where
 * Wireshark returns from the message (no method, or a method too long).
 */
function cseq(data: Uint8Array, valueOffset: number, valueEnd: number, pinfo: PacketInfo, msg: Message): boolean {
  const tree = pinfo.tree;
  let sub = valueOffset;
  while (sub < valueEnd && isDigit(data[sub]!)) sub++;
  if (sub < valueEnd) tree.add(F["CSeq.seq"], valueOffset, sub - valueOffset, leadingNumber(data, valueOffset, valueEnd));
  while (sub < valueEnd && !isAlpha(data[sub]!)) sub++;
  if (sub === valueEnd) return false;
  if (valueEnd - sub > MAX_CSEQ_METHOD_SIZE) return false;
  msg.cseqMethod = cText(data, sub, Math.min(valueEnd, sub + MAX_CSEQ_METHOD_SIZE - 1));
  tree.add(F["CSeq.method"], sub, valueEnd - sub, tree.wants(F["CSeq.method"]) ? cText(data, sub, valueEnd) : null);
  strayCharacters(pinfo, F["CSeq.method"], data, sub, valueEnd, "SIP");
  return true;
}

const isAlpha = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/** The header name lower-cased (ASCII), as ascii_strdown_inplace leaves it. */
function lowerName(data: Uint8Array, start: number, end: number): string {
  let s = "";
  for (let i = start; i < end; i++) {
    const c = data[i]!;
    s += String.fromCharCode(c >= 0x41 && c <= 0x5a ? c + 0x20 : c);
  }
  return s;
}

/** The header name as packet-sip.c looks it up: UTF-8 up to a NUL, ASCII letters lower-cased. */
function headerName(data: Uint8Array, start: number, end: number): string {
  return cText(data, start, end).replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x20));
}

/**
 * One header line at [offset, lineEnd) (folded lines included) whose item
 * spans to `next`. Returns false where Wireshark returns from the message.
 */
function header(data: Uint8Array, offset: number, lineEnd: number, next: number, pinfo: PacketInfo, msg: Message): boolean {
  const colon = indexOf(data, offset, lineEnd, 0x3a);
  if (colon === -1) {
    // ei_sip_header_no_colon, on the Message Header item: a warning, not an exception.
    expert(pinfo, offset, lineEnd - offset, "warn", "Header has no colon after the name", "Malformed", "SIP");
    return true;
  }
  const name = headerName(data, offset, colon);
  const known = isKnownSipHeader(name, colon - offset);
  const key = known ? KNOWN_HEADERS.get(name) : undefined;
  const tree = pinfo.tree;
  // Wireshark labels every header item with the line as it reads.
  const label = tree.detailed ? formatText(data, offset, lineEnd) : undefined;
  if (key === undefined) {
    tree.open(textField, offset, next - offset, null, label);
    // A name not in Wireshark's table (and no extension-header dissector for it): a note under the line's item.
    if (!known) expert(pinfo, offset, next - offset, "note", `Unrecognised SIP header (${name})`, "Undecoded", "SIP");
    tree.close();
    return true;
  }
  let valueOffset = colon + 1;
  while (valueOffset < lineEnd && isWsp(data[valueOffset]!)) valueOffset++;
  const f = F[key];
  switch (key) {
    case "CSeq": {
      tree.open(f, offset, next - offset, tree.wants(f) ? cText(data, valueOffset, lineEnd) : null, label);
      const go = cseq(data, valueOffset, lineEnd, pinfo, msg);
      tree.close();
      return go;
    }
    case "Expires":
      // tvb_strneql(value, "0", value_len): only "0" itself (or nothing) compares equal.
      if (lineEnd === valueOffset || (lineEnd - valueOffset === 1 && data[valueOffset] === 0x30)) msg.expiresIs0 = true;
      tree.add(f, offset, next - offset, leadingNumber(data, valueOffset, lineEnd), 0, label);
      return true;
    case "Max-Forwards":
      tree.add(f, offset, next - offset, leadingNumber(data, valueOffset, lineEnd), 0, label);
      return true;
    case "Content-Length":
      msg.contentLength = strictNumber(data, valueOffset, lineEnd);
      tree.add(f, offset, next - offset, msg.contentLength, 0, label);
      // ei_sip_content_length_invalid; the length is then 0 (no body), as ws_strtou32 leaves it.
      if (!numberValid) expert(pinfo, offset, next - offset, "note", "Invalid content_length", "Malformed", "SIP");
      return true;
    case "Content-Type": {
      const semi = indexOf(data, valueOffset, lineEnd, 0x3b);
      let typeEnd = semi === -1 ? lineEnd : semi;
      while (typeEnd > valueOffset && isWsp(data[typeEnd - 1]!)) typeEnd--;
      msg.mediaType = lowerName(data, valueOffset, typeEnd);
      break;
    }
    case "Contact":
      if (data[valueOffset] === 0x2a) msg.contactIsStar = true;
      else countContacts(data, valueOffset, lineEnd, msg.contacts);
      break;
  }
  tree.add(f, offset, next - offset, tree.wants(f) ? cText(data, valueOffset, lineEnd) : null, 0, label);
  return true;
}

const plural = (n: number): string => (n === 1 ? "" : "s");

/** The bindings a REGISTER request or its 2xx response reports in Info. */
function registerInfo(pinfo: PacketInfo, isRequest: boolean, msg: Message): void {
  const c = msg.contacts;
  const expires0 = c.expires0 + (msg.expiresIs0 ? c.expiresUnknown : 0);
  if (isRequest) {
    if (msg.contactIsStar && msg.expiresIs0) pinfo.info += "  (remove all bindings)";
    else if (expires0 > 0) {
      pinfo.info += `  (remove ${expires0} binding${plural(expires0)})`;
      if (c.contacts > expires0) pinfo.info += ` (add ${c.contacts - expires0} binding${plural(c.contacts - expires0)})`;
    } else if (!c.contacts) pinfo.info += "  (fetch bindings)";
    else pinfo.info += `  (${c.contacts} binding${plural(c.contacts)})`;
  } else if (expires0 > 0) {
    pinfo.info += `  (removed ${expires0} binding${plural(expires0)})`;
    if (c.contacts > expires0) pinfo.info += ` (${c.contacts - expires0} binding${plural(c.contacts - expires0)} kept)`;
  } else pinfo.info += `  (${c.contacts} binding${plural(c.contacts)})`;
}

/**
 * dissect_sip_common for one message at [offset, end): bytes used, or 0 when
 * the data does not start with a request or status line.
 */
export function dissectSipMessage(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo, continuing = false): number {
  // Cheap rejection first: a printable first byte, then a first line without NUL that parses.
  if (offset >= end || data[offset]! < 0x20 || data[offset]! > 0x7e) return 0;
  // A request or status line has its first space before any CR, LF or NUL: most payloads stop here.
  for (let i = offset; ; i++) {
    if (i >= end) return 0;
    const c = data[i]!;
    if (c === 0x20) break;
    if (c === 0x0d || c === 0x0a || c === 0) return 0;
  }
  findLineEnd(data, offset, end, false);
  const lineLen = line.len;
  let next = line.next;
  if (lineLen === 0 || indexOf(data, offset, offset + lineLen, 0) !== -1) return 0;
  const type = parseLine(data, offset, lineLen, end);
  if (type === LineType.Other) return 0;
  const methodLen = token1Len;

  enterLayer(pinfo, "sip");
  pinfo.protocol = "SIP";
  const cols = pinfo.wantColumns;
  const isRequest = type === LineType.Request;
  const method = isRequest ? ascii(data, offset, offset + methodLen) : "";
  if (cols) {
    // A later message in the same segment writes after the earlier ones (Wireshark's column fence).
    pinfo.info = (continuing ? pinfo.info : "") + (isRequest
      ? `${KNOWN_METHODS.has(method) ? "Request" : "Unknown request"}: ${formatText(data, offset, offset + lineLen - SIP2.length - 1)}`
      : `Status: ${formatText(data, offset + SIP2.length + 1, offset + lineLen)}`);
  }
  const tree = pinfo.tree;
  tree.open(F[""], offset, end - offset, null, tree.detailed || tree.wants(F[""]) ? "Session Initiation Protocol" : undefined);
  let statusCode = 0;
  if (isRequest) {
    tree.open(F["Request-Line"], offset, lineLen, tree.wants(F["Request-Line"]) ? cText(data, offset, offset + lineLen) : null);
    tree.add(F.Method, offset, methodLen, method);
    const uri = offset + methodLen + 1;
    const uriEnd = offset + lineLen - SIP2.length - 1;
    tree.add(F["r-uri"], uri, uriEnd - uri, tree.wants(F["r-uri"]) ? cText(data, uri, uriEnd) : null);
  } else {
    const code = offset + SIP2.length + 1;
    statusCode = (data[code]! - 0x30) * 100 + (data[code + 1]! - 0x30) * 10 + (data[code + 2]! - 0x30);
    tree.open(F["Status-Line"], offset, lineLen, tree.wants(F["Status-Line"]) ? cText(data, offset, offset + lineLen) : null);
    tree.add(F["Status-Code"], code, 3, statusCode);
  }
  tree.close();

  let at = next;
  tree.open(F.msg_hdr, at, end - at, tree.wants(F.msg_hdr) ? cText(data, at, end) : null, tree.detailed ? "Message Header" : undefined);
  // The item is a UTF-8 string over the rest of the message: a NUL anywhere in the headers leaves bytes out.
  strayCharacters(pinfo, F.msg_hdr, data, at, end, "SIP");
  const msg: Message = { contentLength: -1, mediaType: null, cseqMethod: "", contacts: { contacts: 0, expires0: 0, expiresUnknown: 0 }, contactIsStar: false, expiresIs0: false };
  while (at < end) {
    findLineEnd(data, at, end, false);
    let linelen = line.len;
    next = line.next;
    if (linelen === 0) {
      at = next; // the blank line before the body
      break;
    }
    let lineEnd = at + linelen;
    const notTerminated = next >= end;
    if (!notTerminated) {
      // A line starting with a blank continues the header (RFC 3261 §7.3.1).
      while (next < end && isWsp(data[next]!)) {
        linelen += next - lineEnd;
        findLineEnd(data, next, end, false);
        linelen += line.len;
        next = line.next;
        lineEnd = at + linelen;
      }
    }
    if (!header(data, at, lineEnd, next, pinfo, msg)) {
      tree.close();
      tree.close();
      return at - offset || 1;
    }
    if (notTerminated) {
      if (lineEnd >= end) {
        // ei_sip_header_not_terminated at the end of the data with length -1: a bounds exception.
        tree.close();
        tree.close();
        malformed(pinfo, "SIP", end, "header not terminated");
        return end - offset;
      }
      // The last line ends with its CR or LF but no empty line follows (RFC 3261 §7: CRLF ends the headers).
      expert(pinfo, lineEnd, end - lineEnd, "warn", "Header not terminated by empty line (CRLF)", "Malformed", "SIP");
    }
    at = next;
  }
  tree.close();

  let bodyLen = end - at;
  if (msg.contentLength !== -1 && bodyLen > msg.contentLength) bodyLen = msg.contentLength;
  if (cols) {
    if (isRequest && method === "REGISTER") registerInfo(pinfo, true, msg);
    if (!isRequest) {
      if (statusCode === 200) pinfo.info += ` (${msg.cseqMethod})`;
      if (msg.cseqMethod === "REGISTER" && statusCode > 199 && statusCode < 300) registerInfo(pinfo, false, msg);
    }
    pinfo.info += " | ";
  }
  if (bodyLen > 0) {
    tree.open(F.msg_body, at, bodyLen, null, tree.detailed ? "Message Body" : undefined);
    if (msg.mediaType === "application/sdp") {
      // setup_sdp_transport reads an offer (a request) or an answer (2xx, or >= 400 to reject) first, on the first pass.
      if (!pinfo.visited && (isRequest || statusCode >= 400 || (statusCode >= 200 && statusCode <= 299))) sdpTransportExperts(data, at, at + bodyLen, pinfo);
      sdp(data, at, at + bodyLen, pinfo);
    }
    tree.close();
  }
  // Only a message dissected to its end names its method or code on the protocol item.
  if (tree.detailed) tree.setLabel(`Session Initiation Protocol (${isRequest ? method : statusCode})`);
  tree.close();
  return at + bodyLen - offset;
}

function ascii(data: Uint8Array, start: number, end: number): string {
  let s = "";
  for (let i = start; i < end; i++) s += String.fromCharCode(data[i]!);
  return s;
}

/** SIP over UDP (port 5060 and the sip_udp heuristic): one message per datagram. */
export const sip: Dissector = {
  name: "sip",
  dissect: dissectSipMessage,
};

/**
 * SIP over TCP: messages one after another in a segment (dissect_sip_tcp).
 * Not yet reassembled across segments.
 */
export const sipTcp: Dissector = {
  name: "sip",
  dissect(data, offset, end, pinfo) {
    const first = dissectSipMessage(data, offset, end, pinfo);
    if (first === 0) return 0;
    let at = offset + first;
    while (at < end && !pinfo.malformed) {
      const n = dissectSipMessage(data, at, end, pinfo, true);
      if (n === 0) break;
      at += n;
    }
    return end - offset;
  },
};

register("udp.port", SIP_PORT, sip);
register("tcp.port", SIP_PORT, sipTcp);
registerHeuristic("udp", sip);
registerHeuristic("tcp", sipTcp);
