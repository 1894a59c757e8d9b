/**
 * Internet Protocol version 6 (RFC 8200), EtherType 0x86dd, IP protocol 41
 * (IPv6-in-IP, RFC 4213), with its extension headers.
 *
 *   +0 version(4) traffic class(8: DSCP 6 | ECN 2) flow label(20)
 *   +4 payload length  +6 next header  +7 hop limit  +8 source  +24 destination
 *   +40 extension headers (hop-by-hop 0, routing 43, fragment 44, destination
 *       options 60), then the upper-layer payload.
 *
 * Follows Wireshark 4.0's packet-ipv6.c: extension headers are their own
 * layers (frame.protocols "ipv6:ipv6.hopopts:ipv6.routing:udp") but sit inside
 * the IPv6 subtree; `ipv6.nxt` is only the fixed header's next header (each
 * extension header has its own `.nxt`); the datagram ends at 40 + payload
 * length when the frame holds that much (a zero payload length without a
 * Jumbo option is taken at face value, so following headers run out of bytes
 * and are malformed, as in tshark); a Routing header with segments left makes
 * its final address the packet's destination (columns, conversations,
 * pseudo-header), like pinfo->dst in Wireshark. Fragments are reassembled
 * through ip-fragments.ts when the whole fragment was captured; fragments that
 * are not (yet) reassembled are shown as data with "IPv6 fragment (...)" Info.
 */
import { defineField, defineFields } from "../field";
import { register, table } from "../dissector";
import { dissectData, enterLayer, expert, markMalformed, reportedEnd, u16, u32 } from "../common";
import { ipv6ToString } from "../format";
import type { PacketInfo } from "../packet-info";
import { GENERATED, HIDDEN } from "../tree";
import { IP_PROTO_NAMES, ipProtoName } from "./ipproto-names";
import { bitsLabel, DSCP_NAMES, ECN_NAMES, dsSummary } from "./ipv4";
import { FRAG_ERROR_FLAGS, FragmentReassembler } from "../../reassembly/ip-fragments";
import { addFragmentTree, type FragmentFields } from "../fragment-tree";

