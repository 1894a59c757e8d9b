/**
 * Internet Control Message Protocol for IPv6 (RFC 4443), IP protocol 58, with
 * Neighbor Discovery (RFC 4861) and Multicast Listener Discovery (RFC 2710,
 * RFC 3810).
 *
 *   +0 type  +1 code  +2 checksum (over the RFC 8200 §8.1 pseudo-header)  +4 body
 *
 * Follows Wireshark 4.0's packet-icmpv6.c: Info is the type name, the code
 * name in parentheses for error and a few other types, then type details
 * ("Echo (ping) request id=0x0009, seq=1, hop limit=64", "Neighbor
 * Solicitation for 2001:db8::1 from 00:11:22:33:44:55"); echo requests and
 * replies are matched per address pair by (checksum, identifier, sequence);
 * error messages (types 1-4) quote the offending packet, dissected by the IPv6
 * dissector with `pinfo.inErrorPacket` set.
 */
import { defineFields } from "../field";
import { register } from "../dissector";
import { dissectData, enterLayer, expert, markMalformed, u16, u32 } from "../common";
import { etherToString, ipv6ToString } from "../format";
import type { PacketInfo } from "../packet-info";
import { HIDDEN } from "../tree";
import { bitsLabel, CHECKSUM_STATUS } from "./ipv4";
import { addChecksum, addEchoMatch, addressPairKey, dissectQuoted, EchoMatcher, finishChecksum, onesSum, secondsText, type EchoTransaction } from "./icmp";

const TYPE_NAMES: Record<number, string> = {
  1: "Destination Unreachable", 2: "Packet Too Big", 3: "Time Exceeded", 4: "Parameter Problem",
  100: "Private experimentation", 101: "Private experimentation", 127: "Reserved for expansion of ICMPv6 error messages",
  128: "Echo (ping) request", 129: "Echo (ping) reply", 130: "Multicast Listener Query", 131: "Multicast Listener Report",
  132: "Multicast Listener Done", 133: "Router Solicitation", 134: "Router Advertisement", 135: "Neighbor Solicitation",
  136: "Neighbor Advertisement", 137: "Redirect", 138: "Router Renumbering", 139: "Node Information Query",
  140: "Node Information Reply", 141: "Inverse Neighbor Discovery Solicitation", 142: "Inverse Neighbor Discovery Advertisement",
  143: "Multicast Listener Report Message v2", 144: "Home Agent Address Discovery Request",
  145: "Home Agent Address Discovery Reply", 146: "Mobile Prefix Solicitation", 147: "Mobile Prefix Advertisement",
  148: "Certification Path Solicitation", 149: "Certification Path Advertisement", 150: "Experimental Mobility",
  151: "Multicast Router Advertisement", 152: "Multicast Router Solicitation", 153: "Multicast Router Termination",
  154: "FMIPv6", 155: "RPL Control", 156: "Locator Update", 157: "Duplicate Address Request",
  158: "Duplicate Address Confirmation", 159: "MPL Control Message", 160: "Extended Echo request", 161: "Extended Echo reply",
  200: "Private experimentation", 201: "Private experimentation", 255: "Reserved for expansion of ICMPv6 informational messages",
};

