/**
 * The tab's memory budget for the analyzer, from what the browser tells
 * (navigator.deviceMemory and performance.memory, both Chromium's), and the
 * two guards built on it (engine/session/memory-budget.ts has the measured
 * costs): a file too large to fit is refused before it is read; a load whose
 * packets reach the limit is stopped before the tab runs out of memory.
 */
import { memoryBudget, packetLimit, packetLimitMessage, refuseCaptureSize, type MemoryBudget } from "../engine/session/memory-budget";

function tabBudget(): MemoryBudget {
  const device = typeof navigator === "undefined" ? undefined : (navigator as Navigator & { deviceMemory?: number }).deviceMemory;
  const heap = (performance as Performance & { memory?: { jsHeapSizeLimit?: number } }).memory?.jsHeapSizeLimit;
  return memoryBudget({ deviceMemoryGiB: device, jsHeapSizeLimit: heap });
}

/** Null when a file of this size may be opened; otherwise why not. */
export function sizeRefusal(size: number): string | null {
  return refuseCaptureSize(size, tabBudget());
}

/** Watches a load's progress: `check` returns the message once the packets reach the limit (then null again). */
export function loadGuard(size: number): { check(packets: number, bytesRead: number): string | null } {
  const budget = tabBudget();
  const limit = packetLimit(budget);
  let told = false;
  return {
    check(packets, bytesRead) {
      if (told || packets < limit) return null;
      told = true;
      return packetLimitMessage(packets, bytesRead, size, budget);
    },
  };
}
