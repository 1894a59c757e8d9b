import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const registerSW = vi.fn(() => () => Promise.resolve());
vi.mock("virtual:pwa-register", () => ({ registerSW }));

const { registerServiceWorkerAfterStart } = await import("./service-worker");
const { useCaptureStore } = await import("../../store/capture-store");

const setState = (state: "idle" | "loading" | "ready" | "error"): void => useCaptureStore.setState({ state });

describe("registerServiceWorkerAfterStart", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal("navigator", { serviceWorker: {} });
    registerSW.mockClear();
    setState("idle");
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("registers five seconds after the analyzer is up when no capture was chosen meanwhile", async () => {
    registerServiceWorkerAfterStart(Promise.resolve());
    await vi.advanceTimersByTimeAsync(4999);
    expect(registerSW).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(registerSW).toHaveBeenCalledTimes(1);
  });

  it("a capture chosen just after the analyzer is up postpones it to five seconds after its load", async () => {
    registerServiceWorkerAfterStart(Promise.resolve());
    await vi.advanceTimersByTimeAsync(1000);
    setState("loading");
    await vi.advanceTimersByTimeAsync(20_000);
    expect(registerSW).not.toHaveBeenCalled();
    setState("ready");
    await vi.advanceTimersByTimeAsync(5000);
    expect(registerSW).toHaveBeenCalledTimes(1);
  });

  it("waits for the capture being indexed, then five seconds without a new load", async () => {
    setState("loading");
    registerServiceWorkerAfterStart(Promise.resolve());
    await vi.advanceTimersByTimeAsync(60_000);
    expect(registerSW).not.toHaveBeenCalled();
    setState("ready");
    await vi.advanceTimersByTimeAsync(3000);
    expect(registerSW).not.toHaveBeenCalled();
    // Another capture chosen meanwhile: its load postpones the install again.
    setState("loading");
    await vi.advanceTimersByTimeAsync(10_000);
    setState("error");
    await vi.advanceTimersByTimeAsync(4999);
    expect(registerSW).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(registerSW).toHaveBeenCalledTimes(1);
    setState("loading");
    setState("ready");
    await vi.advanceTimersByTimeAsync(60_000);
    expect(registerSW).toHaveBeenCalledTimes(1);
  });
});
