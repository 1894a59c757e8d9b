/**
 * The extension header chain (Wireshark's ipv6_dissect_next): hop-by-hop and
 * destination options, routing and fragment headers, each its own layer inside
 * the IPv6 subtree, then the upper-layer payload through the ip.proto table.
 * Each header ends by handing the next one to dissectNext, as Wireshark's
 * dissectors call ipv6_dissect_next, so the chain is one file.
 */
import { table } from "../../dissector";
import { dissectData, enterLayer, expert, u16, u32 } from "../../common";
import { ipv6ToString } from "../../format";
import type { PacketInfo } from "../../packet-info";
import { GENERATED } from "../../tree";
import { addFragmentTree } from "../../fragment-tree";
import { FRAG_ERROR_FLAGS, FragmentReassembler } from "../../../reassembly/ip-fragments";
import { ipProtoName } from "../ipproto-names";
import { bitsLabel } from "../ipv4";
import { type Ipv6Context, outOfBytes } from "./context";
import {
  dstoptsFields,
  fraghdrFields,
  hopoptsFields,
  IP_PROTO_DSTOPTS,
  IP_PROTO_FRAGMENT,
  IP_PROTO_HOPOPTS,
  IP_PROTO_NONE,
  IP_PROTO_ROUTING,
  IPV6_FRAGMENT_FIELDS,
  ipv6Fields,
  ROUTING_TYPES,
  routingFields,
} from "./fields";

function reassembler(pinfo: PacketInfo): FragmentReassembler {
  return pinfo.state.get("ipv6.reassembly", () => new FragmentReassembler());
}

/** ipv6_dissect_next: an extension header, or the end of the chain and the upper-layer payload. */
export function dissectNext(nxt: number, data: Uint8Array, o: number, end: number, pinfo: PacketInfo, ctx: Ipv6Context, captureEnd: number): void {
  switch (nxt) {
    case IP_PROTO_HOPOPTS:
      dissectOptionsHeader(data, o, end, pinfo, ctx, captureEnd, true);
      return;
    case IP_PROTO_DSTOPTS:
      dissectOptionsHeader(data, o, end, pinfo, ctx, captureEnd, false);
      return;
    case IP_PROTO_ROUTING:
      dissectRouting(data, o, end, pinfo, ctx, captureEnd);
      return;
    case IP_PROTO_FRAGMENT:
      dissectFragment(data, o, end, pinfo, ctx, captureEnd);
      return;
  }
  // Done with the extension header chain.
  closeTree(pinfo, ctx);
  if (!pinfo.inErrorPacket) pinfo.ipProto = nxt;
  if (nxt === IP_PROTO_NONE) {
    if (!pinfo.inErrorPacket && pinfo.wantColumns) pinfo.info = "IPv6 no next header";
    dissectData(data, o, end, pinfo);
    return;
  }
  const sVersion = pinfo.ipCarrier.version;
  const sTtl = pinfo.ipCarrier.ttl;
  const sFragmented = pinfo.ipCarrier.fragmented;
  const sTruncated = pinfo.ipCarrier.truncated;
  pinfo.ipCarrier.version = 6;
  pinfo.ipCarrier.ttl = ctx.hlim;
  pinfo.ipCarrier.fragmented = false;
  pinfo.ipCarrier.truncated = ctx.repEnd > end;
  pinfo.reportedEnd = ctx.repEnd;
  // ipv6_dissect_next hands over whatever is left, even nothing (the dissector then runs out of bytes).
  const used = table("ip.proto").tryCall(nxt, data, o, end, pinfo);
  // -1: nothing registered; 0 with bytes left: "not mine". 0 of 0 bytes means it ran out of data.
  if (used < 0 || (used === 0 && end > o)) {
    if (!pinfo.inErrorPacket && pinfo.wantColumns) pinfo.info = `Unknown IP Protocol: ${ipProtoName(nxt)} (${nxt})`;
    dissectData(data, o, end, pinfo);
  }
  pinfo.ipCarrier.version = sVersion;
  pinfo.ipCarrier.ttl = sTtl;
  pinfo.ipCarrier.fragmented = sFragmented;
  pinfo.ipCarrier.truncated = sTruncated;
}

