/**
 * `-z conv,TYPE[,FILTER]`, `-z endpoints,TYPE[,FILTER]` and
 * `-z io,phs[,FILTER]` (`-z io,stat` in io-stat.ts): parsing the spec and printing the engine's tables
 * (src/engine/stats) in tshark 4.0.17's text layout, byte for byte (with
 * name resolution off, as pcapscope never resolves: tshark without -n
 * names MAC vendors, "Broadcast" and so on).
 */
import { fieldById } from "../engine/dissect/field";
import { compileFilter, describeFilterError, FilterError, type DisplayFilter } from "../engine/filter";
import { Tap, type TapKind } from "../engine/stats/tap-tree";
import { byFramesDescending } from "../engine/stats/growable";
import { formatBytes } from "../engine/stats/format-size";
import { hierarchyName } from "../engine/stats/protocol-hierarchy";
import { IoStat } from "../engine/stats/io-stat";
import type { Statistics, StatRequest, StatResult } from "../engine/stats/statistics";
import { Dissection } from "../engine/dissect/dissection";
import { readCapture } from "../engine/capture/open";
import type { ByteSource } from "../engine/io/byte-source";
import { UsageError, type CliOptions } from "./args";
import { ioStatText, parseIoStatSpec, primedColumns, type IoStatSpec } from "./io-stat";
import { parseExpertTap, type ExpertTapSpec } from "../engine/expert/tap-text";
import { attachExpertTaps, StatisticsWithExpert, type ExpertTap } from "./expert";

const TAPS: Record<string, { tap: TapKind; title: string }> = {
  eth: { tap: Tap.ETH, title: "Ethernet" },
  ip: { tap: Tap.IP, title: "IPv4" },
  ipv6: { tap: Tap.IPV6, title: "IPv6" },
  tcp: { tap: Tap.TCP, title: "TCP" },
  udp: { tap: Tap.UDP, title: "UDP" },
};

export interface StatSpec {
  /** Null for an io,stat (counted by an IoStat of its own). */
  request: StatRequest | null;
  /** The filter as written (printed in the table's header). */
  filterText: string | null;
  /** An io,stat's columns and interval. */
  io?: IoStatSpec;
  /** A -z expert (its items are kept by an ExpertTap, see expert.ts). */
  expert?: ExpertTapSpec;
}

function filterOf(text: string | null, what: string): DisplayFilter | null {
  if (text === null) return null;
  try {
    return compileFilter(text);
  } catch (e) {
    if (e instanceof FilterError) throw new UsageError(`Couldn't register ${what} tap: ${describeFilterError(text, e, "pcapscope")}`);
    throw e;
  }
}

/** Parses one -z statistic other than follow; null when it is none we know. */
export function parseStatSpec(z: string): StatSpec | null {
  const m = /^(conv|endpoints),([a-z0-9]+)(?:,(.*))?$/s.exec(z);
  if (m) {
    const tap = TAPS[m[2]!];
    if (!tap) throw new UsageError(`-z ${z}: ${m[1]} of eth, ip, ipv6, tcp or udp only`);
    const filterText = m[3] ?? null;
    const type = m[1] as "conv" | "endpoints";
    return {
      request: {
        type,
        tap: tap.tap,
        filter: filterOf(filterText, type === "conv" ? "conversations" : "endpoints"),
      },
      filterText,
    };
  }
  const expert = parseExpertTap(z);
  if (expert) return { request: null, filterText: expert.filterText, expert };
  const io = parseIoStatSpec(z);
  if (io) return { request: null, filterText: null, io };
  const phs = /^io,phs(?:,(.*))?$/s.exec(z);
  if (phs) {
    const filterText = phs[1] ?? null;
    return {
      request: { type: "phs", filter: filterOf(filterText, "io,phs") },
      filterText,
    };
  }
  return null;
}

const RULE = "=".repeat(80) + "\n";
const titleOf = (tap: TapKind): string => Object.values(TAPS).find((t) => t.tap === tap)!.title;
const pad = (s: string | number, n: number): string => String(s).padStart(n);
const padEnd = (s: string, n: number): string => s.padEnd(n);

/** nstime_to_sec, as tshark prints it: seconds plus nanoseconds as one double. */
const seconds = (sec: number, nsec: number): number => sec + nsec / 1e9;

function conversations(result: Extract<StatResult, { type: "conv" }>, spec: StatSpec, names: readonly string[]): string {
  const ports = result.tap === Tap.TCP || result.tap === Tap.UDP;
  const indent = ports ? " ".repeat(12) : "";
  let s = RULE + `${titleOf(result.tap)} Conversations\nFilter:${spec.filterText ?? "<No Filter>"}\n`;
  s += `${indent}                                               |       <-      | |       ->      | |     Total     |    Relative    |   Duration   |\n`;
  s += `${indent}                                               | Frames  Bytes | | Frames  Bytes | | Frames  Bytes |      Start     |              |\n`;
  const t = result.table;
  for (const i of byFramesDescending((r) => t.frames(r), t.rows)) {
    const r = t.row(i);
    const a = ports ? `${names[r.a]}:${r.portA}` : names[r.a]!;
    const b = ports ? `${names[r.b]}:${r.portB}` : names[r.b]!;
    const w = ports ? 26 : 20;
    s += `${padEnd(a, w)} <-> ${padEnd(b, w)}  ${pad(r.rxFrames, 6)} ${padEnd(formatBytes(r.rxBytes), 9)}`;
    s += `  ${pad(r.txFrames, 6)} ${padEnd(formatBytes(r.txBytes), 9)}`;
    s += `  ${pad(r.rxFrames + r.txFrames, 6)} ${padEnd(formatBytes(r.rxBytes + r.txBytes), 9)}  `;
    const start = seconds(r.startSec, r.startNsec);
    s += `${pad(start.toFixed(9), 14)}   ${pad((seconds(r.stopSec, r.stopNsec) - start).toFixed(4), 12)}\n`;
  }
  return s + RULE;
}

