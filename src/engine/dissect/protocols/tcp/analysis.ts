/**
 * The header's flags tree, truncated and quoted (ICMP error) headers, and
 * the SEQ/ACK analysis as Wireshark 4.0 shows it: completeness, connection
 * events, window scaling, timestamps, and the analysis flags with their
 * Info prefixes ("[TCP Retransmission] ").
 */
import type { FieldDef } from "../../field";
import { markMalformed } from "../../common";
import type { PacketInfo } from "../../packet-info";
import { GENERATED, type ProtoTree, type Severity } from "../../tree";
import { relTimeToString } from "../../format";
import { tcpFlagLetters, tcpFlagsText } from "../../tcp-flags";
import { Completeness, TcpAnalysis, type TcpConversations, TH, normDelta } from "../../../reassembly/tcp-analysis";
import { ei, tcpExpert, tcpFields, textField } from "./fields";
import type { Ctx } from "./state";

export function latin1(b: Uint8Array, start: number, end: number): string {
  let s = "";
  for (let i = start; i < end; i++) s += String.fromCharCode(b[i]!);
  return s;
}

/**
 * An option running past the end of a short segment: Wireshark's
 * ContainedBoundsError, whose message shows in the Info column.
 */
export function containedError(pinfo: PacketInfo, offset: number, capLen: number): number {
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
export function truncated(pinfo: PacketInfo, offset: number, capLen: number, open: boolean, closeLen?: number): number {
  if (!pinfo.inErrorPacket) markMalformed(pinfo, "TCP", offset + capLen, "TCP header truncated");
  if (open) pinfo.tree.close(closeLen);
  return Math.max(capLen, 1);
}

export function addFlagsTree(tree: ProtoTree, offset: number, flags: number): void {
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
export function updateCompleteness(c: TcpConversations, s: number, isNew: boolean, flags: number, seglen: number): void {
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
export function connectionEvents(pinfo: PacketInfo, x: Ctx, offset: number): void {
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
export function verifyWindowScaling(c: TcpConversations, f: number, r: number, synAck: boolean): void {
  if (c.winScale[f] === -1) {
    c.winScale[f] = -2;
    c.winScale[r] = -2;
  } else if (synAck && c.winScale[r] === -2) {
    c.winScale[f] = -2;
  }
}

export function addTimestamps(pinfo: PacketInfo, c: TcpConversations, s: number, frame: number): void {
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
export function printAnalysis(pinfo: PacketInfo, x: Ctx): void {
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
