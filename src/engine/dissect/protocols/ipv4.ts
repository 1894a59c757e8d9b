/**
 * Internet Protocol version 4 (RFC 791), EtherType 0x0800, IP protocol 4
 * (IP-in-IP, RFC 2003).
 *
 *   +0 version(4) IHL(4)  +1 DS field (DSCP 6 | ECN 2, RFC 2474/3168)
 *   +2 total length       +4 identification
 *   +6 flags(3: reserved, DF, MF) fragment offset(13, in 8-byte units)
 *   +8 TTL  +9 protocol  +10 header checksum  +12 source  +16 destination
 *   +20 options (IHL*4 - 20 bytes), then the payload up to the total length.
 *
 * Follows Wireshark 4.0's packet-ip.c: the payload ends at min(total length,
 * captured bytes); a total length below the header length stops dissection
 * ("Bogus IP length"); fragments are reassembled (ip-fragments.ts) when the
 * whole fragment was captured, the first fragment of a datagram that cannot
 * be reassembled is still handed to the payload's dissector, later ones are
 * shown as data with "Fragmented IP protocol (...)" in Info. Header checksums
 * are not verified (tshark 4.0's default: "[validation disabled]").
 */
import { defineField, defineFields, type FieldDef, type FieldValue } from "../field";
import { register, table } from "../dissector";
import { bitPattern, dissectData, enterLayer, expert, markMalformed, reportedEnd, u16, u32 } from "../common";
import { defaultLabel, ipv4ToString } from "../format";
import type { PacketInfo } from "../packet-info";
import { GENERATED, HIDDEN, type ProtoTree } from "../tree";
import { IP_PROTO_NAMES, ipProtoName } from "./ipproto-names";
import { FRAG_ERROR_FLAGS, FragmentReassembler } from "../../reassembly/ip-fragments";
import { addFragmentTree, type FragmentFields } from "../fragment-tree";

/** Wireshark's text-only tree items (proto_tree_add_subtree with no field). */
export const textField = defineField("_ws.text", { name: "Text item", type: "none" });

/** DSCP names, full (tree) and short (the DS field summary), RFC 2474/2597/3246/4594/5865/8622. */
export const DSCP_NAMES: Record<number, string> = {
  0: "Default", 1: "Lower Effort", 8: "Class Selector 1", 10: "Assured Forwarding 11", 12: "Assured Forwarding 12",
  14: "Assured Forwarding 13", 16: "Class Selector 2", 18: "Assured Forwarding 21", 20: "Assured Forwarding 22",
  22: "Assured Forwarding 23", 24: "Class Selector 3", 26: "Assured Forwarding 31", 28: "Assured Forwarding 32",
  30: "Assured Forwarding 33", 32: "Class Selector 4", 34: "Assured Forwarding 41", 36: "Assured Forwarding 42",
  38: "Assured Forwarding 43", 40: "Class Selector 5", 44: "Voice Admit", 46: "Expedited Forwarding",
  48: "Class Selector 6", 56: "Class Selector 7",
};
const DSCP_SHORT: Record<number, string> = {
  0: "CS0", 1: "LE", 8: "CS1", 10: "AF11", 12: "AF12", 14: "AF13", 16: "CS2", 18: "AF21", 20: "AF22", 22: "AF23",
  24: "CS3", 26: "AF31", 28: "AF32", 30: "AF33", 32: "CS4", 34: "AF41", 36: "AF42", 38: "AF43", 40: "CS5",
  44: "VA", 46: "EF", 48: "CS6", 56: "CS7",
};
export const ECN_NAMES: Record<number, string> = {
  0: "Not ECN-Capable Transport",
  1: "ECN-Capable Transport codepoint '01'",
  2: "ECN-Capable Transport codepoint '10'",
  3: "Congestion Experienced",
};
const ECN_SHORT = ["Not-ECT", "ECT(1)", "ECT(0)", "CE"];

/** "DSCP: CS0, ECN: Not-ECT", shared with IPv6's traffic class. */
export function dsSummary(dscp: number, ecn: number): string {
  return `DSCP: ${DSCP_SHORT[dscp] ?? "Unknown"}, ECN: ${ECN_SHORT[ecn]}`;
}

/**
 * tshark's label for a bit field, "..1. .... = More fragments: Set": the field's
 * bits of `raw` then its usual "Name: value" text (or `text`). Only built for
 * the details pane.
 */
export function bitsLabel(tree: ProtoTree, f: FieldDef, raw: number, value: FieldValue, text?: string): string | undefined {
  if (!tree.detailed) return undefined;
  return `${bitPattern(raw, f.bitmask ?? 0, f.bitWidth ?? 8)} = ${text ?? defaultLabel(f, value)}`;
}

export const CHECKSUM_STATUS = { 0: "Bad", 1: "Good", 2: "Unverified", 3: "Not present", 4: "Illegal" };
const CHECKSUM_UNVERIFIED = 2;

