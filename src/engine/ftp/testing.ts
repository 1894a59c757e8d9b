/**
 * Test support: TCP streams held in memory that implement Follow TCP
 * Stream's `FollowStream`, so the FTP analysis can be tested on hand-built
 * conversations (control lines split anywhere, holes, parallel sessions)
 * without writing packets. Not part of the engine.
 */
import type {
  Direction,
  FollowChunk,
  FollowChunkColumns,
  FollowEndpoint,
  FollowPiece,
  FollowSelection,
  FollowStream,
  FollowStreamInfo,
} from "../follow/types";
import type { FtpStreamSource } from "./analyze";

export interface TestSegment {
  /** 0: node 0 → node 1 (node 0 opened the connection). */
  dir: Direction;
  /** Payload: text (Latin-1 code units) or bytes. */
  data: string | Uint8Array;
  frame: number;
  /** Seconds; defaults to the frame number. */
  time?: number;
  /** Bytes lost right before this segment (in its direction). */
  gapBefore?: number;
}

const bytesOf = (d: string | Uint8Array): Uint8Array => (typeof d === "string" ? Uint8Array.from(d, (c) => c.charCodeAt(0) & 0xff) : d);

export class MemoryStream implements FollowStream {
  readonly info: FollowStreamInfo;
  private readonly chunks: FollowChunk[] = [];
  private readonly data: Uint8Array[] = [];

  constructor(
    stream: number,
    nodes: [FollowEndpoint, FollowEndpoint],
    segments: readonly TestSegment[],
    opts: { firstFrame?: number; lastFrame?: number; trailingGap?: [number, number] } = {},
  ) {
    const next: [number, number] = [0, 0];
    const bytes: [number, number] = [0, 0];
    const missing: [number, number] = [0, 0];
    for (const s of segments) {
      const b = bytesOf(s.data);
      const gap = s.gapBefore ?? 0;
      next[s.dir] += gap;
      missing[s.dir] += gap;
      const t = s.time ?? s.frame;
      this.chunks.push({
        index: this.chunks.length,
        frame: s.frame,
        direction: s.dir,
        streamOffset: next[s.dir],
        length: b.length,
        gapBefore: gap,
        gapFrame: gap ? s.frame : 0,
        tsSec: Math.floor(t),
        tsNsec: Math.round((t - Math.floor(t)) * 1e9),
      });
      this.data.push(b);
      next[s.dir] += b.length;
      bytes[s.dir] += b.length;
    }
    const trailing = opts.trailingGap ?? [0, 0];
    const frames = segments.map((s) => s.frame);
    this.info = {
      protocol: "tcp",
      stream,
      nodes,
      bytes,
      missing: [missing[0] + trailing[0], missing[1] + trailing[1]],
      trailingGap: trailing,
      chunkCount: this.chunks.length,
      packets: segments.length,
      firstFrame: opts.firstFrame ?? (frames.length ? Math.min(...frames) : 0),
      lastFrame: opts.lastFrame ?? (frames.length ? Math.max(...frames) : 0),
      syn: [true, true],
      fin: [true, true],
      rst: false,
    };
  }

  chunk(i: number): FollowChunk {
    return this.chunks[i]!;
  }

  chunkColumns(first: number, count: number): FollowChunkColumns {
    const cs = this.chunks.slice(first, first + count);
    return {
      first,
      count: cs.length,
      frame: Uint32Array.from(cs.map((c) => c.frame)),
      direction: Uint8Array.from(cs.map((c) => c.direction)),
      streamOffset: Float64Array.from(cs.map((c) => c.streamOffset)),
      length: Uint32Array.from(cs.map((c) => c.length)),
      gapBefore: Float64Array.from(cs.map((c) => c.gapBefore)),
      gapFrame: Uint32Array.from(cs.map((c) => c.gapFrame)),
      tsSec: Float64Array.from(cs.map((c) => c.tsSec)),
      tsNsec: Uint32Array.from(cs.map((c) => c.tsNsec)),
    };
  }

  readChunks(first: number, count: number, selection: FollowSelection = "both"): Promise<FollowPiece[]> {
    const out: FollowPiece[] = [];
    for (let i = first; i < Math.min(this.chunks.length, first + count); i++) {
      const c = this.chunks[i]!;
      if (selection !== "both" && c.direction !== selection) continue;
      if (c.gapBefore > 0)
        out.push({ kind: "gap", chunk: i, direction: c.direction, streamOffset: c.streamOffset - c.gapBefore, length: c.gapBefore });
      out.push({ kind: "data", chunk: i, frame: c.frame, direction: c.direction, streamOffset: c.streamOffset, bytes: this.data[i]! });
    }
    return Promise.resolve(out);
  }

