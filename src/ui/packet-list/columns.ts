/**
 * The packet list's columns, as TanStack Table definitions. Sorting is
 * manual (the worker sorts and the list asks for rows in display order), so
 * the table here supplies headers, sizes, resizing and sort state only; its
 * data is just the rows on screen.
 */
import { columnResizingFeature, columnSizingFeature, createColumnHelper, rowSortingFeature, tableFeatures } from "@tanstack/react-table";
import type { SortKey } from "../../engine/session/types";

/** One visible row, built from the row cache for the rows on screen only. */
export interface PacketRow {
  position: number;
  number: number;
  time: string;
  source: string;
  destination: string;
  protocol: string;
  length: number | null;
  info: string;
  colourIndex: number;
  /** Not fetched yet. */
  pending: boolean;
}

export const features = tableFeatures({ columnSizingFeature, columnResizingFeature, rowSortingFeature });

const helper = createColumnHelper<typeof features, PacketRow>();

export const columns = helper.columns([
  helper.accessor("number", { id: "number", header: "No.", size: 72, minSize: 40 }),
  helper.accessor("time", { id: "time", header: "Time", size: 120, minSize: 50 }),
  helper.accessor("source", { id: "source", header: "Source", size: 150, minSize: 50 }),
  helper.accessor("destination", { id: "destination", header: "Destination", size: 150, minSize: 50 }),
  helper.accessor("protocol", { id: "protocol", header: "Protocol", size: 80, minSize: 40 }),
  helper.accessor("length", { id: "length", header: "Length", size: 64, minSize: 40 }),
  helper.accessor("info", { id: "info", header: "Info", size: 560, minSize: 80 }),
]);

export const SORT_KEYS: readonly SortKey[] = ["number", "time", "source", "destination", "protocol", "length", "info"];

export function isSortKey(id: string): id is SortKey {
  return (SORT_KEYS as readonly string[]).includes(id);
}

/** Numeric columns are right-aligned, as in Wireshark. */
export const RIGHT_ALIGNED = new Set(["number", "length"]);
