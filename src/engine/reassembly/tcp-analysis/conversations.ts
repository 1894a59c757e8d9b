/**
 * TcpConversations: per-stream, per-direction and per-frame typed-array
 * columns, and the SEQ/ACK analysis of one segment in Wireshark's order
 * (get_tcp_conversation_data, tcp_analyze_sequence_number).
 */
import { EndpointPairTable } from "../endpoint-table";
import { FrameColumnF64, FrameColumnI32, FrameColumnU32 } from "../frame-columns";
import {
  F_ACKED,
  F_ANALYSIS_MASK,
  F_RTO,
  F_TA,
  MAX_UNACKED,
  S_BASE_SEQ_SET,
  S_SAW_SYN,
  S_SAW_SYNACK,
  seqGT,
  seqLE,
  seqLT,
  TcpAnalysis,
  TH,
} from "./flags";
import { AckedRecord, diffNs, grown, normDelta, SegmentList } from "./records";

export class TcpConversations {
  readonly pairs = new EndpointPairTable();
  /** Number of streams (Wireshark's tcp_stream_count). */
  count = 0;
  private cap = 0;
  private dcap = 0;

  // Per stream.
  setupFrame = new Uint32Array(0);
  prevSameKey = new Int32Array(0);
  completeness = new Uint8Array(0);
  serverPort = new Uint16Array(0);
  firstSec = new Float64Array(0);
  firstNsec = new Int32Array(0);
  prevSec = new Float64Array(0);
  prevNsec = new Int32Array(0);
  synSec = new Float64Array(0);
  synNsec = new Int32Array(0);
  irttSec = new Float64Array(0);
  irttNsec = new Int32Array(0);

  // Per direction (2s + d).
  baseSeq = new Uint32Array(0);
  staticFlags = new Uint8Array(0);
  winScale = new Int8Array(0);
  window = new Uint32Array(0);
  isFirstAck = new Uint8Array(0);
  validBif = new Uint8Array(0);
  pushBytes = new Uint32Array(0);
  pushSetLast = new Uint8Array(0);
  closingInitiator = new Uint8Array(0);
  lastSegmentFlags = new Uint32Array(0);
  nextSeq = new Uint32Array(0);
  nextSeqFrame = new Uint32Array(0);
  nextSeqSec = new Float64Array(0);
  nextSeqNsec = new Int32Array(0);
  maxSeqToBeAcked = new Uint32Array(0);
  lastAck = new Uint32Array(0);
  lastAckSec = new Float64Array(0);
  lastAckNsec = new Int32Array(0);
  lastNonDupAck = new Uint32Array(0);
  dupAckNum = new Int32Array(0);
  numSack = new Uint8Array(0);
  /** SACK edges of the direction's latest packet: [le1, re1, le2, re2, le3, re3] (relative). */
  sack = new Uint32Array(0);
  unacked = new Int32Array(0);

  private readonly lists: SegmentList[] = [];
  private readonly freeLists: number[] = [];

  // Per frame, for re-dissection.
  readonly frameFlags = new FrameColumnU32();
  readonly frameAcked = new FrameColumnU32();
  readonly frameRtt = new FrameColumnF64();
  readonly frameBif = new FrameColumnU32();
  readonly framePush = new FrameColumnU32();
  readonly frameDeltaSec = new FrameColumnF64();
  readonly frameDeltaNsec = new FrameColumnI32();
  readonly frameDupAck = new FrameColumnU32();
  readonly frameDupAckFrame = new FrameColumnU32();
  readonly frameRtoSec = new FrameColumnF64();
  readonly frameRtoNsec = new FrameColumnI32();
  readonly frameRtoFrame = new FrameColumnU32();

  /** The current packet's analysis (valid after analyze() or load()). */
  readonly ta = new AckedRecord();

