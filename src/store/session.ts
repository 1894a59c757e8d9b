/**
 * Opening, cancelling and sorting a capture: the few actions that talk to the
 * analyzer worker and update the stores. One worker per file: opening another
 * file closes the previous client (terminating its worker mid-indexing if
 * need be), and every callback checks it still belongs to the current file.
 */
import { AnalyzerClient, AnalyzerClosedError, AnalyzerCrashedError } from "../worker/client";
import { initialCaptureState, useCaptureStore, type CaptureState, type FileMeta } from "./capture-store";
import { PacketOrder } from "./packet-order";
import { rememberFile } from "./recent-files";
import { RowCache } from "./row-cache";
import { useSelectionStore } from "./selection-store";
import { hashAppliesTo, hashOwner, parseHash, setHashOwner, writeHash } from "./url-hash";
import { useViewStore, type SortState } from "./view-store";
import { shownFieldColumns, useColumnPrefs } from "./column-prefs";
import { fieldColumnKey } from "../engine/session/column-types";
import { loadGuard, sizeRefusal } from "./size-guard";

const set = (patch: Partial<CaptureState>): void => useCaptureStore.setState(patch);

function isCurrent(generation: number): boolean {
  return useCaptureStore.getState().generation === generation;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * A worker started ahead of time, so that opening a file does not wait for
 * the worker's script to load and compile (a few hundred milliseconds of the
 * "first rows within a second" budget). One is started with the page; the
 * next only when a file is about to come (the pointer on "Open capture", a
 * drag entering the page: ui/open), because an idle worker held beside an
 * open capture cost 15-25 MB of the tab (a V8 isolate, the bundle's source
 * and its compiled code), all of it for a second file that may never come.
 */
let spare: AnalyzerClient | null = null;

export function prewarmAnalyzer(): void {
  if (!spare || spare.closed) spare = new AnalyzerClient();
}

/** Settles once the worker started ahead has loaded its script (or failed): the page's own start-up work waits for it (main.tsx). */
export function spareAnalyzerStarted(): Promise<void> {
  return spare?.started ?? Promise.resolve();
}

function takeAnalyzer(): AnalyzerClient {
  const client = spare && !spare.closed ? spare : new AnalyzerClient();
  spare = null;
  return client;
}

/** The File open now, read again when a preference that changes dissection changes. */
let openFile: File | null = null;

/**
 * Opens the current capture again (after "Resolve MAC names" changed: the
 * index holds the old names), with the display filter and the packet the
 * analyst has now: the URL hash, which an open restores them from, follows
 * them only a moment later (ui/app/useHashSync.ts), so a filter cleared just
 * before came back.
 */
export function reopenCapture(): Promise<void> {
  if (!openFile) return Promise.resolve();
  writeHash({ filter: useViewStore.getState().filter, packet: useSelectionStore.getState().packet });
  return openCapture(openFile);
}

