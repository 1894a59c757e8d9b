/**
 * The indexing pass of a CaptureSession: one read of the file, each packet
 * dissected once, and that one dissection serves the packet index, the
 * colouring rules, the facts the later views need (pass-facts.ts) and a tap
 * (the CLI printing from the same pass). Progress is reported at most once
 * per `progressIntervalMs`; the first screenful of rows is announced at once.
 */
import type { ByteSource } from "../io/byte-source";
import { readCapture } from "../capture/open";
import { CaptureError, type CaptureInfo, type PacketRecord } from "../capture/types";
import type { Dissection } from "../dissect/dissection";
import { FieldCollector, TeeTree, type ProtoTree } from "../dissect/tree";
import type { PacketIndex } from "../index/packet-index";
import { ColourClassifier, type CompiledColourRule } from "./colour-rules";
import { describeCaptureError, describeUnexpected } from "./errors";
import { PASS_FIELDS, PassFacts, type PassTap } from "./pass-facts";
import { hashHere, type StreamHasherFactory } from "../ftp/data-hashes";
import type { CaptureProblem, CaptureSummary, LoadProgress, LoadResult } from "./types";
import { ForkTree } from "../stats/fork-tree";
import { Statistics } from "../stats/statistics";
import { captureStatisticsRequests } from "../stats/snapshot";

export interface LoadListener {
  /** Once the file header is read. */
  onSummary?(summary: CaptureSummary): void;
  /** Bytes and packets so far, at most once per `progressIntervalMs`, and once at the end. */
  onProgress?(progress: LoadProgress): void;
  /** Rows 0..count-1 can be asked for; first call as soon as a screenful is indexed. */
  onRows?(count: number): void;
}

/** The options of a capture session that shape its indexing pass. */
export interface LoadOptions {
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
  /**
   * Lets other work in while a capture loads (a worker passes a macrotask
   * that lets its requests run), taken at most every `pauseIntervalMs`
   * (default 40). Without it the pass never pauses inside a window.
   */
  pause?: () => Promise<void>;
  pauseIntervalMs?: number;
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
  /**
   * With the facts, hash the FTP data connections during the pass
   * (ftp/data-hashes.ts: MD5 and SHA-256 of the bytes Follow Stream reads),
   * so that the FTP report reads none of them back (default true).
   */
  hashFtpData?: boolean;
  /** Where that hashing runs (default: on the pass's thread; the worker and the CLI pass a thread of its own). */
  dataHasher?: StreamHasherFactory;
  /**
   * With the facts, parse the FTP control connections on port 21 during the
   * pass (ftp/control-parses.ts), so that the FTP report does not rebuild
   * and parse them (default true; the CLI only when it will build the report).
   */
  parseFtpControl?: boolean;
  /** Evaluate the colouring rules (default true; the CLI has no colours). */
  colours?: boolean;
  /** The colouring rules (default: Wireshark's); a row stores the number of the first that matches. */
  colourRules?: readonly CompiledColourRule[];
  /**
   * Count Statistics ▸ Conversations, Endpoints and Protocol Hierarchy of
   * every packet in the pass (stats/snapshot.ts; default false: the CLI
   * counts only the -z statistics asked for). Costs a tap tree fed by each
   * dissection and a few typed-array rows per conversation and endpoint.
   */
  statistics?: boolean;
  /** Read at most this many packets (the CLI's -c when nothing else needs the rest). */
  limit?: number;
  /**
   * Someone else's work on each packet of the same pass (the CLI printing
   * while it records), made from the pass's dissection (whose state, such as
   * the first timestamp, the tap may read).
   */
  tap?: (dissection: Dissection) => PassTap;
}

/** The session a pass fills: what it appends to, and what it keeps that the pass tells it. */
export interface PassTarget {
  readonly source: ByteSource;
  readonly index: PacketIndex;
  readonly dissection: Dissection;
  /** Clock in milliseconds. */
  readonly now: () => number;
  /** Cancel was asked for: stop at the next packet or read window. */
  stopRequested(): boolean;
  /** What the pass records for the later views (null: nothing), told before the first packet. */
  passFacts(facts: PassFacts | null): void;
  /** The statistics the pass counts (with `statistics`), told before the first packet. */
  statistics?(stats: Statistics): void;
  /** Packet `rec` became row `row`, with this colouring rule (0: none). */
  indexed(row: number, colour: number, rec: PacketRecord): void;
  /** The file header, once read, and again as the reader's result says it. */
  captureInfo(info: CaptureInfo): void;
  summary(): CaptureSummary | null;
  /** Why loading stopped early (`thrown`: before any packet could be read, or by an unexpected error). */
  loadError(error: unknown, thrown: boolean): void;
}

const DEFAULT_CHUNK = 16 * 1024 * 1024;

/** Thrown from the packet callback to stop a reader at once (cancel). */
const STOP = new Error("loading cancelled");