export const ipv6Fields = defineFields("ipv6", {
  "": { name: "Internet Protocol Version 6", type: "protocol" },
  version: { name: "Version", type: "uint8", bitmask: 0xf0, bitWidth: 8 },
  tclass: { name: "Traffic Class", type: "uint32", base: "hex", bitmask: 0x0ff00000, bitWidth: 32 },
  "tclass.dscp": { name: "Differentiated Services Codepoint", type: "uint32", bitmask: 0x0fc00000, bitWidth: 32, vals: DSCP_NAMES },
  "tclass.ecn": { name: "Explicit Congestion Notification", type: "uint32", bitmask: 0x00300000, bitWidth: 32, vals: ECN_NAMES },
  flow: { name: "Flow Label", type: "uint24", base: "hex", bitmask: 0x0fffff, bitWidth: 24 },
  plen: { name: "Payload Length", type: "uint16" },
  nxt: { name: "Next Header", type: "uint8", vals: IP_PROTO_NAMES },
  hlim: { name: "Hop Limit", type: "uint8" },
  src: { name: "Source Address", type: "ipv6" },
  src_host: { name: "Source Host", type: "string" },
  src_slaac_mac: { name: "Source SLAAC MAC", type: "ether" },
  src_isatap_ipv4: { name: "Source ISATAP IPv4", type: "ipv4" },
  src_6to4_gw_ipv4: { name: "Source 6to4 Gateway IPv4", type: "ipv4" },
  src_6to4_sla_id: { name: "Source 6to4 SLA ID", type: "uint16" },
  src_ts_ipv4: { name: "Source Teredo Server IPv4", type: "ipv4" },
  src_tc_port: { name: "Source Teredo Port", type: "uint16" },
  src_tc_ipv4: { name: "Source Teredo Client IPv4", type: "ipv4" },
  src_embed_ipv4: { name: "Source Embedded IPv4", type: "ipv4" },
  dst: { name: "Destination Address", type: "ipv6" },
  dst_host: { name: "Destination Host", type: "string" },
  dst_slaac_mac: { name: "Destination SLAAC MAC", type: "ether" },
  dst_isatap_ipv4: { name: "Destination ISATAP IPv4", type: "ipv4" },
  dst_6to4_gw_ipv4: { name: "Destination 6to4 Gateway IPv4", type: "ipv4" },
  dst_6to4_sla_id: { name: "Destination 6to4 SLA ID", type: "uint16" },
  dst_ts_ipv4: { name: "Destination Teredo Server IPv4", type: "ipv4" },
  dst_tc_port: { name: "Destination Teredo Port", type: "uint16" },
  dst_tc_ipv4: { name: "Destination Teredo Client IPv4", type: "ipv4" },
  dst_embed_ipv4: { name: "Destination Embedded IPv4", type: "ipv4" },
  addr: { name: "Source or Destination Address", type: "ipv6" },
  host: { name: "Source or Destination Host", type: "string" },
  slaac_mac: { name: "SLAAC MAC", type: "ether" },
  isatap_ipv4: { name: "ISATAP IPv4", type: "ipv4" },
  "6to4_gw_ipv4": { name: "6to4 Gateway IPv4", type: "ipv4" },
  "6to4_sla_id": { name: "6to4 SLA ID", type: "uint16" },
  ts_ipv4: { name: "Teredo Server IPv4", type: "ipv4" },
  tc_port: { name: "Teredo Port", type: "uint16" },
  tc_ipv4: { name: "Teredo Client IPv4", type: "ipv4" },
  embed_ipv4_prefix: { name: "Embedded IPv4 Prefix", type: "bytes" },
  embed_ipv4: { name: "Embedded IPv4", type: "ipv4" },
  // Options of hop-by-hop and destination options headers (RFC 8200 §4.2).
  opt: { name: "IPv6 Option", type: "none" },
  "opt.type": { name: "Type", type: "uint8", base: "hex", vals: {
    0x00: "Pad1", 0x01: "PadN", 0x04: "Tunnel Encapsulation Limit", 0x05: "Router Alert", 0x07: "CALIPSO", 0x08: "SMF_DPD",
    0x0f: "Performance and Diagnostic Metrics", 0x1e: "Experimental (0x1E)", 0x26: "Quick-Start", 0x30: "Path MTU Option",
    0x31: "IOAM Option", 0x3e: "Experimental (0x3E)", 0x41: "Tunnel Payload Forwarding (TPF) Information",
    0x5e: "Experimental (0x5E)", 0x63: "RPL Option", 0x6d: "MPL Option", 0x7e: "Experimental (0x7E)",
    0x8a: "Endpoint Identification", 0x8b: "ILNP Nonce", 0x8c: "Line-Identification Option", 0x9e: "Experimental (0x9E)",
    0xbe: "Experimental (0xBE)", 0xc2: "Jumbo Payload", 0xc9: "Home Address", 0xde: "Experimental (0xDE)", 0xee: "IP_DFF",
    0xfe: "Experimental (0xFE)" } },
  "opt.type.action": { name: "Action", type: "uint8", bitmask: 0xc0, bitWidth: 8, vals: {
    0: "Skip and continue", 1: "Discard", 2: "Discard and send ICMP Parameter Problem", 3: "Discard and send ICMP if not multicast" } },
  "opt.type.change": { name: "May Change", type: "boolean", bitmask: 0x20, bitWidth: 8, tfs: ["Yes", "No"] },
  "opt.type.rest": { name: "Low-Order Bits", type: "uint8", base: "hex", bitmask: 0x1f, bitWidth: 8 },
  "opt.length": { name: "Length", type: "uint8" },
  "opt.pad1": { name: "Pad1", type: "none" },
  "opt.padn": { name: "PadN", type: "bytes" },
  "opt.pmtu.min": { name: "Minimum Reported PMTU", type: "uint16" },
  "opt.pmtu.rtn": { name: "Return Minimum PMTU", type: "uint16" },
  "opt.pmtu.r_flag": { name: "Return Flag", type: "boolean" },
  "opt.router_alert": { name: "Router Alert", type: "uint16", vals: { 0: "MLD", 1: "RSVP", 2: "Active Network" } },
  "opt.tel": { name: "Tunnel Encapsulation Limit", type: "uint8" },
  "opt.jumbo": { name: "Payload Length", type: "uint32" },
  "opt.mipv6.home_address": { name: "MIPv6 Home Address", type: "ipv6" },
  "opt.experimental": { name: "Experimental Option", type: "bytes" },
  opt_unknown_data: { name: "Unknown Data", type: "bytes" },
  "opt.unknown": { name: "Unknown Option Payload", type: "bytes" },
  // Reassembly (Wireshark's fragment_items for IPv6).
  fragment: { name: "IPv6 Fragment", type: "framenum" },
  "fragment.overlap": { name: "Fragment overlap", type: "boolean" },
  "fragment.overlap.conflict": { name: "Conflicting data in fragment overlap", type: "boolean" },
  "fragment.multipletails": { name: "Multiple tail fragments found", type: "boolean" },
  "fragment.toolongfragment": { name: "Fragment too long", type: "boolean" },
  "fragment.error": { name: "Defragmentation error", type: "framenum" },
  "fragment.count": { name: "Fragment count", type: "uint32" },
  fragments: { name: "IPv6 Fragments", type: "none" },
  "reassembled.in": { name: "Reassembled IPv6 in frame", type: "framenum" },
  "reassembled.length": { name: "Reassembled IPv6 length", type: "uint32" },
  "reassembled.data": { name: "Reassembled IPv6 data", type: "bytes" },
});

