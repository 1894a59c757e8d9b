/**
 * The packet list's columns, as TanStack Table definitions built from the
 * column preferences (store/column-prefs.ts): the shown columns in their
 * order, titles and widths. Sorting is manual (the worker sorts and the list
 * asks for rows in display order), so the table here supplies headers,
 * sizes, resizing and sort state only; its data is just the rows on screen.
 */
import { columnResizingFeature, columnSizingFeature, createColumnHelper, rowSortingFeature, tableFeatures } from "@tanstack/react-table";
import type { ColumnSpec } from "../../engine/session/column-types";
import { MIN_WIDTH, type ColumnPref } from "../../store/column-prefs";

/** One visible row, built from the row cache for the rows on screen only. */
export interface PacketRow {
  position: number;
  number: number;
  /** The shown columns' texts, in column order. */
  cells: string[];
  colourIndex: number;
  /** Not fetched yet. */
  pending: boolean;
}

export const features = tableFeatures({ columnSizingFeature, columnResizingFeature, rowSortingFeature });

const helper = createColumnHelper<typeof features, PacketRow>();

/** The table's columns: the shown ones, in order; a cell reads the row's text for its column. */
export function tableColumns(shown: readonly ColumnPref[]) {
  return helper.columns(
    shown.map((c, k) => helper.accessor((row) => row.cells[k] ?? "", { id: c.id, header: c.title, size: c.width, minSize: MIN_WIDTH })),
  );
}

/** Numeric columns are right-aligned, as in Wireshark. */
const RIGHT_ALIGNED_TYPES = new Set<ColumnSpec["type"]>(["number", "length", "cumulative", "src-port", "dst-port", "tcp-stream"]);

/** Ids of the right-aligned columns among these. */
export function rightAligned(columns: readonly ColumnPref[]): ReadonlySet<string> {
  return new Set(columns.filter((c) => RIGHT_ALIGNED_TYPES.has(c.spec.type)).map((c) => c.id));
}
