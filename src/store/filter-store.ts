/**
 * The display filter in the app: the filter bar's text and applying a filter
 * in the worker, after which the packet list shows the rows it keeps and
 * the status bar says "Displayed: N (x%)". The filter in force is the view
 * store's `filter` (the URL hash keeps it); the bar's text may differ while
 * the user edits it.
 *
 * One filter runs at a time: applying another cancels the older one in the
 * worker, and only the newest's answer is taken. While a filter runs the
 * list keeps showing the previous one's rows (the worker swaps them only
 * when it is done), so nothing freezes.
 */
import { create } from "zustand";
import { AnalyzerClosedError } from "../worker/client";
import { useCaptureStore } from "./capture-store";
import { rememberFilter } from "./filter-history";
import { PacketOrder } from "./packet-order";
import { useSelectionStore } from "./selection-store";
import { sortPackets } from "./session";
import { useViewStore } from "./view-store";

export interface FilterRun {
  text: string;
  done: number;
  total: number;
  /** performance.now() when it started: the status bar shows progress only for long runs. */
  startedAt: number;
  /** A re-run of the filter in force (what Cancel starts): cancelling it clears the filter. */
  restoring: boolean;
}

export interface FilterState {
  /** What the filter bar holds. */
  text: string;
  /** The filter running in the worker, or null. */
  running: FilterRun | null;
  /**
   * Set to ask the filter bar to take the keyboard focus (Ctrl+/, "Prepare
   * as Filter"); the bar clears it, also when it mounts after the request
   * (Ctrl+/ from another view).
   */
  focusPending: boolean;
}

export const useFilterStore = create<FilterState>()(() => ({
  text: "",
  running: null,
  focusPending: false,
}));

function message(e: unknown): string {
  return e instanceof Error ? e.message.replace(/^Error: /, "") : String(e);
}

let sequence = 0;

/**
 * Applies a display filter ("" for none): the bar shows it at once, the list
 * when the worker is done. Resolves true when it is in force, false when a
 * newer filter replaced it, or it had an error (reported in plain words).
 */
export async function applyDisplayFilter(text: string, options: { restoring?: boolean; keepText?: boolean } = {}): Promise<boolean> {
  const { client, rows, generation, packets } = useCaptureStore.getState();
  const seq = ++sequence;
  if (!options.keepText) useFilterStore.setState({ text });
  if (!client || !rows) {
    // No capture yet: the filter waits for one (openCapture takes it from the hash).
    useViewStore.getState().setFilter(text);
    return false;
  }
  const current = (): boolean => seq === sequence && useCaptureStore.getState().generation === generation;
  const run: FilterRun = { text, done: 0, total: packets, startedAt: performance.now(), restoring: options.restoring === true };
  useFilterStore.setState({ running: run });
  try {
    const r = await client.applyDisplayFilter(text, (done, total) => {
      if (current()) useFilterStore.setState({ running: { ...run, done, total } });
    });
    if (!current() || r.cancelled) return false;
    useFilterStore.setState({ running: null });
    if (r.error) {
      useCaptureStore.setState({ problem: `The display filter has an error: ${r.error.message}` });
      return false;
    }
    rememberFilter(text);
    const order = r.order ? new PacketOrder(r.order, true) : PacketOrder.IDENTITY;
    useCaptureStore.setState({ order, displayed: r.order ? r.displayed : null });
    useViewStore.getState().setFilter(text);
    // The selection stays on its packet while the packet is shown.
    const selected = useSelectionStore.getState().packet;
    if (selected !== null && order.positionOf(selected) < 0) useSelectionStore.getState().clear();
    rows.invalidate();
    // Without a filter, a sort's order covers every row again.
    const sort = useViewStore.getState().sort;
    if (!r.order && sort) void sortPackets(sort);
    return true;
  } catch (e) {
    if (!current()) return false;
    useFilterStore.setState({ running: null });
    if (!(e instanceof AnalyzerClosedError))
      useCaptureStore.setState({ problem: `The display filter could not be applied: ${message(e)}` });
    return false;
  }
}

/**
 * Stops the filter running: the worker keeps the previous filter's rows
 * until a newer filter finishes, so the previous filter is applied again
 * (quick for most); cancelling that too clears the filter.
 */
export function cancelDisplayFilter(): void {
  const run = useFilterStore.getState().running;
  if (!run) return;
  const inForce = useViewStore.getState().filter;
  // The bar keeps the text that was running, to be corrected and tried again.
  if (run.restoring || inForce.trim() === "" || inForce === run.text) void applyDisplayFilter("", { keepText: true });
  else void applyDisplayFilter(inForce, { restoring: true, keepText: true });
}

/** Esc in the bar: empties it and shows every packet. */
export function clearDisplayFilter(): Promise<boolean> {
  return applyDisplayFilter("");
}

/** Puts text in the bar without applying it ("Prepare as Filter"), and focuses the bar. */
export function prepareDisplayFilter(text: string): void {
  useFilterStore.setState({ text, focusPending: true });
}

export function setFilterText(text: string): void {
  useFilterStore.setState({ text });
}

/** Asks the filter bar to take the focus (Ctrl+/). */
export function focusFilterBar(): void {
  useFilterStore.setState({ focusPending: true });
}

// A new file starts with the filter openCapture took from the URL hash (or
// none). A filter set while the file loaded (or restored from the URL) covers
// the rows indexed by then: applied again once loading ends.
useCaptureStore.subscribe((s, prev) => {
  if (s.generation !== prev.generation) {
    sequence++;
    useFilterStore.setState({ text: useViewStore.getState().filter, running: null });
  }
  if (s.generation === prev.generation && prev.state === "loading" && s.state === "ready") {
    const filter = useViewStore.getState().filter;
    if (filter.trim() !== "") void applyDisplayFilter(filter, { keepText: true });
  }
});
