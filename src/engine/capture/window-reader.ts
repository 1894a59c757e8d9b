import type { ByteSource } from "../io/byte-source";

/**
 * A sliding window over a ByteSource for sequential record parsing.
 *
 * Readers test `has(offset, n)` synchronously and only `await ensure(...)` when
 * a record straddles the end of the window, which keeps the per-packet loop
 * free of promises. The window is refilled starting at the record, so a record
 * split across two chunks is seen whole; records larger than the chunk size get
 * a window of their own size.
 */
export class WindowReader {
  bytes: Uint8Array = new Uint8Array(0);
  view: DataView = new DataView(new ArrayBuffer(0));
  /** File offset of bytes[0]. */
  base = 0;
  readonly fileSize: number;

  private readonly chunkSize: number;

  constructor(
    private readonly source: ByteSource,
    chunkSize?: number,
  ) {
    this.fileSize = source.size();
    this.chunkSize = chunkSize ?? 4 * 1024 * 1024;
  }

  has(offset: number, length: number): boolean {
    return offset >= this.base && offset + length <= this.base + this.bytes.length;
  }

  /** Loads a window starting at `offset`; false if the file ends before offset+length. */
  async ensure(offset: number, length: number): Promise<boolean> {
    if (this.has(offset, length)) return true;
    if (offset + length > this.fileSize) return false;
    const want = Math.min(Math.max(this.chunkSize, length), this.fileSize - offset);
    const bytes = await this.source.read(offset, want);
    if (bytes.length < length) return false;
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.base = offset;
    return true;
  }
}
