import { describe, expect, it } from "vitest";
import { orderByKeys } from "./column-values";

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
