/**
 * HTTP objects (Wireshark's File ▸ Export Objects ▸ HTTP): the entity body
 * of every message that has one, de-chunked and content-decoded as
 * Wireshark 4.0 hands it to its export tap (packet-http.c, after
 * chunked_encoding_dissector and tvb_child_uncompress), named after the
 * conversation's latest request URI and Host at the time (Wireshark keeps
 * them per conversation, so a pipelined response takes the last request's).
 *
 * No object, as in Wireshark: an empty body; a chunked body with no data; a
 * body with a Transfer-Encoding other than chunked (gzip, deflate, compress
 * are left as data); a Content-Encoding it cannot decode, or data that
 * inflates to nothing. A message the capture lacks bytes of (cut short,
 * holes) is listed with `complete: false` and is not exported (Wireshark
 * never finishes reassembling it).
 */
import { decodeContent, dechunk } from "../dissect/protocols/http/body";
import type { Direction } from "../follow/types";
import type { StreamMessage } from "./http-stream";

/** One HTTP object. Every string comes from the capture: render it as text only. */
export interface HttpObject {
  /** Index in the report's list (packet order, as Wireshark lists them). */
  id: number;
  /** tcp.stream of the connection. */
  stream: number;
  direction: Direction;
  /** Frame where the message's last byte arrived (Wireshark's "Packet" column). */
  frame: number;
  /** Whether the body is a request's (a POST's form) or a response's. */
  kind: "request" | "response";
  /** The conversation's latest request: method and URI (null when no request was seen). */
  method: string | null;
  uri: string | null;
  /** The conversation's Host header (null when none). */
  host: string | null;
  /** Content-Type without parameters, lowercased (null when none). */
  contentType: string | null;
  /** The response's status code (0 for a request's body). */
  status: number;
  /** Body bytes on the wire (chunked framing and compression included). */
  wireSize: number;
  /** Bytes of the object (decoded), 0 when not decodable or incomplete. */
  size: number;
  contentEncoding: string | null;
  transferEncoding: string | null;
  chunked: boolean;
  /** Whole in the capture and decoded: what Export Objects writes. */
  complete: boolean;
  /** Why not complete ("cut short", "content-encoding br"…), null when complete. */
  problem: string | null;
  /** Where the message is in its direction's stream: first line and body [start, end). */
  messageStart: number;
  bodyStart: number;
  bodyEnd: number;
}

/** The object's bytes from its message's body bytes, or null when Wireshark would export nothing. */
export function decodeBody(
  body: Uint8Array,
  m: Pick<StreamMessage, "chunked" | "transferEncoding" | "contentEncoding">,
): { data: Uint8Array | null; problem: string | null } {
  let data = body;
  if (m.chunked) {
    data = dechunk(body).data;
    if (!data.length) return { data: null, problem: "no chunk data" };
  }
  const te = m.transferEncoding?.trim().toLowerCase() ?? "";
  if (/^(gzip|deflate|compress)/.test(te)) return { data: null, problem: `transfer-encoding ${te}` };
  const ce = m.contentEncoding?.trim() ?? "";
  if (ce !== "" && ce.toLowerCase() !== "identity") {
    const decoded = decodeContent(data, ce);
    if (!decoded) return { data: null, problem: `content-encoding ${ce} not decoded` };
    data = decoded;
  }
  return { data, problem: null };
}

/** The conversation's state as Wireshark keeps it while dissecting in frame order. */
interface Conversation {
  method: string | null;
  uri: string | null;
  host: string | null;
}

/**
 * The objects of one stream's messages (in dissection order), appended to
 * `out`; `body(m)` gives a message's body bytes. Returns the conversation's
 * messages' bodies decoded only to learn sizes: nothing is kept.
 */
export function streamObjects(stream: number, messages: readonly StreamMessage[], body: (m: StreamMessage) => Uint8Array): Omit<HttpObject, "id">[] {
  const conv: Conversation = { method: null, uri: null, host: null };
  const out: Omit<HttpObject, "id">[] = [];
  for (const m of messages) {
    if (m.kind === "request") {
      conv.method = m.method;
      conv.uri = m.uri;
      // Wireshark sets http_host only from a request carrying Host.
      if (m.host !== null) conv.host = m.host;
    }
    if (m.end <= m.bodyStart) continue;
    let size = 0;
    let problem: string | null = m.complete ? null : "cut short";
    if (m.complete) {
      const d = decodeBody(body(m), m);
      problem = d.problem;
      size = d.data?.length ?? 0;
      // A chunked body of only a last-chunk, a coding left undecoded: Wireshark lists nothing.
      if (!d.data) continue;
    }
    out.push({
      stream,
      direction: m.direction,
      frame: m.frame,
      kind: m.kind,
      method: conv.method,
      uri: conv.uri,
      host: conv.host,
      contentType: m.contentType,
      status: m.kind === "response" ? m.status : 0,
      wireSize: m.end - m.bodyStart,
      size,
      contentEncoding: m.contentEncoding,
      transferEncoding: m.transferEncoding,
      chunked: m.chunked,
      complete: problem === null,
      problem,
      messageStart: m.start,
      bodyStart: m.bodyStart,
      bodyEnd: m.end,
    });
  }
  return out;
}