export const ipFields = defineFields("ip", {
  "": { name: "Internet Protocol Version 4", type: "protocol" },
  version: { name: "Version", type: "uint8", bitmask: 0xf0, bitWidth: 8 },
  hdr_len: { name: "Header Length", type: "uint8", bitmask: 0x0f, bitWidth: 8 },
  dsfield: { name: "Differentiated Services Field", type: "uint8", base: "hex" },
  "dsfield.dscp": { name: "Differentiated Services Codepoint", type: "uint8", bitmask: 0xfc, bitWidth: 8, vals: DSCP_NAMES },
  "dsfield.ecn": { name: "Explicit Congestion Notification", type: "uint8", bitmask: 0x03, bitWidth: 8, vals: ECN_NAMES },
  len: { name: "Total Length", type: "uint16" },
  id: { name: "Identification", type: "uint16", base: "hex_dec" },
  flags: { name: "Flags", type: "uint8", base: "hex", bitmask: 0xe0, bitWidth: 8 },
  "flags.rb": { name: "Reserved bit", type: "boolean", bitmask: 0x80, bitWidth: 8, tfs: ["Set", "Not set"] },
  "flags.df": { name: "Don't fragment", type: "boolean", bitmask: 0x40, bitWidth: 8, tfs: ["Set", "Not set"] },
  "flags.mf": { name: "More fragments", type: "boolean", bitmask: 0x20, bitWidth: 8, tfs: ["Set", "Not set"] },
  frag_offset: { name: "Fragment Offset", type: "uint16", bitmask: 0x1fff, bitWidth: 16 },
  ttl: { name: "Time to Live", type: "uint8" },
  proto: { name: "Protocol", type: "uint8", vals: IP_PROTO_NAMES },
  checksum: { name: "Header Checksum", type: "uint16", base: "hex" },
  "checksum.status": { name: "Header checksum status", type: "uint8", base: "none", vals: CHECKSUM_STATUS },
  src: { name: "Source Address", type: "ipv4" },
  addr: { name: "Source or Destination Address", type: "ipv4" },
  src_host: { name: "Source Host", type: "string" },
  host: { name: "Source or Destination Host", type: "string" },
  dst: { name: "Destination Address", type: "ipv4" },
  dst_host: { name: "Destination Host", type: "string" },
  // Options (RFC 791 §3.1 and later option RFCs).
  "opt.type": { name: "Type", type: "uint8" },
  "opt.type.copy": { name: "Copy on fragmentation", type: "boolean", bitmask: 0x80, bitWidth: 8, tfs: ["Yes", "No"] },
  "opt.type.class": { name: "Class", type: "uint8", bitmask: 0x60, bitWidth: 8, vals: { 0: "Control", 1: "Reserved for future use", 2: "Debugging and measurement", 3: "Reserved for future use" } },
  "opt.type.number": { name: "Number", type: "uint8", bitmask: 0x1f, bitWidth: 8, vals: {
    0: "End of Option List (EOL)", 1: "No-Operation (NOP)", 2: "Security", 3: "Loose source route", 4: "Time stamp",
    5: "Extended security", 6: "Commercial IP security option", 7: "Record route", 8: "Stream identifier",
    9: "Strict source route", 10: "Experimental Measurement", 11: "MTU probe", 12: "MTU Reply",
    13: "Experimental Flow Control", 14: "Experimental Access Control", 15: "Ask Estrin", 16: "IMI Traffic Descriptor",
    17: "Extended Internet Protocol", 18: "Traceroute", 19: "Address Extension", 20: "Router Alert",
    21: "Selective Directed Broadcast", 22: "Unassigned", 23: "Dynamic Packet State", 24: "Upstream Multicast Packet",
    25: "Quick-Start", 30: "RFC 3692-style experiment" } },
  "opt.len": { name: "Length", type: "uint8" },
  "opt.ptr": { name: "Pointer", type: "uint8" },
  "opt.sid": { name: "Stream Identifier", type: "uint16" },
  "opt.mtu": { name: "MTU", type: "uint16" },
  "opt.id_number": { name: "ID Number", type: "uint16" },
  "opt.ohc": { name: "Outbound Hop Count", type: "uint16" },
  "opt.rhc": { name: "Return Hop Count", type: "uint16" },
  "opt.originator": { name: "Originator IP Address", type: "ipv4" },
  "opt.ra": { name: "Router Alert", type: "uint16" },
  "opt.addr": { name: "IP Address", type: "ipv4" },
  "opt.padding": { name: "Padding", type: "bytes" },
  "opt.qs_func": { name: "Function", type: "uint8", bitmask: 0xf0, bitWidth: 8, vals: { 0: "Rate request", 8: "Rate report" } },
  "opt.qs_rate": { name: "Rate", type: "uint8", bitmask: 0x0f, bitWidth: 8 },
  "opt.qs_ttl": { name: "QS TTL", type: "uint8" },
  "opt.qs_ttl_diff": { name: "TTL Diff", type: "uint8" },
  "opt.qs_unused": { name: "Not Used", type: "uint8" },
  "opt.qs_nonce": { name: "QS Nonce", type: "uint32", base: "hex", bitmask: 0xfffffffc, bitWidth: 32 },
  "opt.qs_reserved": { name: "Reserved", type: "uint32", base: "hex", bitmask: 0x3, bitWidth: 32 },
  "opt.sec_rfc791_sec": { name: "Security", type: "uint16", base: "hex", vals: {
    0x0: "Unclassified", 0xf135: "Confidential", 0x789a: "EFTO", 0xbc4d: "MMMM", 0x5e26: "PROG", 0xaf13: "Restricted",
    0xd788: "Secret", 0x6bc5: "Top secret", 0x35e2: "Reserved", 0x9af1: "Reserved", 0x4d78: "Reserved",
    0x24bd: "Reserved", 0x135e: "Reserved", 0x89af: "Reserved", 0xc4d6: "Reserved", 0xe26b: "Reserved" } },
  "opt.sec_rfc791_comp": { name: "Compartments", type: "uint16" },
  "opt.sec_rfc791_hr": { name: "Handling Restrictions", type: "string" },
  "opt.sec_rfc791_tcc": { name: "Transmission Control Code", type: "string" },
  "opt.overflow": { name: "Overflow", type: "uint8", bitmask: 0xf0, bitWidth: 8 },
  "opt.flag": { name: "Flag", type: "uint8", base: "hex", bitmask: 0x0f, bitWidth: 8, vals: { 0: "Time stamps only", 1: "Time stamp and address", 3: "Time stamps for prespecified addresses" } },
  "opt.time_stamp": { name: "Time stamp", type: "uint32" },
  "opt.time_stamp_addr": { name: "Address", type: "ipv4" },
  rec_rt: { name: "Recorded Route", type: "ipv4" },
  cur_rt: { name: "Current Route", type: "ipv4" },
  cur_rt_host: { name: "Current Route Host", type: "string" },
  rec_rt_host: { name: "Recorded Route Host", type: "string" },
  src_rt: { name: "Source Route", type: "ipv4" },
  src_rt_host: { name: "Source Route Host", type: "string" },
  empty_rt: { name: "Empty Route", type: "ipv4" },
  empty_rt_host: { name: "Empty Route Host", type: "string" },
  // Reassembly (Wireshark's fragment_items for IPv4).
  "fragment.overlap": { name: "Fragment overlap", type: "boolean" },
  "fragment.overlap.conflict": { name: "Conflicting data in fragment overlap", type: "boolean" },
  "fragment.multipletails": { name: "Multiple tail fragments found", type: "boolean" },
  "fragment.toolongfragment": { name: "Fragment too long", type: "boolean" },
  "fragment.error": { name: "Defragmentation error", type: "framenum" },
  "fragment.count": { name: "Fragment count", type: "uint32" },
  fragment: { name: "IPv4 Fragment", type: "framenum" },
  fragments: { name: "IPv4 Fragments", type: "bytes" },
  reassembled_in: { name: "Reassembled IPv4 in frame", type: "framenum" },
  "reassembled.length": { name: "Reassembled IPv4 length", type: "uint32" },
  "reassembled.data": { name: "Reassembled IPv4 data", type: "bytes" },
});

