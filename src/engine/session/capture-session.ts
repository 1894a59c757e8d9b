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
import { readCapture } from "../capture/open";
import { CaptureError, newPacketRecord, type CaptureInfo, type PacketRecord } from "../capture/types";
import { Dissection } from "../dissect/dissection";
import { FieldCollector, NULL_TREE, TeeTree, TreeBuilder, type ProtoTree } from "../dissect/tree";
import type { PacketInfo } from "../dissect/packet-info";
import { wsFields } from "../dissect/common";
import { PacketIndex } from "../index/packet-index";
import type { StringTable } from "../index/string-table";
import { ColourClassifier } from "./colour-rules";
import { dataSources, toDetailNodes } from "./details";
import { describeCaptureError, describeUnexpected } from "./errors";
import { linkTypeName } from "./link-types";
import { readRows } from "./read-plan";
import { sortedRows } from "./sort";
import { FollowService } from "../follow/session-follow";
import type { FollowFacts } from "../follow/follow-facts";
import type { StreamRows } from "../follow/stream-rows";
import { followStreams } from "../follow/follow-index";
import { analyzeFtp, type FtpReport } from "../ftp/analyze";
import { recordedFtpReport } from "../ftp/session-ftp";
import type { DiagramFacts } from "../diagram/diagram-facts";
import { PASS_FIELDS, PassFacts, type PassTap } from "./pass-facts";
import { compileFilter, type DisplayFilter } from "../filter";
import { hostTable } from "../dissect/hosts";
import { displayOrder, runFilter, type FilterMarks } from "./display-filter";
import type { FollowProtocol, FollowStream } from "../follow/types";
import type {
  CaptureProblem,
  CaptureSummary,
  LoadProgress,
  LoadResult,
  PacketDetails,
  RowBatch,
  SortDirection,
  SortKey,
  StringTableDelta,
} from "./types";

export interface LoadListener {
  /** Once the file header is read. */
  onSummary?(summary: CaptureSummary): void;
  /** Bytes and packets so far, at most once per `progressIntervalMs`, and once at the end. */
  onProgress?(progress: LoadProgress): void;
  /** Rows 0..count-1 can be asked for; first call as soon as a screenful is indexed. */
  onRows?(count: number): void;
}

export interface SessionOptions {
  /** Minimum milliseconds between progress reports (default 100: ten a second). */
  progressIntervalMs?: number;
  /** Rows indexed before the first onRows, which is not throttled (default 64). */
  firstRows?: number;
  /**
   * Capture reader window in bytes (default 16 MiB, the first one 1 MiB).
   * Few large reads cost least (a browser File read has a high fixed cost);
   * the next window is read while this one is parsed, and `pause` lets
   * other requests in within a window.
   */
  chunkSize?: number;
  /** Clock in milliseconds (tests pass a fake one). */
  now?: () => number;
  /**
   * Lets other work in while a capture loads (a worker passes a macrotask
   * that lets its requests run), taken at most every `pauseIntervalMs`
   * (default 40). Without it the pass never pauses inside a window.
   */
  pause?: () => Promise<void>;
  pauseIntervalMs?: number;
  /** Info strings kept for scrolling back (default 50,000). */
  infoCacheSize?: number;
  /**
   * Record what the later views need in the indexing pass (default true,
   * pass-facts.ts): Follow Stream's per-packet facts (~24 bytes per TCP
   * packet), each stream's rows, the FTP control connections' bytes and the
   * diagrams' FTP lines, for views that open without reading the file again.
   * Off, a stream is rebuilt by re-dissecting its packets when followed, a
   * diagram by re-dissecting the packets it draws, and the FTP report by a
   * pass of its own over the file.
   */
  followFacts?: boolean;
  /** Evaluate the colouring rules (default true; the CLI has no colours). */
  colours?: boolean;
  /** Read at most this many packets (the CLI's -c when nothing else needs the rest). */
  limit?: number;
  /**
   * Someone else's work on each packet of the same pass (the CLI printing
   * while it records), made from the pass's dissection (whose state, such as
   * the first timestamp, the tap may read).
   */
  tap?: (dissection: Dissection) => PassTap;
}


/** Progress of a long operation other than loading (a sort that re-dissects every packet). */
export type WorkProgress = (done: number, total: number) => void;

const DEFAULT_CHUNK = 16 * 1024 * 1024;

/** Thrown from the packet callback to stop a reader at once (cancel). */
const STOP = new Error("loading cancelled");

