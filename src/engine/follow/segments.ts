/**
 * The TCP and UDP facts Follow Stream needs from one dissected packet, read
 * through the dissectors' fields (never by re-parsing headers): a small
 * ProtoTree that records tcp.stream, tcp.seq (relative, as tshark's follow
 * tap uses it), tcp.ack, tcp.len, tcp.flags, tcp.hdr_len and where the
 * payload (tcp.payload, or tcp.reset_cause for a RST carrying text) lies,
 * and the same for UDP. Offsets come with the data source they are in: 0 is
 * the frame (so a file offset is the record's plus the field's), ≥ 1 a
 * buffer the engine reassembled (IP fragments), whose bytes are kept.
 */
import type { FieldDef, FieldValue } from "../dissect/field";
import type { PacketInfo } from "../dissect/packet-info";
import type { ProtoTree } from "../dissect/tree";
import { fieldCount } from "../dissect/field";
import { tcpFields } from "../dissect/protocols/tcp";
import { udpFields } from "../dissect/protocols/udp";

/** Where a packet's payload is: in the frame at `offset`, or in a reassembled buffer (`bytes`). */
export interface PayloadPlace {
  /** Offset of the first payload byte in the frame (source 0), or -1 when in `bytes`. */
  frameOffset: number;
  /** Captured payload bytes. */
  length: number;
  /** The payload itself when it lies in a reassembled buffer (a copy), else null. */
  bytes: Uint8Array | null;
}

/** What a TCP layer said, as tshark's follow tap receives it (tcp_follow_tap_data_t). */
export interface TcpFacts {
  stream: number;
  /** Relative sequence number (tcp.seq). */
  seq: number;
  /** Acknowledgment number as shown (relative when ACK is set, raw otherwise). */
  ack: number;
  /** tcp.len: payload length on the wire (th_seglen). */
  seglen: number;
  flags: number;
  payload: PayloadPlace;
}

export interface UdpFacts {
  stream: number;
  payload: PayloadPlace;
}

const TCP_WANTED = [
  tcpFields[""],
  tcpFields.stream,
  tcpFields.seq,
  tcpFields.ack,
  tcpFields.len,
  tcpFields.hdr_len,
  tcpFields.flags,
  tcpFields.payload,
  tcpFields.reset_cause,
];
const UDP_WANTED = [udpFields[""], udpFields.stream, udpFields.length, udpFields.payload];

const NONE = -1;

/** One TCP layer as recorded (several per packet only in odd nestings; the last full one counts). */
class TcpLayer {
  clear(capLen: number): void {
    this.capLen = capLen;
    this.stream = this.seglen = this.payOffset = NONE;
    this.seq = this.ack = this.hdrLen = this.flags = this.payLength = this.paySource = 0;
  }
  capLen = 0;
  stream = NONE;
  seq = 0;
  ack = 0;
  seglen = NONE;
  hdrLen = 0;
  flags = 0;
  payOffset = NONE;
  payLength = 0;
  paySource = 0;
}

class UdpLayer {
  clear(): void {
    this.stream = this.ulen = this.payOffset = NONE;
    this.payLength = this.paySource = 0;
  }
  stream = NONE;
  ulen = NONE;
  payOffset = NONE;
  payLength = 0;
  paySource = 0;
}

/**
 * Records the follow facts of one packet at a time. Pass it as the tree of
 * `Dissection.dissect`/`redissect`, then call `tcp(pinfo)` / `udp(pinfo)`.
 * (The indexing pass reads the same facts from its FieldCollector instead:
 * follow-facts.ts.)
 */
export class FollowTree implements ProtoTree {
  readonly detailed = false;
  /** tshark's follow taps run without a tree. */
  readonly built = false;
  private readonly wanted: Uint8Array;
  private source = 0;
  private tcpLayer: TcpLayer | null = null;
  private udpLayer: UdpLayer | null = null;
  private readonly tcpSpare = new TcpLayer();
  /** Highest tcp.stream / udp.stream seen in any packet so far (ICMP-quoted ones included): the stream counts. */
  maxTcpStream = -1;
  maxUdpStream = -1;
  private readonly udpSpare = new UdpLayer();

  constructor(
    readonly wantTcp = true,
    readonly wantUdp = true,
  ) {
    this.wanted = new Uint8Array(fieldCount());
    if (wantTcp) for (const f of TCP_WANTED) this.wanted[f.id] = 1;
    if (wantUdp) for (const f of UDP_WANTED) this.wanted[f.id] = 1;
  }

  /** Forget the previous packet. */
  reset(): void {
    this.source = 0;
    this.tcpLayer = null;
    this.udpLayer = null;
  }

  wants(f: FieldDef): boolean {
    return this.wanted[f.id] === 1;
  }

  add(f: FieldDef, offset: number, length: number, value: FieldValue): void {
    this.record(f, offset, length, value);
  }

