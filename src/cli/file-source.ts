import { openSync, read, readSync, fstatSync, closeSync } from "node:fs";
import type { ByteSource } from "../engine/io/byte-source";

/**
 * Reads at least this large go to libuv's thread pool: the capture readers
 * ask for the next window while they parse the current one (WindowReader's
 * read-ahead), so the read runs on another core meanwhile (on a 101 MB
 * capture, readCapture + dissection took 0.94 s instead of 1.14 s).
 * Smaller reads (a stream's chunks, a packet for -V) stay synchronous: a
 * thread-pool round trip costs more than they do.
 */
const ASYNC_READ = 1 << 20;

/** ByteSource over a file descriptor; the interface is async like the browser's Blob reads. */
export class FileSource implements ByteSource {
  private readonly fd: number;
  private readonly bytes: number;
  constructor(readonly name: string) {
    this.fd = openSync(name, "r");
    this.bytes = fstatSync(this.fd).size;
  }
  size(): number {
    return this.bytes;
  }
  read(offset: number, length: number): Promise<Uint8Array> {
    const n = Math.max(0, Math.min(length, this.bytes - offset));
    // Every byte is overwritten by the read: no need to zero them first.
    const buf = new Uint8Array(Buffer.allocUnsafeSlow(n).buffer, 0, n);
    if (n >= ASYNC_READ) return this.readAsync(buf, offset);
    let done = 0;
    while (done < n) {
      const got = readSync(this.fd, buf, done, n - done, offset + done);
      if (got === 0) break;
      done += got;
    }
    return Promise.resolve(done === n ? buf : buf.subarray(0, done));
  }
  /** Fills `buf` from `offset` on the thread pool (a short read ends the file early). */
  private readAsync(buf: Uint8Array, offset: number): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      const more = (done: number): void =>
        read(this.fd, buf, done, buf.length - done, offset + done, (error, got) => {
          if (error) reject(error);
          else if (got === 0 || done + got === buf.length) resolve(done + got === buf.length ? buf : buf.subarray(0, done + got));
          else more(done + got);
        });
      more(0);
    });
  }

  close(): void {
    closeSync(this.fd);
  }
}
