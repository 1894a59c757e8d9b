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

/**
 * Where packets come from: the capture session (UI worker, CLI) implements
 * this with its index and a re-dissection of the rows asked for.
 */
export interface PacketFactSource {
  readonly index: PacketIndex;
  collectFields(rows: readonly number[], collector: FieldCollector, each: (row: number, pinfo: PacketInfo) => void): Promise<void>;
}

const FIELDS: readonly FieldDef[] = [
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

function first(c: FieldCollector, f: FieldDef): FieldValue | undefined {
  return c.values(f)[0];
}

function num(v: FieldValue | undefined): number {
  return typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : 0;
}

function str(v: FieldValue | undefined): string {
  return typeof v === "string" ? v : "";
}

/** Rows (frame - 1) of the packets of these TCP streams, in frame order. */
export function streamRows(index: PacketIndex, streams: Iterable<number>): number[] {
  const wanted = new Set(streams);
  const rows: number[] = [];
  if (wanted.size === 0) return rows;
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
  let rows = streamRows(index, streams);
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
  const collector = new FieldCollector(FIELDS);
  const facts: PacketFact[] = [];
  await source.collectFields(rows, collector, (row, pinfo) => {
    const command = first(collector, ftpFields["request.command"]);
    const code = first(collector, ftpFields["response.code"]);
    const replyArg = first(collector, ftpFields["response.arg"]);
    const isFtp = pinfo.layers.includes("ftp");
    const flags = index.tcpFlags[row]!;
    facts.push({
      frame: row + 1,
      time: index.tsSec[row]! + index.tsNsec[row]! / 1e9,
      src: index.addresses.get(index.src[row]!),
      dst: index.addresses.get(index.dst[row]!),
      srcPort: num(first(collector, tcpFields.srcport)),
      dstPort: num(first(collector, tcpFields.dstport)),
      stream: index.tcpStream[row]!,
      protocol: index.protocols.get(index.protocol[row]!),
      flags: flags === 0xffff ? 0 : flags,
      len: num(first(collector, tcpFields.len)),
      seq: num(first(collector, tcpFields.seq)),
      ack: num(first(collector, tcpFields.ack)),
      analysis: (index.flags[row]! >>> PacketFlag.TCP_ANALYSIS_SHIFT) & 0xffff,
      ftpRequest: command !== undefined ? { command: str(command), arg: str(first(collector, ftpFields["request.arg"])) } : null,
      ftpResponse:
        command === undefined && isFtp && (code !== undefined || replyArg !== undefined)
          ? { code: code === undefined ? null : num(code), arg: str(replyArg) }
          : null,
    });
  });
  facts.sort((a, b) => a.frame - b.frame);
  return { facts, elisions };
}
