import { describe, expect, it } from "vitest";
import { BufferPool } from "./buffer-pool";

describe("BufferPool", () => {
  it("hands a kept buffer to one read at least its size, never the same buffer twice", () => {
    const pool = new BufferPool(2, 1024);
    const a = new ArrayBuffer(4096);
    const b = new ArrayBuffer(2048);
    pool.give(a);
    pool.give(a);
    pool.give(b);
    pool.give(new ArrayBuffer(8192)); // full
    pool.give(new ArrayBuffer(512)); // too small
    expect(pool.take(100)).toBeNull(); // below minBytes: small reads allocate their own
    expect(pool.take(3000)).toBe(a);
    expect(pool.take(3000)).toBeNull();
    expect(pool.take(2048)).toBe(b);
    expect(pool.take(1024)).toBeNull();
  });

  it("clear lets go of every kept buffer", () => {
    const pool = new BufferPool(1);
    pool.give(new ArrayBuffer(16));
    pool.clear();
    expect(pool.take(1)).toBeNull();
  });
});
