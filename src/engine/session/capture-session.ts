/**
 * One open capture: the indexing pass, then everything the packet list and
 * the details pane ask of it. This is the logic the worker wraps (the worker
 * only adds Comlink); it runs as well in Node, which is how it is tested.
 *
 * Memory stays per-packet columnar: the PacketIndex, one colour byte per
 * packet and, while a sort is active, a permutation. Info text is never kept
 * for all packets; it is recomputed by re-dissecting the rows asked for, with
 * a bounded cache for scrolling back and forth.
 */
import type { ByteSource } from "../io/byte-source";
import { newPacketRecord, type CaptureInfo, type NetmonComment, type PacketRecord } from "../capture/types";
import { Dissection } from "../dissect/dissection";
import { NULL_TREE, TreeBuilder, type ProtoTree } from "../dissect/tree";
import type { PacketInfo } from "../dissect/packet-info";
import { wsFields } from "../dissect/common";
import { PacketIndex } from "../index/packet-index";
import { dataSources, toDetailNodes } from "./details";
import { linkTypeName } from "./link-types";
import { readRows } from "./read-plan";
import { ColourClassifier, type CompiledColourRule } from "./colour-rules";
import { rowBatch } from "./row-batch";
import { sortedRows } from "./sort";
import { FollowService } from "../follow/session-follow";
import type { FollowFacts } from "../follow/follow-facts";
import type { StreamRows } from "../follow/stream-rows";
import type { FtpReport } from "../ftp/analyze";
import { ftpReportOf } from "../ftp/service";
import type { DigestPairFactory } from "../ftp/content";
import type { TransferSinks } from "../ftp/payloads";
import { recordedFtpReport } from "../ftp/session-ftp";
import { ftpFindings } from "../credentials/ftp";
import { gatherCredentials, numbered } from "../credentials/gather";
import type { CredentialRecord } from "../credentials/types";
import type { DiagramFacts } from "../diagram/diagram-facts";
import type { Statistics } from "../stats/statistics";
import { type CaptureDetails, statsSnapshot, type StatsSnapshot } from "../stats/snapshot";
import type { PassFacts } from "./pass-facts";
import { type LoadListener, type LoadOptions, runLoadPass } from "./load-pass";
import { compileFilter, type DisplayFilter } from "../filter";
import { hostTable } from "../dissect/hosts";
import { displayOrder, runFilter, type FilterMarks } from "./display-filter";
import type { FollowProtocol, FollowStream } from "../follow/types";
import type { CaptureSummary, LoadResult, PacketDetails, RowBatch, SortDirection, SortKey } from "./types";

export type { LoadListener } from "./load-pass";

export interface SessionOptions extends LoadOptions {
  /** Clock in milliseconds (tests pass a fake one). */
  now?: () => number;
  /** Info strings kept for scrolling back (default 50,000). */
  infoCacheSize?: number;
  /** The analyzer builds the FTP report in the background once a capture is indexed (default true). */
  prepareFtp?: boolean;
  /** How the FTP report hashes what it reads after the pass (default hash-wasm; the CLI passes Node's own). */
  digests?: DigestPairFactory;
  /** Where the FTP report sends each transfer's content as it reads it (the CLI's --export-objects: ftp/payloads.ts). */
  ftpTransferSinks?: TransferSinks;
}

/** Progress of a long operation other than loading (a sort that re-dissects every packet). */
export type WorkProgress = (done: number, total: number) => void;

