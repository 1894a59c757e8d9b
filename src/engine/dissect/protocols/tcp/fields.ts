/**
 * TCP fields (tshark 4.0 abbreviations and types), the expert items, and
 * the value names and Info-column pieces the tree and the columns use.
 */
import { defineField, defineFields, type FieldDef } from "../../field";
import { expert } from "../../common";
import type { ExpertGroup } from "../../expert-info";
import type { PacketInfo } from "../../packet-info";
import { GENERATED, HIDDEN, type Severity } from "../../tree";

const CHECKSUM_STATUS = { 0: "Bad", 1: "Good", 2: "Unverified", 3: "Not present", 4: "Illegal" };

/** tcp_option_kind_vs (IANA TCP option kinds plus Wireshark's extras). */
const OPTION_KINDS: Record<number, string> = {
  0: "End of Option List", 1: "No-Operation", 2: "Maximum Segment Size", 3: "Window Scale", 4: "SACK Permitted",
  5: "SACK", 6: "Echo", 7: "Echo Reply", 8: "Time Stamp Option", 9: "Partial Order Connection Permitted",
  10: "Partial Order Service Profile", 11: "CC", 12: "CC.NEW", 13: "CC.ECHO", 14: "TCP Alternate Checksum Request",
  15: "TCP Alternate Checksum Data", 16: "Skeeter", 17: "Bubba", 18: "Trailer Checksum Option", 19: "MD5 Signature Option",
  20: "SCPS Capabilities", 21: "Selective Negative Acknowledgements", 22: "Record Boundaries", 23: "Corruption experienced",
  24: "SNAP", 25: "Unassigned", 26: "TCP Compression Filter", 27: "Quick-Start Response", 28: "User Timeout Option",
  29: "The TCP Authentication Option", 30: "Multipath TCP", 34: "TCP Fast Open Cookie", 69: "Encryption Negotiation",
  76: "Riverbed Probe", 78: "Riverbed Transparency", 253: "RFC3692-style Experiment 1", 254: "RFC3692-style Experiment 2",
};

