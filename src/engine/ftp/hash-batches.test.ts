import fc from "fast-check";
import { md5, sha256 } from "hash-wasm";
import { describe, expect, it } from "vitest";
import { InterleavedHashers } from "./data-hashes";
import { BATCH_BYTES, BatchingHasher, runBatch } from "./hash-batches";

/** A BatchingHasher whose "thread" runs each batch at once, here, handing buffers back as the threads do. */
async function pair(): Promise<BatchingHasher> {
  const hashers = await InterleavedHashers.create();
  const batcher: BatchingHasher = new BatchingHasher((buffer, length) => {
    runBatch(buffer, length, hashers, (r) => queueMicrotask(() => batcher.reply(r)));
    batcher.recycle(buffer);
  });
  return batcher;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

describe("hashing batched to another thread", () => {
  it("gives each key the MD5 and SHA-256 of its bytes, however the updates interleave", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.uint8Array({ maxLength: 300 })), { maxLength: 60 }),
        fc.integer({ min: 0, max: 4 }),
        async (updates, dropped) => {
          const h = await pair();
          const parts = new Map<number, Uint8Array[]>();
          for (const [key, bytes] of updates) {
            h.update(key, bytes);
            (parts.get(key) ?? parts.set(key, []).get(key)!).push(bytes.slice());
            // The caller reuses its buffers: what was given must already be copied.
            bytes.fill(0xee);
          }
          h.drop(dropped);
          parts.delete(dropped);
          const keys = [...parts.keys()];
          const got = await Promise.all(keys.map((k) => h.digest(k)));
          for (let i = 0; i < keys.length; i++) {
            const all = concat(parts.get(keys[i]!)!);
            expect(got[i]).toEqual({ md5: await md5(all), sha256: await sha256(all) });
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it("splits an update larger than a batch, and a key never given bytes hashes as empty", async () => {
    const h = await pair();
    const big = Uint8Array.from({ length: BATCH_BYTES * 2 + 12345 }, (_, i) => (i * 7) & 0xff);
    h.update(1, big.subarray(0, 100));
    h.update(2, big);
    h.update(1, big.subarray(100));
    const [one, two, none] = await Promise.all([h.digest(1), h.digest(2), h.digest(3)]);
    expect(one).toEqual({ md5: await md5(big), sha256: await sha256(big) });
    expect(two).toEqual(one);
    expect(none).toEqual({ md5: await md5(new Uint8Array(0)), sha256: await sha256(new Uint8Array(0)) });
  });

  it("once closed, keeps no buffer and sends nothing: what is asked for after fails", async () => {
    const posted: ArrayBuffer[] = [];
    const h = new BatchingHasher((buffer) => posted.push(buffer));
    h.update(1, new Uint8Array(BATCH_BYTES + 10));
    expect(posted.length).toBe(1);
    h.recycle(posted[0]!);
    h.close();
    // A buffer handed back after the close is not kept either.
    h.recycle(new ArrayBuffer(BATCH_BYTES));
    h.update(1, new Uint8Array(BATCH_BYTES * 3));
    h.drop(2);
    await expect(h.digest(1)).rejects.toThrow(/closed/);
    expect(posted.length).toBe(1);
    expect(Object.values(h).filter((v) => v instanceof ArrayBuffer && v.byteLength > 0)).toEqual([]);
    expect((h as unknown as { pool: ArrayBuffer[] }).pool).toEqual([]);
  });

  it("refuses a batch it cannot read", async () => {
    const hashers = await InterleavedHashers.create();
    const bad = new Uint8Array(16).fill(9).buffer;
    expect(() => runBatch(bad, 16, hashers, () => undefined)).toThrow(/unknown record 9/);
  });
});