/** IP option layers (tshark 4.0 registers each option as a protocol "IP Option - ..."). */
const optionProtos = defineFields("ip.options", {
  eol: { name: "IP Option - End of Options List (EOL)", type: "protocol" },
  nop: { name: "IP Option - No-Operation (NOP)", type: "protocol" },
  security: { name: "IP Option - Security", type: "protocol" },
  route: { name: "IP Option - Loose Source Route", type: "protocol" },
  timestamp: { name: "IP Option - Time Stamp", type: "protocol" },
  record_route: { name: "IP Option - Record Route", type: "protocol" },
  sid: { name: "IP Option - Stream ID", type: "protocol" },
  source_route: { name: "IP Option - Strict Source Route", type: "protocol" },
  mtu_probe: { name: "IP Option - MTU Probe", type: "protocol" },
  mtu_reply: { name: "IP Option - MTU Reply", type: "protocol" },
  traceroute: { name: "IP Option - Traceroute", type: "protocol" },
  routeralert: { name: "IP Option - Router Alert", type: "protocol" },
  qs: { name: "IP Option - Quick-Start", type: "protocol" },
});

export const IPV4_FRAGMENT_FIELDS: FragmentFields = {
  fragments: ipFields.fragments,
  fragment: ipFields.fragment,
  overlap: ipFields["fragment.overlap"],
  overlapConflict: ipFields["fragment.overlap.conflict"],
  multipleTails: ipFields["fragment.multipletails"],
  tooLong: ipFields["fragment.toolongfragment"],
  error: ipFields["fragment.error"],
  count: ipFields["fragment.count"],
  reassembledIn: ipFields.reassembled_in,
  reassembledLength: ipFields["reassembled.length"],
  reassembledData: ipFields["reassembled.data"],
  fragmentsAreBytes: true,
  tag: "IPv4 fragments",
};

const IP_MF = 0x2000;
const IP_OFFSET = 0x1fff;
const IP_PROTO_IGMP = 2;
const IP_PROTO_PIM = 103;
const IP_PROTO_OSPF = 89;

function reassembler(pinfo: PacketInfo): FragmentReassembler {
  return pinfo.state.get("ip.reassembly", () => new FragmentReassembler());
}

/** RFC 3171: TTL a packet to 224.0.0.x must carry (0x1000: any). */
function localControlBlockTtl(dst: number): number {
  switch (dst) {
    case 0xe0000012: // VRRP
    case 0xe0000066: // GLBP
    case 0xe00000fb: // mDNS
      return 255;
    case 0xe00000fc: // LLMNR
      return 0x1000;
    default:
      return 1;
  }
}

