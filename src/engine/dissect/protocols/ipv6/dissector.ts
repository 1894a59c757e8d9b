/**
 * The fixed IPv6 header (RFC 8200 §3) and registration; the extension headers
 * and the payload follow in extensions.ts.
 */
import { register } from "../../dissector";
import { enterLayer, expert, markMalformed, reportedEnd, u16, u32 } from "../../common";
import type { PacketInfo } from "../../packet-info";
import { HIDDEN } from "../../tree";
import { bitsLabel, dsSummary } from "../ipv4";
import { addAddress, addEmbeddedAddresses, EMBEDDED_ADDRESS_FIELDS } from "./addresses";
import { type Ipv6Context, outOfBytes } from "./context";
import { dissectNext } from "./extensions";
import { IP_PROTO_HOPOPTS, IP_PROTO_NONE, ipVersionField, ipv6Fields } from "./fields";

/** The Jumbo Payload option (RFC 2675) when the payload length is 0 and a hop-by-hop header follows. */
function jumboLength(data: Uint8Array, o: number, end: number): number {
  if (o + 2 > end) return 0;
  const hEnd = o + (data[o + 1]! + 1) * 8;
  let p = o + 2;
  while (p < hEnd && p + 6 <= end) {
    const type = data[p++]!;
    if (type === 0) continue;
    const len = data[p++]!;
    if (type === 0xc2 && len === 4) {
      const v = u32(data, p);
      return v > 0xffff ? v : 0;
    }
    p += len;
  }
  return 0;
}