const hopoptsFields = defineFields("ipv6.hopopts", {
  "": { name: "IPv6 Hop-by-Hop Option", type: "protocol" },
  nxt: { name: "Next Header", type: "uint8", vals: IP_PROTO_NAMES },
  len: { name: "Length", type: "uint8" },
  len_oct: { name: "Length", type: "uint16", unit: " bytes" },
});
const dstoptsFields = defineFields("ipv6.dstopts", {
  "": { name: "Destination Options for IPv6", type: "protocol" },
  nxt: { name: "Next Header", type: "uint8", vals: IP_PROTO_NAMES },
  len: { name: "Length", type: "uint8" },
  len_oct: { name: "Length", type: "uint16", unit: " bytes" },
});

const ROUTING_TYPES: Record<number, string> = {
  0: "Source Route", 1: "Nimrod", 2: "Type 2 Routing", 3: "RPL Source Route", 4: "Segment Routing",
  5: "Compact Routing Header 16", 6: "Compact Routing Header 32", 253: "Experiment 1", 254: "Experiment 2",
};
export const routingFields = defineFields("ipv6.routing", {
  "": { name: "Routing Header for IPv6", type: "protocol" },
  nxt: { name: "Next Header", type: "uint8", vals: IP_PROTO_NAMES },
  len: { name: "Length", type: "uint8" },
  len_oct: { name: "Length", type: "uint16", unit: " bytes" },
  type: { name: "Type", type: "uint8", vals: ROUTING_TYPES },
  segleft: { name: "Segments Left", type: "uint8" },
  unknown_data: { name: "Type-Specific Data", type: "bytes" },
  "src.reserved": { name: "Reserved", type: "bytes" },
  "src.addr": { name: "Address", type: "ipv6" },
  "mipv6.reserved": { name: "Reserved", type: "bytes" },
  "mipv6.home_address": { name: "Home Address", type: "ipv6" },
  "srh.last_entry": { name: "Last Entry", type: "uint8" },
  "srh.flags": { name: "Flags", type: "uint8", base: "hex" },
  "srh.tag": { name: "Tag", type: "uint16", base: "hex" },
  "srh.addr": { name: "Address", type: "ipv6" },
});

export const fraghdrFields = defineFields("ipv6.fraghdr", {
  "": { name: "Fragment Header for IPv6", type: "protocol" },
  nxt: { name: "Next header", type: "uint8", vals: IP_PROTO_NAMES },
  reserved_octet: { name: "Reserved octet", type: "uint8", base: "hex" },
  offset: { name: "Offset", type: "uint16", bitmask: 0xfff8, bitWidth: 16 },
  reserved_bits: { name: "Reserved bits", type: "uint16", bitmask: 0x0006, bitWidth: 16 },
  more: { name: "More Fragments", type: "boolean", bitmask: 0x0001, bitWidth: 16, tfs: ["Yes", "No"] },
  ident: { name: "Identification", type: "uint32", base: "hex" },
});