export const ipv4 = {
  name: "ip",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const tree = pinfo.tree;
    const inError = pinfo.inErrorPacket;
    const avail = end - offset;
    if (avail < 1) {
      // Not even the version byte: Wireshark throws before adding anything.
      markMalformed(pinfo, "IPv4", offset, "no IP header");
      return 0;
    }
    const version = data[offset]! >> 4;
    const hlen = (data[offset]! & 0x0f) * 4;
    enterLayer(pinfo, "ip");
    if (pinfo.ipDepth === 0) pinfo.source = 0;
    pinfo.ipDepth++;
    if (!inError) {
      pinfo.protocol = "IPv4";
      if (pinfo.wantColumns) pinfo.info = "";
    }
    tree.open(ipFields[""], offset, Math.min(hlen, avail));
    tree.add(ipFields.version, offset, 1, version, 0, bitsLabel(tree, ipFields.version, data[offset]!, version));
    if (version !== 4) {
      // tshark 4.0 keeps the "ip" layer for any version on EtherType 0x0800, and hands a
      // version 6 header on to IPv6 (frame.protocols "ip:ipv6").
      expert(pinfo, offset, 1, "error", "Bogus IPv4 version");
      if (!inError && pinfo.wantColumns) pinfo.info = `Bogus IPv4 version (${version}, must be 4)`;
      tree.close();
      const v6 = version === 6 ? table("ethertype").get(0x86dd) : undefined;
      return v6 ? v6.dissect(data, offset, end, pinfo) : avail;
    }
    if (hlen < 20) {
      tree.add(ipFields.hdr_len, offset, 1, hlen, 0, tree.detailed ? bitsLabel(tree, ipFields.hdr_len, data[offset]!, hlen, `Header Length: ${hlen} bytes (${hlen >> 2})`) : undefined);
      expert(pinfo, offset, 1, "error", `Bogus IP header length (${hlen}, must be at least 20)`);
      tree.close();
      if (!inError && pinfo.wantColumns) pinfo.info = `Bogus IP header length (${hlen}, must be at least 20)`;
      return avail;
    }
    tree.add(ipFields.hdr_len, offset, 1, hlen, 0, tree.detailed ? bitsLabel(tree, ipFields.hdr_len, data[offset]!, hlen, `Header Length: ${hlen} bytes (${hlen >> 2})`) : undefined);
    if (avail < 2) return truncated(pinfo, offset + avail, avail);
    const ds = data[offset + 1]!;
    tree.open(ipFields.dsfield, offset + 1, 1, ds, tree.detailed ? `Differentiated Services Field: 0x${ds.toString(16).padStart(2, "0")} (${dsSummary(ds >> 2, ds & 3)})` : undefined);
    tree.add(ipFields["dsfield.dscp"], offset + 1, 1, ds >> 2, 0, bitsLabel(tree, ipFields["dsfield.dscp"], ds, ds >> 2));
    tree.add(ipFields["dsfield.ecn"], offset + 1, 1, ds & 3, 0, bitsLabel(tree, ipFields["dsfield.ecn"], ds, ds & 3));
    tree.close();
    if (avail < 4) return truncated(pinfo, offset + avail, avail);
    const ipLen = u16(data, offset + 2);
    if (ipLen < hlen) {
      const why = ipLen === 0 ? `reported as 0, presumed to be because of "TCP segmentation offload" (TSO)` : `bogus, less than header length ${hlen}`;
      tree.add(ipFields.len, offset + 2, 2, ipLen, 0, tree.detailed ? `Total Length: ${ipLen} bytes (${why})` : undefined);
      expert(pinfo, offset + 2, 2, "error", "Bogus IP length");
      tree.close();
      if (!inError && pinfo.wantColumns) pinfo.info = `Bogus IP length (${ipLen}, less than header length ${hlen})`;
      return avail;
    }
    tree.add(ipFields.len, offset + 2, 2, ipLen);
    // set_actual_length: the datagram ends at the total length when the frame holds that much.
    const dgEnd = Math.min(end, offset + ipLen);
    if (avail < 6) return truncated(pinfo, offset + avail, avail);
    const id = u16(data, offset + 4);
    tree.add(ipFields.id, offset + 4, 2, id);
    if (avail < 8) {
      if (avail >= 7) addFlags(pinfo, data[offset + 6]!, offset + 6);
      return truncated(pinfo, offset + avail, avail);
    }
    const off = u16(data, offset + 6);
    addFlags(pinfo, off >> 8, offset + 6);
    const fragOff = off & IP_OFFSET;
    tree.add(ipFields.frag_offset, offset + 6, 2, fragOff, 0, tree.detailed ? bitsLabel(tree, ipFields.frag_offset, off, fragOff, `Fragment Offset: ${fragOff * 8}`) : undefined);
    if (avail < 9) return truncated(pinfo, offset + avail, avail);
    const ttl = data[offset + 8]!;
    tree.add(ipFields.ttl, offset + 8, 1, ttl);
    if (avail < 10) return truncated(pinfo, offset + avail, avail);
    const proto = data[offset + 9]!;
    tree.add(ipFields.proto, offset + 9, 1, proto);
    if (avail < 12) return truncated(pinfo, offset + avail, avail);
    const sum = u16(data, offset + 10);
    tree.add(ipFields.checksum, offset + 10, 2, sum, 0, tree.detailed ? `Header Checksum: 0x${sum.toString(16).padStart(4, "0")} [validation disabled]` : undefined);
    // BASE_NONE value names show without the number ("Unverified", not "Unverified (2)").
    tree.add(ipFields["checksum.status"], offset + 10, 0, CHECKSUM_UNVERIFIED, GENERATED, tree.detailed ? "Header checksum status: Unverified" : undefined);
    if (avail < 16) return truncated(pinfo, offset + avail, avail);
    const src = u32(data, offset + 12);
    const srcText = ipv4ToString(src);
    if (!inError) {
      pinfo.netSrc = srcText;
      pinfo.setSrcAddr(data, offset + 12, 4);
    }
    addAddress(pinfo, ipFields.src, ipFields.src_host, offset + 12, src, srcText);
    if (avail < 20) return truncated(pinfo, offset + avail, avail);
    const dst = u32(data, offset + 16);
    const dstText = ipv4ToString(dst);
    // RFC 791 source routing: while a loose/strict source route has addresses left, the
    // header holds the current hop and the route's last address is the final destination.
    const finalAt = hlen > 20 ? sourceRouteDestination(data, offset + 20, Math.min(end, offset + hlen)) : -1;
    const finalText = finalAt >= 0 ? ipv4ToString(u32(data, finalAt)) : dstText;
    if (!inError) {
      pinfo.netDst = finalText;
      pinfo.setDstAddr(data, finalAt >= 0 ? finalAt : offset + 16, 4);
      pinfo.ipProto = proto;
    }
    if (finalAt >= 0) {
      tree.add(ipFields.cur_rt, offset + 16, 4, dst);
      tree.add(ipFields.cur_rt_host, offset + 16, 4, dstText, HIDDEN);
    } else {
      addAddress(pinfo, ipFields.dst, ipFields.dst_host, offset + 16, dst, dstText);
    }
    if (tree.detailed) tree.setLabel(`Internet Protocol Version 4, Src: ${srcText}, Dst: ${finalText}${finalAt >= 0 ? `, Via: ${dstText}` : ""}`);
    // RFC 3171: packets to 224.0.0.0/24 are never routed (TTL 1, or 255 for some
    // protocols); a small TTL elsewhere is worth a note (RFC 3973 §4.7 exempts PIM).
    // (>>> 0: bitwise results are signed in JavaScript, the constants are not.)
    if ((dst & 0xffffff00) >>> 0 === 0xe0000000) {
      // IGMP to the block always wants TTL 1, whatever the group.
      const want = proto === IP_PROTO_IGMP ? 1 : localControlBlockTtl(dst >>> 0);
      if (want !== ttl && want !== 0x1000) expert(pinfo, offset + 8, 1, "note", `"Time To Live" != ${want} for a packet sent to the Local Network Control Block (see RFC 3171)`);
    } else if ((dst & 0xf0000000) >>> 0 !== 0xe0000000 && ttl < 5 && proto !== IP_PROTO_PIM && proto !== IP_PROTO_OSPF) {
      expert(pinfo, offset + 8, 1, "note", `"Time To Live" only ${ttl}`);
    }
    if (hlen > 20) {
      if (avail < hlen) {
        if (tree.detailed || tree.wants(ipFields["opt.type"])) dissectOptions(data, offset + 20, Math.min(end, offset + hlen), pinfo, hlen - 20);
        return truncated(pinfo, end, avail);
      }
      dissectOptions(data, offset + 20, offset + hlen, pinfo, hlen - 20);
    }

    const payload = offset + hlen;
    const mf = (off & IP_MF) !== 0;
    const consumed = dgEnd - offset;
    let reassembled: Uint8Array | null = null;
    let reassembledIn = 0;
    let updateInfo = true;
    if (((off & (IP_MF | IP_OFFSET)) !== 0) && ipLen > hlen && offset + ipLen <= end && !inError) {
      // The whole fragment is here: add it to (or find it in) the reassembly table.
      const key = `${proto} ${src >>> 0} ${dst >>> 0} ${id}`;
      const r = reassembler(pinfo);
      const dg = pinfo.visited ? r.lookup(pinfo.num, key) : r.add(key, pinfo.num, pinfo.tsSec, fragOff * 8, data.subarray(payload, dgEnd), mf);
      if (dg) {
        if (dg.reassembledIn === pinfo.num) {
          const index = pinfo.addSource(`Reassembled IPv4 (${dg.bytes.length} bytes)`, dg.bytes);
          const prev = pinfo.enterSource(index);
          addFragmentTree(pinfo, IPV4_FRAGMENT_FIELDS, dg);
          pinfo.enterSource(prev);
          if (dg.flags & FRAG_ERROR_FLAGS) {
            updateInfo = false;
            if (pinfo.wantColumns) pinfo.info = "[Illegal IPv4 fragments]";
          }
          reassembled = dg.bytes;
        } else {
          reassembledIn = dg.reassembledIn;
          tree.add(ipFields.reassembled_in, payload, 0, reassembledIn, GENERATED);
        }
      }
      if (!reassembled) return fragmentOnly(data, payload, dgEnd, pinfo, proto, fragOff, id, reassembledIn, consumed);
    } else if (fragOff !== 0) {
      // A later fragment we cannot reassemble: its bytes are not a header of anything.
      return fragmentOnly(data, payload, dgEnd, pinfo, proto, fragOff, id, 0, consumed);
    }
    tree.close();

    // What ICMP needs from this header (Wireshark's iph and pinfo->fragmented).
    const sVersion = pinfo.ipCarrier.version;
    const sTtl = pinfo.ipCarrier.ttl;
    const sFragmented = pinfo.ipCarrier.fragmented;
    const sTruncated = pinfo.ipCarrier.truncated;
    pinfo.ipCarrier.version = 4;
    pinfo.ipCarrier.ttl = ttl;
    pinfo.ipCarrier.fragmented = !reassembled && mf;
    // The payload's length on the wire: the total length, unless the frame itself was shorter.
    const repEnd = Math.min(offset + ipLen, reportedEnd(data, end, pinfo));
    pinfo.ipCarrier.truncated = !reassembled && repEnd > dgEnd;
    if (reassembled) {
      const index = pinfo.sources.length; // the source added above
      const prev = pinfo.enterSource(index);
      pinfo.reportedEnd = reassembled.length;
      dissectPayload(reassembled, 0, reassembled.length, pinfo, proto, updateInfo);
      pinfo.enterSource(prev);
    } else if (repEnd > payload) {
      // Called whenever the payload has a length on the wire, even if none of it was captured.
      pinfo.reportedEnd = repEnd;
      dissectPayload(data, payload, dgEnd, pinfo, proto, true);
    }
    pinfo.ipCarrier.version = sVersion;
    pinfo.ipCarrier.ttl = sTtl;
    pinfo.ipCarrier.fragmented = sFragmented;
    pinfo.ipCarrier.truncated = sTruncated;
    return consumed;
  },
};

