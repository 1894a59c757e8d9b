import { describe, expect, it } from "vitest";
import { BYTES_PER_PACKET, FIXED_BYTES, LARGEST_USUAL_RECORD, leastMemoryFor, memoryBudget, packetLimit, packetLimitMessage, refuseCaptureSize } from "./memory-budget";

const GIB = 1024 ** 3;

describe("memoryBudget", () => {
  it("takes half the device's memory, at most the heap limit, 4 GiB when the browser tells nothing", () => {
    expect(memoryBudget({}).bytes).toBe(4 * GIB);
    expect(memoryBudget({ deviceMemoryGiB: 2 })).toEqual({ bytes: GIB, reason: "half of this device's 2147 MB of memory" });
    // Chromium caps deviceMemory at 8; its 64-bit heap limit is then the smaller.
    expect(memoryBudget({ deviceMemoryGiB: 8, jsHeapSizeLimit: 4_294_705_152 }).bytes).toBe(4_294_705_152);
    expect(memoryBudget({ deviceMemoryGiB: 0.5, jsHeapSizeLimit: 4_294_705_152 }).bytes).toBe(GIB / 4);
    expect(memoryBudget({ deviceMemoryGiB: 0, jsHeapSizeLimit: undefined }).bytes).toBe(4 * GIB);
  });

  it("fits as many packets as the budget holds beyond the fixed cost", () => {
    const limit = packetLimit({ bytes: 4 * GIB, reason: "" });
    expect(limit).toBe(Math.floor((4 * GIB - FIXED_BYTES) / BYTES_PER_PACKET));
    // About 8.7 million packets in a 4 GiB tab: a 1M-packet capture fits eight times over.
    expect(limit).toBeGreaterThan(8_000_000);
    expect(packetLimit({ bytes: FIXED_BYTES / 2, reason: "" })).toBe(0);
  });
});

describe("refuseCaptureSize", () => {
  const budget = { bytes: 4 * GIB, reason: "the browser's memory limit for a tab's scripts" };
  // The largest file that fits: its fewest packets (full-size frames) just fit.
  const largest = Math.floor((budget.bytes - FIXED_BYTES) / BYTES_PER_PACKET) * LARGEST_USUAL_RECORD;

  it("lets through every file whose fewest packets fit, and refuses the next byte", () => {
    expect(leastMemoryFor(largest)).toBeLessThanOrEqual(budget.bytes);
    expect(refuseCaptureSize(largest, budget)).toBeNull();
    expect(refuseCaptureSize(largest + LARGEST_USUAL_RECORD, budget)).not.toBeNull();
    // About 13 GB in a 4 GiB tab; a 1 GB capture is never refused up front.
    expect(largest).toBeGreaterThan(13e9);
    expect(refuseCaptureSize(1e9, budget)).toBeNull();
  });

  it("says how large the file is, what it needs, what the tab has and what to do", () => {
    const message = refuseCaptureSize(64e9, budget)!;
    expect(message).toBe(
      "This capture (64 GB) is too large for this tab: it holds at least 41,830,066 packets (1530 bytes at most each, " +
        "full-size Ethernet frames), and the analyzer keeps about 480 bytes of memory per packet, about 20 GB in all, " +
        "while this tab can use about 4294 MB (the browser's memory limit for a tab's scripts). " +
        "To analyse it, split it (editcap -c 1000000 big.pcap part.pcap writes parts of a million packets) and open the parts.",
    );
  });

  it("a small device refuses smaller files", () => {
    const small = memoryBudget({ deviceMemoryGiB: 1 });
    expect(refuseCaptureSize(2e9, small)).toMatch(/half of this device's 1073 MB of memory/);
    expect(refuseCaptureSize(1e9, memoryBudget({ deviceMemoryGiB: 8 }))).toBeNull();
  });
});

describe("packetLimitMessage", () => {
  it("says where loading stopped and why", () => {
    expect(packetLimitMessage(1_234_567, 250e6, 1e9, { bytes: GIB, reason: "half of this device's 2147 MB of memory" })).toBe(
      "Loading stopped after 1,234,567 packets (25% of the file) so that the tab does not run out of memory: the analyzer keeps " +
        "about 480 bytes per packet and this tab can use about 1073 MB (half of this device's 2147 MB of memory). " +
        "The packets loaded so far are shown; to see the rest, split it (editcap -c 1000000 big.pcap part.pcap writes parts of a million packets) and open the parts.",
    );
  });
});