/** ip.version, hidden, so that "ip.version == 6" matches IPv6 packets (Wireshark adds it too). */
const ipVersionField = defineField("ip.version", { name: "Version", type: "uint8", bitmask: 0xf0, bitWidth: 8 });

export const IPV6_FRAGMENT_FIELDS: FragmentFields = {
  fragments: ipv6Fields.fragments,
  fragment: ipv6Fields.fragment,
  overlap: ipv6Fields["fragment.overlap"],
  overlapConflict: ipv6Fields["fragment.overlap.conflict"],
  multipleTails: ipv6Fields["fragment.multipletails"],
  tooLong: ipv6Fields["fragment.toolongfragment"],
  error: ipv6Fields["fragment.error"],
  count: ipv6Fields["fragment.count"],
  reassembledIn: ipv6Fields["reassembled.in"],
  reassembledLength: ipv6Fields["reassembled.length"],
  reassembledData: ipv6Fields["reassembled.data"],
  fragmentsAreBytes: false,
  tag: "IPv6 fragments",
};

const IP_PROTO_HOPOPTS = 0;
const IP_PROTO_ROUTING = 43;
const IP_PROTO_FRAGMENT = 44;
const IP_PROTO_NONE = 59;
const IP_PROTO_DSTOPTS = 60;

function reassembler(pinfo: PacketInfo): FragmentReassembler {
  return pinfo.state.get("ipv6.reassembly", () => new FragmentReassembler());
}

/** Per-datagram facts shared by the header and its extension headers (Wireshark's ipv6_pinfo_t). */
interface Ipv6Context {
  /** Start of the IPv6 header in `data` (for the fixed-header offsets). */
  start: number;
  plen: number;
  /** Payload length left after the extension headers seen so far (frag_plen). */
  fragPlen: number;
  /** Length of the IPv6 tree item: 40 + extension headers inside it. */
  itemLen: number;
  hlim: number;
  srcText: string;
  /** The destination as Wireshark's pinfo->dst sees it: a routing header's final address replaces the header's. */
  dstText: string;
  /** Whether the IPv6 subtree is still open (extension headers go inside it). */
  treeOpen: boolean;
  /** End of the datagram in the current buffer, and whether it is cut by the payload length (not the capture). */
  end: number;
  cutByLength: boolean;
  /** Where the datagram ends on the wire (beyond `end` when a snap length cut it). */
  repEnd: number;
  firstExt: boolean;
}

/**
 * The datagram runs out before a header ends: tshark's bounds exception. When
 * the end comes from the payload length (not from the snap length), it is a
 * malformed packet even in a truncated capture (ReportedBoundsError).
 */
function outOfBytes(pinfo: PacketInfo, protocol: string, at: number, ctx: Ipv6Context | null, captureEnd: number): void {
  if (ctx && ctx.cutByLength && at <= captureEnd && pinfo.capLen < pinfo.len) {
    const capLen = pinfo.capLen;
    pinfo.capLen = pinfo.len;
    markMalformed(pinfo, protocol, at, `${protocol} header runs past the payload length`);
    pinfo.capLen = capLen;
    return;
  }
  markMalformed(pinfo, protocol, at, `${protocol} header truncated`);
}

function addAddress(pinfo: PacketInfo, f: typeof ipv6Fields.src, host: typeof ipv6Fields.src_host, a: Uint8Array, o: number): string {
  const tree = pinfo.tree;
  const text = ipv6ToString(a);
  tree.add(f, o, 16, a);
  tree.add(ipv6Fields.addr, o, 16, a, HIDDEN);
  tree.add(host, o, 16, text, HIDDEN | GENERATED);
  tree.add(ipv6Fields.host, o, 16, text, HIDDEN | GENERATED);
  return text;
}

