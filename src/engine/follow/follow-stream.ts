/**
 * A followed stream as descriptor columns (ChunkTable) and the FollowStream
 * that reads its bytes back from the capture on demand. A chunk costs 58
 * bytes of typed arrays whatever its length; its bytes stay in the file
 * (`loc` = file offset) unless they came from a buffer the engine
 * reassembled (IP fragments), which is kept (`loc` = -(blob index + 1)).
 */
import type { ByteSource } from "../io/byte-source";
import type { Direction, FollowChunk, FollowChunkColumns, FollowPiece, FollowSelection, FollowStream, FollowStreamInfo } from "./types";

/** ChunkTable.quirks: tshark 4.0 does not print this chunk. */
export const TSHARK_DROPS = 1;

/** Bytes of descriptor columns per chunk: five of 8 bytes, four of 4, two of 1. */
const CHUNK_BYTES = 5 * 8 + 4 * 4 + 2;

/** Growable descriptor columns, one row per chunk in delivery order. */
export class ChunkTable {
  count = 0;
  frame: Uint32Array;
  direction: Uint8Array;
  streamOffset: Float64Array;
  length: Uint32Array;
  gapBefore: Float64Array;
  gapFrame: Uint32Array;
  tsSec: Float64Array;
  tsNsec: Uint32Array;
  /** File offset of the bytes, or -(index + 1) into `blobs`. */
  loc: Float64Array;
  /**
   * What tshark 4.0 would print differently (render.ts `tsharkCompat`, for
   * the tests that prove these are the only differences): the part of
   * gapBefore tshark marks (an acknowledged hole; the rest was cut by the
   * snap length, which tshark skips silently), and TSHARK_DROPS for chunks
   * tshark never prints (still waiting when the stream ended).
   */
  markedGap: Float64Array;
  quirks: Uint8Array;
  readonly blobs: Uint8Array[] = [];

  /**
   * `expected`: how many chunks the caller expects (a stream's packet count),
   * so that a long stream's columns are not copied a dozen times as they double.
   */
  constructor(expected = 16) {
    this.direction = this.quirks = new Uint8Array(0);
    this.streamOffset = this.gapBefore = this.tsSec = this.loc = this.markedGap = new Float64Array(0);
    this.frame = this.length = this.gapFrame = this.tsNsec = new Uint32Array(0);
    this.place(Math.max(16, expected));
  }

  /**
   * Lays the columns out for `n` chunks in one buffer, what was there copied:
   * an FTP report builds a table per TCP stream, and eleven buffers each
   * cost more to allocate than a short stream's whole content.
   */
  private place(n: number): void {
    const buffer = new ArrayBuffer(n * CHUNK_BYTES);
    let at = 0;
    // Eight-byte columns first, then four, then one: each view stays aligned.
    const column = <T extends Uint32Array | Uint8Array | Float64Array>(old: T, make: new (b: ArrayBuffer, at: number, n: number) => T): T => {
      const c = new make(buffer, at, n);
      c.set(old.subarray(0, this.count) as never);
      at += n * c.BYTES_PER_ELEMENT;
      return c;
    };
    this.streamOffset = column(this.streamOffset, Float64Array);
    this.gapBefore = column(this.gapBefore, Float64Array);
    this.tsSec = column(this.tsSec, Float64Array);
    this.loc = column(this.loc, Float64Array);
    this.markedGap = column(this.markedGap, Float64Array);
    this.frame = column(this.frame, Uint32Array);
    this.length = column(this.length, Uint32Array);
    this.gapFrame = column(this.gapFrame, Uint32Array);
    this.tsNsec = column(this.tsNsec, Uint32Array);
    this.direction = column(this.direction, Uint8Array);
    this.quirks = column(this.quirks, Uint8Array);
  }

  private grow(): void {
    this.place(this.frame.length * 2);
  }

  append(
    frame: number,
    direction: Direction,
    streamOffset: number,
    length: number,
    gapBefore: number,
    gapFrame: number,
    tsSec: number,
    tsNsec: number,
    loc: number,
    markedGap = gapBefore,
    quirks = 0,
  ): void {
    if (this.count === this.frame.length) this.grow();
    const i = this.count++;
    this.frame[i] = frame;
    this.direction[i] = direction;
    this.streamOffset[i] = streamOffset;
    this.length[i] = length;
    this.gapBefore[i] = gapBefore;
    this.gapFrame[i] = gapFrame;
    this.tsSec[i] = tsSec;
    this.tsNsec[i] = tsNsec;
    this.loc[i] = loc;
    this.markedGap[i] = markedGap;
    this.quirks[i] = quirks;
  }

