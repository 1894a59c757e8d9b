/**
 * GRE and Cisco MetaData field definitions, named and typed as tshark 4.0
 * registers them (`tshark -G fields | grep -P '\t(gre|cmd)\.'`), plus the
 * header bits and protocol-type numbers the dissectors test.
 *
 * The GRE header (RFC 2784 §2.1 with the RFC 2890 key and sequence number,
 * and the RFC 1701 bits that Wireshark still shows):
 *
 *   +0 C R K S s Recur(3) | A(1, PPTP only) Flags(4 or 5) | Ver(3)
 *   +2 Protocol Type (an EtherType, RFC 2784 §2.4)
 *   then, each only when its bit says so:
 *   Checksum(2) + Offset(2) when C or R (RFC 1701 §2.1), Key(4) when K
 *   (RFC 2890 §2.1; PPTP: payload length(2) + call ID(2), RFC 2637 §4.1),
 *   Sequence Number(4) when S (RFC 2890 §2.2), Acknowledgment Number(4)
 *   when A on PPTP (RFC 2637 §4.1), Source Route Entries when R (RFC 1701 §2.1).
 */
import { defineFields, vals } from "../../field";
import { ETHERTYPE_NAMES } from "../ethertype-names";

/** First 16 bits of the header (RFC 1701 §2.1; RFC 2784 keeps C and Ver, RFC 2890 K and S). */
export const GRE_CHECKSUM = 0x8000;
export const GRE_ROUTING = 0x4000;
export const GRE_KEY = 0x2000;
export const GRE_SEQUENCE = 0x1000;
export const GRE_STRICT_SOURCE_ROUTE = 0x0800;
export const GRE_RECURSION = 0x0700;
/** RFC 2637 §4.1: PPTP's enhanced GRE takes bit 8 for "acknowledgment present". */
export const GRE_ACK = 0x0080;
export const GRE_RESERVED = 0x00f8;
export const GRE_RESERVED_PPP = 0x0078;
export const GRE_VERSION = 0x0007;

/** Protocol types GRE gives special handling (RFC 1701 §3 "Current List of Protocol Types" and vendor uses). */
export const GRE_TYPE = {
  KEEPALIVE: 0x0000,
  IPV4: 0x0800,
  ARP: 0x0806,
  WCCP: 0x883e,
  IPV6: 0x86dd,
  PPP: 0x880b,
  CDMA2000_A10_UBS: 0x8881,
  CDMA2000_3GPP2: 0x88d2,
  CISCO_METADATA: 0x8909,
} as const;

/**
 * Names tshark gives GRE protocol types: its own list, not the EtherType
 * names (0x0800 is "IP" here, "IPv4" as an EtherType; 0x0000, a keepalive's
 * inner header, is "Possible GRE keepalive packet").
 */
const ARUBA: Record<number, string> = {};
for (let t = 0x8200; t <= 0x8370; t += 0x10) ARUBA[t] = "ARUBA WLAN";
export const GRE_TYPE_NAMES = vals({
  0x0000: "Possible GRE keepalive packet",
  0x880b: "PPP",
  0x0800: "IP",
  0x0806: "ARP",
  0x00fe: "OSI",
  0x883e: "WCCP",
  0x2000: "CDP (Cisco)",
  0x2001: "NHRP",
  0x88be: "ERSPAN",
  0x22eb: "ERSPAN III",
  0x6400: "MIKROTIK EoIP",
  0xfeae: "AIROHIVE AP AP",
  0x8137: "IPX",
  0x6558: "Transparent Ethernet bridging",
  0x6559: "Frame Relay",
  0x86dd: "IPv6",
  0x8847: "MPLS label switched packet",
  0x894f: "Network Service Header",
  0x8881: "CDMA2000 A10 Unstructured byte stream",
  0x88d2: "CDMA2000 A10 3GPP2 Packet",
  0x8909: "CiscoMetaData",
  0xb7ea: "Huawei GRE bonding",
  ...ARUBA,
  0x9000: "ARUBA WLAN",
});

const YES_NO: readonly [string, string] = ["Yes", "No"];

/** proto_checksum_vals: the generated checksum status (BASE_NONE: shown by name only). */
export const CHECKSUM_STATUS = { 0: "Bad", 1: "Good", 2: "Unverified", 3: "Not present", 4: "Illegal" };

/** 3GPP2 A.S0012-C §2.6.1 GRE attribute types (and A.S0008-A's flow discriminator). */
export const ATTRIB_3GPP2_NAMES = vals({
  0x01: "1x SDB/HRPD DOS Indicator",
  0x02: "Flow Control Indication",
  0x03: "IP Flow Discriminator",
  0x04: "Segmentation Indication",
});

