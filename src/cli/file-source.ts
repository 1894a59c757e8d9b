import { openSync, readSync, fstatSync, closeSync } from "node:fs";
import type { ByteSource } from "../engine/io/byte-source";

/**
 * ByteSource over a file descriptor. Reads are synchronous underneath (the CLI
 * reads sequentially and gains nothing from the thread pool) but the interface
 * stays async like the browser's Blob reads.
 */
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
    let done = 0;
    while (done < n) {
      const got = readSync(this.fd, buf, done, n - done, offset + done);
      if (got === 0) break;
      done += got;
    }
    return Promise.resolve(done === n ? buf : buf.subarray(0, done));
  }
  close(): void {
    closeSync(this.fd);
  }
}
