/**
 * The export's second thread (export-thread.ts) against Node's crypto and
 * files written here: many pairs and files fed in interleaved pieces of any
 * size, more bytes than its batches hold at once (so that this thread waits
 * for slots), the answers in any order.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ExportThread } from "./export-thread";

let scratch = "";
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "pcapscope-export-thread-"));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Deterministic bytes, different per seed. */
const bytesOf = (n: number, seed: number): Uint8Array => new Uint8Array(n).map((_, i) => (i * 2654435761 + seed * 40503) >>> 13);
const digestsOf = (b: Uint8Array) => ({ md5: createHash("md5").update(b).digest("hex"), sha256: createHash("sha256").update(b).digest("hex") });
/** `b` in pieces of sizes cycling through `sizes`. */
function* pieces(b: Uint8Array, sizes: readonly number[]): Generator<Uint8Array> {
  for (let at = 0, k = 0; at < b.length; k++) {
    const n = Math.min(sizes[k % sizes.length]!, b.length - at);
    yield b.subarray(at, at + n);
    at += n;
  }
}

describe("ExportThread", () => {
  it("hashes interleaved pairs and writes interleaved files as Node does here, beyond what its batches hold", async () => {
    const thread = new ExportThread();
    try {
      const inputs = [0, 1, 1448, 65_536, 3 << 20, 13 << 20].map((n, seed) => bytesOf(n, seed));
      const pairs = await Promise.all(inputs.map(() => thread.digests()));
      const files = inputs.map((_, i) => thread.create(i, join(scratch, `f${i}`)));
      const streams = inputs.map((b, i) => ({ pair: pieces(b, [1448, 7, 1 << 20, 70_000]), file: pieces(b, [2 << 20, 1, 1460]), i }));
      // Round robin over every pair and file, a piece each, as scans and pass would interleave them.
      for (let left = true; left; ) {
        left = false;
        for (const s of streams) {
          const p = s.pair.next();
          const f = s.file.next();
          if (!p.done) pairs[s.i]!.update(p.value);
          if (!f.done) files[s.i]!.write(f.value);
          left ||= !p.done || !f.done;
        }
      }
      // Asked for last to first: each answer goes to its own question.
      const pairDigests = await Promise.all(pairs.map((p) => p.digest()).reverse());
      const fileDigests = await Promise.all(files.map((f) => f.digest!()).reverse());
      for (const f of files) f.close();
      expect(await thread.settle()).toEqual({ notCreated: [], failed: [] });
      const expected = inputs.map(digestsOf).reverse();
      expect(pairDigests).toEqual(expected);
      expect(fileDigests).toEqual(expected);
      inputs.forEach((b, i) => expect(digestsOf(readFileSync(join(scratch, `f${i}`)))).toEqual(digestsOf(b)));
    } finally {
      thread.close();
    }
  });

  it("never creates a file over one already there, says so, and still hashes what that file was given", async () => {
    const thread = new ExportThread();
    try {
      const taken = join(scratch, "taken");
      writeFileSync(taken, "the analyst's");
      const file = thread.create(7, taken);
      const content = bytesOf(5000, 9);
      file.write(content);
      expect(await file.digest!()).toEqual(digestsOf(content));
      file.close();
      expect(await thread.settle()).toEqual({ notCreated: [7], failed: [] });
      expect(readFileSync(taken, "utf8")).toBe("the analyst's");
    } finally {
      thread.close();
    }
  });

  it("fails what is still asked once closed, and settles at once when never started", async () => {
    const idle = new ExportThread();
    expect(await idle.settle()).toEqual({ notCreated: [], failed: [] });
    idle.close();
    const thread = new ExportThread();
    const pair = await thread.digests();
    pair.update(bytesOf(10, 1));
    const answer = pair.digest();
    thread.close();
    await expect(answer).rejects.toThrow(/closed/);
  });
});
