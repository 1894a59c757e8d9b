import { describe, expect, it } from "vitest";
import { PacketOrder } from "./packet-order";

describe("packet order under a display filter", () => {
  it("lists only the rows shown; others have no position", () => {
    // Rows 4, 1 and 7 shown (a filter, in a sort's order).
    const order = new PacketOrder(Uint32Array.of(4, 1, 7), true);
    expect([0, 1, 2].map((p) => order.numberAt(p))).toEqual([5, 2, 8]);
    expect([5, 2, 8].map((n) => order.positionOf(n))).toEqual([0, 1, 2]);
    expect(order.positionOf(1)).toBe(-1);
    expect(order.positionOf(100)).toBe(-1);
    expect(new PacketOrder(new Uint32Array(0), true).positionOf(1)).toBe(-1);
  });
});
