/**
 * Applying a display filter to an open capture: first every row is put to
 * the packet index (IndexFields, three-valued), which settles most of them
 * for filters on protocols, ports, streams, addresses and frame facts; the
 * rows it cannot settle are read back and dissected again (as Wireshark's
 * GUI re-dissects when filtering), collecting only the filter's fields.
 *
 * The outcome is one mark per row; a newer filter cancels an older one
 * between read windows.
 */
import type { ByteSource } from "../io/byte-source";
import type { Dissection } from "../dissect/dissection";
import { FieldCollector } from "../dissect/tree";
import { CollectorFields, currentLayerNumber, type DisplayFilter } from "../filter";
import type { PacketIndex } from "../index/packet-index";
import type { PacketRecord } from "../capture/types";
import { IndexFields } from "./index-fields";
import { readRows } from "./read-plan";

export class FilterCancelled extends Error {
  constructor() {
    super("display filter replaced by a newer one");
  }
}

export interface FilterRunContext {
  source: ByteSource;
  index: PacketIndex;
  dissection: Dissection;
  format: string;
  first: { sec: number; nsec: number } | null;
  comments: ReadonlyMap<number, readonly string[]>;
  recordOf(row: number): PacketRecord;
  previousTime(row: number): { sec: number; nsec: number } | null;
  /** False once a newer filter started: the run stops at its next read. */
  stillWanted(): boolean;
  onProgress?(done: number, total: number): void;
}

export interface FilterMarks {
  /** Per row: 1 shown, 0 not. */
  keep: Uint8Array;
  /** Rows the index settled / rows dissected to decide. */
  fromIndex: number;
  dissected: number;
}

/** Evaluates `filter` on rows [from, to) (later rows of a capture still loading come in later calls). */
export async function runFilter(filter: DisplayFilter, ctx: FilterRunContext, from: number, to: number, keep: Uint8Array): Promise<FilterMarks> {
  const fields = new IndexFields(ctx.index, ctx.first, ctx.format, ctx.comments);
  const pending: number[] = [];
  let fromIndex = 0;
  for (let row = from; row < to; row++) {
    fields.row = row;
    const t = filter.tri(fields);
    if (t === 2) pending.push(row);
    else {
      keep[row] = t;
      fromIndex++;
    }
  }
  ctx.onProgress?.(fromIndex, to - from);
  if (pending.length === 0) return { keep, fromIndex, dissected: 0 };

  const collector = new FieldCollector(filter.fields, { positions: true });
  if (filter.layers) collector.trackLayers(() => currentLayerNumber(ctx.dissection.pinfo));
  const packet = new CollectorFields(collector);
  // frame.time_delta_displayed counts from the last row shown before this one.
  let lastShownRow = -1;
  let scanned = from;
  const lastShownBefore = (row: number): number => {
    for (; scanned < row; scanned++) if (keep[scanned]) lastShownRow = scanned;
    return lastShownRow;
  };
  let done = 0;
  const step = 4096;
  for (let i = 0; i < pending.length; i += step) {
    if (!ctx.stillWanted()) throw new FilterCancelled();
    const rows = pending.slice(i, i + step);
    await readRows(
      ctx.source,
      rows,
      () => ctx.index.offset,
      () => ctx.index.capLen,
      (row, bytes) => {
        collector.reset();
        const rec = ctx.recordOf(row);
        const pinfo = ctx.dissection.redissect(rec, bytes, collector, ctx.previousTime(row));
        packet.setPacket(bytes, pinfo);
        const shown = lastShownBefore(row);
        packet.deltaDisplayed = shown < 0 ? 0n : BigInt(rec.tsSec - ctx.index.tsSec[shown]!) * 1_000_000_000n + BigInt(rec.tsNsec - ctx.index.tsNsec[shown]!);
        keep[row] = filter.matches(packet) ? 1 : 0;
      },
      { maxRead: 8 * 1024 * 1024 },
    );
    done += rows.length;
    ctx.onProgress?.(fromIndex + done, to - from);
  }
  if (!ctx.stillWanted()) throw new FilterCancelled();
  return { keep, fromIndex, dissected: pending.length };
}

/** The rows kept, in display order (`order`: display position → row under a sort, null for frame order). */
export function displayOrder(keep: Uint8Array, count: number, order: Uint32Array | null): Uint32Array {
  let m = 0;
  for (let r = 0; r < count; r++) m += keep[r]!;
  const out = new Uint32Array(m);
  let k = 0;
  for (let p = 0; p < count && k < m; p++) {
    const row = order && p < order.length ? order[p]! : p;
    if (keep[row]) out[k++] = row;
  }
  return out;
}
