/**
 * PPP framing and control protocol fields and names, as Wireshark 4.0's
 * packet-ppp.c registers them.
 */
import { defineField, defineFields, vals, type FieldDef } from "../../field";

/** PPP protocol numbers (IANA "PPP DLL Protocol Numbers") pcapscope hands on or names. */
export const PPP_IP = 0x0021;
export const PPP_IPV6 = 0x0057;
export const PPP_COMP = 0x00fd;
export const PPP_IPCP = 0x8021;
export const PPP_IPV6CP = 0x8057;
export const PPP_CCP = 0x80fd;
export const PPP_LCP = 0xc021;

/** Names of the protocol field's common values (ppp_vals). */
export const PPP_PROTOCOL_NAMES = vals({
  0x0001: "Padding Protocol",
  0x0021: "Internet Protocol version 4",
  0x0023: "OSI Network Layer",
  0x0029: "Appletalk",
  0x002b: "Novell IPX",
  0x002d: "Van Jacobson Compressed TCP/IP",
  0x002f: "Van Jacobson Uncompressed TCP/IP",
  0x003d: "Multi-Link",
  0x0057: "Internet Protocol version 6",
  0x00fb: "Single link compression in multilink",
  0x00fd: "Compressed datagram",
  0x8021: "Internet Protocol Control Protocol",
  0x8057: "IPv6 Control Protocol",
  0x80fb: "Single link compression in multilink control",
  0x80fd: "Compression Control Protocol",
  0xc021: "Link Control Protocol",
  0xc023: "Password Authentication Protocol",
  0xc025: "Link Quality Report",
  0xc223: "Challenge Handshake Authentication Protocol",
  0xc227: "Extensible Authentication Protocol",
});

export const pppFields = defineFields("ppp", {
  "": { name: "Point-to-Point Protocol", type: "protocol" },
  address: { name: "Address", type: "uint8", base: "hex" },
  control: { name: "Control", type: "uint8", base: "hex" },
  protocol: { name: "Protocol", type: "uint16", base: "hex", vals: PPP_PROTOCOL_NAMES },
  code: { name: "Code", type: "uint8" },
  identifier: { name: "Identifier", type: "uint8", base: "dec_hex" },
  length: { name: "Length", type: "uint16" },
  data: { name: "Data", type: "bytes" },
});

export const lcpFields = defineFields("lcp", {
  "": { name: "PPP Link Control Protocol", type: "protocol" },
  magic_number: { name: "Magic Number", type: "uint32", base: "hex" },
  data: { name: "Data", type: "bytes" },
  message: { name: "Message", type: "string" },
  rej_proto: { name: "Rejected Protocol", type: "uint16", base: "hex", vals: PPP_PROTOCOL_NAMES },
  "opt.type": { name: "Type", type: "uint8" },
  "opt.length": { name: "Length", type: "uint8" },
  "opt.mru": { name: "Maximum Receive Unit", type: "uint16" },
  "opt.asyncmap": { name: "Async Control Character Map", type: "uint32", base: "hex" },
  "opt.auth_protocol": { name: "Authentication Protocol", type: "uint16", base: "hex", vals: PPP_PROTOCOL_NAMES },
  "opt.magic_number": { name: "Magic Number", type: "uint32", base: "hex" },
  "opt.data": { name: "Data", type: "bytes" },
});

/** The control characters of an async map, bit 0 (NUL) to bit 31 (US) (RFC 1662 §7.1). */
export const CTRL_CHARS = [
  "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR", "SO", "SI",
  "DLE", "DC1 (XON)", "DC2", "DC3 (XOFF)", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US",
] as const;
/** lcp.opt.asyncmap.<name> for each bit, highest first as Wireshark lists them. */
export const ASYNCMAP_BITS: readonly { bit: number; field: FieldDef }[] = CTRL_CHARS.map((name, bit) => ({
  bit,
  field: defineField(`lcp.opt.asyncmap.${name.split(" ")[0]!.toLowerCase()}`, { name, type: "boolean", bitmask: 2 ** bit, bitWidth: 32 }),
})).reverse();

