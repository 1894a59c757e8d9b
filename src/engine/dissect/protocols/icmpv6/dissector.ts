/**
 * The ICMPv6 dissector (packet-icmpv6.c's dissect_icmpv6): type, code,
 * checksum over the pseudo-header, the body by type, and registration.
 */
import { register } from "../../dissector";
import { dissectData, enterLayer, expert, markMalformed, u16, u32 } from "../../common";
import { ipv6ToString } from "../../format";
import type { PacketInfo } from "../../packet-info";
import { bitsLabel } from "../ipv4";
import { addChecksum, addEchoMatch, addressPairKey, EchoMatcher, finishChecksum, onesSum, type EchoTransaction } from "../icmp";
import { dissectContained } from "./contained";
import { codeName, icmpv6Fields, TYPE_NAMES } from "./fields";
import { dissectMld, dissectMldv2Report } from "./mld";
import { dissectNdOptions } from "./nd-options";

const F = icmpv6Fields;

function matcher(pinfo: PacketInfo): EchoMatcher {
  return pinfo.state.get("icmpv6.echo", () => new EchoMatcher());
}

/** Checksum over the RFC 8200 §8.1 pseudo-header (source, final destination, length, next header 58) and the message. */
function checksumWithPseudoHeader(pinfo: PacketInfo, data: Uint8Array, start: number, end: number, reportedLen: number): number | null {
  const src = pinfo.srcAddr;
  const dst = pinfo.dstAddr;
  if (!src || !dst || src.length !== dst.length) return null;
  let sum = onesSum(src, 0, src.length);
  sum = onesSum(dst, 0, dst.length, sum);
  sum += (reportedLen >>> 16) + (reportedLen & 0xffff) + 58;
  return finishChecksum(onesSum(data, start, end, sum));
}

