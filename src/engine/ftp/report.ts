/**
 * What an FTP analysis hands back: the model (types.ts) plus what it needs to
 * read files, transfers and unexplained data connections back from the
 * capture, window by window.
 */
import { addRange, type PayloadRef, readContent } from "./content";
import type { ExportSource } from "./export";
import type { ByteRange, FtpAnalysis, FtpFilePiece } from "./types";

/** The analysis plus what it needs to read files back. */
export class FtpReport {
  constructor(
    readonly analysis: FtpAnalysis,
    private readonly payloads: (PayloadRef | null)[],
    private readonly plans: FtpFilePiece[][],
    private readonly channels: (PayloadRef | null)[][] = [],
  ) {}

  /** The pieces a file is made of (for tests and exports). */
  piecesOf(fileId: number): readonly FtpFilePiece[] {
    return this.plans[fileId] ?? [];
  }

  /** Streams a file's content (holes as zeros) to `out`, in windows valid during the call. */
  async readFile(fileId: number, out: (b: Uint8Array) => void | Promise<void>): Promise<void> {
    const file = this.analysis.files[fileId];
    if (!file) throw new Error(`no file ${fileId}`);
    await readContent(this.plans[fileId]!, file.size, (t) => this.payloads[t]!, out);
  }

  /** Streams a transfer's payload as it crossed the wire (holes skipped). */
  async readPayload(transferId: number, out: (b: Uint8Array) => void | Promise<void>): Promise<void> {
    await this.readWire(this.payloads[transferId] ?? null, out);
  }

  /** Streams what an unexplained data connection carried one way (0: client→server, 1: server→client), holes skipped. */
  async readChannel(dataChannelId: number, direction: 0 | 1, out: (b: Uint8Array) => void | Promise<void>): Promise<void> {
    await this.readWire(this.channels[dataChannelId]?.[direction] ?? null, out);
  }

  private async readWire(ref: PayloadRef | null, out: (b: Uint8Array) => void | Promise<void>): Promise<void> {
    if (!ref) return;
    const transferId = 0;
    const pieces: FtpFilePiece[] = [];
    const scanKnown: ByteRange[] = [];
    // Known ranges are re-derived from the stream's descriptors (cheap, no bytes read).
    for (let i = ref.stream.chunkAt(ref.direction, 0); i < ref.stream.info.chunkCount; i++) {
      const c = ref.stream.chunk(i);
      if (c.direction === ref.direction) addRange(scanKnown, c.streamOffset, c.streamOffset + c.length);
    }
    let pos = 0;
    for (const [s, e] of scanKnown) {
      pieces.push({ fileOffset: pos, length: e - s, transferId, payloadOffset: s, transform: "none" });
      pos += e - s;
    }
    await readContent(pieces, pos, () => ref, out);
  }

  /** Streams one object of an export plan (export.ts). */
  async readExport(source: ExportSource, out: (b: Uint8Array) => void | Promise<void>): Promise<void> {
    switch (source.kind) {
      case "file":
        return this.readFile(source.fileId, out);
      case "payload":
        return this.readPayload(source.transferId, out);
      case "channel":
        return this.readChannel(source.dataChannelId, source.direction, out);
    }
  }

  /** A file's whole content in memory (small files, previews, tests). */
  async fileBytes(fileId: number): Promise<Uint8Array> {
    const size = this.analysis.files[fileId]?.size ?? 0;
    const out = new Uint8Array(size);
    let pos = 0;
    await this.readFile(fileId, (b) => {
      out.set(b, pos);
      pos += b.length;
    });
    return out;
  }

  /** A transfer's wire payload in memory. */
  async payloadBytes(transferId: number): Promise<Uint8Array> {
    const chunks: Uint8Array[] = [];
    let n = 0;
    await this.readPayload(transferId, (b) => {
      chunks.push(b.slice());
      n += b.length;
    });
    const out = new Uint8Array(n);
    let pos = 0;
    for (const c of chunks) {
      out.set(c, pos);
      pos += c.length;
    }
    return out;
  }
}
