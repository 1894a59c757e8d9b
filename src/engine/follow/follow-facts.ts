/**
 * Follow facts recorded in the indexing pass, so that following a stream
 * needs neither to read the capture again nor to re-dissect: per TCP or UDP
 * packet the follow tap would see, in typed columns by row (allocated in
 * 4 Ki-row chunks only where such packets are):
 *
 *   seq, ack (u32)        tcp.seq and tcp.ack as tshark's follow uses them
 *   len (u32)             tcp.len + 1 for TCP (0: not followable); bit 31 for UDP
 *   payload (u32)         offset of the payload in the frame + 1 (0: none;
 *                         NOT_IN_FRAME: in a buffer the engine reassembled)
 *   payLen (u32)          captured payload bytes
 *   ports (u32)           source port << 16 | destination port
 *
 * 24 bytes per TCP packet, 16 per UDP packet. Addresses, flags, times and
 * file offsets are the packet index's. A stream with a payload outside the
 * frame (TCP over fragmented IP) is built by re-dissection instead.
 */
import type { PacketInfo } from "../dissect/packet-info";
import type { FieldCollector } from "../dissect/tree";
import type { FieldDef } from "../dissect/field";
import { tcpFields } from "../dissect/protocols/tcp";
import { udpFields } from "../dissect/protocols/udp";
import type { PacketIndex } from "../index/packet-index";
import { FrameColumnU32 } from "../reassembly/frame-columns";
import type { ByteSource } from "../io/byte-source";
import { ChunkTable } from "./follow-stream";
import { newSegment, TcpReassembler, type TcpSegmentIn } from "./tcp-reassembler";
import { tcpStreamOf, UdpCollector, udpStreamOf } from "./follow-index";
import type { FollowProtocol, FollowStream } from "./types";

const UDP = 0x80000000;
const NOT_IN_FRAME = 0xffffffff;

/** The fields FollowFacts reads (the indexing pass's collector must want them, with positions). */
export const FOLLOW_FIELDS: readonly FieldDef[] = [
  tcpFields[""],
  tcpFields.stream,
  tcpFields.seq,
  tcpFields.ack,
  tcpFields.len,
  tcpFields.hdr_len,
  tcpFields.flags,
  tcpFields.payload,
  tcpFields.reset_cause,
  udpFields.stream,
  udpFields.length,
  udpFields.payload,
];

export class FollowFacts {
  private readonly seq = new FrameColumnU32();
  private readonly ack = new FrameColumnU32();
  private readonly len = new FrameColumnU32();
  private readonly payload = new FrameColumnU32();
  private readonly payLen = new FrameColumnU32();
  private readonly ports = new FrameColumnU32();

  /**
   * `collector`: the indexing pass's FieldCollector, wanting FOLLOW_FIELDS
   * with positions (one dissection serves the colouring rules and this).
   */
  constructor(private readonly c: FieldCollector) {}

  /**
   * Records what the dissection of row `row` showed, with the same tests as
   * FollowTree (segments.ts): a TCP layer of the packet's stream with a
   * segment length and a sane header the capture holds, or a UDP datagram
   * of the packet's stream. No allocation: this runs for every packet.
   */
  record(row: number, pinfo: PacketInfo): void {
    const c = this.c;
    if (pinfo.tcpStream >= 0) {
      const lenSlot = c.tail(tcpFields.len);
      const proto = c.tail(tcpFields[""]);
      const hdrLen = c.last(tcpFields.hdr_len) as number | undefined;
      if (lenSlot < 0 || proto < 0 || hdrLen === undefined || c.last(tcpFields.stream) !== pinfo.tcpStream) return;
      if (hdrLen < 20 || hdrLen > c.lengthAt(proto)) return;
      const seglen = c.valueAt(lenSlot) as number;
      this.seq.set(row, c.last(tcpFields.seq) as number);
      this.ack.set(row, c.last(tcpFields.ack) as number);
      this.len.set(row, seglen + 1);
      let pay = c.tail(tcpFields.payload);
      if (pay < 0) pay = c.tail(tcpFields.reset_cause);
      if (pay >= 0) this.place(row, c.sourceAt(pay), c.offsetAt(pay), c.lengthAt(pay));
      this.ports.set(row, ((pinfo.srcPort << 16) | pinfo.dstPort) >>> 0);
      return;
    }
    if (pinfo.udpStream >= 0 && c.last(udpFields.stream) === pinfo.udpStream) {
      this.len.set(row, UDP);
      const pay = c.tail(udpFields.payload);
      if (pay >= 0) {
        // The UDP length bounds the payload (0: an IPv6 jumbogram, RFC 2675, bounded by IP only).
        const ulen = c.last(udpFields.length) as number | undefined;
        const length = ulen !== undefined && ulen >= 8 ? Math.min(c.lengthAt(pay), ulen - 8) : c.lengthAt(pay);
        this.place(row, c.sourceAt(pay), c.offsetAt(pay), length);
      }
      this.ports.set(row, ((pinfo.srcPort << 16) | pinfo.dstPort) >>> 0);
    }
  }

