/**
 * Hashing FTP data connections on another thread while the indexing pass
 * goes on (data-hashes.ts): the pass copies each delivered chunk into a
 * batch, and full batches are transferred to a hashing thread, which runs
 * InterleavedHashers over them in order. Hashing 100 MB with MD5 and SHA-256
 * costs ~0.5 s of a core here: on the pass's own thread it would slow the
 * pass by that much; on the second core it costs the pass one copy.
 *
 * This file is the protocol both ends share, over any postMessage (a Web
 * Worker in the app: src/worker/hash-thread.ts; worker_threads in the CLI:
 * src/cli/hash-thread.ts). A batch is a run of records:
 *
 *   op (u8: UPDATE, DROP, DIGEST) · key (u32) · id or length (u32) · bytes (UPDATE)
 *
 * and the thread answers each DIGEST with { id, md5, sha256 }.
 */
import type { InterleavedHashers, StreamHasher } from "./data-hashes";

const UPDATE = 1;
const DROP = 2;
const DIGEST = 3;
const RECORD_HEADER = 9;

/** Bytes per batch: large enough to amortise a message, small enough to keep the pipeline short. */
export const BATCH_BYTES = 1 << 20;

export interface HashReply {
  id: number;
  md5: string;
  sha256: string;
}

/**
 * The pass's end: batches the work and sends it; `post` must transfer
 * `buffer`, and the thread hands each buffer back (`recycle`) once hashed,
 * so that the pass writes into memory already mapped.
 */
export class BatchingHasher implements StreamHasher {
  private buffer = new ArrayBuffer(BATCH_BYTES);
  private bytes = new Uint8Array(this.buffer);
  private view = new DataView(this.buffer);
  private used = 0;
  private nextId = 1;
  private flushQueued = false;
  private readonly pool: ArrayBuffer[] = [];
  private readonly waiting = new Map<number, { resolve: (r: HashReply) => void; reject: (e: Error) => void }>();
  private failure: Error | null = null;

  constructor(private readonly post: (buffer: ArrayBuffer, length: number) => void) {}

  /** The thread is gone: digests asked for, and asked for from now on, fail with `error`; nothing more is posted. */
  fail(error: Error): void {
    this.failure ??= error;
    for (const w of this.waiting.values()) w.reject(this.failure);
    this.waiting.clear();
  }

  /** A batch buffer the thread is done with (kept for the next batches unless closed). */
  recycle(buffer: ArrayBuffer): void {
    if (buffer.byteLength === BATCH_BYTES && this.pool.length < 8 && !this.closed) this.pool.push(buffer);
  }

  private closed = false;

  /**
   * No more work (the pass is over, its digests answered): the batch buffers
   * are let go. The session keeps its DataHashes, which keeps this hasher,
   * for as long as the capture is open: in chromium the pool was 5-8 MiB of
   * the analyzer's memory after the pass (heap snapshot of bench-ftp-mix).
   * What comes after it fails, as after the thread's failure.
   */
  close(): void {
    this.closed = true;
    this.fail(new Error("the hasher was closed"));
    this.pool.length = 0;
    this.buffer = new ArrayBuffer(0);
    this.bytes = new Uint8Array(this.buffer);
    this.view = new DataView(this.buffer);
    this.used = 0;
  }

  /** The thread's answer to a DIGEST. */
  reply(r: HashReply): void {
    const w = this.waiting.get(r.id);
    this.waiting.delete(r.id);
    w?.resolve(r);
  }

  update(key: number, bytes: Uint8Array): void {
    // Nobody hashes (the thread failed, or closed): a batch would be dropped anyway.
    if (this.failure) return;
    for (let at = 0; at < bytes.length; ) {
      if (this.used + RECORD_HEADER + 1 > BATCH_BYTES) this.flush();
      const n = Math.min(bytes.length - at, BATCH_BYTES - this.used - RECORD_HEADER);
      this.header(UPDATE, key, n);
      this.bytes.set(bytes.subarray(at, at + n), this.used);
      this.used += n;
      at += n;
    }
  }

  drop(key: number): void {
    if (this.failure) return;
    if (this.used + RECORD_HEADER > BATCH_BYTES) this.flush();
    this.header(DROP, key, 0);
  }

  digest(key: number): Promise<{ md5: string; sha256: string }> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.used + RECORD_HEADER > BATCH_BYTES) this.flush();
    const id = this.nextId++;
    this.header(DIGEST, key, id);
    const answer = new Promise<HashReply>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    // Digests asked for together (the pass's end asks for all) go in one batch.
    if (!this.flushQueued) {
      this.flushQueued = true;
      queueMicrotask(() => {
        this.flushQueued = false;
        this.flush();
      });
    }
    return answer.then(({ md5, sha256 }) => ({ md5, sha256 }));
  }

  private header(op: number, key: number, value: number): void {
    this.view.setUint8(this.used, op);
    this.view.setUint32(this.used + 1, key >>> 0, true);
    this.view.setUint32(this.used + 5, value >>> 0, true);
    this.used += RECORD_HEADER;
  }

  private flush(): void {
    if (this.used === 0) return;
    if (this.failure) {
      // Nobody hashes: the batch is dropped and its buffer written again.
      this.used = 0;
      return;
    }
    this.post(this.buffer, this.used);
    this.buffer = this.pool.pop() ?? new ArrayBuffer(BATCH_BYTES);
    this.bytes = new Uint8Array(this.buffer);
    this.view = new DataView(this.buffer);
    this.used = 0;
  }
}

/** The thread's end: runs one batch; calls `reply` for each DIGEST in it. */
export function runBatch(buffer: ArrayBuffer, length: number, hashers: InterleavedHashers, reply: (r: HashReply) => void): void {
  const view = new DataView(buffer, 0, length);
  const bytes = new Uint8Array(buffer, 0, length);
  for (let at = 0; at + RECORD_HEADER <= length; ) {
    const op = view.getUint8(at);
    const key = view.getUint32(at + 1, true);
    const value = view.getUint32(at + 5, true);
    at += RECORD_HEADER;
    if (op === UPDATE) {
      hashers.update(key, bytes.subarray(at, at + value));
      at += value;
    } else if (op === DROP) hashers.drop(key);
    else if (op === DIGEST) reply({ id: value, ...hashers.digest(key) });
    else throw new Error(`hash batch: unknown record ${op} at ${at - RECORD_HEADER}`);
  }
}
