/**
 * Transmission Control Protocol (RFC 9293, formerly RFC 793), IP protocol 6.
 *
 *   +0 source port  +2 destination port  +4 sequence number  +8 acknowledgment number
 *   +12 data offset(4) reserved(3) AE(1, RFC 3540/AccECN)  +13 CWR ECE URG ACK PSH RST SYN FIN
 *   +14 window  +16 checksum  +18 urgent pointer  +20 options (data offset*4 - 20 bytes), then data
 *
 * Follows Wireshark 4.0's packet-tcp.c so that tshark's fields and columns
 * come out the same:
 * - Conversations and stream indexes (tcp.stream): the first packet of an
 *   address/port pair opens a stream; a SYN whose sequence number differs
 *   from the one the stream started with opens a new stream on the same pair
 *   ("TCP Port numbers reused").
 * - Relative sequence numbers from each direction's first sequence number
 *   (the SYN's, or one before the first segment seen), window scaling once
 *   both SYNs carried the option (RFC 7323 §2.2), the SEQ/ACK analysis
 *   (reassembly/tcp-analysis.ts) and its Info prefixes.
 * - Payload hand-off (decode_tcp_ports): a conversation announced by another
 *   protocol (FTP data connections), the tcp.port table for the SYN's server
 *   port, then the lower, then the higher port, the heuristics, then data.
 * - Desegmentation (desegment_tcp): a subdissector that sets
 *   pinfo.desegmentLen gets the bytes from desegmentOffset buffered until the
 *   PDU is whole; the segments in between read "[TCP segment of a reassembled
 *   PDU]".
 * - The header quoted in an ICMP error (pinfo.inErrorPacket) adds fields,
 *   finds or opens its stream like tshark, but has no length, no analysis,
 *   no desegmentation and never touches the columns.
 *
 * Wireshark reads the header field by field and stops with an exception at
 * the first one the capture does not hold; the `need` checks below stop at
 * the same places, so truncated headers show the same fields.
 */
import { defineField, defineFields, type FieldDef } from "../field";
import { heuristicsFor, register, table, type Dissector } from "../dissector";
import { dissectData, enterLayer, expert, markMalformed, u16, u32, view } from "../common";
import { matchConversation, type Expectation } from "../conversation";
import { PortType, type PacketInfo } from "../packet-info";
import { GENERATED, HIDDEN, type ProtoTree, type Severity } from "../tree";
import { relTimeToString } from "../format";
import { tcpFlagLetters, tcpFlagsText } from "../tcp-flags";
import { Completeness, MAX_SACK_RANGES, TcpAnalysis, TcpConversations, TH, normDelta, seqGE, seqGT, seqLE, seqLT } from "../../reassembly/tcp-analysis";
import { type Msp, MSP_ENTIRE_SEGMENT, PduReassembly } from "../../reassembly/tcp-streams";
import { FrameColumnU32 } from "../../reassembly/frame-columns";
import { addressesFor, transportAddresses } from "../../reassembly/endpoint-table";

