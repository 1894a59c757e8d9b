/**
 * Wireshark 4.0's format_text, shared by DNS, DHCPv6, FTP and FTP-DATA.
 * Expected strings are what tshark 4.0.17 prints (Info column, -V text items).
 * The two copies this replaced (dns.ts, ftp-data.ts) gave the same text for
 * every input; these cases are the union of their tests.
 */
import { describe, expect, it } from "vitest";
import { formatText } from "./format-text";

function bytes(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

describe("formatText (Wireshark's format_text)", () => {
  const ft = (s: string) => formatText(bytes(s), 0, s.length);
  it("keeps printable ASCII and escapes the rest of ASCII", () => {
    expect(ft("USER anonymous")).toBe("USER anonymous");
    // CR LF tab and the other C escapes, then octal for the rest
    expect(ft("a\r\n\t\x07\x08\x0b\x0c")).toBe("a\\r\\n\\t\\a\\b\\v\\f");
    expect(ft("\0\x01\x1b\x7f")).toBe("\\000\\001\\033\\177");
    expect(formatText(Uint8Array.from([0x61, 0, 1, 7, 8, 9, 10, 0x1b, 0x7f]), 0, 9)).toBe("a\\000\\001\\a\\b\\t\\n\\033\\177");
  });
  it("decodes UTF-8, replaces invalid sequences, escapes non-printable code points", () => {
    // é (2 bytes), 😀 (4 bytes)
    expect(ft("\xc3\xa9\xf0\x9f\x98\x80")).toBe("é😀");
    // A lone continuation byte, a fuzzed 0xb3 before ASCII, 0xff
    expect(ft("\x80")).toBe("\ufffd");
    expect(ft("\xb3SER")).toBe("\ufffdSER");
    expect(ft("\xff")).toBe("\ufffd");
    // A truncated sequence: the byte that breaks it starts the next character
    expect(ft("\xc3A")).toBe("\ufffdA");
    expect(ft("\x80\xc3A")).toBe("\ufffd\ufffdA");
    expect(ft("\xe2\x80")).toBe("\ufffd");
    // A surrogate encoded in UTF-8 is not a valid character
    expect(ft("\xed\xa0\x80")).toBe("\ufffd");
    // C1 controls U+0080 and U+0085, zero-width space U+200B (format): \u escapes, upper-case hex
    expect(ft("\xc2\x80\xe2\x80\x8b")).toBe("\\u0080\\u200B");
    expect(ft("\xc2\x85")).toBe("\\u0085");
    // Outside the BMP and not printable (a private-use plane is printable; U+E0001 LANGUAGE TAG is a format character)
    expect(ft("\xf3\xa0\x80\x81")).toBe("\\U000E0001");
  });
  it("works on a window of a larger buffer", () => {
    expect(formatText(bytes("xxHI\r\nyy"), 2, 6)).toBe("HI\\r\\n");
  });
});