  private record(f: FieldDef, offset: number, length: number, value: FieldValue): void {
    if (this.wanted[f.id] !== 1) return;
    const t = this.tcpLayer;
    const u = this.udpLayer;
    switch (f) {
      case tcpFields[""]: {
        this.tcpSpare.clear(length);
        this.tcpLayer = this.tcpSpare;
        break;
      }
      case tcpFields.stream:
        if (t) t.stream = value as number;
        if ((value as number) > this.maxTcpStream) this.maxTcpStream = value as number;
        break;
      case tcpFields.seq:
        if (t) t.seq = value as number;
        break;
      case tcpFields.ack:
        if (t) t.ack = value as number;
        break;
      case tcpFields.len:
        if (t) t.seglen = value as number;
        break;
      case tcpFields.hdr_len:
        if (t) t.hdrLen = value as number;
        break;
      case tcpFields.flags:
        if (t) t.flags = value as number;
        break;
      case tcpFields.payload:
      case tcpFields.reset_cause:
        if (t) {
          t.payOffset = offset;
          t.payLength = length;
          t.paySource = this.source;
        }
        break;
      case udpFields[""]: {
        this.udpSpare.clear();
        this.udpLayer = this.udpSpare;
        break;
      }
      case udpFields.stream:
        if (u) u.stream = value as number;
        if ((value as number) > this.maxUdpStream) this.maxUdpStream = value as number;
        break;
      case udpFields.length:
        if (u) u.ulen = value as number;
        break;
      case udpFields.payload:
        if (u) {
          u.payOffset = offset;
          u.payLength = length;
          u.paySource = this.source;
        }
        break;
    }
  }
  open(f: FieldDef, offset: number, length: number, value: FieldValue = null): void {
    this.record(f, offset, length, value);
  }
  close(): void {}
  setLabel(): void {}
  expert(): void {}
  setSource(index: number): void {
    this.source = index;
  }

  /**
   * The packet's TCP facts when tshark's follow tap would see it: a TCP
   * layer of a stream with a segment length (not one quoted in an ICMP
   * error), a sane header length, and a header the capture holds whole
   * (Wireshark stops at a truncated header before the tap).
   */
  tcp(pinfo: PacketInfo): TcpFacts | null {
    const t = this.followedTcp(pinfo);
    if (!t) return null;
    return {
      stream: t.stream,
      seq: t.seq,
      ack: t.ack,
      seglen: t.seglen,
      flags: t.flags,
      payload: place(pinfo, t.payOffset, t.payLength, t.paySource),
    };
  }

  /** The packet's UDP facts (the datagram's payload as the UDP length bounds it). */
  udp(pinfo: PacketInfo): UdpFacts | null {
    const u = this.followedUdp(pinfo);
    if (!u) return null;
    return { stream: u.stream, payload: place(pinfo, u.payOffset, udpPayloadLength(u), u.paySource) };
  }

  /** The same test as `tcp`, without allocating: the recorded layer itself (valid until the next packet). */
  followedTcp(pinfo: PacketInfo): FollowedTcp | null {
    const t = this.tcpLayer;
    if (!t || t.stream === NONE || t.seglen === NONE || pinfo.tcpStream !== t.stream) return null;
    if (t.hdrLen < 20 || t.hdrLen > t.capLen) return null;
    return t;
  }

  followedUdp(pinfo: PacketInfo): FollowedUdp | null {
    const u = this.udpLayer;
    if (!u || u.stream === NONE || pinfo.udpStream !== u.stream) return null;
    return u;
  }
}

/** A followed TCP layer as recorded: payOffset -1 when no payload; paySource 0 = the frame. */
export interface FollowedTcp {
  readonly stream: number;
  readonly seq: number;
  readonly ack: number;
  readonly seglen: number;
  readonly flags: number;
  readonly payOffset: number;
  readonly payLength: number;
  readonly paySource: number;
}

export interface FollowedUdp {
  readonly stream: number;
  readonly ulen: number;
  readonly payOffset: number;
  readonly payLength: number;
  readonly paySource: number;
}

/** The datagram's payload bytes as the UDP length bounds them (udp.length 0: an IPv6 jumbogram, RFC 2675). */
export function udpPayloadLength(u: FollowedUdp): number {
  const len = u.payOffset === NONE ? 0 : u.payLength;
  return u.ulen >= 8 ? Math.min(len, u.ulen - 8) : len;
}

function place(pinfo: PacketInfo, offset: number, length: number, source: number): PayloadPlace {
  if (offset === NONE || length <= 0) return { frameOffset: 0, length: 0, bytes: null };
  if (source === 0) return { frameOffset: offset, length, bytes: null };
  const src = pinfo.sources[source - 1];
  const bytes = src ? src.bytes.slice(offset, offset + length) : new Uint8Array(0);
  return { frameOffset: -1, length: bytes.length, bytes };
}