/** Opens a capture: the File goes to a fresh worker, which reads slices of it. */
export async function openCapture(file: File): Promise<void> {
  const previous = useCaptureStore.getState();
  previous.client?.close();
  const generation = previous.generation + 1;
  const meta: FileMeta = { name: file.name, size: file.size, lastModified: file.lastModified };
  // A file the tab cannot hold is refused before a byte of it is read (size-guard.ts).
  const refusal = sizeRefusal(file.size);
  if (refusal) {
    openFile = null;
    set({ ...initialCaptureState, state: "error", generation, file: meta, totalBytes: file.size, problem: refusal });
    return;
  }
  const client = takeAnalyzer();
  openFile = file;
  // Not awaited: the worker takes calls in order, so the open below already sees it.
  client.setMacNames(useViewStore.getState().macNames).catch(() => undefined);
  const rows = new RowCache((first, count, knownAddresses, knownProtocols) =>
    client.rows(first, count, knownAddresses, knownProtocols, shownFieldColumns(useColumnPrefs.getState().columns)),
  );
  const startedAt = performance.now();
  const current = (): boolean => isCurrent(generation);

  // The hash's filter and packet apply if they were written for this file.
  const hash = parseHash(location.hash);
  const restore = hashAppliesTo(meta, hashOwner()) ? hash : { filter: "", packet: null };
  setHashOwner(meta);
  writeHash(restore);
  let pendingPacket = restore.packet;
  const selectPending = (available: number): void => {
    if (pendingPacket !== null && pendingPacket <= available) {
      useSelectionStore.getState().selectPacket(pendingPacket);
      pendingPacket = null;
    }
  };

  // The filter first: the filter bar reads it when the new generation starts.
  useViewStore.getState().setFilter(restore.filter);
  set({ ...initialCaptureState, state: "loading", generation, client, rows, file: meta, totalBytes: file.size, startedAt });
  useSelectionStore.getState().clear();
  useViewStore.getState().setSort(null);
  rememberFile(meta);

  rows.onFirstRows = () => current() && set({ firstRowsMs: performance.now() - startedAt });
  rows.onError = (e) => {
    // A crash is reported once, by onCrash; a closed client belongs to an older file.
    if (current() && !(e instanceof AnalyzerClosedError) && !(e instanceof AnalyzerCrashedError))
      set({ problem: `Rows could not be read: ${message(e)}` });
  };
  client.onCrash = (e) => {
    if (!current()) return;
    const { packets } = useCaptureStore.getState();
    set({
      state: packets > 0 ? "ready" : "error",
      problem: `${e.message}. ${packets > 0 ? "The rows already shown stay, but details cannot be read; " : ""}open the file again to retry.`,
      crashed: true,
      loadMs: performance.now() - startedAt,
    });
  };

  // Loading stops before the packets outgrow the tab's memory; the message says why.
  const guard = loadGuard(file.size);
  let stoppedBecause: string | null = null;
  try {
    const result = await client.open(file, file.name, {
      onSummary: (summary) => current() && set({ summary }),
      // The worker tells the first screenful by onRows and every later count by onProgress only.
      onProgress: (p) => {
        if (!current()) return;
        set({ bytesRead: p.bytesRead, totalBytes: p.totalBytes, packets: p.packets });
        selectPending(p.packets);
        const stop = guard.check(p.packets, p.bytesRead);
        if (stop) {
          stoppedBecause = stop;
          client.cancel().catch(() => undefined);
        }
      },
      onRows: (count) => {
        if (!current()) return;
        set({ packets: count });
        selectPending(count);
      },
    });
    if (!current()) return;
    set({
      state: result.packets > 0 || !result.problem ? "ready" : "error",
      packets: result.packets,
      summary: result.summary,
      firstSec: result.firstSec,
      firstNsec: result.firstNsec,
      problem: stoppedBecause ?? result.problem?.message ?? null,
      cancelled: result.cancelled,
      bytesRead: result.cancelled ? useCaptureStore.getState().bytesRead : file.size,
      loadMs: performance.now() - startedAt,
    });
    selectPending(result.packets);
  } catch (e) {
    if (e instanceof AnalyzerClosedError || !current()) return;
    const { packets } = useCaptureStore.getState();
    set({ state: packets > 0 ? "ready" : "error", problem: message(e), loadMs: performance.now() - startedAt });
  }
}

/** Stops indexing; the rows indexed so far stay. */
export function cancelLoading(): void {
  void useCaptureStore
    .getState()
    .client?.cancel()
    .catch(() => undefined);
}

let sortSequence = 0;

/** Sorts the packet list in the worker (null: back to frame order). */
export async function sortPackets(sort: SortState | null): Promise<void> {
  const { client, rows, generation, packets } = useCaptureStore.getState();
  useViewStore.getState().setSort(sort);
  if (!client || !rows) return;
  const seq = ++sortSequence;
  const spec = (sort && useColumnPrefs.getState().columns.find((c) => c.id === sort.key)?.spec) || { type: "number" as const };
  const direction = sort?.direction ?? "asc";
  set({ sortProgress: { done: 0, total: packets } });
  try {
    const perm = await client.sortColumn(spec, direction, (done, total) => {
      if (isCurrent(generation) && seq === sortSequence) set({ sortProgress: { done, total } });
    });
    if (!isCurrent(generation) || seq !== sortSequence) return;
    // Under a display filter the permutation lists only the rows shown.
    const filtered = useCaptureStore.getState().displayed !== null;
    set({
      order: !filtered && spec.type === "number" && direction === "asc" ? PacketOrder.IDENTITY : new PacketOrder(perm, filtered),
      sortProgress: null,
    });
    rows.invalidate();
  } catch (e) {
    if (!isCurrent(generation) || e instanceof AnalyzerClosedError) return;
    set({ sortProgress: null, problem: `Sorting failed: ${message(e)}` });
  }
}

/** Rows indexed after a sort follow in frame order; re-sort once loading ends. */
useCaptureStore.subscribe((s, prev) => {
  if (s.generation === prev.generation && prev.state === "loading" && s.state === "ready") {
    const sort = useViewStore.getState().sort;
    if (sort) void sortPackets(sort);
  }
});

/** A field column shown or hidden: the rows are fetched again, carrying its values. */
const fieldColumnKeys = (s: { columns: Parameters<typeof shownFieldColumns>[0] }): string =>
  shownFieldColumns(s.columns).map(fieldColumnKey).join("\n");
useColumnPrefs.subscribe((s, prev) => {
  if (fieldColumnKeys(s) !== fieldColumnKeys(prev)) useCaptureStore.getState().rows?.invalidate();
});

export function dismissProblem(): void {
  set({ problem: null });
}

/**
 * Test hook: makes the worker crash, to check the page survives it: "throw"
 * an uncaught error (an error event), "exit" end the worker without one (as
 * one killed for its memory ends).
 */
export function simulateWorkerCrash(how: "throw" | "exit" = "throw"): void {
  const client = useCaptureStore.getState().client;
  if (how === "exit") client?.exitForTest();
  else client?.crashForTest().catch(() => undefined);
}
