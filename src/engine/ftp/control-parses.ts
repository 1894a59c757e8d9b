/**
 * FTP control connections parsed during the indexing pass, so that the FTP
 * report (Sessions, Files, Credentials, Diagrams) neither rebuilds them nor
 * reads and parses their bytes again. On the bench's small-packets capture
 * (530,000 commands over 36 connections) rebuilding and parsing them after
 * the pass was more than half of the report's 5.5 s in Node.
 *
 * A stream is parsed when one of its ports is a control port (21): the
 * analysis takes it for a control connection without looking at its bytes
 * (control-sessions.ts). Connections found by their greeting elsewhere are
 * still probed and parsed after the pass. The rows are reassembled as
 * Follow Stream reassembles them (follow/pass-reassembly.ts) and handed to
 * the same ControlParser in the same order (both directions interleaved in
 * delivery order, a hole as a gap), so the parse is the one the report
 * would make from the stream. A stream whose bytes could not all be kept
 * (held back past MAX_HELD behind a hole, or not in their frames) is given
 * up here and parsed by the report as before.
 */
import type { PacketInfo } from "../dissect/packet-info";
import type { FollowFacts } from "../follow/follow-facts";
import { tcpStreamInfo } from "../follow/follow-index";
import { PassReassembly } from "../follow/pass-reassembly";
import { newSegment } from "../follow/tcp-reassembler";
import type { Direction, FollowStreamInfo } from "../follow/types";
import type { PacketIndex } from "../index/packet-index";
import { FrameColumnU8 } from "../reassembly/frame-columns";
import { grown } from "../reassembly/tcp-analysis/records";
import { ControlParser, type ParsedControl } from "./control";
import { time } from "./control-sessions";

/** A control connection as the pass parsed it. */
export interface PassControl {
  readonly info: FollowStreamInfo;
  /** The server's node (0: the stream's first sender). */
  readonly serverNode: 0 | 1;
  readonly parsed: ParsedControl;
  /** Time (seconds) of the first and of the last chunk; 0 without chunks. */
  readonly start: number;
  readonly last: number;
}

/** Bytes held back behind a hole per connection, at most (a control connection's are lines). */
const MAX_HELD = 1 << 20;

const UNDECIDED = 0;
const PARSING = 1;
/** Not on a control port. */
const SKIP = 2;
/** On a control port, but its bytes could not all be kept: the report parses it. */
const GIVEN_UP = 3;

/** Chunks of a connection gathered before the parser reads them. */
const BATCH_CHUNKS = 4096;

/**
 * One control connection being parsed. Its chunks are gathered (bytes
 * copied, descriptors by column) and parsed BATCH_CHUNKS at a time: parsed
 * one by one as the pass delivers them, between other packets' dissection,
 * the same parse took about three times as long (measured on small-packets:
 * 4 s against 1.5 s, the parser's code and tables no longer in cache).
 */
class Parsing {
  readonly pass: PassReassembly;
  readonly parser = new ControlParser();
  /** Node of the client, known once the first segment is in (the reassembler's nodes). */
  private clientNode: Direction | null = null;
  failed = false;
  start = 0;
  last = 0;
  // The batch: chunk k's bytes are bytes[end[k - 1], end[k]).
  private count = 0;
  private bytes = new Uint8Array(4096);
  private used = 0;
  private readonly end = new Uint32Array(BATCH_CHUNKS);
  private readonly direction = new Uint8Array(BATCH_CHUNKS);
  private readonly gap = new Uint8Array(BATCH_CHUNKS);
  private readonly frame = new Uint32Array(BATCH_CHUNKS);
  private readonly time = new Float64Array(BATCH_CHUNKS);
  private readonly offset = new Float64Array(BATCH_CHUNKS);

  constructor(private readonly controlPorts: ReadonlySet<number>) {
    this.pass = new PassReassembly((node, bytes, frame, streamOffset, gapBefore, tsSec, tsNsec) => {
      if (this.failed) return;
      if (!bytes) {
        this.failed = true;
        return;
      }
      // The same time the report gives a chunk of the rebuilt stream (sessionOf, parseControl).
      const t = time(tsSec, tsNsec);
      if (this.pass.chunks === 1) this.start = t;
      this.last = t;
      this.gather(node === this.client() ? 0 : 1, bytes, frame, t, streamOffset, gapBefore > 0);
    }, MAX_HELD);
  }

