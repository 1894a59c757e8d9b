/**
 * Step 6 of the analysis (analyze.ts): files from transfers. Parts of one
 * server path are placed at their REST offsets and stitched (lftp's `pget -n 4`
 * over four sessions; overlaps compared, disagreements reported); APPE is
 * placed after the last whole version of the file seen; listings are kept as
 * text objects with their entries parsed (listing.ts). MIME from magic bytes
 * (magic.ts); expected size from 150 "(N bytes)", else SIZE, else a listing.
 */
import { addRange, complement, type DigestPairFactory, Hashes, type PayloadRef, type PayloadScan, readContent, WINDOW } from "./content";
import { parseListing } from "./listing";
import { looksLikeText, sniffMime, SNIFF_BYTES } from "./magic";
import { baseName } from "./paths";
import { isListing } from "./transfers";
import type { ByteRange, FtpDataChannel, FtpFile, FtpFilePiece, FtpSession, FtpTransfer } from "./types";

interface Part {
  transferId: number;
  /** Where the part's content starts in the file. */
  offset: number;
  /** Content length (stream offsets, or converted length for TYPE A) and known ranges in it. */
  length: number;
  known: ByteRange[];
  transform: "none" | "crlf";
}

interface Group {
  file: number;
  key: string;
  parts: Part[];
}

/** Builds the files of a capture's transfers (call `build` once). */
export class FileBuilder {
  readonly files: FtpFile[] = [];
  readonly plans: FtpFilePiece[][] = [];
  /** Files whose data connections all ended cleanly (FIN after the last byte). */
  readonly cleanEnds = new Set<number>();
  private readonly latest = new Map<string, Group>();

  constructor(
    private readonly sessions: FtpSession[],
    private readonly channels: FtpDataChannel[],
    private readonly transfers: FtpTransfer[],
    private readonly scans: (PayloadScan | null)[],
    private readonly payloads: (PayloadRef | null)[],
    private readonly digests: DigestPairFactory = Hashes.create,
  ) {}

  private partOf(ti: number, offset: number): Part {
    const scan = this.scans[ti]!;
    const ref = this.payloads[ti]!;
    if (scan.converted) return { transferId: ti, offset, length: scan.converted.length, known: scan.converted.known, transform: "crlf" };
    return { transferId: ti, offset, length: ref.length, known: scan.known, transform: "none" };
  }

  async build(): Promise<void> {
    // Commands in capture order across sessions (pget's segments come from several).
    const order = this.transfers
      .map((t) => t.id)
      .sort((a, b) => this.transfers[a]!.commandFrame - this.transfers[b]!.commandFrame || a - b);
    const groups: Group[] = [];
    for (const ti of order) {
      const t = this.transfers[ti]!;
      const scan = this.scans[ti];
      const sess = this.sessions[t.sessionId]!;
      const ok = t.endReply !== null && t.endReply.code >= 200 && t.endReply.code < 300;
      if (!scan) {
        // An empty file is a file: a transfer that succeeded over a data connection with no bytes.
        if (ok && t.dataChannelId !== null && !this.channels[t.dataChannelId]!.encrypted && this.payloads[ti]?.length === 0) {
          groups.push({ file: -1, key: "", parts: [{ transferId: ti, offset: 0, length: 0, known: [], transform: "none" }] });
        }
        continue;
      }
      if (isListing(t)) {
        groups.push({ file: -1, key: "", parts: [this.partOf(ti, 0)] });
        continue;
      }
      const key = t.path === null ? `#${ti}` : `${sess.server.address}\u0000${t.path}`;
      const prev = this.latest.get(key);
      let group: Group;
      if (t.command === "APPE") {
        // Appended after the version of the file the capture last showed whole, when there is one.
        const base = prev && prev.parts.length ? groupExtent(prev) : null;
        const parts = base !== null && coverage(prev!.parts, base) ? [...prev!.parts] : [];
        const part = this.partOf(ti, base !== null && parts.length ? base : 0);
        group = { file: -1, key, parts: [...parts, part] };
        groups.push(group);
      } else {
        const part = this.partOf(ti, t.restOffset);
        // A segment at a REST offset joins the latest version of the same file (lftp's pget fetches
        // one file over several sessions, each from its own offset); a transfer from offset 0 joins
        // only a version still missing its start (segments whose commands came first).
        const joinable =
          prev &&
          this.transfers[prev.parts[0]!.transferId]!.direction === t.direction &&
          prev.parts.every((p) => this.transfers[p.transferId]!.command !== "APPE");
        if (joinable && (t.restOffset > 0 || !covers(prev!.parts, 0, 1))) {
          prev!.parts.push(part);
          continue;
        }
        group = { file: -1, key, parts: [part] };
        groups.push(group);
      }
      this.latest.set(key, group);
    }
    for (const g of groups) await this.finish(g);
  }

