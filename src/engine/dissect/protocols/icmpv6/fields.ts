/**
 * ICMPv6's fields and value names (packet-icmpv6.c): message types, codes per
 * type, Neighbor Discovery option types.
 */
import { defineFields } from "../../field";
import { CHECKSUM_STATUS } from "../ipv4";

export const TYPE_NAMES: Record<number, string> = {
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

export const OPTION_NAMES: Record<number, string> = {
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

export const LIFETIME_INFINITY = 0xffffffff;

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

export function codeName(type: number, code: number): string | null {
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