const IP_PROTO_TABLE = table("ip.proto");

/** Hands [offset, end) to the ip.proto table, or shows it as data ("ICMP (1)" style Info). */
export function dissectPayload(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo, proto: number, updateInfo: boolean): void {
  const used = IP_PROTO_TABLE.tryCall(proto, data, offset, end, pinfo);
  // -1: nothing registered; 0 with bytes left: "not mine". 0 of 0 bytes means it ran out of data.
  if (used > 0 || (used === 0 && end === offset)) return;
  if (updateInfo && !pinfo.inErrorPacket && pinfo.wantColumns) pinfo.info = `${ipProtoName(proto)} (${proto})`;
  dissectData(data, offset, end, pinfo);
}

function fragmentOnly(
  data: Uint8Array,
  payload: number,
  dgEnd: number,
  pinfo: PacketInfo,
  proto: number,
  fragOff: number,
  id: number,
  reassembledIn: number,
  consumed: number,
): number {
  pinfo.tree.close();
  if (!pinfo.inErrorPacket && pinfo.wantColumns) {
    pinfo.info = `Fragmented IP protocol (proto=${ipProtoName(proto)} ${proto}, off=${fragOff * 8}, ID=${id.toString(16).padStart(4, "0")})`;
    if (reassembledIn) pinfo.info += ` [Reassembled in #${reassembledIn}]`;
  }
  dissectData(data, payload, dgEnd, pinfo);
  return consumed;
}