export class CaptureSession {
  readonly index = new PacketIndex(1 << 14);
  /** The pass's dissection (its state: first timestamp, conversations, host names). */
  readonly dissection = new Dissection();
  private colours = new Uint8Array(1 << 14);
  /** pcapng packet comments, sparse (frame.comment on re-dissection). */
  private readonly comments = new Map<number, string[]>();
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
  /** What Follow Stream needs of each TCP/UDP packet, recorded by the indexing pass. */
  followFacts: FollowFacts | null = null;
  private ftp: Promise<FtpReport> | null = null;
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

  private async runLoad(listener: LoadListener): Promise<LoadResult> {
    const start = this.now();
    const interval = this.options.progressIntervalMs ?? 100;
    const firstRows = this.options.firstRows ?? 64;
    const totalBytes = this.source.size();
    // One dissection serves the colouring rules, the facts the views need later and a tap.
    const withFacts = this.options.followFacts !== false;
    const extra = withFacts ? PASS_FIELDS : [];
    const tap = this.options.tap?.(this.dissection) ?? null;
    const classifier = this.options.colours === false ? null : new ColourClassifier(extra);
    const collector = tap?.collector ?? classifier?.collector ?? new FieldCollector(extra, { positions: true });
    if (classifier && classifier.collector !== collector) throw new Error("a tap's collector needs colours: false");
    const facts = withFacts ? new PassFacts(collector) : null;
    this.passFacts = facts;
    this.followFacts = facts?.follow ?? null;
    let lastEmit = -Infinity;
    let firstRowsMs = -1;
    let announcedRows = 0;
    let bytesRead = 0;

    const emit = (force: boolean): void => {
      const t = this.now();
      if (!force && t - lastEmit < interval) return;
      lastEmit = t;
      const packets = this.index.count;
      listener.onProgress?.({ bytesRead, totalBytes, packets });
      if (packets !== announcedRows) {
        if (firstRowsMs < 0) firstRowsMs = t - start;
        announcedRows = packets;
        listener.onRows?.(packets);
      }
    };

    let problem: CaptureProblem | null = null;
    let cancelled = false;
    try {
      const result = await readCapture(
        this.source,
        (rec, data) => {
          // The readers check shouldStop only when a record header crosses a
          // window edge; a stop asked for between two reads lands here too.
          if (this.stopRequested) throw STOP;
          collector.reset();
          const other = tap?.tree(rec) ?? null;
          const pinfo = this.dissection.dissect(rec, data, other ? new TeeTree(other, collector) : collector, tap?.columns ?? false);
          const colour = classifier ? classifier.classify(pinfo, data) : 0;
          const row = this.index.append(rec, pinfo);
          facts?.record(row, pinfo, data);
          this.setColour(row, colour);
          if (rec.comments) this.comments.set(row, [...rec.comments]);
          tap?.packet(rec, data, pinfo);
          if (row + 1 === firstRows || (row & 1023) === 1023) {
            bytesRead = rec.dataOffset + rec.capLen;
            emit(row + 1 === firstRows);
          }
        },
        {
          shouldStop: () => this.stopRequested,
          onProgress: (bytes) => {
            bytesRead = bytes;
            emit(false);
          },
          onInfo: (info) => {
            this.info = info;
            tap?.info?.(info);
            listener.onSummary?.(this.summary()!);
          },
          chunkSize: this.options.chunkSize ?? DEFAULT_CHUNK,
          pause: this.pauser(),
          ...(this.options.limit !== undefined ? { limit: this.options.limit } : {}),
        },
      );
      this.info = result.info;
      cancelled = this.stopRequested && !result.error && bytesRead < totalBytes;
      if (result.error) {
        problem = describeCaptureError(result.error, this.index.count);
        this.loadError = { error: result.error, thrown: false };
      }
    } catch (e) {
      if (e === STOP) cancelled = true;
      else {
        problem = e instanceof CaptureError ? describeCaptureError(e, this.index.count) : describeUnexpected(e, this.index.count);
        this.loadError = { error: e, thrown: true };
      }
    }
    if (!cancelled && !problem) bytesRead = totalBytes;
    emit(true);
    const state = this.dissection.state;
    const hasFirst = !Number.isNaN(state.firstSec);
    return {
      summary: this.summary(),
      packets: this.index.count,
      cancelled,
      problem,
      firstRowsMs: firstRowsMs < 0 ? this.now() - start : firstRowsMs,
      elapsedMs: this.now() - start,
      firstSec: hasFirst ? state.firstSec : 0,
      firstNsec: hasFirst ? state.firstNsec : 0,
    };
  }

