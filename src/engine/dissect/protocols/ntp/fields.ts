/**
 * NTP's fields and value tables (tshark 4.0's ntp.* names). Control (mode 6,
 * RFC 1305 Appendix B / RFC 9327) and private (mode 7, ntpd's ntpdc) messages
 * share the "ntp" protocol in Wireshark, under ntp.ctrl.* and ntp.priv.*.
 */
import { defineFields, vals } from "../../field";

export const LEAP = vals({ 0: "no warning", 1: "last minute of the day has 61 seconds", 2: "last minute of the day has 59 seconds", 3: "unknown (clock unsynchronized)" });
export const VERSIONS = vals({ 0: "reserved", 1: "NTP Version 1", 2: "NTP Version 2", 3: "NTP Version 3", 4: "NTP Version 4", 5: "reserved", 6: "reserved", 7: "reserved" });
export const MODES = vals({ 0: "reserved", 1: "symmetric active", 2: "symmetric passive", 3: "client", 4: "server", 5: "broadcast", 6: "reserved for NTP control message", 7: "reserved for private use" });
/** The mode words of the Info column and the protocol item (Wireshark's info_mode_types). */
export const INFO_MODES = vals({ 0: "reserved", 1: "symmetric active", 2: "symmetric passive", 3: "client", 4: "server", 5: "broadcast", 6: "control", 7: "private" });

/** Stratum ranges (RFC 5905 §7.3). */
export function stratumName(s: number): string {
  if (s === 0) return "unspecified or invalid";
  if (s === 1) return "primary reference";
  if (s <= 15) return "secondary reference";
  if (s === 16) return "unsynchronized";
  return "reserved";
}

/** Reference identifiers of stratum 0/1 servers (RFC 5905 §7.3 and common unofficial codes), as Wireshark names them. */
export const PRIMARY_SOURCES: ReadonlyMap<string, string> = new Map([
  ["GOES", "Geostationary Orbit Environment Satellite"],
  ["GPS\0", "Global Position System"],
  ["GAL\0", "Galileo Positioning System"],
  ["PPS\0", "Generic pulse-per-second"],
  ["IRIG", "Inter-Range Instrumentation Group"],
  ["WWVB", "LF Radio WWVB Ft. Collins, CO 60 kHz"],
  ["DCF\0", "LF Radio DCF77 Mainflingen, DE 77.5 kHz"],
  ["HBG\0", "LF Radio HBG Prangins, HB 75 kHz"],
  ["MSF\0", "LF Radio MSF Anthorn, UK 60 kHz"],
  ["JJY\0", "LF Radio JJY Fukushima, JP 40 kHz, Saga, JP 60 kHz"],
  ["LORC", "MF Radio LORAN C station, 100 kHz"],
  ["TDF\0", "MF Radio Allouis, FR 162 kHz"],
  ["CHU\0", "HF Radio CHU Ottawa, Ontario"],
  ["WWV\0", "HF Radio WWV Ft. Collins, CO"],
  ["WWVH", "HF Radio WWVH Kauai, HI"],
  ["NIST", "NIST telephone modem"],
  ["ACTS", "NIST telephone modem"],
  ["USNO", "USNO telephone modem"],
  ["PTB\0", "European telephone modem"],
  ["LOCL", "uncalibrated local clock"],
  ["CESM", "calibrated Cesium clock"],
  ["RBDM", "calibrated Rubidium clock"],
  ["OMEG", "OMEGA radionavigation system"],
  ["DCN\0", "DCN routing protocol"],
  ["TSP\0", "TSP time protocol"],
  ["DTS\0", "Digital Time Service"],
  ["ATOM", "Atomic clock (calibrated)"],
  ["VLF\0", "VLF radio (OMEGA,, etc.)"],
  ["1PPS", "External 1 PPS input"],
  ["FREE", "(Internal clock)"],
  ["INIT", "(Initialization)"],
  ["\0\0\0\0", "NULL"],
]);

/** Mode 7 error codes (ntpd's ntp_request.h INFO_ERR_*). */
const PRIV_ERRORS = vals({
  0: "No error",
  1: "incompatible implementation number",
  2: "unimplemented request code",
  3: "format error",
  4: "no data available",
  5: "unknown",
  6: "unknown",
  7: "authentication failure",
});

const EXT_TYPES = vals({
  0x0002: "No-Operation Request",
  0x0102: "Association Message Request",
  0x0104: "Unique Identifier",
  0x0202: "Certificate Message Request",
  0x0204: "NTS Cookie",
  0x0302: "Cookie Message Request",
  0x0304: "NTS Cookie Placeholder",
  0x0402: "Autokey Message Request",
  0x0404: "NTS Authenticator and Encrypted Extension Fields",
  0x0502: "Leapseconds Message Request",
  0x0602: "Sign Message Request",
  0x0702: "IFF Identity Message Request",
});

export const CTRL_OPCODES = vals({
  0: "reserved",
  1: "read status",
  2: "read variables",
  3: "write variables",
  4: "read clock variables",
  5: "write clock variables",
  6: "set trap address/port",
  7: "asynchronous message",
  8: "runtime configuration",
  9: "save config to file",
  10: "retrieve MRU (mrulist)",
  11: "retrieve ordered list",
  12: "request client nonce",
  31: "unset trap address/port",
});

