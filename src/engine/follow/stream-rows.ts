/**
 * Stream → rows, recorded by the indexing pass: each TCP (or UDP) stream's
 * rows as a linked list through a per-row "next" column, so the rows of one
 * stream are listed in time proportional to their number rather than by a
 * scan of the whole index (the FTP report and the diagrams ask for the
 * streams of hundreds of sessions). 4 bytes per row of the protocol plus
 * 12 bytes per stream; rows arrive in frame order, so each list is in frame
 * order.
 */
import { FrameColumnU32 } from "../reassembly/frame-columns";

export class StreamRows {
  /** Per stream: first and last row + 1 (0: none yet), and the row count. */
  private head = new Uint32Array(256);
  private tail = new Uint32Array(256);
  private counts = new Uint32Array(256);
  /** Per row: the next row of its stream + 1 (0: the last so far). */
  private readonly next = new FrameColumnU32();
  /** Streams 0..streams-1 have been seen. */
  streams = 0;

  /** Appends `row` (larger than every row added before) to `stream`'s list. */
  add(stream: number, row: number): void {
    if (stream >= this.head.length) this.grow(stream);
    const last = this.tail[stream]!;
    if (last === 0) this.head[stream] = row + 1;
    else this.next.set(last - 1, row + 1);
    this.tail[stream] = row + 1;
    this.counts[stream]!++;
    if (stream >= this.streams) this.streams = stream + 1;
  }

  /** Rows recorded for `stream`. */
  count(stream: number): number {
    return stream >= 0 && stream < this.streams ? this.counts[stream]! : 0;
  }

  /** The rows of `stream` below `upTo`, in frame order. */
  rowsOf(stream: number, upTo = Infinity): Uint32Array {
    const n = this.count(stream);
    const rows = new Uint32Array(n);
    let k = 0;
    for (let r = n ? this.head[stream]! : 0; r !== 0 && r - 1 < upTo; r = this.next.get(r - 1)) rows[k++] = r - 1;
    return k === n ? rows : rows.subarray(0, k);
  }

  private grow(stream: number): void {
    let n = this.head.length;
    while (n <= stream) n *= 2;
    const g = (a: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> => {
      const b = new Uint32Array(n);
      b.set(a);
      return b;
    };
    this.head = g(this.head);
    this.tail = g(this.tail);
    this.counts = g(this.counts);
  }
}
