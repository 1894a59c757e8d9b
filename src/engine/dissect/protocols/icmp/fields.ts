/**
 * ICMP's fields, message types and their names (packet-icmp.c's value
 * strings: RFC 792, 1191, 1812, 2521, 8335).
 */
import { defineFields } from "../../field";
import { CHECKSUM_STATUS } from "../ipv4";

const TYPE_NAMES: Record<number, string> = {
  0: "Echo (ping) reply", 1: "Reserved", 2: "Reserved", 3: "Destination unreachable",
  4: "Source quench (flow control)", 5: "Redirect", 6: "Alternate host address", 8: "Echo (ping) request",
  9: "Router advertisement", 10: "Router solicitation", 11: "Time-to-live exceeded", 12: "Parameter problem",
  13: "Timestamp request", 14: "Timestamp reply", 15: "Information request", 16: "Information reply",
  17: "Address mask request", 18: "Address mask reply", 19: "Reserved (for security)", 30: "Traceroute",
  31: "Datagram Conversion Error", 32: "Mobile Host Redirect", 33: "IPv6 Where-Are-You", 34: "IPv6 I-Am-Here",
  35: "Mobile Registration Request", 36: "Mobile Registration Reply", 37: "Domain Name Request",
  38: "Domain Name Reply", 39: "SKIP", 40: "Photuris", 41: "Experimental mobility protocols",
  42: "Extended Echo request", 43: "Extended Echo reply",
};

/** Code names per type (RFC 792, 1191, 1812, 2521, 8335). */
const CODE_NAMES: Record<number, Record<number, string>> = {
  3: {
    0: "Network unreachable", 1: "Host unreachable", 2: "Protocol unreachable", 3: "Port unreachable",
    4: "Fragmentation needed", 5: "Source route failed", 6: "Destination network unknown",
    7: "Destination host unknown", 8: "Source host isolated", 9: "Network administratively prohibited",
    10: "Host administratively prohibited", 11: "Network unreachable for TOS", 12: "Host unreachable for TOS",
    13: "Communication administratively filtered", 14: "Host precedence violation", 15: "Precedence cutoff in effect",
  },
  5: { 0: "Redirect for network", 1: "Redirect for host", 2: "Redirect for TOS and network", 3: "Redirect for TOS and host" },
  6: { 0: "Alternate address for host" },
  9: { 0: "Normal router advertisement", 16: "Does not route common traffic" },
  11: { 0: "Time to live exceeded in transit", 1: "Fragment reassembly time exceeded" },
  12: { 0: "Pointer indicates the error", 1: "Required option missing", 2: "Bad length" },
  40: { 0: "Bad SPI", 1: "Authentication Failed", 2: "Decompression Failed", 3: "Decryption Failed", 4: "Need Authentication", 5: "Need Authorization" },
  42: { 0: "No error" },
  43: { 0: "No error", 1: "Malformed Query", 2: "No Such Interface", 3: "No Such Table Entry", 4: "Multiple Interfaces Satisfy Query" },
};

export const ICMP_ECHOREPLY = 0;
export const ICMP_UNREACH = 3;
export const ICMP_SOURCEQUENCH = 4;
export const ICMP_REDIRECT = 5;
export const ICMP_ALTHOST = 6;
export const ICMP_ECHO = 8;
export const ICMP_RTRADVERT = 9;
export const ICMP_TIMXCEED = 11;
export const ICMP_PARAMPROB = 12;
export const ICMP_TSTAMP = 13;
export const ICMP_TSTAMPREPLY = 14;
export const ICMP_IREQ = 15;
export const ICMP_IREQREPLY = 16;
export const ICMP_MASKREQ = 17;
export const ICMP_MASKREPLY = 18;
export const ICMP_EXTECHO = 42;
export const ICMP_EXTECHOREPLY = 43;
export const ICMP_FRAG_NEEDED = 4;