  private async finish(g: Group): Promise<void> {
    const parts = [...g.parts].sort(
      (a, b) => a.offset - b.offset || this.transfers[a.transferId]!.commandFrame - this.transfers[b.transferId]!.commandFrame,
    );
    const main = this.transfers[g.parts[g.parts.length - 1]!.transferId]!;
    const first = this.transfers[parts[0]!.transferId]!;
    const listing = isListing(main);
    // Pieces: each part's known bytes where no earlier part already gave them.
    const covered: ByteRange[] = [];
    const pieces: FtpFilePiece[] = [];
    /** Bytes a later part also has: compared below. */
    const overlaps: FtpFilePiece[] = [];
    let size = 0;
    for (const p of parts) {
      size = Math.max(size, p.offset + p.length);
      for (const [s, e] of p.known) {
        const fresh = subtract([p.offset + s, p.offset + e], covered);
        for (const [fs, fe] of fresh) {
          pieces.push({ fileOffset: fs, length: fe - fs, transferId: p.transferId, payloadOffset: fs - p.offset, transform: p.transform });
        }
        for (const [os, oe] of subtract([p.offset + s, p.offset + e], fresh)) {
          overlaps.push({
            fileOffset: os,
            length: oe - os,
            transferId: p.transferId,
            payloadOffset: os - p.offset,
            transform: p.transform,
          });
        }
      }
      for (const [s, e] of p.known) addRange(covered, p.offset + s, p.offset + e);
    }
    pieces.sort((a, b) => a.fileOffset - b.fileOffset);
    const conflicting = await this.compareOverlaps(pieces, overlaps);
    const expected = this.expectedSize(parts);
    const missing = complement(covered, Math.max(size, expected ?? 0));
    // The content's hashes: a single part at offset 0 was hashed while scanning; others are read again.
    let md5: string;
    let sha256: string;
    let head: Uint8Array;
    let text: Uint8Array | null = null;
    const single = parts.length === 1 && parts[0]!.offset === 0 ? this.scans[parts[0]!.transferId] : null;
    if (single || (parts.length === 1 && parts[0]!.length === 0)) {
      const scan = single;
      md5 = scan ? scan.contentMd5 : EMPTY_MD5;
      sha256 = scan ? scan.contentSha256 : EMPTY_SHA256;
      head = scan ? scan.head : new Uint8Array(0);
      text = scan ? scan.text : null;
    } else {
      const h = await this.digests();
      const headBuf = new Uint8Array(SNIFF_BYTES);
      let headLen = 0;
      await readContent(
        pieces,
        size,
        (t) => this.payloads[t]!,
        (b) => {
          h.update(b);
          if (headLen < headBuf.length) {
            const k = Math.min(b.length, headBuf.length - headLen);
            headBuf.set(b.subarray(0, k), headLen);
            headLen += k;
          }
        },
      );
      ({ md5, sha256 } = await h.digest());
      head = headBuf.slice(0, headLen);
    }
    const ok = parts.every((p) => {
      const t = this.transfers[p.transferId]!;
      return t.endReply !== null && t.endReply.code >= 200 && t.endReply.code < 300;
    });
    const complete = missing.length === 0 && (expected !== null ? expected === size : ok);
    // Every part's sender closed its data connection after its last byte, none lost at the end:
    // a file shorter than announced was sent short, not cut by the capture.
    const cleanEnd = parts.every((p) => {
      const ref = this.payloads[p.transferId];
      return !ref || (ref.stream.info.fin[ref.direction] && ref.stream.info.trailingGap[ref.direction] === 0);
    });
    const sessionIds = [...new Set(parts.map((p) => this.transfers[p.transferId]!.sessionId))];
    let firstFrame = 0;
    let lastFrame = 0;
    for (const p of parts) {
      const t = this.transfers[p.transferId]!;
      if (t.firstDataFrame && (!firstFrame || t.firstDataFrame < firstFrame)) firstFrame = t.firstDataFrame;
      lastFrame = Math.max(lastFrame, t.lastDataFrame);
    }
    const channel = main.dataChannelId !== null ? this.channels[main.dataChannelId]! : null;
    const name = main.path ?? (listing ? "(listing)" : main.argument || "(unnamed)");
    const id = this.files.length;
    const derived = parts.some(
      (p) => this.transfers[p.transferId]!.payloadSha256 !== sha256 && this.transfers[p.transferId]!.payloadSha256 !== null,
    );
    const file: FtpFile = {
      id,
      kind: listing ? "listing" : "file",
      name,
      baseName: listing ? baseName(name) || "/" : baseName(name),
      command: main.command,
      direction: main.direction,
      transferIds: parts.map((p) => p.transferId),
      sessionId: first.sessionId,
      sessionIds,
      controlStream: this.sessions[first.sessionId]!.controlStream,
      dataStream: main.dataStream ?? first.dataStream,
      commandFrame: main.commandFrame,
      firstFrame,
      lastFrame,
      size,
      expectedSize: expected,
      complete,
      missingRanges: missing,
      md5,
      sha256,
      mime: listing ? "text/plain" : size === 0 ? "application/x-empty" : sniffMime(head),
      type: main.type,
      transferMode: channel ? `${channel.mode}${channel.method !== "none" ? ` (${channel.method})` : ""}` : "unknown",
      conflictingRanges: conflicting,
      entries: listing && text && looksLikeText(text.subarray(0, 4096)) ? parseListing(main.command, new TextDecoder().decode(text)) : [],
      derived,
    };
    this.files.push(file);
    this.plans.push(pieces);
    if (cleanEnd) this.cleanEnds.add(id);
    for (const p of g.parts) {
      const t = this.transfers[p.transferId]!;
      // A transfer belongs to the file it created (APPE files reuse earlier parts without taking them).
      if (t.fileId === null || p === g.parts[g.parts.length - 1]) t.fileId = id;
    }
  }