// tshark 4.0's value strings (some lower case, and fewer codes than later releases).
const UNREACH_CODES: Record<number, string> = {
  0: "no route to destination", 1: "Administratively prohibited", 2: "Beyond scope of source address",
  3: "Address unreachable", 4: "Port unreachable", 5: "Source address failed ingress/egress policy",
  6: "Reject route to destination", 7: "Error in Source Routing Header",
};
const TIMEEX_CODES: Record<number, string> = { 0: "hop limit exceeded in transit", 1: "fragment reassembly time exceeded" };
const PARAMPROB_CODES: Record<number, string> = {
  0: "erroneous header field encountered", 1: "unrecognized Next Header type encountered",
  2: "unrecognized IPv6 option encountered", 3: "IPv6 First Fragment has incomplete IPv6 Header Chain",
};
const RPL_CODES: Record<number, string> = {
  0x00: "DODAG Information Solicitation", 0x01: "DODAG Information Object", 0x02: "Destination Advertisement Object",
  0x03: "Destination Advertisement Object Acknowledgment", 0x04: "P2P Discovery Reply Object",
  0x05: "P2P Discovery Reply Object Acknowledgement", 0x80: "Secure DODAG Information Solicitation",
  0x81: "Secure DODAG Information Object", 0x82: "Secure Destination Advertisement Object",
  0x83: "Secure Destination Advertisement Object Acknowledgment", 0x84: "P2P Secure Discovery Reply Object",
  0x85: "P2P Secure Discovery Reply Object Acknowledgement", 0x8a: "Consistency Check",
};
const RR_CODES: Record<number, string> = { 0: "Command", 1: "Result", 255: "Sequence number reset" };
const NI_QUERY_CODES: Record<number, string> = { 0: "Query subject = IPv6 addresses", 1: "Query subject = DNS name or empty", 2: "Query subject = IPv4 addresses" };
const NI_REPLY_CODES: Record<number, string> = { 0: "Successful", 1: "Refused", 2: "Unknown query type" };
const EXT_ECHO_REQ_CODES: Record<number, string> = { 0: "No error" };
const EXT_ECHO_REPLY_CODES: Record<number, string> = { 0: "No error", 1: "Malformed Query", 2: "No Such Interface", 3: "No Such Table Entry", 4: "Multiple Interfaces Satisfy Query" };

const OPTION_NAMES: Record<number, string> = {
  1: "Source link-layer address", 2: "Target link-layer address", 3: "Prefix information", 4: "Redirected header", 5: "MTU",
  6: "NBMA Shortcut Limit Option", 7: "Advertisement Interval", 8: "Home Agent Information", 9: "Source Address List",
  10: "Target Address List", 11: "CGA", 12: "RSA Signature", 13: "Timestamp", 14: "Nonce", 15: "Trust Anchor", 16: "Certificate",
  17: "IP Address/Prefix Option", 18: "New Router Prefix Information", 19: "Link-layer Address",
  20: "Neighbor Advertisement Acknowledgment", 23: "MAP", 24: "Route Information", 25: "Recursive DNS Server",
  26: "RA Flags Extension", 27: "Handover Key Request", 28: "Handover Key Reply", 29: "Handover Assist Information",
  30: "Mobile Node Identifier Option", 31: "DNS Search List Option", 32: "Proxy Signature (PS)",
  33: "Address Registration Option", 34: "6LoWPAN Context Option", 35: "Authoritative Border Router",
  36: "6LoWPAN Capability Indication Option", 37: "DHCP Captive-Portal", 38: "PREF64 Option",
  138: "CARD Request", 139: "CARD Reply", 253: "RFC3692-style Experiment 1", 254: "RFC3692-style Experiment 2",
};

const LIFETIME_INFINITY = 0xffffffff;