function endpoints(result: Extract<StatResult, { type: "endpoints" }>, spec: StatSpec, names: readonly string[]): string {
  const ports = result.tap === Tap.TCP || result.tap === Tap.UDP;
  let s = RULE + `${titleOf(result.tap)} Endpoints\nFilter:${spec.filterText ?? "<No Filter>"}\n`;
  s += `                       |  ${ports ? "Port  ||  " : ""}Packets  | |  Bytes  | | Tx Packets | | Tx Bytes | | Rx Packets | | Rx Bytes |\n`;
  const t = result.table;
  for (const i of byFramesDescending((r) => t.frames(r), t.rows)) {
    const r = t.row(i);
    s += padEnd(names[r.address]!, 20) + "      " + (ports ? `${pad(r.port, 5)}     ` : "");
    s += `${pad(r.txFrames + r.rxFrames, 6)}     ${pad(r.txBytes + r.rxBytes, 9)}     ${pad(r.txFrames, 6)}       ${pad(r.txBytes, 9)}`;
    s += `      ${pad(r.rxFrames, 6)}       ${pad(r.rxBytes, 9)}   \n`;
  }
  return s + RULE;
}

function hierarchy(result: Extract<StatResult, { type: "phs" }>, spec: StatSpec): string {
  const rule = "=".repeat(67) + "\n";
  let s = `\n${rule}Protocol Hierarchy Statistics\nFilter: ${spec.filterText ?? ""}\n\n`;
  for (const node of result.hierarchy.walk()) {
    // tshark builds the name in an 80-byte buffer: two spaces per level, "..." past level 16.
    const name = ("  ".repeat(Math.min(node.depth, 16)) + (node.depth > 16 ? "..." : "") + hierarchyName(fieldById(node.field))).slice(0, 79);
    s += `${padEnd(name, 40)} frames:${node.frames} bytes:${node.bytes}\n`;
  }
  return s + rule;
}

/**
 * tshark's text for the statistic `specs[index]` computed in `stats` (whose
 * requests are the specs', in order) or, for an io,stat, in `io` (the
 * IoStats in the order of the io,stat specs).
 */
export function statText(stats: Statistics, io: readonly IoStat[], specs: readonly StatSpec[], index: number): string {
  const spec = specs[index]!;
  const before = specs.slice(0, index);
  if (spec.io) return ioStatText(spec.io, io[before.filter((s) => s.io).length]!);
  const result = stats.results[before.filter((s) => s.request).length]!;
  switch (result.type) {
    case "conv":
      return conversations(result, spec, stats.addresses(result.tap));
    case "endpoints":
      return endpoints(result, spec, stats.addresses(result.tap));
    case "phs":
      return hierarchy(result, spec);
  }
}

/** Every display filter of a run: the statistics' own, -Y and -R (the fields they name are those tshark's tree holds). */
function runFilters(specs: readonly StatSpec[], opts: CliOptions): (DisplayFilter | null)[] {
  const own = specs.flatMap((s) => [s.request?.filter ?? null, ...(s.io?.requests.map((r) => r.filter) ?? [])]);
  const given = [opts.displayFilter, opts.readFilter].map((text) => {
    if (text === undefined) return null;
    try {
      return compileFilter(text);
    } catch {
      return null; // main.ts has reported it already
    }
  });
  return [...own, ...given];
}

/** The statistics of one run: fed during the pass that prints the packets, or by a pass of their own. */
export class StatsRun {
  private stats: Statistics | null = null;
  private io: IoStat[] = [];
  private experts: ExpertTap[] = [];
  constructor(readonly specs: readonly StatSpec[]) {}

  /** The statistics a pass over `dissection` feeds (made anew for each pass: -2 counts its second). */
  attach(dissection: Dissection, opts: CliOptions): Statistics {
    // tshark's protocol tree shows the frame item only when it prints details (-V) or fields.
    const filters = runFilters(this.specs, opts);
    this.io = this.specs.flatMap((s) => (s.io ? [new IoStat(s.io.intervalUs, primedColumns(s.io.requests, filters, opts))] : []));
    this.experts = attachExpertTaps(
      this.specs.flatMap((s) => (s.expert ? [s.expert] : [])),
      dissection.pinfo,
    );
    const stats = new StatisticsWithExpert(
      this.experts,
      this.specs.flatMap((s) => (s.request ? [s.request] : [])),
      () => dissection.pinfo,
      opts.verbose || opts.outputType === "fields",
      this.io,
    );
    this.stats = stats;
    return stats;
  }

  /** Reads the capture once more, only to count (when the packets were printed by another pass). */
  async collect(source: ByteSource, opts: CliOptions): Promise<void> {
    const dissection = new Dissection();
    const stats = this.attach(dissection, opts);
    await readCapture(
      source,
      (rec, data) => {
        const pinfo = dissection.dissect(rec, data, stats.tree(), false);
        stats.packet(data, pinfo);
      },
      opts.count !== undefined ? { limit: opts.count } : {},
    );
  }

  /** The text of statistic `index` (of `specs`), after the pass. */
  text(index: number): string {
    const spec = this.specs[index]!;
    if (spec.expert) return this.experts[this.specs.slice(0, index).filter((s) => s.expert).length]?.text() ?? "";
    return this.stats ? statText(this.stats, this.io, this.specs, index) : "";
  }

  /** Every statistic's text, the last on the command line first (as tshark prints them). */
  all(): string {
    return this.specs
      .map((_, i) => this.text(i))
      .reverse()
      .join("");
  }
}
