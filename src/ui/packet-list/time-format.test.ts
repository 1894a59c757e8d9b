import { describe, expect, it } from "vitest";
import { formatTime, type TimeContext } from "./time-format";

const ctx = (format: TimeContext["format"], decimals = 6): TimeContext => ({
  format,
  decimals,
  firstSec: 1_700_000_000,
  firstNsec: 500_000_000,
});

describe("time column formats", () => {
  it("formats relative, delta, epoch and UTC times", () => {
    expect(formatTime(ctx("relative"), 1_700_000_001, 250_000_000, 0, 0)).toBe("0.750000");
    expect(formatTime(ctx("relative", 9), 1_700_000_000, 500_000_123, 0, 0)).toBe("0.000000123");
    expect(formatTime(ctx("relative"), 1_699_999_999, 0, 0, 0)).toBe("-1.500000");
    expect(formatTime(ctx("delta"), 0, 0, 2, 5_000)).toBe("2.000005");
    expect(formatTime(ctx("epoch"), 1_700_000_000, 123_456_789, 0, 0)).toBe("1700000000.123456");
    expect(formatTime(ctx("utc"), 1_700_000_000, 123_456_789, 0, 0)).toBe("2023-11-14 22:13:20.123456");
    expect(formatTime(ctx("absolute"), 1_700_000_000, 0, 0, 0)).toMatch(/^2023-11-1[45] \d\d:\d\d:20\.000000$/);
  });
});
