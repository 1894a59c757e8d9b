/**
 * The payload: handing it to the next dissector (conversation, ports,
 * heuristics, as Wireshark 4.0 tries them) and desegmentation, the contract
 * by which a dissector asks for more bytes and TCP reassembles PDUs that
 * span segments; on the second pass the recorded steps are replayed.
 */
import { heuristicsFor, table, type Dissector } from "../../dissector";
import { dissectData } from "../../common";
import { type Expectation, matchConversation } from "../../conversation";
import type { PacketInfo } from "../../packet-info";
import { GENERATED } from "../../tree";
import { TcpAnalysis, seqGT, seqLE, seqLT } from "../../../reassembly/tcp-analysis";
import { type Msp, MSP_ENTIRE_SEGMENT, PduReassembly } from "../../../reassembly/tcp-streams";
import { tcpFields } from "./fields";
import { type Ctx, Op, type TcpState } from "./state";

/**
 * Binds a new stream to a conversation another protocol announced with a
 * wildcard side (FTP's PORT/PASV/EPRT/EPSV, all NO_PORT2 in Wireshark 4.0).
 * Wireshark looks conversations up among the announcements whose wildcard is
 * still open (a filled one has moved to its exact table) and fills the
 * wildcard in only when the packet goes *to* the fixed side: a PORT's
 * connection opens with a SYN *from* the server's port 20, so it is filled
 * by the SYN-ACK (conversation.c, find_conversation: the second port is set
 * on a reversed no-port2 match only). From then on it is that connection's.
 */
export function bindConversation(pinfo: PacketInfo, st: TcpState, s: number): Binding {
  const e = openAnnouncement(pinfo, st);
  if (!e) return Binding.NONE;
  if (e.addrB === null || e.portB === null) {
    // An open announcement another connection's first packets were found by
    // holds that connection's TCP state: to Wireshark this SYN, with another
    // initial sequence number, reuses its ports; it starts a conversation of
    // its own, without the announcement.
    if (st.owner.has(e)) return Binding.REUSED;
    attachWildcard(pinfo, st, s, e);
  }
  return Binding.FOUND;
}

/** What bindConversation found for a new stream. */
export const enum Binding {
  /** Nothing announced: TCP creates the conversation. */
  NONE,
  /** An announcement: the conversation is found, not created. */
  FOUND,
  /** An open announcement that another connection's state is kept in (see bindConversation). */
  REUSED,
}

/** The newest announcement the packet matches among those whose wildcard is still open (Wireshark's wildcard tables). */
function openAnnouncement(pinfo: PacketInfo, st: TcpState): Expectation | undefined {
  return matchConversation(pinfo, "tcp", (x) => st.taken.has(x));
}

function attachWildcard(pinfo: PacketInfo, st: TcpState, s: number, e: Expectation): void {
  st.bound.set(s, e);
  if (fromFixedSide(pinfo, e)) {
    st.unfilled.set(s, e);
    st.owner.set(e, s);
  } else {
    st.taken.add(e);
    st.owner.delete(e);
  }
}

function fromFixedSide(pinfo: PacketInfo, e: Expectation): boolean {
  return pinfo.srcPort === e.portA && pinfo.netSrc === e.addrA;
}

/**
 * A packet of stream `s` while its wildcard is open: Wireshark finds the
 * newest open announcement of the same fixed side, which is another one when
 * a later PORT from the same client came in meanwhile. That conversation has
 * no TCP data yet, so Wireshark starts a new tcp.stream there, mid-connection
 * (its SYN in one stream, the SYN-ACK and the rest in the next; the new
 * stream never saw the window scale). We number streams as tshark does, so
 * that `tcp.stream eq N` selects the same packets in both; the FTP analysis
 * links the data connection by its endpoints either way. Returns the
 * announcement that takes the packet into a new stream, else null (and fills
 * the stream's wildcard in when the packet goes to the fixed side).
 */