export class CaptureSession {
  readonly index = new PacketIndex(1 << 14);
  /** The pass's dissection (its state: first timestamp, conversations, host names). */
  readonly dissection = new Dissection();
  private colours = new Uint8Array(1 << 14);
  private recolourSeq = 0;
  /** pcapng packet comments, sparse (frame.comment on re-dissection). */
  private readonly comments = new Map<number, string[]>();
  /** NetMon frame comments, sparse (the netmon_header layer on re-dissection). */
  private readonly netmonComments = new Map<number, NetmonComment>();
  private info: CaptureInfo | null = null;
  private loading: Promise<LoadResult> | null = null;
  private stopRequested = false;
  /** Display position → row, while a sort other than "No. ascending" is active. */
  private order: Uint32Array | null = null;
  private inverse: Uint32Array | null = null;
  /** The display filter, which rows it keeps (rows [0, filteredRows) are decided), and the rows it shows, in display order. */
  private filter: DisplayFilter | null = null;
  private keep = new Uint8Array(0);
  private filteredRows = 0;
  private filterSeq = 0;
  private display: Uint32Array | null = null;
  private displayInverse: Int32Array | null = null;
  private followService: FollowService | null = null;
  /** What the later views need of each packet, recorded by the indexing pass (null: not recorded). */
  passFacts: PassFacts | null = null;
  private ftp: Promise<FtpReport> | null = null;
  private creds: Promise<CredentialRecord[]> | null = null;
  /** The statistics the indexing pass counted (SessionOptions.statistics), and their snapshot once asked for after the load. */
  private stats: Statistics | null = null;
  private statsShot: StatsSnapshot | null = null;
  private loadFinished = false;
  /**
   * Why loading stopped early, as the reader or a dissector reported it
   * (`thrown`: before any packet could be read, or by an unexpected error),
   * for the CLI's messages; LoadResult.problem says it in plain words.
   */
  loadError: { error: unknown; thrown: boolean } | null = null;
  private readonly infoCache = new Map<number, string>();
  private readonly rec: PacketRecord = newPacketRecord();
  private readonly now: () => number;

  constructor(
    readonly source: ByteSource,
    private readonly options: SessionOptions = {},
  ) {
    this.now = options.now ?? (() => performance.now());
  }

  get packetCount(): number {
    return this.index.count;
  }

  /** Indexes the capture; calling it again returns the same promise. */
  load(listener: LoadListener = {}): Promise<LoadResult> {
    this.loading ??= this.runLoad(listener);
    return this.loading;
  }

  /** Stops loading at the next read window; the packets indexed so far stay. */
  cancel(): void {
    this.stopRequested = true;
  }

  /** The indexing pass (load-pass.ts), filling this session. */
  private runLoad(listener: LoadListener): Promise<LoadResult> {
    return runLoadPass(
      {
        source: this.source,
        index: this.index,
        dissection: this.dissection,
        now: this.now,
        stopRequested: () => this.stopRequested,
        passFacts: (facts) => {
          this.passFacts = facts;
        },
        statistics: (stats) => {
          this.stats = stats;
        },
        indexed: (row, colour, rec) => {
          this.setColour(row, colour);
          if (rec.comments) this.comments.set(row, [...rec.comments]);
          if (rec.netmon) this.netmonComments.set(row, rec.netmon);
        },
        captureInfo: (info) => {
          this.info = info;
        },
        summary: () => this.summary(),
        loadError: (error, thrown) => {
          this.loadError = { error, thrown };
        },
      },
      this.options,
      listener,
    ).finally(() => {
      this.loadFinished = true;
    });
  }

  summary(): CaptureSummary | null {
    const info = this.info;
    if (!info) return null;
    const linkTypes = [...new Set(info.interfaces.map((i) => linkTypeName(i.linkType)))];
    let decimals = 0;
    for (const i of info.interfaces) {
      const { base, exponent } = i.tsResolution;
      const d = base === 10 ? exponent : Math.ceil(exponent * Math.log10(2));
      decimals = Math.max(decimals, Math.min(9, d));
    }
    return {
      fileName: this.source.name,
      fileSize: info.fileSize,
      format: info.format,
      formatDescription: info.formatDescription,
      linkTypes,
      timeDecimals: info.interfaces.length ? decimals : 6,
    };
  }

  private setColour(row: number, colour: number): void {
    if (row >= this.colours.length) {
      const grown = new Uint8Array(this.colours.length * 2);
      grown.set(this.colours);
      this.colours = grown;
    }
    this.colours[row] = colour;
  }

  /**
   * Colours every row again with `rules` (the analyst changed the colouring
   * rules; the capture is not loaded again): each row is read back and
   * dissected again, as Wireshark re-dissects to recolourize, and then rows
   * store the number of the first of `rules` that matches. A capture still
   * loading is finished first (its pass colours with the rules it started
   * with). Resolves false when a newer recolour replaced this one.
   */
  async recolour(rules: readonly CompiledColourRule[], onProgress?: WorkProgress): Promise<boolean> {
    const seq = ++this.recolourSeq;
    await this.loading?.catch(() => undefined);
    if (seq !== this.recolourSeq) return false;
    const n = this.index.count;
    const colours = new Uint8Array(Math.max(this.colours.length, n));
    const classifier = new ColourClassifier([], rules);
    const step = 20_000;
    for (let first = 0; first < n; first += step) {
      const rows = Array.from({ length: Math.min(n, first + step) - first }, (_, k) => first + k);
      await this.collectFields(rows, classifier.collector, (row, pinfo, bytes) => (colours[row] = classifier.classify(pinfo, bytes)), {
        maxRead: 8 * 1024 * 1024,
      });
      if (seq !== this.recolourSeq) return false;
      onProgress?.(first + rows.length, n);
    }
    this.colours = colours;
    return true;
  }

