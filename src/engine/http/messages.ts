/**
 * HTTP/1.x messages in one direction of a TCP stream, found the way
 * Wireshark 4.0's HTTP dissector finds them with desegmentation on
 * (packet-http.c dissect_http_message, req_resp_hdrs.c): a first line that
 * is a request (a known method) or a response ("HTTP/1.x"), header lines up
 * to the empty line, then a body framed by Content-Length, the chunked
 * transfer coding (RFC 9112 §7.1), nothing (a request without either; a
 * response to HEAD, a 1xx, 204 or 304), or the rest of the connection (a
 * response without either, read to the sender's FIN: RFC 9112 §6.3 item 8).
 *
 * Bytes that do not start a message are Wireshark's "Continuation": the
 * rest of that segment is skipped and the next segment is tried.
 */
import { findLineEnd as lineEnd, readChunked } from "../dissect/protocols/http/body";

/** The request methods Wireshark's is_http_request_or_reply knows (RTSP, SSDP's NOTIFY and M-SEARCH included). */
const METHODS = new Set(
  (
    "GET POST HEAD PUT DELETE OPTIONS TRACE CONNECT PATCH POLL COPY MOVE LOCK UNLOCK MKCOL PROPFIND PROPPATCH " +
    "SEARCH REPORT MERGE LABEL UPDATE CHECKIN CHECKOUT UNCHECKOUT MKACTIVITY MKWORKSPACE NOTIFY SUBSCRIBE " +
    "UNSUBSCRIBE BCOPY BDELETE BMOVE BPROPFIND BPROPPATCH CCM_POST RPC_CONNECT RPC_IN_DATA RPC_OUT_DATA ICY M-SEARCH"
  ).split(" "),
);

export type HttpMessageKind = "request" | "response";

/** One message, offsets in its direction's byte stream (stream offsets as Follow counts them). */
export interface HttpMessage {
  kind: HttpMessageKind;
  /** Where the first line starts. */
  start: number;
  /** Where the body starts (after the empty line). */
  bodyStart: number;
  /** Where the body (and the message) ends; for a chunked body, after the last CRLF. */
  end: number;
  /** Request: method and URI as sent; response: status code (0 when unreadable). */
  method: string;
  uri: string;
  status: number;
  /** Header values Wireshark keeps (the last one of each name wins, as it does). */
  host: string | null;
  /** Content-Type lowercased without parameters (Wireshark's headers.content_type). */
  contentType: string | null;
  contentEncoding: string | null;
  /** Transfer-Encoding other than chunked (gzip, deflate…: not decoded, as in Wireshark 4.0). */
  transferEncoding: string | null;
  chunked: boolean;
  /** How the body's end was found: none, Content-Length, the chunked coding, or the sender closing the connection. */
  framing: "none" | "length" | "chunked" | "close";
  /** The whole message is in the capture (no hole, body not cut short). */
  complete: boolean;
}

/** What a response's body depends on: the method of the request it answers (HEAD and CONNECT have none). */
export type RequestMethodAt = (responseStart: number) => string | null;

/** Bytes as Wireshark's ENC_ASCII strings: a byte past 0x7f becomes U+FFFD. */
function text(data: Uint8Array, from: number, to: number): string {
  let s = "";
  for (let i = from; i < to; i++) {
    const c = data[i]!;
    s += c < 0x80 ? String.fromCharCode(c) : "\ufffd";
  }
  return s;
}

/** The first line's kind and parts, or null when it is neither a request nor a response. */
export function parseFirstLine(line: string): { kind: HttpMessageKind; method: string; uri: string; status: number } | null {
  if (line.startsWith("HTTP/")) {
    const m = /^HTTP\/\d+\.\d+ +(\d{3})/.exec(line);
    return { kind: "response", method: "", uri: "", status: m ? Number(m[1]) : 0 };
  }
  const sp = line.indexOf(" ");
  if (sp <= 0 || !METHODS.has(line.slice(0, sp))) return null;
  const rest = line.slice(sp + 1);
  const sp2 = rest.indexOf(" ");
  return { kind: "request", method: line.slice(0, sp), uri: sp2 < 0 ? rest : rest.slice(0, sp2), status: 0 };
}