export const icmpFields = defineFields("icmp", {
  "": { name: "Internet Control Message Protocol", type: "protocol" },
  type: { name: "Type", type: "uint8" },
  code: { name: "Code", type: "uint8" },
  checksum: { name: "Checksum", type: "uint16", base: "hex" },
  "checksum.status": { name: "Checksum Status", type: "uint8", base: "none", vals: CHECKSUM_STATUS },
  unused: { name: "Unused", type: "bytes" },
  reserved: { name: "Reserved", type: "bytes" },
  ident: { name: "Identifier (BE)", type: "uint16", base: "dec_hex" },
  ident_le: { name: "Identifier (LE)", type: "uint16", base: "dec_hex" },
  seq: { name: "Sequence Number (BE)", type: "uint16", base: "dec_hex" },
  seq_le: { name: "Sequence Number (LE)", type: "uint16", base: "dec_hex" },
  mtu: { name: "MTU of next hop", type: "uint16" },
  num_addrs: { name: "Number of addresses", type: "uint8" },
  addr_entry_size: { name: "Address entry size", type: "uint8" },
  lifetime: { name: "Lifetime", type: "uint16" },
  pointer: { name: "Pointer", type: "uint32" },
  router_address: { name: "Router address", type: "ipv4" },
  pref_level: { name: "Preference level", type: "int32" },
  originate_timestamp: { name: "Originate Timestamp", type: "uint32" },
  receive_timestamp: { name: "Receive Timestamp", type: "uint32" },
  transmit_timestamp: { name: "Transmit Timestamp", type: "uint32" },
  address_mask: { name: "Address Mask", type: "ipv4" },
  redir_gw: { name: "Gateway Address", type: "ipv4" },
  ext: { name: "ICMP Extensions", type: "none" },
  "ext.version": { name: "Version", type: "uint8" },
  "ext.res": { name: "Reserved", type: "uint16", base: "hex", bitmask: 0x0fff, bitWidth: 16 },
  "ext.checksum": { name: "Checksum", type: "uint16", base: "hex" },
  "ext.checksum.status": { name: "Checksum Status", type: "uint8", base: "none", vals: CHECKSUM_STATUS },
  "ext.length": { name: "Length", type: "uint16" },
  "ext.class": { name: "Class", type: "uint8", vals: { 1: "MPLS Label Stack Class", 2: "Interface Information Object", 3: "Interface Identification Object" } },
  "ext.ctype": { name: "C-Type", type: "uint8" },
  "ext.data": { name: "Data", type: "bytes" },
  "mpls.label": { name: "Label", type: "uint24", bitmask: 0xfffff0, bitWidth: 24 },
  "mpls.exp": { name: "Experimental", type: "uint24", bitmask: 0x0e, bitWidth: 24 },
  "mpls.s": { name: "Stack bit", type: "boolean", bitmask: 0x01, bitWidth: 24, tfs: ["Set", "Not set"] },
  "mpls.ttl": { name: "Time to live", type: "uint8" },
  "mpls.data": { name: "Data", type: "bytes" },
  "ext.echo.seq": { name: "Sequence Number", type: "uint8", base: "dec_hex" },
  "ext.echo.req.res": { name: "Reserved", type: "uint8", base: "hex", bitmask: 0xfe, bitWidth: 8 },
  "ext.echo.req.local": { name: "Local bit", type: "boolean", bitmask: 0x01, bitWidth: 8, tfs: ["Set", "Not set"] },
  "ext.echo.rsp.state": { name: "State", type: "uint8", bitmask: 0xe0, bitWidth: 8, vals: { 0: "Reserved", 1: "Incomplete", 2: "Reachable", 3: "Stale", 4: "Delay", 5: "Probe", 6: "Failed" } },
  "ext.echo.rsp.res": { name: "Reserved", type: "uint8", base: "hex", bitmask: 0x18, bitWidth: 8 },
  "ext.echo.rsp.active": { name: "Active bit", type: "boolean", bitmask: 0x04, bitWidth: 8, tfs: ["Set", "Not set"] },
  "ext.echo.rsp.ipv4": { name: "IPv4 bit", type: "boolean", bitmask: 0x02, bitWidth: 8, tfs: ["Set", "Not set"] },
  "ext.echo.rsp.ipv6": { name: "IPv6 bit", type: "boolean", bitmask: 0x01, bitWidth: 8, tfs: ["Set", "Not set"] },
  resp_in: { name: "Response frame", type: "framenum" },
  no_resp: { name: "No response seen", type: "none" },
  resp_to: { name: "Request frame", type: "framenum" },
  resptime: { name: "Response time", type: "double" },
  data_time: { name: "Timestamp from icmp data", type: "abstime", base: "dec" },
  data_time_relative: { name: "Timestamp from icmp data (relative)", type: "reltime" },
  length: { name: "Length", type: "uint8" },
  "length.original_datagram": { name: "Length of original datagram", type: "uint8" },
});

export function typeName(type: number, code: number): string {
  if (type === ICMP_RTRADVERT && (code === 0 || code === 16)) return "Mobile IP Advertisement";
  return TYPE_NAMES[type] ?? "Unknown ICMP (obsolete or malformed?)";
}

export function codeName(type: number, code: number): string | null {
  const table = CODE_NAMES[type];
  if (!table) return null;
  return table[code] ?? `Unknown code: ${code}`;
}