  /** The row (frame number - 1) shown at display position `pos`. */
  rowAt(pos: number): number {
    if (this.display) return pos < this.display.length ? this.display[pos]! : this.index.count;
    const order = this.order;
    return order && pos < order.length ? order[pos]! : pos;
  }

  /** Display position of a frame number, or -1. */
  positionOf(number: number): number {
    const row = number - 1;
    if (row < 0 || row >= this.index.count) return -1;
    if (this.display) return this.displayPosition(row);
    if (!this.order) return row;
    if (row >= this.order.length) return row;
    if (!this.inverse) {
      this.inverse = new Uint32Array(this.order.length);
      for (let p = 0; p < this.order.length; p++) this.inverse[this.order[p]!] = p;
    }
    return this.inverse[row]!;
  }

  /**
   * Rows [first, first+count) in display order, clipped to what is indexed.
   * `knownAddresses`/`knownProtocols`: how many string-table entries the caller has.
   */
  async rows(first: number, count: number, knownAddresses = 0, knownProtocols = 0): Promise<RowBatch> {
    const total = this.display ? this.display.length : this.index.count;
    const start = Math.max(0, Math.min(first, total));
    const n = Math.max(0, Math.min(count, total - start));
    const rows: number[] = new Array<number>(n);
    for (let i = 0; i < n; i++) rows[i] = this.rowAt(start + i);
    const batch = rowBatch(this.index, this.colours, rows, start, knownAddresses, knownProtocols);
    batch.info = await this.infoOf(rows);
    return batch;
  }

  /** The Info column of these rows, re-dissecting the ones not cached. */
  private async infoOf(rows: readonly number[]): Promise<string[]> {
    const missing = rows.filter((r) => !this.infoCache.has(r));
    if (missing.length) {
      await this.redissectRows(missing, (row, info) => this.infoCache.set(row, info));
      this.trimInfoCache();
    }
    return rows.map((r) => this.infoCache.get(r) ?? "");
  }

  private trimInfoCache(): void {
    const max = this.options.infoCacheSize ?? 50_000;
    if (this.infoCache.size <= max) return;
    let excess = this.infoCache.size - max;
    for (const key of this.infoCache.keys()) {
      if (excess-- <= 0) break;
      this.infoCache.delete(key);
    }
  }

  private redissectRows(rows: readonly number[], done: (row: number, info: string) => void, opts?: { maxRead?: number }): Promise<void> {
    return readRows(
      this.source,
      rows,
      () => this.index.offset,
      () => this.index.capLen,
      (row, bytes) => {
        const pinfo = this.dissection.redissect(this.recordOf(row), bytes, NULL_TREE, this.previousTime(row));
        done(row, pinfo.info);
      },
      opts,
    );
  }

  private recordOf(row: number): PacketRecord {
    const ix = this.index;
    const r = this.rec;
    r.number = row + 1;
    r.dataOffset = ix.offset[row]!;
    r.capLen = ix.capLen[row]!;
    r.origLen = ix.origLen[row]!;
    r.tsSec = ix.tsSec[row]!;
    r.tsNsec = ix.tsNsec[row]!;
    r.interfaceId = ix.iface[row]!;
    r.hasInterfaceId = this.info?.format === "pcapng";
    r.linkType = this.info?.interfaces[r.interfaceId]?.linkType ?? 1;
    r.comments = this.comments.get(row) ?? null;
    r.netmon = this.netmonComments.get(row) ?? null;
    r.flags = 0;
    return r;
  }

  private previousTime(row: number): { sec: number; nsec: number } | null {
    return row > 0 ? { sec: this.index.tsSec[row - 1]!, nsec: this.index.tsNsec[row - 1]! } : null;
  }

