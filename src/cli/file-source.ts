import { openSync, read, readSync, fstatSync, closeSync, mkdtempSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BufferPool } from "../engine/io/buffer-pool";
import type { ByteSource, Compression } from "../engine/io/byte-source";
import { inflateGzip, isGzip, type InflateSink } from "../engine/io/gzip";

/**
 * Reads at least this large go to libuv's thread pool: the capture readers
 * ask for the next window while they parse the current one (WindowReader's
 * read-ahead), so the read runs on another core meanwhile (on a 101 MB
 * capture, readCapture + dissection took 0.94 s instead of 1.14 s).
 * Smaller reads (a stream's chunks, a packet for -V) stay synchronous: a
 * thread-pool round trip costs more than they do.
 */
const ASYNC_READ = 1 << 20;

/** Reads of at least this many bytes (the capture readers' windows) go into released buffers. */
const POOLED = 1 << 20;
/** Buffers kept for reuse: the window being parsed and the one read ahead are out, one more comes back. */
const SPARES = 2;

/** ByteSource over a file descriptor; the interface is async like the browser's Blob reads. */
export class FileSource implements ByteSource {
  private readonly fd: number;
  private readonly spares = new BufferPool(SPARES, POOLED);
  private readonly bytes: number;
  compression?: Compression;
  /** `path` defaults to `name`; a source over an inflated copy keeps the name the user gave. */
  constructor(
    readonly name: string,
    path = name,
  ) {
    this.fd = openSync(path, "r");
    this.bytes = fstatSync(this.fd).size;
  }
  size(): number {
    return this.bytes;
  }
  read(offset: number, length: number): Promise<Uint8Array> {
    const n = Math.max(0, Math.min(length, this.bytes - offset));
    // Every byte is overwritten by the read: no need to zero them first.
    const buf = new Uint8Array(this.spares.take(n) ?? Buffer.allocUnsafeSlow(n).buffer, 0, n);
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

  /**
   * A window the capture reader has moved past (ByteSource.release): its
   * buffer is read into again. Only whole buffers of at least POOLED bytes,
   * at most SPARES of them (BufferPool).
   */
  release(bytes: Uint8Array): void {
    if (bytes.byteOffset === 0) this.spares.give(bytes.buffer as ArrayBuffer);
  }

  close(): void {
    this.spares.clear();
    closeSync(this.fd);
  }
}

/**
 * Opens a capture for reading; a gzip-compressed one (told by its magic,
 * not its name, as tshark does) is inflated first into a temporary file,
 * which is unlinked once open (the open descriptor keeps it readable).
 * Throws what openSync throws (ENOENT...).
 */
export async function openCaptureFile(path: string): Promise<FileSource> {
  const file = new FileSource(path);
  if (!isGzip(await file.read(0, 2))) return file;
  const dir = mkdtempSync(join(tmpdir(), "pcapscope-gunzip-"));
  try {
    const inflated = join(dir, "capture");
    const fd = openSync(inflated, "w");
    const sink: InflateSink = {
      write: (chunk) => {
        for (let done = 0; done < chunk.length;) done += writeSync(fd, chunk, done, chunk.length - done);
      },
      finish: () => {
        closeSync(fd);
        return Promise.resolve(new FileSource(path, inflated));
      },
      discard: () => closeSync(fd),
    };
    const result = await inflateGzip(file, sink);
    // Not stopped: no shouldStop was given.
    const source = result!.source as FileSource;
    source.compression = result!.compression;
    return source;
  } finally {
    file.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
