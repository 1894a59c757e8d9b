import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shortAscii } from "./bytes";

describe("shortAscii", () => {
  it("reads what every decoder reads, or leaves the bytes to them", () => {
    const utf8 = new TextDecoder("utf-8");
    const latin1 = new TextDecoder("latin1");
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), fc.nat(100), fc.nat(100), (b, x, y) => {
        const start = Math.min(x, y, b.length);
        const end = Math.min(Math.max(x, y), b.length);
        const s = shortAscii(b, start, end);
        const slice = b.subarray(start, end);
        const plain = slice.every((c) => c < 0x80);
        if (s === null) {
          expect(!plain || end - start > 64).toBe(true);
          return;
        }
        expect(plain).toBe(true);
        expect(s).toBe(utf8.decode(slice));
        expect(s).toBe(latin1.decode(slice));
      }),
    );
    // Bytes 0x80–0x9f read differently in windows-1252 ("latin1") and UTF-8: never answered here.
    expect(shortAscii(new Uint8Array([0x41, 0x80]), 0, 2)).toBeNull();
  });
});