export const icmpv6Fields = defineFields("icmpv6", {
  "": { name: "Internet Control Message Protocol v6", type: "protocol" },
  type: { name: "Type", type: "uint8", vals: TYPE_NAMES },
  code: { name: "Code", type: "uint8" },
  checksum: { name: "Checksum", type: "uint16", base: "hex" },
  "checksum.status": { name: "Checksum Status", type: "uint8", base: "none", vals: CHECKSUM_STATUS },
  reserved: { name: "Reserved", type: "bytes" },
  data: { name: "Data", type: "bytes" },
  unknown_data: { name: "Unknown Data", type: "bytes" },
  mtu: { name: "MTU", type: "uint32" },
  pointer: { name: "Pointer", type: "uint32" },
  length: { name: "Length of original datagram", type: "uint8" },
  "echo.identifier": { name: "Identifier", type: "uint16", base: "hex" },
  "echo.sequence_number": { name: "Sequence", type: "uint16" },
  "nd.ra.cur_hop_limit": { name: "Cur hop limit", type: "uint8" },
  "nd.ra.flag": { name: "Flags", type: "uint8", base: "hex" },
  "nd.ra.flag.m": { name: "Managed address configuration", type: "boolean", bitmask: 0x80, bitWidth: 8, tfs: ["Set", "Not set"] },
  "nd.ra.flag.o": { name: "Other configuration", type: "boolean", bitmask: 0x40, bitWidth: 8, tfs: ["Set", "Not set"] },
  "nd.ra.flag.h": { name: "Home Agent", type: "boolean", bitmask: 0x20, bitWidth: 8, tfs: ["Set", "Not set"] },
  "nd.ra.flag.prf": { name: "Prf (Default Router Preference)", type: "uint8", bitmask: 0x18, bitWidth: 8, vals: { 0: "Medium", 1: "High", 2: "Reserved", 3: "Low" } },
  "nd.ra.flag.p": { name: "Proxy", type: "boolean", bitmask: 0x04, bitWidth: 8, tfs: ["Set", "Not set"] },
  "nd.ra.flag.rsv": { name: "Reserved", type: "uint8", bitmask: 0x03, bitWidth: 8 },
  "nd.ra.router_lifetime": { name: "Router lifetime (s)", type: "uint16" },
  "nd.ra.reachable_time": { name: "Reachable time (ms)", type: "uint32" },
  "nd.ra.retrans_timer": { name: "Retrans timer (ms)", type: "uint32" },
  "nd.ns.target_address": { name: "Target Address", type: "ipv6" },
  "nd.na.flag": { name: "Flags", type: "uint32", base: "hex" },
  "nd.na.flag.r": { name: "Router", type: "boolean", bitmask: 0x80000000, bitWidth: 32, tfs: ["Set", "Not set"] },
  "nd.na.flag.s": { name: "Solicited", type: "boolean", bitmask: 0x40000000, bitWidth: 32, tfs: ["Set", "Not set"] },
  "nd.na.flag.o": { name: "Override", type: "boolean", bitmask: 0x20000000, bitWidth: 32, tfs: ["Set", "Not set"] },
  "nd.na.flag.rsv": { name: "Reserved", type: "uint32", bitmask: 0x1fffffff, bitWidth: 32 },
  "nd.na.target_address": { name: "Target Address", type: "ipv6" },
  "nd.rd.target_address": { name: "Target Address", type: "ipv6" },
  "rd.na.destination_address": { name: "Destination Address", type: "ipv6" },
  opt: { name: "ICMPv6 Option", type: "none" },
  "opt.type": { name: "Type", type: "uint8", vals: OPTION_NAMES },
  "opt.length": { name: "Length", type: "uint8" },
  "opt.reserved": { name: "Reserved", type: "none" },
  "opt.padding": { name: "Padding", type: "none" },
  // tshark 4.0 registers these three twice (FT_ETHER for 6-byte MACs, FT_BYTES otherwise); MACs are the rule.
  "opt.linkaddr": { name: "Link-layer address", type: "ether" },
  "opt.src_linkaddr": { name: "Source Link-layer address", type: "ether" },
  "opt.target_linkaddr": { name: "Target Link-layer address", type: "ether" },
  "opt.prefix.length": { name: "Prefix Length", type: "uint8" },
  "opt.prefix.flag": { name: "Flag", type: "uint8", base: "hex" },
  "opt.prefix.flag.l": { name: "On-link flag(L)", type: "boolean", bitmask: 0x80, bitWidth: 8, tfs: ["Set", "Not set"] },
  "opt.prefix.flag.a": { name: "Autonomous address-configuration flag(A)", type: "boolean", bitmask: 0x40, bitWidth: 8, tfs: ["Set", "Not set"] },
  "opt.prefix.flag.r": { name: "Router address flag(R)", type: "boolean", bitmask: 0x20, bitWidth: 8, tfs: ["Set", "Not set"] },
  "opt.prefix.flag.reserved": { name: "Reserved", type: "uint8", bitmask: 0x1f, bitWidth: 8 },
  "opt.prefix.valid_lifetime": { name: "Valid Lifetime", type: "uint32" },
  "opt.prefix.preferred_lifetime": { name: "Preferred Lifetime", type: "uint32" },
  "opt.prefix": { name: "Prefix", type: "ipv6" },
  "opt.redirected_packet": { name: "Redirected Packet", type: "none" },
  "opt.mtu": { name: "MTU", type: "uint32" },
  "opt.rdnss.lifetime": { name: "Lifetime", type: "uint32" },
  "opt.rdnss": { name: "Recursive DNS Servers", type: "ipv6" },
  "opt.dnssl.lifetime": { name: "Lifetime", type: "uint32" },
  "opt.dnssl": { name: "Domain Names", type: "string" },
  "opt.route_info.flag": { name: "Flag", type: "uint8", base: "hex" },
  "opt.route_lifetime": { name: "Route Lifetime", type: "uint32" },
  "mld.maximum_response_delay": { name: "Maximum Response Delay [ms]", type: "uint16" },
  "mld.multicast_address": { name: "Multicast Address", type: "ipv6" },
  "mld.maximum_response_code": { name: "Maximum Response Code", type: "uint16" },
  "mld.flag": { name: "Flags", type: "uint8", base: "hex" },
  "mld.flag.s": { name: "Suppress Router-Side Processing", type: "boolean", bitmask: 0x08, bitWidth: 8 },
  "mld.flag.qrv": { name: "QRV (Querier's Robustness Variable)", type: "uint8", bitmask: 0x07, bitWidth: 8 },
  "mld.flag.reserved": { name: "Reserved", type: "uint8", bitmask: 0xf0, bitWidth: 8 },
  "mld.qqi": { name: "QQIC (Querier's Query Interval Code)", type: "uint8" },
  "mld.nb_sources": { name: "Number of Sources", type: "uint16" },
  "mld.source_address": { name: "Source Address", type: "ipv6" },
  "mldr.nb_mcast_records": { name: "Number of Multicast Address Records", type: "uint16" },
  "mldr.mar": { name: "Multicast Address Record", type: "none" },
  "mldr.mar.record_type": { name: "Record Type", type: "uint8", vals: { 1: "Include", 2: "Exclude", 3: "Changed to include", 4: "Changed to exclude", 5: "Allow new sources", 6: "Block old sources" } },
  "mldr.mar.aux_data_len": { name: "Aux Data Len", type: "uint8" },
  "mldr.mar.nb_sources": { name: "Number of Sources", type: "uint16" },
  "mldr.mar.multicast_address": { name: "Multicast Address", type: "ipv6" },
  "mldr.mar.source_address": { name: "Source Address", type: "ipv6" },
  "mldr.mar.auxiliary_data": { name: "Auxiliary Data", type: "bytes" },
  "rr.sequence_number": { name: "Sequence Number", type: "uint32" },
  "rr.segment_number": { name: "Segment Number", type: "uint8" },
  "rr.flag": { name: "Flags", type: "uint8", base: "hex" },
  "rr.maxdelay": { name: "Max Delay", type: "uint16" },
  "ni.qtype": { name: "Qtype", type: "uint16", vals: { 0: "NOOP", 1: "Supported query types (Obsolete)", 2: "Node Name", 3: "Node addresses", 4: "IPv4 node addresses" } },
  "ni.flag": { name: "Flags", type: "uint16", base: "hex" },
  "ni.nonce": { name: "Nonce", type: "uint64", base: "hex" },
  resp_in: { name: "Response In", type: "framenum" },
  resp_to: { name: "Response To", type: "framenum" },
  resptime: { name: "Response Time", type: "double" },
  no_resp: { name: "No response seen", type: "none" },
});

