/**
 * Follow TCP Stream reassembly for one stream: the segments of both
 * directions, in capture order, become chunk descriptors in delivery order.
 *
 * The rules are tshark 4.0's follow tap (packet-tcp.c,
 * follow_tcp_tap_listener and check_follow_fragments), studied empirically
 * against tshark 4.0.17 on hand-built captures (follow.test.ts), so that the
 * bytes come out the same:
 *
 * - Sequence numbers are the relative ones (`tcp.seq`), compared modulo
 *   2^32 (RFC 9293 §3.4: a < b when (a - b) as int32 < 0), so a stream may
 *   wrap. A SYN's data starts one past its sequence number.
 * - Node 0 is the sender of the stream's first packet, data or not.
 * - Each direction's next expected sequence number starts at its first
 *   packet's. A segment at it is delivered and the number advances by the
 *   segment length on the wire; one below it delivers only its bytes past it
 *   (the first copy of retransmitted bytes wins, even when the copies
 *   differ); one above it waits in the out-of-order list.
 * - After each delivery, waiting segments that now fit are delivered (the
 *   first one in arrival order that starts at or below the next expected
 *   number, trimmed to its new bytes), until none fits.
 * - Before each packet, the waiting segments of the other direction are
 *   checked the same way, and if none fits but the packet's acknowledgment
 *   number (whatever its ACK flag says) lies beyond the lowest waiting one,
 *   the bytes before it were received but not captured: a gap, which tshark
 *   prints as "[N bytes missing in capture file]" plus a NUL and we keep as
 *   `gapBefore` (with the acknowledging frame as `gapFrame`).
 * - FIN and RST take no part; a RST's text is data.
 *
 * Where tshark 4.0 is wrong we are right instead (see follow.test.ts and the
 * golden/corpus tests, which name every stream concerned):
 *
 * 1. Segments still waiting when the stream ends are dropped by tshark (the
 *    hole before them was never acknowledged past, e.g. the capture missed
 *    a segment at its end). We deliver them, each hole a gap.
 * 2. A segment the snap length cut short: tshark prints the captured bytes
 *    and silently skips the rest. We keep the rest as a gap before the next
 *    chunk of that direction (or as the trailing gap).
 *
 * Except where a waiting segment cannot belong to the stream: one starting
 * at or past its direction's FIN (RFC 9293 §3.10.7.4: the FIN is the last
 * sequence number a receiver accepts), or more than 2^30 bytes (RFC 7323
 * §2.3: the largest window a receiver can offer) beyond what was delivered
 * or acknowledged. A corrupt sequence number would otherwise become a hole
 * of up to 2 GiB that Follow pads and FTP files are rebuilt around. Those
 * are left out, as tshark leaves out every waiting segment.
 *
 * Positions: chunk stream offsets are doubles counted from the direction's
 * first sequence number, so streams past 4 GiB keep exact offsets.
 */
import type { Direction } from "./types";
import { TSHARK_DROPS, type ChunkTable } from "./follow-stream";

const SYN = 0x02;
const FIN = 0x01;
const RST = 0x04;
const ACK = 0x10;

/** a - b as a signed 32-bit difference (sequence space). */
function diff(a: number, b: number): number {
  return (a - b) | 0;
}

/** A segment waiting for the bytes before it. */
interface Fragment {
  /** Sequence number of its first byte, and the same as a stream position. */
  seq: number;
  pos: number;
  /** Captured bytes. */
  length: number;
  arrival: number;
  frame: number;
  tsSec: number;
  tsNsec: number;
  loc: number;
}

