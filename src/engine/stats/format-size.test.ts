import { describe, expect, it } from "vitest";
import { formatBytes } from "./format-size";

describe("formatBytes (tshark 4.0's format_size, SI, C locale)", () => {
  it("keeps plain bytes below 10 of the next unit", () => {
    expect(formatBytes(0)).toBe("0 bytes");
    expect(formatBytes(42)).toBe("42 bytes");
    expect(formatBytes(9999)).toBe("9999 bytes");
  });
  it("divides by powers of 1000, rounding down", () => {
    expect(formatBytes(10_000)).toBe("10 kB");
    expect(formatBytes(18_342)).toBe("18 kB");
    expect(formatBytes(9_999_999)).toBe("9999 kB");
    expect(formatBytes(10_000_000)).toBe("10 MB");
    expect(formatBytes(123_456_789_012)).toBe("123 GB");
    expect(formatBytes(10 ** 13)).toBe("10 TB");
  });
});
