import { describe, expect, it } from "vitest";
import { deflateSync, gzipSync, zlibSync } from "fflate";
import { decodeContent, dechunk, findLineEnd, readChunked } from "./body";

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);
const text = (b: Uint8Array | null): string | null => (b ? new TextDecoder().decode(b) : null);

/** Text that compresses well but not to nothing: lines with their numbers. */
const sample = Array.from({ length: 400 }, (_, i) => `line ${i} of the body\n`).join("");

describe("findLineEnd (tvb_find_line_end with desegmentation)", () => {
  it("ends lines at CRLF, LF or a CR followed by more data", () => {
    expect(findLineEnd(ascii("ab\r\ncd"), 0, 6)).toEqual([2, 4]);
    expect(findLineEnd(ascii("ab\ncd"), 0, 5)).toEqual([2, 3]);
    expect(findLineEnd(ascii("ab\rcd"), 0, 5)).toEqual([2, 3]);
  });
  it("has no line when the terminator is missing or a CR is the last byte", () => {
    expect(findLineEnd(ascii("abc"), 0, 3)).toBeNull();
    expect(findLineEnd(ascii("abc\r"), 0, 4)).toBeNull();
  });
});

describe("dechunk", () => {
  it("joins the chunks' data, ignores extensions and reads the trailer", () => {
    const body = ascii("5;name=value\r\nhello\r\n0x7\r\n, world\r\n0\r\nExpires: never\r\n\r\n");
    const r = dechunk(body);
    expect(text(r.data)).toBe("hello, world");
    expect(r.complete).toBe(true);
    expect(r.chunks).toBe(3); // two data chunks and the last-chunk
    const c = readChunked(body, 0, body.length);
    expect(c.consumed).toBe(body.length);
    expect(c.trailer).toEqual([body.length - 18, 16]); // "Expires: never\r\n"
    expect(c.lastCrlf).toEqual([body.length - 2, 2]);
  });
  it("says incomplete and clamps a chunk to the bytes present when the body breaks off", () => {
    const r = dechunk(ascii("a\r\n0123456789\r\n10\r\nonly this"));
    expect(text(r.data)).toBe("0123456789only this");
    expect(r.complete).toBe(false);
    expect(r.chunks).toBe(2);
  });
  it("stops at a line that is not a chunk-size line, and reads a size that is not hex as 0", () => {
    expect(dechunk(ascii("\r\nabc")).chunks).toBe(0);
    const r = dechunk(ascii("zz\r\n\r\n"));
    expect(r.complete).toBe(true);
    expect(r.data.length).toBe(0);
  });
  it("reads a size line that has not ended as not there yet", () => {
    const r = readChunked(ascii("3\r\nabc\r\n0"), 0, 9);
    expect(r.complete).toBe(false);
    expect(r.consumed).toBe(8);
  });
});

describe("decodeContent", () => {
  const raw = ascii(sample);
  it("inflates gzip and x-gzip", () => {
    expect(text(decodeContent(gzipSync(raw), "gzip"))).toBe(sample);
    expect(text(decodeContent(gzipSync(raw, { filename: "a.txt" }), " X-GZIP "))).toBe(sample);
  });
  it("inflates deflate with and without the zlib wrapper (Apache sends it raw)", () => {
    expect(text(decodeContent(zlibSync(raw), "deflate"))).toBe(sample);
    expect(text(decodeContent(deflateSync(raw), "deflate"))).toBe(sample);
  });
  it("keeps what a stream cut short inflates to, as Wireshark does", () => {
    const long = Array.from({ length: 4000 }, (_, i) => `line ${i}: ${Math.sin(i)}\n`).join("");
    const gz = gzipSync(ascii(long));
    const out = decodeContent(gz.subarray(0, gz.length >> 1), "gzip");
    expect(out).not.toBeNull();
    expect(out!.length).toBeGreaterThan(long.length / 4);
    expect(out!.length).toBeLessThan(long.length);
    expect(text(out)).toBe(long.slice(0, out!.length));
  });
  it("returns the data for identity and null for what it cannot decode", () => {
    expect(decodeContent(raw, "identity")).toBe(raw);
    expect(decodeContent(raw, "br")).toBeNull();
    expect(decodeContent(ascii("not compressed at all"), "gzip")).toBeNull();
    expect(decodeContent(new Uint8Array(0), "gzip")).toBeNull();
    expect(decodeContent(Uint8Array.of(0x1f, 0x8b, 8, 0), "gzip")).toBeNull(); // gzip header cut short
  });
});
