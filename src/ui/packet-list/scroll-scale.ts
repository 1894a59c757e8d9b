/**
 * Scroll geometry of a fixed-row-height list that may be taller than a browser
 * can lay out. Chromium clamps an element's height near 33.5M px (about 1.5M
 * rows of 22 px), so past MAX_SCROLL_HEIGHT the scrollbar covers a scaled
 * range: the spacer is MAX_SCROLL_HEIGHT tall and a real scroll position maps
 * linearly onto the virtual one, end to end, so that scrolling to the bottom
 * (End key, dragging the thumb down) shows the last row exactly.
 *
 *   virtual: count * rowHeight px        real: min(virtual, MAX) px
 *   virtualTop = realTop * (virtual - viewport) / (real - viewport)
 */
export const MAX_SCROLL_HEIGHT = 15_000_000;

export interface ScrollGeometry {
  count: number;
  rowHeight: number;
  /** Height in px of the area rows are drawn in. */
  viewport: number;
  /** Defaults to MAX_SCROLL_HEIGHT (tests use small ones). */
  maxHeight?: number;
}

export interface ScrollMetrics {
  virtualHeight: number;
  /** Height to give the scrolled spacer element. */
  realHeight: number;
  /** Virtual px per real px of scrolling (1 when unscaled). */
  scale: number;
}

export function scrollMetrics(g: ScrollGeometry): ScrollMetrics {
  const virtualHeight = g.count * g.rowHeight;
  const realHeight = Math.min(virtualHeight, g.maxHeight ?? MAX_SCROLL_HEIGHT);
  const vMax = Math.max(0, virtualHeight - g.viewport);
  const rMax = Math.max(0, realHeight - g.viewport);
  return { virtualHeight, realHeight, scale: rMax > 0 && vMax > rMax ? vMax / rMax : 1 };
}

function maxima(g: ScrollGeometry): { vMax: number; rMax: number } {
  const { virtualHeight, realHeight } = scrollMetrics(g);
  return { vMax: Math.max(0, virtualHeight - g.viewport), rMax: Math.max(0, realHeight - g.viewport) };
}

/** Real scrollTop → virtual offset in px. */
export function toVirtual(realTop: number, g: ScrollGeometry): number {
  const { vMax, rMax } = maxima(g);
  if (rMax <= 0) return 0;
  const top = Math.min(Math.max(realTop, 0), rMax);
  return vMax === rMax ? top : (top / rMax) * vMax;
}

/** Virtual offset → real scrollTop. */
export function toReal(virtualTop: number, g: ScrollGeometry): number {
  const { vMax, rMax } = maxima(g);
  if (vMax <= 0) return 0;
  const top = Math.min(Math.max(virtualTop, 0), vMax);
  return vMax === rMax ? top : (top / vMax) * rMax;
}

export interface VisibleRows {
  /** First row to draw. */
  first: number;
  /** One past the last row to draw. */
  end: number;
  /** Where row `first` goes, in px from the top of the viewport (≤ 0). */
  offset: number;
}

export function visibleRows(realTop: number, g: ScrollGeometry, overscan = 0): VisibleRows {
  if (g.count <= 0 || g.rowHeight <= 0) return { first: 0, end: 0, offset: 0 };
  const v = toVirtual(realTop, g);
  let first = Math.min(g.count - 1, Math.floor(v / g.rowHeight));
  const end = Math.min(g.count, Math.ceil((v + g.viewport) / g.rowHeight) + overscan);
  first = Math.max(0, first - overscan);
  return { first, end, offset: first * g.rowHeight - v };
}

export type Align = "auto" | "start" | "center" | "end";

/**
 * The real scrollTop that shows `row` whole ("auto": the nearest edge, or
 * unchanged if it is visible already). Rounded so that the browser's integer
 * scroll positions cannot cut the row by the scale factor.
 */
export function scrollTopForRow(row: number, realTop: number, g: ScrollGeometry, align: Align = "auto"): number {
  const v = toVirtual(realTop, g);
  const top = row * g.rowHeight;
  const bottom = top + g.rowHeight;
  let target: number;
  let towardsEnd: boolean;
  switch (align) {
    case "start":
      target = top;
      towardsEnd = false;
      break;
    case "end":
      target = bottom - g.viewport;
      towardsEnd = true;
      break;
    case "center":
      target = top - (g.viewport - g.rowHeight) / 2;
      towardsEnd = false;
      break;
    case "auto":
      if (top < v) {
        target = top;
        towardsEnd = false;
      } else if (bottom > v + g.viewport) {
        target = bottom - g.viewport;
        towardsEnd = true;
      } else {
        return realTop;
      }
      break;
  }
  const real = toReal(target, g);
  const { rMax } = maxima(g);
  return Math.min(rMax, Math.max(0, towardsEnd ? Math.ceil(real) : Math.floor(real)));
}

/** Rows a Page Up/Down moves by. */
export function rowsPerPage(g: ScrollGeometry): number {
  return Math.max(1, Math.floor(g.viewport / g.rowHeight) - 1);
}