  /**
   * Re-dissects `rows` in file order with `collector` as the tree (reset
   * before each row) and hands each row's collected fields and packet info to
   * `each`, valid during the call only (with the packet's bytes). For
   * features that need a few fields of some packets (diagrams read TCP
   * lengths and FTP lines this way) or of every one (recolour).
   */
  async collectFields(
    rows: readonly number[],
    collector: ProtoTree & { reset(): void },
    each: (row: number, pinfo: PacketInfo, bytes: Uint8Array) => void,
    opts?: { maxRead?: number },
  ): Promise<void> {
    await readRows(
      this.source,
      rows,
      () => this.index.offset,
      () => this.index.capLen,
      (row, bytes) => {
        collector.reset();
        each(row, this.dissection.redissect(this.recordOf(row), bytes, collector, this.previousTime(row)), bytes);
      },
      opts,
    );
  }

  /** The details tree and data sources of frame `number`, or null if there is no such frame. */
  async details(number: number): Promise<PacketDetails | null> {
    const row = number - 1;
    if (!Number.isInteger(row) || row < 0 || row >= this.index.count) return null;
    const bytes = await this.source.read(this.index.offset[row]!, this.index.capLen[row]!);
    const tree = new TreeBuilder(wsFields.expert);
    const pinfo = this.dissection.redissect(this.recordOf(row), bytes, tree, this.previousTime(row));
    return { number, tree: toDetailNodes(tree.roots), sources: dataSources(bytes, pinfo.sources) };
  }

  /**
   * Sorts the display order by a column (ties keep frame order) and returns
   * the permutation (display position → row). It covers the rows indexed now;
   * rows indexed later follow in frame order until the next sort.
   */
  async sort(key: SortKey, direction: SortDirection, onProgress?: WorkProgress): Promise<Uint32Array> {
    const n = this.index.count;
    const perm = sortedRows(this.index, n, key, direction, key === "info" ? await this.allInfo(n, onProgress) : null);
    return this.useOrder(perm, key === "number" && direction === "asc");
  }

  /**
   * Shows the rows in `perm`'s order (display position → row; `identity`:
   * frame order) and returns the display order, which under a display filter
   * lists the filtered rows only.
   */
  useOrder(perm: Uint32Array, identity = false): Uint32Array {
    this.order = identity ? null : perm.slice();
    this.inverse = null;
    if (this.filter) {
      this.applyFilter();
      return this.display!.slice();
    }
    return perm;
  }

  /** Which rows the display filter keeps (rows [0, decided) are decided), or null when every row is shown. */
  get shownRows(): { keep: Uint8Array; decided: number } | null {
    return this.filter ? { keep: this.keep, decided: this.filteredRows } : null;
  }

  /** Compiles filter text with the capture's own host names (its DNS answers) for `ip.addr == name`. */
  compileFilter(text: string): DisplayFilter {
    return compileFilter(text, { names: hostTable(this.dissection.state) });
  }

  /**
   * Applies a display filter (empty: none) to the rows indexed so far and
   * returns the display order of the rows shown (display position → row,
   * under the current sort), or null when every row is shown. Throws a
   * FilterError for bad filter text, FilterCancelled when a newer filter
   * replaced this one before it finished.
   */
  async applyDisplayFilter(text: string, onProgress?: WorkProgress): Promise<{ display: Uint32Array | null; marks: FilterMarks | null }> {
    const seq = ++this.filterSeq;
    const filter = text.trim() === "" ? null : this.compileFilter(text);
    if (!filter) {
      this.filter = null;
      this.display = null;
      this.displayInverse = null;
      return { display: null, marks: null };
    }
    const n = this.index.count;
    const keep = new Uint8Array(Math.max(n, 1));
    const marks = await runFilter(filter, this.filterContext(seq, onProgress), 0, n, keep);
    this.filter = filter;
    this.keep = keep;
    this.filteredRows = n;
    this.applyFilter();
    return { display: this.display!.slice(), marks };
  }

  /** Decides rows indexed since the filter was applied (a filter set while the capture was loading). */
  async refreshDisplayFilter(onProgress?: WorkProgress): Promise<Uint32Array | null> {
    const filter = this.filter;
    const n = this.index.count;
    if (!filter || this.filteredRows >= n) return this.display ? this.display.slice() : null;
    const seq = this.filterSeq;
    const keep = new Uint8Array(n);
    keep.set(this.keep.subarray(0, this.filteredRows));
    await runFilter(filter, this.filterContext(seq, onProgress), this.filteredRows, n, keep);
    this.keep = keep;
    this.filteredRows = n;
    this.applyFilter();
    return this.display!.slice();
  }

