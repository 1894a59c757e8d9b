/**
 * IEEE 802.2 LLC and SNAP fields and value tables, as Wireshark 4.0 registers
 * them (packet-llc.c, llcsaps.h, xdlc.c, packet-cisco-oui.c).
 */
import { defineFields, vals } from "../../field";

/** SAP values with the group/response bit clear (llcsaps.h, IEEE 802 "public" LSAPs), as packet-llc.c's sap_vals. */
export const SAP_NAMES = vals({
  0x00: "NULL LSAP",
  0x01: "NULL LSAP",
  0x02: "LLC Sub-Layer Management",
  0x04: "SNA Path Control",
  0x06: "TCP/IP",
  0x08: "SNA",
  0x0c: "SNA",
  0x0e: "PROWAY (IEC955) Network Management and Initialization",
  0x10: "NetWare (unofficial?)",
  0x14: "ISO Network Layer (OSLAN 1)",
  0x18: "Texas Instruments",
  0x20: "ISO Network Layer (unofficial?)",
  0x34: "ISO Network Layer (unofficial?)",
  0x42: "Spanning Tree BPDU",
  0x4e: "EIA RS-511 Manufacturing Message Service",
  0x54: "ISO Network Layer (OSLAN 2)",
  0x7e: "ISO 8208 (X.25 over 802.2)",
  0x7f: "ISO 802.2",
  0x80: "XNS",
  0x82: "BACnet",
  0x86: "Nestar",
  0x8e: "PROWAY (IEC955) Active Station List Maintenance",
  0x98: "ARP",
  0xb4: "HP JetDirect Printer",
  0xaa: "SNAP",
  0xba: "Banyan Vines",
  0xbc: "Banyan Vines",
  0xe0: "NetWare",
  0xf0: "NetBIOS",
  0xf4: "IBM Net Management",
  0xf8: "HP Extended LLC",
  0xfa: "Ungermann-Bass",
  0xfc: "Remote Program Load",
  0xfe: "ISO Network Layer",
  0xff: "Global LSAP",
});

/** The 7-bit SAP subfields hold the SAP shifted right by one; their names are the SAP's (packet-llc.c llc_sap_value). */
const SAP7_NAMES = new Map([...SAP_NAMES].filter(([k]) => (k & 1) === 0).map(([k, v]) => [k >> 1, v] as [number, string]));

export const SAP_SNAP = 0xaa;
export const SAP_BPDU = 0x42;

/** SNAP organization codes whose PIDs are EtherTypes (RFC 1042, and Cisco's older encapsulation). */
export const OUI_ENCAP_ETHER = 0x000000;
export const OUI_CISCO_90 = 0x0000f8;
export const OUI_CISCO = 0x00000c;
export const OUI_APPLE_ATALK = 0x080007;

/** Organization names for the SNAP OUIs we name (Wireshark's manuf table, as the "Organization Code" line shows them). */
export const OUI_NAMES = vals({
  0x000000: "Officially Xerox, but 0:0:0:0:0:0 is more common",
  0x00000c: "Cisco Systems, Inc",
  0x0000f8: "Cisco 90",
  0x0080c2: "IEEE 802.1 Committee",
  0x080007: "Apple, Inc.",
});

/** Cisco's SNAP protocol IDs (cisco_pid.h; packet-cisco-oui.c cisco_pid_vals). */
export const CISCO_PID_NAMES = vals({
  0x0102: "DRIP",
  0x0104: "PAgP",
  0x0105: "MLS Hello",
  0x0108: "RLQ BPDUs (request)",
  0x0109: "RLQ BPDUs (response)",
  0x010b: "PVSTP+",
  0x010c: "VLAN Bridge",
  0x0111: "UDLD",
  0x0139: "MCP",
  0x2000: "CDP",
  0x2001: "CGMP",
  0x2003: "VTP",
  0x2004: "DTP",
  0x200a: "STP Uplink Fast",
});

