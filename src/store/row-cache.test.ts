import { describe, expect, it } from "vitest";
import { merge, RowCache } from "./row-cache";
import type { RowBatch } from "../engine/session/types";
import { newRowBatch } from "../engine/session/row-batch";

function batch(first: number, count: number, addresses: { from: number; strings: string[] }): RowBatch {
  const n = Math.max(0, count);
  const b = newRowBatch(first, n);
  b.number.forEach((_, i) => (b.number[i] = first + i + 1));
  return { ...b, info: Array.from({ length: n }, () => ""), addresses };
}

describe("row cache", () => {
  it("fetches blocks once, refetches a block that grew, merges string tables", async () => {
    const calls: [number, number, number][] = [];
    let available = 100;
    const cache = new RowCache(async (first, count, knownA) => {
      calls.push([first, count, knownA]);
      return batch(first, Math.min(count, available - first), { from: knownA, strings: ["a", "b", "c"].slice(knownA) });
    }, 64);
    cache.request(0, 80, available);
    cache.request(0, 80, available);
    expect(calls.map((c) => c[0])).toEqual([0, 64]);
    await new Promise((r) => setTimeout(r, 0));
    expect(cache.row(70)?.batch.number[cache.row(70)!.i]).toBe(71);
    expect(cache.row(100)).toBeNull();
    expect(cache.addresses).toEqual(["a", "b", "c"]);
    available = 128;
    cache.request(64, 128, available);
    expect(calls.at(-1)).toEqual([64, 64, 3]);
    await new Promise((r) => setTimeout(r, 0));
    expect(cache.row(127)).not.toBeNull();
    // A new display order drops every row.
    cache.invalidate();
    expect(cache.row(0)).toBeNull();
  });

  it("tolerates overlapping string-table deltas", () => {
    const t = ["x", "y"];
    merge(t, { from: 1, strings: ["y", "z"] });
    expect(t).toEqual(["x", "y", "z"]);
  });
});