export const ipcpFields = defineFields("ipcp", {
  "": { name: "PPP IP Control Protocol", type: "protocol" },
  "opt.type": { name: "Type", type: "uint8" },
  "opt.length": { name: "Length", type: "uint8" },
  "opt.compress_proto": { name: "IP Compression Protocol", type: "uint16", base: "hex" },
  "opt.ip_address": { name: "IP Address", type: "ipv4" },
  "opt.pri_dns_address": { name: "Primary DNS Address", type: "ipv4" },
  "opt.pri_nbns_address": { name: "Primary NBNS Address", type: "ipv4" },
  "opt.sec_dns_address": { name: "Secondary DNS Address", type: "ipv4" },
  "opt.sec_nbns_address": { name: "Secondary NBNS Address", type: "ipv4" },
  data: { name: "Data", type: "bytes" },
});

export const ipv6cpFields = defineFields("ipv6cp", {
  "": { name: "PPP IPv6 Control Protocol", type: "protocol" },
});
export const ccpFields = defineFields("ccp", {
  "": { name: "PPP Compression Control Protocol", type: "protocol" },
});
export const compDataField = defineField("comp_data", { name: "PPP Compressed Datagram", type: "protocol" });

/**
 * An option Wireshark decodes: its pseudo-protocol item (the option's bytes,
 * named like "lcp.opt.mtu_bytes"), its name, and the value field with the
 * value's length (0: the option has no value).
 */
export interface OptionSpec {
  item: FieldDef;
  name: string;
  value: FieldDef | null;
  valueLength: number;
}

const option = (abbrev: string, name: string, value: FieldDef | null, valueLength: number): OptionSpec => ({
  item: defineField(abbrev, { name, type: "bytes" }),
  name,
  value,
  valueLength,
});

/** LCP options (RFC 1661 §6) with the items Wireshark's lcp.option table gives them. */
export const LCP_OPTIONS = new Map<number, OptionSpec>([
  [1, option("lcp.opt.mtu_bytes", "Maximum Receive Unit", lcpFields["opt.mru"], 2)],
  [2, option("lcp.opt.asyncmap_bytes", "Async Control Character Map", lcpFields["opt.asyncmap"], 4)],
  [3, option("lcp.opt.auth_protocol_bytes", "Authentication Protocol", lcpFields["opt.auth_protocol"], 2)],
  [5, option("lcp.opt.magic_number_bytes", "Magic Number", lcpFields["opt.magic_number"], 4)],
  [7, option("lcp.opt.field_compress", "Protocol Field Compression", null, 0)],
  [8, option("lcp.opt.addr_field_compress", "Address and Control Field Compression", null, 0)],
]);

/** IPCP options (RFC 1332, RFC 1877). */
export const IPCP_OPTIONS = new Map<number, OptionSpec>([
  [2, option("ipcp.opt.compress", "IP Compression Protocol", ipcpFields["opt.compress_proto"], 2)],
  [3, option("ipcp.opt.addr", "IP Address", ipcpFields["opt.ip_address"], 4)],
  [129, option("ipcp.opt.pri_dns", "Primary DNS Server IP Address", ipcpFields["opt.pri_dns_address"], 4)],
  [130, option("ipcp.opt.pri_nbns", "Primary NBNS Server IP Address", ipcpFields["opt.pri_nbns_address"], 4)],
  [131, option("ipcp.opt.sec_dns", "Secondary DNS Server IP Address", ipcpFields["opt.sec_dns_address"], 4)],
  [132, option("ipcp.opt.sec_nbns", "Secondary NBNS Server IP Address", ipcpFields["opt.sec_nbns_address"], 4)],
]);

/** Control packet codes (RFC 1661 §5; lcp_vals adds LCP's own 8-13, ccp_vals CCP's 14-15). */
export const CP_CODES = vals({
  0: "Vendor Specific",
  1: "Configuration Request",
  2: "Configuration Ack",
  3: "Configuration Nak",
  4: "Configuration Reject",
  5: "Termination Request",
  6: "Termination Ack",
  7: "Code Reject",
});
export const LCP_CODES: ReadonlyMap<number, string> = new Map([
  ...CP_CODES,
  [8, "Protocol Reject"],
  [9, "Echo Request"],
  [10, "Echo Reply"],
  [11, "Discard Request"],
  [12, "Identification"],
  [13, "Time Remaining"],
]);
export const CCP_CODES: ReadonlyMap<number, string> = new Map([...CP_CODES, [14, "Reset Request"], [15, "Reset Ack"]]);

export const textField = defineField("_ws.text", { name: "Text item", type: "none" });