/** xdlc.c modifier names of U frames, keyed by the control byte masked with 0xec. */
export const U_MODIFIER_SHORT_CMD = vals({
  0x00: "UI",
  0x20: "UP",
  0x40: "DISC",
  0x60: "UA",
  0x80: "SNRM",
  0xe0: "TEST",
  0x04: "SIM",
  0x84: "FRMR",
  0xc4: "CFGR",
  0x0c: "SARM",
  0x2c: "SABM",
  0x4c: "SARME",
  0x6c: "SABME",
  0x8c: "RESET",
  0xac: "XID",
  0xcc: "SNRME",
  0xec: "BCN",
});
/** Responses reuse three command codes under other names (xdlc.c modifier_short_vals_resp). */
export const U_MODIFIER_SHORT_RESP: ReadonlyMap<number, string> = new Map([...U_MODIFIER_SHORT_CMD, [0x40, "RD"], [0x04, "RIM"], [0x0c, "DM"]]);
/** Long names of the same, keyed by the modifier shifted right by 2 (the subfield's value). */
export const U_MODIFIER_CMD = vals({
  0x00: "Unnumbered Information",
  0x08: "Unnumbered Poll",
  0x10: "Disconnect",
  0x18: "Unnumbered Acknowledge",
  0x20: "Set Normal Response Mode",
  0x38: "Test",
  0x01: "Set Initialization Mode",
  0x21: "Frame reject",
  0x31: "Configure",
  0x03: "Set Asynchronous Response Mode",
  0x0b: "Set Asynchronous Balanced Mode",
  0x13: "Set Asynchronous Response Mode Extended",
  0x1b: "Set Asynchronous Balanced Mode Extended",
  0x23: "Reset",
  0x2b: "Exchange identification",
  0x33: "Set Normal Response Mode Extended",
  0x3b: "Beacon",
});
export const U_MODIFIER_RESP: ReadonlyMap<number, string> = new Map([
  ...U_MODIFIER_CMD,
  [0x10, "Request Disconnect"],
  [0x01, "Request Initialization Mode"],
  [0x03, "Disconnected mode"],
]);
/** Supervisory functions (xdlc.c), short and long, keyed by (control & 0x0c) >> 2. */
export const S_FTYPE_SHORT = ["RR", "RNR", "REJ", "SREJ"] as const;
const S_FTYPE_NAMES = vals({ 0: "Receiver ready", 1: "Receiver not ready", 2: "Reject", 3: "Selective reject" });
const FTYPE_NAMES = vals({ 0: "Information frame", 1: "Supervisory frame", 3: "Unnumbered frame" });

export const llcFields = defineFields("llc", {
  "": { name: "Logical-Link Control", type: "protocol" },
  dsap: { name: "DSAP", type: "uint8", base: "hex", vals: SAP_NAMES },
  // BASE_CUSTOM in Wireshark (its text is the SAP's name): -T fields prints the shifted value in decimal.
  "dsap.sap": { name: "SAP", type: "uint8", vals: SAP7_NAMES, bitmask: 0xfe, bitWidth: 8 },
  "dsap.ig": { name: "IG Bit", type: "boolean", bitmask: 0x01, bitWidth: 8, tfs: ["Group", "Individual"] },
  ssap: { name: "SSAP", type: "uint8", base: "hex", vals: SAP_NAMES },
  "ssap.sap": { name: "SAP", type: "uint8", vals: SAP7_NAMES, bitmask: 0xfe, bitWidth: 8 },
  "ssap.cr": { name: "CR Bit", type: "boolean", bitmask: 0x01, bitWidth: 8, tfs: ["Response", "Command"] },
  control: { name: "Control", type: "uint16", base: "hex" },
  "control.n_r": { name: "N(R)", type: "uint16", bitmask: 0xfe00, bitWidth: 16 },
  "control.n_s": { name: "N(S)", type: "uint16", bitmask: 0x00fe, bitWidth: 16 },
  "control.p": { name: "Poll", type: "boolean", bitmask: 0x10, bitWidth: 8 },
  "control.f": { name: "Final", type: "boolean", bitmask: 0x10, bitWidth: 8 },
  "control.s_ftype": { name: "Supervisory frame type", type: "uint16", vals: S_FTYPE_NAMES, bitmask: 0x0c, bitWidth: 16 },
  "control.u_modifier_cmd": { name: "Command", type: "uint8", base: "hex", vals: U_MODIFIER_CMD, bitmask: 0xec, bitWidth: 8 },
  "control.u_modifier_resp": { name: "Response", type: "uint8", base: "hex", vals: U_MODIFIER_RESP, bitmask: 0xec, bitWidth: 8 },
  // Registered twice in Wireshark (16-bit for I frames, 8-bit for S/U): the one-byte U frames are the common case.
  "control.ftype": { name: "Frame type", type: "uint8", base: "hex", vals: FTYPE_NAMES, bitmask: 0x03, bitWidth: 8 },
  type: { name: "Type", type: "uint16", base: "hex" },
  oui: { name: "Organization Code", type: "uint24", vals: OUI_NAMES },
  pid: { name: "Protocol ID", type: "uint16", base: "hex" },
  cisco_pid: { name: "PID", type: "uint16", base: "hex", vals: CISCO_PID_NAMES },
  // Apple's OUI has its own PID table (AppleTalk DDP 0x809b, AARP 0x80f3: packet-atalk.c).
  apple_atalk_pid: { name: "Protocol ID", type: "uint16", base: "hex" },
});