export const ipv6 = {
  name: "ipv6",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const tree = pinfo.tree;
    const inError = pinfo.inErrorPacket;
    const avail = end - offset;
    // A version other than 6 makes tshark 4.0's IPv6 dissector return 0: the EtherType
    // dissector then shows the bytes as data (Protocol "0x86dd", Info "IPv6").
    if (avail >= 1 && data[offset]! >> 4 !== 6) {
      const version = data[offset]! >> 4;
      tree.open(ipv6Fields[""], offset, Math.min(40, avail));
      tree.add(ipv6Fields.version, offset, 1, version);
      tree.add(ipVersionField, offset, 1, version, HIDDEN);
      expert(pinfo, offset, 1, "error", "Bogus IPv6 version", "Malformed", "IPv6");
      tree.close();
      if (!inError && pinfo.wantColumns) pinfo.info = `Bogus IPv6 version (${version}, must be 6)`;
      return 0;
    }
    enterLayer(pinfo, "ipv6");
    if (pinfo.ipDepth === 0) pinfo.source = 0;
    pinfo.ipDepth++;
    if (!inError) {
      pinfo.protocol = "IPv6";
      if (pinfo.wantColumns) pinfo.info = "";
    }
    tree.open(ipv6Fields[""], offset, Math.min(40, avail));
    if (avail < 1) {
      markMalformed(pinfo, "IPv6", offset, "no IPv6 header");
      tree.close();
      return avail;
    }
    const version = data[offset]! >> 4;
    const b0 = data[offset]!;
    tree.add(ipv6Fields.version, offset, 1, version, 0, bitsLabel(tree, ipv6Fields.version, b0, version));
    tree.add(ipVersionField, offset, 1, version, HIDDEN, bitsLabel(tree, ipVersionField, b0, version, `Version: ${version} [This field makes the filter match on "ip.version == 6" possible]`));
    if (avail < 40) {
      if (!inError && pinfo.wantColumns) pinfo.info = `Invalid IPv6 header (${avail} bytes, need exactly 40)`;
      expert(pinfo, offset, avail, "error", "IPv6 header must be exactly 40 bytes", "Malformed", "IPv6");
    }
    const short = (at: number): number => {
      outOfBytes(pinfo, "IPv6", at, null, end);
      tree.close();
      return avail;
    };
    if (avail < 4) return short(end);
    const word = u32(data, offset);
    const tclass = (word >>> 20) & 0xff;
    const tcText = `Traffic Class: 0x${tclass.toString(16).padStart(2, "0")} (${dsSummary(tclass >> 2, tclass & 3)})`;
    tree.open(ipv6Fields.tclass, offset, 4, tclass, bitsLabel(tree, ipv6Fields.tclass, word, tclass, tcText));
    tree.add(ipv6Fields["tclass.dscp"], offset, 4, tclass >> 2, 0, bitsLabel(tree, ipv6Fields["tclass.dscp"], word, tclass >> 2));
    tree.add(ipv6Fields["tclass.ecn"], offset, 4, tclass & 3, 0, bitsLabel(tree, ipv6Fields["tclass.ecn"], word, tclass & 3));
    tree.close();
    const flow = word & 0xfffff;
    tree.add(ipv6Fields.flow, offset + 1, 3, flow, 0, bitsLabel(tree, ipv6Fields.flow, word & 0xffffff, flow, `Flow Label: 0x${flow.toString(16).padStart(5, "0")}`));
    if (avail < 6) return short(end);
    const plen = u16(data, offset + 4);
    if (avail < 7) {
      tree.add(ipv6Fields.plen, offset + 4, 2, plen);
      return short(end);
    }
    const nxt = data[offset + 6]!;
    tree.add(ipv6Fields.plen, offset + 4, 2, plen);
    // RFC 8200 §3: 0 is only valid with a Jumbo Payload hop-by-hop option (RFC 2675); often TSO.
    if (plen === 0 && nxt !== IP_PROTO_HOPOPTS && nxt !== IP_PROTO_NONE) {
      expert(pinfo, offset + 4, 2, "chat", `IPv6 payload length equals 0 (maybe because of "TCP segmentation offload" (TSO))`, "Protocol", "IPv6");
    }
    tree.add(ipv6Fields.nxt, offset + 6, 1, nxt);
    if (avail < 8) return short(end);
    const hlim = data[offset + 7]!;
    tree.add(ipv6Fields.hlim, offset + 7, 1, hlim);
    if (avail < 24) return short(end);
    const srcAddr = data.subarray(offset + 8, offset + 24);
    const srcText = addAddress(pinfo, ipv6Fields.src, ipv6Fields.src_host, srcAddr, offset + 8);
    if (!inError) {
      pinfo.netSrc = srcText;
      pinfo.srcAddr = srcAddr;
    }
    if (avail < 40) return short(end);
    const dstAddr = data.subarray(offset + 24, offset + 40);
    const dstText = addAddress(pinfo, ipv6Fields.dst, ipv6Fields.dst_host, dstAddr, offset + 24);
    if (!inError) {
      pinfo.netDst = dstText;
      pinfo.dstAddr = dstAddr;
    }
    if (tree.detailed) tree.setLabel(`Internet Protocol Version 6, Src: ${srcText}, Dst: ${dstText}`);
    if (tree.detailed || EMBEDDED_ADDRESS_FIELDS.some((f) => tree.wants(f))) {
      addEmbeddedAddresses(pinfo, data, offset + 8, offset + 24);
    }

    let payloadLen = plen;
    if (plen === 0 && nxt === IP_PROTO_HOPOPTS) {
      const jumbo = jumboLength(data, offset + 40, end);
      if (jumbo) payloadLen = jumbo;
      else {
        if (!inError && pinfo.wantColumns) pinfo.info = "Invalid IPv6 payload length";
        expert(pinfo, offset + 4, 2, "error", "IPv6 payload length equals 0 and Hop-By-Hop present and Jumbo Payload option missing", "Malformed", "IPv6");
      }
    }
    const framing = avail - 40;
    if (!inError && payloadLen > framing && pinfo.capLen >= pinfo.len) {
      expert(pinfo, offset + 4, 2, "warn", `IPv6 payload length exceeds framing length (${framing} bytes)`, "Protocol", "IPv6");
    }
    // set_actual_length: the datagram ends at 40 + payload length when the frame holds that much.
    const dgEnd = Math.min(end, offset + 40 + payloadLen);
    const ctx: Ipv6Context = {
      start: offset,
      plen: payloadLen,
      fragPlen: payloadLen,
      itemLen: 40,
      hlim,
      srcText,
      dstText,
      treeOpen: true,
      end: dgEnd,
      cutByLength: offset + 40 + payloadLen < end,
      repEnd: Math.min(offset + 40 + payloadLen, reportedEnd(data, end, pinfo)),
      firstExt: true,
    };
    dissectNext(nxt, data, offset + 40, dgEnd, pinfo, ctx, end);
    if (ctx.treeOpen) tree.close(ctx.itemLen);
    return dgEnd - offset;
  },
};

register("ethertype", 0x86dd, ipv6);
register("ip.proto", 41, ipv6);