  private grow(): void {
    const cap = Math.max(1024, this.cap * 2);
    this.setupFrame = grown(this.setupFrame, cap);
    this.prevSameKey = grown(this.prevSameKey, cap);
    this.completeness = grown(this.completeness, cap);
    this.serverPort = grown(this.serverPort, cap);
    this.firstSec = grown(this.firstSec, cap);
    this.firstNsec = grown(this.firstNsec, cap);
    this.prevSec = grown(this.prevSec, cap);
    this.prevNsec = grown(this.prevNsec, cap);
    this.synSec = grown(this.synSec, cap);
    this.synNsec = grown(this.synNsec, cap);
    this.irttSec = grown(this.irttSec, cap);
    this.irttNsec = grown(this.irttNsec, cap);
    this.cap = cap;
    const d = cap * 2;
    this.baseSeq = grown(this.baseSeq, d);
    this.staticFlags = grown(this.staticFlags, d);
    this.winScale = grown(this.winScale, d);
    this.window = grown(this.window, d);
    this.isFirstAck = grown(this.isFirstAck, d);
    this.validBif = grown(this.validBif, d);
    this.pushBytes = grown(this.pushBytes, d);
    this.pushSetLast = grown(this.pushSetLast, d);
    this.closingInitiator = grown(this.closingInitiator, d);
    this.lastSegmentFlags = grown(this.lastSegmentFlags, d);
    this.nextSeq = grown(this.nextSeq, d);
    this.nextSeqFrame = grown(this.nextSeqFrame, d);
    this.nextSeqSec = grown(this.nextSeqSec, d);
    this.nextSeqNsec = grown(this.nextSeqNsec, d);
    this.maxSeqToBeAcked = grown(this.maxSeqToBeAcked, d);
    this.lastAck = grown(this.lastAck, d);
    this.lastAckSec = grown(this.lastAckSec, d);
    this.lastAckNsec = grown(this.lastAckNsec, d);
    this.lastNonDupAck = grown(this.lastNonDupAck, d);
    this.dupAckNum = grown(this.dupAckNum, d);
    this.numSack = grown(this.numSack, d);
    this.sack = grown(this.sack, d * 6);
    this.unacked = grown(this.unacked, d);
    this.dcap = d;
  }

  /**
   * A new conversation for the prepared endpoint pair (Wireshark's
   * conversation_new + init_tcp_conversation_data): the next stream index.
   */
  create(frame: number, sec: number, nsec: number): number {
    if (this.count === this.cap) this.grow();
    const s = this.count++;
    const prev = this.pairs.get();
    this.pairs.set(s);
    this.setupFrame[s] = frame;
    this.prevSameKey[s] = prev;
    this.firstSec[s] = this.prevSec[s] = sec;
    this.firstNsec[s] = this.prevNsec[s] = nsec;
    for (let d = 2 * s; d < 2 * s + 2; d++) {
      this.winScale[d] = -1; // pinfo->src_win_scale: not known
      this.window[d] = 0xffffffff;
      this.validBif[d] = 1;
      this.unacked[d] = -1;
    }
    return s;
  }

  /** Whether direction `d`'s initial sequence number is known. */
  baseSeqSet(d: number): boolean {
    return (this.staticFlags[d]! & S_BASE_SEQ_SET) !== 0;
  }

  /**
   * The conversation of the prepared endpoint pair that was current at
   * `frame` (the latest one set up at or before it), or -1.
   */
  find(frame: number): number {
    let s = this.pairs.get();
    while (s >= 0 && this.setupFrame[s]! > frame) s = this.prevSameKey[s]!;
    return s;
  }

  /** Wireshark's tcp_calculate_timestamps: the delta since the stream's previous packet. */
  stampDelta(s: number, frame: number, sec: number, nsec: number): void {
    let dSec = sec - this.prevSec[s]!;
    let dNsec = nsec - this.prevNsec[s]!;
    if (dSec > 0 && dNsec < 0) {
      dSec -= 1;
      dNsec += 1e9;
    } else if (dSec < 0 && dNsec > 0) {
      dSec += 1;
      dNsec -= 1e9;
    }
    this.frameDeltaSec.set(frame, dSec);
    this.frameDeltaNsec.set(frame, dNsec);
    this.prevSec[s] = sec;
    this.prevNsec[s] = nsec;
  }

