/**
 * Per-direction TCP byte-stream bookkeeping:
 *
 * - `PduReassembly`: multi-segment PDUs for desegmentation (Wireshark's
 *   multisegment_pdus tree plus the tcp_reassembly_table fragments): a
 *   subdissector that needs more bytes than a segment holds gets a PDU record
 *   (`Msp`) starting at the first byte it could not dissect; later segments
 *   add their bytes until the PDU is whole, in the frame that completes it.
 * - `TcpFollower`: the byte stream of each direction as Follow TCP Stream
 *   shows it: chunks in arrival order with their frame numbers, retransmitted
 *   bytes dropped, out-of-order bytes held back until the hole is filled, and
 *   holes the peer acknowledged reported as gaps with their byte counts.
 *
 * Sequence numbers here are the dissector's relative ones (RFC 9293 §3.4
 * arithmetic modulo 2^32).
 */
import { seqGT, seqLT } from "./tcp-analysis";

/** Wireshark's MSP_FLAGS_REASSEMBLE_ENTIRE_SEGMENT: the subdissector asked for "one more segment". */
export const MSP_ENTIRE_SEGMENT = 1;

export interface PduFragment {
  readonly frame: number;
  /** Offset of these bytes in the PDU. */
  readonly offset: number;
  readonly length: number;
  /** Copied bytes (frame buffers are reused); dropped once the PDU is whole. */
  data: Uint8Array | null;
}

/** One multi-segment PDU (tcp_multisegment_pdu + its fragment_head). */
export class Msp {
  flags = 0;
  lastFrame: number;
  /** Fragments in offset order (a new one goes after those with the same offset). */
  readonly frags: PduFragment[] = [];
  /** Total length once the tail fragment was added, else -1. */
  private datalen = -1;
  /** Frame whose segment completed the PDU, 0 until then. */
  reassembledIn = 0;
  /** Complete, but the subdissector asked for more: the next fragment re-opens it (FD_PARTIAL_REASSEMBLY). */
  partial = false;
  /** The reassembled PDU, kept for re-dissection of `reassembledIn`. */
  bytes: Uint8Array | null = null;
  /** The reassembled bytes were let go (memory budget): the PDU is closed for good. */
  dropped = false;

  constructor(
    /** Sequence number of the PDU's first byte. */
    readonly seq: number,
    /** Sequence number just past the PDU, as far as known. */
    public nxtpdu: number,
    /** Frame of the segment the PDU starts in. */
    public firstFrame: number,
  ) {
    this.lastFrame = firstFrame;
  }

  get complete(): boolean {
    return this.bytes !== null && !this.partial;
  }

  /**
   * fragment_add: adds `data` (copied) at `offset`; `more` is false for the
   * tail. Returns true when this fragment completes the PDU (then `bytes` and
   * `reassembledIn` are set). Returns false, changing nothing, when the PDU
   * was already complete and this would only overlap it (Wireshark raises a
   * reassembly error there; TCP flags such segments as retransmissions).
   */
  add(frame: number, offset: number, data: Uint8Array, more: boolean): boolean {
    if (this.dropped) return false;
    if (this.bytes) {
      if (!this.partial || offset + data.length <= this.bytes.length) return false;
      // Re-open: keep what we have as fragments, forget the length.
      for (const f of this.frags) if (!f.data) f.data = this.bytes.subarray(f.offset, Math.min(f.offset + f.length, this.bytes.length));
      this.bytes = null;
      this.partial = false;
      this.datalen = -1;
      this.reassembledIn = 0;
    }
    if (!more && this.datalen < 0) this.datalen = offset + data.length;
    const frag: PduFragment = { frame, offset, length: data.length, data: data.slice() };
    let i = this.frags.length;
    while (i > 0 && this.frags[i - 1]!.offset > offset) i--;
    this.frags.splice(i, 0, frag);
    if (this.datalen < 0) return false;
    let max = 0;
    for (const f of this.frags) if (f.offset <= max && f.offset + f.length > max) max = f.offset + f.length;
    if (max < this.datalen) return false;
    // fragment_defragment: bytes already placed win over later overlapping ones.
    const out = new Uint8Array(this.datalen);
    let pos = 0;
    for (const f of this.frags) {
      const end = Math.min(f.offset + f.length, this.datalen);
      if (end > pos && f.data) {
        out.set(f.data.subarray(pos - f.offset, end - f.offset), pos);
        pos = end;
      }
      f.data = null;
    }
    this.bytes = out;
    this.reassembledIn = frame;
    return true;
  }

  /** Lets the reassembled bytes go (a completed PDU waiting for more keeps them). */
  drop(): void {
    if (this.partial || !this.bytes) return;
    this.bytes = null;
    this.dropped = true;
  }

  /** fragment_set_partial_reassembly: complete, but more bytes are needed. */
  setPartial(): void {
    if (this.bytes) this.partial = true;
  }

  /** Fragments in offset order: frame and length, clipped to the PDU (for tcp.segments). */
  pieces(): { frame: number; offset: number; length: number }[] {
    const n = this.bytes ? this.bytes.length : Infinity;
    return this.frags.map((f) => ({ frame: f.frame, offset: f.offset, length: Math.max(0, Math.min(f.length, n - f.offset)) }));
  }

