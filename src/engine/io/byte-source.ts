/**
 * The one way the engine reads a capture: random access by offset and length.
 *
 * Implemented over a Blob/File in the browser (`blob-source.ts`) and over a file
 * handle in Node (`src/cli/file-source.ts`). The engine never asks for the whole
 * file: readers pull windows of a few megabytes and packets are re-read by slice
 * when the details pane needs them.
 */
export interface ByteSource {
  /** Total size in bytes. */
  size(): number;
  /**
   * Bytes [offset, offset+length), clipped at the end of the source.
   * The returned array may be shorter than `length` only at the end.
   */
  read(offset: number, length: number): Promise<Uint8Array>;
  /** Human-readable name (file name) for messages. */
  readonly name: string;
  /** Set when these bytes were inflated from a compressed file. */
  compression?: Compression;
  /**
   * The caller is done with `bytes`, an array `read` returned, and with every
   * view of it: the source may reuse its memory for a later read. Optional
   * both ways: a source without it allocates every read, and a caller may
   * never release. The capture readers release each window they move past
   * (window-reader.ts): a fresh 16 MiB buffer per window cost chromium about
   * 4 ns a byte to allocate, zero and collect, more than the read itself.
   */
  release?(bytes: Uint8Array): void;
  /** Releases what the source holds (a file handle, a reader thread); reads after it fail. */
  close?(): void;
}

/** What the engine knows of a source inflated from a compressed file (gzip.ts). */
export interface Compression {
  format: "gzip";
  compressedSize: number;
  inflatedSize: number;
  /** Why inflating stopped before the end of the stream, with the compressed offset reached; null: whole. */
  damage: string | null;
}

/** A source over bytes already in memory (tests, fixtures built by hand). */
export class MemorySource implements ByteSource {
  constructor(
    private readonly bytes: Uint8Array,
    readonly name = "memory",
  ) {}
  size(): number {
    return this.bytes.length;
  }
  read(offset: number, length: number): Promise<Uint8Array> {
    return Promise.resolve(this.bytes.subarray(offset, Math.min(this.bytes.length, offset + length)));
  }
}
