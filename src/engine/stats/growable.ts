/** Typed-array columns that double when full: the statistics tables' rows. */
export class Column<T extends Int32Array | Float64Array> {
  constructor(
    public a: T,
    private readonly make: (n: number) => T,
  ) {}
  ensure(n: number): void {
    if (n <= this.a.length) return;
    const next = this.make(Math.max(n, this.a.length * 2));
    next.set(this.a);
    this.a = next;
  }
}

export const intColumn = (): Column<Int32Array> => new Column(new Int32Array(64), (n) => new Int32Array(n));
export const floatColumn = (): Column<Float64Array> => new Column(new Float64Array(64), (n) => new Float64Array(n));

/**
 * Row order of tshark's conversation and endpoint tables: by total frames,
 * most first; rows with equal totals in the order they appeared.
 */
export function byFramesDescending(frames: (row: number) => number, rows: number): number[] {
  // Typed keys and indices: a million rows sort in a fraction of a second.
  const key = new Float64Array(rows);
  let counted = 0;
  for (let r = 0; r < rows; r++) if ((key[r] = frames(r)) > 0) counted++;
  const order = new Uint32Array(counted);
  for (let r = 0, k = 0; r < rows; r++) if (key[r]! > 0) order[k++] = r;
  order.sort((a, b) => key[b]! - key[a]! || a - b);
  return Array.from(order);
}

/** Frames and bytes each way, per row: what conversations and endpoints both count. */
export interface Traffic {
  txFrames: number;
  txBytes: number;
  rxFrames: number;
  rxBytes: number;
}

export class TrafficColumns {
  private readonly txFrames = floatColumn();
  private readonly rxFrames = floatColumn();
  private readonly txBytes = floatColumn();
  private readonly rxBytes = floatColumn();

  ensure(rows: number): void {
    for (const c of [this.txFrames, this.rxFrames, this.txBytes, this.rxBytes]) c.ensure(rows);
  }

  /** Counts a frame of `bytes` sent (tx) or received (rx) by row `row`. */
  count(row: number, tx: boolean, bytes: number): void {
    const frames = tx ? this.txFrames.a : this.rxFrames.a;
    const total = tx ? this.txBytes.a : this.rxBytes.a;
    frames[row] = frames[row]! + 1;
    total[row] = total[row]! + bytes;
  }

  frames(row: number): number {
    return this.txFrames.a[row]! + this.rxFrames.a[row]!;
  }

  of(row: number): Traffic {
    return {
      txFrames: this.txFrames.a[row]!,
      txBytes: this.txBytes.a[row]!,
      rxFrames: this.rxFrames.a[row]!,
      rxBytes: this.rxBytes.a[row]!,
    };
  }
}
