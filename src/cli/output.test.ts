import { describe, expect, it } from "vitest";
import { Output } from "./output";
import { ipv4ToString, etherToString } from "../engine/dissect/format";

/** Runs `fill` on a fresh Output with a byte sink and returns the text written. */
function written(fill: (o: Output) => void, bufferSize?: number): string {
  const chunks: Uint8Array[] = [];
  const o = new Output(
    () => {
      throw new Error("the byte sink is used");
    },
    (b) => chunks.push(b),
  );
  if (bufferSize) o.buf = new Uint8Array(bufferSize);
  fill(o);
  o.flush();
  return Buffer.concat(chunks).toString("utf8");
}

/** Deterministic pseudo-random numbers (xorshift). */
function* randoms(n: number): Generator<number> {
  let x = 0x9e3779b9;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    yield x >>> 0;
  }
}

describe("Output byte writers", () => {
  it("writes integers as String() does", () => {
    const values = [0, -0, 1, 9, 10, 99, 100, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 999999999999, 1e15, 1e15 - 1, 2 ** 53 - 1, -1, -(2 ** 31), -(2 ** 53 - 1)];
    for (const r of randoms(2000)) values.push(r, r * 1021, -r, r % 1000);
    expect(written((o) => values.forEach((v) => (o.int(v), o.byte(32))))).toBe(values.map((v) => `${String(v)} `).join(""));
  });

  it("writes nine-digit fractions, hex, IPv4 and MAC addresses", () => {
    const values = [0, 1, 999999999, 123456789, 1000];
    for (const r of randoms(500)) values.push(r % 1e9);
    expect(written((o) => values.forEach((v) => o.pad9(v)))).toBe(values.map((v) => String(v).padStart(9, "0")).join(""));
    const hex: [number, number][] = [[0, 2], [0xff, 2], [0x800, 4], [0xffffffff, 8], [0x12, 8], [0xabcdef, 6]];
    for (const r of randoms(500)) hex.push([r, 8], [r & 0xffff, 4], [r & 0xff, 2]);
    expect(written((o) => hex.forEach(([v, d]) => o.hex(v, d)))).toBe(hex.map(([v, d]) => "0x" + v.toString(16).padStart(d, "0")).join(""));
    const v4 = [0, 0xffffffff, 0x0a4d0002, 0x7f000001, 0xc0a80a64];
    for (const r of randoms(500)) v4.push(r);
    expect(written((o) => v4.forEach((v) => (o.ipv4(v), o.byte(10))))).toBe(v4.map((v) => ipv4ToString(v) + "\n").join(""));
    const macs: Uint8Array[] = [];
    for (const r of randoms(300)) macs.push(Uint8Array.of(r & 0xff, r >>> 8, 0, 0xff, r >>> 24, 0x0f));
    expect(written((o) => macs.forEach((m) => o.ether(m, 0)))).toBe(macs.map(etherToString).join(""));
  });

  it("writes text as UTF-8, growing or flushing the buffer as needed", () => {
    const texts = ["", "ascii", "é", "a\u00e9b", "日本語", "😀 surrogate pair", "\ud800 lone", "x".repeat(70), "é".repeat(100), "tail"];
    expect(written((o) => texts.forEach((t) => o.line(t)), 16)).toBe(texts.map((t) => Buffer.from(t, "utf8").toString("utf8") + "\n").join(""));
  });

  it("decodes back to text for a string sink", () => {
    let s = "";
    const o = new Output((x) => (s += x));
    o.buf = new Uint8Array(8);
    for (const t of ["héllo", "wörld 😀", "plain"]) o.line(t);
    o.int(42);
    o.flush();
    expect(s).toBe("héllo\nwörld 😀\nplain\n42");
  });
});
