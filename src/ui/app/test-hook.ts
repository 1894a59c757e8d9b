/**
 * `window.__pcapscope`: what end-to-end tests and measurements read (the app
 * state, counts, timings) and a way to make the worker crash. The same
 * state is on the app root as data-state="idle|loading|ready|error".
 */
import { useCaptureStore } from "../../store/capture-store";
import { simulateWorkerCrash } from "../../store/session";

export interface PcapscopeHook {
  readonly state: string;
  readonly packets: number;
  readonly firstRowsMs: number | null;
  readonly loadMs: number | null;
  readonly problem: string | null;
  /** True while the packet list waits for rows from the worker. */
  readonly busy: boolean;
  simulateWorkerCrash(how?: "throw" | "exit"): void;
}

declare global {
  interface Window {
    __pcapscope?: PcapscopeHook;
  }
}

export function installTestHook(): void {
  const s = () => useCaptureStore.getState();
  window.__pcapscope = {
    get state() {
      return s().state;
    },
    get packets() {
      return s().packets;
    },
    get firstRowsMs() {
      return s().firstRowsMs;
    },
    get loadMs() {
      return s().loadMs;
    },
    get problem() {
      return s().problem;
    },
    get busy() {
      return s().rows?.busy ?? false;
    },
    simulateWorkerCrash,
  };
}
