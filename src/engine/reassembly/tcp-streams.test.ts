/**
 * The TCP byte-stream helpers on their own: PDU reassembly records, the
 * stream follower, the endpoint-pair table and the per-frame columns.
 */
import { describe, expect, it } from "vitest";
import { Msp, PduReassembly, TcpFollower } from "./tcp-streams";
import { EndpointPairTable } from "./endpoint-table";
import { FrameColumnF64, FrameColumnU32 } from "./frame-columns";

const bytes = (...v: number[]) => Uint8Array.from(v);

describe("Msp (one multi-segment PDU)", () => {
  it("completes when the tail arrives and the bytes are contiguous", () => {
    const m = new Msp(100, 110, 1);
    expect(m.add(1, 0, bytes(1, 2, 3, 4), true)).toBe(false);
    expect(m.add(3, 7, bytes(8, 9, 10), false)).toBe(false); // tail, but a hole at 4..6
    expect(m.add(2, 4, bytes(5, 6, 7), true)).toBe(true);
    expect([...m.bytes!]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(m.reassembledIn).toBe(2);
    expect(m.pieces()).toEqual([
      { frame: 1, offset: 0, length: 4 },
      { frame: 2, offset: 4, length: 3 },
      { frame: 3, offset: 7, length: 3 },
    ]);
  });

  it("keeps the first bytes placed where fragments overlap", () => {
    const m = new Msp(0, 6, 1);
    m.add(1, 0, bytes(1, 1, 1, 1), true);
    expect(m.add(2, 2, bytes(2, 2, 2, 2), false)).toBe(true);
    expect([...m.bytes!]).toEqual([1, 1, 1, 1, 2, 2]);
  });

  it("re-opens after a partial reassembly when more bytes come", () => {
    const m = new Msp(0, 3, 1);
    m.add(1, 0, bytes(1, 2), true);
    expect(m.add(2, 2, bytes(3), false)).toBe(true);
    m.setPartial();
    expect(m.complete).toBe(false);
    expect(m.add(3, 2, bytes(3), false)).toBe(false); // nothing new: an overlap
    expect(m.add(3, 3, bytes(4, 5), false)).toBe(true);
    expect([...m.bytes!]).toEqual([1, 2, 3, 4, 5]);
    expect(m.reassembledIn).toBe(3);
  });

  it("splits off the bytes after what the subdissector used", () => {
    const m = new Msp(1000, 1010, 1);
    m.add(1, 0, bytes(0, 1, 2, 3, 4, 5), true);
    m.add(2, 6, bytes(6, 7, 8, 9), false);
    const rest = m.splitAt(8);
    expect([...m.bytes!]).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(m.nxtpdu).toBe(1008);
    expect([rest.seq, rest.firstFrame, rest.complete]).toEqual([1008, 2, false]);
    expect(rest.add(3, 2, bytes(10, 11), false)).toBe(true);
    expect([...rest.bytes!]).toEqual([8, 9, 10, 11]);
  });
});

describe("PduReassembly", () => {
  it("finds PDUs by exact start and by the greatest start below a sequence number", () => {
    const r = new PduReassembly();
    r.store(100, 200, 1);
    r.store(300, 400, 2);
    expect(r.lookup(100)?.firstFrame).toBe(1);
    expect(r.lookup(150)).toBeUndefined();
    expect(r.lookupLE(299)?.firstFrame).toBe(1);
    expect(r.lookupLE(300)?.firstFrame).toBe(2);
    expect(r.lookupLE(99)).toBeUndefined();
    r.store(100, 250, 3); // a new PDU at the same start replaces the old one
    expect(r.lookup(100)?.firstFrame).toBe(3);
  });
});

describe("TcpFollower", () => {
  it("lists chunks in arrival order, drops retransmitted bytes and reports gaps", () => {
    const f = new TcpFollower();
    f.add(0, 1, 999, 0x02, 0, false, bytes()); // SYN: data starts at 1000
    f.add(0, 2, 1000, 0x10, 0, false, bytes(1, 2, 3));
    f.add(1, 3, 5000, 0x10, 1003, true, bytes(9));
    f.add(0, 4, 1001, 0x10, 0, false, bytes(2, 3, 4, 5)); // retransmission with 2 new bytes
    f.add(0, 5, 1010, 0x10, 0, false, bytes(7, 7)); // after a hole of 5 bytes: held back
    f.add(1, 6, 5001, 0x10, 1012, true, bytes()); // the peer acknowledges past the hole
    f.add(0, 7, 1012, 0x10, 0, false, bytes(8));
    expect(f.items.map((i) => (i.kind === "data" ? `${i.dir}@${i.frame}:${[...i.bytes].join("")}` : `${i.dir}@${i.frame}:gap${i.missing}`))).toEqual([
      "0@2:123",
      "1@3:9",
      "0@4:45",
      "0@6:gap5",
      "0@5:77",
      "0@7:8",
    ]);
  });

  it("fills a hole with the out-of-order bytes that arrive later", () => {
    const f = new TcpFollower();
    f.add(0, 1, 0, 0, 0, false, bytes(1, 2));
    f.add(0, 2, 4, 0, 0, false, bytes(5, 6));
    f.add(0, 3, 2, 0, 0, false, bytes(3, 4));
    expect(f.items.map((i) => (i.kind === "data" ? [...i.bytes].join("") : "gap"))).toEqual(["12", "34", "56"]);
  });
});

describe("EndpointPairTable", () => {
  it("meets both directions in one slot and tells them apart", () => {
    const t = new EndpointPairTable();
    const a = bytes(10, 0, 0, 1);
    const b = bytes(10, 0, 0, 2);
    expect(t.prepare(a, 1000, b, 80)).toBe(true);
    expect(t.get()).toBe(-1);
    t.set(7);
    const dir = t.direction;
    t.prepare(b, 80, a, 1000);
    expect([t.get(), t.direction]).toEqual([7, dir ^ 1]);
    t.prepare(a, 1000, b, 81);
    expect(t.get()).toBe(-1);
  });

  it("grows past many conversations, IPv4 and IPv6", () => {
    const t = new EndpointPairTable();
    const v6 = (i: number) => bytes(0x20, 1, 0xd, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, i >> 8, i & 0xff);
    for (let i = 0; i < 5000; i++) {
      t.prepare(bytes(10, 0, i >> 8, i & 0xff), 1024 + i, bytes(10, 1, 0, 1), 443);
      t.set(i);
      t.prepare(v6(i), 2000, v6(i + 1), 53);
      t.set(100000 + i);
    }
    for (let i = 0; i < 5000; i += 97) {
      t.prepare(bytes(10, 1, 0, 1), 443, bytes(10, 0, i >> 8, i & 0xff), 1024 + i);
      expect(t.get()).toBe(i);
      t.prepare(v6(i + 1), 53, v6(i), 2000);
      expect(t.get()).toBe(100000 + i);
    }
    expect(t.prepare(null, 1, bytes(1, 2, 3, 4), 2)).toBe(false);
  });

  it("orders equal addresses by port, as Wireshark picks the flow", () => {
    const t = new EndpointPairTable();
    const a = bytes(127, 0, 0, 1);
    t.prepare(a, 5000, a, 80);
    expect(t.direction).toBe(0); // source port greater: the first flow
    t.prepare(a, 80, a, 5000);
    expect(t.direction).toBe(1);
  });
});

describe("FrameColumn", () => {
  it("stores per-frame values sparsely", () => {
    const c = new FrameColumnU32();
    const d = new FrameColumnF64();
    expect(c.get(5)).toBe(0);
    c.set(5, 42);
    c.set(3_000_000, 7);
    d.set(10, -1.5);
    expect([c.get(5), c.get(6), c.get(3_000_000), d.get(10), d.get(11)]).toEqual([42, 0, 7, -1.5, 0]);
  });
});