  read(direction: Direction, offset = 0, length = Infinity): Promise<FollowPiece[]> {
    const end = offset + length;
    const out: FollowPiece[] = [];
    let pos = 0;
    const clip = (s: number, e: number): [number, number] => [Math.max(s, offset), Math.min(e, end)];
    for (let i = 0; i < this.chunks.length; i++) {
      const c = this.chunks[i]!;
      if (c.direction !== direction) continue;
      if (c.gapBefore > 0) {
        const [s, e] = clip(c.streamOffset - c.gapBefore, c.streamOffset);
        if (e > s) out.push({ kind: "gap", chunk: i, direction, streamOffset: s, length: e - s });
      }
      const [s, e] = clip(c.streamOffset, c.streamOffset + c.length);
      if (e > s)
        out.push({
          kind: "data",
          chunk: i,
          frame: c.frame,
          direction,
          streamOffset: s,
          bytes: this.data[i]!.subarray(s - c.streamOffset, e - c.streamOffset),
        });
      pos = c.streamOffset + c.length;
    }
    const trailing = this.info.trailingGap[direction];
    if (trailing > 0) {
      const [s, e] = clip(pos, pos + trailing);
      if (e > s) out.push({ kind: "gap", chunk: this.chunks.length, direction, streamOffset: s, length: e - s });
    }
    return Promise.resolve(out);
  }

  chunkAt(direction: Direction, offset: number): number {
    for (let i = 0; i < this.chunks.length; i++) {
      const c = this.chunks[i]!;
      if (c.direction === direction && c.streamOffset + c.length > offset) return i;
    }
    return this.chunks.length;
  }
}

/** A source over streams numbered by their position. */
export function memorySource(streams: readonly MemoryStream[]): FtpStreamSource {
  return { tcpCount: streams.length, stream: (i) => streams[i] ?? null };
}

/** Frame numbers shared by the conversations of one test capture. */
export class Clock {
  frame = 1;
  next(): number {
    return this.frame++;
  }
}

/** Builds a conversation: `c` sends from node 0 (the client), `s` from node 1 (the server), each a segment with the clock's next frame. */
export class Conversation {
  readonly segments: TestSegment[] = [];
  constructor(readonly clock: Clock = new Clock()) {}
  c(data: string | Uint8Array, gapBefore = 0): this {
    this.segments.push({ dir: 0, data, frame: this.clock.next(), gapBefore });
    return this;
  }
  s(data: string | Uint8Array, gapBefore = 0): this {
    this.segments.push({ dir: 1, data, frame: this.clock.next(), gapBefore });
    return this;
  }
  /** The conversation as stream `index` between `client` and `server` ("address port"). */
  stream(index: number, client: string, server: string, opts: { firstFrame?: number; trailingGap?: [number, number] } = {}): MemoryStream {
    const ep = (s: string): FollowEndpoint => {
      const sp = s.lastIndexOf(" ");
      return { address: s.slice(0, sp), port: Number(s.slice(sp + 1)) };
    };
    return new MemoryStream(index, [ep(client), ep(server)], this.segments, opts);
  }
}

/**
 * Reads a zip (stored entries, as client-zip writes them) through its central
 * directory: name → bytes. For tests of "Download all"; no zip64.
 */
export function readZip(zip: Uint8Array): Map<string, Uint8Array> {
  const dv = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = zip.length - 22;
  while (eocd >= 0 && dv.getUint32(eocd, true) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error("not a zip: no end of central directory");
  const count = dv.getUint16(eocd + 10, true);
  let p = dv.getUint32(eocd + 16, true);
  const out = new Map<string, Uint8Array>();
  const utf8 = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (dv.getUint32(p, true) !== 0x02014b50) throw new Error("bad central directory entry");
    const method = dv.getUint16(p + 10, true);
    const size = dv.getUint32(p + 20, true);
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    const local = dv.getUint32(p + 42, true);
    const name = utf8.decode(zip.subarray(p + 46, p + 46 + nameLen));
    if (method !== 0) throw new Error(`${name}: compressed entries are not supported here`);
    if (dv.getUint32(local, true) !== 0x04034b50) throw new Error(`${name}: bad local header`);
    const data = local + 30 + dv.getUint16(local + 26, true) + dv.getUint16(local + 28, true);
    out.set(name, zip.subarray(data, data + size));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}
