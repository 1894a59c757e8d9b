import { afterEach, describe, expect, it, vi } from "vitest";
import { AnalyzerClient } from "./client";
import { ALIVE_MESSAGE } from "./worker-messages";

/** A Worker as AnalyzerClient uses one: events, postMessage, terminate. */
class FakeWorker extends EventTarget {
  terminated = false;
  postMessage(): void {}
  terminate(): void {
    this.terminated = true;
  }
}

/** Whether `p` has settled once pending callbacks ran. */
async function settled(p: Promise<void>): Promise<boolean> {
  let done = false;
  void p.then(() => (done = true));
  await new Promise((r) => setTimeout(r, 0));
  return done;
}

describe("AnalyzerClient.started (the page's start-up work waits for it)", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("settles when the worker says it is alive, not before", async () => {
    vi.stubGlobal("navigator", {}); // no Web Locks: the client does not watch the worker's life
    const worker = new FakeWorker();
    const client = new AnalyzerClient(() => worker as unknown as Worker);
    expect(await settled(client.started)).toBe(false);
    worker.dispatchEvent(new MessageEvent("message", { data: "something else" }));
    expect(await settled(client.started)).toBe(false);
    worker.dispatchEvent(new MessageEvent("message", { data: ALIVE_MESSAGE }));
    expect(await settled(client.started)).toBe(true);
    client.close();
  });

  it("settles when the worker is closed or fails before it started", async () => {
    const closed = new FakeWorker();
    const client = new AnalyzerClient(() => closed as unknown as Worker);
    client.close();
    expect(await settled(client.started)).toBe(true);
    expect(closed.terminated).toBe(true);

    const failing = new FakeWorker();
    const crashed = new AnalyzerClient(() => failing as unknown as Worker);
    failing.dispatchEvent(Object.assign(new Event("error"), { message: "script failed to load" }));
    expect(await settled(crashed.started)).toBe(true);
    expect(crashed.closed).toBe(true);
  });
});
