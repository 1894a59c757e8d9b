/**
 * The reader thread's path for the indexing pass's windows: one byte stream
 * of the File, read (BYOB) into buffers the analyzer handed back, instead of
 * a `slice().arrayBuffer()` per window.
 *
 * Why: each `arrayBuffer()` allocates a fresh buffer, which chromium zeroes,
 * maps and later collects. Reading a 603 MB capture in 16 MiB windows that
 * way cost 3.4–4.8 s of chromium CPU (2.4–3.4 s on the reader thread);
 * reading the same windows from one stream into three buffers used in turn
 * cost 1.4–2.7 s. On two cores that CPU is taken from the analyzer.
 *
 * The pass's windows overlap (window-reader.ts: the next one starts up to
 * 128 KiB before the last one ended), so the bytes just before the stream's
 * position are kept as a copy (`tail`) and a window that starts among them
 * continues the stream. A large read that starts elsewhere at or after the
 * stream's position starts a new stream there; one that starts before it
 * (the packet list re-reading earlier rows while the pass goes on) is not
 * for this path (`continues` is false) and is read by slice as before.
 */

/** Bytes kept before the stream's position: more than the readers' window overlap. */
const TAIL = 256 * 1024;
/** Buffers kept for reuse: the analyzer holds the window it parses and the one read ahead. */
const MAX_SPARES = 3;
/** Spares are dropped after this long without a read (the pass is over, or stopped). */
const IDLE_MS = 2000;

export class SequentialReads {
  private reader: ReadableStreamBYOBReader | null = null;
  /** The file offset the stream has reached. */
  private at = 0;
  /** A copy of the bytes just before `at`. */
  private tail = new Uint8Array(0);
  private readonly spares: ArrayBuffer[] = [];
  /** Reads on the stream run one at a time, in the order asked. */
  private queue: Promise<unknown> = Promise.resolve();
  private idle: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly file: Blob) {}

  /** Whether a read at `offset` is for this path: it continues the stream, or starts one at or after it. */
  continues(offset: number): boolean {
    return this.reader === null || offset >= this.at - this.tail.length;
  }

  /** A buffer the analyzer is done with (ByteSource.release), to read into again. */
  addSpare(buffer: ArrayBuffer): void {
    if (this.spares.length < MAX_SPARES && !this.spares.includes(buffer)) this.spares.push(buffer);
    this.armIdle();
  }

  /** Bytes [offset, offset+length) clipped at the end of the file, in a buffer of their own (transferable). */
  read(offset: number, length: number): Promise<Uint8Array> {
    const run = this.queue.then(() => this.readNow(offset, length));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Drops the stream and the spares. */
  close(): void {
    void this.reader?.cancel().catch(() => undefined);
    this.reader = null;
    this.spares.length = 0;
    if (this.idle) clearTimeout(this.idle);
  }

  private async readNow(offset: number, length: number): Promise<Uint8Array> {
    this.armIdle();
    const n = Math.max(0, Math.min(this.file.size, offset + length) - offset);
    let buffer = this.takeSpare(n) ?? new ArrayBuffer(n);
    let filled = 0;
    if (this.reader === null || offset < this.at - this.tail.length || offset > this.at) {
      void this.reader?.cancel().catch(() => undefined);
      this.reader = this.file.slice(offset).stream().getReader({ mode: "byob" });
      this.at = offset;
      this.tail = new Uint8Array(0);
    } else if (offset < this.at) {
      const from = this.tail.length - (this.at - offset);
      const part = this.tail.subarray(from, from + n);
      new Uint8Array(buffer).set(part);
      filled = part.length;
    }
    try {
      while (filled < n) {
        // The view's buffer is transferred to the stream and comes back as r.value's.
        const r = await this.reader.read(new Uint8Array(buffer, filled, n - filled));
        if (!r.value) throw new Error("the file's stream gave no buffer back");
        buffer = r.value.buffer as ArrayBuffer;
        if (r.done) break;
        filled += r.value.byteLength;
        this.at += r.value.byteLength;
      }
    } catch (e) {
      this.reader = null;
      throw e;
    }
    const bytes = new Uint8Array(buffer, 0, filled);
    if (offset + filled === this.at) this.tail = bytes.slice(Math.max(0, filled - TAIL));
    return bytes;
  }

  /** A spare of at least `n` bytes. */
  private takeSpare(n: number): ArrayBuffer | null {
    const at = this.spares.findIndex((b) => b.byteLength >= n);
    return at < 0 ? null : this.spares.splice(at, 1)[0]!;
  }

  private armIdle(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = setTimeout(() => {
      this.spares.length = 0;
      this.idle = null;
    }, IDLE_MS);
  }
}