/** A binary heap (smallest first under `less`). */
class Heap<T> {
  private readonly items: T[] = [];
  constructor(private readonly less: (a: T, b: T) => boolean) {}
  get size(): number {
    return this.items.length;
  }
  peek(): T | undefined {
    return this.items[0];
  }
  push(x: T): void {
    const a = this.items;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(a[i]!, a[p]!)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }
  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length && last !== undefined) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l]!, a[m]!)) m = l;
        if (r < a.length && this.less(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}

/**
 * The out-of-order list of one direction. tshark scans it in arrival order
 * and takes the first segment starting at or below the next expected
 * number, and otherwise needs the lowest start: two heaps give both without
 * a scan per packet (a long stream behind a hole never filled would
 * otherwise cost a scan of every waiting segment for every ACK).
 */
class Waiting {
  /** Segments starting beyond the next expected position, lowest first. */
  private readonly ahead = new Heap<Fragment>((a, b) => a.pos < b.pos || (a.pos === b.pos && a.arrival < b.arrival));
  /** Segments starting at or below it, oldest first. */
  private readonly due = new Heap<Fragment>((a, b) => a.arrival < b.arrival);

  get size(): number {
    return this.ahead.size + this.due.size;
  }
  add(f: Fragment): void {
    this.ahead.push(f);
  }
  /** The oldest segment starting at or below `pos`, if any. */
  takeDue(pos: number): Fragment | undefined {
    for (let f = this.ahead.peek(); f && f.pos <= pos; f = this.ahead.peek()) this.due.push(this.ahead.pop()!);
    return this.due.pop();
  }
  lowest(): Fragment | undefined {
    return this.ahead.peek();
  }
  /** Removes the lowest segment (lowest() returns it). */
  dropLowest(): void {
    this.ahead.pop();
  }
}

/** A packet as the reassembler needs it. */
export interface TcpSegmentIn {
  frame: number;
  tsSec: number;
  tsNsec: number;
  srcAddr: string;
  srcPort: number;
  dstAddr: string;
  dstPort: number;
  /** Relative sequence number, acknowledgment number as shown, tcp.len, flags. */
  seq: number;
  ack: number;
  seglen: number;
  flags: number;
  /** Captured payload bytes and where they are (ChunkTable loc). */
  dataLength: number;
  loc: number;
}

/** A segment to fill in and hand to `add` again and again (add keeps nothing of it). */
export function newSegment(): TcpSegmentIn {
  return { frame: 0, tsSec: 0, tsNsec: 0, srcAddr: "", srcPort: 0, dstAddr: "", dstPort: 0, seq: 0, ack: 0, seglen: 0, flags: 0, dataLength: 0, loc: 0 };
}

/** Where the reassembler delivers chunks: a ChunkTable, or anything taking them as they come (ftp/data-hashes.ts). */
export type ChunkSink = Pick<ChunkTable, "append" | "advance">;

const ACK_REACH = 2 ** 30;

export class TcpReassembler {
  /** Node 0 (sender of the first packet) and node 1. */
  addr: [string, string] = ["", ""];
  port: [number, number] = [0, 0];
  started = false;
  packets = 0;
  firstFrame = 0;
  lastFrame = 0;
  readonly syn: [boolean, boolean] = [false, false];
  readonly fin: [boolean, boolean] = [false, false];
  rst = false;

  /** tshark's follow_info->seq and bytes_written. */
  private readonly seq = [0, 0];
  private readonly written = [0, 0];
  /** Stream position of `seq` (doubles: no wrap). */
  private readonly pos = [0, 0];
  /** End (stream position) of the last chunk delivered. */
  private readonly lastEnd = [0, 0];
  /** Frame whose acknowledgment showed the pending gap (0: none), and the bytes it marked. */
  private readonly gapFrame = [0, 0];
  private readonly marked = [0, 0];
  private readonly waiting = [new Waiting(), new Waiting()];
  private arrivals = 0;
  /** Highest stream position the peer acknowledged, and where the FIN was; -1 none. */
  private readonly ackedTo = [-1, -1];
  private readonly finAt = [-1, -1];
  readonly bytes = [0, 0];
  readonly missing = [0, 0];
  private ended = false;

  constructor(private readonly table: ChunkSink) {}

  /** Adds one segment; `p` is read during the call only (callers may reuse it). */
  add(p: TcpSegmentIn): void {
    if (this.ended) throw new Error("stream already ended");
    this.packets++;
    if (!this.firstFrame) this.firstFrame = p.frame;
    this.lastFrame = p.frame;
    let sequence = p.seq >>> 0;
    if (p.flags & SYN) sequence = (sequence + 1) >>> 0;
    if (!this.started) {
      this.started = true;
      this.addr = [p.srcAddr, p.dstAddr];
      this.port = [p.srcPort, p.dstPort];
    }
    const d: Direction = p.srcAddr === this.addr[0] && p.srcPort === this.port[0] ? 0 : 1;
    const o: Direction = d === 0 ? 1 : 0;
    if (p.flags & SYN) this.syn[d] = true;
    if (p.flags & RST) this.rst = true;

    // Does this packet acknowledge bytes of the other direction the capture lacks?
    if (this.waiting[o]!.size) while (this.check(o, p.ack >>> 0, p.frame, Mode.ACK));
    if (p.flags & ACK && (this.written[o] !== 0 || this.seq[o] !== 0)) {
      const at = this.pos[o]! + diff(p.ack >>> 0, this.seq[o]!);
      if (at - this.pos[o]! <= ACK_REACH && at > this.ackedTo[o]!) this.ackedTo[o] = at;
    }

    if (this.written[d] === 0 && this.seq[d] === 0) this.seq[d] = sequence;
    let length = p.seglen >>> 0;
    let dataLength = p.dataLength;
    let skip = 0;
    if (p.flags & FIN) {
      this.fin[d] = true;
      const at = this.pos[d]! + diff((sequence + length) >>> 0, this.seq[d]!);
      if (at > this.finAt[d]!) this.finAt[d] = at;
    }
    const next = this.seq[d]!;
    if (diff(sequence, next) < 0) {
      // Dated, but a retransmission may carry more than was seen: keep the new part.
      const nextseq = (sequence + length) >>> 0;
      if (diff(nextseq, next) > 0) {
        skip = diff(next, sequence);
        dataLength = dataLength <= skip ? 0 : dataLength - skip;
        sequence = next;
        length = diff(nextseq, next);
      }
    }
    if (dataLength === 0 || diff(sequence, next) < 0) return;
    const loc = skip ? this.table.advance(p.loc, skip, dataLength) : p.loc;
    if (sequence === next) {
      this.deliver(d, p.frame, p.tsSec, p.tsNsec, dataLength, loc);
      this.seq[d] = (next + length) >>> 0;
      this.pos[d] = this.pos[d]! + length;
      this.written[d] = this.written[d]! + dataLength;
      while (this.check(d, 0, p.frame, Mode.NONE));
    } else {
      this.waiting[d]!.add({
        seq: sequence,
        pos: this.pos[d]! + diff(sequence, next),
        length: dataLength,
        arrival: this.arrivals++,
        frame: p.frame,
        tsSec: p.tsSec,
        tsNsec: p.tsNsec,
        loc,
      });
    }
  }

  /**
   * check_follow_fragments: delivers one waiting segment of direction `d`
   * that fits, or (mode ACK, when `ack` lies past the lowest waiting one;
   * mode END, always) declares the hole before the lowest one a gap.
   * True when it changed something (call again).
   */
  private check(d: Direction, ack: number, frame: number, mode: Mode): boolean {
    const w = this.waiting[d]!;
    if (!w.size) return false;
    const f = w.takeDue(this.pos[d]!);
    if (f) {
      const next = this.seq[d]!;
      if (f.seq !== next) {
        // Starts below the next expected byte: only its tail can be new.
        const end = (f.seq + f.length) >>> 0;
        if (diff(end, next) > 0) {
          const skip = diff(next, f.seq);
          if (f.length > skip)
            this.deliver(d, f.frame, f.tsSec, f.tsNsec, f.length - skip, this.table.advance(f.loc, skip, f.length - skip));
          const by = diff(end, next);
          this.seq[d] = end;
          this.pos[d] = this.pos[d]! + by;
        }
        return true;
      }
      this.deliver(d, f.frame, f.tsSec, f.tsNsec, f.length, f.loc);
      this.seq[d] = (next + f.length) >>> 0;
      this.pos[d] = this.pos[d]! + f.length;
      return true;
    }
    const low = w.lowest()!;
    if (mode === Mode.END && !this.couldBelong(d, low)) {
      w.dropLowest();
      return true;
    }
    if (mode === Mode.END || (mode === Mode.ACK && diff(ack, low.seq) > 0)) {
      this.gapFrame[d] = mode === Mode.END ? low.frame : frame;
      this.marked[d] = this.marked[d]! + (low.pos - this.pos[d]!);
      this.pos[d] = low.pos;
      this.seq[d] = low.seq;
      return true;
    }
    return false;
  }

  /** Whether a segment no acknowledgment reached could still be part of direction `d` (see the header). */
  private couldBelong(d: Direction, f: Fragment): boolean {
    if (this.finAt[d]! >= 0 && f.pos >= this.finAt[d]!) return false;
    return f.pos - Math.max(this.pos[d]!, this.ackedTo[d]!) <= ACK_REACH;
  }

  private deliver(d: Direction, frame: number, tsSec: number, tsNsec: number, length: number, loc: number): void {
    const at = this.pos[d]!;
    const gap = at - this.lastEnd[d]!;
    const gapFrame = gap > 0 ? this.gapFrame[d] || frame : 0;
    const marked = this.marked[d]!;
    this.gapFrame[d] = 0;
    this.marked[d] = 0;
    this.table.append(frame, d, at, length, gap, gapFrame, tsSec, tsNsec, loc, marked, this.ended ? TSHARK_DROPS : 0);
    this.lastEnd[d] = at + length;
    this.bytes[d] = this.bytes[d]! + length;
    this.missing[d] = this.missing[d]! + gap;
  }

  /**
   * Ends the stream: segments still waiting are delivered behind gaps
   * (tshark drops them), and what is missing after the last captured byte
   * (acknowledged by the peer, up to the FIN, or cut by the snap length)
   * becomes the trailing gap.
   */
  end(): { trailingGap: [number, number] } {
    if (!this.ended) {
      this.ended = true;
      for (const d of [0, 1] as Direction[]) while (this.check(d, 0, 0, Mode.END));
    }
    const trailing: [number, number] = [0, 0];
    for (const d of [0, 1] as Direction[]) {
      // A FIN bounds the stream; acknowledgments past it acknowledge the FIN itself.
      const endAt = Math.max(this.pos[d]!, this.finAt[d]! >= 0 ? this.finAt[d]! : this.ackedTo[d]!);
      trailing[d] = Math.max(0, endAt - this.lastEnd[d]!);
    }
    return { trailingGap: trailing };
  }
}

const enum Mode {
  NONE,
  ACK,
  END,
}
