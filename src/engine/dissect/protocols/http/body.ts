/**
 * HTTP message bodies: the chunked transfer coding (RFC 9112 §7.1) and the
 * gzip/deflate content codings (RFC 9110 §8.4.1), decoded the way Wireshark
 * 4.0 decodes them (packet-http.c's chunked_encoding_dissector,
 * tvbuff_zlib.c's tvb_uncompress), so that sizes and bodies shown or exported
 * agree with Wireshark's. Synchronous (fflate): the worker and the CLI decode
 * while they dissect.
 */
import { Inflate } from "fflate";

/** One chunk of a chunked body, as Wireshark's tree shows it. */
export interface Chunk {
  /** Where the chunk-size line starts, relative to the body. */
  readonly start: number;
  /** Where the chunk's data starts (after the size line's CRLF). */
  readonly dataStart: number;
  /** The chunk-size, clamped to the bytes present. */
  readonly size: number;
}

/** The chunked body read from body[start, end). */
export interface ChunkedBody {
  readonly chunks: Chunk[];
  /** Bytes of the chunked body consumed (size lines, data, CRLFs, trailer, last CRLF). */
  readonly consumed: number;
  /** The last-chunk (size 0) was seen. */
  readonly complete: boolean;
  /** Trailer header lines after the last-chunk: [offset, length] or null. */
  readonly trailer: readonly [number, number] | null;
  /** The final CRLF after the last-chunk (and trailer): [offset, length] or null. */
  readonly lastCrlf: readonly [number, number] | null;
}

/**
 * Finds the end of the line starting at `at`: [line length, offset after the
 * line terminator] or null when no terminator is present (Wireshark's
 * tvb_find_line_end with desegmentation on: CRLF, a bare LF, or a bare CR
 * not at the end of the data end a line).
 */
export function findLineEnd(data: Uint8Array, at: number, end: number): [number, number] | null {
  for (let i = at; i < end; i++) {
    const c = data[i]!;
    if (c === 0x0a) return [i - at, i + 1];
    if (c === 0x0d) {
      if (i + 1 >= end) return null; // the LF may be in the next segment
      return [i - at, data[i + 1] === 0x0a ? i + 2 : i + 1];
    }
  }
  return null;
}

/**
 * strtol(s, NULL, 16) on a chunk-size line (already cut at ';': chunk
 * extensions are ignored), cast to guint32 as Wireshark does: the low 32 bits
 * of the 64-bit long, which saturates at LONG_MAX/LONG_MIN.
 */
function parseChunkSize(data: Uint8Array, at: number, lineEnd: number): number {
  let i = at;
  while (i < lineEnd && (data[i] === 0x20 || (data[i]! >= 0x09 && data[i]! <= 0x0d))) i++;
  let negative = false;
  if (i < lineEnd && (data[i] === 0x2b || data[i] === 0x2d)) negative = data[i++] === 0x2d;
  if (i + 2 < lineEnd && data[i] === 0x30 && (data[i + 1] === 0x78 || data[i + 1] === 0x58) && hexDigit(data[i + 2]!) >= 0) i += 2;
  let low32 = 0;
  let significant = 0;
  let firstDigit = 0;
  for (; i < lineEnd; i++) {
    const d = hexDigit(data[i]!);
    if (d < 0) break;
    if (significant === 0 && d === 0) continue;
    if (significant === 0) firstDigit = d;
    significant++;
    low32 = (low32 * 16 + d) % 0x100000000;
  }
  if (significant > 16 || (significant === 16 && firstDigit >= 8)) return negative ? 0 : 0xffffffff;
  return negative ? (0x100000000 - low32) % 0x100000000 : low32;
}

function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

/**
 * Reads a chunked body from data[start, end) as Wireshark 4.0 does: a size
 * line (extensions after ';' ignored), the data clamped to what is present,
 * its CRLF; after the last-chunk the trailer lines and the final CRLF.
 * Offsets in the result are absolute (into `data`).
 */
export function readChunked(data: Uint8Array, start: number, end: number): ChunkedBody {
  const chunks: Chunk[] = [];
  let offset = start;
  let complete = false;
  let trailer: [number, number] | null = null;
  let lastCrlf: [number, number] | null = null;
  while (offset < end) {
    const line = findLineEnd(data, offset, end);
    if (!line || line[0] <= 0) break; // no chunk-size line
    let sizeEnd = offset + line[0];
    const semi = data.subarray(offset, sizeEnd).indexOf(0x3b);
    if (semi >= 0) sizeEnd = offset + semi;
    const dataStart = line[1];
    let size = parseChunkSize(data, offset, sizeEnd);
    // Wireshark clamps to the bytes left from the size line; the copy reads from after it.
    if (size > end - offset) size = end - offset;
    if (size > end - dataStart) size = Math.max(0, end - dataStart);
    chunks.push({ start: offset, dataStart, size });
    offset = dataStart + size;
    if (size > 0) {
      offset += 2;
      continue;
    }
    complete = true;
    // trailer-part = *( header-field CRLF ), then the CRLF that ends the body
    let at = offset;
    let lineLen = -1;
    for (;;) {
      const l = findLineEnd(data, at, end);
      if (!l) {
        lineLen = -1;
        break;
      }
      lineLen = l[0];
      if (lineLen === 0) {
        if (at > offset) trailer = [offset, at - offset];
        lastCrlf = [at, l[1] - at];
        offset = l[1];
        break;
      }
      at = l[1];
    }
    if (lineLen < 0 && at > offset) {
      trailer = [offset, at - offset];
      offset = at;
    }
    break;
  }
  return { chunks, consumed: Math.min(offset, end) - start, complete, trailer, lastCrlf };
}

