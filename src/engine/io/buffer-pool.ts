/**
 * Buffers a source's callers handed back (ByteSource.release), kept to read
 * a later window into: the Node file source and the browser's reader thread
 * (worker/sequential-reads.ts) share it.
 */
export class BufferPool {
  private readonly spares: ArrayBuffer[] = [];

  /** At most `max` buffers, none smaller than `minBytes` (and no read below it takes one). */
  constructor(
    private readonly max: number,
    private readonly minBytes = 0,
  ) {}

  /** Keeps `buffer` unless it is too small, the pool is full, or it is here already (two reads sharing one would overwrite each other). */
  give(buffer: ArrayBuffer): void {
    if (buffer.byteLength < this.minBytes || this.spares.length >= this.max || this.spares.includes(buffer)) return;
    this.spares.push(buffer);
  }

  /** A kept buffer of at least `n` bytes, taken out of the pool, or null. */
  take(n: number): ArrayBuffer | null {
    if (n < this.minBytes) return null;
    const at = this.spares.findIndex((b) => b.byteLength >= n);
    return at < 0 ? null : this.spares.splice(at, 1)[0]!;
  }

  /**
   * Lets go of the kept buffers, freeing their memory at once where
   * `transfer(0)` (ES2024) exists: it detaches a buffer and releases its
   * memory, where an idle thread might not collect garbage for a long time.
   * Elsewhere (Node 20) they are left to the collector.
   */
  clear(): void {
    for (const b of this.spares) (b as { transfer?: (n: number) => ArrayBuffer }).transfer?.(0);
    this.spares.length = 0;
  }
}
