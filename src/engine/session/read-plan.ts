/**
 * Reading many packets back by their file offsets (Info of a window of rows,
 * a sort by Info) in few reads: the packets are sorted by offset and
 * neighbours merged into one read when the gap between them is small, so a
 * window of consecutive rows costs one Blob slice instead of one per packet.
 */
import type { ByteSource } from "../io/byte-source";

export interface ReadGroup {
  start: number;
  end: number;
  /** Rows whose bytes lie in [start, end), in offset order. */
  rows: number[];
}

export interface ReadPlanOptions {
  /** Merge two packets into one read when the bytes between them are fewer than this. */
  maxGap?: number;
  /** Never let one read grow beyond this many bytes (unless a single packet is larger). */
  maxRead?: number;
}

export function planReads(
  rows: readonly number[],
  offset: ArrayLike<number>,
  capLen: ArrayLike<number>,
  opts: ReadPlanOptions = {},
): ReadGroup[] {
  const maxGap = opts.maxGap ?? 64 * 1024;
  const maxRead = opts.maxRead ?? 4 * 1024 * 1024;
  const sorted = [...rows].sort((a, b) => offset[a]! - offset[b]!);
  const groups: ReadGroup[] = [];
  let g: ReadGroup | null = null;
  for (const row of sorted) {
    const start = offset[row]!;
    const end = start + capLen[row]!;
    if (g && start - g.end < maxGap && Math.max(g.end, end) - g.start <= maxRead) {
      g.end = Math.max(g.end, end);
      g.rows.push(row);
    } else {
      g = { start, end, rows: [row] };
      groups.push(g);
    }
  }
  return groups;
}

/**
 * Calls `visit(row, bytes)` for every row, in file order. `bytes` is valid
 * only during the call. Yields between reads, so other work interleaves.
 */
export async function readRows(
  source: ByteSource,
  rows: readonly number[],
  offset: () => ArrayLike<number>,
  capLen: () => ArrayLike<number>,
  visit: (row: number, bytes: Uint8Array) => void,
  opts: ReadPlanOptions = {},
): Promise<void> {
  for (const g of planReads(rows, offset(), capLen(), opts)) {
    const bytes = await source.read(g.start, g.end - g.start);
    // The index may have grown (new arrays) while we waited: read the columns again.
    const off = offset();
    const len = capLen();
    for (const row of g.rows) {
      const s = off[row]! - g.start;
      visit(row, bytes.subarray(s, s + len[row]!));
    }
  }
}