  /** A location for bytes kept in memory. */
  keep(bytes: Uint8Array): number {
    this.blobs.push(bytes);
    return -this.blobs.length;
  }

  /** `loc` moved `by` bytes into the payload (a copy of the tail for kept bytes). */
  advance(loc: number, by: number, length: number): number {
    if (loc >= 0) return loc + by;
    if (by === 0) return loc;
    return this.keep(this.blobs[-loc - 1]!.subarray(by, by + length));
  }

  /** Bytes held by the descriptors (not counting kept blobs). */
  bytesUsed(): number {
    return this.count * 58;
  }
}

/** Reads merged into one when the bytes between two chunks are fewer than this. */
const MERGE_GAP = 64 * 1024;
/** One read never grows past this (unless a single chunk is larger). */
const MAX_READ = 4 * 1024 * 1024;

export class TableFollowStream implements FollowStream {
  /** Chunk indexes of each direction, in order (built on first use). */
  private byDirection: [Uint32Array, Uint32Array] | null = null;

  constructor(
    readonly info: FollowStreamInfo,
    /** The descriptor columns (read-only for users). */
    readonly table: ChunkTable,
    private readonly source: ByteSource,
  ) {}

  chunk(i: number): FollowChunk {
    const t = this.table;
    if (!(i >= 0 && i < t.count)) throw new RangeError(`no chunk ${i} in a stream of ${t.count}`);
    return {
      index: i,
      frame: t.frame[i]!,
      direction: t.direction[i] as Direction,
      streamOffset: t.streamOffset[i]!,
      length: t.length[i]!,
      gapBefore: t.gapBefore[i]!,
      gapFrame: t.gapFrame[i]!,
      tsSec: t.tsSec[i]!,
      tsNsec: t.tsNsec[i]!,
    };
  }

  chunkColumns(first: number, count: number): FollowChunkColumns {
    const t = this.table;
    const a = Math.max(0, Math.min(first, t.count));
    const b = Math.max(a, Math.min(t.count, a + Math.max(0, count)));
    return {
      first: a,
      count: b - a,
      frame: t.frame.slice(a, b),
      direction: t.direction.slice(a, b),
      streamOffset: t.streamOffset.slice(a, b),
      length: t.length.slice(a, b),
      gapBefore: t.gapBefore.slice(a, b),
      gapFrame: t.gapFrame.slice(a, b),
      tsSec: t.tsSec.slice(a, b),
      tsNsec: t.tsNsec.slice(a, b),
    };
  }

  async readChunks(first: number, count: number, selection: FollowSelection = "both"): Promise<FollowPiece[]> {
    const t = this.table;
    const a = Math.max(0, Math.min(first, t.count));
    const b = Math.max(a, Math.min(t.count, a + Math.max(0, count)));
    const wanted: Span[] = [];
    for (let i = a; i < b; i++) {
      if (selection !== "both" && t.direction[i] !== selection) continue;
      wanted.push({ chunk: i, skip: 0, length: t.length[i]! });
    }
    const bytes = await this.fetch(wanted);
    const out: FollowPiece[] = [];
    wanted.forEach((w, k) => {
      const i = w.chunk;
      const direction = t.direction[i] as Direction;
      if (t.gapBefore[i]! > 0)
        out.push({ kind: "gap", chunk: i, direction, streamOffset: t.streamOffset[i]! - t.gapBefore[i]!, length: t.gapBefore[i]! });
      out.push({ kind: "data", chunk: i, frame: t.frame[i]!, direction, streamOffset: t.streamOffset[i]!, bytes: bytes[k]! });
    });
    return out;
  }

  async read(direction: Direction, offset = 0, length = Infinity): Promise<FollowPiece[]> {
    const t = this.table;
    const idx = this.indexes()[direction];
    const start = Math.max(0, offset);
    const end = start + Math.max(0, length);
    const total = this.info.bytes[direction] + this.info.missing[direction];
    const out: FollowPiece[] = [];
    const wanted: Span[] = [];
    let k = this.firstReaching(direction, start);
    let cursor = start;
    for (; k < idx.length && cursor < end; k++) {
      const i = idx[k]!;
      const so = t.streamOffset[i]!;
      const len = t.length[i]!;
      if (so >= end) break;
      if (so > cursor) {
        out.push({ kind: "gap", chunk: i, direction, streamOffset: cursor, length: so - cursor });
        cursor = so;
      }
      const skip = cursor - so;
      const take = Math.min(len - skip, end - cursor);
      if (take <= 0) continue;
      wanted.push({ chunk: i, skip, length: take });
      out.push({ kind: "data", chunk: i, frame: t.frame[i]!, direction, streamOffset: cursor, bytes: EMPTY });
      cursor += take;
    }
    const stop = Math.min(end, total);
    if (cursor < stop && k >= idx.length) out.push({ kind: "gap", chunk: t.count, direction, streamOffset: cursor, length: stop - cursor });
    const bytes = await this.fetch(wanted);
    let w = 0;
    for (const p of out) if (p.kind === "data") p.bytes = bytes[w++]!;
    return out;
  }