  /**
   * split_msp: the subdissector used the first `at` bytes of the completed
   * PDU; the rest starts a new PDU (returned), this one is cut at `at`.
   */
  splitAt(at: number): Msp {
    const bytes = this.bytes!;
    let first = 0;
    for (const f of this.frags) {
      if (f.offset + f.length > at && (first === 0 || f.frame < first)) first = f.frame;
    }
    const next = new Msp((this.seq + at) >>> 0, this.nxtpdu, first || this.reassembledIn);
    next.lastFrame = this.lastFrame;
    for (const f of this.frags) {
      const end = f.offset + f.length;
      if (end <= at) continue;
      const from = Math.max(f.offset, at);
      next.frags.push({ frame: f.frame, offset: from - at, length: end - from, data: bytes.slice(from, Math.min(end, bytes.length)) });
    }
    // The rest is not complete yet: its length is unknown until the subdissector says.
    const kept = this.frags.filter((f) => f.offset < at);
    this.frags.length = 0;
    for (const f of kept) this.frags.push({ frame: f.frame, offset: f.offset, length: Math.min(f.length, at - f.offset), data: null });
    this.bytes = bytes.subarray(0, at);
    this.nxtpdu = (this.seq + at) >>> 0;
    return next;
  }
}

/** PDUs of one direction, ordered by starting sequence number (Wireshark's wmem_tree keyed by seq). */
export class PduReassembly {
  /** Only the latest PDUs take part in lookups; older ones stay reachable from frame records. */
  private static readonly KEEP = 16;
  private readonly msps: Msp[] = [];

  /** The PDU starting exactly at `seq` (wmem_tree_lookup32). */
  lookup(seq: number): Msp | undefined {
    const i = this.index(seq);
    const m = this.msps[i];
    return m && m.seq === seq ? m : undefined;
  }

  /** The PDU with the greatest start ≤ `seq`, unsigned order (wmem_tree_lookup32_le). */
  lookupLE(seq: number): Msp | undefined {
    const i = this.index(seq >>> 0);
    const m = this.msps[i];
    if (m && m.seq === seq >>> 0) return m;
    return i > 0 ? this.msps[i - 1] : undefined;
  }

  /** pdu_store_sequencenumber_of_next_pdu: a PDU starting at `seq`, replacing one with the same start. */
  store(seq: number, nxtpdu: number, frame: number): Msp {
    const m = new Msp(seq >>> 0, nxtpdu >>> 0, frame);
    this.insert(m);
    return m;
  }

  insert(m: Msp): void {
    const i = this.index(m.seq);
    if (this.msps[i]?.seq === m.seq) this.msps[i] = m;
    else this.msps.splice(i, 0, m);
    if (this.msps.length > PduReassembly.KEEP) this.msps.shift();
  }

  /** First index whose seq ≥ `seq` (unsigned). */
  private index(seq: number): number {
    let lo = 0;
    let hi = this.msps.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.msps[mid]!.seq < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** One item of a followed stream. */
export type FollowItem =
  | { kind: "data"; dir: 0 | 1; frame: number; seq: number; bytes: Uint8Array }
  | { kind: "gap"; dir: 0 | 1; frame: number; seq: number; missing: number };

interface Held {
  frame: number;
  seq: number;
  bytes: Uint8Array;
}

/**
 * Follow TCP Stream over the segments of one stream, fed in capture order
 * (Wireshark's follow_tcp_tap_listener): direction 0 is the side that sent
 * the first segment (the client when the capture starts with the SYN).
 */
export class TcpFollower {
  readonly items: FollowItem[] = [];
  private readonly next: [number, number] = [0, 0];
  private readonly started: [boolean, boolean] = [false, false];
  private readonly held: [Held[], Held[]] = [[], []];

  /**
   * One segment: raw sequence number, TCP flags (a SYN takes one sequence
   * number), ack number (valid when `hasAck`) and the captured payload.
   */
  add(dir: 0 | 1, frame: number, seq: number, flags: number, ack: number, hasAck: boolean, payload: Uint8Array): void {
    if (flags & 0x02) seq = (seq + 1) >>> 0;
    const other = (dir ^ 1) as 0 | 1;
    // Bytes the peer acknowledges were received, even if the capture missed them.
    if (hasAck && this.held[other].length) while (this.drain(other, ack, frame, true));
    if (!this.started[dir]) {
      this.started[dir] = true;
      this.next[dir] = seq;
    }
    let bytes = payload;
    const expected = this.next[dir];
    if (seqLT(seq, expected)) {
      // Retransmission, perhaps with new bytes at the end.
      const skip = (expected - seq) >>> 0;
      if (skip >= bytes.length) return;
      bytes = bytes.subarray(skip);
      seq = expected;
    }
    if (bytes.length === 0) return;
    if (seq === expected) {
      this.items.push({ kind: "data", dir, frame, seq, bytes });
      this.next[dir] = (seq + bytes.length) >>> 0;
      while (this.drain(dir, 0, frame, false));
    } else {
      this.held[dir].push({ frame, seq, bytes });
    }
  }

  /** Emits held bytes that now fit; with `useAck`, reports acknowledged holes as gaps. */
  private drain(dir: 0 | 1, ack: number, frame: number, useAck: boolean): boolean {
    const list = this.held[dir];
    if (!list.length) return false;
    const expected = this.next[dir];
    let lowest = list[0]!.seq;
    for (let i = 0; i < list.length; i++) {
      const h = list[i]!;
      if (seqGT(lowest, h.seq)) lowest = h.seq;
      if (seqLT(h.seq, expected) || h.seq === expected) {
        list.splice(i, 1);
        const skip = (expected - h.seq) >>> 0;
        if (skip < h.bytes.length) {
          this.items.push({ kind: "data", dir, frame: h.frame, seq: expected, bytes: h.bytes.subarray(skip) });
          this.next[dir] = (h.seq + h.bytes.length) >>> 0;
        }
        return true;
      }
    }
    if (useAck && seqGT(ack, lowest)) {
      this.items.push({ kind: "gap", dir, frame, seq: expected, missing: (lowest - expected) >>> 0 });
      this.next[dir] = lowest;
      return true;
    }
    return false;
  }
}
