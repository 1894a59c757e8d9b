/**
 * The CLI's packet printing: one pass over the capture (or two with -2),
 * each packet dissected into whatever the output and the display filter
 * need, printed as a summary line, a details tree or -T fields when the
 * filter (if any) selects it.
 *
 * As in tshark: -c counts packets read, not printed; with -Y,
 * frame.time_delta_displayed counts from the last packet printed; -2 first
 * dissects every packet (the -R read filter drops packets there, and the
 * rest are numbered anew), then dissects again with what the first pass
 * learned, so a request knows its response.
 */
import type { CliOptions } from "./args";
import type { FileSource } from "./file-source";
import type { FieldsPrinter } from "./fields-output";
import type { Io } from "./io";
import type { Output } from "./output";
import { summaryLine } from "./summary";
import { renderTree, hexDump } from "./render-tree";
import { readCapture } from "../engine/capture/open";
import { CaptureError, type CaptureInfo, type PacketRecord } from "../engine/capture/types";
import type { PacketInfo } from "../engine/dissect/packet-info";
import type { FieldDef } from "../engine/dissect/field";
import { Dissection } from "../engine/dissect/dissection";
import { FieldCollector, NULL_TREE, TeeTree, TreeBuilder, type ProtoTree } from "../engine/dissect/tree";
import { wsFields } from "../engine/dissect/common";
import { CollectorFields, currentLayerNumber, type DisplayFilter } from "../engine/filter";
import type { Statistics } from "../engine/stats/statistics";
import { ForkTree } from "../engine/stats/fork-tree";
import type { StatsRun } from "./statistics";

/** A compiled filter with the collector that feeds it during a pass. */
interface FilterRun {
  filter: DisplayFilter;
  collector: FieldCollector;
  fields: CollectorFields;
}

function filterRun(filter: DisplayFilter, collector: FieldCollector, dissection: Dissection): FilterRun {
  if (filter.layers) collector.trackLayers(() => currentLayerNumber(dissection.pinfo));
  return { filter, collector, fields: new CollectorFields(collector) };
}

/**
 * Prints packets as they are dissected: a summary line, a details tree or
 * -T fields, for the packets the display filter (if any) selects. One
 * instance per run; `dissection` is the pass's (its first timestamp and
 * current layer are read while printing).
 */
export class PacketPrinter {
  readonly wantColumns: boolean;
  private readonly displayRun: FilterRun | null;
  private lastShown: { sec: number; nsec: number } | null = null;
  private info: CaptureInfo | null = null;
  private timeDecimals = 6;
  private builder: TreeBuilder | null = null;
  /** `-z` statistics counted from the packets this printer sees (every packet read, as tshark's taps). */
  stats: Statistics | null = null;

  constructor(
    private readonly opts: CliOptions,
    private readonly fields: FieldsPrinter | null,
    private readonly display: DisplayFilter | null,
    private readonly dissection: Dissection,
    private readonly out: Output,
    /** Fields the display filter's own collector wants as well (a pass that dissects into it records them). */
    passFields: readonly FieldDef[] = [],
  ) {
    if (fields && opts.fieldOptions.header) out.line(fields.header(opts.fields));
    this.wantColumns = fields ? fields.wantColumns : true;
    // The display filter reads the fields printer's collector when there is one (it wants the filter's fields too).
    this.displayRun = display
      ? filterRun(display, fields ? fields.collector : new FieldCollector([...display.fields, ...passFields], { positions: true }), dissection)
      : null;
  }

  /** The collector packets are dissected into, when the output or the filter has one (null: summary lines or -V alone). */
  get collector(): FieldCollector | null {
    return this.fields?.collector ?? this.displayRun?.collector ?? null;
  }

  /** For a pass that dissects into `collector` (or its own) itself: readies the next packet, returns its details tree if any. */
  detailsTree(): TreeBuilder | null {
    this.tree();
    return this.builder;
  }

  /** Whether dissection must compute the Info and Protocol columns. */
  get columns(): boolean {
    return this.wantColumns || this.displayRun !== null;
  }

  readonly onInfo = (i: CaptureInfo): void => {
    this.info = i;
    // tshark's time column follows the file's precision (9 for nanosecond pcap and NetMon 2.x, 3 for NetMon 1.x).
    this.timeDecimals = i.format === "pcapng" ? 6 : Math.min(9, i.interfaces[0]?.tsResolution.exponent ?? 6);
  };

  /** The tree the next packet is dissected into (reset for it). */
  tree(): ProtoTree {
    let tree: ProtoTree = NULL_TREE;
    this.builder = null;
    if (this.fields) {
      this.fields.collector.reset();
      tree = this.fields.collector;
    } else if (this.opts.verbose) {
      this.builder = new TreeBuilder(wsFields.expert);
      tree = this.builder;
    }
    const run = this.displayRun;
    if (run && !this.fields) {
      run.collector.reset();
      tree = this.builder ? new TeeTree(this.builder, run.collector) : run.collector;
    }
    return this.stats ? new ForkTree(tree, this.stats.tree()) : tree;
  }

