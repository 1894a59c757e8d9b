import { describe, expect, it } from "vitest";
import { MemorySource } from "../io/byte-source";
import { pcapFile } from "../capture/testing";
import { CaptureSession } from "../session/capture-session";

const frame = (n: number): number[] => [
  ...[0xff, 0xff, 0xff, 0xff, 0xff, 0xff], // destination: broadcast
  ...[0x02, 0, 0, 0, 0, n & 0xff], // source
  ...[0x88, 0xb5], // EtherType: local experimental
  ...[1, 2, 3, 4], // payload
];

describe("packet index", () => {
  it("indexes every packet into typed columns with interned strings (the session's indexing pass)", async () => {
    const packets = Array.from({ length: 2500 }, (_, i) => ({ sec: 100 + i, frac: i, data: frame(i) }));
    const bytes = pcapFile({}, packets);
    const session = new CaptureSession(new MemorySource(bytes));
    const result = await session.load();
    const index = session.index;
    expect(result.problem).toBeNull();
    expect(index.count).toBe(2500);
    expect(index.offset[0]).toBe(24 + 16);
    expect(index.offset[1]).toBe(24 + 16 + 18 + 16);
    expect(index.tsSec[2499]).toBe(2599);
    expect(index.tsNsec[3]).toBe(3000);
    // MAC names as tshark's by default; a locally administered address has none.
    expect(index.addresses.get(index.dst[7]!)).toBe("Broadcast");
    expect(index.addresses.get(index.src[7]!)).toBe("02:00:00:00:00:07");
    // 256 distinct sources (n & 0xff) + broadcast: interned, not one string per packet.
    expect(index.addresses.size).toBe(257);
    expect(index.bytesUsed() / index.count).toBeLessThanOrEqual(64);
    // The pass's end trims the columns to its rows (doubling had made room for 4,096).
    expect(index.offset.length).toBe(2500);
    expect(index.dstPort.length).toBe(2500);
    expect(index.tsSec[2499]).toBe(2599);
  });
});
