/**
 * IPv4's fields (packet-ip.c), the option layers tshark registers as
 * protocols, the reassembly fields and the header's flag and protocol numbers.
 */
import { defineFields } from "../../field";
import type { FragmentFields } from "../../fragment-tree";
import { IP_PROTO_NAMES } from "../ipproto-names";
import { CHECKSUM_STATUS, DSCP_NAMES, ECN_NAMES } from "./values";

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
export const optionProtos = defineFields("ip.options", {
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

export const IP_MF = 0x2000;
export const IP_OFFSET = 0x1fff;
export const IP_PROTO_IGMP = 2;
export const IP_PROTO_PIM = 103;
export const IP_PROTO_OSPF = 89;
