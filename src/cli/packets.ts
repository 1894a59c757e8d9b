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
import type { Io } from "./main";
import type { Output } from "./output";
import { summaryLine } from "./summary";
import { renderTree, hexDump } from "./render-tree";
import { readCapture } from "../engine/capture/open";
import { CaptureError, type CaptureInfo, type PacketRecord } from "../engine/capture/types";
import { Dissection } from "../engine/dissect/dissection";
import { FieldCollector, NULL_TREE, TeeTree, TreeBuilder, type ProtoTree } from "../engine/dissect/tree";
import { wsFields } from "../engine/dissect/common";
import { CollectorFields, currentLayerNumber, type DisplayFilter } from "../engine/filter";

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

export async function printCapture(
  source: FileSource,
  opts: CliOptions,
  fields: FieldsPrinter | null,
  display: DisplayFilter | null,
  read: DisplayFilter | null,
  out: Output,
  io: Io,
): Promise<number> {
  const dissection = new Dissection();
  if (fields && opts.fieldOptions.header) out.line(fields.header(opts.fields));
  const wantColumns = fields ? fields.wantColumns : true;
  let info: CaptureInfo | null = null;
  let timeDecimals = 6;

  // The display filter reads the fields printer's collector when there is one (it wants the filter's fields too).
  const displayRun = display ? filterRun(display, fields ? fields.collector : new FieldCollector(display.fields, { positions: true }), dissection) : null;
  let lastShown: { sec: number; nsec: number } | null = null;

  const print = (rec: PacketRecord, data: Uint8Array, visited: boolean, prev: { sec: number; nsec: number } | null): void => {
    let tree: ProtoTree = NULL_TREE;
    let builder: TreeBuilder | null = null;
    if (fields) {
      fields.collector.reset();
      tree = fields.collector;
    } else if (opts.verbose) {
      builder = new TreeBuilder(wsFields.expert);
      tree = builder;
    }
    if (displayRun && !fields) {
      displayRun.collector.reset();
      tree = builder ? new TeeTree(builder, displayRun.collector) : displayRun.collector;
    }
    const pinfo = visited ? dissection.redissect(rec, data, tree, prev) : dissection.dissect(rec, data, tree, wantColumns || displayRun !== null);
    if (displayRun) {
      const f = displayRun.fields;
      f.setPacket(data, pinfo);
      f.deltaDisplayed = lastShown ? BigInt(rec.tsSec - lastShown.sec) * 1_000_000_000n + BigInt(rec.tsNsec - lastShown.nsec) : 0n;
      if (!display!.matches(f)) return;
      lastShown = { sec: rec.tsSec, nsec: rec.tsNsec };
    }
    if (opts.quiet) return;
    if (fields) {
      fields.writeLine(rec, pinfo, out);
    } else {
      const decimals = info?.interfaces[rec.interfaceId]?.tsResolution.exponent === 9 ? 9 : timeDecimals;
      out.line(summaryLine(rec, pinfo, dissection.state.firstSec, dissection.state.firstNsec, decimals));
      if (builder) out.line(renderTree(builder.roots));
      if (opts.hex) out.line(hexDump(data) + "\n");
    }
  };

  const onInfo = (i: CaptureInfo): void => {
    info = i;
    timeDecimals = i.format === "pcap" && i.nanosecond ? 9 : 6;
  };
  const limit = opts.count !== undefined ? { limit: opts.count } : {};

  try {
    if (!opts.twoPass) {
      const result = await readCapture(source, (rec, data) => print(rec, data, false, null), { ...limit, onInfo });
      return reportDamage(result, out, io);
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
    return reportDamage(first.error ? first : second, out, io);
  } catch (e) {
    out.flush();
    if (e instanceof CaptureError) {
      io.stderr(`pcapscope: ${source.name}: ${e.message}\n`);
      return 1;
    }
    io.stderr(`pcapscope: internal error while reading ${source.name}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

function reportDamage(result: { error: Error | null; packets: number }, out: Output, io: Io): number {
  if (!result.error) return 0;
  out.flush();
  io.stderr(`pcapscope: ${result.error.message}; the ${result.packets} packet${result.packets === 1 ? "" : "s"} before it ${result.packets === 1 ? "was" : "were"} read.\n`);
  return 1;
}
