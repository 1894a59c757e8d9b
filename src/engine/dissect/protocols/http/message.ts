/**
 * One HTTP message (Wireshark 4.0's dissect_http_message): the first line
 * decides request, response or neither and sets the columns; TCP is asked
 * for more segments until the headers and the body are whole (desegment.ts);
 * then the lines become fields, requests and responses are paired, and the
 * body is de-chunked, decompressed and handed on by its media type.
 * Returns the bytes the message used, or -1 when nothing more can be read
 * here (not HTTP, or TCP was asked for more).
 */
import { dissectData, expert, markMalformed } from "../../common";
import type { FieldDef } from "../../field";
import { formatText } from "../../format-text";
import type { PacketInfo } from "../../packet-info";
import { GENERATED, HIDDEN } from "../../tree";
import { textItemField } from "../ftp-data";
import { decodeContent, findLineEnd } from "./body";
import { bodyChunks } from "./chunk-tree";
import { type HttpConv, httpState } from "./conversation";
import { needsMore } from "./desegment";
import { httpFields as F } from "./fields";
import { HttpType, type MessageFacts, classifyLine, firstLineItems, statusCode } from "./first-line";
import { BodyHeaders, TransferCoding, processHeader } from "./headers";
import { dissectBody } from "./media";
import { pairItems } from "./pairs";

/** How the message is carried: "HTTP" over TCP, "SSDP" over UDP. */
export interface Carrier {
  tag: string;
  layer: string;
  protoField: FieldDef;
  label: string;
  /** The FIN flag is set on this segment: no body desegmentation. */
  endOfStream: boolean;
  /** Where the payload handed to HTTP starts (desegmentation offsets are relative to it). */
  base: number;
  /** Info text before this message's (the previous messages of the same payload: col_set_fence). */
  fence: string;
  /** Some message put an item in the tree (else the hand-off leaves no layer behind). */
  added: boolean;
}

function isPrint(c: number): boolean {
  return c >= 0x20 && c < 0x7f;
}

/** A line without desegmentation (tvb_find_line_end with desegment FALSE): it runs to the end when no terminator follows. */
function lineAt(d: Uint8Array, at: number, end: number): [number, number] {
  for (let i = at; i < end; i++) {
    const c = d[i]!;
    if (c === 0x0a) return [i - at, i + 1];
    if (c === 0x0d) return [i - at, i + 1 < end && d[i + 1] === 0x0a ? i + 2 : i + 1];
  }
  return [end - at, end];
}

function setInfo(pinfo: PacketInfo, c: Carrier, text: string): void {
  if (pinfo.wantColumns && !pinfo.inErrorPacket) pinfo.info = c.fence + text;
}

/** Responses that never have a body (RFC 9110 §6.4.1): to HEAD, 2xx to CONNECT, 1xx, 204, 304. */
function noBodyExpected(conv: HttpConv, code: number): boolean {
  const m = conv.requestMethod;
  return m === "HEAD" || (Math.floor(code / 100) === 2 && (m === "CONNECT" || m === "SSTP_DUPLEX_POST")) || Math.floor(code / 100) === 1 || code === 204 || code === 304;
}

