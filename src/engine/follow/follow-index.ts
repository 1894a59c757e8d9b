/**
 * Building followed streams from dissected packets:
 * - `FollowBuilder`: fed one dissected packet at a time (its FollowTree
 *   passed as the dissection tree), keeps a reassembler per wanted stream.
 *   The capture session uses it over the packets of one stream; the CLI and
 *   tests over a whole file through `followStreams`.
 * - `followStreams(source)`: one Dissection pass over a capture, every TCP
 *   and UDP stream (or the ones asked for).
 */
import type { ByteSource } from "../io/byte-source";
import type { PacketRecord } from "../capture/types";
import type { PacketInfo } from "../dissect/packet-info";
import { readCapture } from "../capture/open";
import { Dissection } from "../dissect/dissection";
import { FollowTree, type PayloadPlace } from "./segments";
import { ChunkTable, TableFollowStream } from "./follow-stream";
import { TcpReassembler } from "./tcp-reassembler";
import type { Direction, FollowEndpoint, FollowIndex, FollowProtocol, FollowStream, FollowStreamInfo } from "./types";

/** A UDP datagram as the collector needs it. */
export interface UdpDatagramIn {
  frame: number;
  tsSec: number;
  tsNsec: number;
  srcAddr: string;
  srcPort: number;
  dstAddr: string;
  dstPort: number;
  /** Captured payload bytes and where they are (ChunkTable loc). */
  length: number;
  loc: number;
}

/** UDP: every datagram with payload is a chunk; node 0 sent the first of them (as tshark). */
export class UdpCollector {
  addr: [string, string] = ["", ""];
  port: [number, number] = [0, 0];
  started = false;
  packets = 0;
  firstFrame = 0;
  lastFrame = 0;
  readonly bytes = [0, 0];

  constructor(private readonly table: ChunkTable) {}

  add(p: UdpDatagramIn): void {
    this.packets++;
    if (!this.firstFrame) this.firstFrame = p.frame;
    this.lastFrame = p.frame;
    if (p.length === 0) return;
    if (!this.started) {
      this.started = true;
      this.addr = [p.srcAddr, p.dstAddr];
      this.port = [p.srcPort, p.dstPort];
    }
    const d: Direction = p.srcAddr === this.addr[0] && p.srcPort === this.port[0] ? 0 : 1;
    this.table.append(p.frame, d, this.bytes[d]!, p.length, 0, 0, p.tsSec, p.tsNsec, p.loc);
    this.bytes[d] = this.bytes[d]! + p.length;
  }
}

/** Ends a TCP stream's reassembly and wraps it. */
export function tcpStreamOf(source: ByteSource, n: number, table: ChunkTable, r: TcpReassembler): FollowStream {
  // Ended first: the end delivers the segments still waiting.
  const { trailingGap } = r.end();
  return new TableFollowStream(tcpStreamInfo(n, r, table.count, trailingGap), table, source);
}

/** What a TCP stream's `info` says of a reassembly that ended (`r.end()`) after delivering `chunkCount` chunks. */
export function tcpStreamInfo(n: number, r: TcpReassembler, chunkCount: number, trailingGap: [number, number]): FollowStreamInfo {
  return {
    protocol: "tcp",
    stream: n,
    nodes: [endpoint(r.addr[0], r.port[0]), endpoint(r.addr[1], r.port[1])],
    bytes: [r.bytes[0]!, r.bytes[1]!],
    missing: [r.missing[0]! + trailingGap[0], r.missing[1]! + trailingGap[1]],
    trailingGap,
    chunkCount,
    packets: r.packets,
    firstFrame: r.firstFrame,
    lastFrame: r.lastFrame,
    syn: [r.syn[0], r.syn[1]],
    fin: [r.fin[0], r.fin[1]],
    rst: r.rst,
  };
}

/** Wraps a UDP stream's datagrams. */
export function udpStreamOf(source: ByteSource, n: number, table: ChunkTable, c: UdpCollector): FollowStream {
  const info: FollowStreamInfo = {
    protocol: "udp",
    stream: n,
    nodes: [endpoint(c.addr[0], c.port[0]), endpoint(c.addr[1], c.port[1])],
    bytes: [c.bytes[0]!, c.bytes[1]!],
    missing: [0, 0],
    trailingGap: [0, 0],
    chunkCount: table.count,
    packets: c.packets,
    firstFrame: c.firstFrame,
    lastFrame: c.lastFrame,
    syn: [false, false],
    fin: [false, false],
    rst: false,
  };
  return new TableFollowStream(info, table, source);
}

function endpoint(addr: string, port: number): FollowEndpoint {
  return { address: addr, port };
}

/** What to follow: every stream, or the listed indexes. */
export interface FollowWanted {
  tcp?: boolean | ReadonlySet<number>;
  udp?: boolean | ReadonlySet<number>;
}

function wants(w: boolean | ReadonlySet<number> | undefined, s: number): boolean {
  return w === undefined || w === true || (w !== false && w.has(s));
}