  chunkAt(direction: Direction, offset: number): number {
    const idx = this.indexes()[direction];
    const k = this.firstReaching(direction, offset);
    return k < idx.length ? idx[k]! : this.table.count;
  }

  /** Position in `direction`'s chunk list of the first chunk ending after `offset`. */
  private firstReaching(direction: Direction, offset: number): number {
    const t = this.table;
    const idx = this.indexes()[direction];
    let lo = 0;
    let hi = idx.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const i = idx[mid]!;
      if (t.streamOffset[i]! + t.length[i]! <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Chunk indexes of one direction, in order. */
  directionChunks(direction: Direction): Uint32Array {
    return this.indexes()[direction];
  }

  private indexes(): [Uint32Array, Uint32Array] {
    if (this.byDirection) return this.byDirection;
    const t = this.table;
    let n0 = 0;
    for (let i = 0; i < t.count; i++) if (t.direction[i] === 0) n0++;
    const a = new Uint32Array(n0);
    const b = new Uint32Array(t.count - n0);
    let x = 0;
    let y = 0;
    for (let i = 0; i < t.count; i++) {
      if (t.direction[i] === 0) a[x++] = i;
      else b[y++] = i;
    }
    this.byDirection = [a, b];
    return this.byDirection;
  }

  /** The bytes of each span, in few reads: spans close together in the file share one. */
  private async fetch(spans: readonly Span[]): Promise<Uint8Array[]> {
    const t = this.table;
    const out: Uint8Array[] = new Array<Uint8Array>(spans.length);
    const inFile: number[] = [];
    spans.forEach((s, k) => {
      const loc = t.loc[s.chunk]!;
      if (loc < 0) out[k] = t.blobs[-loc - 1]!.subarray(s.skip, s.skip + s.length);
      else inFile.push(k);
    });
    inFile.sort((x, y) => t.loc[spans[x]!.chunk]! + spans[x]!.skip - (t.loc[spans[y]!.chunk]! + spans[y]!.skip));
    let g = 0;
    while (g < inFile.length) {
      const first = spans[inFile[g]!]!;
      const start = t.loc[first.chunk]! + first.skip;
      let end = start + first.length;
      let h = g + 1;
      for (; h < inFile.length; h++) {
        const s = spans[inFile[h]!]!;
        const a = t.loc[s.chunk]! + s.skip;
        const b = a + s.length;
        if (a - end >= MERGE_GAP || Math.max(end, b) - start > MAX_READ) break;
        end = Math.max(end, b);
      }
      const bytes = await this.source.read(start, end - start);
      for (let q = g; q < h; q++) {
        const k = inFile[q]!;
        const s = spans[k]!;
        const a = t.loc[s.chunk]! + s.skip - start;
        out[k] = bytes.subarray(a, a + s.length);
      }
      g = h;
    }
    return out;
  }
}

interface Span {
  chunk: number;
  /** Bytes of the chunk skipped at its start. */
  skip: number;
  length: number;
}

const EMPTY = new Uint8Array(0);

/**
 * One direction's bytes in one array: captured bytes only (gaps listed
 * apart, `at` = where in `bytes` each gap falls), or with `fill` a byte value
 * written in place of missing ones so that bytes[k] is stream byte k.
 */
export async function readDirection(
  stream: FollowStream,
  direction: Direction,
  options: { fill?: number } = {},
): Promise<{ bytes: Uint8Array; gaps: { at: number; streamOffset: number; length: number }[] }> {
  const pieces = await stream.read(direction);
  const fill = options.fill;
  let n = 0;
  for (const p of pieces) n += p.kind === "data" ? p.bytes.length : fill === undefined ? 0 : p.length;
  const bytes = new Uint8Array(n);
  const gaps: { at: number; streamOffset: number; length: number }[] = [];
  let at = 0;
  for (const p of pieces) {
    if (p.kind === "data") {
      bytes.set(p.bytes, at);
      at += p.bytes.length;
    } else {
      gaps.push({ at, streamOffset: p.streamOffset, length: p.length });
      if (fill !== undefined) {
        bytes.fill(fill, at, at + p.length);
        at += p.length;
      }
    }
  }
  return { bytes, gaps };
}
