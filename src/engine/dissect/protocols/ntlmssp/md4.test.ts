/** MD4 against RFC 1320's test suite (§A.5) and hash-wasm's MD4 around the padding boundaries. */
import { describe, expect, it } from "vitest";
import { md4 as md4Wasm } from "hash-wasm";
import { bytesToHex } from "../../format";
import { md4 } from "./md4";

const md4Hex = (s: string): string => bytesToHex(md4(new TextEncoder().encode(s)));

describe("md4", () => {
  it("gives RFC 1320's test vectors", () => {
    expect(md4Hex("")).toBe("31d6cfe0d16ae931b73c59d7e0c089c0");
    expect(md4Hex("a")).toBe("bde52cb31de33e46245e05fbdbd6fb24");
    expect(md4Hex("abc")).toBe("a448017aaf21d8525fc10ae87aa6729d");
    expect(md4Hex("message digest")).toBe("d9130a8164549fe818874806e1c7014b");
    expect(md4Hex("abcdefghijklmnopqrstuvwxyz")).toBe("d79e1c308aa5bbcdeea8ed63df412da9");
    expect(md4Hex("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")).toBe("043f8582f241db351ce627e153e7f0e4");
    expect(md4Hex("1234567890".repeat(8))).toBe("e33b4ddc9c38f2199c3e7b164fcc0536");
  });
  it("agrees with hash-wasm around the 55/56/64-byte padding boundaries", async () => {
    for (const n of [55, 56, 63, 64, 65, 119, 120, 128, 1000]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff);
      expect(bytesToHex(md4(bytes)), String(n)).toBe(await md4Wasm(bytes));
    }
  });
});
