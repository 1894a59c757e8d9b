/**
 * Test support shared by the dissector tests: a runner that feeds hand-made
 * frames through the whole engine and reads back the columns and every field
 * as `tshark -T fields -e` prints it. Used by the *.test.ts files beside it
 * and in the protocol folders (ip-testing.ts adds the IP, UDP and TCP frame
 * builders); not part of the engine.
 */
import { Dissection } from "../dissection";
import { allFields } from "../field";
import { formatFieldValue } from "../format";
import { FieldCollector, NULL_TREE, TreeBuilder, type TreeNode } from "../tree";
import { listedProtocols, wsFields } from "../common";
import type { PacketInfo } from "../packet-info";
import { LinkType, newPacketRecord, type PacketRecord } from "../../capture/types";

/** What one dissected frame shows: its columns, addresses and fields. */
export interface Result {
  pinfo: PacketInfo;
  /** frame.protocols (the layers it lists). */
  layers: string;
  protocol: string;
  info: string;
  /** The Source / Destination columns. */
  src: string;
  dst: string;
  malformed: string;
  netSrc: string;
  netDst: string;
  srcAddr: number[] | null;
  dstAddr: number[] | null;
  ipProto: number;
  ipDepth: number;
  /** Every occurrence of a field, comma-separated, as `tshark -T fields -e` prints it ("" when absent). */
  f(abbrev: string): string;
  /** The details tree (only with `tree: true`). */
  tree: TreeNode[];
}

export interface RunOptions {
  origLen?: number;
  num?: number;
  visited?: boolean;
  tree?: boolean;
  /** No tree at all (NULL_TREE), as tshark -r and the packet list dissect: no fields, columns only. */
  noTree?: boolean;
  tsSec?: number;
  tsNsec?: number;
}

/** The fields `collector` holds now, formatted as `tshark -T fields -e` prints them. */
export function fieldValues(collector: FieldCollector): (abbrev: string) => string {
  const values = new Map<string, string>();
  for (const def of allFields()) {
    const v = collector.values(def);
    if (v.length) values.set(def.abbrev, v.map((x) => formatFieldValue(def, x)).join(","));
  }
  return (a) => values.get(a) ?? "";
}

/** A Dissection with a collector of every field beside it. */
export class FieldRun {
  readonly dissection = new Dissection();
  readonly collector = new FieldCollector(allFields(), { shown: true });

  /** Dissects one record into the collector (first pass unless `visited`). */
  dissect(rec: PacketRecord, bytes: Uint8Array, visited = false): Result {
    this.collector.reset();
    return this.result(this.dissection.dissect(rec, bytes, this.collector, true, visited));
  }

  /** The columns of `p` with the fields the collector holds now. */
  result(p: PacketInfo, f = fieldValues(this.collector), tree: TreeNode[] = []): Result {
    return {
      pinfo: p,
      layers: listedProtocols(p.layers),
      protocol: p.protocol,
      info: p.info,
      src: p.srcColumn,
      dst: p.dstColumn,
      malformed: p.malformed,
      netSrc: p.netSrc,
      netDst: p.netDst,
      srcAddr: p.srcAddr ? Array.from(p.srcAddr) : null,
      dstAddr: p.dstAddr ? Array.from(p.dstAddr) : null,
      ipProto: p.ipProto,
      ipDepth: p.ipDepth,
      f,
      tree,
    };
  }
}

/**
 * Frames of one link type through one Dissection, which keeps its state
 * (reassembly, request matching, address bindings) between them. Frames are
 * numbered 1, 2, …; with `tsBase` frame n is stamped `tsBase + n` seconds,
 * else 0.
 */
export function frames(linkType: number, { tsBase }: { tsBase?: number } = {}): (bytes: Uint8Array, opts?: RunOptions) => Result {
  const run = new FieldRun();
  let n = 0;
  return (bytes, opts = {}) => {
    const rec = newPacketRecord();
    rec.number = opts.num ?? ++n;
    rec.capLen = bytes.length;
    rec.origLen = opts.origLen ?? bytes.length;
    rec.linkType = linkType;
    rec.tsSec = opts.tsSec ?? (tsBase === undefined ? 0 : tsBase + rec.number);
    rec.tsNsec = opts.tsNsec ?? 0;
    if (opts.noTree) return run.result(run.dissection.dissect(rec, bytes, NULL_TREE, true, opts.visited ?? false), () => "");
    if (!opts.tree) return run.dissect(rec, bytes, opts.visited);
    const builder = new TreeBuilder(wsFields.expert);
    const p = run.dissection.dissect(rec, bytes, builder, true, opts.visited ?? false);
    return run.result(p, () => "", builder.roots);
  };
}

/**
 * Whether a dissector threw on the frame: the engine catches it and marks the
 * frame "internal error", as its malformed reason or (when another reason
 * came first) in the expert item it adds.
 */
export function threw(r: Result): boolean {
  return /internal error/.test(r.malformed) || /internal error/.test(r.f("_ws.expert.message"));
}

/** Ethernet frames, frame n stamped 1000 + n seconds. */
export const ethernet = (): ((bytes: Uint8Array, opts?: RunOptions) => Result) => frames(LinkType.ETHERNET, { tsBase: 1000 });

/** The details tree of `bytes` dissected alone as frame 1 of a fresh Dissection. */
export function detailsTree(linkType: number, bytes: Uint8Array): TreeNode[] {
  const rec = newPacketRecord();
  rec.number = 1;
  rec.capLen = rec.origLen = bytes.length;
  rec.linkType = linkType;
  const tree = new TreeBuilder(wsFields.expert);
  new Dissection().dissect(rec, bytes, tree, true);
  return tree.roots;
}

/** A plain IPv4 header (RFC 791: DF, TTL 64, checksum 0) in front of `payload`. */
export function ipv4Packet(src: number[], dst: number[], proto: number, payload: number[], totalLen = 20 + payload.length): number[] {
  return [
    0x45, // version 4, header length 5 words
    0x00, // DSCP 0, ECN 0
    totalLen >> 8, totalLen & 0xff, // total length
    0x00, 0x01, // identification
    0x40, 0x00, // flags DF, fragment offset 0
    64, // time to live
    proto, // protocol
    0x00, 0x00, // header checksum (not verified)
    ...src, // source address
    ...dst, // destination address
    ...payload,
  ];
}