function closeTree(pinfo: PacketInfo, ctx: Ipv6Context): void {
  if (!ctx.treeOpen) return;
  pinfo.tree.close(ctx.itemLen);
  ctx.treeOpen = false;
}

function appendInfoSep(pinfo: PacketInfo, text: string): void {
  if (pinfo.inErrorPacket || !pinfo.wantColumns) return;
  // col_append_sep_str(COL_INFO, " , ", ...)
  pinfo.info = pinfo.info ? `${pinfo.info} , ${text}` : text;
}

/** Hop-by-hop (RFC 8200 §4.3) and destination options (§4.6) headers: TLV-encoded options. */
function dissectOptionsHeader(data: Uint8Array, o: number, end: number, pinfo: PacketInfo, ctx: Ipv6Context, captureEnd: number, hop: boolean): void {
  const tree = pinfo.tree;
  const F = hop ? hopoptsFields : dstoptsFields;
  const protoName = hop ? "IPv6 Hop-by-Hop" : "IPv6 Destination";
  appendInfoSep(pinfo, hop ? "IPv6 hop-by-hop options" : "IPv6 destination options");
  enterLayer(pinfo, hop ? "ipv6.hopopts" : "ipv6.dstopts");
  if (o + 2 > end) {
    tree.open(F[""], o, Math.max(0, end - o));
    outOfBytes(pinfo, protoName, end, ctx, captureEnd);
    tree.close();
    return;
  }
  const nxt = data[o]!;
  const len = (data[o + 1]! + 1) * 8;
  const hEnd = o + len;
  ctx.fragPlen -= len;
  ctx.itemLen += len;
  tree.open(F[""], o, Math.min(len, end - o));
  if (hop && !ctx.firstExt) expert(pinfo, o, len, "error", "IPv6 Hop-by-Hop extension header must appear immediately after IPv6 header", "Protocol", "IPv6 Hop-by-Hop");
  ctx.firstExt = false;
  tree.add(F.nxt, o, 1, nxt);
  tree.add(F.len, o + 1, 1, data[o + 1]!);
  tree.add(F.len_oct, o + 1, 1, len, GENERATED);
  let p = o + 2;
  while (p < hEnd) {
    if (p + 2 > end) {
      // Wireshark reads the type and length bytes of every option (even Pad1) first.
      outOfBytes(pinfo, protoName, end, ctx, captureEnd);
      tree.close();
      return;
    }
    const type = data[p]!;
    const optLen = data[p + 1]!;
    const name = ipv6Fields["opt.type"].vals!.get(type) ?? `Unknown IPv6 Option (${type})`;
    tree.open(ipv6Fields.opt, p, type === 0 ? 2 : 2 + optLen, null, tree.detailed ? name : undefined);
    tree.open(ipv6Fields["opt.type"], p, 1, type);
    if (type === 0) {
      tree.close();
      tree.add(ipv6Fields["opt.pad1"], p, 1, null);
      tree.close();
      p += 1;
      continue;
    }
    tree.add(ipv6Fields["opt.type.action"], p, 1, type >> 6, 0, bitsLabel(tree, ipv6Fields["opt.type.action"], type, type >> 6));
    tree.add(ipv6Fields["opt.type.change"], p, 1, (type & 0x20) !== 0, 0, bitsLabel(tree, ipv6Fields["opt.type.change"], type, (type & 0x20) !== 0));
    tree.add(ipv6Fields["opt.type.rest"], p, 1, type & 0x1f, 0, bitsLabel(tree, ipv6Fields["opt.type.rest"], type, type & 0x1f));
    tree.close();
    tree.add(ipv6Fields["opt.length"], p + 1, 1, optLen);
    const d = p + 2;
    if (d + optLen > end) {
      tree.close();
      outOfBytes(pinfo, protoName, end, ctx, captureEnd);
      tree.close();
      return;
    }
    let used = 0;
    switch (type) {
      case 0x01: // PadN (RFC 8200 §4.2)
        // BASE_ALLOW_ZERO: an empty PadN prints "<none>" rather than nothing.
        tree.add(ipv6Fields["opt.padn"], d, optLen, optLen ? data.subarray(d, d + optLen) : "<none>");
        used = optLen;
        break;
      case 0xc2: // Jumbo Payload (RFC 2675)
        if (optLen >= 4) {
          tree.add(ipv6Fields["opt.jumbo"], d, 4, u32(data, d));
          used = 4;
        }
        break;
      case 0x05: // Router Alert (RFC 2711)
        if (optLen >= 2) {
          tree.add(ipv6Fields["opt.router_alert"], d, 2, u16(data, d));
          used = 2;
        }
        break;
      case 0x04: // Tunnel Encapsulation Limit (RFC 2473)
        if (optLen >= 1) {
          tree.add(ipv6Fields["opt.tel"], d, 1, data[d]!);
          used = 1;
        }
        break;
      case 0x30: // Minimum Path MTU (RFC 9268)
        if (optLen >= 4) {
          tree.add(ipv6Fields["opt.pmtu.min"], d, 2, u16(data, d));
          const v = u16(data, d + 2);
          tree.add(ipv6Fields["opt.pmtu.rtn"], d + 2, 2, v & 0xfffe);
          tree.add(ipv6Fields["opt.pmtu.r_flag"], d + 3, 1, (v & 1) !== 0);
          used = 4;
        }
        break;
      case 0xc9: // Home Address (RFC 6275 §6.3)
        if (optLen >= 16) {
          tree.add(ipv6Fields["opt.mipv6.home_address"], d, 16, data.subarray(d, d + 16));
          used = 16;
        }
        break;
      case 0x1e:
      case 0x3e:
      case 0x5e:
      case 0x7e:
      case 0x9e:
      case 0xbe:
      case 0xde:
      case 0xfe: // RFC 4727 experimental
        tree.add(ipv6Fields["opt.experimental"], d, optLen, data.subarray(d, d + optLen));
        used = optLen;
        break;
      default:
        tree.add(ipv6Fields["opt.unknown"], d, optLen, data.subarray(d, d + optLen));
        expert(pinfo, d, optLen, "note", "Unknown Data (not interpreted)", "Undecoded", protoName);
        used = optLen;
    }
    if (used < optLen) {
      tree.add(ipv6Fields.opt_unknown_data, d + used, optLen - used, data.subarray(d + used, d + optLen));
      expert(pinfo, d + used, optLen - used, "note", "Unknown Data (not interpreted)", "Undecoded", protoName);
    }
    tree.close();
    p = d + optLen;
  }
  tree.close();
  dissectNext(nxt, data, hEnd, end, pinfo, ctx, captureEnd);
}

