import { describe, expect, it } from "vitest";
import { defineField } from "../dissect/field";
import { FieldCollector } from "../dissect/tree";
import { Calc, IoStat, calcRefusal } from "./io-stat";

const size = defineField("test.iostat.size", { name: "Size", type: "uint16" });
const wait = defineField("test.iostat.wait", { name: "Wait", type: "reltime" });
const label = defineField("test.iostat.label", { name: "Label", type: "string" });

/** Counts one packet at `us` microseconds with the given occurrences of `size` and `wait`. */
function packet(io: IoStat, fields: FieldCollector, us: number, sizes: number[], waits: number[] = []): void {
  fields.reset();
  for (const s of sizes) fields.add(size, 0, 2, s);
  for (const w of waits) fields.add(wait, 0, 0, w);
  const sec = Math.floor(us / 1e6);
  io.observe(sec, (us % 1e6) * 1000);
  io.columns.forEach((_, c) => io.add(c, sec, (us % 1e6) * 1000, 100, fields));
}

describe("IoStat", () => {
  it("counts frames, bytes and field occurrences per interval, as typed arrays", () => {
    const io = new IoStat(1e6, [
      { calc: Calc.FRAMES_BYTES, field: null, filter: null },
      { calc: Calc.COUNT, field: size, filter: null },
      { calc: Calc.SUM, field: size, filter: null },
      { calc: Calc.AVG, field: size, filter: null },
    ]);
    const fields = new FieldCollector([size, wait]);
    packet(io, fields, 0, [10, 20]);
    packet(io, fields, 2_500_000, [7]);
    const [fb, count, sum, avg] = io.columns;
    expect(fb!.intervals).toBe(3);
    expect([...fb!.frames.a.subarray(0, 3)]).toEqual([1, 0, 1]);
    expect([...count!.counter.a.subarray(0, 3)]).toEqual([2, 0, 1]);
    expect(sum!.value(0)).toBe(30);
    expect(avg!.value(0)).toBe(15);
    expect(io.durationUs).toBe(2_500_000);
  });

  it("MIN keeps 0 when an interval's first packet lacks the field (tshark starts from that packet)", () => {
    const io = new IoStat(1e6, [{ calc: Calc.MIN, field: size, filter: null }]);
    const fields = new FieldCollector([size]);
    packet(io, fields, 0, []);
    packet(io, fields, 10, [50]);
    packet(io, fields, 1_000_000, [50, 40]);
    expect(io.columns[0]!.value(0)).toBe(0);
    expect(io.columns[0]!.value(1)).toBe(40);
  });

  it("LOAD spreads a relative time back over the intervals it spans", () => {
    const io = new IoStat(1e6, [{ calc: Calc.LOAD, field: wait, filter: null }]);
    const fields = new FieldCollector([wait]);
    packet(io, fields, 0, []);
    packet(io, fields, 2_200_000, [], [2.5]);
    // 2.5 s outstanding at 2.2 s: 0.5 s in the packet's interval, a whole second in each of the two before.
    expect([...io.columns[0]!.counter.a.subarray(0, 3)]).toEqual([1e6, 1e6, 5e5]);
  });

  it("counts no values of a field that is not primed (tshark's tree leaves it out)", () => {
    const io = new IoStat(1e6, [
      { calc: Calc.SUM, field: size, filter: null, primed: false },
      { calc: Calc.COUNT, field: size, filter: null, primed: false },
    ]);
    const fields = new FieldCollector([size]);
    packet(io, fields, 0, [10, 20]);
    expect(io.columns.map((c) => [c.frames.a[0], c.value(0)])).toEqual([
      [1, 0],
      [1, 0],
    ]);
  });

  it("refuses what tshark refuses", () => {
    expect(calcRefusal(Calc.SUM, label)).toMatch(/doesn't have integral values/);
    expect(calcRefusal(Calc.COUNT, label)).toBeNull();
    expect(calcRefusal(Calc.LOAD, size)).toMatch(/only supported for relative-time/);
  });
});
