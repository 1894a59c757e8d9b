/**
 * Virtual table bodies for the FTP views: only the rows near the screen are
 * rendered, between two spacer rows that keep the scroll height (hidden from
 * assistive technology; rows carry aria-rowindex). Captures with tens of
 * thousands of files or transcript lines stay as quick as small ones.
 * Tables of up to ALL_ROWS rows are rendered whole and unmeasured, so the
 * browser's Find sees every row of a small session or capture. The bound is
 * what a first draw costs: a row of the Files table is about 40 layout
 * objects, and chromium's first layout of them (text shaping included) took
 * 737 ms for 660 rows on the bench's ftp-mix capture (issue 10: a view drawn
 * within 200 ms of its click), where the rows on screen take a few ms.
 */
import type { RefObject } from "react";
import { useVirtualizer, type VirtualItem, type Virtualizer } from "@tanstack/react-virtual";

const ALL_ROWS = 100;

export interface VirtualRows {
  items: VirtualItem[];
  /** Put on each row (with data-index) so rows of their own height are measured (undefined: rows are not measured). */
  measure: Virtualizer<HTMLElement, Element>["measureElement"] | undefined;
  /** Spacer heights above and below the rendered rows. */
  before: number;
  after: number;
  scrollTo(index: number): void;
}

export function useVirtualRows(count: number, scroller: RefObject<HTMLElement | null>, rowHeight: number, wholeUpTo = ALL_ROWS): VirtualRows {
  const whole = count <= wholeUpTo;
  // No React Compiler here: the virtualizer re-renders its component itself.
  // Disabled for a whole table: it would still watch the scroller and redraw every row as it does.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: whole ? 0 : count,
    enabled: !whole,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    // Rows drawn beyond the screen: each is rendered and measured on mount (Sessions on ftp-mix: the
    // virtualizer's measuring 74 ms of the click's 357 ms of main thread with 20).
    overscan: 6,
  });
  if (whole) {
    // Every row, unmeasured: measuring hundreds of rows as they mount costs more than drawing them.
    const items = Array.from({ length: count }, (_, index): VirtualItem => ({ index, key: index, start: 0, end: 0, size: 0, lane: 0 }));
    return { items, measure: undefined, before: 0, after: 0, scrollTo: () => undefined };
  }
  const items = virtualizer.getVirtualItems();
  return {
    items,
    measure: virtualizer.measureElement,
    before: items[0]?.start ?? 0,
    after: items.length ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0,
    scrollTo: (index) => virtualizer.scrollToIndex(index, { align: "auto" }),
  };
}

/** A spacer row (nothing when `height` is 0). */
export function Spacer({ height }: { height: number }) {
  return height > 0 ? <tr aria-hidden="true" style={{ height }} /> : null;
}

/**
 * The attributes of a selectable row of a virtual table: measured when rows
 * are, numbered for assistive technology (the header is row 1), found by
 * `data-row-id` (rowKeys), and reached by Tab when `focusable`.
 */
export function selectableRow(rows: VirtualRows, index: number, id: number, selected: boolean, focusable = selected) {
  return {
    ref: rows.measure,
    "data-index": index,
    "aria-rowindex": index + 2,
    "data-row-id": id,
    tabIndex: focusable ? 0 : -1,
    "aria-selected": selected,
    className: selected ? "selected" : undefined,
  };
}
