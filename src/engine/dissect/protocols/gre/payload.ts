/**
 * What GRE's protocol type hands its payload to (Wireshark's "gre.proto"
 * table). RFC 2784 §2.4 makes the protocol type an EtherType, so the
 * dissectors come from our "ethertype" table; but only for the types
 * Wireshark 4.0 also accepts after GRE (IPv4, IPv6, ARP; WCCP's 0x883e is
 * IPv4 too), since tshark shows anything else (a VLAN tag, RARP) as data.
 * Types that mean something else after GRE than after Ethernet (Cisco
 * MetaData, whose GRE form puts its EtherType first) register here.
 *
 * Unlike a link layer's EtherType hand-off this adds no "ethertype" layer
 * and no trailer accounting: tshark's frame.protocols reads "ip:gre:ip".
 */
import { table, type Dissector } from "../../dissector";
import { dissectData, enterLayer } from "../../common";
import type { PacketInfo } from "../../packet-info";
import { GRE_TYPE } from "./fields";

/** Types looked up in the ethertype table, and the EtherType to look up. */
const VIA_ETHERTYPE = new Map<number, number>([
  [GRE_TYPE.IPV4, 0x0800],
  [GRE_TYPE.WCCP, 0x0800], // WCCP redirection (draft-wilson-wrec-wccp-v2 §4.12) carries the original IPv4 packet
  [GRE_TYPE.IPV6, 0x86dd],
  [GRE_TYPE.ARP, 0x0806],
]);

const own = new Map<number, Dissector>();
const ETHERTYPE_TABLE = table("ethertype");

/** Adds a dissector for a GRE protocol type that is not dissected as its plain EtherType. */
export function registerGreType(type: number, d: Dissector): void {
  own.set(type, d);
}

/** The dissector for GRE protocol `type`, if any. */
export function greTypeDissector(type: number): Dissector | undefined {
  const d = own.get(type);
  if (d) return d;
  const etype = VIA_ETHERTYPE.get(type);
  return etype === undefined ? undefined : ETHERTYPE_TABLE.get(etype);
}

/**
 * Runs `d` on [offset, end). Returns false when it turned the bytes down
 * (consumed 0 of some), for the caller to show them as data.
 */
export function callGreType(d: Dissector, data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): boolean {
  const layers = pinfo.layers.length;
  const used = d.dissect(data, offset, end, pinfo);
  // Wireshark lists a called dissector's layer before it runs, so one that finds no byte at all
  // (a GRE header with the S bit and nothing after it) still shows in frame.protocols ("gre:ip").
  if (offset >= end && pinfo.layers.length === layers) enterLayer(pinfo, d.name);
  // 0 with bytes present is "not mine"; 0 of 0 bytes is a dissector that ran out of data (and said so).
  return used > 0 || offset >= end;
}

/** The payload of a GRE-carried header such as CMD: its type's dissector, else data. */
export function dissectGreTypeOrData(type: number, data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): void {
  const d = greTypeDissector(type);
  if (!d || !callGreType(d, data, offset, end, pinfo)) dissectData(data, offset, end, pinfo);
}