/** Routing header (RFC 8200 §4.4): type 0 (RFC 2460, deprecated by RFC 5095), 2 (RFC 6275), 4 (RFC 8754). */
function dissectRouting(data: Uint8Array, o: number, end: number, pinfo: PacketInfo, ctx: Ipv6Context, captureEnd: number): void {
  const tree = pinfo.tree;
  const R = routingFields;
  appendInfoSep(pinfo, "IPv6 routing");
  enterLayer(pinfo, "ipv6.routing");
  ctx.firstExt = false;
  tree.open(R[""], o, Math.max(0, Math.min(8, end - o)));
  if (o + 4 > end) {
    if (o < end) tree.add(R.nxt, o, 1, data[o]!);
    outOfBytes(pinfo, "IPv6 Routing", end, ctx, captureEnd);
    tree.close();
    return;
  }
  const nxt = data[o]!;
  const hdrLen = data[o + 1]!;
  const total = (hdrLen + 1) * 8;
  const type = data[o + 2]!;
  const segleft = data[o + 3]!;
  tree.add(R.nxt, o, 1, nxt);
  tree.add(R.len, o + 1, 1, hdrLen);
  ctx.fragPlen -= total;
  ctx.itemLen += total;
  tree.add(R.len_oct, o + 1, 1, total, GENERATED);
  tree.add(R.type, o + 2, 1, type);
  if (tree.detailed) tree.setLabel(`Routing Header for IPv6 (${ROUTING_TYPES[type] ?? `Unknown type ${type}`})`);
  tree.add(R.segleft, o + 3, 1, segleft);
  const tEnd = o + total;
  const d = o + 4;
  let lastAddr: Uint8Array | null = null;
  let ok = true;
  const need = (n: number): boolean => {
    if (n <= end) return true;
    ok = false;
    return false;
  };
  switch (type) {
    case 0: {
      if (!need(d + 4)) break;
      tree.add(R["src.reserved"], d, 4, data.subarray(d, d + 4));
      if (hdrLen % 2 !== 0) expert(pinfo, o + 1, 1, "error", "IPv6 Routing Header extension header length must not be odd", "Malformed", "IPv6 Routing");
      const count = hdrLen >> 1;
      if (segleft > count) expert(pinfo, o + 3, 1, "warn", `IPv6 Type 0 Routing Header segments left field must not exceed address count (${count})`, "Protocol", "IPv6 Routing");
      for (let i = 1; i <= count; i++) {
        const a = d + 4 + (i - 1) * 16;
        if (!need(a + 16)) break;
        const addr = data.subarray(a, a + 16);
        tree.add(R["src.addr"], a, 16, addr, 0, tree.detailed ? `Address[${i}]: ${ipv6ToString(addr)}` : undefined);
        if (addr[0] === 0xff) expert(pinfo, a, 16, "warn", "Multicast addresses must not appear in the source route list", "Protocol", "IPv6 Routing");
        lastAddr = addr;
      }
      if (ok) expert(pinfo, o + 2, 1, "note", "Routing header type is deprecated", "Deprecated", "IPv6 Routing");
      break;
    }
    case 2: {
      if (!need(d + 20)) break;
      tree.add(R["mipv6.reserved"], d, 4, data.subarray(d, d + 4));
      if (hdrLen !== 2) expert(pinfo, o + 1, 1, "error", "IPv6 Type 2 Routing Header extension header length must equal 2", "Malformed", "IPv6 Routing");
      if (segleft !== 1) expert(pinfo, o + 3, 1, "warn", "IPv6 Type 2 Routing Header segments left field must equal 1", "Protocol", "IPv6 Routing");
      const addr = data.subarray(d + 4, d + 20);
      tree.add(R["mipv6.home_address"], d + 4, 16, addr, 0, tree.detailed ? `Address[1]: ${ipv6ToString(addr)}` : undefined);
      lastAddr = addr;
      break;
    }
    case 4: {
      if (!need(d + 4)) break;
      const last = data[d]!;
      tree.add(R["srh.last_entry"], d, 1, last);
      tree.add(R["srh.flags"], d + 1, 1, data[d + 1]!);
      tree.add(R["srh.tag"], d + 2, 2, u16(data, d + 2));
      const count = last + 1;
      if (segleft > count) expert(pinfo, o + 3, 1, "warn", `IPv6 Type 4 Routing Header segments left field must not exceed address count (${count})`, "Protocol", "IPv6 Routing");
      // The packet's final destination is Segment List[0] (RFC 8754 §2).
      if (need(d + 20)) lastAddr = data.subarray(d + 4, d + 20);
      for (let i = 0; i < count; i++) {
        const a = d + 4 + i * 16;
        if (!need(a + 16)) break;
        const addr = data.subarray(a, a + 16);
        tree.add(R["srh.addr"], a, 16, addr, 0, tree.detailed ? `Address[${i}]: ${ipv6ToString(addr)}` : undefined);
      }
      break;
    }
    default: {
      const n = total - 4;
      if (!need(d + n)) break;
      tree.add(R.unknown_data, d, n, data.subarray(d, d + n));
      expert(pinfo, d, n, "warn", "Undecoded IPv6 routing header field", "Undecoded", "IPv6 Routing");
    }
  }
  if (!ok) {
    outOfBytes(pinfo, "IPv6 Routing", end, ctx, captureEnd);
    tree.close();
    return;
  }
  // Wireshark makes the final address pinfo->dst while segments remain.
  if (lastAddr && segleft > 0) {
    ctx.dstText = ipv6ToString(lastAddr);
    if (!pinfo.inErrorPacket) {
      pinfo.netDst = ctx.dstText;
      pinfo.dstAddr = lastAddr;
    }
  }
  tree.close(total);
  dissectNext(nxt, data, tEnd, end, pinfo, ctx, captureEnd);
}

