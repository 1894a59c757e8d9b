/**
 * The packet list's window onto the worker: blocks of rows fetched as
 * columnar batches, a bounded number kept, plus the receiver's copy of the
 * address and protocol string tables. React components read it through
 * `subscribe`/`version` (useSyncExternalStore); nothing here is per-packet
 * objects.
 */
import type { RowBatch, StringTableDelta } from "../engine/session/types";

export type FetchRows = (first: number, count: number, knownAddresses: number, knownProtocols: number) => Promise<RowBatch>;

export interface RowRef {
  batch: RowBatch;
  /** Index of the row within the batch. */
  i: number;
}

interface Block {
  batch: RowBatch;
  generation: number;
}

export class RowCache {
  readonly addresses: string[] = [];
  readonly protocols: string[] = [];
  private readonly blocks = new Map<number, Block>();
  private readonly inflight = new Map<number, number>();
  private readonly listeners = new Set<() => void>();
  private generation = 0;
  private lastCentre = 0;
  private versionNumber = 0;
  private firstBatchSeen = false;
  /** Called once, when the first non-empty batch arrives (time to first rows). */
  onFirstRows: (() => void) | null = null;
  /** Called when a fetch fails for another reason than the client going away. */
  onError: ((e: unknown) => void) | null = null;

  constructor(
    private readonly fetchRows: FetchRows,
    readonly blockSize = 128,
    private readonly maxBlocks = 256,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  version = (): number => this.versionNumber;

  private changed(): void {
    this.versionNumber++;
    for (const l of this.listeners) l();
  }

  /** The cached row at display position `pos`, if any. */
  row(pos: number): RowRef | null {
    const block = this.blocks.get(Math.floor(pos / this.blockSize));
    if (!block) return null;
    const i = pos - block.batch.first;
    return i >= 0 && i < block.batch.count ? { batch: block.batch, i } : null;
  }

  address(id: number): string {
    return this.addresses[id] ?? "";
  }

  protocol(id: number): string {
    return this.protocols[id] ?? "";
  }

  /**
   * Makes sure rows [first, end) are fetched, given `available` rows exist.
   * A block fetched while fewer rows existed is fetched again once more do.
   */
  request(first: number, end: number, available: number): void {
    end = Math.min(end, available);
    if (end <= first) return;
    this.lastCentre = (first + end) / 2;
    const b0 = Math.floor(first / this.blockSize);
    const b1 = Math.floor((end - 1) / this.blockSize);
    for (let b = b0; b <= b1; b++) {
      const block = this.blocks.get(b);
      const start = b * this.blockSize;
      const want = Math.min(this.blockSize, available - start);
      if (block && block.generation === this.generation && block.batch.count >= want) continue;
      if (this.inflight.get(b) === this.generation) continue;
      this.fetch(b, start);
    }
  }

  private fetch(b: number, start: number): void {
    const generation = this.generation;
    this.inflight.set(b, generation);
    this.fetchRows(start, this.blockSize, this.addresses.length, this.protocols.length).then(
      (batch) => {
        if (this.inflight.get(b) === generation) this.inflight.delete(b);
        merge(this.addresses, batch.addresses);
        merge(this.protocols, batch.protocols);
        if (generation !== this.generation) return;
        this.blocks.set(b, { batch, generation });
        this.evict();
        if (!this.firstBatchSeen && batch.count > 0) {
          this.firstBatchSeen = true;
          this.onFirstRows?.();
        }
        this.changed();
      },
      (e: unknown) => {
        if (this.inflight.get(b) === generation) this.inflight.delete(b);
        this.onError?.(e);
      },
    );
  }

  /** Keeps the blocks nearest to what was last asked for. */
  private evict(): void {
    if (this.blocks.size <= this.maxBlocks) return;
    const centre = this.lastCentre / this.blockSize;
    const far = [...this.blocks.keys()].sort((a, b) => Math.abs(b - centre) - Math.abs(a - centre));
    for (const b of far.slice(0, this.blocks.size - this.maxBlocks)) this.blocks.delete(b);
  }

  /** Drops every row (the display order changed); string tables stay valid. */
  invalidate(): void {
    this.generation++;
    this.blocks.clear();
    this.inflight.clear();
    this.changed();
  }

  /** True while some block is being fetched. */
  get busy(): boolean {
    return this.inflight.size > 0;
  }
}

/** Appends a string-table delta, tolerating overlap with what we already have. */
export function merge(table: string[], delta: StringTableDelta): void {
  const skip = table.length - delta.from;
  if (skip < 0) return; // a gap cannot happen (we always say how many we know); ignore defensively
  for (let i = skip; i < delta.strings.length; i++) table.push(delta.strings[i]!);
}