  private place(row: number, source: number, offset: number, length: number): void {
    if (length <= 0) return;
    this.payload.set(row, source === 0 ? offset + 1 : NOT_IN_FRAME);
    this.payLen.set(row, length);
  }

  /** Where row `row`'s payload starts in its frame; -1 when it has none or it is not in the frame. */
  payloadOffset(row: number): number {
    const at = this.payload.get(row);
    return at === 0 || at === NOT_IN_FRAME ? -1 : at - 1;
  }

  /** Captured payload bytes of row `row` (0: none). */
  payloadLength(row: number): number {
    return this.payload.get(row) ? this.payLen.get(row) : 0;
  }

  /** tcp.len of row `row` as recorded; -1 when the row was not recorded as a TCP segment. */
  tcpLen(row: number): number {
    const len = this.len.get(row);
    return len !== 0 && !(len & UDP) ? len - 1 : -1;
  }

  /** Source port << 16 | destination port, tcp.seq and tcp.ack of row `row` as recorded (0 when not). */
  portsOf(row: number): number {
    return this.ports.get(row);
  }

  seqOf(row: number): number {
    return this.seq.get(row);
  }

  ackOf(row: number): number {
    return this.ack.get(row);
  }

  /**
   * Fills `seg` with TCP row `row` as Follow's reassembler takes it, all but
   * its `loc` (where its payload is: the caller's to say). False when the row
   * is not a TCP segment Follow reads (then `seg` is untouched).
   */
  segment(row: number, index: PacketIndex, seg: TcpSegmentIn): boolean {
    const len = this.len.get(row);
    if (len === 0 || len & UDP) return false;
    const ports = this.ports.get(row);
    const addr = index.addresses;
    seg.frame = row + 1;
    seg.tsSec = index.tsSec[row]!;
    seg.tsNsec = index.tsNsec[row]!;
    seg.srcAddr = addr.get(index.src[row]!);
    seg.srcPort = ports >>> 16;
    seg.dstAddr = addr.get(index.dst[row]!);
    seg.dstPort = ports & 0xffff;
    seg.seq = this.seq.get(row);
    seg.ack = this.ack.get(row);
    seg.seglen = len - 1;
    seg.flags = index.tcpFlags[row]!;
    seg.dataLength = this.payload.get(row) ? this.payLen.get(row) : 0;
    return true;
  }

  /**
   * The stream built from these facts alone (rows: the stream's, in frame
   * order), or null when one of its payloads is not in its frame (then the
   * caller re-dissects). `kept(row)`: the row's payload when the pass kept
   * it in memory (the FTP control connections'), read from there instead
   * of the file.
   */
  build(
    protocol: FollowProtocol,
    stream: number,
    rows: Uint32Array,
    index: PacketIndex,
    source: ByteSource,
    kept?: (row: number) => Uint8Array | null,
  ): FollowStream | null {
    // A TCP chunk is a segment's payload: sized for the rows that carry one, not for the
    // acknowledgments too (a data connection's columns were a third empty, 1.5 MB of the
    // bench-ftp-mix FTP report's 5.2 MB, kept as long as the capture is open).
    let payloads = 0;
    for (const r of rows) {
      const at = this.payload.get(r);
      if (at === NOT_IN_FRAME) return null;
      if (at) payloads++;
    }
    const addr = index.addresses;
    if (protocol === "tcp") {
      const table = new ChunkTable(payloads);
      const r = new TcpReassembler(table);
      // One segment object for every row: the reassembler keeps none of it.
      const seg = newSegment();
      for (const row of rows) {
        if (!this.segment(row, index, seg)) continue;
        const at = this.payload.get(row);
        const bytes = at && kept ? kept(row) : null;
        seg.loc = bytes ? table.keep(bytes) : at ? index.offset[row]! + at - 1 : 0;
        r.add(seg);
      }
      return tcpStreamOf(source, stream, table, r);
    }
    const table = new ChunkTable(rows.length);
    const c = new UdpCollector(table);
    for (const row of rows) {
      if (!(this.len.get(row) & UDP)) continue;
      const ports = this.ports.get(row);
      const at = this.payload.get(row);
      c.add({
        frame: row + 1,
        tsSec: index.tsSec[row]!,
        tsNsec: index.tsNsec[row]!,
        srcAddr: addr.get(index.src[row]!),
        srcPort: ports >>> 16,
        dstAddr: addr.get(index.dst[row]!),
        dstPort: ports & 0xffff,
        length: at ? this.payLen.get(row) : 0,
        loc: at ? index.offset[row]! + at - 1 : 0,
      });
    }
    return udpStreamOf(source, stream, table, c);
  }
}
