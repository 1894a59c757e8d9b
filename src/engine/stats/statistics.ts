/**
 * The statistics of one pass, fed per packet: each statistic (a
 * conversation or endpoint table, the protocol hierarchy, I/O intervals)
 * with its own display filter, as Wireshark's tap listeners have. Taps see
 * every packet read, whatever the display filter of the packet list.
 *
 * Per packet: `tree()` is what the packet is dissected into (fork it with
 * the output's own tree), then `packet()` counts it.
 */
import type { FieldDef } from "../dissect/field";
import type { PacketInfo } from "../dissect/packet-info";
import { FieldCollector, type ProtoTree } from "../dissect/tree";
import { CollectorFields, currentLayerNumber, type DisplayFilter } from "../filter";
import { ConversationTable } from "./conversations";
import { EndpointTable } from "./endpoints";
import { ProtocolHierarchy } from "./protocol-hierarchy";
import { Tap, TapTree, type TapKind } from "./tap-tree";
import { ForkTree } from "./fork-tree";
import type { IoStat } from "./io-stat";

export type StatRequest =
  { type: "conv" | "endpoints"; tap: TapKind; filter: DisplayFilter | null } | { type: "phs"; filter: DisplayFilter | null };

export type StatResult =
  | { type: "conv"; tap: TapKind; table: ConversationTable }
  | { type: "endpoints"; tap: TapKind; table: EndpointTable }
  | { type: "phs"; hierarchy: ProtocolHierarchy };

export class Statistics {
  readonly taps: TapTree;
  readonly results: StatResult[];
  private readonly filters: (CollectorFields | null)[];
  /** Per I/O statistic: each column's filter over the collected fields (null: every packet). */
  private readonly ioFilters: (CollectorFields | null)[][];
  private readonly collector: FieldCollector | null;
  private readonly fork: ProtoTree;
  private firstSec = 0;
  private firstNsec = 0;
  private seen = false;

  constructor(
    private readonly requests: readonly StatRequest[],
    /** The dissection's packet info (the pass reuses one object). */
    pinfo: () => PacketInfo,
    /** Whether the hierarchy starts at the frame item, as tshark's does when it prints details or fields. */
    frameInHierarchy = false,
    /** I/O statistics (`-z io,stat`, the I/O Graph) counted in the same pass, each column behind its own filter. */
    private readonly io: readonly IoStat[] = [],
  ) {
    this.taps = new TapTree(
      requests.some((r) => r.type === "phs"),
      pinfo,
      frameInHierarchy,
    );
    const fields: FieldDef[] = [];
    for (const r of requests) if (r.filter) fields.push(...r.filter.fields);
    const ioColumns = io.flatMap((s) => s.columns.map((c) => c.request));
    for (const c of ioColumns) fields.push(...(c.filter?.fields ?? []), ...(c.field ? [c.field] : []));
    this.collector = fields.length ? new FieldCollector(fields, { positions: true }) : null;
    if (this.collector && (requests.some((r) => r.filter?.layers) || ioColumns.some((c) => c.filter?.layers)))
      this.collector.trackLayers(() => currentLayerNumber(pinfo()));
    this.fork = this.collector ? new ForkTree(this.taps, this.collector) : this.taps;
    this.filters = requests.map((r) => (r.filter && this.collector ? new CollectorFields(this.collector) : null));
    const collector = this.collector;
    this.ioFilters = io.map((s) => s.columns.map((c) => (c.request.filter && collector ? new CollectorFields(collector) : null)));
    this.results = requests.map((r): StatResult => {
      switch (r.type) {
        case "conv":
          return { type: "conv", tap: r.tap, table: new ConversationTable() };
        case "endpoints":
          return { type: "endpoints", tap: r.tap, table: new EndpointTable() };
        case "phs":
          return { type: "phs", hierarchy: new ProtocolHierarchy() };
      }
    });
  }

  /** The tree the next packet is dissected into (readied for it). */
  tree(): ProtoTree {
    this.taps.reset();
    this.collector?.reset();
    return this.fork;
  }

  /**
   * Counts times from this instant (the capture's first packet) instead of
   * from the first packet counted: a pass over some packets only (those a
   * display filter shows) keeps tshark's "Relative Start", which counts from
   * the capture's first packet whatever the filter.
   */
  relativeTo(sec: number, nsec: number): void {
    this.seen = true;
    this.firstSec = sec;
    this.firstNsec = nsec;
  }

  /** Counts the packet just dissected into `tree()`. */
  packet(data: Uint8Array, pinfo: PacketInfo): void {
    this.taps.finish();
    if (!this.seen) {
      this.seen = true;
      this.firstSec = pinfo.tsSec;
      this.firstNsec = pinfo.tsNsec;
    }
    let relSec = pinfo.tsSec - this.firstSec;
    let relNsec = pinfo.tsNsec - this.firstNsec;
    if (relNsec < 0 && relSec > 0) {
      relSec--;
      relNsec += 1e9;
    } else if (relNsec > 0 && relSec < 0) {
      relSec++;
      relNsec -= 1e9;
    }
    this.io.forEach((io, i) => this.countIo(io, this.ioFilters[i]!, data, pinfo, relSec, relNsec));
    const t = this.taps;
    this.requests.forEach((r, i) => {
      const result = this.results[i]!;
      const fields = this.filters[i];
      if (fields && r.filter) {
        fields.setPacket(data, pinfo);
        if (!r.filter.matches(fields)) return;
      }
      if (result.type === "phs") {
        result.hierarchy.add(t.top, t.topCount, pinfo.len);
        return;
      }
      for (let e = 0; e < t.count; e++) {
        if (t.kind[e] !== result.tap || t.src[e]! < 0 || t.dst[e]! < 0) continue;
        if (result.type === "conv")
          result.table.add(t.src[e]!, t.dst[e]!, t.sport[e]!, t.dport[e]!, t.stream[e]!, pinfo.len, relSec, relNsec);
        else result.table.add(t.src[e]!, t.dst[e]!, t.sport[e]!, t.dport[e]!, pinfo.len);
      }
    });
  }

  private countIo(
    io: IoStat,
    filters: (CollectorFields | null)[],
    data: Uint8Array,
    pinfo: PacketInfo,
    relSec: number,
    relNsec: number,
  ): void {
    io.observe(relSec, relNsec);
    io.columns.forEach((column, c) => {
      const fields = filters[c];
      const filter = column.request.filter;
      if (fields && filter) {
        fields.setPacket(data, pinfo);
        if (!filter.matches(fields)) return;
      }
      io.add(c, relSec, relNsec, pinfo.len, this.collector, pinfo.num);
    });
  }

  /** The interner that names a tap's addresses. */
  addresses(tap: TapKind): readonly string[] {
    return tap === Tap.ETH ? this.taps.macs.texts : this.taps.hosts.texts;
  }
}
