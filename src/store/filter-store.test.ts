import { beforeEach, describe, expect, it } from "vitest";
import type { AnalyzerClient } from "../worker/client";
import type { DisplayFilterResult } from "../worker/follow-api";
import { initialCaptureState, useCaptureStore } from "./capture-store";
import { filterHistory } from "./filter-history";
import { applyDisplayFilter, cancelDisplayFilter, prepareDisplayFilter, useFilterStore } from "./filter-store";
import { RowCache } from "./row-cache";
import { useSelectionStore } from "./selection-store";
import { installMemoryStorage } from "./test-storage";
import { useViewStore } from "./view-store";

const TOTAL = 10;

/** A worker stand-in whose filter runs finish when the test says so. */
function fakeClient() {
  const calls: { text: string; finish(r?: Partial<DisplayFilterResult>): void; progress(done: number): void }[] = [];
  const client = {
    applyDisplayFilter(text: string, onProgress?: (done: number, total: number) => void): Promise<DisplayFilterResult> {
      return new Promise((resolve) => {
        calls.push({
          text,
          progress: (done) => onProgress?.(done, TOTAL),
          finish: (r = {}) => {
            // Keeps frames 1, 3, 5 (rows 0, 2, 4) unless told otherwise; "" shows all.
            const order = text.trim() === "" ? null : Uint32Array.of(0, 2, 4);
            resolve({ order, displayed: order?.length ?? TOTAL, total: TOTAL, error: null, warnings: [], dissected: 0, ms: 1, ...r });
          },
        });
      });
    },
  };
  return { client: client as unknown as AnalyzerClient, calls };
}

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

describe("filter store", () => {
  let calls: ReturnType<typeof fakeClient>["calls"];

  beforeEach(() => {
    installMemoryStorage();
    const fake = fakeClient();
    calls = fake.calls;
    const rows = new RowCache(() => Promise.reject(new Error("no rows in this test")));
    useCaptureStore.setState({ ...initialCaptureState, state: "ready", generation: 1, client: fake.client, rows, packets: TOTAL });
    useViewStore.setState({ filter: "", sort: null });
    useFilterStore.setState({ text: "", running: null, focusPending: false });
    useSelectionStore.getState().clear();
  });

  it("shows the filter in the bar at once and its rows when the worker is done", async () => {
    useSelectionStore.getState().selectPacket(3);
    const done = applyDisplayFilter("tcp");
    expect(useFilterStore.getState().text).toBe("tcp");
    expect(useFilterStore.getState().running?.text).toBe("tcp");
    calls[0]!.progress(4);
    expect(useFilterStore.getState().running).toMatchObject({ done: 4, total: TOTAL });
    // Until then the previous rows stay in force.
    expect(useCaptureStore.getState().displayed).toBeNull();
    calls[0]!.finish();
    expect(await done).toBe(true);
    expect(useCaptureStore.getState().displayed).toBe(3);
    expect(useCaptureStore.getState().order.numberAt(1)).toBe(3);
    expect(useViewStore.getState().filter).toBe("tcp");
    expect(useFilterStore.getState().running).toBeNull();
    expect(filterHistory()).toEqual(["tcp"]);
    // Frame 3 is still shown: it stays selected.
    expect(useSelectionStore.getState().packet).toBe(3);

    useSelectionStore.getState().selectPacket(2);
    const again = applyDisplayFilter("udp");
    calls[1]!.finish();
    await again;
    // Frame 2 is not shown any more: nothing is selected.
    expect(useSelectionStore.getState().packet).toBeNull();
  });

  it("takes only the newest filter's answer", async () => {
    const first = applyDisplayFilter("slow");
    const second = applyDisplayFilter("");
    calls[1]!.finish();
    expect(await second).toBe(true);
    // The worker cancelled the older run; even an answer it sent anyway is ignored.
    calls[0]!.finish();
    expect(await first).toBe(false);
    expect(useCaptureStore.getState().displayed).toBeNull();
    expect(useViewStore.getState().filter).toBe("");
    expect(useFilterStore.getState().text).toBe("");
    expect(filterHistory()).toEqual([]);
  });

  it("Cancel re-applies the filter in force, keeping the text that ran in the bar", async () => {
    const tcp = applyDisplayFilter("tcp");
    calls[0]!.finish();
    await tcp;
    void applyDisplayFilter("frame.len > 1000 && ip.id == 5");
    cancelDisplayFilter();
    expect(calls.map((c) => c.text)).toEqual(["tcp", "frame.len > 1000 && ip.id == 5", "tcp"]);
    expect(useFilterStore.getState().text).toBe("frame.len > 1000 && ip.id == 5");
    expect(useFilterStore.getState().running).toMatchObject({ text: "tcp", restoring: true });
    // Cancelling the re-run too leaves no filter at all.
    cancelDisplayFilter();
    expect(calls.at(-1)!.text).toBe("");
    calls.at(-1)!.finish();
    await tick();
    expect(useCaptureStore.getState().displayed).toBeNull();
    expect(useViewStore.getState().filter).toBe("");
    expect(useFilterStore.getState().text).toBe("frame.len > 1000 && ip.id == 5");
  });

  it("reports a filter with an error and changes nothing", async () => {
    const bad = applyDisplayFilter("tcp.prot == 1");
    calls[0]!.finish({
      order: null,
      error: { message: 'Left side of "==" expression must be a field or function, not tcp.prot.', start: 0, length: 8 },
    });
    expect(await bad).toBe(false);
    expect(useCaptureStore.getState().problem).toContain("not tcp.prot");
    expect(useViewStore.getState().filter).toBe("");
    expect(useFilterStore.getState().running).toBeNull();
    expect(filterHistory()).toEqual([]);
  });

  it("Prepare puts text in the bar without applying it, and asks for the focus", () => {
    prepareDisplayFilter("ip.src == 10.0.0.1");
    expect(useFilterStore.getState()).toMatchObject({ text: "ip.src == 10.0.0.1", running: null, focusPending: true });
    expect(calls).toHaveLength(0);
  });
});
