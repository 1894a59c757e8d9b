/**
 * Reading transferred bytes back from the capture, never holding a whole
 * file: a data connection's payload is read in windows through Follow TCP
 * Stream (`FollowStream.read`), hashed as it goes (hash-wasm, incremental),
 * and a file's content is produced from its pieces (parts placed at their
 * REST offsets, holes as zeros, TYPE A line ends converted).
 */
import { createMD5, createSHA256, type IHasher } from "hash-wasm";
import { TableFollowStream } from "../follow/follow-stream";
import type { Direction, FollowStream } from "../follow/types";
import type { ByteRange, FtpFilePiece } from "./types";

/** Bytes per read of a stream: big enough to amortise reads, small enough to stay off the heap's radar. */
export const WINDOW = 1 << 20;

/** Where one transfer's payload is: a direction of a followed stream. */
export interface PayloadRef {
  stream: FollowStream;
  direction: Direction;
  /** Payload length in stream offsets (captured + missing bytes, trailing gap included). */
  length: number;
  /** TYPE A: CRLF becomes LF in the file's content. */
  ascii: boolean;
}

/** A pair's saved state (Hashes.save). */
export type HashState = [Uint8Array, Uint8Array];

/** A direction's bytes as Follow Stream reads them, hashed by the indexing pass (data-hashes.ts), and their first bytes (MIME sniffing). */
export interface PassDigest {
  bytes: number;
  md5: string;
  sha256: string;
  /** The first min(bytes, SNIFF_BYTES) bytes. */
  head: Uint8Array;
}

/** Hex digests of one input. */
export interface Digests {
  md5: string;
  sha256: string;
}

/**
 * An MD5 and a SHA-256 of one payload, fed in order: `update`… then `digest`
 * once. `update` must not keep `b` (the caller reuses it). A pair hashing on
 * another thread answers `digest` later (the CLI's export thread).
 */
export interface DigestPair {
  update(b: Uint8Array): void;
  digest(): Digests | Promise<Digests>;
}

/**
 * Where the analysis gets its digest pairs for what it reads after the pass
 * (FtpAnalyzeOptions.digests). The default is hash-wasm's (`Hashes.create`),
 * which runs everywhere the engine does; the CLI passes Node's native ones,
 * 2-3 times faster where the CPU has SHA instructions.
 */
export type DigestPairFactory = () => Promise<DigestPair>;

/**
 * Where a scan sends the content it reads, so that whoever saves it needs no
 * second read (the CLI's --export-objects writes each transfer's file as it
 * is hashed): `write` gets the content's windows in order (holes as zeros,
 * TYPE A converted), valid during the call only; `close` comes once, after
 * the last. A payload the pass hashed is not read, and its sink gets nothing.
 * A sink with `digest` hashes what it is written (MD5 and SHA-256): the scan
 * asks it for the content's digests, after the last write and before
 * `close`, instead of hashing the content itself (the CLI's export thread
 * hashes each file as it writes it).
 */
export interface ContentSink {
  write(b: Uint8Array): void;
  close(): void;
  digest?(): Digests | Promise<Digests>;
}

/**
 * A pair of incremental hashers. Instances are pooled: each new one
 * instantiates two WebAssembly modules, which costs more than hashing a small
 * file; `digest` returns the pair to the pool.
 */
export class Hashes implements DigestPair {
  private static readonly pool: Hashes[] = [];

  private constructor(
    private readonly md5: IHasher,
    private readonly sha256: IHasher,
  ) {}

  static async create(): Promise<Hashes> {
    let h = Hashes.pool.pop();
    if (!h) {
      const [md5, sha256] = await Promise.all([createMD5(), createSHA256()]);
      h = new Hashes(md5, sha256);
    }
    h.init();
    return h;
  }

  update(b: Uint8Array): void {
    if (b.length === 0) return;
    this.md5.update(b);
    this.sha256.update(b);
  }

  /** The hashes; the pair goes back to the pool and must not be used again. */
  digest(): Digests {
    const out = this.hex();
    if (Hashes.pool.length < 8) Hashes.pool.push(this);
    return out;
  }

  /** The hashes, the pair kept (start again with `init` or `load`). */
  hex(): Digests {
    return { md5: this.md5.digest("hex"), sha256: this.sha256.digest("hex") };
  }

  /** Back to the empty input. */
  init(): void {
    this.md5.init();
    this.sha256.init();
  }

