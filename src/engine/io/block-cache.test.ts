import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BlockCacheSource } from "./block-cache";
import { type ByteSource, MemorySource } from "./byte-source";

/** A source over `bytes` that counts its reads and can be told to fail the next one. */
class CountingSource implements ByteSource {
  readonly name = "counted";
  reads: [number, number][] = [];
  failNext = false;
  private readonly inner: MemorySource;
  constructor(bytes: Uint8Array) {
    this.inner = new MemorySource(bytes);
  }
  size(): number {
    return this.inner.size();
  }
  read(offset: number, length: number): Promise<Uint8Array> {
    this.reads.push([offset, length]);
    if (this.failNext) {
      this.failNext = false;
      return Promise.reject(new Error("disk on fire"));
    }
    return this.inner.read(offset, length);
  }
}

const bytes = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 31 + (i >> 8)) & 0xff);

describe("BlockCacheSource", () => {
  it("returns exactly the bytes of the source for any read", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 10_100 }), fc.integer({ min: 0, max: 3_000 })), { maxLength: 40 }),
        fc.integer({ min: 1, max: 2_000 }),
        fc.integer({ min: 2, max: 5 }),
        async (reads, blockSize, maxBlocks) => {
          const cached = new BlockCacheSource(new MemorySource(bytes), { blockSize, maxBlocks });
          for (const [offset, length] of reads) {
            const got = await cached.read(offset, length);
            expect(Array.from(got)).toEqual(Array.from(bytes.subarray(offset, Math.min(bytes.length, offset + length))));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("reads a sequential sweep of small reads as one read per block", async () => {
    const source = new CountingSource(bytes);
    const cached = new BlockCacheSource(source, { blockSize: 1_000, maxBlocks: 3 });
    for (let at = 0; at < bytes.length; at += 100) await cached.read(at, 100);
    expect(source.reads).toEqual(Array.from({ length: 10 }, (_, k) => [k * 1_000, 1_000]));
  });

  it("passes reads as large as a block straight through, and reads again after clear", async () => {
    const source = new CountingSource(bytes);
    const cached = new BlockCacheSource(source, { blockSize: 1_000, maxBlocks: 3 });
    await cached.read(50, 1_000);
    expect(source.reads).toEqual([[50, 1_000]]);
    await cached.read(9_990, 5);
    await cached.read(9_995, 5);
    expect(source.reads.length).toBe(2);
    cached.clear();
    await cached.read(9_995, 5);
    expect(source.reads.length).toBe(3);
  });

  it("does not keep a failed read: the next read of that block tries again", async () => {
    const source = new CountingSource(bytes);
    const cached = new BlockCacheSource(source, { blockSize: 1_000, maxBlocks: 3 });
    source.failNext = true;
    await expect(cached.read(9_100, 10)).rejects.toThrow("disk on fire");
    expect(Array.from(await cached.read(9_100, 3))).toEqual(Array.from(bytes.subarray(9_100, 9_103)));
  });
});

describe("BlockCacheSource, a sweep wider than the cache", () => {
  it("reads a block whole once: a read of a block already let go reads only its bytes", async () => {
    const source = new CountingSource(bytes);
    const cached = new BlockCacheSource(source, { blockSize: 1_000, maxBlocks: 2 });
    // Two interleaved sweeps far apart: the second pass over block 0 comes after it was let go.
    for (let at = 0; at < 4_000; at += 500) await cached.read(at, 10);
    const whole = source.reads.length;
    expect(source.reads.every(([, n]) => n === 1_000)).toBe(true);
    await cached.read(20, 10);
    expect(source.reads.slice(whole)).toEqual([[20, 10]]);
  });
});
