import { describe, expect, it } from "vitest";
import { planReads } from "./read-plan";

describe("read plan", () => {
  // Five packets: three adjacent, one 100 kB further, one before them all.
  const offset = [1000, 1100, 1200, 101_200, 100];
  const capLen = [100, 100, 100, 60, 50];

  it("merges neighbours into one read and splits at big gaps", () => {
    expect(planReads([0, 1, 2, 3, 4], offset, capLen)).toEqual([
      { start: 100, end: 1300, rows: [4, 0, 1, 2] },
      { start: 101_200, end: 101_260, rows: [3] },
    ]);
  });

  it("respects the largest read", () => {
    expect(planReads([0, 1, 2], offset, capLen, { maxRead: 200 }).map((g) => g.rows)).toEqual([[0, 1], [2]]);
  });
});