export const icmpv6 = {
  name: "icmpv6",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const tree = pinfo.tree;
    const inError = pinfo.inErrorPacket;
    const cols = pinfo.wantColumns && !inError;
    const len = end - offset;
    enterLayer(pinfo, "icmpv6");
    if (!inError) {
      pinfo.protocol = "ICMPv6";
      if (pinfo.wantColumns) pinfo.info = "";
    }
    tree.open(F[""], offset, len);
    const short = (at: number): number => {
      markMalformed(pinfo, "ICMPv6", at, "ICMPv6 message truncated");
      tree.close();
      return len;
    };
    if (len < 1) return short(end);
    const type = data[offset]!;
    tree.add(F.type, offset, 1, type);
    const tName = TYPE_NAMES[type] ?? `Unknown (${type})`;
    if (cols) pinfo.info = tName;
    if (len < 2) return short(end);
    const code = data[offset + 1]!;
    const cName = codeName(type, code);
    if (cols && cName) pinfo.info += ` (${cName})`;
    tree.add(F.code, offset + 1, 1, code, 0, tree.detailed ? `Code: ${code}${cName ? ` (${cName})` : ""}` : undefined);
    if (len < 4) return short(end);
    const cksum = u16(data, offset + 2);
    let computed: number | null = null;
    let why = "";
    if (pinfo.ipCarrier.fragmented) why = "fragmented datagram";
    else if (inError) why = "in ICMP error packet";
    else if (pinfo.ipCarrier.truncated) why = "fragmented datagram";
    else {
      computed = checksumWithPseudoHeader(pinfo, data, offset, end, len);
      if (computed === null) why = "fragmented datagram";
    }
    addChecksum(pinfo, { checksum: F.checksum, status: F["checksum.status"] }, offset + 2, cksum, computed, why);
    let o = offset + 4;

    if (type === 128 || type === 129) {
      if (end - o < 2) return short(end);
      const id = u16(data, o);
      tree.add(F["echo.identifier"], o, 2, id);
      if (end - o < 4) return short(end);
      const seq = u16(data, o + 2);
      tree.add(F["echo.sequence_number"], o + 2, 2, seq);
      o += 4;
      if (cols) {
        pinfo.info += ` id=0x${id.toString(16).padStart(4, "0")}, seq=${seq}`;
        if (pinfo.ipCarrier.version === 6) pinfo.info += `, hop limit=${pinfo.ipCarrier.ttl}`;
      }
      if (!inError) {
        // The request keys on its own checksum; the reply derives the request's (type 128 vs 129: 0x0100).
        const k0 = type === 128 ? (cksum === 0xffff ? 0 : cksum) : finishChecksum((~cksum & 0xffff) + (~0x0100 & 0xffff));
        const key = `${addressPairKey(pinfo)} ${k0} ${id} ${seq}`;
        const m = matcher(pinfo);
        const t: EchoTransaction | undefined = type === 129 ? m.reply(pinfo, key) : m.request(pinfo, key);
        const dst = pinfo.dstAddr;
        const nonUnicast = dst && dst.length === 16 && dst[0] === 0xff ? "multicast" : "";
        addEchoMatch(pinfo, t, type === 129, F, nonUnicast, "ICMPv6");
      }
      if (end > o) dissectData(data, o, end, pinfo);
      tree.close();
      return len;
    }

    switch (type) {
      case 1: // Destination Unreachable
      case 3: {
        // Time Exceeded; RFC 4884 length of the original datagram in 64-bit words
        if (end - o < 1) return short(end);
        const origLen = data[o]!;
        if (origLen) {
          tree.add(F.length, o, 1, origLen);
          if (end - o < 4) return short(end);
          tree.add(F.reserved, o + 1, 3, data.subarray(o + 1, o + 4));
        } else {
          if (end - o < 4) return short(end);
          tree.add(F.reserved, o, 4, data.subarray(o, o + 4));
        }
        o += 4;
        dissectContained(data, o, end, pinfo);
        break;
      }
      case 2: // Packet Too Big
        if (end - o < 4) return short(end);
        tree.add(F.mtu, o, 4, u32(data, o));
        dissectContained(data, o + 4, end, pinfo);
        break;
      case 4: // Parameter Problem
        if (end - o < 4) return short(end);
        tree.add(F.pointer, o, 4, u32(data, o));
        dissectContained(data, o + 4, end, pinfo);
        break;
      case 130:
      case 131:
      case 132:
        if (!dissectMld(data, o, end, pinfo, type, len)) return short(end);
        break;
      case 133: // Router Solicitation
      case 141:
      case 142:
        if (end - o < 4) return short(end);
        tree.add(F.reserved, o, 4, data.subarray(o, o + 4));
        if (!dissectNdOptions(data, o + 4, end, pinfo)) return short(end);
        break;
      case 134: {
        // Router Advertisement
        if (end - o < 12) return short(end);
        tree.add(F["nd.ra.cur_hop_limit"], o, 1, data[o]!);
        const fl = data[o + 1]!;
        tree.open(F["nd.ra.flag"], o + 1, 1, fl);
        tree.add(F["nd.ra.flag.m"], o + 1, 1, (fl & 0x80) !== 0, 0, bitsLabel(tree, F["nd.ra.flag.m"], fl, (fl & 0x80) !== 0));
        tree.add(F["nd.ra.flag.o"], o + 1, 1, (fl & 0x40) !== 0, 0, bitsLabel(tree, F["nd.ra.flag.o"], fl, (fl & 0x40) !== 0));
        tree.add(F["nd.ra.flag.h"], o + 1, 1, (fl & 0x20) !== 0, 0, bitsLabel(tree, F["nd.ra.flag.h"], fl, (fl & 0x20) !== 0));
        tree.add(F["nd.ra.flag.prf"], o + 1, 1, (fl >> 3) & 3, 0, bitsLabel(tree, F["nd.ra.flag.prf"], fl, (fl >> 3) & 3));
        tree.add(F["nd.ra.flag.p"], o + 1, 1, (fl & 0x04) !== 0, 0, bitsLabel(tree, F["nd.ra.flag.p"], fl, (fl & 0x04) !== 0));
        tree.add(F["nd.ra.flag.rsv"], o + 1, 1, fl & 0x03, 0, bitsLabel(tree, F["nd.ra.flag.rsv"], fl, fl & 0x03));
        tree.close();
        tree.add(F["nd.ra.router_lifetime"], o + 2, 2, u16(data, o + 2));
        tree.add(F["nd.ra.reachable_time"], o + 4, 4, u32(data, o + 4));
        tree.add(F["nd.ra.retrans_timer"], o + 8, 4, u32(data, o + 8));
        if (!dissectNdOptions(data, o + 12, end, pinfo)) return short(end);
        break;
      }
      case 135: {
        // Neighbor Solicitation
        if (end - o < 4) return short(end);
        tree.add(F.reserved, o, 4, data.subarray(o, o + 4));
        if (end - o < 20) return short(end);
        const target = data.subarray(o + 4, o + 20);
        tree.add(F["nd.ns.target_address"], o + 4, 16, target);
        if (cols) pinfo.info += ` for ${ipv6ToString(target)}`;
        if (!dissectNdOptions(data, o + 20, end, pinfo)) return short(end);
        break;
      }
      case 136: {
        // Neighbor Advertisement
        if (end - o < 4) return short(end);
        const fl = u32(data, o);
        const flags: string[] = [];
        if (fl & 0x80000000) flags.push("rtr");
        if (fl & 0x40000000) flags.push("sol");
        if (fl & 0x20000000) flags.push("ovr");
        let label: string | undefined;
        if (tree.detailed) {
          const names = ["Router", "Solicited", "Override"].filter((_, i) => fl & (0x80000000 >>> i));
          label = `Flags: 0x${fl.toString(16).padStart(8, "0")}${names.length ? `, ${names.join(", ")}` : ""}`;
        }
        tree.open(F["nd.na.flag"], o, 4, fl, label);
        tree.add(F["nd.na.flag.r"], o, 4, (fl & 0x80000000) !== 0, 0, bitsLabel(tree, F["nd.na.flag.r"], fl, (fl & 0x80000000) !== 0));
        tree.add(F["nd.na.flag.s"], o, 4, (fl & 0x40000000) !== 0, 0, bitsLabel(tree, F["nd.na.flag.s"], fl, (fl & 0x40000000) !== 0));
        tree.add(F["nd.na.flag.o"], o, 4, (fl & 0x20000000) !== 0, 0, bitsLabel(tree, F["nd.na.flag.o"], fl, (fl & 0x20000000) !== 0));
        tree.add(F["nd.na.flag.rsv"], o, 4, fl & 0x1fffffff, 0, bitsLabel(tree, F["nd.na.flag.rsv"], fl, fl & 0x1fffffff));
        tree.close();
        if (end - o < 20) return short(end);
        const target = data.subarray(o + 4, o + 20);
        tree.add(F["nd.na.target_address"], o + 4, 16, target);
        if (cols) pinfo.info += ` ${ipv6ToString(target)} (${flags.length ? flags.join(", ") : "none"})`;
        if (!dissectNdOptions(data, o + 20, end, pinfo)) return short(end);
        break;
      }
      case 137: // Redirect
        if (end - o < 36) return short(end);
        tree.add(F.reserved, o, 4, data.subarray(o, o + 4));
        tree.add(F["nd.rd.target_address"], o + 4, 16, data.subarray(o + 4, o + 20));
        tree.add(F["rd.na.destination_address"], o + 20, 16, data.subarray(o + 20, o + 36));
        if (!dissectNdOptions(data, o + 36, end, pinfo)) return short(end);
        break;
      case 143:
        if (!dissectMldv2Report(data, o, end, pinfo)) return short(end);
        break;
      case 138: // Router Renumbering (RFC 2894 §3.1): the fixed header only
        if (end - o < 12) return short(end);
        tree.add(F["rr.sequence_number"], o, 4, u32(data, o));
        tree.add(F["rr.segment_number"], o + 4, 1, data[o + 4]!);
        tree.add(F["rr.flag"], o + 5, 1, data[o + 5]!);
        tree.add(F["rr.maxdelay"], o + 6, 2, u16(data, o + 6));
        tree.add(F.reserved, o + 8, 4, data.subarray(o + 8, o + 12));
        break;
      case 139: // Node Information Query / Reply (RFC 4620 §4): the fixed header only
      case 140:
        if (end - o < 12) return short(end);
        tree.add(F["ni.qtype"], o, 2, u16(data, o));
        tree.add(F["ni.flag"], o + 2, 2, u16(data, o + 2));
        tree.add(F["ni.nonce"], o + 4, 8, (BigInt(u32(data, o + 4)) << 32n) | BigInt(u32(data, o + 8)));
        break;
      default:
        expert(pinfo, offset, 1, "note", `Dissector for ICMPv6 Type (${type}) code not implemented, Contact Wireshark developers if you want this supported`, "Undecoded", "ICMPv6");
        if (end > o) tree.add(F.data, o, end - o, data.subarray(o, end));
    }
    tree.close();
    return len;
  },
};

register("ip.proto", 58, icmpv6);