const F = icmpv6Fields;

function matcher(pinfo: PacketInfo): EchoMatcher {
  return pinfo.state.get("icmpv6.echo", () => new EchoMatcher());
}

function codeName(type: number, code: number): string | null {
  const pick = (t: Record<number, string>): string => t[code] ?? `Unknown (${code})`;
  switch (type) {
    case 1:
      return UNREACH_CODES[code] ?? "Unknown";
    case 3:
      return pick(TIMEEX_CODES);
    case 4:
      return pick(PARAMPROB_CODES);
    case 138:
      return pick(RR_CODES);
    case 139:
      return pick(NI_QUERY_CODES);
    case 140:
      return pick(NI_REPLY_CODES);
    case 155:
      return pick(RPL_CODES);
    case 160:
      return pick(EXT_ECHO_REQ_CODES);
    case 161:
      return pick(EXT_ECHO_REPLY_CODES);
  }
  return null;
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
        expert(pinfo, offset, 1, "warn", `Dissector for ICMPv6 Type (${type}) code not implemented, Contact Wireshark developers if you want this supported`);
        if (end > o) tree.add(F.data, o, end - o, data.subarray(o, end));
    }
    tree.close();
    return len;
  },
};

/** dissect_contained_icmpv6: the invoking packet, as IPv6 when it looks like one, else data. */
function dissectContained(data: Uint8Array, o: number, end: number, pinfo: PacketInfo): void {
  if (o >= end) {
    // Wireshark reads the version nibble of the invoking packet unconditionally.
    markMalformed(pinfo, "ICMPv6", end, "no invoking packet");
    return;
  }
  if ((data[o]! & 0xf0) === 0x60) dissectQuoted(data, o, end, pinfo, 0x86dd);
  else dissectData(data, o, end, pinfo);
}

