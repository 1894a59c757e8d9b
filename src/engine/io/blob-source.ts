import type { ByteSource } from "./byte-source";

/**
 * The structural part of `Blob` the engine needs. Declared here so the engine
 * compiles without DOM typings (it must run in Node, a worker and tests alike).
 */
export interface BlobLike {
  readonly size: number;
  slice(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

/** Reads a File/Blob by slices; nothing is copied until a slice is asked for. */
export class BlobSource implements ByteSource {
  constructor(
    private readonly blob: BlobLike,
    readonly name = "capture",
  ) {}
  size(): number {
    return this.blob.size;
  }
  async read(offset: number, length: number): Promise<Uint8Array> {
    const end = Math.min(this.blob.size, offset + length);
    if (end <= offset) return new Uint8Array(0);
    return new Uint8Array(await this.blob.slice(offset, end).arrayBuffer());
  }
}