export function dissectMessage(d: Uint8Array, start: number, end: number, pinfo: PacketInfo, conv: HttpConv, c: Carrier): number {
  if (end - start < 1) return -1;
  const tree = pinfo.tree;
  let offset = start;
  // RFC 9112 §2.2: an empty line where a request line is expected is ignored.
  const leadingCrlf = end - start > 3 && d[start] === 0x0d && d[start + 1] === 0x0a;
  if (leadingCrlf) offset += 2;
  const haveSeenHttp = conv.requestUri !== null;
  let open = false;
  const openTree = (): void => {
    if (open) return;
    open = true;
    c.added = true;
    tree.open(c.protoField, start, end - start, null, tree.detailed || tree.wants(c.protoField) ? c.label : undefined);
    if (leadingCrlf) expert(pinfo, start, 2, "error", "Leading CRLF previous message in the stream may have extra CRLF", "Malformed", c.tag);
  };

  if (!isPrint(d[offset]!)) {
    // Binary: not worth the string work. In a stream known to be HTTP it is a continuation.
    if (haveSeenHttp) {
      if (!pinfo.inErrorPacket) pinfo.protocol = c.tag;
      setInfo(pinfo, c, "Continuation");
      openTree();
      dissectData(d, start, end, pinfo);
      tree.close();
    }
    return -1;
  }

  const first = findLineEnd(d, offset, end);
  if (!first && !needsMore(d, offset, end, c.base, pinfo, true, false)) return -1;
  const firstLine = first ? classifyLine(d, offset, offset + first[0], null) : null;
  if (firstLine) {
    setInfo(pinfo, c, `${formatText(d, offset, offset + first![0])} `);
    let body = !c.endOfStream;
    if (body && firstLine.type === HttpType.RESPONSE && noBodyExpected(conv, statusCode(d, offset, offset + first![0]))) body = false;
    if (!needsMore(d, offset, end, c.base, pinfo, body, firstLine.type === HttpType.RESPONSE)) return -1;
  } else if (haveSeenHttp) {
    setInfo(pinfo, c, "Continuation");
  }
  if (firstLine || haveSeenHttp) {
    if (!pinfo.inErrorPacket) pinfo.protocol = c.tag;
    openTree();
  }

  const h = new BodyHeaders(c.tag);
  const stat: MessageFacts = { requestUri: null, host: null, responseCode: 0 };
  let type = HttpType.OTHERS;
  let firstLoop = true;
  let sawLine = false;
  while (offset < end) {
    const [len, next] = lineAt(d, offset, end);
    const lineEnd = offset + len;
    const line = classifyLine(d, offset, lineEnd, conv);
    let colon = -1;
    if (!line && len > 0) {
      colon = d.subarray(offset, lineEnd).indexOf(0x3a);
      if (colon < 0) {
        // Not a header. After lines that were, a line the data cuts off is
        // taken as a header cut short (tvb_ensure_bytes_exist throws).
        if (sawLine && next === lineEnd) {
          markMalformed(pinfo, c.tag, offset, "header line runs past the end of the data");
          if (open) tree.close();
          return -1;
        }
        break; // not part of an HTTP message
      }
      colon += offset;
    }
    openTree();
    if (firstLoop && pinfo.portType === 1 && (pinfo.srcPort === 443 || pinfo.dstPort === 443) && !pinfo.layers.includes("tls")) {
      expert(pinfo, start, 0, "warn", "Unencrypted HTTP protocol detected over encrypted port, could indicate a dangerous misconfiguration.", "Security", c.tag);
    }
    firstLoop = false;
    if (len === 0) {
      // The empty line: what follows is not part of the headers.
      tree.add(textItemField, offset, next - offset, null, 0, tree.detailed ? formatText(d, offset, next) : undefined);
      offset = next;
      break;
    }
    sawLine = true;
    if (line) {
      type = line.type;
      firstLineItems(pinfo, d, offset, lineEnd, next, line, conv, stat, c.tag);
    } else {
      processHeader(pinfo, d, offset, lineEnd, next, colon, type, h, conv, stat);
    }
    offset = next;
  }
  if (!open) return -1;

  if (stat.host !== null && stat.requestUri !== null) {
    const uri = stat.requestUri;
    const m = conv.requestMethod;
    const absolute = /^https?:\/\//i.test(uri) || (m !== null && m.slice(0, 7).toUpperCase() === "CONNECT");
    const full = absolute ? uri : `${pinfo.layers.includes("tls") ? "https" : "http"}://${stat.host.trim()}${uri}`;
    conv.fullUri = full;
    tree.add(F["request.full_uri"], 0, 0, full, GENERATED);
  }
  const st = httpState(pinfo);
  if (!pinfo.visited) {
    if (type === HttpType.REQUEST) st.pairOfFrame.set(pinfo.num, conv.pushRequest(pinfo));
    else if (type === HttpType.RESPONSE) st.pairOfFrame.set(pinfo.num, conv.pushResponse(pinfo));
  }
  if (type === HttpType.NOTIFICATION) tree.add(F.notification, 0, 0, true, HIDDEN);
  else if (type !== HttpType.OTHERS) pairItems(pinfo, type === HttpType.REQUEST, st.pairOfFrame.get(pinfo.num) ?? null, conv);

  const prevSource = pinfo.source;
  const handOff: HandOff = { bytes: d, at: 0, stop: 0, source: -1 };
  offset += body(d, offset, end, pinfo, h, type, stat, handOff);
  tree.close();
  if (handOff.source >= 0) {
    // The media type's dissector sits beside HTTP in the tree, not inside it.
    pinfo.enterSource(handOff.source);
    dissectBody(pinfo, handOff.bytes, handOff.at, handOff.stop, h.contentType!, h.contentTypeParameters);
  }
  if (pinfo.source !== prevSource) pinfo.enterSource(prevSource);
  return offset - start;
}

