/** The JA3 MD5 agrees with hash-wasm's (the hashing library the app ships) on every block-boundary length. */
import { describe, expect, it } from "vitest";
import { md5 } from "hash-wasm";
import { bytesToHex } from "./format";
import { hmacMd5, md5Hex } from "./md5";

describe("md5Hex", () => {
  it("gives RFC 1321's test vectors", () => {
    expect(md5Hex("")).toBe("d41d8cd98f00b204e9800998ecf8427e");
    expect(md5Hex("abc")).toBe("900150983cd24fb0d6963f7d28e17f72");
    expect(md5Hex("message digest")).toBe("f96b697d7cb7938d525a2f31aaf161d0");
  });
  it("agrees with hash-wasm around the 55/56/64-byte padding boundaries and on UTF-8 text", async () => {
    const ja3 = "771,4865-4866-4867-49195-49199-49196-49200-52393-52392-49171-49172-156-157-47-53,0-23-65281-10-11-35-16-5-13-18-51-45-43-27-17513-21,29-23-24,0";
    const inputs = [ja3, "é€😀 non-ASCII", ...[55, 56, 63, 64, 65, 119, 120, 128].map((n) => "x".repeat(n))];
    for (const s of inputs) expect(md5Hex(s), s).toBe(await md5(s));
  });
});

describe("hmacMd5", () => {
  const bytes = (n: number, v: number): Uint8Array => new Uint8Array(n).fill(v);
  const text = (s: string): Uint8Array => new TextEncoder().encode(s);
  it("gives RFC 2104's test vectors", () => {
    expect(bytesToHex(hmacMd5(bytes(16, 0x0b), text("Hi There")))).toBe("9294727a3638bb1c13f48ef8158bfc9d");
    expect(bytesToHex(hmacMd5(text("Jefe"), text("what do ya want for nothing?")))).toBe("750c783e6ab0b503eaa86e310a5db738");
    expect(bytesToHex(hmacMd5(bytes(16, 0xaa), bytes(50, 0xdd)))).toBe("56be34521d144c88dbb8c733f0e8b3f6");
  });
  it("hashes a key longer than the block first (RFC 2202 test case 6)", () => {
    expect(bytesToHex(hmacMd5(bytes(80, 0xaa), text("Test Using Larger Than Block-Size Key - Hash Key First")))).toBe("6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd");
  });
});
