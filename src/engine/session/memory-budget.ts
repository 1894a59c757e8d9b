/**
 * How large a capture the tab can hold. The analyzer keeps the packet index
 * (typed columns), colours, statistics, expert items and the pass facts of
 * every packet in memory, not the file's bytes (those are read back by
 * slices), so its memory grows with the number of packets. When it outgrows
 * what the browser gives the tab, the tab dies ("Aw, Snap!") and takes the
 * page with it: a capture that cannot fit is refused before it is read, and
 * one that turns out denser than its size suggested stops loading before
 * the limit (the packets indexed by then stay).
 *
 * The costs were measured with `node --expose-gc --import tsx
 * scripts/measure-memory.ts --packets N` (AnalyzerApi, as the worker runs
 * it; heap plus ArrayBuffers after a full GC, and the peak while indexing,
 * when typed columns grow by copying), N = 100k, 500k and 1M:
 *
 *   input                      kept / packet   peak / packet (N = 1M)
 *   42-byte UDP frames              379 B          454 B
 *   the fixtures' TCP/FTP/HTTP mix  398 B          435 B
 *
 * with about 65 MB whatever the capture (the MAC-name tables, the dissector
 * tables, the first columns). Per byte of the file nothing is kept beyond
 * the packets' share: the mix keeps 0.67 B per file byte, all of it
 * explained by its packets.
 */
import { formatBytes } from "../stats/format-size";

/** Memory the analyzer needs at its peak for each packet indexed (measured 435–454 B; rounded up). */
export const BYTES_PER_PACKET = 480;
/** Memory the analyzer needs whatever the capture (measured about 65 MB; rounded up). */
export const FIXED_BYTES = 80e6;
/**
 * The largest record an ordinary capture is made of: a full-size Ethernet
 * frame (1,514 bytes) with its 16-byte pcap record header. A file of S
 * bytes then holds at least S / 1,530 packets; only jumbo frames or
 * segmentation offload make fewer, larger ones, and those captures are let
 * through and guarded while they load instead.
 */
export const LARGEST_USUAL_RECORD = 1530;

const GIB = 1024 ** 3;
/** What a tab may use when the browser says nothing about memory (a 64-bit tab's JavaScript heap limit in Chromium). */
const DEFAULT_BUDGET = 4 * GIB;

/** What the browser tells about memory, where it does (Chromium): navigator.deviceMemory, performance.memory. */
export interface MemoryHints {
  /** The device's memory in GiB, rounded down to a power of two and capped at 8 (navigator.deviceMemory). */
  deviceMemoryGiB?: number | undefined;
  /** The page's JavaScript heap limit in bytes (performance.memory.jsHeapSizeLimit). */
  jsHeapSizeLimit?: number | undefined;
}

export interface MemoryBudget {
  bytes: number;
  /** Where the number comes from, in words for the message. */
  reason: string;
}

/**
 * The memory the analyzer may use: half the device's memory (the browser,
 * the page and the system need the rest), at most the JavaScript heap limit
 * the browser reports (the worker's heap has the same limit), 4 GiB when
 * neither is known.
 */
export function memoryBudget(hints: MemoryHints): MemoryBudget {
  const candidates: MemoryBudget[] = [];
  const device = hints.deviceMemoryGiB;
  if (device !== undefined && device > 0) candidates.push({ bytes: (device * GIB) / 2, reason: `half of this device's ${formatBytes(device * GIB)} of memory` });
  const heap = hints.jsHeapSizeLimit;
  if (heap !== undefined && heap > 0) candidates.push({ bytes: heap, reason: "the browser's memory limit for a tab's scripts" });
  if (candidates.length === 0) return { bytes: DEFAULT_BUDGET, reason: "what a browser tab can usually hold" };
  return candidates.reduce((a, b) => (b.bytes < a.bytes ? b : a));
}

/** How many packets fit in `budget` (the loading guard stops there). */
export function packetLimit(budget: MemoryBudget): number {
  return Math.max(0, Math.floor((budget.bytes - FIXED_BYTES) / BYTES_PER_PACKET));
}

/** The memory a file of `size` bytes needs at the least: as few packets as its size allows, each of the largest usual size. */
export function leastMemoryFor(size: number): number {
  return FIXED_BYTES + Math.ceil(size / LARGEST_USUAL_RECORD) * BYTES_PER_PACKET;
}

const SPLIT_ADVICE = "split it (editcap -c 1000000 big.pcap part.pcap writes parts of a million packets) and open the parts.";

/** Null when a file of `size` bytes may fit; otherwise the message that refuses it, in plain words. */
export function refuseCaptureSize(size: number, budget: MemoryBudget): string | null {
  const needed = leastMemoryFor(size);
  if (needed <= budget.bytes) return null;
  const packets = Math.ceil(size / LARGEST_USUAL_RECORD);
  return (
    `This capture (${formatBytes(size)}) is too large for this tab: it holds at least ${packets.toLocaleString("en-US")} packets ` +
    `(${LARGEST_USUAL_RECORD} bytes at most each, full-size Ethernet frames), and the analyzer keeps about ${BYTES_PER_PACKET} bytes ` +
    `of memory per packet, about ${formatBytes(needed)} in all, while this tab can use about ${formatBytes(budget.bytes)} ` +
    `(${budget.reason}). To analyse it, ${SPLIT_ADVICE}`
  );
}

/** The message when loading stopped at the packet limit. */
export function packetLimitMessage(packets: number, bytesRead: number, size: number, budget: MemoryBudget): string {
  const share = size > 0 ? Math.floor((bytesRead / size) * 100) : 0;
  return (
    `Loading stopped after ${packets.toLocaleString("en-US")} packets (${share}% of the file) so that the tab does not run out of memory: ` +
    `the analyzer keeps about ${BYTES_PER_PACKET} bytes per packet and this tab can use about ${formatBytes(budget.bytes)} ` +
    `(${budget.reason}). The packets loaded so far are shown; to see the rest, ${SPLIT_ADVICE}`
  );
}
