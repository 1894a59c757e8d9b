/**
 * FTP forensics for one open capture, as the app's worker serves it: the
 * capture's report (CaptureSession.ftpReport: built once, on first use, from
 * what the indexing pass recorded), objects as Blobs for downloads and previews, and a zip of everything with
 * its manifest.json (client-zip, streamed: files are read from the capture
 * one window at a time while the archive is written).
 */
import { makeZip } from "client-zip";
import { followStreams } from "../follow/follow-index";
import type { ByteSource } from "../io/byte-source";
import { analyzeFtp, type FtpAnalyzeOptions, type FtpReport } from "./analyze";
import { type ExportItem, type ExportSource, exportPlan, type ManifestEntry } from "./export";
import { type FtpAnalysisSummary, type FtpTranscriptLine, summarize, Transcript } from "./transcript";
import type { FtpAnalysis, FtpListingEntry } from "./types";

/** Bytes gathered before they are folded into a Blob. */
const BLOB_BATCH = 8 << 20;

/**
 * The FTP analysis of a capture file read on its own: one Follow pass over
 * it, no packet index (tests, and captures opened without a session). An
 * open capture has its own: CaptureSession.ftpReport.
 */
export async function ftpReportOf(source: ByteSource, options: FtpAnalyzeOptions = {}): Promise<FtpReport> {
  const index = await followStreams(source, { udp: false });
  return analyzeFtp({ tcpCount: index.tcpCount, stream: (i) => index.stream("tcp", i) }, options);
}

/**
 * Turns a push reader (`read(out)` calling `out` with windows it reuses) into
 * an async iterable of copies, one window at a time: the reader waits for the
 * consumer, so nothing piles up in memory.
 */
export function pull(read: (out: (b: Uint8Array) => Promise<void>) => Promise<void>): AsyncIterable<Uint8Array> {
  return {
    async *[Symbol.asyncIterator]() {
      let chunk: Uint8Array | null = null;
      let done = false;
      let failure: { error: unknown } | null = null;
      let wakeConsumer: (() => void) | null = null;
      let wakeProducer: (() => void) | null = null;
      const producer = read(async (b) => {
        if (b.length === 0) return;
        chunk = b.slice();
        wakeConsumer?.();
        wakeConsumer = null;
        await new Promise<void>((r) => (wakeProducer = r));
      }).then(
        () => {
          done = true;
          wakeConsumer?.();
        },
        (error: unknown) => {
          failure = { error };
          done = true;
          wakeConsumer?.();
        },
      );
      for (;;) {
        if (chunk === null && !done) await new Promise<void>((r) => (wakeConsumer = r));
        if (chunk !== null) {
          const c: Uint8Array = chunk;
          chunk = null;
          yield c;
          const w = wakeProducer as (() => void) | null;
          wakeProducer = null;
          w?.();
          continue;
        }
        if (failure) throw (failure as { error: unknown }).error;
        break;
      }
      await producer;
    },
  };
}

export class FtpService {
  /** `report`: the open capture's report, built once by its owner (CaptureSession.ftpReport). */
  constructor(readonly report: () => Promise<FtpReport>) {}

  private summaryOf: { analysis: FtpAnalysis; summary: FtpAnalysisSummary } | null = null;
  private transcripts = new Map<number, Transcript>();

  async analysis(): Promise<FtpAnalysis> {
    return (await this.report()).analysis;
  }

  /** The analysis without the sessions' exchanges: what the page keeps (transcripts come by pages). */
  async summary(): Promise<FtpAnalysisSummary> {
    const analysis = await this.analysis();
    if (this.summaryOf?.analysis !== analysis) {
      this.summaryOf = { analysis, summary: summarize(analysis) };
      this.transcripts.clear();
    }
    return this.summaryOf.summary;
  }

  /** A listing's entries as parsed (empty for a file that is not a listing, or no such file). */
  async listingEntries(fileId: number): Promise<FtpListingEntry[]> {
    return (await this.analysis()).files[fileId]?.entries ?? [];
  }

  /** Lines [start, start + count) of a session's transcript (empty past its end or for no such session). */
  async transcript(sessionId: number, start: number, count: number): Promise<FtpTranscriptLine[]> {
    const analysis = await this.analysis();
    const session = analysis.sessions[sessionId];
    if (!session) return [];
    let t = this.transcripts.get(sessionId);
    if (!t) {
      t = new Transcript(session);
      // A few sessions' indexes are enough: the page shows one transcript at a time.
      if (this.transcripts.size >= 8) this.transcripts.delete(this.transcripts.keys().next().value!);
      this.transcripts.set(sessionId, t);
    }
    return t.page(start, count);
  }

  /** What "Download all" puts in the archive, in order. */
  async plan(): Promise<ExportItem[]> {
    return exportPlan(await this.analysis());
  }

  /** The manifest entries alone (the Files view lists the extra parts too). */
  async manifest(): Promise<ManifestEntry[]> {
    return (await this.plan()).map((i) => i.entry);
  }

  /**
   * One object's bytes as a Blob. Windows are folded into the Blob every few
   * MiB (browsers keep Blob parts by reference and may page them to disk), so
   * a large file never sits whole in the JS heap.
   */
  async blob(source: ExportSource, type = "application/octet-stream"): Promise<Blob> {
    const report = await this.report();
    let blob = new Blob([], { type });
    let parts: Uint8Array<ArrayBuffer>[] = [];
    let pending = 0;
    await report.readExport(source, (b) => {
      parts.push(b.slice());
      pending += b.length;
      if (pending >= BLOB_BATCH) {
        blob = new Blob([blob, ...parts], { type });
        parts = [];
        pending = 0;
      }
    });
    return parts.length ? new Blob([blob, ...parts], { type }) : blob;
  }

  /** The first `max` bytes of a file (text previews). */
  async head(fileId: number, max: number): Promise<Uint8Array> {
    const report = await this.report();
    const out = new Uint8Array(Math.min(max, report.analysis.files[fileId]?.size ?? 0));
    let pos = 0;
    const stop = new Error("enough");
    try {
      await report.readFile(fileId, (b) => {
        const k = Math.min(b.length, out.length - pos);
        out.set(b.subarray(0, k), pos);
        pos += k;
        if (pos >= out.length) throw stop;
      });
    } catch (e) {
      if (e !== stop) throw e;
    }
    return out;
  }

  /** Every object of the plan and manifest.json, as a zip stream. */
  async archiveStream(): Promise<ReadableStream<Uint8Array>> {
    const report = await this.report();
    const plan = exportPlan(report.analysis);
    const manifest = JSON.stringify(
      plan.map((i) => i.entry),
      null,
      2,
    );
    const lastModified = new Date();
    const entries = [
      ...plan.map((item) => ({
        name: item.entry.path,
        lastModified,
        size: item.entry.size,
        input: pull((out) => report.readExport(item.source, out)),
      })),
      { name: "manifest.json", lastModified, input: new TextEncoder().encode(manifest + "\n") },
    ];
    return makeZip(entries);
  }

  /** The archive as a Blob (for a download link). */
  async archive(): Promise<Blob> {
    const stream = await this.archiveStream();
    return new Response(stream, { headers: { "content-type": "application/zip" } }).blob();
  }
}
