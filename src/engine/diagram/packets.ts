/**
 * What a diagram needs to know about each packet of some TCP streams: who
 * sent it to whom (the packet index: addresses, stream, flags, protocol
 * column, analysis bits), and what only a dissection tells (ports, segment
 * length, relative sequence numbers, the FTP line): those come from the
 * dissectors' own fields through a FieldCollector while the packets are
 * re-dissected, never from re-parsing headers here.
 */
import { FieldCollector } from "../dissect/tree";
import type { FieldDef, FieldValue } from "../dissect/field";
import type { PacketInfo } from "../dissect/packet-info";
import { tcpFields } from "../dissect/protocols/tcp";
import { ftpFields } from "../dissect/protocols/ftp";
import { PacketFlag, type PacketIndex } from "../index/packet-index";

/** One TCP packet, as the diagrams draw it. */
export interface PacketFact {
  /** Frame number (1-based). */
  frame: number;
  /** Seconds since the epoch. */
  time: number;
  /** Addresses as the packet list shows them. */
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
  /** tcp.stream. */
  stream: number;
  /** Protocol column ("TCP", "FTP", "FTP-DATA", "TLS"...). */
  protocol: string;
  /** TCP header flags (TH bits). */
  flags: number;
  /** TCP segment length (payload bytes). */
  len: number;
  /** Relative sequence and acknowledgment numbers. */
  seq: number;
  ack: number;
  /** TCP analysis bits (TcpAnalysis: retransmission, duplicate ACK...). */
  analysis: number;
  /** The first FTP request of the segment (ftp.request.command / .arg), if any. */
  ftpRequest: { command: string; arg: string } | null;
  /** The first FTP reply line of the segment: its code (null on a continuation line) and text. */
  ftpResponse: { code: number | null; arg: string } | null;
}

/** What only a dissection tells of a packet (PacketFact's other members come from the packet index). */
export type DissectedFact = Pick<PacketFact, "srcPort" | "dstPort" | "len" | "seq" | "ack" | "ftpRequest" | "ftpResponse">;

/** The same facts recorded by the indexing pass (diagram-facts.ts): no re-dissection. */
export interface RecordedPacketFacts {
  /** Row `row`'s dissected facts. */
  factOf(row: number): DissectedFact;
  /** Rows of TCP stream `stream`, in frame order. */
  rowsOf(stream: number): Uint32Array;
}

/**
 * Where packets come from: the capture session (UI worker, CLI) implements
 * this with its index, what its indexing pass recorded, and a re-dissection
 * of the rows asked for when it recorded nothing.
 */
export interface PacketFactSource {
  readonly index: PacketIndex;
  readonly diagramFacts?: RecordedPacketFacts | null;
  collectFields(rows: readonly number[], collector: FieldCollector, each: (row: number, pinfo: PacketInfo) => void): Promise<void>;
}

/** The fields the facts are read from (the indexing pass wants them too, with Follow Stream's). */
export const DIAGRAM_FIELDS: readonly FieldDef[] = [
  tcpFields.srcport,
  tcpFields.dstport,
  tcpFields.len,
  tcpFields.seq,
  tcpFields.ack,
  ftpFields["request.command"],
  ftpFields["request.arg"],
  ftpFields["response.code"],
  ftpFields["response.arg"],
];

export function num(v: FieldValue | undefined): number {
  return typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : 0;
}

export function str(v: FieldValue | undefined): string {
  return typeof v === "string" ? v : "";
}

/** A dissected packet's facts, read from the collector it was dissected into (`isFtp`: it has an FTP layer). */
export function dissectedFact(c: FieldCollector, isFtp: boolean): DissectedFact {
  const command = c.first(ftpFields["request.command"]);
  const code = c.first(ftpFields["response.code"]);
  const replyArg = c.first(ftpFields["response.arg"]);
  return {
    srcPort: num(c.first(tcpFields.srcport)),
    dstPort: num(c.first(tcpFields.dstport)),
    len: num(c.first(tcpFields.len)),
    seq: num(c.first(tcpFields.seq)),
    ack: num(c.first(tcpFields.ack)),
    ftpRequest: command !== undefined ? { command: str(command), arg: str(c.first(ftpFields["request.arg"])) } : null,
    ftpResponse:
      command === undefined && isFtp && (code !== undefined || replyArg !== undefined) ? { code: code === undefined ? null : num(code), arg: str(replyArg) } : null,
  };
}

