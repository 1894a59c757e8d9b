/**
 * `-z expert[,LEVEL][,FILTER]`: the expert items of the pass that prints the
 * packets (or of the statistics' own pass), kept by an ExpertLog that the
 * dissection feeds through `pinfo.expertSink`, printed in tshark's layout
 * (src/engine/expert/tap-text.ts). With a FILTER, as a tap listener's filter
 * in tshark, only the items of packets the filter matches are kept.
 */
import { ForkTree } from "../engine/stats/fork-tree";
import { Statistics } from "../engine/stats/statistics";
import { FieldCollector, type ProtoTree } from "../engine/dissect/tree";
import type { PacketInfo } from "../engine/dissect/packet-info";
import type { ExpertGroup, ExpertSink } from "../engine/dissect/expert-info";
import { CollectorFields, compileFilter, currentLayerNumber, describeFilterError, FilterError, type DisplayFilter } from "../engine/filter";
import { ExpertLog } from "../engine/expert/expert-log";
import { expertTapText, type ExpertTapSpec } from "../engine/expert/tap-text";
import { UsageError } from "./args";

/** One -z expert: its log, and its filter over the fields it collects. */
export class ExpertTap {
  readonly log = new ExpertLog();
  private readonly filter: DisplayFilter | null;
  readonly collector: FieldCollector | null;
  private readonly fields: CollectorFields | null;

  constructor(
    readonly spec: ExpertTapSpec,
    pinfo: () => PacketInfo,
  ) {
    this.filter = compileTapFilter(spec.filterText);
    this.collector = this.filter ? new FieldCollector(this.filter.fields, { positions: true }) : null;
    if (this.collector && this.filter?.layers) this.collector.trackLayers(() => currentLayerNumber(pinfo()));
    this.fields = this.collector ? new CollectorFields(this.collector) : null;
  }

  /** After each packet: keeps its items when the filter matches it (or there is none). */
  packet(data: Uint8Array, pinfo: PacketInfo): void {
    if (this.filter && this.fields) {
      this.fields.setPacket(data, pinfo);
      if (this.filter.matches(this.fields)) this.log.commit();
      else this.log.rollback();
      this.collector!.reset();
    } else this.log.commit();
  }

  text(): string {
    return expertTapText(this.log, this.spec.lowest);
  }
}

function compileTapFilter(text: string | null): DisplayFilter | null {
  if (text === null) return null;
  try {
    return compileFilter(text);
  } catch (e) {
    if (e instanceof FilterError) throw new UsageError(`Expert tap error (${describeFilterError(text, e, "pcapscope")})!`);
    throw e;
  }
}

/** Hands each item to every -z expert (tshark runs one tap listener each). */
class FanOut implements ExpertSink {
  constructor(private readonly taps: readonly ExpertTap[]) {}
  add(frame: number, level: number, group: ExpertGroup, protocol: string, summary: string): void {
    for (const t of this.taps) t.log.add(frame, level, group, protocol, summary);
  }
}

/**
 * The statistics of a pass with expert taps beside them: their filters'
 * fields join the statistics' tree, and each packet reaches them after the
 * statistics counted it.
 */
export class StatisticsWithExpert extends Statistics {
  /** The statistics' tree forked with the taps' collectors (made at the first packet: the statistics' tree is one object). */
  private expertTree: ProtoTree | null = null;
  constructor(
    private readonly expertTaps: readonly ExpertTap[],
    ...args: ConstructorParameters<typeof Statistics>
  ) {
    super(...args);
  }
  /** The statistics' tree, reset for the next packet as theirs is, with the taps' collectors beside it. */
  override tree(): ProtoTree {
    const base = super.tree();
    if (this.expertTree === null) {
      let tree = base;
      for (const t of this.expertTaps) if (t.collector) tree = new ForkTree(tree, t.collector);
      this.expertTree = tree;
    }
    return this.expertTree;
  }
  override packet(data: Uint8Array, pinfo: PacketInfo): void {
    super.packet(data, pinfo);
    for (const t of this.expertTaps) t.packet(data, pinfo);
  }
}

/** The expert taps of `specs`, fed from `pinfo`'s dissection from now on. */
export function attachExpertTaps(specs: readonly ExpertTapSpec[], pinfo: PacketInfo): ExpertTap[] {
  const taps = specs.map((s) => new ExpertTap(s, () => pinfo));
  pinfo.expertSink = taps.length === 0 ? null : taps.length === 1 ? taps[0]!.log : new FanOut(taps);
  return taps;
}