/** Mode 7 request codes (ntpd's ntp_request.h), as Wireshark names them. */
export const PRIV_REQUEST_CODES = vals({
  0: "PEER_LIST", 1: "PEER_LIST_SUM", 2: "PEER_INFO", 3: "PEER_STATS", 4: "SYS_INFO", 5: "SYS_STATS", 6: "IO_STATS",
  7: "MEM_STATS", 8: "LOOP_INFO", 9: "TIMER_STATS", 10: "CONFIG", 11: "UNCONFIG", 12: "SET_SYS_FLAG", 13: "CLR_SYS_FLAG",
  14: "MONITOR", 15: "NOMONITOR", 16: "GET_RESTRICT", 17: "RESADDFLAGS", 18: "RESSUBFLAGS", 19: "UNRESTRICT",
  20: "MON_GETLIST", 21: "RESET_STATS", 22: "RESET_PEER", 23: "REREAD_KEYS", 24: "DO_DIRTY_HACK", 25: "DONT_DIRTY_HACK",
  26: "TRUSTKEY", 27: "UNTRUSTKEY", 28: "AUTHINFO", 29: "TRAPS", 30: "ADD_TRAP", 31: "CLR_TRAP", 32: "REQUEST_KEY",
  33: "CONTROL_KEY", 34: "GET_CTLSTATS", 35: "GET_LEAPINFO", 36: "GET_CLOCKINFO", 37: "SET_CLKFUDGE", 38: "GET_KERNEL",
  39: "GET_CLKBUGINFO", 41: "SET_PRECISION", 42: "MON_GETLIST_1", 43: "HOSTNAME_ASSOCID", 44: "IF_STATS", 45: "IF_RELOAD",
});

export const ntpFields = defineFields("ntp", {
  "": { name: "Network Time Protocol", type: "protocol" },
  flags: { name: "Flags", type: "uint8", base: "hex" },
  "flags.li": { name: "Leap Indicator", type: "uint8", vals: LEAP, bitmask: 0xc0, bitWidth: 8 },
  "flags.vn": { name: "Version number", type: "uint8", vals: VERSIONS, bitmask: 0x38, bitWidth: 8 },
  "flags.mode": { name: "Mode", type: "uint8", vals: MODES, bitmask: 0x07, bitWidth: 8 },
  stratum: { name: "Peer Clock Stratum", type: "uint8", filterNames: false },
  ppoll: { name: "Peer Polling Interval", type: "uint8" },
  precision: { name: "Peer Clock Precision", type: "uint8" },
  rootdelay: { name: "Root Delay", type: "uint32" },
  rootdispersion: { name: "Root Dispersion", type: "uint32" },
  refid: { name: "Reference ID", type: "bytes" },
  reftime: { name: "Reference Timestamp", type: "abstime", base: "dec" },
  org: { name: "Origin Timestamp", type: "abstime", base: "dec" },
  rec: { name: "Receive Timestamp", type: "abstime", base: "dec" },
  xmt: { name: "Transmit Timestamp", type: "abstime", base: "dec" },
  keyid: { name: "Key ID", type: "bytes" },
  mac: { name: "Message Authentication Code", type: "bytes" },
  response_in: { name: "Response In", type: "framenum" },
  request_in: { name: "Request In", type: "framenum" },
  delta_time: { name: "Delta Time", type: "reltime" },
  ext: { name: "Extension", type: "none" },
  "ext.type": { name: "Field Type", type: "uint16", base: "hex", vals: EXT_TYPES },
  "ext.length": { name: "Length", type: "uint16" },
  "ext.value": { name: "Value", type: "bytes" },
  "ctrl.flags2": { name: "Flags 2", type: "uint8", base: "hex" },
  "ctrl.flags2.r": { name: "Response bit", type: "uint8", vals: { 0: "Request", 1: "Response" }, bitmask: 0x80, bitWidth: 8 },
  "ctrl.flags2.error": { name: "Error bit", type: "uint8", bitmask: 0x40, bitWidth: 8 },
  "ctrl.flags2.more": { name: "More bit", type: "uint8", bitmask: 0x20, bitWidth: 8 },
  "ctrl.flags2.opcode": { name: "Opcode", type: "uint8", vals: CTRL_OPCODES, bitmask: 0x1f, bitWidth: 8 },
  "ctrl.sequence": { name: "Sequence", type: "uint16" },
  "ctrl.status": { name: "Status", type: "uint16", base: "hex" },
  "ctrl.associd": { name: "AssociationID", type: "uint16" },
  "ctrl.offset": { name: "Offset", type: "uint16" },
  "ctrl.count": { name: "Count", type: "uint16" },
  "priv.flags.r": { name: "Response bit", type: "uint8", vals: { 0: "Request", 1: "Response" }, bitmask: 0x80, bitWidth: 8 },
  "priv.flags.more": { name: "More bit", type: "uint8", bitmask: 0x40, bitWidth: 8 },
  "priv.auth_seq": { name: "Auth, sequence", type: "uint8" },
  "priv.auth": { name: "Auth bit", type: "uint8", bitmask: 0x80, bitWidth: 8 },
  "priv.seq": { name: "Sequence number", type: "uint8", bitmask: 0x7f, bitWidth: 8 },
  "priv.impl": { name: "Implementation", type: "uint8", vals: { 0: "UNIV", 2: "XNTPD_OLD (pre-IPv6)", 3: "XNTPD" } },
  "priv.reqcode": { name: "Request code", type: "uint8", vals: PRIV_REQUEST_CODES },
  "priv.err": { name: "Err", type: "uint8", base: "hex", vals: PRIV_ERRORS },
  "priv.numitems": { name: "Number of data items", type: "uint16" },
  "priv.reserved": { name: "Reserved", type: "uint8", base: "hex" },
  "priv.itemsize": { name: "Size of data item", type: "uint16" },
});