export { TcpAnalysis } from "../../reassembly/tcp-analysis";

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
const optionFields = defineFields("tcp.options", {
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
const ei = defineFields("tcp", {
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

/** A protocol-level expert item: the message for the Expert Info, plus its own FT_NONE field (value 1, as tshark prints it). */
function tcpExpert(pinfo: PacketInfo, f: FieldDef, offset: number, length: number, severity: Severity, message: string = f.name): void {
  pinfo.tree.add(f, offset, length, 1, HIDDEN | GENERATED);
  expert(pinfo, offset, length, severity, message);
}

const ARROW = "\u2192";

const COMPLETENESS_TEXT: Record<number, string> = {
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
const textField = defineField("_ws.text", { name: "Text item", type: "none" });

/** What a frame's payload hand-off showed, to replay it on re-dissection without touching state. */
const enum Op {
  /** The subdissector on the frame bytes [a, end). */
  CALL_FRAME,
  /** The subdissector on `msp`'s reassembled PDU; b = 1 when its data source stays. */
  CALL_PDU,
  /** "TCP segment data" at a, b bytes on the wire; c = 1 for "Retransmitted". */
  SEGMENT_DATA,
  /** tcp.reassembled_in of `msp`, when known and another frame. */
  REASSEMBLED_IN,
  /** "[TCP segment of a reassembled PDU]" when a = 1; Protocol "TCP" when b = 1. */
  SEGMENT_INFO,
  /** The tcp.segments tree of `msp`. */
  FRAGMENT_TREE,
  /** Another PDU follows in the segment: fence the Info column, keep the Protocol column. */
  FENCE,
}

/** The current frame's op log, reused for every frame: [kind, a, b, c] per op, and each op's PDU (or null). */
class OpLog {
  code = new Int32Array(64);
  msps: (Msp | null)[] = [];
  n = 0;

  clear(): void {
    for (let i = 0; i < this.n; i++) this.msps[i] = null;
    this.n = 0;
  }
  push(k: Op, a: number, b: number, c: number, msp: Msp | null): void {
    const i = this.n++;
    if (4 * i + 4 > this.code.length) {
      const grown = new Int32Array(this.code.length * 2);
      grown.set(this.code);
      this.code = grown;
    }
    this.code[4 * i] = k;
    this.code[4 * i + 1] = a;
    this.code[4 * i + 2] = b;
    this.code[4 * i + 3] = c;
    this.msps[i] = msp;
  }
  /** Sets the `b` of the latest op. */
  setLastB(b: number): void {
    this.code[4 * (this.n - 1) + 2] = b;
  }
}

/**
 * Op logs kept for re-dissection, packed: per frame [n, then kind a b c per
 * op] in one growing Int32Array, found through a per-frame column; the PDUs
 * apart, only for the frames whose ops have one.
 */
class OpStore {
  pool = new Int32Array(4096);
  private used = 0;
  /** Frame → 1 + where its log starts in `pool` (0: none). */
  private readonly where = new FrameColumnU32();
  private readonly msps = new Map<number, (Msp | null)[]>();

  put(frame: number, log: OpLog): void {
    const n = log.n;
    const need = this.used + 1 + 4 * n;
    if (need > this.pool.length) {
      const grown = new Int32Array(Math.max(need, this.pool.length * 2));
      grown.set(this.pool.subarray(0, this.used));
      this.pool = grown;
    }
    const at = this.used;
    const pool = this.pool;
    const code = log.code;
    pool[at] = n;
    // A few ops: a plain loop beats subarray + set.
    for (let i = 0; i < 4 * n; i++) pool[at + 1 + i] = code[i]!;
    this.used = need;
    this.where.set(frame, at + 1);
    let any = false;
    for (let i = 0; i < n; i++) if (log.msps[i]) any = true;
    if (any) this.msps.set(frame, log.msps.slice(0, n));
    else this.msps.delete(frame);
  }
  /** Where the frame's log starts in `pool` (its op count; the ops follow), or -1. */
  start(frame: number): number {
    return this.where.get(frame) - 1;
  }
  mspsOf(frame: number): (Msp | null)[] | null {
    return this.msps.get(frame) ?? null;
  }
}

/**
 * Reassembled PDUs are kept for re-dissection of the frame that completed
 * them, up to a budget; past it the oldest are dropped (their frames then
 * re-dissect without the subdissector's view of the PDU).
 */
class PduRetention {
  static budget = 256 * 1024 * 1024;
  private readonly queue: Msp[] = [];
  private head = 0;
  private bytes = 0;

  keep(m: Msp): void {
    this.queue.push(m);
    this.bytes += m.bytes?.length ?? 0;
    while (this.bytes > PduRetention.budget && this.head < this.queue.length) {
      const old = this.queue[this.head++]!;
      this.bytes -= old.bytes?.length ?? 0;
      old.drop();
    }
    if (this.head > 4096 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
  }
}

class TcpState {
  readonly convs = new TcpConversations();
  /** PDU reassembly per direction (2s + d), created on first use. */
  readonly pdus: (PduReassembly | undefined)[] = [];
  /** Stream → the conversation (another protocol's announcement) it was bound to when it started. */
  readonly bound = new Map<number, Expectation>();
  /** Announcements with a wildcard side already taken by a stream (Wireshark fills the wildcard in). */
  readonly taken = new Set<Expectation>();
  /** Payload hand-offs that involved desegmentation, by frame. */
  readonly ops = new OpStore();
  readonly retention = new PduRetention();
}

/** Bytes of reassembled PDUs kept for re-dissection (default 256 MiB); the oldest go first. */
export function setReassemblyBudget(bytes: number): void {
  PduRetention.budget = bytes;
}

/** The TCP state of a capture (streams, analysis, reassembly): for Follow TCP Stream, statistics and tests. */
export function tcpState(pinfo: PacketInfo): TcpState {
  return pinfo.state.get("tcp", () => new TcpState());
}

/**
 * What the header said, for the option and payload steps. One per nesting
 * depth (TCP inside a TCP-carried tunnel), reused for every packet.
 */
class Ctx {
  st!: TcpState;
  c!: TcpConversations;
  s = -1;
  dir = 0;
  f = 0;
  r = 0;
  sport = 0;
  dport = 0;
  flags = 0;
  /** Acknowledgment number as shown (relative when ACK is set), for the D-SACK check. */
  ack = 0;
  visited = false;
  cols = false;
  /** End of the segment on the wire (header included). */
  hdrRepEnd = 0;
  /** Payload: first byte, end of the captured bytes, end on the wire; its sequence numbers. */
  start = 0;
  end = 0;
  repEnd = 0;
  seq = 0;
  nxtseq = 0;
  taFlags = 0;
  canDesegment = false;
  /** Info text before the fence (col_set_fence / col_prepend_fence_fstr), "" for none. */
  fence = "";
  /** The Protocol column while col_set_writable(FALSE) holds it, else null. */
  protoLock: string | null = null;
  readonly log = new OpLog();
}
const ctxs: Ctx[] = [];
let depth = 0;

/** tcp_info_append_uint: " Name=value". */
function infoUint(pinfo: PacketInfo, name: string, v: number): void {
  pinfo.info += ` ${name}=${v}`;
}

export const tcp: Dissector = {
  name: "tcp",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const x = ctxs[depth] ?? (ctxs[depth] = new Ctx());
    depth++;
    try {
      return dissectTcp(data, offset, end, pinfo, x);
    } finally {
      depth--;
    }
  },
};

function dissectTcp(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo, x: Ctx): number {
  const tree = pinfo.tree;
  const inError = pinfo.inErrorPacket;
  const cols = pinfo.wantColumns && !inError;
  const capLen = end - offset;
  // What the IP layer says follows, which the snap length may have cut (tvb_reported_length).
  const repLen = pinfo.takeReportedLength(offset, end);
  enterLayer(pinfo, "tcp");
  if (capLen < 4) return truncated(pinfo, offset, capLen, false);

  const sport = u16(data, offset);
  const dport = u16(data, offset + 2);
  if (!inError) {
    pinfo.protocol = "TCP";
    if (cols) pinfo.info = `${sport} ${ARROW} ${dport}`;
  }
  tree.open(tcpFields[""], offset, capLen);
  tree.add(tcpFields.srcport, offset, 2, sport);
  tree.add(tcpFields.dstport, offset + 2, 2, dport);
  tree.add(tcpFields.port, offset, 2, sport, HIDDEN);
  tree.add(tcpFields.port, offset + 2, 2, dport, HIDDEN);
  // An ICMP error quotes only 8 bytes of the datagram for sure (RFC 792), so
  // the sequence number goes in right away there.
  const layers = pinfo.layers;
  const icmpIp = inError && layers[layers.length - 2] === "ip" && layers[layers.length - 3] === "icmp";
  if (icmpIp) {
    if (capLen < 8) return truncated(pinfo, offset, capLen, true);
    tree.add(tcpFields.seq, offset + 4, 4, u32(data, offset + 4));
  }
  if (!inError) {
    pinfo.portType = PortType.TCP;
    pinfo.srcPort = sport;
    pinfo.dstPort = dport;
  }
  if (capLen < 8) return truncated(pinfo, offset, capLen, true);
  const rawSeq = u32(data, offset + 4);
  if (capLen < 12) return truncated(pinfo, offset, capLen, true);
  const rawAck = u32(data, offset + 8);
  if (capLen < 14) return truncated(pinfo, offset, capLen, true);
  const hlen = (data[offset + 12]! >> 4) * 4;
  const flags = u16(data, offset + 12) & 0xfff;
  if (capLen < 16) return truncated(pinfo, offset, capLen, true);
  const rawWin = u16(data, offset + 14);
  if (!inError) pinfo.tcpFlags = flags;

  const st = tcpState(pinfo);
  const c = st.convs;
  const frame = pinfo.num;
  const visited = pinfo.visited;
  const ta = c.ta;
  ta.clear();
  x.st = st;
  x.c = c;
  x.visited = visited;
  x.cols = cols;
  x.sport = sport;
  x.dport = dport;
  x.flags = flags;
  x.fence = "";
  x.protoLock = null;

  // The conversation: the latest one of this address/port pair.
  let s = -1;
  let isNew = false;
  let keyed: boolean;
  if (inError) {
    addressesFor(data, offset, pinfo.srcAddr, pinfo.dstAddr, inError, 6);
    keyed = c.pairs.prepare(transportAddresses.src, sport, transportAddresses.dst, dport);
  } else {
    keyed = c.pairs.prepareAt(pinfo.srcAddrBytes, pinfo.srcAddrAt, pinfo.srcAddrLen, sport, pinfo.dstAddrBytes, pinfo.dstAddrAt, pinfo.dstAddrLen, dport);
  }
  if (keyed) {
    s = visited ? c.find(frame) : c.pairs.get();
    if (s < 0) {
      s = c.create(frame, pinfo.tsSec, pinfo.tsNsec);
      isNew = true;
    }
    if (!visited) {
      const f0 = 2 * s + c.pairs.direction;
      const synOnly = (flags & (TH.SYN | TH.ACK)) === TH.SYN;
      if (synOnly && c.baseSeqSet(f0)) {
        if (rawSeq !== c.baseSeq[f0]) {
          // A SYN with another initial sequence number on a known pair: a new
          // connection reusing the ports (RFC 9293 §3.4.1), so a new stream.
          s = c.create(frame, pinfo.tsSec, pinfo.tsNsec);
          c.completeness[s] = Completeness.SYNSENT;
          ta.exists = true;
          ta.flags |= TcpAnalysis.REUSED_PORTS;
        } else {
          // The same SYN again (a retransmission): restore the expected
          // sequence number a RST carrying the acknowledged one may have
          // moved (RFC 9293 §3.10.7.3; Wireshark issue 17616).
          c.nextSeq[f0] = c.maxSeqToBeAcked[f0]!;
        }
      } else if ((flags & (TH.SYN | TH.ACK)) === (TH.SYN | TH.ACK) && c.baseSeqSet(f0) && rawSeq !== c.baseSeq[f0]) {
        c.baseSeq[f0] = rawSeq;
        ta.exists = true;
        ta.flags |= TcpAnalysis.REUSED_PORTS;
      }
      // A conversation another protocol announced (FTP data) is found, not
      // created, by TCP: Wireshark then counts no SYN_SENT in its completeness.
      if (isNew && !inError && bindConversation(pinfo, st, s)) isNew = false;
      c.stampDelta(s, frame, pinfo.tsSec, pinfo.tsNsec);
    }
  }
  const dir = c.pairs.direction;
  const f = 2 * s + dir;
  const r = 2 * s + (dir ^ 1);
  x.s = s;
  x.dir = dir;
  x.f = f;
  x.r = r;
  if (s >= 0) {
    tree.add(tcpFields.stream, offset, 0, s, GENERATED);
    const cv = c.completeness[s]!;
    tree.add(tcpFields.completeness, 0, 0, cv, GENERATED, tree.detailed ? `[Conversation completeness: ${COMPLETENESS_TEXT[cv] ?? "Incomplete"} (${cv})]` : undefined);
    if (!visited) c.numSack[f] = 0;
    if (!inError) pinfo.tcpStream = s;
  }

  // The segment length comes from the IP payload length; then the analysis.
  let seq = rawSeq;
  let ack = rawAck;
  let win = rawWin;
  let seglen = 0;
  let haveSeglen = false;
  if (!inError) {
    if (repLen < hlen) {
      tcpExpert(pinfo, ei.short_segment, offset, 0, "warn", "Short segment. Segment/fragment does not contain a full TCP header (might be NMAP or someone else deliberately sending unusual packets)");
    } else {
      seglen = repLen - hlen;
      haveSeglen = true;
      tree.add(tcpFields.len, offset + 12, 1, seglen, GENERATED);
      if (s >= 0) {
        if (!visited) c.analyze(s, dir, frame, pinfo.tsSec, pinfo.tsNsec, rawSeq, rawAck, seglen, flags, rawWin);
        else c.load(frame);
        seq = (rawSeq - c.baseSeq[f]!) >>> 0;
        if (flags & TH.ACK) ack = (rawAck - c.baseSeq[r]!) >>> 0;
        // SYNs are never scaled (RFC 7323 §2.2).
        if (!(flags & TH.SYN) && c.winScale[f]! >= 0) win = rawWin << c.winScale[f]!;
      }
    }
  } else if (visited && s >= 0) {
    c.load(frame);
  }
  const nxtseq = (seq + seglen) >>> 0;
  x.ack = ack;

  if (cols) {
    pinfo.info += ` [${tcpFlagsText(flags)}] Seq=${seq}`;
    if (flags & TH.ACK) pinfo.info += ` Ack=${ack}`;
    pinfo.info += ` Win=${win}`;
  }
  const relative = s >= 0 && haveSeglen;
  if (!icmpIp) {
    tree.add(tcpFields.seq, offset + 4, 4, seq, 0, tree.detailed && relative ? `Sequence Number: ${seq}    (relative sequence number)` : undefined);
    tree.add(tcpFields.seq_raw, offset + 4, 4, rawSeq);
  }

  const hdrLabel = tree.detailed ? `${(hlen >> 2).toString(2).padStart(4, "0")} .... = Header Length: ${hlen} bytes (${hlen >> 2})` : undefined;
  if (hlen < 20) {
    // RFC 9293 §3.1: the data offset counts 32-bit words and is at least 5.
    if (cols) pinfo.info += `, bogus TCP header length (${hlen}, must be at least 20)`;
    tree.add(tcpFields.hdr_len, offset + 12, 1, hlen, 0, hdrLabel);
    tcpExpert(pinfo, ei.bogus_header_length, offset + 12, 1, "error", `Bogus TCP header length (${hlen}, must be at least 20)`);
    tree.close(capLen);
    return capLen;
  }

  if (s >= 0 && !visited) updateCompleteness(c, s, isNew, flags, seglen);

  if (haveSeglen) {
    const n = flags & (TH.SYN | TH.FIN) ? (nxtseq + 1) >>> 0 : nxtseq; // SYN and FIN take one sequence number
    tree.add(tcpFields.nxtseq, offset, 0, n, GENERATED, tree.detailed && s >= 0 ? `[Next Sequence Number: ${n}    (relative sequence number)]` : undefined);
  }
  tree.add(tcpFields.ack, offset + 8, 4, ack, 0, tree.detailed && relative && flags & TH.ACK ? `Acknowledgment Number: ${ack}    (relative ack number)` : undefined);
  tree.add(tcpFields.ack_raw, offset + 8, 4, rawAck);
  if (!(flags & TH.ACK) && rawAck !== 0) tcpExpert(pinfo, ei["ack.nonzero"], offset + 8, 4, "note");

  tree.add(tcpFields.hdr_len, offset + 12, 1, hlen, 0, hdrLabel);
  addFlagsTree(tree, offset, flags);
  tree.add(tcpFields.window_size_value, offset + 14, 2, rawWin);
  tree.add(tcpFields.window_size, offset + 14, 2, win, GENERATED);
  if (!(flags & TH.SYN) && s >= 0) {
    const ws = c.winScale[f]!;
    const v = ws >= 0 ? 1 << ws : ws;
    const how = ws === -1 ? " (unknown)" : ws === -2 ? " (no window scaling used)" : "";
    tree.add(tcpFields.window_size_scalefactor, offset + 14, 2, v, GENERATED, tree.detailed ? `[Window size scaling factor: ${v}${how}]` : undefined);
  }
  if (s >= 0) connectionEvents(pinfo, x, offset);

  if (capLen < 18) return truncated(pinfo, offset, capLen, true);
  const sum = u16(data, offset + 16);
  tree.add(tcpFields.checksum, offset + 16, 2, sum, 0, tree.detailed ? `Checksum: 0x${sum.toString(16).padStart(4, "0")} [unverified]` : undefined);
  tree.add(tcpFields["checksum.status"], offset + 16, 0, 2, GENERATED, tree.detailed ? "[Checksum Status: Unverified]" : undefined);
  // Checksums are not verified (tshark's default), so reassembly only needs
  // every byte captured, and never for a datagram quoted in an ICMP error.
  const desegmentOk = capLen >= repLen && !inError && s >= 0;

  if (capLen < 20) return truncated(pinfo, offset, capLen, true);
  const urp = u16(data, offset + 18);
  tree.add(tcpFields.urgent_pointer, offset + 18, 2, urp);
  if (flags & TH.URG) {
    if (cols) infoUint(pinfo, "Urg", urp);
  } else if (urp) {
    tcpExpert(pinfo, ei["urgent_pointer.non_zero"], offset + 18, 2, "note");
  }
  if (haveSeglen && cols) infoUint(pinfo, "Len", seglen);

  // Options; the "[Timestamps]" tree follows the options item.
  const optlen = hlen - 20;
  let optionsFail = OptFail.NONE;
  if (optlen) {
    const bc = Math.min(capLen - 20, optlen);
    tree.open(tcpFields.options, offset + 20, bc, view(tree, tcpFields.options, data, offset + 20, offset + 20 + bc), tree.detailed ? `Options: (${optlen} bytes)` : undefined);
    x.hdrRepEnd = offset + repLen;
    optionsFail = dissectOptions(data, offset + 20, optlen, capLen - 20, pinfo, x);
    tree.close();
  }
  if (s >= 0) addTimestamps(pinfo, c, s, frame);
  if (optionsFail === OptFail.CONTAINED) return containedError(pinfo, offset, capLen);
  if (optionsFail !== OptFail.NONE) return truncated(pinfo, offset, capLen, true);

  if (s >= 0) {
    printAnalysis(pinfo, x);
    if (!visited && !inError) {
      c.save(frame);
      // Window scaling is used only when both SYNs carried the option (RFC 7323 §2.2).
      if (flags & TH.SYN) verifyWindowScaling(c, f, r, (flags & TH.ACK) !== 0);
    }
    if (!inError) pinfo.tcpAnalysis = ta.exists ? ta.flags : 0;
  }
  if (tree.detailed) {
    let label = `Transmission Control Protocol, Src Port: ${sport}, Dst Port: ${dport}, Seq: ${seq}`;
    if (flags & TH.ACK) label += `, Ack: ${ack}`;
    if (haveSeglen) label += `, Len: ${seglen}`;
    tree.setLabel(label);
  }

  const payload = offset + hlen;
  // Past the captured bytes: Wireshark's tvb_captured_length_remaining throws.
  if (payload > end) return truncated(pinfo, offset, capLen, true, hlen);
  if (payload === end) {
    tree.close(hlen);
    return capLen;
  }
  if (flags & TH.RST) {
    // RFC 9293 §3.5.3 (RFC 1122 4.2.2.12): a RST may carry text explaining it.
    tree.add(tcpFields.reset_cause, payload, end - payload, tree.detailed || tree.wants(tcpFields.reset_cause) ? latin1(data, payload, end) : "");
    tree.close(hlen);
    return capLen;
  }
  const repEnd = offset + Math.max(repLen, hlen);
  const repBytes = repEnd - payload;
  if (tree.detailed || tree.wants(tcpFields.payload)) {
    tree.add(tcpFields.payload, payload, end - payload, data.subarray(payload, end), 0, tree.detailed ? `TCP payload (${repBytes} byte${repBytes === 1 ? "" : "s"})` : undefined);
  }
  tree.close(hlen);

  x.start = payload;
  x.end = end;
  x.repEnd = repEnd;
  x.taFlags = ta.exists ? ta.flags : 0;
  x.canDesegment = desegmentOk;
  x.fence = cols ? x.fence : "";
  // A SYN's data starts one past its sequence number (Wireshark bug 9882).
  x.seq = flags & TH.SYN ? (seq + 1) >>> 0 : seq;
  x.nxtseq = flags & TH.SYN ? (nxtseq + 1) >>> 0 : nxtseq;
  dissectPayload(data, pinfo, x);
  return capLen;
}

function latin1(b: Uint8Array, start: number, end: number): string {
  let s = "";
  for (let i = start; i < end; i++) s += String.fromCharCode(b[i]!);
  return s;
}

/**
 * An option running past the end of a short segment: Wireshark's
 * ContainedBoundsError, whose message shows in the Info column.
 */
function containedError(pinfo: PacketInfo, offset: number, capLen: number): number {
  const why = "length of contained item exceeds length of containing item";
  if (!pinfo.inErrorPacket) {
    markMalformed(pinfo, "TCP", offset + capLen, why);
    if (pinfo.wantColumns && pinfo.info.endsWith("[Malformed Packet]")) pinfo.info = pinfo.info.slice(0, -1) + `: ${why}]`;
  }
  pinfo.tree.close();
  return Math.max(capLen, 1);
}

/**
 * A field the capture does not hold: Wireshark's bounds exception ends the
 * layer there. In a datagram quoted by an ICMP error (usually only 8 bytes of
 * it, RFC 792) the exception is expected and shown nowhere.
 */
function truncated(pinfo: PacketInfo, offset: number, capLen: number, open: boolean, closeLen?: number): number {
  if (!pinfo.inErrorPacket) markMalformed(pinfo, "TCP", offset + capLen, "TCP header truncated");
  if (open) pinfo.tree.close(closeLen);
  return Math.max(capLen, 1);
}

function addFlagsTree(tree: ProtoTree, offset: number, flags: number): void {
  tree.open(tcpFields.flags, offset + 12, 2, flags, tree.detailed ? `Flags: 0x${flags.toString(16).padStart(3, "0")} (${tcpFlagsText(flags)})` : undefined);
  tree.add(tcpFields["flags.res"], offset + 12, 1, (flags & 0xe00) !== 0);
  tree.add(tcpFields["flags.ae"], offset + 12, 1, (flags & TH.AE) !== 0);
  tree.add(tcpFields["flags.cwr"], offset + 13, 1, (flags & TH.CWR) !== 0);
  tree.add(tcpFields["flags.ece"], offset + 13, 1, (flags & TH.ECE) !== 0);
  tree.add(tcpFields["flags.urg"], offset + 13, 1, (flags & TH.URG) !== 0);
  tree.add(tcpFields["flags.ack"], offset + 13, 1, (flags & TH.ACK) !== 0);
  tree.add(tcpFields["flags.push"], offset + 13, 1, (flags & TH.PUSH) !== 0);
  tree.add(tcpFields["flags.reset"], offset + 13, 1, (flags & TH.RST) !== 0);
  tree.add(tcpFields["flags.syn"], offset + 13, 1, (flags & TH.SYN) !== 0);
  tree.add(tcpFields["flags.fin"], offset + 13, 1, (flags & TH.FIN) !== 0);
  if (tree.detailed || tree.wants(tcpFields["flags.str"])) {
    const letters = tcpFlagLetters(flags);
    tree.add(tcpFields["flags.str"], offset + 12, 2, letters, GENERATED, tree.detailed ? `[TCP Flags: ${letters}]` : undefined);
  }
  tree.close();
}

/** tcp.completeness: which parts of a connection's life were seen (first pass only). */
function updateCompleteness(c: TcpConversations, s: number, isNew: boolean, flags: number, seglen: number): void {
  let cv = 0;
  if (isNew) {
    // A pure SYN can only start a new conversation.
    if ((flags & (TH.SYN | TH.ACK)) === TH.SYN) {
      cv |= Completeness.SYNSENT;
      if (seglen > 0) cv |= Completeness.DATA; // TCP Fast Open (RFC 7413)
    }
  } else {
    cv = c.completeness[s]!;
    if ((flags & (TH.SYN | TH.ACK)) === (TH.SYN | TH.ACK)) cv |= Completeness.SYNACK;
    if ((flags & (TH.SYN | TH.ACK)) === TH.ACK) cv |= seglen > 0 ? Completeness.DATA : Completeness.ACK;
    if ((flags & (TH.FIN | TH.ACK)) === (TH.FIN | TH.ACK)) cv |= Completeness.FIN;
    if (flags & TH.RST) cv |= Completeness.RST;
  }
  c.completeness[s] = cv;
}

/** SYN/FIN/RST expert items and what they tell about the connection (server port, iRTT, closing side). */
function connectionEvents(pinfo: PacketInfo, x: Ctx, offset: number): void {
  const { c, s, f, r, flags, visited } = x;
  if (flags & TH.SYN) {
    if (flags & TH.ACK) {
      tcpExpert(pinfo, ei["connection.synack"], offset + 13, 1, "chat", `Connection establish acknowledge (SYN+ACK): server port ${x.sport}`);
      if (!visited) c.serverPort[s] = x.sport;
    } else {
      tcpExpert(pinfo, ei["connection.syn"], offset + 13, 1, "chat", `Connection establish request (SYN): server port ${x.dport}`);
      if (!visited) {
        c.serverPort[s] = x.dport;
        c.synSec[s] = pinfo.tsSec;
        c.synNsec[s] = pinfo.tsNsec;
      }
    }
    if (!visited) c.isFirstAck[f] = 1;
  }
  if (flags & TH.FIN) {
    tcpExpert(pinfo, ei["connection.fin"], offset + 13, 1, "chat");
    // The side whose FIN comes first initiates the close (RFC 9293 §3.6).
    if (!c.closingInitiator[r]) {
      if (!visited) c.closingInitiator[f] = 1;
      tcpExpert(pinfo, ei["connection.fin_active"], offset + 12, 2, "note");
    } else {
      tcpExpert(pinfo, ei["connection.fin_passive"], offset + 12, 2, "note");
    }
  }
  if (flags & TH.RST) tcpExpert(pinfo, ei["connection.rst"], offset + 13, 1, "warn");
  if (!visited && (flags & (TH.SYN | TH.ACK)) === TH.ACK) {
    // The first pure ACK after a SYN completes the handshake: its delay is the iRTT.
    if ((c.synSec[s] !== 0 || c.synNsec[s] !== 0) && c.irttSec[s] === 0 && c.irttNsec[s] === 0) {
      const d = normDelta(pinfo.tsSec - c.synSec[s]!, pinfo.tsNsec - c.synNsec[s]!);
      c.irttSec[s] = d[0];
      c.irttNsec[s] = d[1];
    }
    c.isFirstAck[f] = 0; // the window scale applies from the first ACK on (Wireshark issue 14690)
  }
}

/** verify_tcp_window_scaling: scaling counts only when both SYNs carried the option (RFC 7323 §2.2). */
function verifyWindowScaling(c: TcpConversations, f: number, r: number, synAck: boolean): void {
  if (c.winScale[f] === -1) {
    c.winScale[f] = -2;
    c.winScale[r] = -2;
  } else if (synAck && c.winScale[r] === -2) {
    c.winScale[f] = -2;
  }
}

function addTimestamps(pinfo: PacketInfo, c: TcpConversations, s: number, frame: number): void {
  const tree = pinfo.tree;
  if (!tree.detailed && !tree.wants(tcpFields.time_relative) && !tree.wants(tcpFields.time_delta)) return;
  const d = normDelta(pinfo.tsSec - c.firstSec[s]!, pinfo.tsNsec - c.firstNsec[s]!);
  const rel: [number, number] = [d[0], d[1]];
  const delta: [number, number] = [c.frameDeltaSec.get(frame), c.frameDeltaNsec.get(frame)];
  tree.open(textField, 0, 0, null, "[Timestamps]", GENERATED);
  tree.add(tcpFields.time_relative, 0, 0, rel, GENERATED, tree.detailed ? `[Time since first frame in this TCP stream: ${relTimeToString(rel[0], rel[1])} seconds]` : undefined);
  tree.add(tcpFields.time_delta, 0, 0, delta, GENERATED, tree.detailed ? `[Time since previous frame in this TCP stream: ${relTimeToString(delta[0], delta[1])} seconds]` : undefined);
  tree.close();
}

/** The Info prefix being built by printAnalysis. */
let prefix = "";

/** One analysis finding: its expert item, and its Info prefix (prepended, col_prepend_fence_fstr). */
function mark(pinfo: PacketInfo, cols: boolean, field: FieldDef, sev: Severity, text: string): void {
  tcpExpert(pinfo, field, 0, 0, sev);
  if (cols) prefix = text + prefix;
}

function addTime(tree: ProtoTree, f: FieldDef, sec: number, nsec: number, name: string): void {
  if (!tree.detailed && !tree.wants(f)) return;
  tree.add(f, 0, 0, [sec, nsec], GENERATED, tree.detailed ? `[${name}: ${relTimeToString(sec, nsec)} seconds]` : undefined);
}

/**
 * tcp_print_sequence_number_analysis: the "[SEQ/ACK analysis]" tree and the
 * Info prefixes. Each prefix is prepended in Wireshark's order, so the one
 * printed last comes first; together they form the Info fence a
 * subdissector's Info text goes after.
 */
function printAnalysis(pinfo: PacketInfo, x: Ctx): void {
  const { c, s } = x;
  const ta = c.ta;
  if (!ta.exists) return;
  const tree = pinfo.tree;
  tree.open(tcpFields.analysis, 0, 0, 1, "[SEQ/ACK analysis]", GENERATED);
  if (ta.hasAcked) {
    tree.add(tcpFields["analysis.acks_frame"], 0, 0, ta.ackedFrame, GENERATED, tree.detailed ? `[This is an ACK to the segment in frame: ${ta.ackedFrame}]` : undefined);
    if (ta.rttSec || ta.rttNsec) addTime(tree, tcpFields["analysis.ack_rtt"], ta.rttSec, ta.rttNsec, "The RTT to ACK the segment was");
  }
  if (c.irttSec[s] || c.irttNsec[s]) addTime(tree, tcpFields["analysis.initial_rtt"], c.irttSec[s]!, c.irttNsec[s]!, "iRTT");
  if (ta.bytesInFlight) {
    tree.add(tcpFields["analysis.bytes_in_flight"], 0, 0, ta.bytesInFlight, GENERATED);
    tree.add(tcpFields["analysis.push_bytes_sent"], 0, 0, ta.pushBytesSent, GENERATED);
  }
  const fl = ta.flags;
  if (fl) {
    prefix = "";
    const cols = x.cols;
    tree.open(tcpFields["analysis.flags"], 0, 0, 1, "[TCP Analysis Flags]", GENERATED);
    if (fl & TcpAnalysis.REUSED_PORTS) mark(pinfo, cols, ei["analysis.reused_ports"], "note", "[TCP Port numbers reused] ");
    if (fl & TcpAnalysis.RETRANSMISSION) {
      mark(pinfo, cols, ei["analysis.retransmission"], "note", "[TCP Retransmission] ");
      if (ta.rtoSec || ta.rtoNsec) {
        addTime(tree, tcpFields["analysis.rto"], ta.rtoSec, ta.rtoNsec, "The RTO for this segment was");
        tree.add(tcpFields["analysis.rto_frame"], 0, 0, ta.rtoFrame, GENERATED);
      }
    }
    if (fl & TcpAnalysis.FAST_RETRANSMISSION) {
      mark(pinfo, cols, ei["analysis.fast_retransmission"], "note", "[TCP Fast Retransmission] ");
      tcpExpert(pinfo, ei["analysis.retransmission"], 0, 0, "note");
    }
    if (fl & TcpAnalysis.SPURIOUS_RETRANSMISSION) {
      mark(pinfo, cols, ei["analysis.spurious_retransmission"], "note", "[TCP Spurious Retransmission] ");
      tcpExpert(pinfo, ei["analysis.retransmission"], 0, 0, "note");
    }
    if (fl & TcpAnalysis.OUT_OF_ORDER) mark(pinfo, cols, ei["analysis.out_of_order"], "warn", "[TCP Out-Of-Order] ");
    if (fl & TcpAnalysis.LOST_PACKET) mark(pinfo, cols, ei["analysis.lost_segment"], "warn", "[TCP Previous segment not captured] ");
    if (fl & TcpAnalysis.ACK_LOST_PACKET) mark(pinfo, cols, ei["analysis.ack_lost_segment"], "warn", "[TCP ACKed unseen segment] ");
    if (fl & TcpAnalysis.WINDOW_UPDATE) mark(pinfo, cols, ei["analysis.window_update"], "chat", "[TCP Window Update] ");
    if (fl & TcpAnalysis.WINDOW_FULL) mark(pinfo, cols, ei["analysis.window_full"], "warn", "[TCP Window Full] ");
    if (fl & TcpAnalysis.KEEP_ALIVE) mark(pinfo, cols, ei["analysis.keep_alive"], "note", "[TCP Keep-Alive] ");
    if (fl & TcpAnalysis.KEEP_ALIVE_ACK) mark(pinfo, cols, ei["analysis.keep_alive_ack"], "note", "[TCP Keep-Alive ACK] ");
    if (ta.dupAckNum && fl & TcpAnalysis.DUPLICATE_ACK) {
      tree.add(tcpFields["analysis.duplicate_ack"], 0, 0, 1, GENERATED, "[This is a TCP duplicate ack]");
      if (cols) prefix = `[TCP Dup ACK ${ta.dupAckFrame}#${ta.dupAckNum}] ` + prefix;
    }
    if (fl & TcpAnalysis.ZERO_WINDOW_PROBE) mark(pinfo, cols, ei["analysis.zero_window_probe"], "note", "[TCP ZeroWindowProbe] ");
    if (fl & TcpAnalysis.ZERO_WINDOW) mark(pinfo, cols, ei["analysis.zero_window"], "warn", "[TCP ZeroWindow] ");
    if (fl & TcpAnalysis.ZERO_WINDOW_PROBE_ACK) mark(pinfo, cols, ei["analysis.zero_window_probe_ack"], "note", "[TCP ZeroWindowProbeAck] ");
    tree.close();
    if (ta.dupAckNum) {
      // The dup-ACK number and frame hang off the analysis tree, with the expert item.
      tree.add(tcpFields["analysis.duplicate_ack_num"], 0, 0, ta.dupAckNum, GENERATED);
      tree.add(tcpFields["analysis.duplicate_ack_frame"], 0, 0, ta.dupAckFrame, GENERATED);
      tcpExpert(pinfo, tcpFields["analysis.duplicate_ack"], 0, 0, "note", `Duplicate ACK (#${ta.dupAckNum})`);
    }
    if (prefix) {
      pinfo.info = prefix + pinfo.info;
      x.fence = prefix;
    }
  }
  tree.close();
}

// ---------------------------------------------------------------------------
// Options (RFC 9293 §3.2; MSS RFC 6691; window scale and timestamps RFC 7323;
// SACK RFC 2018/2883; Fast Open RFC 7413)

function optionName(kind: number): string {
  switch (kind) {
    case 2:
      return "Maximum segment size";
    case 3:
      return "Window scale";
    case 4:
      return "SACK permitted";
    case 5:
      return "SACK";
    case 6:
      return "Echo";
    case 7:
      return "Echo reply";
    case 8:
      return "Timestamps";
    case 19:
      return "TCP MD5 signature";
    case 28:
      return "User Timeout";
    case 30:
      return "MPTCP";
    case 34:
      return "TCP Fast Open";
    default:
      return `Unknown (0x${kind.toString(16).padStart(2, "0")})`;
  }
}

function optionField(kind: number): FieldDef {
  switch (kind) {
    case 2:
      return optionFields.mss;
    case 3:
      return optionFields.wscale;
    case 4:
      return optionFields.sack_perm;
    case 5:
      return optionFields.sack;
    case 6:
      return optionFields.echo;
    case 7:
      return optionFields.echoreply;
    case 8:
      return optionFields.timestamp;
    case 19:
      return optionFields.md5;
    case 28:
      return optionFields.user_to;
    case 30:
      return optionFields.mptcp;
    case 34:
      return optionFields.tfo;
    default:
      return optionFields.unknown;
  }
}

/** How option dissection ended: normally, past the captured bytes, or past a short segment's end. */
const enum OptFail {
  NONE,
  BOUNDS,
  CONTAINED,
}

/**
 * tcp_dissect_options over [start, start + optlen), of which `avail` bytes
 * were captured. Says where Wireshark would stop with an exception: an
 * option running past the captured bytes, or (its sub-buffer being cut at
 * the segment's end) past the end of a segment shorter than its header.
 */
function dissectOptions(data: Uint8Array, start: number, optlen: number, avail: number, pinfo: PacketInfo, x: Ctx): OptFail {
  const tree = pinfo.tree;
  const capEnd = start + Math.min(avail, optlen);
  let o = start;
  let left = optlen;
  let nopCount = 0;
  let mssSeen = false;
  let names = "";
  let ok = true;
  // A bad option length ends the options, before the check for a missing MSS.
  let lengthError = false;
  while (left > 0) {
    if (o >= capEnd) {
      ok = false;
      break;
    }
    const kind = data[o]!;
    left--;
    if (kind === 0 || kind === 1) {
      if (kind === 1) {
        // Four NOPs in a row within one 32-bit word: a middlebox removed an option.
        if (nopCount === 0 || (o - start + 20) % 4) {
          if (++nopCount === 4) tcpExpert(pinfo, ei.nop, o, 1, "warn");
        } else {
          nopCount = 0;
        }
      }
      const pf = kind === 0 ? optionFields.eol : optionFields.nop;
      tree.open(pf, o, 1, view(tree, pf, data, o, o + 1), tree.detailed ? pf.name : undefined);
      tree.add(tcpFields.option_kind, o, 1, kind);
      tree.close();
      if (tree.detailed) names += kind === 0 ? ", End of Option List (EOL)" : ", No-Operation (NOP)";
      o++;
      if (kind === 0) {
        // RFC 9293 §3.2: what follows the End of Option List is padding and must be zero.
        let nonZero = false;
        for (let i = o; i < capEnd; i++) if (data[i] !== 0) nonZero = true;
        if (nonZero) {
          tree.open(textField, o, capEnd - o, null, "Non-zero header padding");
          tcpExpert(pinfo, ei.non_zero_bytes_after_eol, o, capEnd - o, "error", "Non-zero header padding");
          tree.close();
          break;
        }
      }
      continue;
    }
    const name = optionName(kind);
    if (left === 0) {
      tcpExpert(pinfo, ei["option.len.invalid"], o, 1, "note", `${name} (length byte past end of options)`);
      lengthError = true;
      break;
    }
    if (o + 1 >= capEnd) {
      ok = false;
      break;
    }
    const len = data[o + 1]!;
    left--;
    if (len < 2) {
      tcpExpert(pinfo, ei["option.len.invalid"], o, 2, "note", `${name} (with too-short option length = ${len} byte${len === 1 ? "" : "s"})`);
      lengthError = true;
      break;
    }
    if (len - 2 > left) {
      tcpExpert(pinfo, ei["option.len.invalid"], o, left, "note", `${name} (option length = ${len} byte${len === 1 ? "" : "s"} says option goes past end of options)`);
      lengthError = true;
      break;
    }
    if (kind === 2) mssSeen = true;
    if (!dissectOption(data, o, len, Math.min(len, capEnd - o), kind, pinfo, x)) {
      if (tree.detailed) tree.setLabel(`Options: (${optlen} bytes)${names}`);
      return o + len > x.hdrRepEnd && x.hdrRepEnd <= start + avail ? OptFail.CONTAINED : OptFail.BOUNDS;
    }
    if (tree.detailed) names += `, ${name}`;
    o += len;
    left -= len - 2;
  }
  if (tree.detailed) tree.setLabel(`Options: (${optlen} bytes)${names}`);
  if (ok && !lengthError && x.flags & TH.SYN && !mssSeen) tcpExpert(pinfo, ei["options.mss.absent"], start, optlen, "note");
  return ok ? OptFail.NONE : OptFail.BOUNDS;
}

/** One option with a length byte, `len` long, of which `cap` bytes were captured. False: ran past them. */
function dissectOption(data: Uint8Array, o: number, len: number, cap: number, kind: number, pinfo: PacketInfo, x: Ctx): boolean {
  const tree = pinfo.tree;
  const { c, s, f, r, cols } = x;
  const write = !x.visited && s >= 0;
  const pf = optionField(kind);
  tree.open(pf, o, cap, view(tree, pf, data, o, o + cap), tree.detailed ? pf.name : undefined);
  tree.add(tcpFields.option_kind, o, 1, kind);
  tree.add(tcpFields.option_len, o + 1, 1, len);
  let ok = true;
  switch (kind) {
    case 2: {
      if (!(x.flags & TH.SYN)) tcpExpert(pinfo, ei["options.mss.present"], o, len, "warn");
      if (!lenOk(pinfo, o, len, 4)) break;
      if (cap < 4) {
        ok = false;
        break;
      }
      const mss = u16(data, o + 2);
      tree.add(tcpFields["options.mss_val"], o + 2, 2, mss);
      if (tree.detailed) tree.setLabel(`TCP Option - Maximum segment size: ${mss} bytes`);
      if (cols) infoUint(pinfo, "MSS", mss);
      break;
    }
    case 3: {
      if (!lenOk(pinfo, o, len, 3)) break;
      if (cap < 3) {
        ok = false;
        break;
      }
      const raw = data[o + 2]!;
      let shift = raw;
      tree.add(tcpFields["options.wscale.shift"], o + 2, 1, raw);
      if (shift > 14) {
        // RFC 7323 §2.3: a shift above 14 is used as 14.
        shift = 14;
        tcpExpert(pinfo, ei["options.wscale.shift.invalid"], o + 2, 1, "warn");
      }
      tree.add(tcpFields["options.wscale.multiplier"], o + 2, 1, 1 << shift, GENERATED);
      if (tree.detailed) tree.setLabel(`TCP Option - Window scale: ${raw} (multiply by ${1 << shift})`);
      if (cols) infoUint(pinfo, "WS", 1 << shift);
      if (write) c.winScale[f] = shift;
      break;
    }
    case 4:
      if (cols) pinfo.info += " SACK_PERM";
      lenOk(pinfo, o, len, 2);
      break;
    case 5: {
      // Edges are shown relative to the peer's initial sequence number.
      const base = s >= 0 ? c.baseSeq[r]! : 0;
      let p = o + 2;
      let rem = len - 2;
      let n = 0;
      let re0 = 0;
      let le1 = 0;
      let re1 = 0;
      while (rem > 0) {
        if (rem < 4) {
          tcpExpert(pinfo, ei.suboption_malformed, p, rem, "error");
          break;
        }
        if (p + 4 > o + cap) {
          ok = false;
          break;
        }
        const le = (u32(data, p) - base) >>> 0;
        tree.add(tcpFields["options.sack_le"], p, 4, le, 0, tree.detailed ? `left edge = ${le} (relative)` : undefined);
        rem -= 4;
        if (rem < 4) {
          tcpExpert(pinfo, ei.suboption_malformed, p, rem, "error");
          break;
        }
        if (p + 8 > o + cap) {
          ok = false;
          break;
        }
        const re = (u32(data, p + 4) - base) >>> 0;
        rem -= 4;
        tree.add(tcpFields["options.sack_re"], p + 4, 4, re, 0, tree.detailed ? `right edge = ${re} (relative)` : undefined);
        if (cols) {
          infoUint(pinfo, "SLE", le);
          infoUint(pinfo, "SRE", re);
        }
        n++;
        if (n === 1) re0 = re;
        if (n === 2) {
          le1 = le;
          re1 = re;
        }
        // Blocks 1..3 are kept: the peer's next segments subtract them from the bytes in flight.
        if (write && n < MAX_SACK_RANGES) {
          c.numSack[f] = n;
          c.sack[f * 6 + 2 * (n - 1)] = le;
          c.sack[f * 6 + 2 * (n - 1) + 1] = re;
        }
        p += 8;
      }
      if (!ok) break;
      tree.add(tcpFields["options.sack.count"], 0, 0, n, GENERATED);
      // RFC 2883 §4: a first block below the ACK, or inside the second block,
      // reports a duplicate (D-SACK). With no complete block Wireshark still
      // compares a zero edge, and then reads past a short option: malformed.
      if (seqLE(re0, x.ack) || (n > 1 && seqLT(le1, re0) && seqGE(re1, re0))) {
        if (len < 6 || cap < 6) {
          ok = false;
          break;
        }
        const le = (u32(data, o + 2) - base) >>> 0;
        tree.add(tcpFields["options.sack.dsack_le"], o + 2, 4, le, GENERATED, tree.detailed ? `D-SACK Left Edge = ${le} (relative)` : undefined);
        if (len < 10 || cap < 10) {
          ok = false;
          break;
        }
        const re = (u32(data, o + 6) - base) >>> 0;
        tree.add(tcpFields["options.sack.dsack_re"], o + 6, 4, re, GENERATED, tree.detailed ? `D-SACK Right Edge = ${re} (relative)` : undefined);
        tcpExpert(pinfo, ei["options.sack.dsack"], o + 2, 8, "warn");
      }
      if (tree.detailed && n > 0) tree.setLabel(`TCP Option - SACK ${sackRanges(data, o, n, base)}`);
      break;
    }
    case 6:
    case 7: {
      if (!lenOk(pinfo, o, len, 6)) break;
      if (cap < 6) {
        ok = false;
        break;
      }
      const v = u32(data, o + 2);
      tree.add(tcpFields["options.echo_value"], o + 2, 4, v);
      if (cols) infoUint(pinfo, "ECHO", v);
      break;
    }
    case 8: {
      if (!lenOk(pinfo, o, len, 10)) break;
      if (cap < 10) {
        ok = false;
        break;
      }
      const tsval = u32(data, o + 2);
      const tsecr = u32(data, o + 6);
      tree.add(tcpFields["options.timestamp.tsval"], o + 2, 4, tsval);
      tree.add(tcpFields["options.timestamp.tsecr"], o + 6, 4, tsecr);
      if (tree.detailed) tree.setLabel(`TCP Option - Timestamps: TSval ${tsval}, TSecr ${tsecr}`);
      if (cols) {
        infoUint(pinfo, "TSval", tsval);
        infoUint(pinfo, "TSecr", tsecr);
      }
      break;
    }
    case 19:
      // RFC 2385 TCP MD5 signature (obsoleted by TCP-AO, RFC 5925).
      if (cols) pinfo.info += " MD5";
      if (!lenOk(pinfo, o, len, 18)) break;
      if (cap < 18) {
        ok = false;
        break;
      }
      tree.add(tcpFields["options.md5.digest"], o + 2, 16, data.subarray(o + 2, o + 18));
      break;
    case 28: {
      // RFC 5482 User Timeout: granularity bit, then 15 bits of timeout.
      if (!lenOk(pinfo, o, len, 4)) break;
      if (cap < 4) {
        ok = false;
        break;
      }
      const v = u16(data, o + 2);
      tree.add(tcpFields["options.user_to_granularity"], o + 2, 2, (v & 0x8000) !== 0);
      tree.add(tcpFields["options.user_to_val"], o + 2, 2, v & 0x7fff);
      if (cols) infoUint(pinfo, "USER_TO", v & 0x7fff);
      break;
    }
    case 30:
      // Multipath TCP (RFC 8684): its subtypes are not dissected yet.
      break;
    case 34:
      if (len === 2) {
        tree.add(tcpFields["options.tfo.request"], o, 2, 1);
        if (cols) pinfo.info += " TFO=R";
      } else {
        if (cap < len) {
          ok = false;
          break;
        }
        tree.add(tcpFields["options.tfo.cookie"], o + 2, len - 2, data.subarray(o + 2, o + len));
        if (cols) pinfo.info += " TFO=C";
        if ((x.flags & (TH.SYN | TH.ACK)) === TH.SYN) tcpExpert(pinfo, ei["analysis.tfo_syn"], o + 2, len - 2, "note");
      }
      break;
    default:
      if (len > 2) {
        if (cap < len) {
          ok = false;
          break;
        }
        tree.add(tcpFields["options.unknown.payload"], o + 2, len - 2, data.subarray(o + 2, o + len));
      }
  }
  tree.close();
  return ok;
}

/** tcp_option_len_check: the option's length byte against the one its kind has. */
function lenOk(pinfo: PacketInfo, o: number, len: number, want: number): boolean {
  if (len === want) return true;
  tcpExpert(pinfo, ei["option.len.invalid"], o + 1, 1, "note", `option length should be ${want}`);
  return false;
}

function sackRanges(data: Uint8Array, o: number, n: number, base: number): string {
  let t = "";
  for (let i = 0; i < n; i++) t += `${i ? " " : ""}${(u32(data, o + 2 + 8 * i) - base) >>> 0}-${(u32(data, o + 6 + 8 * i) - base) >>> 0}`;
  return t;
}

// ---------------------------------------------------------------------------
// Payload: hand-off and desegmentation

/**
 * Binds a new stream to a conversation another protocol announced with a
 * wildcard side: Wireshark fills in the missing port when TCP first finds
 * it, so from then on it belongs to that connection only.
 */
function bindConversation(pinfo: PacketInfo, st: TcpState, s: number): boolean {
  const e = matchConversation(pinfo, "tcp");
  if (!e) return false;
  if (e.addrB === null || e.portB === null) {
    // Once filled in, the announcement is that connection's only.
    if (st.taken.has(e)) return false;
    st.taken.add(e);
    st.bound.set(s, e);
  }
  return true;
}

/** After a subdissector: keep the fenced Info text and a locked Protocol; an ICMP error's columns stay. */
function afterSubdissector(pinfo: PacketInfo, x: Ctx, savedProto: string, savedInfo: string): void {
  if (pinfo.inErrorPacket) {
    pinfo.protocol = savedProto;
    pinfo.info = savedInfo;
    return;
  }
  if (x.protoLock !== null) pinfo.protocol = x.protoLock;
  if (x.fence && pinfo.wantColumns && !pinfo.info.startsWith(x.fence)) pinfo.info = x.fence + pinfo.info;
}

/** One try of decode_tcp_ports: true when `d` took the payload; a declining dissector leaves no layer behind. */
function tryDissector(d: Dissector | undefined, data: Uint8Array, offset: number, end: number, pinfo: PacketInfo, x: Ctx, canDesegment: boolean, savedProto: string, savedInfo: string, layerCount: number): boolean {
  if (!d) return false;
  pinfo.canDesegment = canDesegment;
  pinfo.desegmentOffset = 0;
  pinfo.desegmentLen = 0;
  if (d.dissect(data, offset, end, pinfo) > 0) {
    afterSubdissector(pinfo, x, savedProto, savedInfo);
    return true;
  }
  pinfo.truncateLayers(layerCount); // call_dissector_work removes the layer of a dissector that returns 0
  pinfo.desegmentOffset = 0;
  pinfo.desegmentLen = 0;
  return false;
}

const TCP_PORT_TABLE = table("tcp.port");

/**
 * decode_tcp_ports: hands data[offset, end) to the dissector that takes it;
 * true if one did (the data fallback does not count).
 */
function decodePorts(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo, x: Ctx, canDesegment: boolean): boolean {
  // A keep-alive's byte is garbage, not application data.
  if (x.taFlags & TcpAnalysis.KEEP_ALIVE) {
    dissectData(data, offset, end, pinfo);
    return true;
  }
  // Retransmitted or out-of-order data would confuse in-order protocols
  // (Wireshark's tcp_no_subdissector_on_error): not handed off at all.
  if (x.taFlags & (TcpAnalysis.RETRANSMISSION | TcpAnalysis.OUT_OF_ORDER)) return false;
  const p = pinfo.protocol;
  const i = pinfo.info;
  const n = pinfo.layers.length;

  // A conversation another protocol announced: the one the stream was bound
  // to when it started, or a later one for exactly this connection.
  const s = x.s;
  let conv = s >= 0 ? x.st.bound.get(s) : undefined;
  const e = matchConversation(pinfo, "tcp");
  if (e && e.addrB !== null && e.portB !== null && (!conv || e.setupFrame >= conv.setupFrame)) conv = e;
  if (conv && tryDissector(conv.dissector, data, offset, end, pinfo, x, canDesegment, p, i, n)) return true;

  // The SYN's server port, then the lower port (more likely well known), then the higher one.
  const t = TCP_PORT_TABLE;
  const server = s >= 0 ? x.c.serverPort[s]! : 0;
  const low = x.sport < x.dport ? x.sport : x.dport;
  const high = x.sport < x.dport ? x.dport : x.sport;
  if (server && tryDissector(t.get(server), data, offset, end, pinfo, x, canDesegment, p, i, n)) return true;
  if (low && low !== server && tryDissector(t.get(low), data, offset, end, pinfo, x, canDesegment, p, i, n)) return true;
  if (high && high !== server && high !== low && tryDissector(t.get(high), data, offset, end, pinfo, x, canDesegment, p, i, n)) return true;
  for (const h of heuristicsFor("tcp")) if (tryDissector(h, data, offset, end, pinfo, x, canDesegment, p, i, n)) return true;
  pinfo.canDesegment = false;
  dissectData(data, offset, end, pinfo);
  return false;
}

/** desegment_tcp or a plain hand-off. */
function dissectPayload(data: Uint8Array, pinfo: PacketInfo, x: Ctx): void {
  if (!x.canDesegment) {
    // Truncated, or quoted in an ICMP error: no reassembly, just the hand-off.
    decodePorts(data, x.start, x.end, pinfo, x, false);
  } else if (pinfo.visited) {
    replay(data, pinfo, x);
  } else {
    desegment(data, pinfo, x);
  }
  pinfo.canDesegment = false;
  pinfo.desegmentOffset = 0;
  pinfo.desegmentLen = 0;
}

/** "TCP segment data" (Wireshark puts it in the TCP tree; ours is closed by then, so it follows it). */
function segmentData(pinfo: PacketInfo, x: Ctx, data: Uint8Array, at: number, n: number, retransmitted: boolean): void {
  const tree = pinfo.tree;
  if (!tree.detailed && !tree.wants(tcpFields.segment_data)) return;
  const capEnd = Math.min(at + n, x.end);
  tree.add(tcpFields.segment_data, at, capEnd - at, data.subarray(at, capEnd), 0, tree.detailed ? `[${retransmitted ? "Retransmitted " : ""}TCP segment data (${n} byte${n === 1 ? "" : "s"})]` : undefined);
}

function reassembledIn(pinfo: PacketInfo, msp: Msp | null): void {
  if (msp && msp.reassembledIn && msp.reassembledIn !== pinfo.num && !msp.partial) {
    pinfo.tree.add(tcpFields.reassembled_in, 0, 0, msp.reassembledIn, GENERATED, pinfo.tree.detailed ? `[Reassembled PDU in frame: ${msp.reassembledIn}]` : undefined);
  }
}

/** Protocol "TCP" (unless locked) and " [TCP segment of a reassembled PDU]". */
function segmentInfo(pinfo: PacketInfo, x: Ctx, info: boolean, proto: boolean): void {
  if (pinfo.inErrorPacket) return;
  if (proto && x.protoLock === null) pinfo.protocol = "TCP";
  if (info && pinfo.wantColumns) pinfo.info += pinfo.info ? " [TCP segment of a reassembled PDU]" : "[TCP segment of a reassembled PDU]";
}

/** show_fragment_tree: "[3 Reassembled TCP Segments (3101 bytes): #6(1329), #7(1418), #8(354)]". */
function fragmentTree(pinfo: PacketInfo, msp: Msp): void {
  const tree = pinfo.tree;
  const bytes = msp.bytes;
  if (!bytes) return;
  if (!tree.detailed && !tree.wants(tcpFields.segments) && !tree.wants(tcpFields.segment) && !tree.wants(tcpFields["segment.count"]) && !tree.wants(tcpFields["reassembled.length"]) && !tree.wants(tcpFields["reassembled.data"])) return;
  const pieces = msp.pieces();
  const n = bytes.length;
  const label = tree.detailed
    ? `[${pieces.length} Reassembled TCP Segment${pieces.length === 1 ? "" : "s"} (${n} byte${n === 1 ? "" : "s"}): ${pieces.map((p) => `#${p.frame}(${p.length})`).join(", ")}]`
    : undefined;
  tree.open(tcpFields.segments, 0, n, 1, label, GENERATED);
  for (const p of pieces) {
    tree.add(tcpFields.segment, p.offset, p.length, p.frame, GENERATED, tree.detailed ? `[Frame: ${p.frame}, payload: ${p.offset}-${p.offset + p.length - 1} (${p.length} byte${p.length === 1 ? "" : "s"})]` : undefined);
  }
  tree.add(tcpFields["segment.count"], 0, 0, pieces.length, GENERATED);
  tree.add(tcpFields["reassembled.length"], 0, 0, n, GENERATED);
  tree.add(tcpFields["reassembled.data"], 0, n, bytes, GENERATED);
  tree.close();
}

/** The subdissector on a reassembled PDU, in its own data source ("Reassembled TCP (N bytes)"). */
function callOnPdu(pinfo: PacketInfo, x: Ctx, msp: Msp): void {
  const bytes = msp.bytes!;
  const prev = pinfo.enterSource(pinfo.addSource(`Reassembled TCP (${bytes.length} bytes)`, bytes));
  decodePorts(bytes, 0, bytes.length, pinfo, x, true);
  pinfo.enterSource(prev);
}

/** col_set_fence + col_set_writable(COL_PROTOCOL, FALSE): another PDU follows in this segment. */
function setFence(pinfo: PacketInfo, x: Ctx): void {
  if (pinfo.inErrorPacket) return;
  x.fence = pinfo.info;
  x.protoLock = pinfo.protocol;
}

/** Largest PDU reassembly a single segment may start (Wireshark: 1 MiB). */
const MAX_PDU_START = 1024 * 1024;

/** desegment_tcp, first pass: logs what it shows so that re-dissection can replay it. */
function desegment(data: Uint8Array, pinfo: PacketInfo, x: Ctx): void {
  const frame = pinfo.num;
  const d = 2 * x.s + x.dir;
  const pdus = x.st.pdus[d] ?? (x.st.pdus[d] = new PduReassembly());
  const log = x.log;
  log.clear();
  let offset = x.start;
  let seq = x.seq;
  const nxtseq = x.nxtseq;
  const end = x.end;
  let firstPdu = true;
  // Nothing worth logging while it is one plain hand-off without a desegmentation request.
  let plain = true;

  for (;;) {
    let pdu: Msp | null = null; // the PDU this segment's bytes went to (ipfd_head, for reassembled_in)
    let completed = false;
    let lastFragmentLen = 0;
    let mustDesegment = false;
    let calledDissector = false;
    let another = 0;
    let desegOffset = offset;
    pinfo.desegmentOffset = 0;
    pinfo.desegmentLen = 0;

    let msp = pdus.lookup(seq);
    if (msp && nxtseq <= msp.nxtpdu && msp.lastFrame !== frame) {
      // Starts exactly where a known PDU starts, and fits in it: seen before.
      plain = false;
      const retransmitted = msp.firstFrame !== frame;
      if (!retransmitted) {
        if (firstPdu) segmentInfo(pinfo, x, true, false);
        log.push(Op.SEGMENT_INFO, firstPdu ? 1 : 0, 0, 0, null);
        reassembledIn(pinfo, msp);
        log.push(Op.REASSEMBLED_IN, 0, 0, 0, msp);
      }
      segmentData(pinfo, x, data, offset, x.repEnd - offset, retransmitted);
      log.push(Op.SEGMENT_DATA, offset, x.repEnd - offset, retransmitted ? 1 : 0, null);
      break;
    }
    // Retransmitted data was handed off the first time it was seen.
    if (x.taFlags & TcpAnalysis.SPURIOUS_RETRANSMISSION) {
      plain = false;
      break;
    }
    if (x.taFlags & TcpAnalysis.RETRANSMISSION) {
      plain = false;
      segmentData(pinfo, x, data, offset, x.repEnd - offset, true);
      log.push(Op.SEGMENT_DATA, offset, x.repEnd - offset, 1, null);
      break;
    }
    if (!msp) msp = pdus.lookupLE((seq - 1) >>> 0);

    if (msp && seqLE(msp.seq, seq) && seqGT(msp.nxtpdu, seq)) {
      // The segment continues a PDU: add its bytes.
      plain = false;
      pdu = msp;
      msp.lastFrame = frame;
      const len = msp.flags & MSP_ENTIRE_SEGMENT ? end - offset : Math.min((nxtseq - seq) >>> 0, (msp.nxtpdu - seq) >>> 0);
      lastFragmentLen = len;
      completed = msp.add(frame, (seq - msp.seq) >>> 0, data.subarray(offset, offset + len), seqLT(nxtseq, msp.nxtpdu));
      if (msp.flags & MSP_ENTIRE_SEGMENT) {
        msp.flags &= ~MSP_ENTIRE_SEGMENT;
        // It took the whole segment, so no other PDU starts inside it.
        if (seqLT(msp.nxtpdu, nxtseq)) msp.nxtpdu = nxtseq;
      }
      if (msp.nxtpdu < nxtseq && msp.nxtpdu >= seq && len > 0) another = (msp.nxtpdu - seq) >>> 0;
    } else {
      // Not part of a known PDU: the subdissector gets it. (A plain hand-off,
      // the common case, is not logged: re-dissection repeats it by default.)
      if (!plain) log.push(Op.CALL_FRAME, offset, 0, 0, null);
      decodePorts(data, offset, end, pinfo, x, true);
      calledDissector = true;
      if (pinfo.desegmentLen) {
        if (plain) log.push(Op.CALL_FRAME, offset, 0, 0, null);
        plain = false;
        mustDesegment = true;
        desegOffset = offset + pinfo.desegmentOffset;
      }
    }

    if (completed && pdu) {
      const msp = pdu;
      log.push(Op.CALL_PDU, 0, 1, 0, msp);
      x.st.retention.keep(msp);
      callOnPdu(pinfo, x, msp);
      calledDissector = true;
      if (pinfo.desegmentLen) {
        // The subdissector needs more than this PDU held.
        let target = msp;
        if (pinfo.desegmentOffset === 0) {
          // It used none of it: drop the data source, keep collecting.
          pinfo.sources.pop();
          log.setLastB(0);
          msp.setPartial();
        } else if (seqLE((msp.seq + pinfo.desegmentOffset) >>> 0, seq)) {
          msp.setPartial();
        } else {
          // It used the start: the rest becomes a new PDU (split_msp).
          target = msp.splitAt(pinfo.desegmentOffset);
          pdus.insert(target);
          fragmentTree(pinfo, msp);
          log.push(Op.FRAGMENT_TREE, 0, 0, 0, msp);
        }
        if (pinfo.desegmentLen === -1) {
          // "One more segment": ask for one byte into the next one.
          const reach = (seq + (x.repEnd - offset)) >>> 0;
          target.nxtpdu = ((reach > target.nxtpdu ? reach : target.nxtpdu) + 1) >>> 0;
          target.flags |= MSP_ENTIRE_SEGMENT;
        } else if (((seq + lastFragmentLen) >>> 0) >= target.nxtpdu) {
          target.nxtpdu = (seq + lastFragmentLen + pinfo.desegmentLen) >>> 0;
        } else {
          target.nxtpdu = (target.nxtpdu + pinfo.desegmentLen) >>> 0;
        }
        another = 0;
        offset += lastFragmentLen;
        seq = (seq + lastFragmentLen) >>> 0;
        if (end - offset > 0) continue;
      } else {
        const nbytes = another > 0 ? another : x.repEnd - offset;
        segmentData(pinfo, x, data, offset, nbytes, false);
        log.push(Op.SEGMENT_DATA, offset, nbytes, 0, null);
        fragmentTree(pinfo, msp);
        log.push(Op.FRAGMENT_TREE, 0, 0, 0, msp);
      }
    }

    if (mustDesegment) {
      // Keep the bytes from where the subdissector stopped until the PDU is whole.
      const desegSeq = (seq + (desegOffset - offset)) >>> 0;
      const have = (nxtseq - desegSeq) >>> 0;
      if (have <= MAX_PDU_START) {
        const len = pinfo.desegmentLen;
        const m = pdus.store(desegSeq, len === -1 ? (nxtseq + 1) >>> 0 : (nxtseq + len) >>> 0, frame);
        if (len === -1) m.flags |= MSP_ENTIRE_SEGMENT;
        m.add(frame, 0, data.subarray(desegOffset, desegOffset + have), seqLT(nxtseq, m.nxtpdu));
        pdu = m;
      }
    }

    if (!calledDissector || pinfo.desegmentLen !== 0) {
      reassembledIn(pinfo, pdu);
      log.push(Op.REASSEMBLED_IN, 0, 0, 0, pdu);
      if (pinfo.desegmentOffset === 0) {
        // Nothing of it could be dissected yet: it is just TCP here.
        segmentInfo(pinfo, x, firstPdu, true);
        log.push(Op.SEGMENT_INFO, firstPdu ? 1 : 0, 1, 0, null);
      }
      const nbytes = another ? another : x.repEnd - desegOffset;
      segmentData(pinfo, x, data, desegOffset, nbytes, false);
      log.push(Op.SEGMENT_DATA, desegOffset, nbytes, 0, null);
    }
    pinfo.canDesegment = false;
    pinfo.desegmentOffset = 0;
    pinfo.desegmentLen = 0;
    if (another) {
      // Another PDU follows in this segment: what the columns show so far stays.
      plain = false;
      log.push(Op.FENCE, 0, 0, 0, null);
      setFence(pinfo, x);
      firstPdu = false;
      offset += another;
      seq = (seq + another) >>> 0;
      continue;
    }
    break;
  }
  if (!plain) x.st.ops.put(frame, log);
}

/** Re-dissection: shows what the first pass showed for this frame's payload, without touching state. */
function replay(data: Uint8Array, pinfo: PacketInfo, x: Ctx): void {
  const store = x.st.ops;
  const at = store.start(pinfo.num);
  if (at < 0) {
    if (x.taFlags & TcpAnalysis.RETRANSMISSION) segmentData(pinfo, x, data, x.start, x.repEnd - x.start, true);
    else if (!(x.taFlags & TcpAnalysis.SPURIOUS_RETRANSMISSION)) decodePorts(data, x.start, x.end, pinfo, x, true);
    return;
  }
  // Re-dissection only reads the store (nothing is put while visited), so the pool stays put.
  const code = store.pool;
  const n = code[at]!;
  const msps = store.mspsOf(pinfo.num);
  for (let i = 0; i < n; i++) {
    const o = at + 1 + 4 * i;
    const a = code[o + 1]!;
    const b = code[o + 2]!;
    const msp = msps?.[i] ?? null;
    switch (code[o]! as Op) {
      case Op.CALL_FRAME:
        decodePorts(data, a, x.end, pinfo, x, true);
        break;
      case Op.CALL_PDU:
        // A PDU dropped by the retention budget is not shown again.
        if (msp?.bytes) {
          callOnPdu(pinfo, x, msp);
          if (!b) pinfo.sources.pop();
        }
        break;
      case Op.SEGMENT_DATA:
        segmentData(pinfo, x, data, a, b, code[o + 3] === 1);
        break;
      case Op.REASSEMBLED_IN:
        reassembledIn(pinfo, msp);
        break;
      case Op.SEGMENT_INFO:
        segmentInfo(pinfo, x, a === 1, b === 1);
        break;
      case Op.FRAGMENT_TREE:
        if (msp) fragmentTree(pinfo, msp);
        break;
      case Op.FENCE:
        setFence(pinfo, x);
        break;
    }
  }
}

register("ip.proto", 6, tcp);