/** Generated fields for addresses that embed other addresses (6to4, Teredo, SLAAC, ISATAP, RFC 6052). */
function addEmbeddedAddresses(pinfo: PacketInfo, data: Uint8Array, s: number, d: number): void {
  const tree = pinfo.tree;
  const F = ipv6Fields;
  // Each specific field is generated; the direction-less twin is also hidden (ADDRESS_SET_GENERATED_HIDDEN).
  const pair = (o: number, mine: typeof F.src_6to4_gw_ipv4, generic: typeof F.src_6to4_gw_ipv4, off: number, len: number, v: number | Uint8Array): void => {
    tree.add(mine, o + off, len, v, GENERATED);
    tree.add(generic, o + off, len, v, GENERATED | HIDDEN);
  };
  for (const [o, gw, sla] of [[s, F.src_6to4_gw_ipv4, F.src_6to4_sla_id], [d, F.dst_6to4_gw_ipv4, F.dst_6to4_sla_id]] as const) {
    // RFC 3056 §2: 2002:V4ADDR::/48.
    if (u16(data, o) !== 0x2002) continue;
    tree.add(gw, o + 2, 4, u32(data, o + 2), GENERATED);
    tree.add(sla, o + 6, 2, u16(data, o + 6), GENERATED);
    tree.add(F["6to4_gw_ipv4"], o + 2, 4, u32(data, o + 2), GENERATED | HIDDEN);
    tree.add(F["6to4_sla_id"], o + 6, 2, u16(data, o + 6), GENERATED | HIDDEN);
  }
  for (const [o, srv, port, cli] of [[s, F.src_ts_ipv4, F.src_tc_port, F.src_tc_ipv4], [d, F.dst_ts_ipv4, F.dst_tc_port, F.dst_tc_ipv4]] as const) {
    // RFC 4380 §4: 2001:0000:server:flags:~port:~client.
    if (u32(data, o) !== 0x20010000) continue;
    const p = u16(data, o + 10) ^ 0xffff;
    const c = (u32(data, o + 12) ^ 0xffffffff) >>> 0;
    tree.add(srv, o + 4, 4, u32(data, o + 4), GENERATED);
    tree.add(port, o + 10, 2, p, GENERATED);
    tree.add(cli, o + 12, 4, c, GENERATED);
    tree.add(F.ts_ipv4, o + 4, 4, u32(data, o + 4), GENERATED | HIDDEN);
    tree.add(F.tc_port, o + 10, 2, p, GENERATED | HIDDEN);
    tree.add(F.tc_ipv4, o + 12, 4, c, GENERATED | HIDDEN);
  }
  for (const [o, mac] of [[s, F.src_slaac_mac], [d, F.dst_slaac_mac]] as const) {
    // RFC 4291 appendix A: modified EUI-64 interface identifier xx:xx:xx:ff:fe:xx:xx:xx with the U/L bit set.
    if (!(data[o + 8]! & 0x02) || u16(data, o + 11) !== 0xfffe) continue;
    const m = new Uint8Array([data[o + 8]! & ~0x02, data[o + 9]!, data[o + 10]!, data[o + 13]!, data[o + 14]!, data[o + 15]!]);
    pair(o, mac, F.slaac_mac, 8, 8, m);
  }
  for (const [o, v4] of [[s, F.src_isatap_ipv4], [d, F.dst_isatap_ipv4]] as const) {
    // RFC 5214 §6.1: interface identifier [0200:]5efe:V4ADDR.
    if ((u32(data, o + 8) & 0xfcffffff) !== 0x00005efe) continue;
    pair(o, v4, F.isatap_ipv4, 12, 4, u32(data, o + 12));
  }
  for (const [o, v4] of [[s, F.src_embed_ipv4], [d, F.dst_embed_ipv4]] as const) {
    // RFC 6052 §2.1: the well-known prefix 64:ff9b::/96.
    if (u32(data, o) !== 0x0064ff9b || u32(data, o + 4) !== 0 || u32(data, o + 8) !== 0) continue;
    tree.add(F.embed_ipv4_prefix, o, 12, data.subarray(o, o + 12), GENERATED);
    tree.add(v4, o + 12, 4, u32(data, o + 12), GENERATED);
    tree.add(F.embed_ipv4, o + 12, 4, u32(data, o + 12), GENERATED);
  }
}