  /** The readers' `pause`: the session's pause once `pauseIntervalMs` passed since the last one. */
  private pauser(): (() => Promise<void> | null) | undefined {
    const pause = this.options.pause;
    if (!pause) return undefined;
    const interval = this.options.pauseIntervalMs ?? 40;
    let last = this.now();
    return () => {
      const t = this.now();
      if (t - last < interval) return null;
      return pause().then(() => void (last = this.now()));
    };
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
    const batch: RowBatch = {
      first: start,
      count: n,
      number: new Uint32Array(n),
      timeSec: new Float64Array(n),
      timeNsec: new Uint32Array(n),
      deltaSec: new Float64Array(n),
      deltaNsec: new Int32Array(n),
      src: new Uint32Array(n),
      dst: new Uint32Array(n),
      protocol: new Uint32Array(n),
      length: new Uint32Array(n),
      colourIndex: new Uint8Array(n),
      flags: new Uint32Array(n),
      info: [],
      addresses: { from: 0, strings: [] },
      protocols: { from: 0, strings: [] },
    };
    const rows: number[] = new Array<number>(n);
    const ix = this.index;
    for (let i = 0; i < n; i++) {
      const row = this.rowAt(start + i);
      rows[i] = row;
      batch.number[i] = row + 1;
      batch.timeSec[i] = ix.tsSec[row]!;
      batch.timeNsec[i] = ix.tsNsec[row]!;
      if (row > 0) {
        let ds = ix.tsSec[row]! - ix.tsSec[row - 1]!;
        let dn = ix.tsNsec[row]! - ix.tsNsec[row - 1]!;
        if (ds > 0 && dn < 0) {
          ds -= 1;
          dn += 1e9;
        } else if (ds < 0 && dn > 0) {
          ds += 1;
          dn -= 1e9;
        }
        batch.deltaSec[i] = ds;
        batch.deltaNsec[i] = dn;
      }
      batch.src[i] = ix.src[row]!;
      batch.dst[i] = ix.dst[row]!;
      batch.protocol[i] = ix.protocol[row]!;
      batch.length[i] = ix.origLen[row]!;
      batch.colourIndex[i] = this.colours[row]!;
      batch.flags[i] = ix.flags[row]!;
    }
    batch.info = await this.infoOf(rows);
    batch.addresses = delta(ix.addresses, knownAddresses);
    batch.protocols = delta(ix.protocols, knownProtocols);
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
    r.flags = 0;
    return r;
  }

  private previousTime(row: number): { sec: number; nsec: number } | null {
    return row > 0 ? { sec: this.index.tsSec[row - 1]!, nsec: this.index.tsNsec[row - 1]! } : null;
  }

  /**
   * Re-dissects `rows` in file order with `collector` as the tree (reset
   * before each row) and hands each row's collected fields and packet info to
   * `each`, valid during the call only. For features that need a few fields
   * of some packets (diagrams read TCP lengths and FTP lines this way).
   */
  async collectFields(rows: readonly number[], collector: ProtoTree & { reset(): void }, each: (row: number, pinfo: PacketInfo) => void): Promise<void> {
    await readRows(
      this.source,
      rows,
      () => this.index.offset,
      () => this.index.capLen,
      (row, bytes) => {
        collector.reset();
        each(row, this.dissection.redissect(this.recordOf(row), bytes, collector, this.previousTime(row)));
      },
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
    this.order = key === "number" && direction === "asc" ? null : perm.slice();
    this.inverse = null;
    // Under a display filter the list shows the filtered rows in the new order.
    if (this.filter) {
      this.applyFilter();
      return this.display!.slice();
    }
    return perm;
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
        if (!facts) return followStreams(this.source, { udp: false }).then((ix) => analyzeFtp({ tcpCount: ix.tcpCount, stream: (i) => ix.stream("tcp", i) }));
        return recordedFtpReport(facts, this.index, this.source, (stream) => this.follow("tcp", stream));
      });
      this.ftp = p;
      p.catch(() => {
        if (this.ftp === p) this.ftp = null;
      });
    }
    return this.ftp;
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

function delta(table: StringTable, known: number): StringTableDelta {
  const from = Math.max(0, Math.min(known, table.size));
  return { from, strings: table.strings.slice(from) };
}
