/**
 * A ByteSource over a File whose reads run on a reader thread of their own
 * (reader.worker.ts), so that the capture reader's read-ahead overlaps the
 * parsing of the current window instead of waiting for the analyzer to go
 * idle. Where a nested worker cannot start, reads fall back to the File
 * directly (BlobSource), slower but the same bytes.
 *
 * The file's first window (1 MiB, the pass's first read) is kept: the packet
 * list's first rows are re-dissected for their Info column while the pass
 * reads on, and such a read would otherwise queue behind the next 16 MiB
 * read-ahead on the reader thread (200–400 ms before the first rows showed).
 */
import { BlobSource } from "../engine/io/blob-source";
import type { ByteSource } from "../engine/io/byte-source";

export type ReaderRequest =
  | { kind: "file"; file: Blob }
  | { kind: "read"; id: number; offset: number; length: number }
  /** A window the analyzer is done with, to read into again (sequential-reads.ts). */
  | { kind: "spare"; buffer: ArrayBuffer };
/** `length`: the bytes read, at the start of `buffer` (default: all of it). */
export type ReaderReply = { id: number; buffer: ArrayBuffer; length?: number } | { id: number; error: string };

/** Reads at least this large are the pass's windows: the reader thread reads them from a stream into released buffers. */
export const STREAM_READ_MIN = 4 * 1024 * 1024;

/** The first window is kept up to this size (the pass reads 1 MiB first). */
const FIRST_WINDOW_MAX = 1024 * 1024;

/** A reader thread (reader.worker.ts). */
export function startReader(): Worker {
  return new Worker(new URL("./reader.worker.ts", import.meta.url), { type: "module", name: "pcapscope-reader" });
}

interface Pending {
  offset: number;
  length: number;
  resolve(bytes: Uint8Array): void;
  reject(e: Error): void;
}

export class ThreadedBlobSource implements ByteSource {
  private worker: Worker | null;
  private readonly direct: BlobSource;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** The bytes at offset 0 the pass read first. */
  private first: Uint8Array | null = null;

  constructor(
    private readonly file: Blob,
    readonly name = "capture",
    createWorker: () => Worker = startReader,
  ) {
    this.direct = new BlobSource(file, name);
    try {
      this.worker = createWorker();
      this.worker.onmessage = (e: MessageEvent<ReaderReply>) => this.settle(e.data);
      this.worker.onerror = () => this.fallBack();
      this.worker.postMessage({ kind: "file", file } satisfies ReaderRequest);
    } catch {
      this.worker = null;
    }
  }

  size(): number {
    return this.file.size;
  }

  read(offset: number, length: number): Promise<Uint8Array> {
    const end = Math.min(this.file.size, offset + length);
    if (end <= offset) return Promise.resolve(new Uint8Array(0));
    // A copy: callers may transfer what they read to another thread, and the window is shared.
    if (this.first && end <= this.first.length) return Promise.resolve(this.first.slice(offset, end));
    if (!this.worker) return this.direct.read(offset, end - offset);
    const id = this.nextId++;
    return new Promise<Uint8Array>((resolve, reject) => {
      this.pending.set(id, { offset, length: end - offset, resolve, reject });
      this.worker!.postMessage({ kind: "read", id, offset, length: end - offset } satisfies ReaderRequest);
    });
  }

  /**
   * A window the capture reader moved past goes back to the reader thread,
   * which reads a later window into it (sequential-reads.ts). Not the first
   * window, which is kept here, nor small reads.
   */
  release(bytes: Uint8Array): void {
    const buffer = bytes.buffer;
    if (!this.worker || !(buffer instanceof ArrayBuffer) || bytes.byteOffset !== 0 || buffer.byteLength < STREAM_READ_MIN) return;
    if (buffer === this.first?.buffer) return;
    this.worker.postMessage({ kind: "spare", buffer } satisfies ReaderRequest, [buffer]);
  }

  /** Stops the reader thread; reads still waiting fail. */
  close(): void {
    this.first = null;
    this.worker?.terminate();
    this.worker = null;
    for (const p of this.pending.values()) p.reject(new Error("the capture was closed"));
    this.pending.clear();
  }

  private settle(reply: ReaderReply): void {
    const p = this.pending.get(reply.id);
    if (!p) return;
    this.pending.delete(reply.id);
    if ("buffer" in reply) {
      const bytes = new Uint8Array(reply.buffer, 0, reply.length ?? reply.buffer.byteLength);
      // The largest read at 0 (the format sniffers read a few hundred bytes there first).
      const larger = bytes.length > (this.first?.length ?? 0);
      if (p.offset === 0 && bytes.length <= FIRST_WINDOW_MAX && larger) this.first = bytes;
      p.resolve(bytes);
    } else p.reject(new Error(`reading ${this.name} failed: ${reply.error}`));
  }

  /** The reader thread failed to start or died: what it was asked for is read here instead. */
  private fallBack(): void {
    this.worker?.terminate();
    this.worker = null;
    for (const p of this.pending.values()) this.direct.read(p.offset, p.length).then(p.resolve, p.reject);
    this.pending.clear();
  }
}