/**
 * Collects the streams of the packets it is shown. Dissect each packet with
 * `builder.tree` as the tree (after `builder.tree.reset()`), then call
 * `add(rec, pinfo)`; `finish()` ends every stream.
 */
export class FollowBuilder {
  readonly tree: FollowTree;
  private readonly tcp = new Map<number, { table: ChunkTable; r: TcpReassembler }>();
  private readonly udp = new Map<number, { table: ChunkTable; c: UdpCollector }>();

  constructor(
    private readonly source: ByteSource,
    private readonly wanted: FollowWanted = {},
  ) {
    this.tree = new FollowTree(wanted.tcp !== false, wanted.udp !== false);
  }

  add(rec: Pick<PacketRecord, "number" | "tsSec" | "tsNsec" | "dataOffset">, pinfo: PacketInfo): void {
    const t = this.tree.tcp(pinfo);
    if (t && wants(this.wanted.tcp, t.stream)) {
      let s = this.tcp.get(t.stream);
      if (!s) {
        const table = new ChunkTable();
        s = { table, r: new TcpReassembler(table) };
        this.tcp.set(t.stream, s);
      }
      s.r.add({
        frame: rec.number,
        tsSec: rec.tsSec,
        tsNsec: rec.tsNsec,
        srcAddr: pinfo.netSrc,
        srcPort: pinfo.srcPort,
        dstAddr: pinfo.netDst,
        dstPort: pinfo.dstPort,
        seq: t.seq,
        ack: t.ack,
        seglen: t.seglen,
        flags: t.flags,
        dataLength: t.payload.length,
        loc: locate(s.table, rec, t.payload),
      });
    }
    const u = this.tree.udp(pinfo);
    if (u && wants(this.wanted.udp, u.stream)) {
      let s = this.udp.get(u.stream);
      if (!s) {
        const table = new ChunkTable();
        s = { table, c: new UdpCollector(table) };
        this.udp.set(u.stream, s);
      }
      s.c.add({
        frame: rec.number,
        tsSec: rec.tsSec,
        tsNsec: rec.tsNsec,
        srcAddr: pinfo.netSrc,
        srcPort: pinfo.srcPort,
        dstAddr: pinfo.netDst,
        dstPort: pinfo.dstPort,
        length: u.payload.length,
        loc: locate(s.table, rec, u.payload),
      });
    }
  }

  /** Ends every stream and returns them. */
  finish(): FollowIndex {
    const tcp = new Map<number, FollowStream>();
    const udp = new Map<number, FollowStream>();
    for (const [n, { table, r }] of this.tcp) tcp.set(n, tcpStreamOf(this.source, n, table, r));
    for (const [n, { table, c }] of this.udp) udp.set(n, udpStreamOf(this.source, n, table, c));
    const tcpCount = this.tree.maxTcpStream + 1;
    const udpCount = this.tree.maxUdpStream + 1;
    const source = this.source;
    return {
      tcpCount,
      udpCount,
      stream(protocol: FollowProtocol, index: number): FollowStream | null {
        const m = protocol === "tcp" ? tcp : udp;
        const found = m.get(index);
        if (found) return found;
        // A stream with no packet the follow tap sees (or one not collected) is empty.
        const count = protocol === "tcp" ? tcpCount : udpCount;
        if (!Number.isInteger(index) || index < 0 || index >= count) return null;
        return emptyStream(protocol, index, source);
      },
    };
  }
}

/** A stream that exists but has no followable packet: no nodes, no chunks (tshark prints ":0" nodes). */
export function emptyStream(protocol: FollowProtocol, stream: number, source: ByteSource): FollowStream {
  const info: FollowStreamInfo = {
    protocol,
    stream,
    nodes: [endpoint("", 0), endpoint("", 0)],
    bytes: [0, 0],
    missing: [0, 0],
    trailingGap: [0, 0],
    chunkCount: 0,
    packets: 0,
    firstFrame: 0,
    lastFrame: 0,
    syn: [false, false],
    fin: [false, false],
    rst: false,
  };
  return new TableFollowStream(info, new ChunkTable(), source);
}

function locate(table: ChunkTable, rec: Pick<PacketRecord, "dataOffset">, p: PayloadPlace): number {
  if (p.length === 0) return 0;
  return p.bytes ? table.keep(p.bytes) : rec.dataOffset + p.frameOffset;
}

/**
 * Follows every TCP and UDP stream of a capture (or the ones in `wanted`)
 * in one pass (of the first `limit` packets, like tshark -c). Damage in the
 * file ends the pass where it starts; the streams up to there are returned.
 */
export async function followStreams(source: ByteSource, wanted: FollowWanted = {}, options: { limit?: number } = {}): Promise<FollowIndex> {
  const dissection = new Dissection();
  const builder = new FollowBuilder(source, wanted);
  const tree = builder.tree;
  await readCapture(
    source,
    (rec, data) => {
      tree.reset();
      const pinfo = dissection.dissect(rec, data, tree, false);
      builder.add(rec, pinfo);
    },
    options.limit !== undefined ? { limit: options.limit } : {},
  );
  return builder.finish();
}