/** The header ends before a field we need: Wireshark's bounds exception. */
function truncated(pinfo: PacketInfo, at: number, consumed: number): number {
  markMalformed(pinfo, "IPv4", at, "IPv4 header truncated");
  pinfo.tree.close();
  return consumed;
}

const FLAG_NAMES = ["Reserved bit", "Don't fragment", "More fragments"];
const FLAG_FIELDS = [ipFields["flags.rb"], ipFields["flags.df"], ipFields["flags.mf"]];

function addFlags(pinfo: PacketInfo, byte: number, o: number): void {
  const tree = pinfo.tree;
  const flags = byte >> 5;
  let label: string | undefined;
  if (tree.detailed) {
    label = `Flags: 0x${flags.toString(16)}`;
    for (let i = 0; i < 3; i++) if (flags & (4 >> i)) label += `, ${FLAG_NAMES[i]}`;
  }
  tree.open(ipFields.flags, o, 1, flags, label && bitsLabel(tree, ipFields.flags, byte, flags, label));
  for (const f of FLAG_FIELDS) {
    const v = (byte & f.bitmask!) !== 0;
    tree.add(f, o, 1, v, 0, bitsLabel(tree, f, byte, v));
  }
  tree.close();
}

function addAddress(
  pinfo: PacketInfo,
  f: typeof ipFields.src,
  host: typeof ipFields.src_host,
  o: number,
  value: number,
  text: string,
): void {
  const tree = pinfo.tree;
  tree.add(f, o, 4, value >>> 0);
  tree.add(ipFields.addr, o, 4, value >>> 0, HIDDEN);
  // Host names are the addresses themselves: name resolution is off (tshark -n).
  tree.add(host, o, 4, text, HIDDEN | GENERATED);
  tree.add(ipFields.host, o, 4, text, HIDDEN | GENERATED);
}

// ---------------------------------------------------------------------------
// Options (RFC 791 §3.1; RFC 1063 MTU probe/reply, RFC 1393 traceroute,
// RFC 2113 router alert, RFC 4782 quick-start).

const OPT_EOL = 0x00;
const OPT_NOP = 0x01;

interface OptionSpec {
  name: string;
  proto: typeof optionProtos.eol;
  /** Fixed total length, or minimum length when `variable`; 1: no length byte. */
  len: number;
  variable?: boolean;
}

const OPTIONS = new Map<number, OptionSpec>([
  [0x00, { name: "End of Options List (EOL)", proto: optionProtos.eol, len: 1 }],
  [0x01, { name: "No-Operation (NOP)", proto: optionProtos.nop, len: 1 }],
  [0x82, { name: "Security", proto: optionProtos.security, len: 11 }],
  [0x83, { name: "Loose Source Route", proto: optionProtos.route, len: 3, variable: true }],
  [0x44, { name: "Time Stamp", proto: optionProtos.timestamp, len: 5, variable: true }],
  [0x07, { name: "Record Route", proto: optionProtos.record_route, len: 3, variable: true }],
  [0x88, { name: "Stream ID", proto: optionProtos.sid, len: 4 }],
  [0x89, { name: "Strict Source Route", proto: optionProtos.source_route, len: 3, variable: true }],
  [0x0b, { name: "MTU Probe", proto: optionProtos.mtu_probe, len: 4 }],
  [0x0c, { name: "MTU Reply", proto: optionProtos.mtu_reply, len: 4 }],
  [0x52, { name: "Traceroute", proto: optionProtos.traceroute, len: 12 }],
  [0x94, { name: "Router Alert", proto: optionProtos.routeralert, len: 4 }],
  [0x19, { name: "Quick-Start", proto: optionProtos.qs, len: 8 }],
]);

