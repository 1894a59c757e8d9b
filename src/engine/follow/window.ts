/**
 * A window of a followed stream packed for one worker message: the records
 * of a range of chunks (gaps included) without per-record byte arrays, and
 * all their bytes in one array (transferred, not copied).
 *
 * Windows count positions in the selection: chunk indexes for the whole
 * conversation, or the n-th chunk of one direction, so a direction with few
 * chunks in a long stream needs few windows.
 */
import { gapMarker } from "./render";
import { TableFollowStream } from "./follow-stream";
import type { Direction, FollowPiece, FollowSelection, FollowStream } from "./types";

export interface WindowRecord {
  /** Chunk index (a gap record names the chunk it precedes). */
  chunk: number;
  direction: Direction;
  /** The chunk's frame, or for a gap the frame that showed it. */
  frame: number;
  tsSec: number;
  tsNsec: number;
  gap: boolean;
  /** Stream offset of the first byte (of the gap, for a gap). */
  streamOffset: number;
  /** Bytes (data) or missing bytes (gap). */
  length: number;
  /** Where the data's bytes start in FollowWindow.bytes (0 for a gap). */
  start: number;
}

export interface FollowWindow {
  /** Positions [first, first + count) of the selection were asked for (clipped); `total` positions exist. */
  first: number;
  count: number;
  total: number;
  records: WindowRecord[];
  bytes: Uint8Array;
  /**
   * What the pane formats count before this window, per direction: bytes
   * printed (gap markers included, as the hex dump counts them) and records
   * (C arrays are numbered by them).
   */
  before: { offset: [number, number]; records: [number, number] };
}

/** Chunk indexes of the selection (null: every chunk, in order). */
export function selectionChunks(stream: FollowStream, selection: FollowSelection): Uint32Array | null {
  if (selection === "both") return null;
  if (stream instanceof TableFollowStream) return stream.directionChunks(selection);
  const cols = stream.chunkColumns(0, stream.info.chunkCount);
  const out: number[] = [];
  cols.direction.forEach((d, i) => d === selection && out.push(i));
  return Uint32Array.from(out);
}

/** Position of chunk `chunk` in the selection (the first at or after it). */
export function positionOfChunk(stream: FollowStream, selection: FollowSelection, chunk: number): number {
  const list = selectionChunks(stream, selection);
  if (!list) return chunk;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < chunk) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export async function readWindow(stream: FollowStream, first: number, count: number, selection: FollowSelection): Promise<FollowWindow> {
  const list = selectionChunks(stream, selection);
  const total = list ? list.length : stream.info.chunkCount;
  const a = Math.max(0, Math.min(first, total));
  const b = Math.max(a, Math.min(total, a + Math.max(0, count)));
  let pieces: FollowPiece[];
  if (!list) pieces = await stream.readChunks(a, b - a, "both");
  else if (a === b) pieces = [];
  else pieces = await stream.readChunks(list[a]!, list[b - 1]! - list[a]! + 1, selection);
  let size = 0;
  for (const p of pieces) if (p.kind === "data") size += p.bytes.length;
  const bytes = new Uint8Array(size);
  const records: WindowRecord[] = [];
  let at = 0;
  for (const p of pieces) {
    const c = stream.chunk(p.chunk);
    if (p.kind === "gap") {
      records.push({
        chunk: p.chunk,
        direction: p.direction,
        frame: c.gapFrame,
        tsSec: 0,
        tsNsec: 0,
        gap: true,
        streamOffset: p.streamOffset,
        length: p.length,
        start: 0,
      });
    } else {
      bytes.set(p.bytes, at);
      records.push({
        chunk: p.chunk,
        direction: p.direction,
        frame: p.frame,
        tsSec: c.tsSec,
        tsNsec: c.tsNsec,
        gap: false,
        streamOffset: p.streamOffset,
        length: p.bytes.length,
        start: at,
      });
      at += p.bytes.length;
    }
  }
  // Counters before the window's first chunk.
  const firstChunk = a < total ? (list ? list[a]! : a) : stream.info.chunkCount;
  const cols = stream.chunkColumns(0, firstChunk);
  const before = { offset: [0, 0] as [number, number], records: [0, 0] as [number, number] };
  for (let i = 0; i < cols.count; i++) {
    const d = cols.direction[i] as Direction;
    if (cols.gapBefore[i]! > 0) {
      before.offset[d] += gapMarker(cols.gapBefore[i]!).length;
      before.records[d]++;
    }
    before.offset[d] += cols.length[i]!;
    before.records[d]++;
  }
  return { first: a, count: b - a, total, records, bytes, before };
}