export function recheckWildcard(pinfo: PacketInfo, st: TcpState, s: number): Expectation | null {
  const w = st.unfilled.get(s);
  if (!w) return null;
  const e = openAnnouncement(pinfo, st);
  if (e && e !== w) {
    st.unfilled.delete(s);
    return e;
  }
  if (!fromFixedSide(pinfo, w)) {
    st.unfilled.delete(s);
    st.taken.add(w);
    st.owner.delete(w);
  }
  return null;
}

/** Binds stream `s`, just started by recheckWildcard, to the announcement that took its packet. */
export function rebindWildcard(pinfo: PacketInfo, st: TcpState, s: number, e: Expectation): void {
  if (e.addrB === null || e.portB === null) attachWildcard(pinfo, st, s, e);
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
export function dissectPayload(data: Uint8Array, pinfo: PacketInfo, x: Ctx): void {
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

/**
 * tcp.reassembled_in. Where desegment_tcp finds the PDU starting at the
 * segment (`found`), it asks fragment_get, which also tells a reassembly
 * the subdissector found short; elsewhere a partial one is not shown.
 */
function reassembledIn(pinfo: PacketInfo, msp: Msp | null, found = false): void {
  if (msp && msp.reassembledIn && msp.reassembledIn !== pinfo.num && (found || !msp.partial)) {
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
    let callOp = -1; // the CALL_FRAME op of this PDU's hand-off
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
        reassembledIn(pinfo, msp, true);
        log.push(Op.REASSEMBLED_IN, 1, 0, 0, msp);
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
      if (!plain) {
        callOp = log.n;
        log.push(Op.CALL_FRAME, offset, 0, 0, null);
      }
      decodePorts(data, offset, end, pinfo, x, true);
      calledDissector = true;
      if (pinfo.desegmentLen) {
        if (plain) {
          callOp = log.n;
          log.push(Op.CALL_FRAME, offset, 0, 0, null);
        }
        plain = false;
        mustDesegment = true;
        desegOffset = offset + pinfo.desegmentOffset;
      }
    }

    if (completed && pdu) {
      const msp = pdu;
      log.push(Op.CALL_PDU, 0, 1, firstPdu ? 1 : 0, msp);
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
        if (desegOffset === offset) log.setC(callOp, 1, m);
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
  // The PDU a skipped call had started, which desegment_tcp found instead.
  let found: Msp | null = null;
  for (let i = 0; i < n; i++) {
    const o = at + 1 + 4 * i;
    const a = code[o + 1]!;
    const b = code[o + 2]!;
    const msp = msps?.[i] ?? null;
    switch (code[o]! as Op) {
      case Op.CALL_FRAME:
        // A second pass of desegment_tcp finds the PDU this call started
        // where it starts ("have we seen this PDU before?") and shows the
        // bytes as segment data without calling the subdissector: the
        // message's columns and fields are the completing frame's, not
        // those the first pass wrote before asking for more (tshark -2).
        if (code[o + 3] === 1 && msp && seqLE(x.nxtseq, msp.nxtpdu)) {
          found = msp;
          break;
        }
        decodePorts(data, a, x.end, pinfo, x, true);
        break;
      case Op.CALL_PDU:
        // A PDU dropped by the retention budget is not shown again.
        if (!msp?.bytes) break;
        if (msp.reassembledIn !== pinfo.num) {
          // A PDU completed here but then found short (partial reassembly)
          // and completed again later: fragment_add on a second pass gives
          // it to the frame it was last reassembled in only, so here the
          // subdissector is not called and the segment is just TCP's.
          if (b) segmentInfo(pinfo, x, code[o + 3] === 1, true);
          break;
        }
        callOnPdu(pinfo, x, msp);
        if (!b) pinfo.sources.pop();
        break;
      case Op.SEGMENT_DATA:
        segmentData(pinfo, x, data, a, b, code[o + 3] === 1);
        break;
      case Op.REASSEMBLED_IN:
        reassembledIn(pinfo, msp, a === 1 || (msp !== null && msp === found));
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