/** The body's bytes for the media type's dissector, and their data source (-1: none). */
interface HandOff {
  bytes: Uint8Array;
  at: number;
  stop: number;
  source: number;
}

/**
 * The body after the headers: shown de-chunked and decompressed; what goes
 * on to a media type's dissector is left in `handOff`. Returns the bytes the
 * body takes in the message (its framing).
 */
function body(d: Uint8Array, offset: number, end: number, pinfo: PacketInfo, h: BodyHeaders, type: HttpType, stat: MessageFacts, handOff: HandOff): number {
  let datalen = end - offset;
  if (h.contentLength >= 0 && h.transfer === TransferCoding.NONE) {
    if (datalen > h.contentLength) datalen = h.contentLength;
  } else if (type === HttpType.REQUEST) {
    // A request without Content-Length or Transfer-Encoding has no body.
    if (h.transfer === TransferCoding.NONE) datalen = 0;
  } else if (type === HttpType.RESPONSE) {
    const code = stat.responseCode;
    if (Math.floor(code / 100) === 1 || code === 204 || code === 304) datalen = 0;
  }
  if (datalen <= 0) return 0;
  const tree = pinfo.tree;
  let bytes = d;
  let at = offset;
  let stop = offset + datalen;
  if (h.chunked) {
    const r = bodyChunks(pinfo, d, offset, stop);
    if (r === null) return datalen;
    datalen = r.consumed;
    bytes = r.data;
    at = 0;
    stop = bytes.length;
    pinfo.enterSource(pinfo.addSource("De-chunked entity body", bytes));
  }
  if (h.transfer === TransferCoding.COMPRESS || h.transfer === TransferCoding.DEFLATE || h.transfer === TransferCoding.GZIP) {
    // Compressed *transfer* codings are not decoded: data.
    dissectData(bytes, at, stop, pinfo);
    return datalen;
  }
  const enc = h.contentEncoding;
  if (enc !== null && enc.toLowerCase() !== "identity") {
    const e = enc.toLowerCase();
    const out = e === "gzip" || e === "deflate" || e === "x-gzip" || e === "x-deflate" ? decodeContent(bytes.subarray(at, stop), e) : null;
    const n = stop - at;
    const label = tree.detailed ? `Content-encoded entity body (${enc}): ${n} bytes${out ? ` -> ${out.length} bytes` : ""}` : undefined;
    tree.open(textItemField, at, n, null, label);
    if (!out) {
      expert(pinfo, at, n, "warn", "Decompression failed", "Undecoded", h.protocol);
      dissectData(bytes, at, stop, pinfo);
      tree.close();
      return datalen;
    }
    tree.close();
    bytes = out;
    at = 0;
    stop = out.length;
    pinfo.enterSource(pinfo.addSource("Uncompressed entity body", bytes));
  }
  const n = stop - at;
  if (tree.detailed || tree.wants(F.file_data)) {
    tree.add(F.file_data, at, n, tree.wants(F.file_data) ? latin1(bytes, at, stop) : null, 0, `File Data: ${n} byte${n === 1 ? "" : "s"}`);
  }
  if (n === 0) return datalen;
  if (h.contentType === null) {
    dissectData(bytes, at, stop, pinfo);
    return datalen;
  }
  handOff.bytes = bytes;
  handOff.at = at;
  handOff.stop = stop;
  handOff.source = pinfo.source;
  return datalen;
}

const latin1Decoder = new TextDecoder("latin1");
function latin1(b: Uint8Array, start: number, end: number): string {
  return latin1Decoder.decode(b.subarray(start, end));
}