/** The fields addEmbeddedAddresses reports: skipped unless someone reads them. */
const EMBEDDED_ADDRESS_FIELDS = [
  "src_slaac_mac", "src_isatap_ipv4", "src_6to4_gw_ipv4", "src_6to4_sla_id", "src_ts_ipv4", "src_tc_port", "src_tc_ipv4", "src_embed_ipv4",
  "dst_slaac_mac", "dst_isatap_ipv4", "dst_6to4_gw_ipv4", "dst_6to4_sla_id", "dst_ts_ipv4", "dst_tc_port", "dst_tc_ipv4", "dst_embed_ipv4",
  "slaac_mac", "isatap_ipv4", "6to4_gw_ipv4", "6to4_sla_id", "ts_ipv4", "tc_port", "tc_ipv4", "embed_ipv4_prefix", "embed_ipv4",
].map((k) => ipv6Fields[k as keyof typeof ipv6Fields]);

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
      expert(pinfo, offset, 1, "error", "Bogus IPv6 version");
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
      expert(pinfo, offset, avail, "error", "IPv6 header must be exactly 40 bytes");
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
      expert(pinfo, offset + 4, 2, "chat", `IPv6 payload length equals 0 (maybe because of "TCP segmentation offload" (TSO))`);
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
        expert(pinfo, offset + 4, 2, "warn", "IPv6 payload length equals 0 and Hop-By-Hop present and Jumbo Payload option missing");
      }
    }
    const framing = avail - 40;
    if (!inError && payloadLen > framing && pinfo.capLen >= pinfo.len) {
      expert(pinfo, offset + 4, 2, "error", `IPv6 payload length exceeds framing length (${framing} bytes)`);
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

/** ipv6_dissect_next: an extension header, or the end of the chain and the upper-layer payload. */
function dissectNext(nxt: number, data: Uint8Array, o: number, end: number, pinfo: PacketInfo, ctx: Ipv6Context, captureEnd: number): void {
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
  if (hop && !ctx.firstExt) expert(pinfo, o, len, "error", "IPv6 Hop-by-Hop extension header must appear immediately after IPv6 header");
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
        expert(pinfo, d, optLen, "note", "Unknown Data (not interpreted)");
        used = optLen;
    }
    if (used < optLen) {
      tree.add(ipv6Fields.opt_unknown_data, d + used, optLen - used, data.subarray(d + used, d + optLen));
      expert(pinfo, d + used, optLen - used, "note", "Unknown Data (not interpreted)");
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
      if (hdrLen % 2 !== 0) expert(pinfo, o + 1, 1, "warn", "IPv6 Routing Header extension header length must not be odd");
      const count = hdrLen >> 1;
      if (segleft > count) expert(pinfo, o + 3, 1, "warn", `IPv6 Type 0 Routing Header segments left field must not exceed address count (${count})`);
      for (let i = 1; i <= count; i++) {
        const a = d + 4 + (i - 1) * 16;
        if (!need(a + 16)) break;
        const addr = data.subarray(a, a + 16);
        tree.add(R["src.addr"], a, 16, addr, 0, tree.detailed ? `Address[${i}]: ${ipv6ToString(addr)}` : undefined);
        if (addr[0] === 0xff) expert(pinfo, a, 16, "error", "Multicast addresses must not appear in the source route list");
        lastAddr = addr;
      }
      if (ok) expert(pinfo, o + 2, 1, "note", "Routing header type is deprecated");
      break;
    }
    case 2: {
      if (!need(d + 20)) break;
      tree.add(R["mipv6.reserved"], d, 4, data.subarray(d, d + 4));
      if (hdrLen !== 2) expert(pinfo, o + 1, 1, "warn", "IPv6 Type 2 Routing Header extension header length must equal 2");
      if (segleft !== 1) expert(pinfo, o + 3, 1, "warn", "IPv6 Type 2 Routing Header segments left field must equal 1");
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
      if (segleft > count) expert(pinfo, o + 3, 1, "warn", `IPv6 Type 4 Routing Header segments left field must not exceed address count (${count})`);
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
      expert(pinfo, d, n, "warn", "Undecoded IPv6 routing header field");
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

register("ethertype", 0x86dd, ipv6);
register("ip.proto", 41, ipv6);
