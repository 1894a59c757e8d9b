/**
 * The analyzer the UI talks to: a plain class over the engine's
 * CaptureSession, exposed in a Web Worker by `analyzer.worker.ts` and tested
 * directly in Node. It adds only what crossing a thread needs: typed arrays
 * are transferred (not copied) and callbacks are fire-and-forget, so a slow
 * or closed page never stalls indexing.
 */
import * as Comlink from "comlink";
import { ExpertApi, type FtpFindingRow } from "./expert-api";
import type { ExpertOverview, ExpertRow } from "../engine/expert/overview";
import { BlobSource, type BlobLike } from "../engine/io/blob-source";
import { openCaptureFile } from "./open-capture";
import type { ByteSource } from "../engine/io/byte-source";
import { CaptureSession, type SessionOptions } from "../engine/session/capture-session";
import type { CaptureSummary, LoadProgress, LoadResult, PacketDetails, RowBatch, SortDirection, SortKey } from "../engine/session/types";
import type { HttpConversation } from "../engine/diagram/conversation";
import type { Diagrams, DiagramOptions, DiagramRequest, DiagramSessionInfo, ExchangeInfo, RenderedDiagram } from "../engine/diagram/service";
import type { StatsSnapshot } from "../engine/stats/snapshot";
import type { StatsOverview, TablePage, TableQuery } from "../engine/stats/paging";
import { StatsApi, type LimitResult, type StatsScope } from "./stats-api";
import type { FlowGraphApi, FlowGraphRequest, FlowGraphResult } from "./flow-graph-api";
import { IoGraphApi, type IoGraphRequest, type IoGraphResult } from "./io-graph-api";
import { FtpService } from "../engine/ftp/service";
import { HttpObjectsService, type HttpObjectsPage } from "../engine/http/objects-service";
import { sessionHttpReport } from "../engine/http/service";
import type { ExportSource, ManifestEntry } from "../engine/ftp/export";
import type { FtpAnalysisSummary, FtpTranscriptLine } from "../engine/ftp/transcript";
import type { FtpListingEntry } from "../engine/ftp/types";
import { FollowApi, type DisplayFilterResult, type FollowKind, type FollowMatch, type FollowTarget } from "./follow-api";
import type { FollowSelection, FollowStreamInfo } from "../engine/follow/types";
import type { FollowWindow } from "../engine/follow/window";
import type { PaneFormat } from "../engine/follow/render";
import { checkFilterText, fieldCompletions, type FieldCompletion, type FilterCheckResult } from "./filter-api";
import { ColouringApi, type ColourRuleInput, type ColourRulesResult } from "./colouring-api";
import { ColumnsApi } from "./columns-api";
import { preloadVendorNames, setMacNameResolution } from "../engine/dissect/mac-names";
import { ExportApi, type DissectionRequest, type ExportedPackets } from "./export-api";
import type { PacketChoice } from "../engine/session/export-packets";
import type { OutputFormat } from "../engine/capture/write-capture";
import type { ColumnSpec, FieldColumn } from "../engine/session/column-types";
import { CredentialList, type CredentialPage, type CredentialQuery } from "../engine/credentials/page";

/** What the UI wants to hear while a capture loads (passed through Comlink.proxy). */
export interface LoadCallbacks {
  onSummary?(summary: CaptureSummary): unknown;
  onProgress?(progress: LoadProgress): unknown;
  /** Once, when the first screenful of rows can be asked for (later counts come with onProgress). */
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
  const columns: ArrayBufferView[] = [b.number, b.timeSec, b.timeNsec, b.deltaSec, b.deltaNsec, b.shownDeltaSec, b.shownDeltaNsec];
  columns.push(b.src, b.dst, b.protocol, b.length, b.colourIndex, b.flags, b.cumBytes, b.srcPort, b.dstPort, b.tcpStream);
  if (b.fields) columns.push(...b.fields.ids);
  return columns.map((a) => a.buffer as ArrayBuffer);
}