  /**
   * Where a later part repeats bytes an earlier one gave (pget segments run
   * past the next one's start until ABOR lands), the bytes must agree: the
   * ranges where they do not. Reads at most OVERLAP_BUDGET bytes per file.
   */
  private async compareOverlaps(pieces: readonly FtpFilePiece[], overlaps: readonly FtpFilePiece[]): Promise<ByteRange[]> {
    const out: ByteRange[] = [];
    let budget = OVERLAP_BUDGET;
    for (const o of overlaps) {
      for (let at = 0; at < o.length && budget > 0; at += WINDOW) {
        const n = Math.min(WINDOW, o.length - at, budget);
        budget -= n;
        const start = o.fileOffset + at;
        const later = await this.collect([{ ...o, fileOffset: 0, length: n, payloadOffset: o.payloadOffset + at }], n);
        const clipped: FtpFilePiece[] = [];
        for (const p of pieces) {
          const s = Math.max(p.fileOffset, start);
          const e = Math.min(p.fileOffset + p.length, start + n);
          if (e > s) clipped.push({ ...p, fileOffset: s - start, length: e - s, payloadOffset: p.payloadOffset + (s - p.fileOffset) });
        }
        const earlier = await this.collect(clipped, n);
        let i = 0;
        while (i < n) {
          if (earlier[i] === later[i]) {
            i++;
            continue;
          }
          let j = i;
          while (j < n && earlier[j] !== later[j]) j++;
          addRange(out, start + i, start + j);
          i = j;
        }
      }
    }
    return out;
  }

  private async collect(plan: FtpFilePiece[], n: number): Promise<Uint8Array> {
    const buf = new Uint8Array(n);
    let pos = 0;
    await readContent(
      plan,
      n,
      (t) => this.payloads[t]!,
      (b) => {
        buf.set(b.subarray(0, n - pos), pos);
        pos += b.length;
      },
    );
    return buf;
  }

  /**
   * The file's size as the server announced it: 150 "(N bytes)" (the whole
   * file, even after REST, on the servers we know; when N plus the REST
   * offset is what arrived, N counted from the offset), else SIZE's 213.
   */
  private expectedSize(parts: Part[]): number | null {
    let best: number | null = null;
    for (const p of parts) {
      const t = this.transfers[p.transferId]!;
      if (t.command === "APPE" || t.expectedSize === null) continue;
      let n = t.expectedSize;
      if (t.restOffset > 0 && t.expectedSizeSource === "150" && n === p.length && n !== t.restOffset + p.length) n += t.restOffset;
      best = best === null ? n : Math.max(best, n);
    }
    return best;
  }
}

/** Bytes of overlapping parts compared per file. */
const OVERLAP_BUDGET = 64 << 20;

const EMPTY_MD5 = "d41d8cd98f00b204e9800998ecf8427e";
const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

function groupExtent(g: Group): number {
  return Math.max(...g.parts.map((p) => p.offset + p.length));
}

/** Every byte of [0, n) is known in these parts. */
function coverage(parts: Part[], n: number): boolean {
  return covers(parts, 0, n);
}

function covers(parts: Part[], start: number, end: number): boolean {
  const known: ByteRange[] = [];
  for (const p of parts) for (const [s, e] of p.known) addRange(known, p.offset + s, p.offset + e);
  return known.some(([s, e]) => s <= start && e >= end);
}

/** [start, end) minus the sorted ranges `covered`. */
function subtract(r: ByteRange, covered: readonly ByteRange[]): ByteRange[] {
  const out: ByteRange[] = [];
  let pos = r[0];
  for (const [s, e] of covered) {
    if (e <= pos) continue;
    if (s >= r[1]) break;
    if (s > pos) out.push([pos, Math.min(s, r[1])]);
    pos = Math.max(pos, e);
    if (pos >= r[1]) break;
  }
  if (pos < r[1]) out.push([pos, r[1]]);
  return out;
}