/**
 * Removes the chunked transfer coding from a whole body: the data of its
 * chunks, whether the last-chunk was seen, and how many chunk-size lines
 * were read (the last-chunk included).
 */
export function dechunk(body: Uint8Array): { data: Uint8Array; complete: boolean; chunks: number } {
  const r = readChunked(body, 0, body.length);
  let total = 0;
  for (const c of r.chunks) total += c.size;
  const data = new Uint8Array(total);
  let at = 0;
  for (const c of r.chunks) {
    data.set(body.subarray(c.dataStart, c.dataStart + c.size), at);
    at += c.size;
  }
  return { data, complete: r.complete, chunks: r.chunks.length };
}

/** Input is fed to the inflater in pieces of this size, so that a stream damaged later still yields what came before (zlib's passes do). */
const FEED = 4096;

/**
 * Inflates raw deflate data; the output so far when the stream breaks off or
 * turns bad (tvb_uncompress keeps it), null when nothing came out.
 */
function inflateRaw(data: Uint8Array): Uint8Array | null {
  const parts: Uint8Array[] = [];
  let ended = false;
  const inflater = new Inflate((chunk, final) => {
    if (chunk.length) parts.push(chunk);
    if (final) ended = true;
  });
  try {
    for (let at = 0; at < data.length; at += FEED) inflater.push(data.subarray(at, Math.min(at + FEED, data.length)), false);
    if (!ended) inflater.push(new Uint8Array(0), true);
  } catch {
    // A damaged or cut-short stream: keep what was inflated (below).
    if (!parts.length) return ended ? new Uint8Array(0) : null;
  }
  return concat(parts);
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A zlib header (RFC 1950): deflate, window ≤ 32K, check bits, no preset dictionary. */
function zlibHeader(data: Uint8Array, at: number): "ok" | "dictionary" | "bad" {
  if (data.length - at < 2) return "bad";
  const cmf = data[at]!;
  const flg = data[at + 1]!;
  if ((cmf & 0x0f) !== 8 || cmf >> 4 > 7 || ((cmf << 8) | flg) % 31 !== 0) return "bad";
  return flg & 0x20 ? "dictionary" : "ok";
}

/** Where the deflate data of a gzip member (RFC 1952) starts, or -1 when its header is cut short or not deflate. */
function gzipDataStart(data: Uint8Array): number {
  if (data.length < 10 || data[2] !== 8) return -1;
  const flags = data[3]!;
  let c = 10;
  if (flags & 0x04) {
    // FEXTRA: a little-endian length, read byte by byte as Wireshark does
    let xlen = 0;
    if (c < data.length) xlen += data[c++]!;
    if (c < data.length) xlen += data[c++]! << 8;
    c += xlen;
  }
  for (const bit of [0x08, 0x10]) {
    // FNAME, FCOMMENT: zero-terminated
    if (flags & bit) {
      while (c < data.length && data[c] !== 0) c++;
      c++;
    }
  }
  return c > data.length ? -1 : c;
}

/**
 * zlib-wrapped deflate as tvb_uncompress tries it first (inflateInit2 with
 * MAX_WBITS): a bad header is a data error before any output, which sends
 * the caller to its other tries; a preset dictionary ends it with nothing.
 */
function inflateZlib(data: Uint8Array, at: number): Uint8Array | null | "data-error" {
  const h = zlibHeader(data, at);
  if (h === "bad") return "data-error";
  if (h === "dictionary") return null;
  const out = inflateRaw(data.subarray(at + 2));
  return out ?? "data-error";
}

/**
 * Wireshark's order of tries (tvb_uncompress): zlib; if that fails before
 * any output and the data starts like gzip, skip the gzip header and try zlib
 * then raw deflate on the rest; otherwise raw deflate on the whole (servers
 * that send "deflate" without the zlib wrapper). The gzip trailer is ignored.
 */
function uncompress(data: Uint8Array): Uint8Array | null {
  if (!data.length) return null;
  let next = data;
  const first = inflateZlib(data, 0);
  if (first !== "data-error") return first;
  if (data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b) {
    const at = gzipDataStart(data);
    if (at < 0) return null;
    next = data.subarray(at);
    const second = inflateZlib(next, 0);
    if (second !== "data-error") return second;
  }
  return inflateRaw(next);
}

/**
 * Decodes a body by its Content-Encoding: gzip, x-gzip, deflate and
 * x-deflate as Wireshark inflates them (partial output kept when the stream
 * breaks off), identity as it is; null for codings it cannot decode or data
 * that yields nothing.
 */
export function decodeContent(data: Uint8Array, encoding: string): Uint8Array | null {
  const e = encoding.trim().toLowerCase();
  if (e === "identity") return data;
  if (e === "gzip" || e === "x-gzip" || e === "deflate" || e === "x-deflate") return uncompress(data);
  return null;
}