function dissectOptions(data: Uint8Array, start: number, end: number, pinfo: PacketInfo, optlen: number): void {
  const tree = pinfo.tree;
  let summary = tree.detailed ? `Options: (${optlen} bytes)` : "";
  tree.open(textField, start, optlen, null, summary);
  let o = start;
  let nops = 0;
  while (o < end) {
    const type = data[o]!;
    const spec = OPTIONS.get(type);
    const name = spec ? spec.name : `Unknown (0x${type.toString(16).padStart(2, "0")})`;
    if (spec && spec.len === 1) {
      tree.open(spec.proto, o, 1, null, tree.detailed ? spec.proto.name : undefined);
      addOptionType(pinfo, data, o);
      tree.close();
      // Only options with a length byte are named in the "Options: (n bytes), ..." summary.
      o++;
      if (type === OPT_NOP && ++nops === 4) expert(pinfo, o - 1, 1, "warn", "4 NOP in a row - a router may have removed some options");
      if (type === OPT_EOL) break;
      continue;
    }
    nops = 0;
    const left = end - o - 1;
    if (left === 0) {
      expert(pinfo, o, 1, "warn", `${name} (length byte past end of options)`);
      break;
    }
    const len = data[o + 1]!;
    if (len < 2) {
      expert(pinfo, o, 2, "warn", `${name} (with too-short option length = ${len} byte${len === 1 ? "" : "s"})`);
      break;
    }
    if (len - 2 > left - 1) {
      expert(pinfo, o, left + 1, "warn", `${name} (option length = ${len} byte${len === 1 ? "" : "s"} says option goes past end of options)`);
      break;
    }
    if (spec && !spec.variable && len !== spec.len) {
      expert(pinfo, o, len, "warn", `${name} (with option length = ${len} byte${len === 1 ? "" : "s"}; should be ${spec.len})`);
      break;
    }
    if (spec && spec.variable && len < spec.len) {
      expert(pinfo, o, len, "warn", `${name} (with option length = ${len} byte${len === 1 ? "" : "s"}; should be >= ${spec.len})`);
      break;
    }
    if (tree.detailed) summary += `, ${name}`;
    if (!spec) {
      tree.open(textField, o, len, null, tree.detailed ? `${name} (${len} byte${len === 1 ? "" : "s"})` : undefined);
      addOptionType(pinfo, data, o);
      tree.add(ipFields["opt.len"], o + 1, 1, len);
      tree.close();
    } else {
      dissectOption(data, o, len, pinfo, type, spec);
    }
    o += len;
  }
  if (tree.detailed) tree.setLabel(summary);
  tree.close();
}

function addOptionType(pinfo: PacketInfo, data: Uint8Array, o: number): void {
  const tree = pinfo.tree;
  const t = data[o]!;
  tree.open(ipFields["opt.type"], o, 1, t);
  tree.add(ipFields["opt.type.copy"], o, 1, (t & 0x80) !== 0, 0, bitsLabel(tree, ipFields["opt.type.copy"], t, (t & 0x80) !== 0));
  tree.add(ipFields["opt.type.class"], o, 1, (t >> 5) & 3, 0, bitsLabel(tree, ipFields["opt.type.class"], t, (t >> 5) & 3));
  tree.add(ipFields["opt.type.number"], o, 1, t & 0x1f, 0, bitsLabel(tree, ipFields["opt.type.number"], t, t & 0x1f));
  tree.close();
}

function dissectOption(data: Uint8Array, o: number, len: number, pinfo: PacketInfo, type: number, spec: OptionSpec): void {
  const tree = pinfo.tree;
  const title = `${spec.proto.name} (${len} bytes)`;
  tree.open(spec.proto, o, len, null, tree.detailed ? title : undefined);
  addOptionType(pinfo, data, o);
  tree.add(ipFields["opt.len"], o + 1, 1, len);
  switch (type) {
    case 0x82: {
      // RFC 791 basic security: S(2) C(2) H(2) TCC(3).
      tree.add(ipFields["opt.sec_rfc791_sec"], o + 2, 2, u16(data, o + 2));
      tree.add(ipFields["opt.sec_rfc791_comp"], o + 4, 2, u16(data, o + 4));
      tree.add(ipFields["opt.sec_rfc791_hr"], o + 6, 2, String.fromCharCode(data[o + 6]!, data[o + 7]!));
      tree.add(ipFields["opt.sec_rfc791_tcc"], o + 8, 3, String.fromCharCode(data[o + 8]!, data[o + 9]!, data[o + 10]!));
      break;
    }
    case 0x83:
    case 0x89:
    case 0x07:
      dissectRoute(data, o, len, pinfo, type === 0x07);
      break;
    case 0x44:
      dissectTimestamp(data, o, len, pinfo);
      break;
    case 0x88:
      tree.add(ipFields["opt.sid"], o + 2, 2, u16(data, o + 2));
      break;
    case 0x0b:
    case 0x0c:
      tree.add(ipFields["opt.mtu"], o + 2, 2, u16(data, o + 2));
      break;
    case 0x52:
      tree.add(ipFields["opt.id_number"], o + 2, 2, u16(data, o + 2));
      tree.add(ipFields["opt.ohc"], o + 4, 2, u16(data, o + 4));
      tree.add(ipFields["opt.rhc"], o + 6, 2, u16(data, o + 6));
      tree.add(ipFields["opt.originator"], o + 8, 4, u32(data, o + 8));
      break;
    case 0x94: {
      const ra = u16(data, o + 2);
      const text = ra === 0 ? "Router shall examine packet" : "Reserved";
      if (tree.detailed) tree.setLabel(`${title}: ${text} (${ra})`);
      tree.add(ipFields["opt.ra"], o + 2, 2, ra, 0, tree.detailed ? `Router Alert: ${text} (${ra})` : undefined);
      break;
    }
    case 0x19: {
      tree.add(ipFields["opt.qs_func"], o + 2, 1, data[o + 2]! >> 4);
      tree.add(ipFields["opt.qs_rate"], o + 2, 1, data[o + 2]! & 0x0f);
      tree.add(ipFields["opt.qs_ttl"], o + 3, 1, data[o + 3]!);
      const nonce = u32(data, o + 4);
      tree.add(ipFields["opt.qs_nonce"], o + 4, 4, nonce >>> 2);
      tree.add(ipFields["opt.qs_reserved"], o + 4, 4, nonce & 3);
      break;
    }
  }
  tree.close();
}

