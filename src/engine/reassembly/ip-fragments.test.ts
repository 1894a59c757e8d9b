/**
 * FragmentReassembler on its own: order, holes, overlaps, tails, lookups for
 * re-dissection and the memory bounds. The IPv4/IPv6 tests exercise it through
 * real headers; the expectations here follow reassemble.c (fragment_add_work /
 * fragment_defragment) as tshark 4.0 shows them.
 */
import { describe, expect, it } from "vitest";
import { FragFlag, FragmentReassembler } from "./ip-fragments";

const bytes = (n: number, start = 0): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (start + i) & 0xff);

describe("FragmentReassembler", () => {
  it("completes on the last piece in order and forgets the key", () => {
    const r = new FragmentReassembler();
    const all = bytes(30);
    expect(r.add("k", 1, 0, 0, all.subarray(0, 10), true)).toBeNull();
    expect(r.add("k", 2, 0, 10, all.subarray(10, 20), true)).toBeNull();
    const dg = r.add("k", 3, 0, 20, all.subarray(20, 30), false);
    expect(dg).not.toBeNull();
    expect(Array.from(dg!.bytes)).toEqual(Array.from(all));
    expect(dg!.reassembledIn).toBe(3);
    expect(dg!.pieces.map((p) => [p.frame, p.offset, p.length])).toEqual([[1, 0, 10], [2, 10, 10], [3, 20, 10]]);
    expect(dg!.flags).toBe(0);
    expect(r.pendingCount).toBe(0);
  });

  it("completes out of order when the hole is filled, listing pieces by offset", () => {
    const r = new FragmentReassembler();
    const all = bytes(24);
    expect(r.add("k", 1, 0, 16, all.subarray(16, 24), false)).toBeNull(); // tail first
    expect(r.add("k", 2, 0, 0, all.subarray(0, 8), true)).toBeNull(); // hole 8..16
    const dg = r.add("k", 3, 0, 8, all.subarray(8, 16), true);
    expect(dg!.reassembledIn).toBe(3);
    expect(dg!.pieces.map((p) => p.frame)).toEqual([2, 3, 1]);
    expect(Array.from(dg!.bytes)).toEqual(Array.from(all));
  });

  it("copies the source bytes (frame buffers are reused by readers)", () => {
    const r = new FragmentReassembler();
    const buf = bytes(8);
    r.add("k", 1, 0, 0, buf, true);
    buf.fill(0xee);
    const dg = r.add("k", 2, 0, 8, bytes(4, 8), false);
    expect(Array.from(dg!.bytes.subarray(0, 8))).toEqual(Array.from(bytes(8)));
  });

  it("flags an overlap with equal bytes as overlap only, the first placed bytes winning", () => {
    const r = new FragmentReassembler();
    const all = bytes(20);
    r.add("k", 1, 0, 0, all.subarray(0, 12), true);
    const dg = r.add("k", 2, 0, 8, all.subarray(8, 20), false);
    expect(dg!.flags).toBe(FragFlag.OVERLAP);
    expect(dg!.pieces[1]!.flags).toBe(FragFlag.OVERLAP);
    expect(Array.from(dg!.bytes)).toEqual(Array.from(all));
  });

  it("flags conflicting overlaps and keeps the earlier fragment's bytes", () => {
    const r = new FragmentReassembler();
    r.add("k", 1, 0, 0, bytes(12), true);
    const dg = r.add("k", 2, 0, 8, new Uint8Array(12), false); // zeros over 8..11
    expect(dg!.flags & FragFlag.OVERLAP_CONFLICT).toBeTruthy();
    expect(Array.from(dg!.bytes.subarray(8, 12))).toEqual([8, 9, 10, 11]);
    expect(Array.from(dg!.bytes.subarray(12, 20))).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it("places a later fragment with an equal offset after the earlier one", () => {
    const r = new FragmentReassembler();
    r.add("k", 1, 0, 0, Uint8Array.of(1, 1, 1, 1), true);
    r.add("k", 2, 0, 0, Uint8Array.of(2, 2, 2, 2), true); // retransmission with other bytes
    const dg = r.add("k", 3, 0, 4, Uint8Array.of(3), false);
    expect(dg!.pieces.map((p) => p.frame)).toEqual([1, 2, 3]);
    expect(Array.from(dg!.bytes)).toEqual([1, 1, 1, 1, 3]);
    expect(dg!.pieces[1]!.flags & FragFlag.OVERLAP_CONFLICT).toBeTruthy();
  });

  it("flags a second tail that disagrees, and fragments past the end", () => {
    const r = new FragmentReassembler();
    r.add("k", 1, 0, 0, bytes(8), true);
    r.add("k", 2, 0, 8, bytes(8, 8), false); // tail: total 16
    // Already complete: a new datagram with the same key starts.
    expect(r.pendingCount).toBe(0);
    const r2 = new FragmentReassembler();
    r2.add("k", 1, 0, 8, bytes(4, 8), false); // tail: total 12
    r2.add("k", 2, 0, 8, bytes(8, 8), false); // another tail: total 16 → multiple tails
    const dg = r2.add("k", 3, 0, 0, bytes(8), true);
    expect(dg!.flags & FragFlag.MULTIPLE_TAILS).toBeTruthy();
    expect(dg!.bytes.length).toBe(12);
    expect(dg!.pieces.find((p) => p.frame === 2)!.flags & FragFlag.TOO_LONG).toBeTruthy();
  });

  it("keeps datagrams with different keys apart", () => {
    const r = new FragmentReassembler();
    r.add("a", 1, 0, 0, bytes(8), true);
    r.add("b", 2, 0, 0, bytes(8, 100), true);
    const a = r.add("a", 3, 0, 8, bytes(2), false);
    expect(a!.key).toBe("a");
    expect(a!.bytes[0]).toBe(0);
    expect(r.pendingCount).toBe(1);
  });

  it("finds a completed datagram again by any of its frames (re-dissection)", () => {
    const r = new FragmentReassembler();
    r.add("k", 5, 0, 0, bytes(8), true);
    const dg = r.add("k", 9, 0, 8, bytes(8, 8), false);
    expect(r.lookup(5, "k")).toBe(dg);
    expect(r.lookup(9, "k")).toBe(dg);
    expect(r.lookup(9, "other")).toBeUndefined();
    expect(r.lookup(7, "k")).toBeUndefined();
  });

  it("remembers two datagrams completed by the same frame (IP in IP)", () => {
    const r = new FragmentReassembler();
    r.add("outer", 1, 0, 0, bytes(8), true);
    r.add("inner", 1, 0, 0, bytes(8), true);
    const o = r.add("outer", 2, 0, 8, bytes(1), false);
    const i = r.add("inner", 2, 0, 8, bytes(1), false);
    expect(r.lookup(2, "outer")).toBe(o);
    expect(r.lookup(2, "inner")).toBe(i);
    expect(r.lookup(1, "inner")).toBe(i);
  });

  it("drops stale incomplete datagrams, keeping recent ones", () => {
    const r = new FragmentReassembler({ staleFrames: 10, staleSeconds: 5, maxPendingBytes: 1 << 20 });
    r.add("old", 1, 100, 0, bytes(8), true);
    // 1024 adds trigger a prune; these are far later in frames and seconds.
    for (let i = 0; i < 1024; i++) r.add(`x${i}`, 1000 + i, 200, 0, bytes(1), true);
    expect(r.pendingCount).toBe(1024);
    expect(r.add("old", 5000, 200, 8, bytes(1), false)).toBeNull(); // restarted: the head is gone
  });

  it("evicts the oldest incomplete datagrams beyond the byte budget", () => {
    const r = new FragmentReassembler({ staleFrames: 1e9, staleSeconds: 1e9, maxPendingBytes: 100 });
    r.add("a", 1, 0, 0, bytes(60), true);
    r.add("b", 2, 0, 0, bytes(60), true); // 120 bytes: "a" goes
    expect(r.pendingCount).toBe(1);
    expect(r.add("b", 3, 0, 60, bytes(1), false)).not.toBeNull();
  });

  it("accepts empty and odd fragments without throwing", () => {
    const r = new FragmentReassembler();
    expect(r.add("k", 1, 0, 0, new Uint8Array(0), true)).toBeNull();
    expect(r.add("k", 2, 0, 65528, bytes(100), true)).toBeNull();
    const dg = r.add("k", 3, 0, 0, bytes(4), false); // tail at 4: everything else is past the end
    expect(dg!.bytes.length).toBe(4);
    expect(dg!.flags & FragFlag.TOO_LONG).toBeTruthy();
  });
});