  /** The state so far, to `load` later (hash-wasm's save/load: many streams on one pair). */
  save(): HashState {
    return [this.md5.save(), this.sha256.save()];
  }

  load(state: HashState): void {
    this.md5.load(state[0]);
    this.sha256.load(state[1]);
  }
}

const ZEROS = new Uint8Array(64 * 1024);

/** Calls `out` with `n` zero bytes, in slices of a shared buffer (do not keep them). */
export async function zeros(n: number, out: (b: Uint8Array) => void | Promise<void>): Promise<void> {
  while (n > 0) {
    const k = Math.min(n, ZEROS.length);
    await out(ZEROS.subarray(0, k));
    n -= k;
  }
}

/** Adds [start, end) to sorted, merged `ranges`. */
export function addRange(ranges: ByteRange[], start: number, end: number): void {
  if (end <= start) return;
  const last = ranges[ranges.length - 1];
  if (last && start <= last[1]) {
    if (start >= last[0]) {
      last[1] = Math.max(last[1], end);
      return;
    }
  } else if (!last || start > last[1]) {
    ranges.push([start, end]);
    return;
  }
  // Out of order: insert and merge (rare).
  ranges.push([start, end]);
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: ByteRange[] = [];
  for (const r of ranges) {
    const m = merged[merged.length - 1];
    if (m && r[0] <= m[1]) m[1] = Math.max(m[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  ranges.length = 0;
  ranges.push(...merged);
}

/** The parts of [0, length) not in `known` (sorted, merged). */
export function complement(known: readonly ByteRange[], length: number): ByteRange[] {
  const out: ByteRange[] = [];
  let pos = 0;
  for (const [s, e] of known) {
    if (s > pos) out.push([pos, Math.min(s, length)]);
    pos = Math.max(pos, e);
    if (pos >= length) break;
  }
  if (pos < length) out.push([pos, length]);
  return out.filter(([s, e]) => e > s);
}

/**
 * RFC 959 §3.1.1.1 ASCII type: the wire carries CRLF line ends; the file as
 * stored on a Unix host has LF. Streaming: a CR at the end of one window waits
 * for the next byte. Bytes the capture lost arrive as zeros (`gap`), never
 * converted.
 */
export class CrlfToLf {
  private pendingCr = false;
  private buf = new Uint8Array(0);

  /** Converts `b`; the result is valid until the next call. */
  convert(b: Uint8Array): Uint8Array {
    if (this.buf.length < b.length + 1) this.buf = new Uint8Array(Math.max(b.length + 1, 4096));
    let n = 0;
    let i = 0;
    if (this.pendingCr) {
      this.pendingCr = false;
      if (b.length > 0 && b[0] === 0x0a) {
        this.buf[n++] = 0x0a;
        i = 1;
      } else if (b.length > 0) this.buf[n++] = 0x0d;
      else {
        this.pendingCr = true;
        return this.buf.subarray(0, 0);
      }
    }
    for (; i < b.length; i++) {
      const c = b[i]!;
      if (c === 0x0d) {
        if (i + 1 === b.length) {
          this.pendingCr = true;
          break;
        }
        if (b[i + 1] === 0x0a) continue; // drop the CR of CRLF
      }
      this.buf[n++] = c;
    }
    return this.buf.subarray(0, n);
  }

  /** What is left at the end of the data or before a gap (a lone CR). */
  flush(): Uint8Array {
    if (!this.pendingCr) return new Uint8Array(0);
    this.pendingCr = false;
    return Uint8Array.of(0x0d);
  }
}

/** What one pass over a payload learns. */
export interface PayloadScan {
  /** Captured bytes (gaps not counted). */
  captured: number;
  /** Hashes of the wire bytes, gaps skipped (null when empty). */
  md5: string | null;
  sha256: string | null;
  /** Known ranges in stream offsets, and the holes. */
  known: ByteRange[];
  missing: ByteRange[];
  /** TYPE A: the content after conversion: its length, known ranges, hashes (holes as zeros). */
  converted: { length: number; known: ByteRange[]; md5: string; sha256: string } | null;
  /** Hashes of the content with holes as zeros (= wire hashes when there are none and no conversion). */
  contentMd5: string;
  contentSha256: string;
  /** The content's first bytes (for MIME sniffing), and up to `keepText` bytes of it when asked (listings). */
  head: Uint8Array;
  text: Uint8Array | null;
  firstFrame: number;
  lastFrame: number;
}

/**
 * The scan of a payload the indexing pass hashed whole (data-hashes.ts): a
 * whole direction of a stream Follow builds from the pass's facts, nothing
 * missing, no TYPE A conversion, no text kept. Only its first bytes are read.
 * Null when the pass's hashes do not cover exactly this payload.
 */
async function scanHashed(ref: PayloadRef, known: PassDigest | null | undefined, headBytes: number, keepText: number): Promise<PayloadScan | null> {
  const s = ref.stream;
  const d = ref.direction;
  if (!known || ref.ascii || keepText > 0 || !(s instanceof TableFollowStream)) return null;
  if (s.info.missing[d] !== 0 || s.info.bytes[d] !== known.bytes || ref.length !== known.bytes) return null;
  const t = s.table;
  let firstFrame = 0;
  let lastFrame = 0;
  for (let i = 0; i < t.count; i++) {
    if (t.direction[i] !== d || t.length[i] === 0) continue;
    const f = t.frame[i]!;
    if (firstFrame === 0 || f < firstFrame) firstFrame = f;
    if (f > lastFrame) lastFrame = f;
  }
  let head = known.head.subarray(0, headBytes);
  if (head.length < Math.min(headBytes, known.bytes)) {
    head = new Uint8Array(Math.min(headBytes, known.bytes));
    let at = 0;
    for (const p of await s.read(d, 0, head.length)) {
      if (p.kind === "gap") return null;
      head.set(p.bytes.subarray(0, head.length - at), at);
      at += Math.min(p.bytes.length, head.length - at);
    }
    head = head.subarray(0, at);
  }
  return {
    captured: known.bytes,
    md5: known.md5,
    sha256: known.sha256,
    known: [[0, known.bytes]],
    missing: [],
    converted: null,
    contentMd5: known.md5,
    contentSha256: known.sha256,
    head: head.slice(),
    text: null,
    firstFrame,
    lastFrame,
  };
}

/**
 * Reads one payload from start to end once: wire hashes, content hashes (holes
 * as zeros, TYPE A converted), known ranges, first bytes. `hashed`: the
 * pass's hashes of the payload's stream direction, used instead of reading
 * when they cover exactly this payload. `sink`: gets the content as it is read.
 */
export async function scanPayload(...args: Parameters<typeof readPayload>): Promise<PayloadScan> {
  return (await readPayload(...args)).scan;
}

/** A payload read to its end (its sink has had all of it), whose scan waits for its digests. */
export interface PayloadRead {
  scan: Promise<PayloadScan>;
}

/**
 * scanPayload in two steps: resolves once the payload is read, so that the
 * next one can be read while a pair on another thread is still hashing this
 * one (the scan comes with the digests).
 */
export async function readPayload(
  ref: PayloadRef,
  headBytes: number,
  keepText: number,
  hashed?: PassDigest | null,
  digests: DigestPairFactory = Hashes.create,
  sink?: ContentSink | null,
): Promise<PayloadRead> {
  const fromPass = await scanHashed(ref, hashed, headBytes, keepText);
  if (fromPass) return { scan: Promise.resolve(fromPass) };
  // Without holes or conversion the content is the wire bytes: hash them once. A sink that hashes the content hashes them then.
  const same = !ref.ascii && ref.stream.info.missing[ref.direction] === 0;
  const sinkHashes = sink?.digest !== undefined;
  const wire = same && sinkHashes ? null : await digests();
  const content = same || sinkHashes ? null : await digests();
  const known: ByteRange[] = [];
  const convKnown: ByteRange[] = [];
  const conv = ref.ascii ? new CrlfToLf() : null;
  let convPos = 0;
  let captured = 0;
  let firstFrame = 0;
  let lastFrame = 0;
  const head = new Uint8Array(headBytes);
  let headLen = 0;
  let text: Uint8Array | null = keepText > 0 ? new Uint8Array(0) : null;
  const keepHead = (b: Uint8Array): void => {
    if (headLen < head.length) {
      const k = Math.min(b.length, head.length - headLen);
      head.set(b.subarray(0, k), headLen);
      headLen += k;
    }
    if (text && text.length < keepText) {
      const k = Math.min(b.length, keepText - text.length);
      const t = new Uint8Array(text.length + k);
      t.set(text);
      t.set(b.subarray(0, k), text.length);
      text = t;
    }
  };
  const emitContent = (b: Uint8Array, isKnown: boolean): void => {
    if (b.length === 0) return;
    content?.update(b);
    sink?.write(b);
    keepHead(b);
    if (isKnown) addRange(convKnown, convPos, convPos + b.length);
    convPos += b.length;
  };
  for (let offset = 0; offset < ref.length; offset += WINDOW) {
    const pieces = await ref.stream.read(ref.direction, offset, Math.min(WINDOW, ref.length - offset));
    for (const p of pieces) {
      if (p.kind === "gap") {
        if (conv) emitContent(conv.flush(), true);
        const n = Math.min(p.length, ref.length - p.streamOffset);
        await zeros(n, (z) => emitContent(z, false));
        continue;
      }
      const b = p.bytes;
      if (b.length === 0) continue;
      wire?.update(b);
      captured += b.length;
      addRange(known, p.streamOffset, p.streamOffset + b.length);
      if (firstFrame === 0 || p.frame < firstFrame) firstFrame = p.frame;
      if (p.frame > lastFrame) lastFrame = p.frame;
      emitContent(conv ? conv.convert(b) : b, true);
    }
  }
  if (conv) emitContent(conv.flush(), true);
  const scanned = (w: Digests, c: Digests): PayloadScan => ({
    captured,
    md5: captured ? w.md5 : null,
    sha256: captured ? w.sha256 : null,
    known,
    missing: complement(known, ref.length),
    converted: conv ? { length: convPos, known: convKnown, md5: c.md5, sha256: c.sha256 } : null,
    contentMd5: c.md5,
    contentSha256: c.sha256,
    head: head.slice(0, headLen),
    text,
    firstFrame,
    lastFrame,
  });
  // Both digests asked for before either is awaited: a pair on another thread answers them together.
  const c = sink?.digest ? sink.digest() : (content ?? wire!).digest();
  const w = wire && !same ? wire.digest() : c;
  return { scan: Promise.all([w, c]).then(([wd, cd]) => scanned(wd, cd)) };
}

/**
 * Produces a file's content: its pieces in file order, zeros in between and
 * up to `size`. `out` receives windows valid during the call only.
 */
export async function readContent(
  pieces: readonly FtpFilePiece[],
  size: number,
  payloadOf: (transferId: number) => PayloadRef,
  out: (b: Uint8Array) => void | Promise<void>,
): Promise<void> {
  let pos = 0;
  for (const piece of pieces) {
    if (piece.fileOffset > pos) await zeros(piece.fileOffset - pos, out);
    const ref = payloadOf(piece.transferId);
    let written = 0;
    if (piece.transform === "none") {
      for (let off = piece.payloadOffset; written < piece.length;) {
        const want = Math.min(WINDOW, piece.length - written);
        const got = await ref.stream.read(ref.direction, off, want);
        let advanced = 0;
        for (const p of got) {
          if (p.kind === "gap") {
            const n = Math.min(p.length, want - advanced);
            await zeros(n, out);
            advanced += n;
          } else {
            const b = p.bytes.subarray(0, want - advanced);
            await out(b);
            advanced += b.length;
          }
        }
        if (advanced === 0) {
          // The stream ended early: the rest of the piece is unknown.
          await zeros(piece.length - written, out);
          written = piece.length;
          break;
        }
        written += advanced;
        off += advanced;
      }
    } else {
      // TYPE A: convert from the start of the payload, skip to the piece's offset in the converted content.
      const conv = new CrlfToLf();
      let convPos = 0;
      const end = piece.payloadOffset + piece.length;
      const take = async (b: Uint8Array): Promise<void> => {
        const s = Math.max(piece.payloadOffset - convPos, 0);
        const e = Math.min(end - convPos, b.length);
        convPos += b.length;
        if (e > s) {
          await out(b.subarray(s, e));
          written += e - s;
        }
      };
      for (let off = 0; off < ref.length && convPos < end; off += WINDOW) {
        const got = await ref.stream.read(ref.direction, off, Math.min(WINDOW, ref.length - off));
        for (const p of got) {
          if (p.kind === "gap") {
            await take(conv.flush().slice());
            const n = p.length;
            let left = n;
            while (left > 0 && convPos < end) {
              const k = Math.min(left, ZEROS.length);
              await take(ZEROS.subarray(0, k));
              left -= k;
            }
          } else await take(conv.convert(p.bytes).slice());
          if (convPos >= end) break;
        }
      }
      if (convPos < end) await take(conv.flush());
      if (written < piece.length) await zeros(piece.length - written, out);
    }
    pos = piece.fileOffset + piece.length;
  }
  if (size > pos) await zeros(size - pos, out);
}