  private list(d: number): SegmentList {
    let id = this.unacked[d]!;
    if (id < 0) {
      id = this.freeLists.pop() ?? this.lists.push(new SegmentList()) - 1;
      this.unacked[d] = id;
    }
    return this.lists[id]!;
  }

  private release(d: number): void {
    const id = this.unacked[d]!;
    if (id >= 0 && this.lists[id]!.n === 0) {
      this.freeLists.push(id);
      this.unacked[d] = -1;
    }
  }

  private touch(): AckedRecord {
    this.ta.exists = true;
    return this.ta;
  }

  /**
   * tcp_analyze_sequence_number: classifies the segment (raw seq/ack, raw
   * window) from direction `fwd` of stream `s` and updates both directions.
   * `ta` must have been cleared (or hold REUSED_PORTS) by the caller.
   */
  analyze(s: number, fwd: number, frame: number, sec: number, nsec: number, seq: number, ack: number, seglen: number, flags: number, window: number): void {
    const f = 2 * s + fwd;
    const r = 2 * s + (fwd ^ 1);
    const ta = this.ta;

    // Relative numbers start at 0 with the SYN, or at 1 when the SYN was not
    // captured (Wireshark bug 1542).
    if (!(this.staticFlags[f]! & S_BASE_SEQ_SET)) {
      if (flags & TH.SYN) {
        this.baseSeq[f] = seq;
        this.staticFlags[f]! |= flags & TH.ACK ? S_SAW_SYNACK : S_SAW_SYN;
      } else {
        this.baseSeq[f] = (seq - 1) >>> 0;
      }
      this.staticFlags[f]! |= S_BASE_SEQ_SET;
    }
    // The peer's ISN comes from the first ACK seen (a SYN's ack field may hold garbage).
    if (!(this.staticFlags[r]! & S_BASE_SEQ_SET) && flags & TH.ACK) {
      this.baseSeq[r] = (ack - 1) >>> 0;
      this.staticFlags[r]! |= S_BASE_SEQ_SET;
    }
    if (flags & TH.ACK) this.validBif[r] = 1;

    const nextseq = this.nextSeq[f]!;
    const noSynFinRst = (flags & (TH.SYN | TH.FIN | TH.RST)) === 0;
    let skipToFinished = false;

    // Zero window probe: exactly one byte at the expected seq into a closed window (RFC 9293 §3.8.6.1).
    if (seglen === 1 && seq === nextseq && this.window[r] === 0) {
      this.touch().flags |= TcpAnalysis.ZERO_WINDOW_PROBE;
      skipToFinished = true;
    }
    if (!skipToFinished) {
      if (window === 0 && noSynFinRst) this.touch().flags |= TcpAnalysis.ZERO_WINDOW;

      // A segment beyond the highest seq seen: something in between was not captured.
      if (nextseq && seqGT(seq, nextseq) && (flags & TH.RST) === 0) {
        this.touch().flags |= TcpAnalysis.LOST_PACKET;
        this.validBif[f] = 0; // until the peer ACKs again
      }

      // Keep-alive: 0 or 1 byte one below the next expected seq (RFC 9293 §3.8.4).
      if ((seglen === 0 || seglen === 1) && seq === ((nextseq - 1) >>> 0) && noSynFinRst) {
        this.touch().flags |= TcpAnalysis.KEEP_ALIVE;
      }

      // Window update: an empty segment repeating seq/ack with a new, non-zero window size.
      if (seglen === 0 && window && window !== this.window[f] && seq === nextseq && ack === this.lastAck[f] && noSynFinRst) {
        this.touch().flags |= TcpAnalysis.WINDOW_UPDATE;
      }

      // Window full: data reaching exactly the right edge of the peer's advertised window size.
      if (seglen > 0 && this.winScale[r] !== -1 && noSynFinRst) {
        const shift = this.isFirstAck[r] ? 0 : this.winScale[r] === -2 ? 0 : this.winScale[r]!;
        const edge = (this.lastAck[r]! + ((this.window[r]! << shift) >>> 0)) >>> 0;
        if (((seq + seglen) >>> 0) === edge) this.touch().flags |= TcpAnalysis.WINDOW_FULL;
      }

      const repeatsAck = seglen === 0 && window === this.window[f] && seq === nextseq && ack === this.lastAck[f] && noSynFinRst;
      if (repeatsAck && window && this.lastSegmentFlags[r]! & TcpAnalysis.KEEP_ALIVE) {
        this.touch().flags |= TcpAnalysis.KEEP_ALIVE_ACK;
        skipToFinished = true;
      } else if (repeatsAck && window === 0 && this.lastSegmentFlags[r]! & TcpAnalysis.ZERO_WINDOW_PROBE) {
        this.touch().flags |= TcpAnalysis.ZERO_WINDOW_PROBE_ACK;
        skipToFinished = true;
      } else if (repeatsAck && window) {
        // Duplicate ACK (RFC 5681 §2): an ACK-only segment repeating the previous one.
        const n = this.dupAckNum[f] === -1 ? 1 : this.dupAckNum[f]! + 1; // -1: after an "ACKed unseen segment"
        this.dupAckNum[f] = n;
        const t = this.touch();
        t.flags |= TcpAnalysis.DUPLICATE_ACK;
        t.dupAckNum = n;
        t.dupAckFrame = this.lastNonDupAck[f]!;
      }
    }

    // finished_fwd: a new ack number resets the duplicate-ACK count.
    if (ack !== this.lastAck[f]) {
      this.lastNonDupAck[f] = frame;
      this.dupAckNum[f] = 0;
    }

    // ACKed unseen segment: the ack covers data of the peer we never saw.
    // When the peer's contiguous edge lags its highest seq (a hole is
    // known), the edge jumps there so the hole is reported once; otherwise
    // one report per burst of the peer's pure ACKs, remembered as dupack -1.
    // (Wireshark 4.0 compares edge < highest here; later versions use >.)
    const maxr = this.maxSeqToBeAcked[r]!;
    if (maxr && seqGT(ack, maxr) && flags & TH.ACK) {
      const t = this.touch();
      if (maxr < this.nextSeq[r]!) {
        this.maxSeqToBeAcked[r] = this.nextSeq[r]!;
        t.flags |= TcpAnalysis.ACK_LOST_PACKET;
      } else {
        if (this.dupAckNum[r] === 0) t.flags |= TcpAnalysis.ACK_LOST_PACKET;
        this.dupAckNum[r] = -1;
      }
    }

    // Retransmission / fast retransmission / spurious / out-of-order: a segment
    // carrying data (or SYN/FIN) that does not advance the sequence number.
    if (seglen > 0 || flags & (TH.SYN | TH.FIN)) {
      let notAdvanced = nextseq !== 0 && seqLT(seq, nextseq);
      classify: {
        if (ta.exists && ta.flags & TcpAnalysis.KEEP_ALIVE) break classify;
        // One byte below nextseq with more than one byte: new data after a zero window probe.
        if (seglen > 1 && ((nextseq - 1) >>> 0) === seq) notAdvanced = false;

        // All of it was already acknowledged by the peer: spurious.
        const lastAckR = this.lastAck[r]!;
        if (seglen > 0 && lastAckR && seqLE((seq + seglen) >>> 0, lastAckR)) {
          this.touch().flags |= TcpAnalysis.SPURIOUS_RETRANSMISSION;
          break classify;
        }
        // Fast retransmission (RFC 5681 §3.2): ≥ 2 dup ACKs for this seq within 20 ms.
        const tAck = diffNs(sec, nsec, this.lastAckSec[r]!, this.lastAckNsec[r]!);
        if (notAdvanced && this.dupAckNum[r]! >= 2 && lastAckR === seq && tAck >= 0 && tAck < 20e6) {
          this.touch().flags |= TcpAnalysis.FAST_RETRANSMISSION;
          break classify;
        }
        // Out-of-order: close (within the iRTT, or 3 ms before it is known) to the highest segment.
        const tSeq = diffNs(sec, nsec, this.nextSeqSec[f]!, this.nextSeqNsec[f]!);
        const irtt = this.irttSec[s]! === 0 && this.irttNsec[s]! === 0 ? 3e6 : this.irttSec[s]! * 1e9 + this.irttNsec[s]!;
        const end = (seq + seglen + (flags & (TH.SYN | TH.FIN) ? 1 : 0)) >>> 0;
        if (notAdvanced && tSeq >= 0 && tSeq < irtt && nextseq !== end) {
          this.touch().flags |= TcpAnalysis.OUT_OF_ORDER;
          break classify;
        }
        if (notAdvanced) {
          const t = this.touch();
          t.flags |= TcpAnalysis.RETRANSMISSION;
          // RTO: from the oldest unacknowledged segment, else the highest one.
          let rs = this.nextSeqSec[f]!;
          let rn = this.nextSeqNsec[f]!;
          t.rtoFrame = this.nextSeqFrame[f]!;
          const id = this.unacked[f]!;
          if (id >= 0 && this.lists[id]!.n > 0) {
            const l = this.lists[id]!;
            rs = l.sec[0]!;
            rn = l.nsec[0]!;
            t.rtoFrame = l.frame[0]!;
          }
          const d = normDelta(sec - rs, nsec - rn);
          t.rtoSec = d[0];
          t.rtoNsec = d[1];
        }
      }
    }

    // finished_checking_retransmission_type
    let nxt = (seq + seglen) >>> 0;
    if (seglen || flags & (TH.SYN | TH.FIN)) {
      const l = this.list(f);
      // Only MAX_UNACKED segments are tracked (the ACKs may not be in the capture).
      if (l.n < MAX_UNACKED) {
        if (flags & (TH.SYN | TH.FIN)) nxt = (nxt + 1) >>> 0; // SYN and FIN take one sequence number
        l.push(frame, seq, nxt, sec, nsec);
      }
    }
    const zwp = ta.exists && (ta.flags & TcpAnalysis.ZERO_WINDOW_PROBE) !== 0;
    // The highest seq seen so far, to spot holes; a zero window probe does not advance it.
    if (seqGT(nxt, this.nextSeq[f]!) || !this.nextSeq[f]) {
      if (!zwp) {
        this.nextSeq[f] = nxt;
        this.nextSeqFrame[f] = frame;
        this.nextSeqSec[f] = sec;
        this.nextSeqNsec[f] = nsec;
      }
    }
    // The highest contiguous seq, for "ACKed unseen segment".
    if (seq === this.maxSeqToBeAcked[f] || !this.maxSeqToBeAcked[f]) {
      if (!zwp) this.maxSeqToBeAcked[f] = this.nextSeq[f]!;
    }

    this.window[f] = window;
    this.lastAck[f] = ack;
    this.lastAckSec[f] = sec;
    this.lastAckNsec[f] = nsec;
    this.lastSegmentFlags[f] = ta.exists ? ta.flags : 0;

    // Drop the peer's segments this ACK covers; an exact match gives acks_frame and the RTT.
    const rid = this.unacked[r]!;
    if (rid >= 0) {
      const l = this.lists[rid]!;
      for (let i = l.n - 1; i >= 0; i--) {
        const next = l.next[i]!;
        if (ack === next) {
          const t = this.touch();
          t.hasAcked = true;
          t.ackedFrame = l.frame[i]!;
          const d = normDelta(sec - l.sec[i]!, nsec - l.nsec[i]!);
          t.rttSec = d[0];
          t.rttNsec = d[1];
        } else if (seqGT(ack, l.seq[i]!) && seqLE(ack, next)) {
          l.seq[i] = ack; // partly acknowledged
          continue;
        } else if (seqGT(next, ack)) {
          continue;
        }
        l.remove(i);
      }
      this.release(r);
    }

    // Bytes in flight (the historical, payload-based method): the span of the
    // unacknowledged segments, less what the peer's latest SACK blocks (RFC 2018) cover.
    if (seglen !== 0 && this.validBif[f]) {
      const id = this.unacked[f]!;
      const l = id >= 0 ? this.lists[id]! : null;
      if (l && l.n > 0) {
        const base = this.baseSeq[f]!;
        let first = (l.seq[l.n - 1]! - base) >>> 0;
        let last = (l.next[l.n - 1]! - base) >>> 0;
        for (let i = l.n - 1; i >= 0; i--) {
          const a = (l.seq[i]! - base) >>> 0;
          const b = (l.next[i]! - base) >>> 0;
          if (b > last) last = b;
          if (a < first) first = a;
        }
        let inFlight = (last - first) >>> 0;
        const n = this.numSack[r]!;
        let delivered = 0;
        for (let i = 0; i < n; i++) delivered = (delivered + (this.sack[r * 6 + 2 * i + 1]! - this.sack[r * 6 + 2 * i]!)) >>> 0;
        inFlight = (inFlight - delivered) >>> 0;
        const t = this.touch();
        if (inFlight > 0 && inFlight < 2000000000) {
          t.bytesInFlight = inFlight;
          if (flags & (TH.SYN | TH.FIN)) t.bytesInFlight = (t.bytesInFlight - 1) >>> 0; // SYN/FIN are not bytes
        }
        // Bytes sent since the last PSH.
        const push = (flags & TH.PUSH) !== 0;
        if (push && !this.pushSetLast[f]) {
          this.pushBytes[f] = (this.pushBytes[f]! + seglen) >>> 0;
          this.pushSetLast[f] = 1;
        } else if (push) {
          this.pushBytes[f] = seglen;
        } else if (this.pushSetLast[f]) {
          this.pushBytes[f] = seglen;
          this.pushSetLast[f] = 0;
        } else {
          this.pushBytes[f] = (this.pushBytes[f]! + seglen) >>> 0;
        }
        t.pushBytesSent = this.pushBytes[f]!;
      }
    }
  }

