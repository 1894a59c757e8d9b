/**
 * What a diagram reads of each TCP packet (packets.ts DissectedFact),
 * recorded by the indexing pass so that drawing reads and dissects nothing:
 *
 * - ports, tcp.len, tcp.seq and tcp.ack are Follow Stream's facts for the
 *   same row (follow-facts.ts), which hold the same values for every packet
 *   with one TCP layer; the few rows where the first TCP layer's values
 *   differ (a TCP header quoted in ICMP, a malformed header Follow skips)
 *   keep their own, in a sparse map;
 * - the first FTP request (command, argument) or reply (code, text) of a
 *   segment: string ids into one interned table, in per-row columns
 *   allocated only where FTP packets are.
 */
import type { FieldCollector } from "../dissect/tree";
import type { PacketInfo } from "../dissect/packet-info";
import { tcpFields } from "../dissect/protocols/tcp";
import { ftpFields } from "../dissect/protocols/ftp";
import type { FollowFacts } from "../follow/follow-facts";
import type { StreamRows } from "../follow/stream-rows";
import { StringTable } from "../index/string-table";
import { FrameColumnU32 } from "../reassembly/frame-columns";
import { type DissectedFact, num, type RecordedPacketFacts, str } from "./packets";

export class DiagramFacts implements RecordedPacketFacts {
  private readonly strings = new StringTable();
  /** Request: command and argument string ids + 1. Reply: code + 1 (0: a line without one) and text id + 1 (0: no reply). */
  private readonly command = new FrameColumnU32();
  private readonly arg = new FrameColumnU32();
  private readonly code = new FrameColumnU32();
  private readonly reply = new FrameColumnU32();
  /** Rows whose first TCP layer's [srcPort, dstPort, len, seq, ack] are not Follow Stream's. */
  private readonly own = new Map<number, Float64Array>();

  /**
   * `c`: the indexing pass's collector, wanting DIAGRAM_FIELDS; `follow`
   * records each row before this does; `tcpRows` lists each stream's rows.
   */
  constructor(
    private readonly c: FieldCollector,
    private readonly follow: FollowFacts,
    private readonly tcpRows: StreamRows,
  ) {}

  /** Records row `row`, a packet of a TCP stream. No allocation unless it differs from Follow's facts or carries FTP. */
  record(row: number, pinfo: PacketInfo): void {
    const c = this.c;
    const f = this.follow;
    const srcPort = num(c.first(tcpFields.srcport));
    const dstPort = num(c.first(tcpFields.dstport));
    const len = num(c.first(tcpFields.len));
    const seq = num(c.first(tcpFields.seq));
    const ack = num(c.first(tcpFields.ack));
    const ports = f.portsOf(row);
    if (f.tcpLen(row) !== len || ports >>> 16 !== srcPort || (ports & 0xffff) !== dstPort || f.seqOf(row) !== seq || f.ackOf(row) !== ack)
      this.own.set(row, Float64Array.of(srcPort, dstPort, len, seq, ack));
    const command = c.first(ftpFields["request.command"]);
    if (command !== undefined) {
      this.command.set(row, this.strings.intern(str(command)) + 1);
      this.arg.set(row, this.strings.intern(str(c.first(ftpFields["request.arg"]))) + 1);
      return;
    }
    const code = c.first(ftpFields["response.code"]);
    const replyArg = c.first(ftpFields["response.arg"]);
    if ((code !== undefined || replyArg !== undefined) && pinfo.layers.includes("ftp")) {
      this.code.set(row, code === undefined ? 0 : num(code) + 1);
      this.reply.set(row, this.strings.intern(str(replyArg)) + 1);
    }
  }

  factOf(row: number): DissectedFact {
    const own = this.own.get(row);
    const ports = this.follow.portsOf(row);
    const command = this.command.get(row);
    const reply = this.reply.get(row);
    const code = this.code.get(row);
    return {
      srcPort: own ? own[0]! : ports >>> 16,
      dstPort: own ? own[1]! : ports & 0xffff,
      len: own ? own[2]! : this.follow.tcpLen(row),
      seq: own ? own[3]! : this.follow.seqOf(row),
      ack: own ? own[4]! : this.follow.ackOf(row),
      ftpRequest: command ? { command: this.strings.get(command - 1), arg: this.strings.get(this.arg.get(row) - 1) } : null,
      ftpResponse: reply ? { code: code ? code - 1 : null, arg: this.strings.get(reply - 1) } : null,
    };
  }

  rowsOf(stream: number): Uint32Array {
    return this.tcpRows.rowsOf(stream);
  }
}