export const tcpFields = defineFields("tcp", {
  "": { name: "Transmission Control Protocol", type: "protocol" },
  srcport: { name: "Source Port", type: "uint16" },
  dstport: { name: "Destination Port", type: "uint16" },
  port: { name: "Source or Destination Port", type: "uint16" },
  stream: { name: "Stream index", type: "uint32" },
  completeness: { name: "Conversation completeness", type: "uint8" },
  len: { name: "TCP Segment Len", type: "uint32" },
  seq: { name: "Sequence Number", type: "uint32" },
  seq_raw: { name: "Sequence Number (raw)", type: "uint32" },
  nxtseq: { name: "Next Sequence Number", type: "uint32" },
  ack: { name: "Acknowledgment Number", type: "uint32" },
  ack_raw: { name: "Acknowledgment number (raw)", type: "uint32" },
  hdr_len: { name: "Header Length", type: "uint8" },
  flags: { name: "Flags", type: "uint16", base: "hex", bitmask: 0xfff },
  "flags.res": { name: "Reserved", type: "boolean", bitmask: 0xe00, bitWidth: 12, tfs: ["Set", "Not set"] },
  "flags.ae": { name: "Accurate ECN", type: "boolean", bitmask: 0x100, bitWidth: 12, tfs: ["Set", "Not set"] },
  "flags.cwr": { name: "Congestion Window Reduced", type: "boolean", bitmask: 0x80, bitWidth: 12, tfs: ["Set", "Not set"] },
  "flags.ece": { name: "ECN-Echo", type: "boolean", bitmask: 0x40, bitWidth: 12, tfs: ["Set", "Not set"] },
  "flags.urg": { name: "Urgent", type: "boolean", bitmask: 0x20, bitWidth: 12, tfs: ["Set", "Not set"] },
  "flags.ack": { name: "Acknowledgment", type: "boolean", bitmask: 0x10, bitWidth: 12, tfs: ["Set", "Not set"] },
  "flags.push": { name: "Push", type: "boolean", bitmask: 0x8, bitWidth: 12, tfs: ["Set", "Not set"] },
  "flags.reset": { name: "Reset", type: "boolean", bitmask: 0x4, bitWidth: 12, tfs: ["Set", "Not set"] },
  "flags.syn": { name: "Syn", type: "boolean", bitmask: 0x2, bitWidth: 12, tfs: ["Set", "Not set"] },
  "flags.fin": { name: "Fin", type: "boolean", bitmask: 0x1, bitWidth: 12, tfs: ["Set", "Not set"] },
  "flags.str": { name: "TCP Flags", type: "string" },
  window_size_value: { name: "Window", type: "uint16" },
  window_size: { name: "Calculated window size", type: "uint32" },
  window_size_scalefactor: { name: "Window size scaling factor", type: "int32" },
  checksum: { name: "Checksum", type: "uint16", base: "hex" },
  "checksum.status": { name: "Checksum Status", type: "uint8", base: "none", vals: CHECKSUM_STATUS },
  urgent_pointer: { name: "Urgent Pointer", type: "uint16" },
  options: { name: "TCP Options", type: "bytes" },
  option_kind: { name: "Kind", type: "uint8", vals: OPTION_KINDS },
  option_len: { name: "Length", type: "uint8" },
  "options.mss_val": { name: "MSS Value", type: "uint16" },
  "options.wscale.shift": { name: "Shift count", type: "uint8" },
  "options.wscale.multiplier": { name: "Multiplier", type: "uint16" },
  "options.sack_le": { name: "TCP SACK Left Edge", type: "uint32" },
  "options.sack_re": { name: "TCP SACK Right Edge", type: "uint32" },
  "options.sack.count": { name: "TCP SACK Count", type: "uint8" },
  "options.sack.dsack_le": { name: "TCP D-SACK Left Edge", type: "uint32" },
  "options.sack.dsack_re": { name: "TCP D-SACK Right Edge", type: "uint32" },
  "options.timestamp.tsval": { name: "Timestamp value", type: "uint32" },
  "options.timestamp.tsecr": { name: "Timestamp echo reply", type: "uint32" },
  "options.echo_value": { name: "TCP Echo Option", type: "uint32" },
  "options.unknown.payload": { name: "Payload", type: "bytes" },
  "options.tfo.request": { name: "Fast Open Cookie Request", type: "none" },
  "options.tfo.cookie": { name: "Fast Open Cookie", type: "bytes" },
  "options.md5.digest": { name: "MD5 digest", type: "bytes" },
  "options.user_to_granularity": { name: "Granularity", type: "boolean", bitmask: 0x8000, bitWidth: 16, tfs: ["Minutes", "Seconds"] },
  "options.user_to_val": { name: "User Timeout", type: "uint16", bitmask: 0x7fff, bitWidth: 16 },
  analysis: { name: "SEQ/ACK analysis", type: "none" },
  "analysis.flags": { name: "TCP Analysis Flags", type: "none" },
  "analysis.acks_frame": { name: "This is an ACK to the segment in frame", type: "framenum" },
  "analysis.ack_rtt": { name: "The RTT to ACK the segment was", type: "reltime" },
  "analysis.initial_rtt": { name: "iRTT", type: "reltime" },
  "analysis.bytes_in_flight": { name: "Bytes in flight", type: "uint32" },
  "analysis.push_bytes_sent": { name: "Bytes sent since last PSH flag", type: "uint32" },
  "analysis.rto": { name: "The RTO for this segment was", type: "reltime" },
  "analysis.rto_frame": { name: "RTO based on delta from frame", type: "framenum" },
  "analysis.duplicate_ack": { name: "Duplicate ACK", type: "none" },
  "analysis.duplicate_ack_num": { name: "Duplicate ACK #", type: "uint32" },
  "analysis.duplicate_ack_frame": { name: "Duplicate to the ACK in frame", type: "framenum" },
  time_relative: { name: "Time since first frame in this TCP stream", type: "reltime" },
  time_delta: { name: "Time since previous frame in this TCP stream", type: "reltime" },
  payload: { name: "TCP payload", type: "bytes" },
  segment_data: { name: "TCP segment data", type: "bytes" },
  reset_cause: { name: "Reset cause", type: "string" },
  reassembled_in: { name: "Reassembled PDU in frame", type: "framenum" },
  segments: { name: "Reassembled TCP Segments", type: "none" },
  segment: { name: "TCP Segment", type: "framenum" },
  "segment.count": { name: "Segment count", type: "uint32" },
  "reassembled.length": { name: "Reassembled TCP length", type: "uint32" },
  "reassembled.data": { name: "Reassembled TCP Data", type: "bytes" },
});

/** Options are protocols "in name only" in Wireshark (FT_BYTES): -T fields prints their bytes. */
export const optionFields = defineFields("tcp.options", {
  nop: { name: "TCP Option - No-Operation (NOP)", type: "bytes" },
  eol: { name: "TCP Option - End of Option List (EOL)", type: "bytes" },
  timestamp: { name: "TCP Option - Timestamps", type: "bytes" },
  mss: { name: "TCP Option - Maximum segment size", type: "bytes" },
  wscale: { name: "TCP Option - Window scale", type: "bytes" },
  sack_perm: { name: "TCP Option - SACK permitted", type: "bytes" },
  sack: { name: "TCP Option - SACK", type: "bytes" },
  echo: { name: "TCP Option - Echo", type: "bytes" },
  echoreply: { name: "TCP Option - Echo reply", type: "bytes" },
  tfo: { name: "TCP Option - TCP Fast Open", type: "bytes" },
  md5: { name: "TCP Option - TCP MD5 signature", type: "bytes" },
  user_to: { name: "TCP Option - User Timeout", type: "bytes" },
  mptcp: { name: "TCP Option - Multipath TCP", type: "bytes" },
  unknown: { name: "TCP Option - Unknown", type: "bytes" },
});

