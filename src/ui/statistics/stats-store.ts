/**
 * The Statistics views' data: the open capture's statistics snapshot (the
 * worker counts Conversations, Endpoints and the Protocol Hierarchy while
 * it indexes, so asking needs no pass over the capture), kept here per capture so switching
 * tabs does not ask again; asked again as more packets are indexed while
 * the capture loads (throttled, see REFRESH_MS). Plus which sub-view and
 * tab are shown.
 */
import { useEffect } from "react";
import { create } from "zustand";
import type { StatsSnapshot, TapName } from "../../engine/stats/snapshot";
import { useCaptureStore } from "../../store/capture-store";

export type StatsPage = "properties" | "hierarchy" | "conversations" | "endpoints";

export interface StatsState {
  /** Capture generation the snapshot belongs to, and the packets indexed and load state when it was asked for ("120/loading"). */
  generation: number;
  key: string;
  snapshot: StatsSnapshot | null;
  error: string | null;
  page: StatsPage;
  conversationTap: TapName;
  endpointTap: TapName;
  set(patch: Partial<Omit<StatsState, "set">>): void;
}

export const useStatsStore = create<StatsState>()((set) => ({
  generation: -1,
  key: "",
  snapshot: null,
  error: null,
  page: "properties",
  conversationTap: "ip",
  endpointTap: "ip",
  set: (patch) => set(patch),
}));

/**
 * While a capture loads, the snapshot is asked for at most once a second,
 * and never sooner than four times its last round trip after it: the worker
 * builds it from every table (seconds for a million conversations) on the
 * thread that indexes, so refreshes take at most a fifth of that thread.
 * One request at a time; what is asked meanwhile waits for its answer.
 */
const REFRESH_MS = 1000;
const ROUND_TRIPS = 4;
let nextAt = -Infinity;
let inFlight = false;
let queued: { generation: number; key: string } | null = null;

/** How long to wait before asking for the snapshot of `generation` now. */
function throttle(generation: number): number {
  const { state } = useCaptureStore.getState();
  const refresh = state === "loading" && useStatsStore.getState().generation === generation;
  return refresh ? Math.max(0, nextAt - performance.now()) : 0;
}

function ask(generation: number, key: string): void {
  const { client } = useCaptureStore.getState();
  if (!client) return;
  if (inFlight) {
    queued = { generation, key };
    return;
  }
  inFlight = true;
  const started = performance.now();
  const current = (): boolean => useCaptureStore.getState().generation === generation;
  client
    .statistics()
    .then(
      (snapshot) => {
        if (current()) useStatsStore.getState().set({ generation, key, snapshot, error: null });
      },
      (e: unknown) => {
        if (current()) useStatsStore.getState().set({ generation, key, snapshot: null, error: e instanceof Error ? e.message : String(e) });
      },
    )
    .finally(() => {
      inFlight = false;
      const now = performance.now();
      nextAt = now + Math.max(REFRESH_MS, ROUND_TRIPS * (now - started));
      const next = queued;
      queued = null;
      if (next && next.generation === useCaptureStore.getState().generation)
        setTimeout(() => ask(next.generation, next.key), throttle(next.generation));
    });
}

/** Asks the worker for the snapshot when the capture or its packet count changes; returns it (null until it arrives). */
export function useStatsSnapshot(): { snapshot: StatsSnapshot | null; error: string | null } {
  const client = useCaptureStore((s) => s.client);
  const generation = useCaptureStore((s) => s.generation);
  const packets = useCaptureStore((s) => s.packets);
  const loadState = useCaptureStore((s) => s.state);
  const snapshot = useStatsStore((s) => (s.generation === generation ? s.snapshot : null));
  const error = useStatsStore((s) => (s.generation === generation ? s.error : null));
  useEffect(() => {
    if (!client) return;
    const s = useStatsStore.getState();
    const key = `${packets}/${loadState}`;
    if (s.generation === generation && s.key === key && s.error === null) return;
    // A new capture's first snapshot and the final one at once; refreshes while loading throttled.
    const timer = setTimeout(() => ask(generation, key), throttle(generation));
    return () => clearTimeout(timer);
  }, [client, generation, packets, loadState]);
  return { snapshot, error };
}
