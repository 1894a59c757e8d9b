/**
 * Per-frame facts a stateful dissector records on the first pass and reads
 * back when a frame is re-dissected (`pinfo.visited`): typed-array columns
 * indexed by frame number, allocated in chunks of 4 Ki frames only where a
 * value was written. A capture of millions of frames costs a few bytes per
 * frame that has the fact, nothing for frames that do not.
 *
 * 4 Ki, not 64 Ki: a column's last chunk is mostly unused, and a fact of a
 * few scattered frames (a duplicate ACK, a retransmission) still takes a
 * whole chunk. On the 98,000-packet bench-ftp-mix capture, whose pass fills
 * about thirty such columns, 64 Ki chunks held 5.3 MB more (Node, after the
 * FTP report, array buffers 48.9 -> 43.6 MB); a column of 1.3M frames has
 * 325 chunks, still one array lookup per access.
 */

const CHUNK_BITS = 12;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;

// One class per element type, each with its own get/set: a shared generic
// class would make their element accesses polymorphic (they run for every
// TCP/UDP packet).

/** Unsigned 32-bit per-frame values (0 when never written). */
export class FrameColumnU32 {
  private readonly chunks: (Uint32Array | undefined)[] = [];

  get(frame: number): number {
    const c = this.chunks[frame >>> CHUNK_BITS];
    return c ? c[frame & MASK]! : 0;
  }

  set(frame: number, v: number): void {
    const i = frame >>> CHUNK_BITS;
    let c = this.chunks[i];
    if (!c) {
      if (v === 0) return;
      c = new Uint32Array(CHUNK);
      this.chunks[i] = c;
    }
    c[frame & MASK] = v;
  }
}

/** Signed 32-bit per-frame values (0 when never written). */
export class FrameColumnI32 {
  private readonly chunks: (Int32Array | undefined)[] = [];

  get(frame: number): number {
    const c = this.chunks[frame >>> CHUNK_BITS];
    return c ? c[frame & MASK]! : 0;
  }

  set(frame: number, v: number): void {
    const i = frame >>> CHUNK_BITS;
    let c = this.chunks[i];
    if (!c) {
      if (v === 0) return;
      c = new Int32Array(CHUNK);
      this.chunks[i] = c;
    }
    c[frame & MASK] = v;
  }
}

/** Double per-frame values (0 when never written). */
export class FrameColumnF64 {
  private readonly chunks: (Float64Array | undefined)[] = [];

  get(frame: number): number {
    const c = this.chunks[frame >>> CHUNK_BITS];
    return c ? c[frame & MASK]! : 0;
  }

  set(frame: number, v: number): void {
    const i = frame >>> CHUNK_BITS;
    let c = this.chunks[i];
    if (!c) {
      if (v === 0) return;
      c = new Float64Array(CHUNK);
      this.chunks[i] = c;
    }
    c[frame & MASK] = v;
  }
}

/** Unsigned 8-bit per-frame values (0 when never written): flags of a few frames. */
export class FrameColumnU8 {
  private readonly chunks: (Uint8Array | undefined)[] = [];

  get(frame: number): number {
    const c = this.chunks[frame >>> CHUNK_BITS];
    return c ? c[frame & MASK]! : 0;
  }

  set(frame: number, v: number): void {
    const i = frame >>> CHUNK_BITS;
    let c = this.chunks[i];
    if (!c) {
      if (v === 0) return;
      c = new Uint8Array(CHUNK);
      this.chunks[i] = c;
    }
    c[frame & MASK] = v;
  }
}
