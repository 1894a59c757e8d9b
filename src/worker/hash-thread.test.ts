/**
 * The hashing thread's client (hash-thread.ts) over a stand-in worker that
 * runs each batch at once: it starts a thread only when there is something
 * to hash, gives the right digests, and a thread that cannot start leaves
 * the digests to fail (the report then reads the connections back).
 */
import { md5, sha256 } from "hash-wasm";
import { describe, expect, it } from "vitest";
import { InterleavedHashers } from "../engine/ftp/data-hashes";
import { runBatch } from "../engine/ftp/hash-batches";
import { hashThreadFactory } from "./hash-thread";
import type { FromHashThread, ToHashThread } from "./hash.worker";

/** A Worker stand-in that hashes each batch as hash.worker.ts does, answering asynchronously. */
async function fakeThread(): Promise<{ create: () => Worker; started: () => number }> {
  const hashers = await InterleavedHashers.create();
  let started = 0;
  const create = (): Worker => {
    started++;
    const w = {
      onmessage: null as ((e: MessageEvent<FromHashThread>) => void) | null,
      onerror: null,
      postMessage(m: ToHashThread) {
        runBatch(m.buffer, m.length, hashers, (r) => queueMicrotask(() => w.onmessage?.({ data: r } as MessageEvent<FromHashThread>)));
        queueMicrotask(() => w.onmessage?.({ data: { recycled: m.buffer } } as MessageEvent<FromHashThread>));
      },
      terminate() {},
    };
    return w as unknown as Worker;
  };
  return { create, started: () => started };
}

describe("hashing on a thread of its own", () => {
  it("starts no thread until there is something to hash, then gives each key its digests", async () => {
    const thread = await fakeThread();
    const hasher = await hashThreadFactory(thread.create)();
    expect(thread.started()).toBe(0);
    const a = Uint8Array.from("ftp data, direction 0", (c) => c.charCodeAt(0));
    hasher.update(4, a.subarray(0, 5));
    hasher.update(5, a);
    hasher.update(4, a.subarray(5));
    expect(await hasher.digest(4)).toEqual({ md5: await md5(a), sha256: await sha256(a) });
    expect(await hasher.digest(5)).toEqual({ md5: await md5(a), sha256: await sha256(a) });
    expect(thread.started()).toBe(1);
  });

  it("fails the digests when the thread cannot start", async () => {
    const hasher = await hashThreadFactory(() => {
      throw new Error("no nested workers here");
    })();
    hasher.update(1, new Uint8Array([1, 2, 3]));
    await expect(hasher.digest(1)).rejects.toThrow("no nested workers here");
  });
});
