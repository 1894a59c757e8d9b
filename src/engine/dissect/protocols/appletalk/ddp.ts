/**
 * AppleTalk Datagram Delivery Protocol, the long (extended) header that
 * EtherTalk carries (Inside AppleTalk, 2nd ed., chapter 4), as Wireshark 4.0's
 * packet-atalk.c dissect_ddp shows it:
 *
 *   +0 hop count (4 bits after 2 unused) and datagram length (10 bits)
 *   +2 checksum (0: none)  +4 destination net  +6 source net
 *   +8 destination node  +9 source node  +10 destination socket
 *   +11 source socket  +12 DDP type  +13 payload
 *
 * The payload goes to the dissector registered for the DDP type (NBP, RTMP...,
 * Wireshark's "ddp.type" table). The Source/Destination columns become the
 * DDP addresses, written as Wireshark's atalk_to_str writes them: the net as
 * four hex digits, a dot, the node as two ("0051.3e").
 *
 * Reached through Ethernet II EtherType 0x809b and, on EtherTalk Phase 2,
 * through SNAP with Apple's OUI 08-00-07 and PID 0x809b
 * (Wireshark's "llc.apple_atalk_pid" table; the LLC dissector hands it on).
 */
import { defineFields, vals } from "../../field";
import { register, type Dissector } from "../../dissector";
import { dissectData, enterLayer, expert, markMalformed } from "../../common";
import type { PacketInfo } from "../../packet-info";
import { Truncated, g8, g16 } from "../../bytes";
import { bitItem } from "../bitmask";

/** EtherType (and Apple SNAP PID) of AppleTalk DDP. */
export const ETHERTYPE_ATALK = 0x809b;
const DDP_HEADER_SIZE = 13;

/** DDP types (Inside AppleTalk appendix C), as packet-atalk.c's op_vals name them in the Info column. */
export const DDP_TYPE_NAMES = vals({
  1: "AppleTalk Routing Table response or data",
  2: "AppleTalk Name Binding Protocol packet",
  3: "AppleTalk Transaction Protocol packet",
  4: "AppleTalk Echo Protocol packet",
  5: "AppleTalk Routing Table request",
  6: "AppleTalk Zone Information Protocol packet",
  7: "AppleTalk Data Stream Protocol",
  88: "Cisco EIGRP for AppleTalk",
});

export const ddpFields = defineFields("ddp", {
  "": { name: "Datagram Delivery Protocol", type: "protocol" },
  hopcount: { name: "Hop count", type: "uint16", bitmask: 0x3c00, bitWidth: 16 },
  len: { name: "Datagram length", type: "uint16", bitmask: 0x03ff, bitWidth: 16 },
  checksum: { name: "Checksum", type: "uint16" },
  "dst.net": { name: "Destination Net", type: "uint16" },
  "src.net": { name: "Source Net", type: "uint16" },
  "dst.node": { name: "Destination Node", type: "uint8" },
  "src.node": { name: "Source Node", type: "uint8" },
  dst_socket: { name: "Destination Socket", type: "uint8" },
  src_socket: { name: "Source Socket", type: "uint8" },
  type: { name: "Protocol type", type: "uint8", vals: DDP_TYPE_NAMES },
  len_invalid: { name: "Invalid length", type: "none" },
});

const byType = new Map<number, Dissector>();

/** Registers a dissector for a DDP type (Wireshark's "ddp.type" table). */
export function registerDdpType(type: number, d: Dissector): void {
  byType.set(type, d);
}

const HEX = "0123456789abcdef";
/** atalk_to_str: net as 4 hex digits, ".", node as 2 ("0051.3e"). */
export function atalkAddressText(net: number, node: number): string {
  return HEX[(net >> 12) & 15]! + HEX[(net >> 8) & 15]! + HEX[(net >> 4) & 15]! + HEX[net & 15]! + "." + HEX[node >> 4]! + HEX[node & 15]!;
}

export const ddp: Dissector = {
  name: "ddp",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const tree = pinfo.tree;
    enterLayer(pinfo, "ddp");
    pinfo.protocol = "DDP";
    if (pinfo.wantColumns) pinfo.info = "";
    tree.open(ddpFields[""], offset, Math.min(DDP_HEADER_SIZE, end - offset));
    let len: number;
    try {
      const first = g16(data, offset, end);
      bitItem(tree, ddpFields.hopcount, offset, 2, first);
      len = first & 0x03ff;
      bitItem(tree, ddpFields.len, offset, 2, first);
      if (len < DDP_HEADER_SIZE) {
        expert(pinfo, offset, 2, "warn", "Length field is shorter than the DDP header size", "Protocol", "DDP");
        len = DDP_HEADER_SIZE;
      } else if (len > end - offset) {
        // Wireshark compares with the reported length; the snoop and pcap captures here are not sliced.
        expert(pinfo, offset, 2, "warn", "Length field is larger than the remaining packet payload", "Protocol", "DDP");
        len = end - offset;
      }
      const ddpEnd = offset + len;
      tree.add(ddpFields.checksum, offset + 2, 2, g16(data, offset + 2, ddpEnd));
      const dstNet = g16(data, offset + 4, ddpEnd);
      tree.add(ddpFields["dst.net"], offset + 4, 2, dstNet);
      const srcNet = g16(data, offset + 6, ddpEnd);
      tree.add(ddpFields["src.net"], offset + 6, 2, srcNet);
      const dstNode = g8(data, offset + 8, ddpEnd);
      tree.add(ddpFields["dst.node"], offset + 8, 1, dstNode);
      const srcNode = g8(data, offset + 9, ddpEnd);
      tree.add(ddpFields["src.node"], offset + 9, 1, srcNode);
      pinfo.dstPort = g8(data, offset + 10, ddpEnd);
      tree.add(ddpFields.dst_socket, offset + 10, 1, pinfo.dstPort);
      pinfo.srcPort = g8(data, offset + 11, ddpEnd);
      tree.add(ddpFields.src_socket, offset + 11, 1, pinfo.srcPort);
      const type = g8(data, offset + 12, ddpEnd);
      tree.add(ddpFields.type, offset + 12, 1, type);
      tree.close();
      if (pinfo.wantColumns) {
        pinfo.info = DDP_TYPE_NAMES.get(type) ?? `Unknown DDP protocol (${type.toString(16).padStart(2, "0")})`;
        pinfo.netSrc = atalkAddressText(srcNet, srcNode);
        pinfo.netDst = atalkAddressText(dstNet, dstNode);
      }
      const payload = offset + DDP_HEADER_SIZE;
      const sub = byType.get(type);
      if (sub) sub.dissect(data, payload, ddpEnd, pinfo);
      else if (payload < ddpEnd) dissectData(data, payload, ddpEnd, pinfo);
      return len;
    } catch (err) {
      if (!(err instanceof Truncated)) throw err;
      tree.close();
      markMalformed(pinfo, "DDP", end, "DDP header cut short");
      return end - offset;
    }
  },
};

register("ethertype", ETHERTYPE_ATALK, ddp);