/** MLDv1 (RFC 2710 §3) and the MLDv2 query (RFC 3810 §5.1, at least 28 bytes). */
function dissectMld(data: Uint8Array, o: number, end: number, pinfo: PacketInfo, type: number, len: number): boolean {
  const tree = pinfo.tree;
  if (type === 130 && len >= 28) {
    if (end - o < 24) return false;
    let mrc = u16(data, o);
    if (mrc >= 32768) mrc = ((mrc & 0x0fff) | 0x1000) * 2 ** (((mrc & 0x7000) >> 12) + 3);
    tree.add(F["mld.maximum_response_code"], o, 2, mrc);
    tree.add(F.reserved, o + 2, 2, data.subarray(o + 2, o + 4));
    tree.add(F["mld.multicast_address"], o + 4, 16, data.subarray(o + 4, o + 20));
    const fl = data[o + 20]!;
    tree.open(F["mld.flag"], o + 20, 1, fl);
    tree.add(F["mld.flag.s"], o + 20, 1, (fl & 0x08) !== 0, 0, bitsLabel(tree, F["mld.flag.s"], fl, (fl & 0x08) !== 0));
    tree.add(F["mld.flag.qrv"], o + 20, 1, fl & 0x07, 0, bitsLabel(tree, F["mld.flag.qrv"], fl, fl & 0x07));
    tree.add(F["mld.flag.reserved"], o + 20, 1, fl >> 4, 0, bitsLabel(tree, F["mld.flag.reserved"], fl, fl >> 4));
    tree.close();
    let qqi = data[o + 21]!;
    if (qqi >= 128) qqi = ((qqi & 0x0f) | 0x10) << (((qqi & 0x70) >> 4) + 3);
    tree.add(F["mld.qqi"], o + 21, 1, qqi);
    const n = u16(data, o + 22);
    tree.add(F["mld.nb_sources"], o + 22, 2, n);
    let p = o + 24;
    for (let i = 0; i < n; i++, p += 16) {
      if (p + 16 > end) return false;
      tree.add(F["mld.source_address"], p, 16, data.subarray(p, p + 16));
    }
    return true;
  }
  if (end - o < 20) return false;
  tree.add(F["mld.maximum_response_delay"], o, 2, u16(data, o));
  tree.add(F.reserved, o + 2, 2, data.subarray(o + 2, o + 4));
  tree.add(F["mld.multicast_address"], o + 4, 16, data.subarray(o + 4, o + 20));
  return true;
}

