/**
 * The analyzer the UI talks to: a plain class over the engine's
 * CaptureSession, exposed in a Web Worker by `analyzer.worker.ts` and tested
 * directly in Node. It adds only what crossing a thread needs: typed arrays
 * are transferred (not copied) and callbacks are fire-and-forget, so a slow
 * or closed page never stalls indexing.
 */
import * as Comlink from "comlink";
import { BlobSource, type BlobLike } from "../engine/io/blob-source";
import { CaptureSession, type SessionOptions } from "../engine/session/capture-session";
import type { CaptureSummary, LoadProgress, LoadResult, PacketDetails, RowBatch, SortDirection, SortKey } from "../engine/session/types";

/** What the UI wants to hear while a capture loads (passed through Comlink.proxy). */
export interface LoadCallbacks {
  onSummary?(summary: CaptureSummary): unknown;
  onProgress?(progress: LoadProgress): unknown;
  onRows?(count: number): unknown;
}

export type SortProgress = (done: number, total: number) => unknown;

/** Calls a listener that may be a Comlink remote (returns a promise) without waiting on it. */
function quietly(call: () => unknown): void {
  try {
    const r = call();
    if (r instanceof Promise) r.catch(() => undefined);
  } catch {
    // A listener that throws must not stop the work it listens to.
  }
}

/** Frees the MessagePort behind a Comlink-proxied callback once it is no longer needed (no-op for plain functions). */
function release(callback: unknown): void {
  if (callback === null || (typeof callback !== "object" && typeof callback !== "function")) return;
  const free = (callback as { [Comlink.releaseProxy]?: () => void })[Comlink.releaseProxy];
  if (typeof free === "function") quietly(free);
}

function batchBuffers(b: RowBatch): ArrayBuffer[] {
  return [b.number, b.timeSec, b.timeNsec, b.deltaSec, b.deltaNsec, b.src, b.dst, b.protocol, b.length, b.colourIndex, b.flags].map(
    (a) => a.buffer as ArrayBuffer,
  );
}

export class AnalyzerApi {
  private session: CaptureSession | null = null;

  constructor(private readonly options: SessionOptions = {}) {}

  private current(): CaptureSession {
    if (!this.session) throw new Error("No capture is open");
    return this.session;
  }

  /**
   * Opens a capture and indexes it; resolves when indexing ends (complete,
   * cancelled or stopped by damage). Pass the File itself: only slices of it
   * are ever read. Other calls are served while this one runs.
   */
  async open(file: BlobLike, name: string, callbacks: LoadCallbacks = {}): Promise<LoadResult> {
    this.session?.cancel();
    const session = new CaptureSession(new BlobSource(file, name), this.options);
    this.session = session;
    try {
      return await session.load({
        onSummary: (s) => quietly(() => callbacks.onSummary?.(s)),
        onProgress: (p) => quietly(() => callbacks.onProgress?.(p)),
        onRows: (n) => quietly(() => callbacks.onRows?.(n)),
      });
    } finally {
      release(callbacks);
    }
  }

  /** Stops indexing; what was indexed stays usable. */
  cancel(): void {
    this.session?.cancel();
  }

  /** Forgets the capture. */
  close(): void {
    this.session?.cancel();
    this.session = null;
  }

  packetCount(): number {
    return this.session?.packetCount ?? 0;
  }

  /** Rows [first, first+count) in display order; the typed-array columns are transferred. */
  async rows(first: number, count: number, knownAddresses = 0, knownProtocols = 0): Promise<RowBatch> {
    const batch = await this.current().rows(first, count, knownAddresses, knownProtocols);
    return Comlink.transfer(batch, batchBuffers(batch));
  }

  /** Details tree and bytes of one frame (null if out of range); the bytes are transferred. */
  async details(number: number): Promise<PacketDetails | null> {
    const d = await this.current().details(number);
    if (!d) return null;
    return Comlink.transfer(
      d,
      d.sources.map((s) => s.bytes.buffer as ArrayBuffer),
    );
  }

  /** Sorts the display order; returns the permutation (display position → frame number - 1), transferred. */
  async sort(key: SortKey, direction: SortDirection, onProgress?: SortProgress): Promise<Uint32Array> {
    try {
      const perm = await this.current().sort(
        key,
        direction,
        onProgress ? (done, total) => quietly(() => onProgress(done, total)) : undefined,
      );
      return Comlink.transfer(perm, [perm.buffer as ArrayBuffer]);
    } finally {
      release(onProgress);
    }
  }

  /** Display position of a frame number under the current sort, or -1. */
  positionOf(number: number): number {
    return this.session?.positionOf(number) ?? -1;
  }

  /** Test hook: makes the worker fail the way a crash does (an uncaught error). */
  crashForTest(): void {
    setTimeout(() => {
      throw new Error("simulated analyzer crash");
    }, 0);
  }
}
