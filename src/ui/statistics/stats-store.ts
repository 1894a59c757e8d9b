/**
 * The Statistics views' data: the open capture's statistics snapshot (the
 * worker counts Conversations, Endpoints and the Protocol Hierarchy while
 * it indexes, so asking is instant), kept here per capture so switching
 * tabs does not ask again; asked again as more packets are indexed while
 * the capture loads, at most once a second. Plus which sub-view and tab
 * are shown.
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

const REFRESH_MS = 1000;
/** When the snapshot was last asked for, and the number of the newest request applied (older answers are dropped). */
let askedAt = -Infinity;
let asked = 0;
let applied = 0;

function ask(generation: number, key: string): void {
  const { client } = useCaptureStore.getState();
  if (!client) return;
  const seq = ++asked;
  askedAt = performance.now();
  const current = (): boolean => seq > applied && useCaptureStore.getState().generation === generation;
  client.statistics().then(
    (snapshot) => {
      if (!current()) return;
      applied = seq;
      useStatsStore.getState().set({ generation, key, snapshot, error: null });
    },
    (e: unknown) => {
      if (!current()) return;
      applied = seq;
      useStatsStore.getState().set({ generation, key, snapshot: null, error: e instanceof Error ? e.message : String(e) });
    },
  );
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
    // While loading, at most once a second; a new capture's first snapshot and the final one at once.
    const throttled = loadState === "loading" && s.generation === generation;
    const wait = throttled ? Math.max(0, REFRESH_MS - (performance.now() - askedAt)) : 0;
    const timer = setTimeout(() => ask(generation, key), wait);
    return () => clearTimeout(timer);
  }, [client, generation, packets, loadState]);
  return { snapshot, error };
}