/** MLDv2 report (RFC 3810 §5.2): multicast address records. */
function dissectMldv2Report(data: Uint8Array, o: number, end: number, pinfo: PacketInfo): boolean {
  const tree = pinfo.tree;
  if (end - o < 4) return false;
  tree.add(F.reserved, o, 2, data.subarray(o, o + 2));
  tree.add(F["mldr.nb_mcast_records"], o + 2, 2, u16(data, o + 2));
  let p = o + 4;
  while (p < end) {
    if (end - p < 20) return false;
    const rtype = data[p]!;
    const aux = data[p + 1]!;
    const n = u16(data, p + 2);
    const recLen = 20 + 16 * n + aux * 4;
    const maddr = data.subarray(p + 4, p + 20);
    const rname = F["mldr.mar.record_type"].vals!.get(rtype) ?? `Unknown Record Type (${rtype})`;
    tree.open(F["mldr.mar"], p, Math.min(recLen, end - p), null, tree.detailed ? `Multicast Address Record ${rname}: ${ipv6ToString(maddr)}` : undefined);
    tree.add(F["mldr.mar.record_type"], p, 1, rtype);
    tree.add(F["mldr.mar.aux_data_len"], p + 1, 1, aux);
    tree.add(F["mldr.mar.nb_sources"], p + 2, 2, n);
    tree.add(F["mldr.mar.multicast_address"], p + 4, 16, maddr);
    let q = p + 20;
    for (let i = 0; i < n; i++, q += 16) {
      if (q + 16 > end) {
        tree.close();
        return false;
      }
      tree.add(F["mldr.mar.source_address"], q, 16, data.subarray(q, q + 16));
    }
    if (aux) {
      if (q + aux * 4 > end) {
        tree.close();
        return false;
      }
      tree.add(F["mldr.mar.auxiliary_data"], q, aux * 4, data.subarray(q, q + aux * 4));
    }
    tree.close();
    p += recLen;
  }
  return true;
}

function lifetimeText(v: number): string {
  return v === LIFETIME_INFINITY ? "Infinity" : `${v} (${secondsText(v)})`;
}