/** Fragment header (RFC 8200 §4.5) and reassembly. */
function dissectFragment(data: Uint8Array, o: number, end: number, pinfo: PacketInfo, ctx: Ipv6Context, captureEnd: number): void {
  const tree = pinfo.tree;
  const H = fraghdrFields;
  enterLayer(pinfo, "ipv6.fraghdr");
  ctx.firstExt = false;
  if (o + 8 > end) {
    // nxt, offset and identification are read before anything is added.
    outOfBytes(pinfo, "IPv6 Fragment", end, ctx, captureEnd);
    return;
  }
  const nxt = data[o]!;
  const offlg = u16(data, o + 2);
  const fragOff = offlg & 0xfff8;
  const more = (offlg & 1) !== 0;
  const ident = u32(data, o + 4);
  const identHex = ident.toString(16).padStart(8, "0");
  if (!pinfo.inErrorPacket && pinfo.wantColumns) pinfo.info = `IPv6 fragment (off=${fragOff} more=${more ? "y" : "n"} ident=0x${identHex} nxt=${nxt})`;
  ctx.fragPlen -= 8;
  ctx.itemLen += 8;
  tree.open(H[""], o, 8);
  tree.add(H.nxt, o, 1, nxt);
  tree.add(H.reserved_octet, o + 1, 1, data[o + 1]!);
  tree.add(H.offset, o + 2, 2, fragOff >> 3, 0, bitsLabel(tree, H.offset, offlg, fragOff >> 3, `Offset: ${fragOff >> 3} (${fragOff} bytes)`));
  tree.add(H.reserved_bits, o + 2, 2, (offlg >> 1) & 3, 0, bitsLabel(tree, H.reserved_bits, offlg, (offlg >> 1) & 3));
  tree.add(H.more, o + 2, 2, more, 0, bitsLabel(tree, H.more, offlg, more));
  tree.add(H.ident, o + 4, 4, ident);
  tree.close();
  const payload = o + 8;
  if (ctx.fragPlen > 0 && (fragOff !== 0 || more)) {
    let reassembled: Uint8Array | null = null;
    // ipv6_reassemble_do: only when the whole fragment was captured.
    if (payload + ctx.fragPlen <= captureEnd && !pinfo.inErrorPacket) {
      // fragment_add_check keys on pinfo->src/dst (the final destination after a routing header) and the identification.
      const key = `${ctx.srcText} ${ctx.dstText} ${ident}`;
      const r = reassembler(pinfo);
      const frag = data.subarray(payload, payload + ctx.fragPlen);
      const dg = pinfo.visited ? r.lookup(pinfo.num, key) : r.add(key, pinfo.num, pinfo.tsSec, fragOff, frag, more);
      if (dg) {
        if (dg.reassembledIn === pinfo.num) {
          const index = pinfo.addSource(`Reassembled IPv6 (${dg.bytes.length} bytes)`, dg.bytes);
          const prev = pinfo.enterSource(index);
          addFragmentTree(pinfo, IPV6_FRAGMENT_FIELDS, dg);
          if (dg.flags & FRAG_ERROR_FLAGS && !pinfo.inErrorPacket && pinfo.wantColumns) pinfo.info = "[Illegal IPv6 fragments]";
          reassembled = dg.bytes;
          // Post-fragment headers and the payload come from the reassembled buffer.
          ctx.fragPlen = 0;
          ctx.end = reassembled.length;
          ctx.cutByLength = false;
          ctx.repEnd = reassembled.length;
          dissectNext(nxt, reassembled, 0, reassembled.length, pinfo, ctx, reassembled.length);
          pinfo.enterSource(prev);
          return;
        }
        tree.add(ipv6Fields["reassembled.in"], payload, 0, dg.reassembledIn, GENERATED);
      }
    }
    // Not reassembled (yet): the bytes after the fragment header are data.
    if (ctx.treeOpen) {
      // The chain ends here without ipv6_dissect_next, so the IPv6 item keeps its fixed-header length.
      tree.close(40);
      ctx.treeOpen = false;
    }
    const sFragmented = pinfo.ipCarrier.fragmented;
    pinfo.ipCarrier.fragmented = true;
    dissectData(data, payload, end, pinfo);
    pinfo.ipCarrier.fragmented = sFragmented;
    return;
  }
  dissectNext(nxt, data, payload, end, pinfo, ctx, captureEnd);
}
