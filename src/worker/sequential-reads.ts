/**
 * The reader thread's path for the indexing pass's windows: one byte stream
 * of the File, read (BYOB) into buffers the analyzer handed back, instead of
 * a `slice().arrayBuffer()` per window.
 *
 * Why: each `arrayBuffer()` allocates a fresh buffer, which chromium zeroes,
 * maps and later collects. Reading a 603 MB capture in 16 MiB windows that
 * way cost 3.4–4.8 s of chromium CPU in a page that only read; from one
 * stream into three buffers used in turn, 1.4–2.7 s. In the app the reader
 * thread went from 2.3–2.7 s to 0.45 s of CPU on that capture, which on two
 * cores the analyzer gets back.
 *
 * The pass's windows overlap (window-reader.ts: the next one starts up to
 * 128 KiB before the last one ended), so the bytes just before the stream's
 * position are kept as a copy (`tail`) and a window that starts among them
 * continues the stream. A large read that starts elsewhere at or after the
 * stream's position starts a new stream there; one that starts before it
 * (the packet list re-reading earlier rows while the pass goes on) is not
 * for this path (`continues` is false) and is read by slice as before.
 */
import { BufferPool } from "../engine/io/buffer-pool";

/** Bytes kept before the stream's position: more than the readers' window overlap. */
const TAIL = 256 * 1024;
/**
 * Buffers kept for reuse. One is enough: the analyzer hands back the window
 * it leaves just before it asks for the one after the next (window-reader.ts),
 * and holds two meanwhile. More would only hold memory.
 */
const MAX_SPARES = 1;
/** The stream ends and the spares are freed after this long without a read (the pass is over, or stopped). */
const IDLE_MS = 1000;

export class SequentialReads {
  private reader: ReadableStreamBYOBReader | null = null;
  /** The file offset the stream has reached. */
  private at = 0;
  /** A copy of the bytes just before `at`. */
  private tail = new Uint8Array(0);
  private readonly spares = new BufferPool(MAX_SPARES);
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
    this.spares.give(buffer);
    this.armIdle();
  }

  /** Bytes [offset, offset+length) clipped at the end of the file, in a buffer of their own (transferable). */
  read(offset: number, length: number): Promise<Uint8Array> {
    const run = this.queue.then(() => this.readNow(offset, length));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Drops the stream and frees the spares (BufferPool.clear). */
  close(): void {
    this.endStream();
    this.spares.clear();
    if (this.idle) clearTimeout(this.idle);
  }

  /** The file's end was read, or reading paused: the stream (and what the browser holds for it) goes. */
  private endStream(): void {
    void this.reader?.cancel().catch(() => undefined);
    this.reader = null;
    this.tail = new Uint8Array(0);
  }

  private async readNow(offset: number, length: number): Promise<Uint8Array> {
    this.armIdle();
    const n = Math.max(0, Math.min(this.file.size, offset + length) - offset);
    let buffer = this.spares.take(n) ?? new ArrayBuffer(n);
    let filled = 0;
    if (this.reader === null || offset < this.at - this.tail.length || offset > this.at) {
      this.endStream();
      this.reader = this.file.slice(offset).stream().getReader({ mode: "byob" });
      this.at = offset;
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
      this.endStream();
      throw e;
    }
    const bytes = new Uint8Array(buffer, 0, filled);
    if (this.at >= this.file.size) this.endStream();
    else if (offset + filled === this.at) this.tail = bytes.slice(Math.max(0, filled - TAIL));
    return bytes;
  }

  private armIdle(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = setTimeout(() => {
      this.endStream();
      this.spares.clear();
      this.idle = null;
    }, IDLE_MS);
  }
}
