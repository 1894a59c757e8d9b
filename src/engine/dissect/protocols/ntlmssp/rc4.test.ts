/** RC4 against RFC 6229's key streams and the classic short vectors. */
import { describe, expect, it } from "vitest";
import { bytesToHex } from "../../format";
import { rc4 } from "./rc4";

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe("rc4", () => {
  it("gives RFC 6229's key stream for a 40-bit and a 128-bit key (offset 0)", () => {
    const zeros = new Uint8Array(16);
    expect(bytesToHex(rc4(Uint8Array.of(1, 2, 3, 4, 5), zeros))).toBe("b2396305f03dc027ccc3524a0a1118a8");
    const key128 = Uint8Array.from({ length: 16 }, (_, i) => i + 1);
    expect(bytesToHex(rc4(key128, zeros))).toBe("9ac7cc9a609d1ef7b2932899cde41b97");
  });
  it("encrypts the well-known short texts, and decrypting is encrypting again", () => {
    expect(bytesToHex(rc4(text("Key"), text("Plaintext")))).toBe("bbf316e8d940af0ad3");
    expect(bytesToHex(rc4(text("Wiki"), text("pedia")))).toBe("1021bf0420");
    const secret = rc4(text("Secret"), text("Attack at dawn"));
    expect(bytesToHex(secret)).toBe("45a01f645fc35b383552544b9bf5");
    expect(new TextDecoder().decode(rc4(text("Secret"), secret))).toBe("Attack at dawn");
  });
});