/** Rows (frame - 1) of the packets of these TCP streams, in frame order. */
export function streamRows(index: PacketIndex, streams: Iterable<number>, recorded?: RecordedPacketFacts | null): number[] {
  const wanted = new Set(streams);
  const rows: number[] = [];
  if (wanted.size === 0) return rows;
  if (recorded) {
    for (const s of wanted) for (const row of recorded.rowsOf(s)) rows.push(row);
    return wanted.size === 1 ? rows : rows.sort((a, b) => a - b);
  }
  const col = index.tcpStream;
  for (let row = 0; row < index.count; row++) if (wanted.has(col[row]!)) rows.push(row);
  return rows;
}

/** Packets of a long stream left out of a diagram (between two frames that are drawn). */
export interface Elision {
  stream: number;
  /** Last frame drawn before the gap; first and last frame left out. */
  afterFrame: number;
  first: number;
  last: number;
  /** Packets left out. */
  packets: number;
}

export interface FactsOptions {
  /**
   * Streams drawn only in part when longer: their first `head` and last
   * `tail` packets (a bulk transfer's million packets say nothing a thousand
   * do not, and Mermaid could not draw them).
   */
  cap?: { streams: ReadonlySet<number>; head: number; tail: number };
}

export interface Facts {
  facts: PacketFact[];
  elisions: Elision[];
}

/** Default cap for bulk streams: the first 800 and last 200 packets. */
export const DEFAULT_CAP = { head: 800, tail: 200 } as const;

/** Facts of the packets of these TCP streams, in frame order (long capped streams in part). */
export async function packetFacts(source: PacketFactSource, streams: Iterable<number>, options: FactsOptions = {}): Promise<Facts> {
  const index = source.index;
  let rows = streamRows(index, streams, source.diagramFacts);
  const elisions: Elision[] = [];
  const cap = options.cap;
  if (cap && cap.streams.size) {
    const byStream = new Map<number, number[]>();
    for (const row of rows) {
      const s = index.tcpStream[row]!;
      if (!cap.streams.has(s)) continue;
      let list = byStream.get(s);
      if (!list) byStream.set(s, (list = []));
      list.push(row);
    }
    const dropped = new Set<number>();
    for (const [stream, list] of byStream) {
      if (list.length <= cap.head + cap.tail) continue;
      const gap = list.slice(cap.head, list.length - cap.tail);
      for (const row of gap) dropped.add(row);
      elisions.push({ stream, afterFrame: list[cap.head - 1]! + 1, first: gap[0]! + 1, last: gap[gap.length - 1]! + 1, packets: gap.length });
    }
    if (dropped.size) rows = rows.filter((r) => !dropped.has(r));
  }
  const facts: PacketFact[] = [];
  const add = (row: number, d: DissectedFact): void => {
    const flags = index.tcpFlags[row]!;
    facts.push({
      frame: row + 1,
      time: index.tsSec[row]! + index.tsNsec[row]! / 1e9,
      src: index.addresses.get(index.src[row]!),
      dst: index.addresses.get(index.dst[row]!),
      srcPort: d.srcPort,
      dstPort: d.dstPort,
      stream: index.tcpStream[row]!,
      protocol: index.protocols.get(index.protocol[row]!),
      flags: flags === 0xffff ? 0 : flags,
      len: d.len,
      seq: d.seq,
      ack: d.ack,
      analysis: (index.flags[row]! >>> PacketFlag.TCP_ANALYSIS_SHIFT) & 0xffff,
      ftpRequest: d.ftpRequest,
      ftpResponse: d.ftpResponse,
    });
  };
  const recorded = source.diagramFacts;
  if (recorded) {
    // What the indexing pass recorded: nothing is read or dissected.
    for (const row of rows) add(row, recorded.factOf(row));
  } else {
    const collector = new FieldCollector(DIAGRAM_FIELDS);
    await source.collectFields(rows, collector, (row, pinfo) => add(row, dissectedFact(collector, pinfo.layers.includes("ftp"))));
  }
  facts.sort((a, b) => a.frame - b.frame);
  return { facts, elisions };
}
