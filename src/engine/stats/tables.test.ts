import { describe, expect, it } from "vitest";
import { ConversationTable } from "./conversations";
import { EndpointTable } from "./endpoints";
import { byFramesDescending } from "./growable";
import { ProtocolHierarchy } from "./protocol-hierarchy";

describe("ConversationTable", () => {
  it("keeps the first packet's source as A and counts the other way as rx", () => {
    const t = new ConversationTable();
    t.add(1, 2, 1000, 21, 0, 60, 0, 100);
    t.add(2, 1, 21, 1000, 0, 70, 0, 200);
    t.add(2, 1, 21, 1000, 0, 80, 1, 0);
    expect(t.rows).toBe(1);
    expect(t.row(0)).toMatchObject({ a: 1, b: 2, portA: 1000, portB: 21, txFrames: 1, txBytes: 60, rxFrames: 2, rxBytes: 150 });
    expect(t.row(0)).toMatchObject({ startSec: 0, startNsec: 100, stopSec: 1, stopNsec: 0 });
  });
  it("separates streams of the same addresses and ports (a reused port pair is a new TCP stream)", () => {
    const t = new ConversationTable();
    t.add(1, 2, 1000, 21, 0, 60, 0, 0);
    t.add(1, 2, 1000, 21, 1, 60, 5, 0);
    t.add(2, 1, 21, 1000, 1, 60, 6, 0);
    expect(t.rows).toBe(2);
    expect(t.row(1)).toMatchObject({ txFrames: 1, rxFrames: 1, startSec: 5, stopSec: 6 });
  });
  it("finds each of many streams between the same two hosts, packets interleaved, and keeps address-pair rows apart", () => {
    const t = new ConversationTable();
    for (let round = 0; round < 3; round++)
      for (let s = 0; s < 500; s++) {
        if (round === 1) t.add(2, 1, 21, 2000 + s, s, 70, round, s);
        else t.add(1, 2, 2000 + s, 21, s, 60, round, s);
      }
    t.add(1, 2, 0, 0, -1, 42, 9, 0);
    t.add(2, 1, 0, 0, -1, 43, 9, 1);
    expect(t.rows).toBe(501);
    for (const s of [0, 250, 499]) expect(t.row(s)).toMatchObject({ a: 1, b: 2, portA: 2000 + s, txFrames: 2, txBytes: 120, rxFrames: 1, rxBytes: 70 });
    expect(t.row(500)).toMatchObject({ a: 1, b: 2, portA: 0, txBytes: 42, rxBytes: 43 });
  });
  it("moves the start back only for a packet not also after the stop (Wireshark's else-if)", () => {
    const t = new ConversationTable();
    t.add(1, 2, 0, 0, -1, 1, 5, 0);
    t.add(1, 2, 0, 0, -1, 1, 3, 0);
    expect(t.row(0)).toMatchObject({ startSec: 3, stopSec: 5 });
  });
});

describe("EndpointTable", () => {
  it("counts each packet as sent by its source and received by its destination", () => {
    const t = new EndpointTable();
    t.add(1, 2, 1000, 21, 60);
    t.add(1, 1, 7, 7, 10);
    expect(t.rows).toBe(3);
    expect(t.row(0)).toMatchObject({ address: 1, port: 1000, txFrames: 1, txBytes: 60, rxFrames: 0 });
    expect(t.row(1)).toMatchObject({ address: 2, port: 21, rxFrames: 1, rxBytes: 60 });
    // A host talking to itself on one port counts both ways.
    expect(t.row(2)).toMatchObject({ txFrames: 1, rxFrames: 1, txBytes: 10, rxBytes: 10 });
  });
});

describe("byFramesDescending", () => {
  it("sorts by frames, most first, keeping the order of appearance among equals and dropping empty rows", () => {
    const frames = [2, 5, 0, 2, 5];
    expect(byFramesDescending((r) => frames[r]!, frames.length)).toEqual([1, 4, 0, 3]);
  });
});

describe("ProtocolHierarchy", () => {
  it("counts every node on each packet's path, siblings in order of appearance", () => {
    const h = new ProtocolHierarchy();
    h.add(Int32Array.of(10, 20, 30), 3, 100);
    h.add(Int32Array.of(10, 40), 2, 50);
    h.add(Int32Array.of(10, 20, 31, 99), 3, 70);
    expect(h.walk()).toEqual([
      { field: 10, depth: 0, frames: 3, bytes: 220 },
      { field: 20, depth: 1, frames: 2, bytes: 170 },
      { field: 30, depth: 2, frames: 1, bytes: 100 },
      { field: 31, depth: 2, frames: 1, bytes: 70 },
      { field: 40, depth: 1, frames: 1, bytes: 50 },
    ]);
  });
});
