/**
 * The Credentials view's state: the sort, the filter, which secrets are
 * shown, and the rows fetched so far (by pages from the worker, per query),
 * kept here so that switching tabs does not ask again. Secrets are masked
 * until revealed, one by one or all; a new capture masks everything again.
 */
import { useEffect, useRef } from "react";
import { create } from "zustand";
import type { CredentialColumn, CredentialQuery } from "../../engine/credentials/page";
import type { CredentialRecord } from "../../engine/credentials/types";
import { useCaptureStore } from "../../store/capture-store";

/** Rows per request (a few screens). */
export const PAGE = 200;

export interface CredentialsState {
  /** Capture generation the rows belong to. */
  generation: number;
  sort: CredentialColumn;
  descending: boolean;
  filter: string;
  /** The query the rows and counts below answer ("": none yet). */
  queryKey: string;
  status: "idle" | "loading" | "ready" | "error";
  error: string | null;
  total: number;
  all: number;
  accepted: number;
  ftpTls: boolean;
  /** Rows by position in the sorted, filtered list. */
  rows: ReadonlyMap<number, CredentialRecord>;
  /** Shown secrets: `revealAll` shows all but `hidden`, else only `revealed` (record ids). */
  revealAll: boolean;
  revealed: ReadonlySet<number>;
  hidden: ReadonlySet<number>;
  set(patch: Partial<Omit<CredentialsState, "set">>): void;
}

export const useCredentialsStore = create<CredentialsState>()((set) => ({
  generation: -1,
  sort: "frame",
  descending: false,
  filter: "",
  queryKey: "",
  status: "idle",
  error: null,
  total: 0,
  all: 0,
  accepted: 0,
  ftpTls: false,
  rows: new Map(),
  revealAll: false,
  revealed: new Set(),
  hidden: new Set(),
  set: (patch) => set(patch),
}));

export function isShown(s: Pick<CredentialsState, "revealAll" | "revealed" | "hidden">, id: number): boolean {
  return s.revealAll ? !s.hidden.has(id) : s.revealed.has(id);
}

/** Shows or masks one row's secret. */
export function toggleSecret(id: number): void {
  const s = useCredentialsStore.getState();
  const flip = (set: ReadonlySet<number>): Set<number> => {
    const next = new Set(set);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  };
  if (s.revealAll) s.set({ hidden: flip(s.hidden) });
  else s.set({ revealed: flip(s.revealed) });
}

const keyOf = (s: Pick<CredentialsState, "sort" | "descending" | "filter">): string => `${s.sort}\0${s.descending}\0${s.filter}`;

/**
 * Keeps the rows [first, last] of the current query fetched (a page around
 * them), once the capture is indexed; returns the store's state.
 */
export function useCredentialRows(first: number, last: number): CredentialsState {
  const client = useCaptureStore((s) => s.client);
  const loadState = useCaptureStore((s) => s.state);
  const generation = useCaptureStore((s) => s.generation);
  const packets = useCaptureStore((s) => s.packets);
  const state = useCredentialsStore();
  const asked = useRef(new Set<string>());
  // A damaged capture stops loading with an error; its packets up to the damage are listed.
  const loaded = loadState === "ready" || (loadState === "error" && packets > 0);
  const key = keyOf(state);

  useEffect(() => {
    const s = useCredentialsStore.getState();
    if (s.generation === generation) return;
    asked.current.clear();
    s.set({ generation, queryKey: "", status: "idle", rows: new Map(), revealAll: false, revealed: new Set(), hidden: new Set() });
  }, [generation]);

  useEffect(() => {
    if (!client || !loaded || state.generation !== generation) return;
    const fresh = state.queryKey !== key;
    const start = fresh ? 0 : Math.max(0, Math.floor(first / PAGE) * PAGE - PAGE);
    const end = fresh ? PAGE : Math.min(state.total, (Math.floor(last / PAGE) + 2) * PAGE);
    let missing = -1;
    for (let i = start; i < end && missing < 0; i++) if (!state.rows.has(i)) missing = i;
    if (!fresh && missing < 0) return;
    const offset = fresh ? 0 : Math.floor(missing / PAGE) * PAGE;
    const ask = `${generation}\0${key}\0${offset}`;
    if (asked.current.has(ask)) return;
    asked.current.add(ask);
    if (fresh) useCredentialsStore.getState().set({ status: "loading" });
    const query: CredentialQuery = { sort: state.sort, descending: state.descending, filter: state.filter, offset, limit: PAGE };
    client.credentialsPage(query).then(
      (page) => {
        // Asked once at a time: a query left and come back to is asked again.
        asked.current.delete(ask);
        const now = useCredentialsStore.getState();
        if (now.generation !== generation || keyOf(now) !== key) return;
        const rows = new Map(now.queryKey === key ? now.rows : []);
        page.rows.forEach((r, i) => rows.set(page.offset + i, r));
        now.set({ queryKey: key, status: "ready", error: null, rows, total: page.total, all: page.all, accepted: page.accepted, ftpTls: page.ftpTls });
      },
      (e: unknown) => {
        asked.current.delete(ask);
        if (useCredentialsStore.getState().generation !== generation) return;
        useCredentialsStore.getState().set({ status: "error", error: e instanceof Error ? e.message : String(e) });
      },
    );
  }, [client, loaded, generation, key, first, last, state.generation, state.queryKey, state.rows, state.total, state.sort, state.descending, state.filter]);

  return state;
}
