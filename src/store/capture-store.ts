/**
 * The open capture: load state, counts, timings and the handles to reach its
 * rows (the analyzer client, the row cache, the display order). Never packet
 * objects: rows live in the worker and, a window at a time, in the row cache.
 */
import { create } from "zustand";
import type { AnalyzerClient } from "../worker/client";
import type { CaptureSummary } from "../engine/session/types";
import type { RowCache } from "./row-cache";
import { PacketOrder } from "./packet-order";

export type LoadState = "idle" | "loading" | "ready" | "error";

export interface FileMeta {
  name: string;
  size: number;
  lastModified: number;
}

export interface CaptureState {
  state: LoadState;
  /** Increments with every opened file; stale callbacks compare it. */
  generation: number;
  client: AnalyzerClient | null;
  rows: RowCache | null;
  order: PacketOrder;
  file: FileMeta | null;
  summary: CaptureSummary | null;
  bytesRead: number;
  totalBytes: number;
  /** Rows indexed so far (all of them once ready). */
  packets: number;
  /** Rows the display filter shows ("tcp.stream eq N" for now); null when no filter is applied. */
  displayed: number | null;
  firstSec: number;
  firstNsec: number;
  /** Alert text, in plain words. */
  problem: string | null;
  cancelled: boolean;
  /** The analyzer worker died: the alert offers to open the file again. */
  crashed: boolean;
  startedAt: number;
  /** Milliseconds from choosing the file to the first rows arriving, and to the end of indexing. */
  firstRowsMs: number | null;
  loadMs: number | null;
  /** Set while a sort runs in the worker. */
  sortProgress: { done: number; total: number } | null;
}

export const initialCaptureState = {
  state: "idle",
  generation: 0,
  client: null,
  rows: null,
  order: PacketOrder.IDENTITY,
  file: null,
  summary: null,
  bytesRead: 0,
  totalBytes: 0,
  packets: 0,
  displayed: null,
  firstSec: 0,
  firstNsec: 0,
  problem: null,
  cancelled: false,
  crashed: false,
  startedAt: 0,
  firstRowsMs: null,
  loadMs: null,
  sortProgress: null,
} satisfies CaptureState;

export const useCaptureStore = create<CaptureState>()(() => ({ ...initialCaptureState }));