  /** The text of the filter in force ("" for none). */
  get displayFilterText(): string {
    return this.filter?.text ?? "";
  }

  private filterContext(seq: number, onProgress?: WorkProgress) {
    const state = this.dissection.state;
    return {
      source: this.source,
      index: this.index,
      dissection: this.dissection,
      format: this.info?.format ?? "pcap",
      first: Number.isNaN(state.firstSec) ? null : { sec: state.firstSec, nsec: state.firstNsec },
      comments: this.comments,
      recordOf: (row: number) => this.recordOf(row),
      previousTime: (row: number) => this.previousTime(row),
      stillWanted: () => seq === this.filterSeq,
      onProgress,
    };
  }

  /** Rows shown: all indexed rows, or those the display filter keeps. */
  get displayedCount(): number {
    return this.display ? this.display.length : this.index.count;
  }

  private applyFilter(): void {
    this.display = this.filter ? displayOrder(this.keep, this.filteredRows, this.order) : null;
    this.displayInverse = null;
  }

  private displayPosition(row: number): number {
    const d = this.display!;
    if (!this.displayInverse) {
      this.displayInverse = new Int32Array(this.index.count).fill(-1);
      for (let p = 0; p < d.length; p++) this.displayInverse[d[p]!] = p;
    }
    return row < this.displayInverse.length ? this.displayInverse[row]! : -1;
  }

  /**
   * Follow TCP/UDP Stream: stream `stream`'s chunks (src/engine/follow),
   * built from the packets the index lists for it and cached; null when
   * there is no such stream.
   */
  follow(protocol: FollowProtocol, stream: number): Promise<FollowStream | null> {
    return this.follows().follow(protocol, stream);
  }

  /** The follow service (stream counts, a stream's rows). */
  follows(): FollowService {
    this.followService ??= new FollowService(this, this.source);
    return this.followService;
  }

  /** What Follow Stream needs of each TCP/UDP packet, recorded by the indexing pass (null: not recorded). */
  /**
   * Conversations, Endpoints and the Protocol Hierarchy of every packet, as
   * the indexing pass counted them (null when it was not asked to: the
   * `statistics` option). So far while the capture is still loading.
   */
  statistics(): StatsSnapshot | null {
    if (!this.stats) return null;
    if (this.statsShot && this.loadFinished) return this.statsShot;
    const shot: StatsSnapshot = { ...statsSnapshot(this.stats), capture: this.captureDetails() };
    if (this.loadFinished) this.statsShot = shot;
    return shot;
  }

  /** The statistics the indexing pass counts, as tables (null: not counted); they grow while the capture loads. */
  get countedStatistics(): Statistics | null {
    return this.stats;
  }

  /** Capture File Properties' interfaces, comments and last packet time. */
  captureDetails(): CaptureDetails {
    const last = this.index.count - 1;
    return {
      interfaces: (this.info?.interfaces ?? []).map((i) => ({
        name: i.name ?? null,
        description: i.description ?? null,
        linkType: linkTypeName(i.linkType),
        snapLen: i.snapLen,
      })),
      sectionComments: [...(this.info?.sectionComments ?? [])],
      commentedPackets: this.comments.size,
      lastSec: last >= 0 ? this.index.tsSec[last]! : 0,
      lastNsec: last >= 0 ? this.index.tsNsec[last]! : 0,
    };
  }

  get followFacts(): FollowFacts | null {
    return this.passFacts?.follow ?? null;
  }

  /** The capture's format and interfaces, once the reader has them. */
  get captureInfo(): CaptureInfo | null {
    return this.info;
  }

  /** A packet's pcapng comments (row: frame number - 1), or null. */
  commentsOf(row: number): readonly string[] | null {
    return this.comments.get(row) ?? null;
  }

  /** The rows the display filter keeps (every indexed row without one), in frame order whatever the sort. */
  displayedRows(): Uint32Array {
    if (!this.display) return Uint32Array.from({ length: this.index.count }, (_, k) => k);
    return this.display.slice().sort();
  }

