/**
 * The I/O Graph's settings (graphs, interval, log scale) and its last
 * series, kept while the user switches tabs. The series are the worker's
 * typed arrays as they arrived (one Float64Array per graph).
 */
import { create } from "zustand";
import type { IoGraphResult } from "../../../worker/io-graph-api";
import { defaultGraphs, newGraph, type GraphConfig } from "./io-graph-model";

export interface IoGraphState {
  graphs: GraphConfig[];
  intervalUs: number;
  log: boolean;
  /** The series counted, for the request with this key and capture generation. */
  result: { key: string; generation: number; result: IoGraphResult } | null;
  error: string | null;
  /** Packets re-dissected so far of all, while the graphs with filters or fields are counted. */
  progress: { done: number; total: number } | null;
  add(): void;
  remove(id: number): void;
  update(id: number, change: Partial<Omit<GraphConfig, "id">>): void;
  set(change: Partial<Pick<IoGraphState, "intervalUs" | "log" | "result" | "error" | "progress">>): void;
}

export const useIoGraphStore = create<IoGraphState>((set) => ({
  graphs: defaultGraphs(),
  intervalUs: 1_000_000,
  log: false,
  result: null,
  error: null,
  progress: null,
  add: () => set((s) => ({ graphs: [...s.graphs, newGraph(s.graphs)] })),
  remove: (id) => set((s) => ({ graphs: s.graphs.filter((g) => g.id !== id) })),
  update: (id, change) => set((s) => ({ graphs: s.graphs.map((g) => (g.id === id ? { ...g, ...change } : g)) })),
  set: (change) => set(change),
}));