function addRoute(pinfo: PacketInfo, data: Uint8Array, o: number, f: typeof ipFields.rec_rt, host: typeof ipFields.rec_rt_host, next: boolean): void {
  const tree = pinfo.tree;
  const a = u32(data, o);
  const text = ipv4ToString(a);
  tree.add(f, o, 4, a, 0, tree.detailed && next ? `${f.name}: ${text} <- (next)` : undefined);
  tree.add(host, o, 4, text, HIDDEN);
}

/**
 * Offset of the final destination when the options hold a loose or strict source
 * route with addresses left to visit (pointer within the option), else -1.
 */
function sourceRouteDestination(data: Uint8Array, o: number, end: number): number {
  while (o < end) {
    const type = data[o]!;
    if (type === OPT_EOL) break;
    if (type === OPT_NOP) {
      o++;
      continue;
    }
    if (o + 2 > end) break;
    const len = data[o + 1]!;
    if (len < 2 || o + len > end) break;
    if ((type === 0x83 || type === 0x89) && len >= 7 && data[o + 2]! <= len) return o + len - 4;
    o += len;
  }
  return -1;
}

/** LSRR/SSRR/RR (RFC 791): the pointer (1-based) marks the next slot to use. */
function dissectRoute(data: Uint8Array, o: number, len: number, pinfo: PacketInfo, isRecord: boolean): void {
  const tree = pinfo.tree;
  const ptr = data[o + 2]!;
  tree.add(ipFields["opt.ptr"], o + 2, 1, ptr);
  if (ptr < 4 || ptr & 3) {
    expert(pinfo, o + 2, 1, "warn", ptr < 4 ? "Pointer points before first address" : "Pointer points to middle of address");
    return;
  }
  const next = ptr - 1;
  // An active source route's last address is the datagram's destination (shown as ip.dst).
  const finalRel = !isRecord && len >= 7 && ptr <= len ? len - 4 : -1;
  for (let rel = 3; rel < len; rel += 4) {
    if (len - rel < 4) {
      expert(pinfo, o + rel, len - rel, "warn", "Suboption would go past end of option");
      break;
    }
    if (next > rel) addRoute(pinfo, data, o + rel, ipFields.rec_rt, ipFields.rec_rt_host, false);
    else if (rel === finalRel) {
      const a = u32(data, o + rel);
      addAddress(pinfo, ipFields.dst, ipFields.dst_host, o + rel, a, ipv4ToString(a));
    }
    else if (isRecord) addRoute(pinfo, data, o + rel, ipFields.empty_rt, ipFields.empty_rt_host, next === rel);
    else addRoute(pinfo, data, o + rel, ipFields.src_rt, ipFields.src_rt_host, next === rel);
  }
}

/** Internet timestamp (RFC 791): pointer, overflow/flag, then timestamps or address+timestamp pairs. */
function dissectTimestamp(data: Uint8Array, o: number, len: number, pinfo: PacketInfo): void {
  const tree = pinfo.tree;
  const ptr = data[o + 2]!;
  tree.add(ipFields["opt.ptr"], o + 2, 1, ptr);
  if (ptr < 5) expert(pinfo, o + 2, 1, "warn", "Pointer points before first address");
  const flg = data[o + 3]! & 0x0f;
  tree.add(ipFields["opt.overflow"], o + 3, 1, data[o + 3]! >> 4, 0, bitsLabel(tree, ipFields["opt.overflow"], data[o + 3]!, data[o + 3]! >> 4));
  tree.add(ipFields["opt.flag"], o + 3, 1, flg, 0, bitsLabel(tree, ipFields["opt.flag"], data[o + 3]!, flg));
  let rel = 4;
  while (rel < len) {
    if (flg === 1 || flg === 3) {
      if (len - rel < 8) {
        expert(pinfo, o + rel, len - rel, "warn", "Suboption would go past end of option");
        break;
      }
      tree.add(ipFields["opt.time_stamp_addr"], o + rel, 4, u32(data, o + rel));
      tree.add(ipFields["opt.time_stamp"], o + rel + 4, 4, u32(data, o + rel + 4));
      rel += 8;
    } else {
      if (len - rel < 4) {
        expert(pinfo, o + rel, len - rel, "warn", "Suboption would go past end of option");
        break;
      }
      tree.add(ipFields["opt.time_stamp"], o + rel, 4, u32(data, o + rel));
      rel += 4;
    }
  }
}

register("ethertype", 0x0800, ipv4);
register("ip.proto", 4, ipv4);
