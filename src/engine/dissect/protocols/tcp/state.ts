/**
 * What TCP keeps between packets: the per-frame log of what the first pass
 * did so the details pane can replay it, the PDUs kept for reassembly within
 * a budget, the per-capture state (conversations and their analysis live in
 * `reassembly/`), and `Ctx`, what the header said for the option and payload
 * steps.
 */
import type { Expectation } from "../../conversation";
import type { PacketInfo } from "../../packet-info";
import { TcpConversations } from "../../../reassembly/tcp-analysis";
import type { Msp, PduReassembly } from "../../../reassembly/tcp-streams";
import { FrameColumnU32 } from "../../../reassembly/frame-columns";

/** What a frame's payload hand-off showed, to replay it on re-dissection without touching state. */
export const enum Op {
  /**
   * The subdissector on the frame bytes [a, end); c = 1 when it asked for
   * more from a (nothing dissected) and `msp` was started there, which a
   * second pass finds instead of calling it (payload.ts, replay).
   */
  CALL_FRAME,
  /**
   * The subdissector on `msp`'s reassembled PDU; b = 1 when its data source
   * stays; c = 1 when it is the segment's first PDU (for the Info column of
   * a second pass that does not call it).
   */
  CALL_PDU,
  /** "TCP segment data" at a, b bytes on the wire; c = 1 for "Retransmitted". */
  SEGMENT_DATA,
  /** tcp.reassembled_in of `msp`, when known and another frame; a = 1 also when it was found short (fragment_get). */
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
  /** Sets the `c` and the PDU of op `i`. */
  setC(i: number, c: number, msp: Msp): void {
    this.code[4 * i + 3] = c;
    this.msps[i] = msp;
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

export class TcpState {
  readonly convs = new TcpConversations();
  /** PDU reassembly per direction (2s + d), created on first use. */
  readonly pdus: (PduReassembly | undefined)[] = [];
  /** Stream → the conversation (another protocol's announcement) it was bound to when it started. */
  readonly bound = new Map<number, Expectation>();
  /** Announcements with a wildcard side already taken by a stream (Wireshark fills the wildcard in). */
  readonly taken = new Set<Expectation>();
  /**
   * Stream → the wildcard announcement it was found by while only its fixed
   * side has spoken (Wireshark fills the wildcard in on the first packet
   * sent to the fixed side: payload.ts, recheckWildcard).
   */
  readonly unfilled = new Map<number, Expectation>();
  /** An open wildcard announcement → the stream whose TCP state Wireshark keeps in it. */
  readonly owner = new Map<Expectation, number>();
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
export class Ctx {
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
