import { describe, expect, it } from "vitest";
import { ColumnValues, orderByKeys } from "./column-values";
import { formatSpan } from "./column-text";
import { newRowBatch } from "./row-batch";
import type { PacketIndex } from "../index/packet-index";

describe("orderByKeys", () => {
  it("orders rows by key, ties in row order, NaN lowest, both directions", () => {
    const keys = () => Float64Array.from([3, 1, NaN, 3, 0.5, 1, -2]);
    expect([...orderByKeys(keys(), "asc")]).toEqual([2, 6, 4, 1, 5, 0, 3]);
    expect([...orderByKeys(keys(), "desc")]).toEqual([0, 3, 1, 5, 4, 6, 2]);
  });

  it("sorts a large permutation the way a comparator sort does", () => {
    const n = 50_000;
    let seed = 7;
    const keys = Float64Array.from({ length: n }, () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % 997) / 7);
    const expected = Array.from({ length: n }, (_, i) => i).sort((a, b) => keys[b]! - keys[a]! || a - b);
    expect([...orderByKeys(keys.slice(), "desc")]).toEqual(expected);
  });

  it("orders integer keys (ports, streams, ranks) the same way, by counting", () => {
    const keys = () => Float64Array.from([21, 5000, NaN, 21, -1, 5000, 0]);
    expect([...orderByKeys(keys(), "asc")]).toEqual([2, 4, 6, 0, 3, 1, 5]);
    expect([...orderByKeys(keys(), "desc")]).toEqual([1, 5, 0, 3, 6, 4, 2]);
    const n = 30_000;
    const ints = Float64Array.from({ length: n }, (_, i) => (i * 7919) % 1013);
    const expected = Array.from({ length: n }, (_, i) => i).sort((a, b) => ints[a]! - ints[b]! || a - b);
    expect([...orderByKeys(ints, "asc")]).toEqual(expected);
  });

  it("handles no rows", () => {
    expect(orderByKeys(new Float64Array(0), "asc").length).toBe(0);
  });
});

/** A capture of `n` packets, one every 1.5 s with lengths 100, 101, …, and a display filter the test sets. */
function host(n: number) {
  const index = {
    count: n,
    tsSec: Float64Array.from({ length: 16 }, (_, r) => 1000 + Math.floor(r * 1.5)),
    tsNsec: Uint32Array.from({ length: 16 }, (_, r) => (r % 2) * 500_000_000),
    origLen: Uint32Array.from({ length: 16 }, (_, r) => 100 + r),
  };
  const h = {
    index: index as unknown as PacketIndex,
    shownRows: null as { keep: Uint8Array; decided: number } | null,
    collectFields: () => Promise.resolve(),
  };
  return { h, index };
}

async function shown(values: ColumnValues, rows: number[]) {
  const b = newRowBatch(0, rows.length);
  rows.forEach((r, i) => (b.number[i] = r + 1));
  await values.fill(b);
  return rows.map((_, i) => [formatSpan(b.shownDeltaSec[i]!, b.shownDeltaNsec[i]!, 1), b.cumBytes[i]]);
}

describe("displayed-packet columns", () => {
  it("Delta time displayed and Cumulative Bytes follow the display filter and rows indexed later", async () => {
    const { h, index } = host(3);
    const values = new ColumnValues(h);
    expect(await shown(values, [0, 1, 2])).toEqual([
      ["0.0", 100],
      ["1.5", 201],
      ["1.5", 303],
    ]);
    // Two more rows indexed: the running totals go on from where they were.
    index.count = 5;
    expect(await shown(values, [3, 4])).toEqual([
      ["1.5", 406],
      ["1.5", 510],
    ]);
    // A filter keeping rows 1 and 4: the first shown has no predecessor, the next counts from it.
    h.shownRows = { keep: Uint8Array.from([0, 1, 0, 0, 1]), decided: 5 };
    expect(await shown(values, [1, 4])).toEqual([
      ["0.0", 101],
      ["4.5", 205],
    ]);
    // Sorting by them orders the rows (ties in frame order; the session then keeps the displayed ones).
    expect([...(await values.sortedRows({ type: "cumulative" }, "desc"))].slice(0, 2)).toEqual([4, 1]);
  });

  it("are computed as far as the rows asked for, whichever comes first", async () => {
    const { h } = host(16);
    h.shownRows = { keep: Uint8Array.from({ length: 16 }, (_, r) => (r % 3 === 0 ? 1 : 0)), decided: 16 };
    const all = await shown(new ColumnValues(h), [...Array(16).keys()]);
    // A batch far down first, then one near the top, then one past the first.
    const values = new ColumnValues(h);
    expect(await shown(values, [9, 10, 11, 12])).toEqual(all.slice(9, 13));
    expect(await shown(values, [0, 1, 2, 3])).toEqual(all.slice(0, 4));
    expect(await shown(values, [13, 14, 15])).toEqual(all.slice(13, 16));
    expect(all[15]).toEqual(["4.5", 100 + 103 + 106 + 109 + 112 + 115]);
  });
});