/** Expert items are fields too (FT_NONE): `-e tcp.analysis.retransmission` lists them. */
export const ei = defineFields("tcp", {
  "option.len.invalid": { name: "Invalid length for option", type: "none" },
  "analysis.retransmission": { name: "This frame is a (suspected) retransmission", type: "none" },
  "analysis.fast_retransmission": { name: "This frame is a (suspected) fast retransmission", type: "none" },
  "analysis.spurious_retransmission": { name: "This frame is a (suspected) spurious retransmission", type: "none" },
  "analysis.out_of_order": { name: "This frame is a (suspected) out-of-order segment", type: "none" },
  "analysis.reused_ports": { name: "A new tcp session is started with the same ports as an earlier session in this trace", type: "none" },
  "analysis.lost_segment": { name: "Previous segment(s) not captured (common at capture start)", type: "none" },
  "analysis.ack_lost_segment": { name: "ACKed segment that wasn't captured (common at capture start)", type: "none" },
  "analysis.window_update": { name: "TCP window update", type: "none" },
  "analysis.window_full": { name: "TCP window specified by the receiver is now completely full", type: "none" },
  "analysis.keep_alive": { name: "TCP keep-alive segment", type: "none" },
  "analysis.keep_alive_ack": { name: "ACK to a TCP keep-alive segment", type: "none" },
  "analysis.zero_window_probe": { name: "TCP Zero Window Probe", type: "none" },
  "analysis.zero_window": { name: "TCP Zero Window segment", type: "none" },
  "analysis.zero_window_probe_ack": { name: "ACK to a TCP Zero Window Probe", type: "none" },
  "analysis.tfo_syn": { name: "TCP SYN with TFO Cookie", type: "none" },
  "connection.fin_active": { name: "This frame initiates the connection closing", type: "none" },
  "connection.fin_passive": { name: "This frame undergoes the connection closing", type: "none" },
  "options.sack.dsack": { name: "D-SACK Sequence", type: "none" },
  "options.wscale.shift.invalid": { name: "Window scale shift exceeds 14", type: "none" },
  "options.mss.absent": { name: "The SYN packet does not contain a MSS option", type: "none" },
  "options.mss.present": { name: "The non-SYN packet does contain a MSS option", type: "none" },
  short_segment: { name: "Short segment", type: "none" },
  "ack.nonzero": { name: "The acknowledgment number field is nonzero while the ACK flag is not set", type: "none" },
  "connection.synack": { name: "Connection establish acknowledge (SYN+ACK)", type: "none" },
  "connection.syn": { name: "Connection establish request (SYN)", type: "none" },
  "connection.fin": { name: "Connection finish (FIN)", type: "none" },
  "connection.rst": { name: "Connection reset (RST)", type: "none" },
  "urgent_pointer.non_zero": { name: "The urgent pointer field is nonzero while the URG flag is not set", type: "none" },
  suboption_malformed: { name: "suboption would go past end of option", type: "none" },
  nop: { name: "4 NOP in a row - a router may have removed some options", type: "none" },
  bogus_header_length: { name: "Bogus TCP Header length", type: "none" },
  non_zero_bytes_after_eol: { name: "Non zero bytes in option space after EOL option", type: "none" },
});

/**
 * The expert groups packet-tcp.c registers its items under: the analysis and
 * connection items, D-SACK and bad option lengths are Sequence, a short
 * segment and a malformed suboption Malformed, the rest Protocol.
 */
const OTHER_GROUPS: Record<string, ExpertGroup> = {
  "tcp.option.len.invalid": "Sequence",
  "tcp.options.sack.dsack": "Sequence",
  "tcp.short_segment": "Malformed",
  "tcp.suboption_malformed": "Malformed",
};
function tcpExpertGroup(f: FieldDef): ExpertGroup {
  if (f.abbrev.startsWith("tcp.analysis.") || f.abbrev.startsWith("tcp.connection.")) return "Sequence";
  return OTHER_GROUPS[f.abbrev] ?? "Protocol";
}

/** A protocol-level expert item: the message for the Expert Info, plus its own FT_NONE field (value 1, as tshark prints it). */
export function tcpExpert(pinfo: PacketInfo, f: FieldDef, offset: number, length: number, severity: Severity, message: string = f.name): void {
  pinfo.tree.add(f, offset, length, 1, HIDDEN | GENERATED);
  expert(pinfo, offset, length, severity, message, tcpExpertGroup(f), "TCP");
}

export const ARROW = "\u2192";

export const COMPLETENESS_TEXT: Record<number, string> = {
  1: "Incomplete, SYN_SENT",
  3: "Incomplete, CLIENT_ESTABLISHED",
  7: "Incomplete, ESTABLISHED",
  15: "Incomplete, DATA",
  31: "Complete, WITH_DATA",
  47: "Complete, WITH_DATA",
  63: "Complete, WITH_DATA",
  23: "Complete, NO_DATA",
  39: "Complete, NO_DATA",
  55: "Complete, NO_DATA",
};

/** Wireshark's text-only subtrees ("[Timestamps]"). */
export const textField = defineField("_ws.text", { name: "Text item", type: "none" });

/** tcp_info_append_uint: " Name=value". */
export function infoUint(pinfo: PacketInfo, name: string, v: number): void {
  pinfo.info += ` ${name}=${v}`;
}