export class AnalyzerApi {
  private session: CaptureSession | null = null;
  private diagramsOf: { session: CaptureSession; diagrams: Promise<Diagrams> } | null = null;
  private ftpOf: { session: CaptureSession; ftp: FtpService } | null = null;
  /** The session whose FTP report is being built in the background (prepareFtpReport). */
  private ftpPreparedFor: CaptureSession | null = null;
  private httpOf: { session: CaptureSession; http: HttpObjectsService } | null = null;
  private credentialsOf: { session: CaptureSession; list: Promise<CredentialList> } | null = null;

  private source: ByteSource | null = null;
  /** Opens begun (and cancels): an open still inflating stops when another begins or a cancel comes. */
  private opens = 0;
  /** The open File, whose slices an exported capture is partly made of. */
  private file: BlobLike | null = null;

  /**
   * `openSource` reads the File: directly by default (Node, tests); the
   * worker passes one whose reads run on a reader thread.
   */
  constructor(
    private readonly options: SessionOptions = {},
    private readonly openSource: (file: BlobLike, name: string) => ByteSource = (file, name) => new BlobSource(file, name),
  ) {}

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
    const previous = this.session;
    previous?.cancel();
    this.source?.close?.();
    this.source = null;
    // A gzip capture is inflated first (open-capture.ts); a later open stops it.
    const seq = ++this.opens;
    const opened = await openCaptureFile(file, name, this.openSource, {
      onProgress: (p) => quietly(() => callbacks.onProgress?.(p)),
      shouldStop: () => seq !== this.opens,
    });
    if ("result" in opened) {
      // The previous capture's source is closed: its session must not serve again.
      if (this.session === previous) this.session = null;
      release(callbacks);
      return opened.result;
    }
    const { source } = opened;
    this.source = source;
    this.file = opened.file;
    const session = new CaptureSession(source, { statistics: true, ...this.options, colourRules: this.colouring.rules });
    this.session = session;
    const expert = new ExpertApi(session.dissection.pinfo);
    this.expertOf = { session, expert };
    // The FTP views share the session's report (the diagrams too: diagrams()), built from what its indexing pass recorded.
    this.ftpOf = { session, ftp: new FtpService(() => session.ftpReport()) };
    this.httpOf = { session, http: new HttpObjectsService(() => sessionHttpReport(session)) };
    // The first screenful is told by onRows at once, later counts only with onProgress: a call
    // back to the page is a Comlink round trip that cost the indexing worker about a millisecond.
    let rowsTold = false;
    try {
      const result = await session.load({
        onSummary: (s) => quietly(() => callbacks.onSummary?.(s)),
        onProgress: (p) => quietly(() => callbacks.onProgress?.(p)),
        onRows: (n) => {
          if (rowsTold) return;
          rowsTold = true;
          quietly(() => callbacks.onRows?.(n));
        },
      });
      // While the analyst reads the packet list, the FTP views' report is built (both wait on it).
      if (this.session === session && this.options.prepareFtp !== false && session.prepareFtpReport()) this.ftpPreparedFor = session;
      // The diagram code's chunk, fetched and compiled now that the pass is done rather than on the
      // Diagrams view's first click, which would wait for it.
      if (this.session === session) void import("../engine/diagram/service").catch(() => undefined);
      // Likewise what the first packet shown in detail needs (an address's vendor name).
      setTimeout(preloadVendorNames, 0);
      return result;
    } finally {
      expert.finish();
      release(callbacks);
    }
  }

  /** Stops indexing; what was indexed stays usable. */
  cancel(): void {
    // An open still reading its file's head or inflating it stops too.
    this.opens++;
    this.session?.cancel();
  }

  /**
   * MAC address names on or off (the app's "Resolve MAC names" preference,
   * tshark's -n): set before `open`, since the packet list's Source and
   * Destination are kept as the indexing pass wrote them (Wireshark too
   * dissects every packet again when the preference changes).
   */
  setMacNames(on: boolean): void {
    setMacNameResolution(on);
  }

  /** Forgets the capture. */
  close(): void {
    this.session?.cancel();
    this.session = null;
    this.source?.close?.();
    this.source = null;
    this.file = null;
  }

  /** Analyze ▸ Expert Information (expert-api.ts): the items of the indexing pass, by severity, a page at a time. */
  private expertOf: { session: CaptureSession; expert: ExpertApi } | null = null;
  private expert(): ExpertApi {
    const session = this.current();
    if (this.expertOf?.session !== session) throw new Error("No expert information for this capture");
    return this.expertOf.expert;
  }
  expertOverview(): ExpertOverview {
    return this.expert().overview();
  }
  expertEntries(level: number, first: number, count: number): ExpertRow[] {
    return this.expert().entries(level, first, count);
  }
  expertFrames(entry: number, first: number, count: number): { total: number; frames: Uint32Array } {
    return this.expert().frames(entry, first, count);
  }
  /**
   * A page of the capture's cleartext credentials, every protocol's, sorted
   * and filtered (the Credentials view asks for the rows near the screen).
   * `ftpTls`: there are none, and an FTP session switched to TLS first.
   */
  async credentialsPage(query: CredentialQuery): Promise<CredentialPage & { ftpTls: boolean }> {
    const session = this.current();
    let of = this.credentialsOf;
    if (of?.session !== session) {
      const list = session.credentials().then((records) => new CredentialList(records));
      of = this.credentialsOf = { session, list };
      // A failure is not kept: the next page asks again.
      list.catch(() => {
        if (this.credentialsOf?.list === list) this.credentialsOf = null;
      });
    }
    const page = (await of.list).page(query);
    const ftpTls = page.all === 0 && session.mayHoldFtp && (await session.ftpReport()).analysis.sessions.some((s) => s.encrypted);
    return { ...page, ftpTls };
  }

  /** The FTP report's findings (brute force, cleartext credentials, AUTH TLS, unusual data connections…), as the view lists them. */
  async expertFtpFindings(): Promise<FtpFindingRow[]> {
    return ExpertApi.ftpFindings((await this.current().ftpReport()).analysis);
  }

  packetCount(): number {
    return this.session?.packetCount ?? 0;
  }

  private readonly columnsApi = new ColumnsApi(() => this.current());

  /**
   * Rows [first, first+count) in display order, with the values of the field
   * columns asked for (custom columns); the typed-array columns are transferred.
   */
  async rows(first: number, count: number, knownAddresses = 0, knownProtocols = 0, fields: readonly FieldColumn[] = []): Promise<RowBatch> {
    const batch = await this.current().rows(first, count, knownAddresses, knownProtocols);
    await this.columnsApi.fill(batch, fields);
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

  /** Sorts the display order by any column type, a custom column's field computed for every displayed packet first; like `sort`. */
  async sortColumn(spec: ColumnSpec, direction: SortDirection, onProgress?: SortProgress): Promise<Uint32Array> {
    try {
      const progress = onProgress ? (done: number, total: number) => quietly(() => onProgress(done, total)) : undefined;
      const perm = await this.columnsApi.sort(spec, direction, progress);
      return Comlink.transfer(perm, [perm.buffer as ArrayBuffer]);
    } finally {
      release(onProgress);
    }
  }

  /** Display position of a frame number under the current sort, or -1. */
  positionOf(number: number): number {
    return this.session?.positionOf(number) ?? -1;
  }

  /**
   * The Diagrams view's service, loaded when first asked for. The diagram
   * code (and the flow graph's) is a chunk of its own, not in the worker's
   * first script, which every capture waits for before its first rows: that
   * script is smaller, and all ASCII (the diagrams' tagged templates keep
   * their "…" raw), so the browser holds its source as one byte a character.
   */
  private diagrams(): Promise<Diagrams> {
    const session = this.current();
    if (this.diagramsOf?.session !== session) {
      const ftpAnalysis = async () => (await session.ftpReport()).analysis;
      const diagrams = import("../engine/diagram/service").then(
        (m) => new m.Diagrams(session, ftpAnalysis),
        (e: unknown) => {
          if (this.diagramsOf?.diagrams === diagrams) this.diagramsOf = null; // asked again, loaded again
          throw e;
        },
      );
      this.diagramsOf = { session, diagrams };
    }
    return this.diagramsOf.diagrams;
  }

  /**
   * Whether the open capture's FTP report is being built in the background:
   * the page may then ready what the FTP views show first (the Diagrams
   * view's first drawing) without making the worker build a report it would
   * not build unasked (one of a control-heavy capture: prepareFtpReport).
   */
  ftpPrepared(): boolean {
    return this.session !== null && this.ftpPreparedFor === this.session;
  }

  /** FTP sessions, for the Diagrams view (their exchanges: diagramExchanges). */
  async diagramSessions(): Promise<DiagramSessionInfo[]> {
    return (await this.diagrams()).sessions();
  }

  /** An FTP session's exchanges, as the Diagrams view lists them (null: no such session). */
  async diagramExchanges(session: number): Promise<ExchangeInfo[] | null> {
    return (await this.diagrams()).exchanges(session);
  }

  /** The TCP streams that carry HTTP, for the Diagrams view's HTTP chooser. */
  async diagramHttpConversations(): Promise<HttpConversation[]> {
    return (await this.diagrams()).httpConversations();
  }

  /** One diagram (an FTP exchange, a whole session, a TCP or UDP stream's flow graph, a stream's HTTP exchanges) in parts ready for Mermaid. */
  async diagram(request: DiagramRequest): Promise<RenderedDiagram | null> {
    return (await this.diagrams()).diagram(request);
  }

  /** Markdown write-up of an FTP session (null: all sessions): headings, diagrams, and with `files` its files. */
  async diagramMarkdown(session: number | null, options: DiagramOptions & { files?: boolean } = {}): Promise<string> {
    return (await this.diagrams()).markdown(session, options);
  }

  /**
   * Statistics ▸ Conversations, Endpoints and Protocol Hierarchy of every
   * packet, counted while the capture was indexed (so far, while it loads).
   */
  statistics(): StatsSnapshot {
    const s = this.current().statistics();
    if (!s) throw new Error("Statistics were not counted for this capture (opened with statistics: false)");
    return s;
  }

  private readonly statsApi = new StatsApi(() => this.current());

  /** Statistics by pages: the hierarchy and each table's size, over every packet or the displayed ones (after statisticsLimit). */
  statisticsOverview(scope: StatsScope = "all"): StatsOverview {
    return this.statsApi.overview(scope);
  }

  /** Rows [first, first + count) of a Conversations or Endpoints table, sorted by any column. */
  statisticsPage(scope: StatsScope, query: TableQuery, first: number, count: number): TablePage {
    return this.statsApi.page(scope, query, first, count);
  }

  /** A whole table, sorted as asked, as one CSV or JSON string ("Copy as CSV/JSON"). */
  statisticsCopy(scope: StatsScope, query: TableQuery, format: "csv" | "json"): string {
    return this.statsApi.copy(scope, query, format);
  }

  /** "Limit to display filter": counts the displayed packets' statistics (cancelled by a newer call or another filter). */
  async statisticsLimit(onProgress?: SortProgress): Promise<LimitResult> {
    try {
      return await this.statsApi.limit(onProgress ? (d, t) => quietly(() => onProgress(d, t)) : undefined);
    } finally {
      release(onProgress);
    }
  }

  /** Stops a statisticsLimit pass still running. */
  statisticsCancelLimit(): void {
    this.statsApi.cancelLimit();
  }

  /** Loaded when first asked for, with the diagram code (see diagrams()). */
  private flowGraphApi: Promise<FlowGraphApi> | null = null;

  /** Statistics ▸ Flow Graph of the displayed packets (all, or TCP only), in parts ready for Mermaid; null when none. */
  async flowGraph(request: FlowGraphRequest): Promise<FlowGraphResult | null> {
    this.flowGraphApi ??= import("./flow-graph-api").then(
      (m) => new m.FlowGraphApi(() => this.current()),
      (e: unknown) => {
        this.flowGraphApi = null; // asked again, loaded again
        throw e;
      },
    );
    return (await this.flowGraphApi).graph(request);
  }

  private readonly ioGraphApi = new IoGraphApi(() => this.current());

  /** Statistics ▸ I/O Graph: each graph's value per interval, as Float64Arrays transferred to the page. */
  async ioGraph(request: IoGraphRequest, onProgress?: SortProgress): Promise<IoGraphResult> {
    try {
      const r = await this.ioGraphApi.series(request, onProgress ? (d, t) => quietly(() => onProgress(d, t)) : undefined);
      const buffers = r.series.flatMap((s) => (s.values ? [s.values.buffer, s.firstFrame.buffer] : []));
      return Comlink.transfer(r, buffers as ArrayBuffer[]);
    } finally {
      release(onProgress);
    }
  }

  private ftp(): FtpService {
    const session = this.current();
    if (this.ftpOf?.session !== session) throw new Error("No capture is open");
    return this.ftpOf.ftp;
  }

  /**
   * FTP forensics (Sessions, Files, Credentials views): computed on first
   * call, after indexing. Sessions come without their exchanges, which can
   * be hundreds of thousands: `ftpTranscript` serves their lines by pages.
   */
  ftpSummary(): Promise<FtpAnalysisSummary> {
    return this.ftp().summary();
  }

  /** The entries of an FTP listing (the Files view's preview of one). */
  ftpListingEntries(fileId: number): Promise<FtpListingEntry[]> {
    return this.ftp().listingEntries(fileId);
  }

  /** Lines [start, start + count) of an FTP session's transcript (at most MAX_TRANSCRIPT_PAGE). */
  ftpTranscript(sessionId: number, start: number, count: number): Promise<FtpTranscriptLine[]> {
    return this.ftp().transcript(sessionId, start, count);
  }

  /** What "Download all" writes (files, listings, extra parts), as manifest entries. */
  ftpManifest(): Promise<ManifestEntry[]> {
    return this.ftp().manifest();
  }

  /** One exported object's bytes (a Blob: passed by reference, not copied). */
  ftpObject(source: ExportSource, type?: string): Promise<Blob> {
    return this.ftp().blob(source, type);
  }

  /** The first bytes of a file, for previews. */
  ftpHead(fileId: number, max: number): Promise<Uint8Array> {
    return this.ftp().head(fileId, max);
  }

  /** Every object and manifest.json in a zip. */
  ftpArchive(): Promise<Blob> {
    return this.ftp().archive();
  }

  private http(): HttpObjectsService {
    const session = this.current();
    if (this.httpOf?.session !== session) throw new Error("No capture is open");
    return this.httpOf.http;
  }

  /** Files view, HTTP objects: rows [start, start + count) in packet order with names and hashes (built on first call). */
  httpObjects(start: number, count: number): Promise<HttpObjectsPage> {
    return this.http().page(start, count);
  }

  /** One HTTP object's bytes as exported (null when incomplete). */
  httpObject(id: number): Promise<Blob | null> {
    return this.http().blob(id);
  }

  /** Every HTTP object in a zip under tshark's export names. */
  httpArchive(): Promise<Blob> {
    return this.http().archive();
  }

  private readonly followApi = new FollowApi(() => this.current());

  /** Follow Stream: the streams frame `number` is in. */
  followTarget(number: number): FollowTarget {
    return this.followApi.target(number);
  }

  /** Follow Stream (TCP, UDP, or HTTP in TCP stream N): a stream's nodes, byte counts and chunk count (null: no such stream). */
  follow(kind: FollowKind, stream: number): Promise<FollowStreamInfo | null> {
    return this.followApi.info(kind, stream);
  }

  /** Follow Stream: records and bytes of chunks [first, first+count) (bytes transferred). */
  followWindow(kind: FollowKind, stream: number, first: number, count: number, selection: FollowSelection): Promise<FollowWindow | null> {
    return this.followApi.window(kind, stream, first, count, selection);
  }

  /** Follow Stream: the next match of `text` from a chunk and offset. */
  followFind(kind: FollowKind, stream: number, text: string, from: { chunk: number; offset: number }, selection: FollowSelection): Promise<FollowMatch | null> {
    return this.followApi.find(kind, stream, text, from, selection);
  }

  /** Follow Stream "Save as…": the stream in a format (Raw: the bytes themselves). */
  followExport(kind: FollowKind, stream: number, format: PaneFormat, selection: FollowSelection): Promise<Blob> {
    return this.followApi.export(kind, stream, format, selection);
  }

  /**
   * Applies a display filter (Wireshark's language; "" for none): the rows
   * shown in display order (transferred), or the error in the text. A newer
   * call cancels an older one still running (it resolves with `cancelled`).
   */
  async applyDisplayFilter(text: string, onProgress?: SortProgress): Promise<DisplayFilterResult> {
    try {
      return await this.followApi.applyDisplayFilter(text, onProgress ? (d, t) => quietly(() => onProgress(d, t)) : undefined);
    } finally {
      release(onProgress);
    }
  }

  private readonly exportApi = new ExportApi(
    () => this.current(),
    () => this.file,
    (batch, fields) => this.columnsApi.fill(batch, fields),
  );

  /** Export Specified Packets: the chosen packets, in frame order, as a pcap or pcapng file (a Blob, partly slices of the File). */
  exportPackets(choice: PacketChoice, format: OutputFormat): Promise<ExportedPackets> {
    return this.exportApi.packets(choice, format);
  }

  /** Export Packet Dissections: the displayed packets' list lines, as shown, in CSV or plain text. */
  exportDissections(request: DissectionRequest): Promise<Blob> {
    return this.exportApi.dissections(request);
  }

  /** Checks filter text as it is typed: valid (with warnings) or the error and where it is. */
  checkDisplayFilter(text: string): FilterCheckResult {
    return checkFilterText(text, this.session ? (t) => this.session!.compileFilter(t) : undefined);
  }

  private readonly colouring = new ColouringApi(() => this.session);

  /**
   * Replaces the colouring rules (in priority order; temporary conversation
   * colours first) and recolours the open capture's rows, whose colourIndex
   * then refers to this list. Rules with a bad filter are reported, not applied.
   */
  async setColourRules(rules: readonly ColourRuleInput[], onProgress?: SortProgress): Promise<ColourRulesResult> {
    try {
      return await this.colouring.set(rules, onProgress ? (d, t) => quietly(() => onProgress(d, t)) : undefined);
    } finally {
      release(onProgress);
    }
  }

  /** Checks a colouring rule's filter as it is typed (fields pcapscope does not dissect are allowed, as absent). */
  checkColourFilter(text: string): FilterCheckResult {
    return this.colouring.check(text);
  }

  /** Field and protocol names starting with `prefix`, with their descriptions, for the filter bar's completion. */
  filterCompletions(prefix: string, max = 50): FieldCompletion[] {
    return fieldCompletions(prefix, max);
  }

  /** Test hook: makes the worker fail the way a crash does (an uncaught error). */
  crashForTest(): void {
    setTimeout(() => {
      throw new Error("simulated analyzer crash");
    }, 0);
  }
}
