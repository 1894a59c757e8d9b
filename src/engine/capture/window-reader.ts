import type { ByteSource } from "../io/byte-source";

/**
 * A sliding window over a ByteSource for sequential record parsing.
 *
 * Readers test `has(offset, n)` synchronously and only `await ensure(...)` when
 * a record straddles the end of the window, which keeps the per-packet loop
 * free of promises. The window is refilled starting at the record, so a record
 * split across two chunks is seen whole; records larger than the chunk size get
 * a window of their own size.
 *
 * A window is handed back to the source (ByteSource.release) once the reader
 * has moved past it, so a source may read the next window into its memory:
 * the bytes a reader delivers (PacketCallback) are valid during the call
 * only, and whoever keeps them copies them.
 */
export class WindowReader {
  bytes: Uint8Array = new Uint8Array(0);
  view: DataView = new DataView(new ArrayBuffer(0));
  /** File offset of bytes[0]. */
  base = 0;
  readonly fileSize: number;

  private readonly chunkSize: number;
  /** `bytes` came from the source's read (the empty start does not). */
  private owned = false;

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

  /** The bytes [offset, offset+length), which must be in the window (`has`). */
  slice(offset: number, length: number): Uint8Array {
    const s = offset - this.base;
    return this.bytes.subarray(s, s + length);
  }

  /** Loads a window starting at `offset`; false if the file ends before offset+length. */
  async ensure(offset: number, length: number): Promise<boolean> {
    if (this.has(offset, length)) return true;
    if (offset + length > this.fileSize) return false;
    const ahead = await this.takeReadAhead(offset, length);
    const start = ahead ? ahead.offset : offset;
    // The first window is small: the first rows should not wait for a whole chunk.
    const size = this.bytes.length === 0 ? Math.min(this.chunkSize, FIRST_WINDOW) : this.chunkSize;
    const bytes = ahead ? ahead.bytes : await this.source.read(offset, Math.min(Math.max(size, length), this.fileSize - offset));
    if (start + bytes.length < offset + length) {
      this.source.release?.(bytes);
      return false;
    }
    if (this.owned) this.source.release?.(this.bytes);
    this.owned = true;
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.base = start;
    this.readAhead(start + bytes.length);
    return true;
  }

  /**
   * The next window is asked for as soon as one is loaded, so that the read
   * (an IPC round trip for a browser File) overlaps the parsing of the one
   * before. It starts OVERLAP bytes before the current window ends: a record
   * straddling the edge (records are smaller than that) then lies whole in
   * the next window, which is used as read, never copied.
   */
  private ahead: { offset: number; bytes: Promise<Uint8Array> } | null = null;

  private readAhead(end: number): void {
    if (end >= this.fileSize) return;
    const offset = Math.max(this.base, end - Math.min(OVERLAP, this.chunkSize >> 3));
    const bytes = this.source.read(offset, Math.min(this.chunkSize, this.fileSize - offset));
    // A read nobody awaits (a stop, a seek) must not become an unhandled rejection.
    bytes.catch(() => undefined);
    this.ahead = { offset, bytes };
  }

  /** The window read ahead, when it holds [offset, offset+length). */
  private async takeReadAhead(offset: number, length: number): Promise<{ offset: number; bytes: Uint8Array } | null> {
    const ahead = this.ahead;
    this.ahead = null;
    if (!ahead) return null;
    if (offset < ahead.offset) {
      // A seek back: the window read ahead goes back to the source unused.
      ahead.bytes.then((b) => this.source.release?.(b), () => undefined);
      return null;
    }
    const bytes = await ahead.bytes;
    if (offset + length <= ahead.offset + bytes.length) return { offset: ahead.offset, bytes };
    this.source.release?.(bytes);
    return null;
  }
}

const FIRST_WINDOW = 1024 * 1024;

/**
 * How far windows overlap (at most an eighth of a window): more than any IP
 * packet with its link header; a bigger record straddling an edge is read
 * on its own.
 */
const OVERLAP = 128 * 1024;