/** Header lines from `at` to the empty line: the values Wireshark keeps, and where the body starts (-1: headers cut short). */
function readHeaders(data: Uint8Array, at: number, end: number) {
  const h = {
    bodyStart: -1,
    host: null as string | null,
    contentType: null as string | null,
    contentEncoding: null as string | null,
    transferEncoding: null as string | null,
    chunked: false,
    contentLength: -1,
  };
  for (;;) {
    const l = lineEnd(data, at, end);
    if (!l) return h;
    if (l[0] === 0) {
      h.bodyStart = l[1];
      return h;
    }
    const line = text(data, at, at + l[0]);
    at = l[1];
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    switch (name) {
      case "host":
        h.host = value;
        break;
      case "content-type": {
        const semi = value.indexOf(";");
        h.contentType = (semi < 0 ? value : value.slice(0, semi)).trim().toLowerCase();
        break;
      }
      case "content-encoding":
        h.contentEncoding = value;
        break;
      case "transfer-encoding":
        // Wireshark: "chunked" (case-insensitive prefix) is the chunked coding; anything else a coding it leaves as data.
        if (value.toLowerCase().startsWith("chunked")) h.chunked = true;
        else h.transferEncoding = value;
        break;
      case "content-length":
        // ws_strtoi32 on the stripped value: digits only, non-negative, fits 31 bits.
        h.contentLength = /^\d{1,10}$/.test(value) && Number(value) <= 0x7fffffff ? Number(value) : -1;
        break;
    }
  }
}

/**
 * The messages of one direction. `data[k]` is stream byte k (holes zero);
 * `holeAt(from, to)` says whether any byte of [from, to) is missing;
 * `segmentAfter(offset)` is where the next segment starts after `offset`
 * (the end of the data when none); `ended` whether the direction ended with
 * a FIN (a body read to the end of the connection is complete only then).
 */
export function parseMessages(
  data: Uint8Array,
  holeAt: (from: number, to: number) => boolean,
  segmentAfter: (offset: number) => number,
  ended: boolean,
  requestMethodAt: RequestMethodAt,
): HttpMessage[] {
  const out: HttpMessage[] = [];
  const end = data.length;
  let at = 0;
  while (at < end) {
    const first = lineEnd(data, at, end);
    const parsed = first ? parseFirstLine(text(data, at, at + first[0])) : null;
    if (!first || !parsed) {
      // Continuation: Wireshark gives the rest of the segment to the data dissector.
      const next = segmentAfter(at);
      if (next <= at) break;
      at = next;
      continue;
    }
    const h = readHeaders(data, first[1], end);
    if (h.bodyStart < 0) break; // headers never end: Wireshark waits for more
    let bodyEnd: number;
    let complete = true;
    let framing: HttpMessage["framing"] = "none";
    const noBody =
      parsed.kind === "response" &&
      (((m) => m === "HEAD" || (m === "CONNECT" && Math.floor(parsed.status / 100) === 2))(requestMethodAt(at)) ||
        Math.floor(parsed.status / 100) === 1 ||
        parsed.status === 204 ||
        parsed.status === 304);
    if (noBody) {
      bodyEnd = h.bodyStart;
    } else if (h.chunked) {
      const c = readChunked(data, h.bodyStart, end);
      bodyEnd = h.bodyStart + c.consumed;
      framing = "chunked";
      complete = c.complete && c.lastCrlf !== null;
    } else if (h.contentLength >= 0) {
      bodyEnd = h.bodyStart + h.contentLength;
      framing = "length";
      if (bodyEnd > end) {
        bodyEnd = end;
        complete = false;
      }
    } else if (parsed.kind === "request") {
      bodyEnd = h.bodyStart;
    } else {
      bodyEnd = end;
      framing = "close";
      complete = ended;
    }
    if (holeAt(at, bodyEnd)) complete = false;
    out.push({
      kind: parsed.kind,
      start: at,
      bodyStart: h.bodyStart,
      end: bodyEnd,
      method: parsed.method,
      uri: parsed.uri,
      status: parsed.status,
      host: h.host,
      contentType: h.contentType,
      contentEncoding: h.contentEncoding,
      transferEncoding: h.transferEncoding,
      chunked: h.chunked,
      framing,
      complete,
    });
    if (!complete) break;
    at = bodyEnd;
  }
  return out;
}