  /** Prints the packet just dissected into `tree()`, when the display filter selects it. */
  packet(rec: PacketRecord, data: Uint8Array, pinfo: PacketInfo): void {
    this.stats?.packet(data, pinfo);
    const run = this.displayRun;
    if (run) {
      const f = run.fields;
      f.setPacket(data, pinfo);
      const last = this.lastShown;
      f.deltaDisplayed = last ? BigInt(rec.tsSec - last.sec) * 1_000_000_000n + BigInt(rec.tsNsec - last.nsec) : 0n;
      if (!this.display!.matches(f)) return;
      this.lastShown = { sec: rec.tsSec, nsec: rec.tsNsec };
    }
    if (this.opts.quiet) return;
    if (this.fields) {
      this.fields.writeLine(rec, pinfo, this.out);
    } else {
      const decimals = this.info?.interfaces[rec.interfaceId]?.tsResolution.exponent === 9 ? 9 : this.timeDecimals;
      const state = this.dissection.state;
      this.out.line(summaryLine(rec, pinfo, state.firstSec, state.firstNsec, decimals));
      if (this.builder) this.out.line(renderTree(this.builder.roots));
      if (this.opts.hex) this.out.line(hexDump(data) + "\n");
    }
  }
}

export async function printCapture(
  source: FileSource,
  opts: CliOptions,
  fields: FieldsPrinter | null,
  display: DisplayFilter | null,
  read: DisplayFilter | null,
  out: Output,
  io: Io,
  stats: StatsRun | null = null,
): Promise<number> {
  const dissection = new Dissection();
  const printer = new PacketPrinter(opts, fields, display, dissection, out);
  const print = (rec: PacketRecord, data: Uint8Array, visited: boolean, prev: { sec: number; nsec: number } | null): void => {
    const tree = printer.tree();
    const pinfo = visited ? dissection.redissect(rec, data, tree, prev) : dissection.dissect(rec, data, tree, printer.columns);
    printer.packet(rec, data, pinfo);
  };
  const onInfo = printer.onInfo;
  const limit = opts.count !== undefined ? { limit: opts.count } : {};

  try {
    if (!opts.twoPass) {
      if (stats) printer.stats = stats.attach(dissection, opts);
      const result = await readCapture(source, (rec, data) => print(rec, data, false, null), { ...limit, onInfo });
      return withStats(reportDamage(result, out, io), stats, out);
    }
    // First pass: dissect everything, keeping what later packets teach earlier ones. -R drops
    // packets here, and as in tshark the packets kept are numbered anew (a dropped packet's number
    // goes to the next one).
    const readRun = read ? filterRun(read, new FieldCollector(read.fields, { positions: true }), dissection) : null;
    const numberOf: number[] = [];
    let keptCount = 0;
    const first = await readCapture(
      source,
      (rec, data) => {
        if (!readRun) {
          dissection.dissect(rec, data, NULL_TREE, false);
          return;
        }
        const renumbered = { ...rec, number: keptCount + 1 };
        readRun.collector.reset();
        const pinfo = dissection.dissect(renumbered, data, readRun.collector, false);
        readRun.fields.setPacket(data, pinfo);
        if (read!.matches(readRun.fields)) numberOf[rec.number] = ++keptCount;
      },
      { ...limit, onInfo },
    );
    let prev: { sec: number; nsec: number } | null = null;
    if (stats) printer.stats = stats.attach(dissection, opts);
    const second = await readCapture(
      source,
      (rec, data) => {
        if (readRun) {
          const n = numberOf[rec.number];
          if (n === undefined) return;
          rec = { ...rec, number: n };
        }
        const before = prev;
        prev = { sec: rec.tsSec, nsec: rec.tsNsec };
        print(rec, data, true, before);
      },
      limit,
    );
    return withStats(reportDamage(first.error ? first : second, out, io), stats, out);
  } catch (e) {
    out.flush();
    return reportReadFailure(source.name, e, io);
  }
}

/** Prints the -z statistics after the packets (tshark does even after a damaged capture's message). */
function withStats(code: number, stats: StatsRun | null, out: Output): number {
  if (stats) out.text(stats.all());
  return code;
}

/** A read that threw (an unreadable capture, or a fault of ours): says which, returns exit code 1. */
export function reportReadFailure(name: string, e: unknown, io: Io): number {
  if (e instanceof CaptureError) io.stderr(`pcapscope: ${name}: ${e.message}\n`);
  else io.stderr(`pcapscope: internal error while reading ${name}: ${e instanceof Error ? e.message : String(e)}\n`);
  return 1;
}

export function reportDamage(result: { error: Error | null; packets: number }, out: Output, io: Io): number {
  if (!result.error) return 0;
  out.flush();
  io.stderr(`pcapscope: ${result.error.message}; the ${result.packets} packet${result.packets === 1 ? "" : "s"} before it ${result.packets === 1 ? "was" : "were"} read.\n`);
  return 1;
}