  /** The server is the node on a control port (node 1's first, as control-sessions.ts decides). */
  serverNode(): 0 | 1 {
    return this.controlPorts.has(this.pass.reassembler.port[1]) ? 1 : 0;
  }

  /** Parses what is gathered. */
  flush(): void {
    const p = this.parser;
    let from = 0;
    for (let k = 0; k < this.count; k++) {
      const d = this.direction[k] as 0 | 1;
      if (this.gap[k]) p.pushGap(d);
      const to = this.end[k]!;
      p.pushData(d, this.bytes.subarray(from, to), this.frame[k]!, this.time[k]!, this.offset[k]!);
      from = to;
    }
    this.count = 0;
    this.used = 0;
  }

  private gather(direction: 0 | 1, bytes: Uint8Array, frame: number, time: number, streamOffset: number, gap: boolean): void {
    if (this.used + bytes.length > this.bytes.length) {
      let n = this.bytes.length * 2;
      while (n < this.used + bytes.length) n *= 2;
      this.bytes = grown(this.bytes, n);
    }
    this.bytes.set(bytes, this.used);
    this.used += bytes.length;
    const k = this.count++;
    this.end[k] = this.used;
    this.direction[k] = direction;
    this.gap[k] = gap ? 1 : 0;
    this.frame[k] = frame;
    this.time[k] = time;
    this.offset[k] = streamOffset;
    if (this.count === BATCH_CHUNKS) this.flush();
  }

  private client(): Direction {
    return (this.clientNode ??= this.serverNode() === 0 ? 1 : 0);
  }
}

export class ControlParses {
  private readonly controlPorts: ReadonlySet<number>;
  /** Per TCP stream: UNDECIDED, PARSING, SKIP or GIVEN_UP. */
  private readonly state = new FrameColumnU8();
  private readonly open = new Map<number, Parsing>();
  private readonly done = new Map<number, PassControl>();
  /** The segment handed to every reassembler (each reads it during `add` only). */
  private readonly segment = newSegment();
  /** Connections with payload parsed to their end (for tests and measures). */
  parsedCount = 0;
  /** Payload bytes of every connection on a control port, parsed or given up. */
  controlBytes = 0;

  constructor(
    private readonly follow: FollowFacts,
    private readonly index: PacketIndex,
    controlPorts: readonly number[] = [21],
  ) {
    this.controlPorts = new Set(controlPorts);
  }

  /** Row `row` (of TCP stream `pinfo.tcpStream`, dissected from `frame`, already in the index and the follow facts). */
  record(row: number, pinfo: PacketInfo, frame: Uint8Array): void {
    const s = pinfo.tcpStream;
    if (s < 0) return;
    let state = this.state.get(s);
    if (state === UNDECIDED) {
      const ports = this.follow.portsOf(row);
      state = this.controlPorts.has(ports >>> 16) || this.controlPorts.has(ports & 0xffff) ? PARSING : SKIP;
      this.state.set(s, state);
      if (state === PARSING) this.open.set(s, new Parsing(this.controlPorts));
    }
    if (state === SKIP) return;
    this.controlBytes += this.follow.payloadLength(row);
    if (state !== PARSING) return;
    const p = this.open.get(s)!;
    if (!p.pass.addRow(row, frame, this.follow, this.index, this.segment) || p.failed) this.giveUp(s);
  }

  /** Ends the pass: what is still held back is delivered, each parse finished. */
  finish(): void {
    for (const [s, p] of this.open) {
      const { trailingGap } = p.pass.end();
      if (p.failed) continue;
      p.flush();
      const info = tcpStreamInfo(s, p.pass.reassembler, p.pass.chunks, trailingGap);
      this.done.set(s, { info, serverNode: p.serverNode(), parsed: p.parser.finish(), start: p.start, last: p.last });
      if (info.bytes[0] + info.bytes[1] > 0) this.parsedCount++;
    }
    this.open.clear();
  }

  /**
   * TCP stream `stream` as the pass parsed it, once: the analysis changes
   * what it is given (announcements, transfers), so a second report (after a
   * failed one) parses the stream again. Null when the pass did not parse it.
   */
  take(stream: number): PassControl | null {
    const p = this.done.get(stream) ?? null;
    this.done.delete(stream);
    return p;
  }

  private giveUp(s: number): void {
    this.state.set(s, GIVEN_UP);
    this.open.delete(s);
  }
}
