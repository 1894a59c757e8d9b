import { describe, expect, it } from "vitest";
import { PacketOrder } from "./packet-order";

describe("packet order", () => {
  it("maps display positions and frame numbers both ways", () => {
    const order = new PacketOrder(Uint32Array.of(2, 0, 1));
    expect([0, 1, 2].map((p) => order.numberAt(p))).toEqual([3, 1, 2]);
    expect([1, 2, 3].map((n) => order.positionOf(n))).toEqual([1, 2, 0]);
    // Rows indexed after the sort follow in frame order.
    expect(order.numberAt(5)).toBe(6);
    expect(order.positionOf(6)).toBe(5);
    expect(PacketOrder.IDENTITY.numberAt(9)).toBe(10);
  });
});