/** Neighbor Discovery options (RFC 4861 §4.6, RFC 8106 RDNSS/DNSSL, RFC 4191 route information). */
function dissectNdOptions(data: Uint8Array, o: number, end: number, pinfo: PacketInfo): boolean {
  const tree = pinfo.tree;
  const cols = pinfo.wantColumns && !pinfo.inErrorPacket;
  while (o < end) {
    if (end - o < 2) return false;
    const type = data[o]!;
    const optLen = data[o + 1]! * 8;
    const name = OPTION_NAMES[type] ?? `Unknown ${type}`;
    let summary = tree.detailed ? `ICMPv6 Option (${name}` : "";
    tree.open(F.opt, o, Math.min(optLen, end - o), null, summary || undefined);
    tree.add(F["opt.type"], o, 1, type);
    tree.add(F["opt.length"], o + 1, 1, data[o + 1]!, 0, tree.detailed ? `Length: ${data[o + 1]} (${optLen} bytes)` : undefined);
    if (optLen === 0) {
      expert(pinfo, o + 1, 1, "error", "Invalid option length (Zero)");
      tree.close();
      return true;
    }
    if (o + optLen > end) {
      tree.close();
      return false;
    }
    const d = o + 2;
    switch (type) {
      case 1:
      case 2: {
        const specific = type === 1 ? F["opt.src_linkaddr"] : F["opt.target_linkaddr"];
        if (optLen === 8) {
          const mac = data.subarray(d, d + 6);
          const text = etherToString(mac);
          tree.add(F["opt.linkaddr"], d, 6, mac);
          tree.add(specific, d, 6, mac, HIDDEN);
          if (cols) pinfo.info += type === 1 ? ` from ${text}` : ` is at ${text}`;
          if (tree.detailed) summary += ` : ${text}`;
        } else {
          tree.add(F["opt.linkaddr"], d, optLen - 2, data.subarray(d, o + optLen));
          tree.add(specific, d, optLen - 2, data.subarray(d, o + optLen), HIDDEN);
        }
        break;
      }
      case 3: {
        if (optLen < 32) break;
        const plen = data[d]!;
        tree.add(F["opt.prefix.length"], d, 1, plen);
        const fl = data[d + 1]!;
        tree.open(F["opt.prefix.flag"], d + 1, 1, fl);
        tree.add(F["opt.prefix.flag.l"], d + 1, 1, (fl & 0x80) !== 0, 0, bitsLabel(tree, F["opt.prefix.flag.l"], fl, (fl & 0x80) !== 0));
        tree.add(F["opt.prefix.flag.a"], d + 1, 1, (fl & 0x40) !== 0, 0, bitsLabel(tree, F["opt.prefix.flag.a"], fl, (fl & 0x40) !== 0));
        tree.add(F["opt.prefix.flag.r"], d + 1, 1, (fl & 0x20) !== 0, 0, bitsLabel(tree, F["opt.prefix.flag.r"], fl, (fl & 0x20) !== 0));
        tree.add(F["opt.prefix.flag.reserved"], d + 1, 1, fl & 0x1f, 0, bitsLabel(tree, F["opt.prefix.flag.reserved"], fl, fl & 0x1f));
        tree.close();
        const valid = u32(data, d + 2);
        const pref = u32(data, d + 6);
        tree.add(F["opt.prefix.valid_lifetime"], d + 2, 4, valid, 0, tree.detailed ? `Valid Lifetime: ${lifetimeText(valid)}` : undefined);
        tree.add(F["opt.prefix.preferred_lifetime"], d + 6, 4, pref, 0, tree.detailed ? `Preferred Lifetime: ${lifetimeText(pref)}` : undefined);
        tree.add(F["opt.reserved"], d + 10, 4, null);
        const prefix = data.subarray(d + 14, d + 30);
        tree.add(F["opt.prefix"], d + 14, 16, prefix);
        if (tree.detailed) summary += ` : ${ipv6ToString(prefix)}/${plen}`;
        break;
      }
      case 4:
        tree.add(F["opt.reserved"], d, 6, null);
        if (optLen > 8) {
          tree.add(F["opt.redirected_packet"], d + 6, optLen - 8, null);
          dissectContained(data, d + 6, o + optLen, pinfo);
        }
        break;
      case 5: {
        if (optLen < 8) break;
        tree.add(F["opt.reserved"], d, 2, null);
        const mtu = u32(data, d + 2);
        tree.add(F["opt.mtu"], d + 2, 4, mtu);
        if (tree.detailed) summary += ` : ${mtu}`;
        break;
      }
      case 24: {
        // Route Information (RFC 4191 §2.3)
        tree.add(F["opt.prefix.length"], d, 1, data[d]!);
        tree.add(F["opt.route_info.flag"], d + 1, 1, data[d + 1]!);
        if (optLen >= 8) tree.add(F["opt.route_lifetime"], d + 2, 4, u32(data, d + 2));
        if (optLen > 8) {
          const n = Math.min(16, optLen - 8);
          const prefix = new Uint8Array(16);
          prefix.set(data.subarray(d + 6, d + 6 + n));
          tree.add(F["opt.prefix"], d + 6, n, prefix);
        }
        break;
      }
      case 25: {
        // Recursive DNS Server (RFC 8106 §5.1)
        if (optLen < 8) break;
        tree.add(F["opt.reserved"], d, 2, null);
        const life = u32(data, d + 2);
        tree.add(F["opt.rdnss.lifetime"], d + 2, 4, life);
        for (let p = d + 6; p + 16 <= o + optLen; p += 16) {
          const a = data.subarray(p, p + 16);
          tree.add(F["opt.rdnss"], p, 16, a);
          if (tree.detailed) summary += ` ${ipv6ToString(a)}`;
        }
        break;
      }
      case 31: {
        // DNS Search List (RFC 8106 §5.2): uncompressed domain names, zero-padded.
        if (optLen < 8) break;
        tree.add(F["opt.reserved"], d, 2, null);
        tree.add(F["opt.dnssl.lifetime"], d + 2, 4, u32(data, d + 2));
        let p = d + 6;
        const oEnd = o + optLen;
        while (p < oEnd) {
          if (data[p] === 0) {
            tree.add(F["opt.padding"], p, oEnd - p, null);
            break;
          }
          const start = p;
          const labels: string[] = [];
          while (p < oEnd && data[p] !== 0) {
            const l = data[p]!;
            labels.push(String.fromCharCode(...data.subarray(p + 1, Math.min(p + 1 + l, oEnd))));
            p += 1 + l;
          }
          p = Math.min(p + 1, oEnd);
          const nameText = labels.join(".");
          tree.add(F["opt.dnssl"], start, p - start, nameText);
          if (tree.detailed) summary += ` ${nameText}`;
        }
        break;
      }
      default:
        break;
    }
    if (tree.detailed) tree.setLabel(`${summary})`);
    tree.close();
    o += optLen;
  }
  return true;
}

register("ip.proto", 58, icmpv6);
