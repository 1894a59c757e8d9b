/**
 * HTTP's entry points and places in the tables: TCP ports (Wireshark 4.0's
 * default range 80, 3128, 3132, 5985, 8080, 8088, 11371, 1900, 2869, 2710),
 * the "http_tcp" heuristic (enabled by default: a first line that starts or
 * ends with "HTTP/1." makes the rest of the TCP conversation HTTP, which is
 * how WSUS on port 8530 is HTTP to tshark), and SSDP, HTTP over UDP port
 * 1900 (one message per datagram, never reassembled).
 */
import { enterLayer, markMalformed } from "../../common";
import { register, registerHeuristic } from "../../dissector";
import type { PacketInfo } from "../../packet-info";
import { findLineEnd } from "./body";
import { httpConversation, knownHttpConversation } from "./conversation";
import { httpFields, ssdpFields } from "./fields";
import { type Carrier, dissectMessage } from "./message";

export const HTTP_TCP_PORTS = [80, 3128, 3132, 5985, 8080, 8088, 11371, 1900, 2869, 2710];
export const SSDP_UDP_PORT = 1900;

/**
 * The layer in frame.protocols: once per hand-off (Wireshark adds it when it
 * calls the dissector), and once for the PDUs of one segment.
 */
function enterHttp(pinfo: PacketInfo, layer: string): void {
  if (pinfo.layers[pinfo.layers.length - 1] !== layer) enterLayer(pinfo, layer);
}

/** TCP's FIN flag. */
const FIN = 0x01;

/**
 * dissect_http_tcp / dissect_http_on_stream: every message in the payload;
 * after the first, the Info column keeps what the earlier ones wrote (the
 * fence). Takes the whole payload whether or not it is HTTP, as Wireshark does.
 */
function dissectHttpTcp(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
  const layers = pinfo.layers.length;
  enterHttp(pinfo, "http");
  const conv = httpConversation(pinfo);
  const c: Carrier = {
    tag: "HTTP",
    layer: "http",
    protoField: httpFields[""],
    label: "Hypertext Transfer Protocol",
    endOfStream: pinfo.tcpFlags >= 0 && (pinfo.tcpFlags & FIN) !== 0,
    base: offset,
    fence: "",
    added: false,
  };
  let o = offset;
  let len = 0;
  while (o < end) {
    len = dissectMessage(data, o, end, pinfo, conv, c);
    if (len === -1) break;
    o += len;
    c.fence = pinfo.info;
  }
  // The loop goes on while the wire had bytes: in a frame the snap length
  // cut, the next message's first read is past the captured ones.
  if (len !== -1 && o >= end && end === data.length && pinfo.capLen < pinfo.len) markMalformed(pinfo, "HTTP", end, "message cut short by the snap length");
  // call_dissector_work drops the layer of a dissector that added nothing to the tree.
  if (!c.added) pinfo.truncateLayers(layers);
  return end - offset;
}

export const http = { name: "http", dissect: dissectHttpTcp };

function startsHttp1(d: Uint8Array, at: number, end: number): boolean {
  if (at < 0 || end - at < 7) return false;
  const s = "http/1.";
  for (let i = 0; i < 7; i++) {
    const c = d[at + i]!;
    if ((c >= 0x41 && c <= 0x5a ? c + 0x20 : c) !== s.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * dissect_http_heur_tcp: the first line (it must have ended) begins with
 * "HTTP/1." or its last eight characters begin with it (a request line's
 * version); a line of exactly eight characters is refused. From that frame
 * on the TCP conversation is HTTP.
 */
export const httpHeuristic = {
  name: "http",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const known = knownHttpConversation(pinfo);
    if (known && known.heuristicFrom !== 0 && pinfo.num >= known.heuristicFrom) return dissectHttpTcp(data, offset, end, pinfo);
    // Cheap rejection first (no state is made for streams that are not
    // HTTP): an HTTP line starts with a letter, and must end in this segment.
    const c0 = data[offset]! | 0x20;
    if (c0 < 0x61 || c0 > 0x7a) return 0;
    const line = findLineEnd(data, offset, end);
    if (!line || line[0] === 8) return 0;
    // A negative tvb offset counts from the end of the data.
    const tail = line[0] >= 8 ? offset + line[0] - 8 : end - (8 - line[0]);
    if (!startsHttp1(data, tail, end) && !startsHttp1(data, offset, end)) return 0;
    const conv = httpConversation(pinfo);
    if (!pinfo.visited && conv.heuristicFrom === 0) conv.heuristicFrom = pinfo.num;
    return dissectHttpTcp(data, offset, end, pinfo);
  },
};

/** dissect_ssdp: one message, Protocol "SSDP". */
function dissectSsdp(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
  enterHttp(pinfo, "ssdp");
  const conv = httpConversation(pinfo);
  pinfo.canDesegment = false;
  dissectMessage(data, offset, end, pinfo, conv, {
    tag: "SSDP",
    layer: "ssdp",
    protoField: ssdpFields[""],
    label: "Simple Service Discovery Protocol",
    endOfStream: false,
    base: offset,
    fence: "",
    added: false,
  });
  return end - offset;
}

export const ssdp = { name: "ssdp", dissect: dissectSsdp };

register("tcp.port", HTTP_TCP_PORTS, http);
registerHeuristic("tcp", httpHeuristic);
register("udp.port", SSDP_UDP_PORT, ssdp);