/** Reads and indexes the whole capture (or up to `limit` packets, or until cancelled). */
export async function runLoadPass(target: PassTarget, options: LoadOptions, listener: LoadListener): Promise<LoadResult> {
  const { source, index, dissection, now } = target;
  const start = now();
  const interval = options.progressIntervalMs ?? 100;
  const firstRows = options.firstRows ?? 64;
  const totalBytes = source.size();
  // One dissection serves the colouring rules, the facts the views need later and a tap.
  const withFacts = options.followFacts !== false;
  const extra = withFacts ? PASS_FIELDS : [];
  const tap = options.tap?.(dissection) ?? null;
  const classifier = options.colours === false ? null : new ColourClassifier(extra, options.colourRules);
  const collector = tap?.collector ?? classifier?.collector ?? new FieldCollector(extra, { positions: true });
  if (classifier && classifier.collector !== collector) throw new Error("a tap's collector needs colours: false");
  const hasher = withFacts && options.hashFtpData !== false ? await (options.dataHasher ?? hashHere)() : null;
  const facts = withFacts ? new PassFacts(collector, index, hasher, options.parseFtpControl !== false) : null;
  target.passFacts(facts);
  const stats = options.statistics ? new Statistics(captureStatisticsRequests(), () => dissection.pinfo) : null;
  if (stats) target.statistics?.(stats);
  let statsFork: ForkTree | null = null;
  let lastEmit = -Infinity;
  let firstRowsMs = -1;
  let announcedRows = 0;
  let bytesRead = 0;

  const emit = (force: boolean): void => {
    const t = now();
    if (!force && t - lastEmit < interval) return;
    lastEmit = t;
    const packets = index.count;
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
      source,
      (rec, data) => {
        // The readers check shouldStop only when a record header crosses a
        // window edge; a stop asked for between two reads lands here too.
        if (target.stopRequested()) throw STOP;
        collector.reset();
        const other = tap?.tree(rec) ?? null;
        let tree: ProtoTree = other ? new TeeTree(other, collector) : collector;
        if (stats) {
          // stats.tree() readies the same tree for each packet: without a tap the fork is made once.
          const counted = stats.tree();
          tree = other ? new ForkTree(counted, tree) : (statsFork ??= new ForkTree(counted, collector));
        }
        const pinfo = dissection.dissect(rec, data, tree, tap?.columns ?? false);
        stats?.packet(data, pinfo);
        const colour = classifier ? classifier.classify(pinfo, data) : 0;
        const row = index.append(rec, pinfo);
        facts?.record(row, pinfo, data);
        target.indexed(row, colour, rec);
        tap?.packet(rec, data, pinfo);
        if (row + 1 === firstRows || (row & 1023) === 1023) {
          bytesRead = rec.dataOffset + rec.capLen;
          emit(row + 1 === firstRows);
        }
      },
      {
        shouldStop: () => target.stopRequested(),
        onProgress: (bytes) => {
          bytesRead = bytes;
          emit(false);
        },
        onInfo: (info) => {
          target.captureInfo(info);
          tap?.info?.(info);
          listener.onSummary?.(target.summary()!);
        },
        chunkSize: options.chunkSize ?? DEFAULT_CHUNK,
        pause: pauser(options, now),
        ...(options.limit !== undefined ? { limit: options.limit } : {}),
      },
    );
    target.captureInfo(result.info);
    cancelled = target.stopRequested() && !result.error && bytesRead < totalBytes;
    if (result.error) {
      problem = describeCaptureError(result.error, index.count);
      target.loadError(result.error, false);
    }
  } catch (e) {
    if (e === STOP) cancelled = true;
    else {
      problem = e instanceof CaptureError ? describeCaptureError(e, index.count) : describeUnexpected(e, index.count);
      target.loadError(e, true);
    }
  }
  await facts?.finish();
  index.trim();
  if (!cancelled && !problem) bytesRead = totalBytes;
  emit(true);
  const state = dissection.state;
  const hasFirst = !Number.isNaN(state.firstSec);
  return {
    summary: target.summary(),
    packets: index.count,
    cancelled,
    problem,
    firstRowsMs: firstRowsMs < 0 ? now() - start : firstRowsMs,
    elapsedMs: now() - start,
    firstSec: hasFirst ? state.firstSec : 0,
    firstNsec: hasFirst ? state.firstNsec : 0,
  };
}

/** The readers' `pause`: the session's pause once `pauseIntervalMs` passed since the last one. */
function pauser(options: LoadOptions, now: () => number): (() => Promise<void> | null) | undefined {
  const pause = options.pause;
  if (!pause) return undefined;
  const interval = options.pauseIntervalMs ?? 40;
  let last = now();
  return () => {
    const t = now();
    if (t - last < interval) return null;
    return pause().then(() => void (last = now()));
  };
}
