/**
 * The UI's handle on the analyzer worker. One client per open capture:
 * opening another file terminates this worker and starts a fresh one, which
 * is also how an indexing pass is abandoned at once.
 *
 * A worker that dies (an uncaught error, out of memory) would leave Comlink
 * calls pending forever; every call here races a "failed" promise that the
 * worker's error events reject, so the page always gets an answer.
 */
import * as Comlink from "comlink";
import type { AnalyzerApi, LoadCallbacks } from "./analyzer-api";
import type { LoadResult, PacketDetails, RowBatch, SortDirection, SortKey } from "../engine/session/types";
import type { DiagramOptions, DiagramRequest, DiagramSessionInfo, RenderedDiagram } from "../engine/diagram/service";
import type { ExportSource, ManifestEntry } from "../engine/ftp/export";
import type { FtpAnalysis } from "../engine/ftp/types";
import type { DisplayFilterResult, FollowMatch, FollowTarget } from "./follow-api";
import type { FieldCompletion, FilterCheckResult } from "./filter-api";
import type { FollowProtocol, FollowSelection, FollowStreamInfo } from "../engine/follow/types";
import type { FollowWindow } from "../engine/follow/window";
import type { PaneFormat } from "../engine/follow/render";

/** The call was abandoned because the client was closed (a newer file was opened). */
export class AnalyzerClosedError extends Error {
  constructor() {
    super("The analyzer was closed");
    this.name = "AnalyzerClosedError";
  }
}

/** The worker itself failed. */
export class AnalyzerCrashedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AnalyzerCrashedError";
  }
}

function defaultWorker(): Worker {
  return new Worker(new URL("./analyzer.worker.ts", import.meta.url), { type: "module", name: "pcapscope-analyzer" });
}

export class AnalyzerClient {
  private readonly worker: Worker;
  private readonly remote: Comlink.Remote<AnalyzerApi>;
  private readonly failed: Promise<never>;
  private rejectFailed: (e: Error) => void = () => undefined;
  private done = false;

  /** Called once if the worker crashes (not when it is closed on purpose). */
  onCrash: ((e: AnalyzerCrashedError) => void) | null = null;

  constructor(createWorker: () => Worker = defaultWorker) {
    this.failed = new Promise<never>((_, reject) => (this.rejectFailed = reject));
    this.failed.catch(() => undefined);
    this.worker = createWorker();
    this.worker.addEventListener("error", (ev) => {
      ev.preventDefault();
      this.fail(new AnalyzerCrashedError(`The analyzer stopped unexpectedly${ev.message ? ` (${ev.message})` : ""}`));
    });
    this.worker.addEventListener("messageerror", () =>
      this.fail(new AnalyzerCrashedError("The analyzer sent a message that could not be read")),
    );
    this.remote = Comlink.wrap<AnalyzerApi>(this.worker);
  }

  private fail(e: Error): void {
    if (this.done) return;
    this.done = true;
    this.rejectFailed(e);
    if (e instanceof AnalyzerCrashedError) this.onCrash?.(e);
    this.worker.terminate();
  }

  private call<T>(p: Promise<T>): Promise<T> {
    return Promise.race([p, this.failed]);
  }

  get closed(): boolean {
    return this.done;
  }

  /** Sends the File itself (a handle; its bytes stay where they are) and indexes it. */
  open(file: File, callbacks: LoadCallbacks): Promise<LoadResult> {
    return this.call(this.remote.open(file, file.name, Comlink.proxy(callbacks)));
  }

  cancel(): Promise<void> {
    return this.call(this.remote.cancel());
  }

  rows(first: number, count: number, knownAddresses: number, knownProtocols: number): Promise<RowBatch> {
    return this.call(this.remote.rows(first, count, knownAddresses, knownProtocols));
  }

  details(number: number): Promise<PacketDetails | null> {
    return this.call(this.remote.details(number));
  }

  sort(key: SortKey, direction: SortDirection, onProgress: (done: number, total: number) => void): Promise<Uint32Array> {
    return this.call(this.remote.sort(key, direction, Comlink.proxy(onProgress)));
  }

  diagramSessions(): Promise<DiagramSessionInfo[]> {
    return this.call(this.remote.diagramSessions());
  }

  diagram(request: DiagramRequest): Promise<RenderedDiagram | null> {
    return this.call(this.remote.diagram(request));
  }

  diagramMarkdown(session: number | null, options: DiagramOptions & { files?: boolean }): Promise<string> {
    return this.call(this.remote.diagramMarkdown(session, options));
  }

  ftpAnalysis(): Promise<FtpAnalysis> {
    return this.call(this.remote.ftpAnalysis());
  }

  ftpManifest(): Promise<ManifestEntry[]> {
    return this.call(this.remote.ftpManifest());
  }

  ftpObject(source: ExportSource, type?: string): Promise<Blob> {
    return this.call(this.remote.ftpObject(source, type));
  }

  ftpHead(fileId: number, max: number): Promise<Uint8Array> {
    return this.call(this.remote.ftpHead(fileId, max));
  }

  ftpArchive(): Promise<Blob> {
    return this.call(this.remote.ftpArchive());
  }

  followTarget(number: number): Promise<FollowTarget> {
    return this.call(this.remote.followTarget(number));
  }

  follow(protocol: FollowProtocol, stream: number): Promise<FollowStreamInfo | null> {
    return this.call(this.remote.follow(protocol, stream));
  }

  followWindow(protocol: FollowProtocol, stream: number, first: number, count: number, selection: FollowSelection): Promise<FollowWindow | null> {
    return this.call(this.remote.followWindow(protocol, stream, first, count, selection));
  }

  followFind(protocol: FollowProtocol, stream: number, text: string, from: { chunk: number; offset: number }, selection: FollowSelection): Promise<FollowMatch | null> {
    return this.call(this.remote.followFind(protocol, stream, text, from, selection));
  }

  followExport(protocol: FollowProtocol, stream: number, format: PaneFormat, selection: FollowSelection): Promise<Blob> {
    return this.call(this.remote.followExport(protocol, stream, format, selection));
  }

  applyDisplayFilter(text: string, onProgress?: (done: number, total: number) => void): Promise<DisplayFilterResult> {
    return this.call(this.remote.applyDisplayFilter(text, onProgress ? Comlink.proxy(onProgress) : undefined));
  }

  checkDisplayFilter(text: string): Promise<FilterCheckResult> {
    return this.call<FilterCheckResult>(this.remote.checkDisplayFilter(text));
  }

  filterCompletions(prefix: string, max?: number): Promise<FieldCompletion[]> {
    return this.call(this.remote.filterCompletions(prefix, max));
  }

  crashForTest(): Promise<void> {
    return this.call(this.remote.crashForTest());
  }

  /** Terminates the worker; pending calls reject with AnalyzerClosedError. */
  close(): void {
    this.fail(new AnalyzerClosedError());
  }
}