  /** Each stream's rows as the indexing pass recorded them (null: not recorded). */
  streamRows(protocol: FollowProtocol): StreamRows | null {
    const f = this.passFacts;
    return f ? (protocol === "tcp" ? f.tcpRows : f.udpRows) : null;
  }

  /** The diagrams' per-packet facts the indexing pass recorded (null: diagrams re-dissect). */
  get diagramFacts(): DiagramFacts | null {
    return this.passFacts?.diagram ?? null;
  }

  /**
   * The FTP forensics report of this capture (sessions, files, credentials,
   * what the diagrams draw), built once when first asked for, after the
   * capture is indexed: from what the pass recorded (ftp/session-ftp.ts),
   * reading only the data connections' bytes to hash them. A failure is not
   * kept: the next call tries again.
   */
  ftpReport(): Promise<FtpReport> {
    if (!this.ftp) {
      const p = this.load().then(() => {
        const facts = this.passFacts;
        const { digests, ftpTransferSinks: transferSinks } = this.options;
        const options = { ...(digests ? { digests } : {}), ...(transferSinks ? { transferSinks } : {}) };
        if (!facts) return ftpReportOf(this.source, options);
        return recordedFtpReport(facts, this.index, this.source, (stream) => this.follow("tcp", stream), options);
      });
      this.ftp = p;
      p.catch(() => {
        if (this.ftp === p) this.ftp = null;
      });
    }
    return this.ftp;
  }

  /**
   * Every cleartext credential of this capture (credentials/gather.ts), in
   * frame order, built once when first asked for after the capture is
   * indexed: from the payloads and fields the pass recorded, plus the FTP
   * report's (built only when the pass saw FTP). Without the pass's facts,
   * only FTP's. A failure is not kept: the next call tries again.
   */
  credentials(): Promise<CredentialRecord[]> {
    if (!this.creds) {
      const p = this.load().then(async () => {
        const facts = this.passFacts;
        if (!facts) return numbered(ftpFindings((await this.ftpReport()).analysis));
        const ftp = this.mayHoldFtp ? ftpFindings((await this.ftpReport()).analysis) : [];
        return gatherCredentials(facts, this.index, this.source, (stream) => this.follow("tcp", stream), ftp);
      });
      this.creds = p;
      p.catch(() => {
        if (this.creds === p) this.creds = null;
      });
    }
    return this.creds;
  }

  /**
   * Whether the indexing pass saw a connection that may be FTP control (port
   * 21, or a payload opening with a 220 greeting): only then is an FTP report
   * worth building before anyone asks for it.
   */
  get mayHoldFtp(): boolean {
    return (this.passFacts?.ftpControlBytes ?? 0) > 0;
  }

  /**
   * Starts building the FTP report in the background when the capture may
   * hold FTP, so that the FTP views find it built (or nearly) when opened.
   * The build interleaves with other requests: it waits on every read.
   *
   * Not when the control connections carried more than `maxControlBytes`
   * (default 16 MiB): on the bench's 139 MB small-packets capture (530,000
   * commands) the report still adds about 90 MB of heap to the commands and
   * replies the pass parsed, and seconds of CPU, which is for the analyst to
   * ask for.
   */
  prepareFtpReport(maxControlBytes = 16 << 20): boolean {
    const control = this.passFacts?.ftpControlBytes ?? 0;
    if (control === 0 || control > maxControlBytes) return false;
    this.ftpReport().catch(() => undefined);
    return true;
  }

  /** Info of rows 0..n-1, re-dissecting in file order (for the Info sort). */
  private async allInfo(n: number, onProgress?: WorkProgress): Promise<string[]> {
    const texts = new Array<string>(n).fill("");
    const step = 20_000;
    let last = -Infinity;
    for (let first = 0; first < n; first += step) {
      const rows: number[] = [];
      for (let r = first; r < Math.min(n, first + step); r++) {
        const cached = this.infoCache.get(r);
        if (cached !== undefined) texts[r] = cached;
        else rows.push(r);
      }
      await this.redissectRows(rows, (row, info) => (texts[row] = info), { maxRead: 8 * 1024 * 1024 });
      const t = this.now();
      if (onProgress && t - last >= (this.options.progressIntervalMs ?? 100)) {
        last = t;
        onProgress(Math.min(n, first + step), n);
      }
    }
    onProgress?.(n, n);
    return texts;
  }
}
