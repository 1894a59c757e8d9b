/**
 * The Statistics views' data: the open capture's statistics overview (the
 * Protocol Hierarchy and the size of every Conversations and Endpoints
 * table; the tables' rows come by pages, paged-rows.ts), kept here per
 * capture so switching tabs does not ask again; asked again as more
 * packets are indexed while the capture loads (throttled, see REFRESH_MS).
 * With "Limit to display filter" ticked and a filter applied, the worker
 * first counts the displayed packets (a pass of its own, with progress;
 * a newer filter cancels it). Plus which sub-view and tab are shown.
 */
import { useEffect } from "react";
import { create } from "zustand";
import type { StatsOverview } from "../../engine/stats/paging";
import type { TapName } from "../../engine/stats/snapshot";
import type { StatsScope } from "../../worker/stats-api";
import { useCaptureStore } from "../../store/capture-store";
import { useViewStore } from "../../store/view-store";

export type StatsPage = "properties" | "hierarchy" | "conversations" | "endpoints" | "flow" | "io";

export interface StatsState {
  /** Capture generation the overview belongs to, and what it was asked for ("120/loading/all"). */
  generation: number;
  key: string;
  overview: StatsOverview | null;
  /** What the overview counts: every packet, or the displayed ones. */
  scope: StatsScope;
  /** Bumped with each new overview: pages asked for earlier are stale. */
  revision: number;
  error: string | null;
  /** "Limit to display filter" (Conversations, Endpoints and Protocol Hierarchy). */
  limit: boolean;
  /** The displayed packets counted so far, while the limited pass runs. */
  progress: { done: number; total: number } | null;
  page: StatsPage;
  conversationTap: TapName;
  endpointTap: TapName;
  set(patch: Partial<Omit<StatsState, "set">>): void;
}

export const useStatsStore = create<StatsState>()((set) => ({
  generation: -1,
  key: "",
  overview: null,
  scope: "all",
  revision: 0,
  error: null,
  limit: false,
  progress: null,
  page: "properties",
  conversationTap: "ip",
  endpointTap: "ip",
  set: (patch) => set(patch),
}));

/**
 * While a capture loads, the overview is asked for at most once a second,
 * and never sooner than four times its last round trip after it: the worker
 * counts on the thread that indexes, so refreshes take at most a fifth of
 * that thread. One request at a time; what is asked meanwhile waits for its answer.
 */
const REFRESH_MS = 1000;
const ROUND_TRIPS = 4;
let nextAt = -Infinity;
let inFlight: string | null = null;

interface Request {
  generation: number;
  key: string;
  scope: StatsScope;
}
/** The latest request: asked when the one in flight ends, unless that one answered it. */
let wanted: Request | null = null;
const requestId = (r: Request): string => `${r.generation} ${r.key}`;

/** How long to wait before asking for the overview of `generation` now. */
function throttle(generation: number): number {
  const { state } = useCaptureStore.getState();
  const refresh = state === "loading" && useStatsStore.getState().generation === generation;
  return refresh ? Math.max(0, nextAt - performance.now()) : 0;
}

function ask(request: Request): void {
  const { client } = useCaptureStore.getState();
  if (!client) return;
  wanted = request;
  if (inFlight !== null) {
    // A limited pass still running for another filter or scope is not wanted any more.
    if (inFlight !== requestId(request)) client.statisticsCancelLimit().catch(() => undefined);
    return;
  }
  const { generation, key, scope } = request;
  inFlight = requestId(request);
  const started = performance.now();
  const current = (): boolean => useCaptureStore.getState().generation === generation;
  const stats = useStatsStore.getState();
  let cancelled = false;
  const load = async (): Promise<StatsOverview | null> => {
    if (scope === "displayed") {
      const counted = await client.statisticsLimit((done, total) => {
        if (current()) stats.set({ progress: { done, total } });
      });
      // Cancelled: another request is wanted (another filter, or the box unticked), or this one again.
      if (counted.state === "cancelled") {
        cancelled = true;
        return null;
      }
    }
    return client.statisticsOverview(scope);
  };
  load()
    .then(
      (overview) => {
        if (current() && overview) {
          const revision = useStatsStore.getState().revision + 1;
          useStatsStore.getState().set({ generation, key, overview, scope, revision, error: null, progress: null });
        }
      },
      (e: unknown) => {
        if (current())
          useStatsStore.getState().set({ generation, key, overview: null, error: e instanceof Error ? e.message : String(e), progress: null });
      },
    )
    .finally(() => {
      inFlight = null;
      const now = performance.now();
      nextAt = now + Math.max(REFRESH_MS, ROUND_TRIPS * (now - started));
      const next = wanted;
      if (!next || next.generation !== useCaptureStore.getState().generation || (requestId(next) === requestId(request) && !cancelled)) {
        wanted = null;
        return;
      }
      setTimeout(() => {
        if (wanted === next) ask(next);
      }, throttle(next.generation));
    });
}

/**
 * What the overview counts: the displayed packets only when the box is
 * ticked and a filter is applied; Capture File Properties always every packet.
 */
export function useStatsScope(): StatsScope {
  const limit = useStatsStore((s) => s.limit && s.page !== "properties");
  const filter = useViewStore((s) => s.filter);
  return limit && filter.trim() !== "" ? "displayed" : "all";
}

/** Asks the worker for the overview when the capture, its packet count, the filter or the scope change; returns it (null until it arrives). */
export function useStatsOverview(): { overview: StatsOverview | null; error: string | null } {
  const client = useCaptureStore((s) => s.client);
  const generation = useCaptureStore((s) => s.generation);
  const packets = useCaptureStore((s) => s.packets);
  const loadState = useCaptureStore((s) => s.state);
  const filter = useViewStore((s) => s.filter);
  const scope = useStatsScope();
  const overview = useStatsStore((s) => (s.generation === generation ? s.overview : null));
  const error = useStatsStore((s) => (s.generation === generation ? s.error : null));
  useEffect(() => {
    if (!client) return;
    const s = useStatsStore.getState();
    const key = `${packets}/${loadState}/${scope === "displayed" ? `displayed:${filter}` : "all"}`;
    if (s.generation === generation && s.key === key && s.error === null) return;
    // A new capture's first overview and the final one at once; refreshes while loading throttled.
    const timer = setTimeout(() => ask({ generation, key, scope }), throttle(generation));
    return () => clearTimeout(timer);
  }, [client, generation, packets, loadState, filter, scope]);
  return { overview, error };
}