export const greFields = defineFields("gre", {
  "": { name: "Generic Routing Encapsulation", type: "protocol" },
  proto: { name: "Protocol Type", type: "uint16", base: "hex", vals: GRE_TYPE_NAMES },
  flags_and_version: { name: "Flags and Version", type: "uint16", base: "hex" },
  "flags.checksum": { name: "Checksum Bit", type: "boolean", bitmask: GRE_CHECKSUM, bitWidth: 16, tfs: YES_NO },
  "flags.routing": { name: "Routing Bit", type: "boolean", bitmask: GRE_ROUTING, bitWidth: 16, tfs: YES_NO },
  "flags.key": { name: "Key Bit", type: "boolean", bitmask: GRE_KEY, bitWidth: 16, tfs: YES_NO },
  "flags.sequence_number": { name: "Sequence Number Bit", type: "boolean", bitmask: GRE_SEQUENCE, bitWidth: 16, tfs: YES_NO },
  "flags.strict_source_route": { name: "Strict Source Route Bit", type: "boolean", bitmask: GRE_STRICT_SOURCE_ROUTE, bitWidth: 16, tfs: YES_NO },
  "flags.recursion_control": { name: "Recursion control", type: "uint16", bitmask: GRE_RECURSION, bitWidth: 16 },
  "flags.ack": { name: "Acknowledgment", type: "boolean", bitmask: GRE_ACK, bitWidth: 16, tfs: YES_NO },
  // tshark registers this name twice, with mask 0xf8 (GRE) and 0x78 (PPTP, where bit 7 is A);
  // both values are shifted by 3, so one definition serves and the label gives the right mask.
  "flags.reserved": { name: "Flags (Reserved)", type: "uint16", bitmask: GRE_RESERVED, bitWidth: 16 },
  "flags.version": { name: "Version", type: "uint16", bitmask: GRE_VERSION, bitWidth: 16, vals: { 0: "GRE", 1: "Enhanced GRE" } },
  checksum: { name: "Checksum", type: "uint16", base: "hex" },
  "checksum.status": { name: "Checksum Status", type: "uint8", base: "none", vals: CHECKSUM_STATUS },
  offset: { name: "Offset", type: "uint16" },
  key: { name: "Key", type: "uint32", base: "hex" },
  "key.payload_length": { name: "Payload Length", type: "uint16" },
  "key.call_id": { name: "Call ID", type: "uint16" },
  sequence_number: { name: "Sequence Number", type: "uint32" },
  ack_number: { name: "Acknowledgment Number", type: "uint32" },
  routing: { name: "Routing", type: "none" },
  "routing.address_family": { name: "Address Family", type: "uint16" },
  "routing.sre_offset": { name: "SRE Offset", type: "uint8" },
  // Sic: tshark's abbreviation for the SRE length is "src_length".
  "routing.src_length": { name: "SRE Length", type: "uint8" },
  "routing.information": { name: "Routing Information", type: "bytes" },
  "3gpp2_attrib": { name: "3GPP2 Attributes", type: "none" },
  "3gpp2_attrib_id": { name: "Type", type: "uint8", base: "hex", bitmask: 0x7f, bitWidth: 8, vals: ATTRIB_3GPP2_NAMES },
  "3gpp2_attrib_length": { name: "Length", type: "uint8", base: "hex" },
  "3gpp2_sdi": { name: "SDI/DOS", type: "boolean", bitmask: 0x8000, bitWidth: 16, tfs: ["Packet suitable for 1x SDB or HRPD DOS transmission", "Reserved"] },
  "3gpp2_fci": { name: "Flow Control Indicator", type: "boolean", bitmask: 0x8000, bitWidth: 16, tfs: ["XOFF", "XON"] },
  "3gpp2_di": { name: "Duration Indicator", type: "boolean", bitmask: 0x4000, bitWidth: 16, tfs: ["INDEFINITE:", "TEMPORARY"] },
  // Sic: "ggp2" in both abbreviations, as tshark has them.
  ggp2_flow_disc: { name: "Flow ID", type: "bytes" },
  ggp2_3gpp2_seg: { name: "Type", type: "uint16", base: "hex", bitmask: 0xc000, bitWidth: 16, vals: { 0: "Packet Started", 1: "Packet continued", 2: "Packet Ended" } },
  "wccp.redirect_header": { name: "Redirect Header", type: "none" },
  "wccp.dynamic_service": { name: "Dynamic Service", type: "boolean", bitmask: 0x01, bitWidth: 8, tfs: ["Dynamic service", "Well-known service"] },
  "wccp.alternative_bucket_used": { name: "Alternative bucket used", type: "boolean", bitmask: 0x02, bitWidth: 8, tfs: ["Alternative bucket used", "Primary bucket used"] },
  "wccp.redirect_header_valid": { name: "WCCP Redirect header is valid", type: "boolean", bitmask: 0x04, bitWidth: 8, tfs: ["Header is present, but ignore contents", "Header contents are valid"] },
  "wccp.service_id": { name: "Service ID", type: "uint8", vals: { 0: "HTTP" } },
  "wccp.alternative_bucket": { name: "Alternative Bucket", type: "uint8" },
  "wccp.primary_bucket": { name: "Primary Bucket", type: "uint8" },
});

/** Cisco MetaData (draft-smith-kandula-sxp): the SGT tag Cisco TrustSec puts before a payload. */
export const cmdFields = defineFields("cmd", {
  "": { name: "Cisco MetaData", type: "protocol" },
  version: { name: "Version", type: "uint8" },
  length: { name: "Length", type: "uint8" },
  options: { name: "Options", type: "uint16", base: "hex" },
  sgt: { name: "SGT", type: "uint16" },
  type: { name: "Type", type: "uint16", base: "hex", vals: ETHERTYPE_NAMES },
  trailer: { name: "Trailer", type: "bytes" },
});
