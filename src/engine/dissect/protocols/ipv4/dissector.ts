/**
 * The IPv4 dissector (packet-ip.c's dissect_ip_v4): the fixed header, the
 * options, reassembly, the hand-off to the payload, and registration.
 */
import { register, table } from "../../dissector";
import { dissectData, enterLayer, expert, markMalformed, reportedEnd, u16, u32 } from "../../common";
import { ipv4ToString } from "../../format";
import type { PacketInfo } from "../../packet-info";
import { GENERATED, HIDDEN } from "../../tree";
import { addFragmentTree } from "../../fragment-tree";
import { FRAG_ERROR_FLAGS, FragmentReassembler } from "../../../reassembly/ip-fragments";
import { ipProtoName } from "../ipproto-names";
import { IP_MF, IP_OFFSET, IP_PROTO_IGMP, IP_PROTO_OSPF, IP_PROTO_PIM, IPV4_FRAGMENT_FIELDS, ipFields } from "./fields";
import { addAddress, addFlags } from "./header-items";
import { dissectOptions, sourceRouteDestination } from "./options";
import { bitsLabel, CHECKSUM_UNVERIFIED, dsSummary } from "./values";

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
      expert(pinfo, offset, 1, "error", "Bogus IPv4 version", "Protocol", "IPv4");
      if (!inError && pinfo.wantColumns) pinfo.info = `Bogus IPv4 version (${version}, must be 4)`;
      tree.close();
      const v6 = version === 6 ? table("ethertype").get(0x86dd) : undefined;
      return v6 ? v6.dissect(data, offset, end, pinfo) : avail;
    }
    if (hlen < 20) {
      tree.add(ipFields.hdr_len, offset, 1, hlen, 0, tree.detailed ? bitsLabel(tree, ipFields.hdr_len, data[offset]!, hlen, `Header Length: ${hlen} bytes (${hlen >> 2})`) : undefined);
      expert(pinfo, offset, 1, "error", `Bogus IP header length (${hlen}, must be at least 20)`, "Protocol", "IPv4");
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
    let ipLen = u16(data, offset + 2);
    if (ipLen === 0) {
      // packet-ip.c (preference ip.tso_support, on by default): a total length of 0 is taken as
      // the work of TCP segmentation offload (the NIC fills it in after capture), and the
      // length the frame reports is used instead; the item is generated, with no expert item.
      ipLen = reportedEnd(data, end, pinfo) - offset;
      tree.add(ipFields.len, offset + 2, 2, ipLen, GENERATED, tree.detailed ? `Total Length: ${ipLen} bytes (reported as 0, presumed to be because of "TCP segmentation offload" (TSO))` : undefined);
    } else if (ipLen < hlen) {
      tree.add(ipFields.len, offset + 2, 2, ipLen, 0, tree.detailed ? `Total Length: ${ipLen} bytes (bogus, less than header length ${hlen})` : undefined);
      expert(pinfo, offset + 2, 2, "error", "Bogus IP length", "Protocol", "IPv4");
      tree.close();
      if (!inError && pinfo.wantColumns) pinfo.info = `Bogus IP length (${ipLen}, less than header length ${hlen})`;
      return avail;
    } else tree.add(ipFields.len, offset + 2, 2, ipLen);
    // The total length runs past the data IP was given (not said inside an ICMP error's quote).
    const reportedLen = reportedEnd(data, end, pinfo) - offset;
    if (ipLen > reportedLen && !inError) expert(pinfo, offset + 2, 2, "error", `IPv4 total length exceeds packet length (${reportedLen} bytes)`, "Protocol", "IPv4");
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
      if (want !== ttl && want !== 0x1000) expert(pinfo, offset + 8, 1, "note", `"Time To Live" != ${want} for a packet sent to the Local Network Control Block (see RFC 3171)`, "Sequence", "IPv4");
    } else if ((dst & 0xf0000000) >>> 0 !== 0xe0000000 && ttl < 5 && proto !== IP_PROTO_PIM && proto !== IP_PROTO_OSPF) {
      expert(pinfo, offset + 8, 1, "note", `"Time To Live" only ${ttl}`, "Sequence", "IPv4");
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

register("ethertype", 0x0800, ipv4);
register("ip.proto", 4, ipv4);
