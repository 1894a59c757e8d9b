/**
 * The datagram an ICMP or ICMPv6 error quotes, dissected in error-packet mode.
 */
import { table } from "../../dissector";
import type { PacketInfo } from "../../packet-info";

const MALFORMED_SUFFIXES = ["[Malformed Packet]", "[Packet size limited during capture]"];

/**
 * Dissects a datagram quoted in an ICMP/ICMPv6 error through `dissector`
 * with `pinfo.inErrorPacket` set, then puts back what the outer packet set:
 * columns and addresses (Wireshark's call_dissector saves and restores them
 * for in_error_pkt), and our own per-packet state (stream numbers, TCP
 * analysis, desegmentation). The quoted transport's ports stay, as in
 * Wireshark (which does not save them): tshark's port columns show the
 * quoted datagram's ports. A malformed mark raised inside stays, as
 * Wireshark's exception reaches the outer packet.
 */
export function dissectQuoted(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo, ethertype: number): void {
  const d = table("ethertype").get(ethertype);
  if (!d || end <= offset) return;
  const saved = {
    inError: pinfo.inErrorPacket,
    protocol: pinfo.protocol,
    info: pinfo.info,
    netSrc: pinfo.netSrc,
    netDst: pinfo.netDst,
    srcAddr: pinfo.srcAddr,
    dstAddr: pinfo.dstAddr,
    ipProto: pinfo.ipProto,
    tcpStream: pinfo.tcpStream,
    udpStream: pinfo.udpStream,
    tcpAnalysis: pinfo.tcpAnalysis,
    tcpFlags: pinfo.tcpFlags,
    canDesegment: pinfo.canDesegment,
    desegmentOffset: pinfo.desegmentOffset,
    desegmentLen: pinfo.desegmentLen,
    ttl: pinfo.ipCarrier.ttl,
    version: pinfo.ipCarrier.version,
    fragmented: pinfo.ipCarrier.fragmented,
    truncated: pinfo.ipCarrier.truncated,
  };
  pinfo.inErrorPacket = true;
  pinfo.canDesegment = false;
  d.dissect(data, offset, end, pinfo);
  const info = pinfo.info;
  pinfo.inErrorPacket = saved.inError;
  pinfo.protocol = saved.protocol;
  pinfo.info = saved.info;
  if (info !== saved.info && pinfo.wantColumns) {
    const suffix = MALFORMED_SUFFIXES.find((s) => info.endsWith(s) && !saved.info.endsWith(s));
    if (suffix) pinfo.info = info.slice(0, info.length - suffix.length).endsWith(" ") ? `${saved.info} ${suffix}` : saved.info + suffix;
  }
  pinfo.netSrc = saved.netSrc;
  pinfo.netDst = saved.netDst;
  pinfo.srcAddr = saved.srcAddr;
  pinfo.dstAddr = saved.dstAddr;
  pinfo.ipProto = saved.ipProto;
  pinfo.tcpStream = saved.tcpStream;
  pinfo.udpStream = saved.udpStream;
  pinfo.tcpAnalysis = saved.tcpAnalysis;
  pinfo.tcpFlags = saved.tcpFlags;
  pinfo.canDesegment = saved.canDesegment;
  pinfo.desegmentOffset = saved.desegmentOffset;
  pinfo.desegmentLen = saved.desegmentLen;
  pinfo.ipCarrier.ttl = saved.ttl;
  pinfo.ipCarrier.version = saved.version;
  pinfo.ipCarrier.fragmented = saved.fragmented;
  pinfo.ipCarrier.truncated = saved.truncated;
}
