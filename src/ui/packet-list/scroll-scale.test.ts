import { describe, expect, it } from "vitest";
import {
  MAX_SCROLL_HEIGHT,
  rowsPerPage,
  scrollMetrics,
  scrollTopForRow,
  toReal,
  toVirtual,
  visibleRows,
  type ScrollGeometry,
} from "./scroll-scale";

const small: ScrollGeometry = { count: 1000, rowHeight: 20, viewport: 400 };
const huge: ScrollGeometry = { count: 2_000_000, rowHeight: 22, viewport: 500 };

describe("scroll scaling", () => {
  it("is the identity while the list fits", () => {
    expect(scrollMetrics(small)).toEqual({ virtualHeight: 20_000, realHeight: 20_000, scale: 1 });
    expect(toVirtual(1234, small)).toBe(1234);
    expect(toReal(1234, small)).toBe(1234);
    expect(visibleRows(0, small)).toEqual({ first: 0, end: 20, offset: 0 });
    expect(visibleRows(30, small, 2)).toEqual({ first: 0, end: 24, offset: -30 });
  });

  it("caps the scrolled height and maps both ends exactly", () => {
    const m = scrollMetrics(huge);
    expect(m.virtualHeight).toBe(44_000_000);
    expect(m.realHeight).toBe(MAX_SCROLL_HEIGHT);
    expect(m.scale).toBeCloseTo((44_000_000 - 500) / (MAX_SCROLL_HEIGHT - 500), 9);
    const realMax = MAX_SCROLL_HEIGHT - 500;
    expect(toVirtual(0, huge)).toBe(0);
    expect(toVirtual(realMax, huge)).toBe(44_000_000 - 500);
    expect(toVirtual(realMax + 1000, huge)).toBe(44_000_000 - 500); // clamped
    // At the bottom the last row is drawn, whole, at the bottom of the viewport.
    const end = visibleRows(realMax, huge);
    expect(end.end).toBe(2_000_000);
    expect(end.offset + (end.end - end.first) * 22).toBeCloseTo(500, 6);
    // Round trip.
    expect(toReal(toVirtual(7_654_321, huge), huge)).toBeCloseTo(7_654_321, 4);
  });

  it("scrolls a row into view, whole, despite integer scroll positions", () => {
    const last = huge.count - 1;
    const top = scrollTopForRow(last, 0, huge);
    expect(top).toBe(MAX_SCROLL_HEIGHT - 500);
    for (const row of [0, 1, 12_345, 999_999, 1_500_001]) {
      for (const align of ["start", "end", "center"] as const) {
        const real = scrollTopForRow(row, 0, huge, align);
        expect(Number.isInteger(real)).toBe(true);
        const v = toVirtual(real, huge);
        expect(row * 22).toBeGreaterThanOrEqual(v - 1e-6);
        expect(row * 22 + 22).toBeLessThanOrEqual(v + 500 + 1e-6);
      }
    }
    // Already visible: unchanged.
    expect(scrollTopForRow(10, 0, small)).toBe(0);
    expect(rowsPerPage(small)).toBe(19);
  });

  it("handles empty and tiny lists", () => {
    expect(visibleRows(0, { count: 0, rowHeight: 20, viewport: 300 })).toEqual({ first: 0, end: 0, offset: 0 });
    expect(visibleRows(0, { count: 3, rowHeight: 20, viewport: 300 })).toEqual({ first: 0, end: 3, offset: 0 });
    expect(scrollTopForRow(2, 0, { count: 3, rowHeight: 20, viewport: 300 }, "end")).toBe(0);
  });
});