  /** Records the current packet's analysis for re-dissection. */
  save(frame: number): void {
    const t = this.ta;
    if (!t.exists) return;
    const rto = t.rtoSec !== 0 || t.rtoNsec !== 0;
    this.frameFlags.set(frame, (t.flags & F_ANALYSIS_MASK) | F_TA | (t.hasAcked ? F_ACKED : 0) | (rto ? F_RTO : 0));
    if (t.hasAcked) {
      this.frameAcked.set(frame, t.ackedFrame);
      this.frameRtt.set(frame, t.rttSec * 1e9 + t.rttNsec);
    }
    if (t.bytesInFlight) {
      this.frameBif.set(frame, t.bytesInFlight);
      this.framePush.set(frame, t.pushBytesSent);
    }
    if (t.dupAckNum) {
      this.frameDupAck.set(frame, t.dupAckNum);
      this.frameDupAckFrame.set(frame, t.dupAckFrame);
    }
    if (rto) {
      this.frameRtoSec.set(frame, t.rtoSec);
      this.frameRtoNsec.set(frame, t.rtoNsec);
      this.frameRtoFrame.set(frame, t.rtoFrame);
    }
  }

  /** Loads a frame's analysis recorded by `save` into `ta` (re-dissection). */
  load(frame: number): void {
    const t = this.ta;
    t.clear();
    const v = this.frameFlags.get(frame);
    if (!(v & F_TA)) return;
    t.exists = true;
    t.flags = v & F_ANALYSIS_MASK;
    if (v & F_ACKED) {
      t.hasAcked = true;
      t.ackedFrame = this.frameAcked.get(frame);
      const ns = this.frameRtt.get(frame);
      t.rttSec = Math.trunc(ns / 1e9);
      t.rttNsec = ns - t.rttSec * 1e9;
    }
    t.bytesInFlight = this.frameBif.get(frame);
    t.pushBytesSent = this.framePush.get(frame);
    t.dupAckNum = this.frameDupAck.get(frame);
    t.dupAckFrame = this.frameDupAckFrame.get(frame);
    if (v & F_RTO) {
      t.rtoSec = this.frameRtoSec.get(frame);
      t.rtoNsec = this.frameRtoNsec.get(frame);
      t.rtoFrame = this.frameRtoFrame.get(frame);
    }
  }

  /** Directions allocated (for tests and memory accounting). */
  get directions(): number {
    return this.dcap;
  }
}
