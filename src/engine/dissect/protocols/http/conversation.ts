/**
 * What HTTP keeps per conversation (Wireshark's http_conv_t): the last
 * request's method, URI, host and full URI, the last status code, whether
 * the heuristic took the stream, and the chain of request/response pairs
 * that numbers them and links them (http.request_in, http.response_in,
 * http.prev_request_in …). Requests and responses pair up in order: a
 * response takes the newest pair unless that one already has a response.
 */
import type { PacketInfo } from "../../packet-info";

/** One request and its response (http_req_res_t). */
export interface ReqRes {
  number: number;
  reqFrame: number;
  reqSec: number;
  reqNsec: number;
  resFrame: number;
  prev: ReqRes | null;
  next: ReqRes | null;
}

export class HttpConv {
  requestMethod: string | null = null;
  requestUri: string | null = null;
  fullUri: string | null = null;
  httpHost: string | null = null;
  responseCode = 0;
  /** The frame from which the "http_tcp" heuristic made this stream HTTP (0: it did not). */
  heuristicFrom = 0;
  /** Pairs so far, and the newest. */
  count = 0;
  tail: ReqRes | null = null;

  private pair(): ReqRes {
    const r: ReqRes = { number: ++this.count, reqFrame: 0, reqSec: 0, reqNsec: -1, resFrame: 0, prev: this.tail, next: null };
    if (this.tail) this.tail.next = r;
    this.tail = r;
    return r;
  }

  /** push_req: a request always starts a pair. */
  pushRequest(pinfo: PacketInfo): ReqRes {
    const r = this.pair();
    r.reqFrame = pinfo.num;
    r.reqSec = pinfo.tsSec;
    r.reqNsec = pinfo.tsNsec;
    return r;
  }

  /** push_res: a response completes the newest pair, or starts one when that already has a response (its request was not seen). */
  pushResponse(pinfo: PacketInfo): ReqRes {
    let r = this.tail;
    if (!r || r.resFrame > 0) r = this.pair();
    r.resFrame = pinfo.num;
    return r;
  }
}

export class HttpState {
  readonly byStream = new Map<number | string, HttpConv>();
  /** The pair each HTTP frame was given on the first pass (p_add_proto_data; a later message in the frame replaces it). Sparse: HTTP frames only. */
  readonly pairOfFrame = new Map<number, ReqRes>();
}

export function httpState(pinfo: PacketInfo): HttpState {
  return pinfo.state.get("http", () => new HttpState());
}

/** The conversation's key: the TCP stream, else the UDP endpoints in either order. */
function conversationKey(pinfo: PacketInfo): number | string {
  if (pinfo.tcpStream >= 0) return pinfo.tcpStream;
  const a = `${pinfo.netSrc}/${pinfo.srcPort}`;
  const b = `${pinfo.netDst}/${pinfo.dstPort}`;
  return a < b ? `u${a}|${b}` : `u${b}|${a}`;
}

/** get_http_conversation_data. */
export function httpConversation(pinfo: PacketInfo): HttpConv {
  const st = httpState(pinfo);
  const key = conversationKey(pinfo);
  let c = st.byStream.get(key);
  if (!c) st.byStream.set(key, (c = new HttpConv()));
  return c;
}

/** The conversation's HTTP state if HTTP has seen it, without creating any (for the heuristic's cheap first look). */
export function knownHttpConversation(pinfo: PacketInfo): HttpConv | undefined {
  return pinfo.tcpStream >= 0 ? httpState(pinfo).byStream.get(pinfo.tcpStream) : undefined;
}
