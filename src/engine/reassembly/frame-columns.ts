/**
 * Per-frame facts a stateful dissector records on the first pass and reads
 * back when a frame is re-dissected (`pinfo.visited`): typed-array columns
 * indexed by frame number, allocated in chunks of 64 Ki frames only where a
 * value was written. A capture of millions of frames costs a few bytes per
 * frame that has the fact, nothing for frames that do not.
 */

const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;

type Typed = Uint32Array | Int32Array | Float64Array;

class Column<T extends Typed> {
  private readonly chunks: (T | undefined)[] = [];
  constructor(private readonly make: (n: number) => T) {}

  get(frame: number): number {
    const c = this.chunks[frame >>> CHUNK_BITS];
    return c ? c[frame & MASK]! : 0;
  }

  set(frame: number, v: number): void {
    const i = frame >>> CHUNK_BITS;
    let c = this.chunks[i];
    if (!c) {
      if (v === 0) return;
      c = this.make(CHUNK);
      this.chunks[i] = c;
    }
    c[frame & MASK] = v;
  }
}

/** Unsigned 32-bit per-frame values (0 when never written). */
export class FrameColumnU32 extends Column<Uint32Array> {
  constructor() {
    super((n) => new Uint32Array(n));
  }
}

/** Signed 32-bit per-frame values (0 when never written). */
export class FrameColumnI32 extends Column<Int32Array> {
  constructor() {
    super((n) => new Int32Array(n));
  }
}

/** Double per-frame values (0 when never written). */
export class FrameColumnF64 extends Column<Float64Array> {
  constructor() {
    super((n) => new Float64Array(n));
  }
}
