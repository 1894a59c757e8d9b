/**
 * IPv6's fields, its extension headers' fields and the values they name
 * (Wireshark 4.0's packet-ipv6.c), the reassembly fields, and the next-header
 * numbers of the extension headers (RFC 8200 §4).
 */
import { defineField, defineFields } from "../../field";
import type { FragmentFields } from "../../fragment-tree";
import { IP_PROTO_NAMES } from "../ipproto-names";
import { DSCP_NAMES, ECN_NAMES } from "../ipv4";

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

export const hopoptsFields = defineFields("ipv6.hopopts", {
  "": { name: "IPv6 Hop-by-Hop Option", type: "protocol" },
  nxt: { name: "Next Header", type: "uint8", vals: IP_PROTO_NAMES },
  len: { name: "Length", type: "uint8" },
  len_oct: { name: "Length", type: "uint16", unit: " bytes" },
});
export const dstoptsFields = defineFields("ipv6.dstopts", {
  "": { name: "Destination Options for IPv6", type: "protocol" },
  nxt: { name: "Next Header", type: "uint8", vals: IP_PROTO_NAMES },
  len: { name: "Length", type: "uint8" },
  len_oct: { name: "Length", type: "uint16", unit: " bytes" },
});

export const ROUTING_TYPES: Record<number, string> = {
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
export const ipVersionField = defineField("ip.version", { name: "Version", type: "uint8", bitmask: 0xf0, bitWidth: 8 });

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

export const IP_PROTO_HOPOPTS = 0;
export const IP_PROTO_ROUTING = 43;
export const IP_PROTO_FRAGMENT = 44;
export const IP_PROTO_NONE = 59;
export const IP_PROTO_DSTOPTS = 60;
