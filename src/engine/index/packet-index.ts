/**
 * The packet index: one row per packet in typed-array columns, so a capture of
 * millions of packets costs a few dozen bytes each and no JS object per packet.
 *
 * Bytes per packet: offset 8, capLen 4, origLen 4, tsSec 8, tsNsec 4,
 * iface 2, src 4, dst 4, protocol 2, tcpStream 4, udpStream 4, tcpFlags 2,
 * flags 4, layers 2, srcPort 2, dstPort 2 = 60 bytes (the goal is ≤ 64).
 *
 * `layers` is frame.protocols interned (a capture has few distinct protocol
 * stacks), and the ports are the transport's (PacketFlag.PORT_* says whose):
 * with the streams and flags they let a display filter answer "tcp",
 * "tcp.port == 21" or "ip.addr == X" for most packets without dissecting.
 */
import type { PacketRecord } from "../capture/types";
import type { PacketInfo } from "../dissect/packet-info";
import { PortType } from "../dissect/packet-info";
import { StringTable } from "./string-table";

/** The `layers` id that stands for "one of too many distinct stacks". */
export const OVERFLOW_LAYERS = 0xffff;

/** Bits of the `flags` column, used by colouring rules and quick filters. */
export const PacketFlag = {
  MALFORMED: 1 << 0,
  EXPERT_WARN: 1 << 1,
  EXPERT_ERROR: 1 << 2,
  /** The ports columns hold TCP's (PORT_TCP) or UDP's (PORT_UDP) ports. */
  PORT_TCP: 1 << 3,
  PORT_UDP: 1 << 4,
  /** TCP analysis bits are stored shifted by 8 (see tcp.ts TcpAnalysis). */
  TCP_ANALYSIS_SHIFT: 8,
} as const;

export class PacketIndex {
  count = 0;
  private capacity: number;
  offset: Float64Array;
  capLen: Uint32Array;
  origLen: Uint32Array;
  tsSec: Float64Array;
  tsNsec: Uint32Array;
  iface: Uint16Array;
  src: Uint32Array;
  dst: Uint32Array;
  protocol: Uint16Array;
  tcpStream: Int32Array;
  udpStream: Int32Array;
  tcpFlags: Uint16Array;
  flags: Uint32Array;
  layers: Uint16Array;
  srcPort: Uint16Array;
  dstPort: Uint16Array;
  readonly addresses = new StringTable();
  readonly protocols = new StringTable();
  /** frame.protocols strings ("eth:ethertype:ip:tcp:ftp"), by `layers` id. */
  readonly layerSets = new StringTable();

  constructor(initialCapacity = 1024) {
    this.capacity = initialCapacity;
    this.offset = new Float64Array(initialCapacity);
    this.capLen = new Uint32Array(initialCapacity);
    this.origLen = new Uint32Array(initialCapacity);
    this.tsSec = new Float64Array(initialCapacity);
    this.tsNsec = new Uint32Array(initialCapacity);
    this.iface = new Uint16Array(initialCapacity);
    this.src = new Uint32Array(initialCapacity);
    this.dst = new Uint32Array(initialCapacity);
    this.protocol = new Uint16Array(initialCapacity);
    this.tcpStream = new Int32Array(initialCapacity);
    this.udpStream = new Int32Array(initialCapacity);
    this.tcpFlags = new Uint16Array(initialCapacity);
    this.flags = new Uint32Array(initialCapacity);
    this.layers = new Uint16Array(initialCapacity);
    this.srcPort = new Uint16Array(initialCapacity);
    this.dstPort = new Uint16Array(initialCapacity);
  }

  private grow(): void {
    this.resize(this.capacity * 2);
  }

  /**
   * The columns shrink to the rows there are, once the pass is over: growth
   * by doubling leaves up to half of each unused (bench-ftp-mix: 98,136 rows
   * in columns for 131,072, 2 MB). A later append grows them again.
   */
  trim(): void {
    if (this.capacity > this.count) this.resize(Math.max(1, this.count));
  }

  private resize(cap: number): void {
    const g = <T extends Float64Array | Uint32Array | Uint16Array | Int32Array>(a: T, make: new (n: number) => T): T => {
      const b = new make(cap);
      b.set(a.subarray(0, Math.min(cap, this.count)));
      return b;
    };
    this.offset = g(this.offset, Float64Array);
    this.capLen = g(this.capLen, Uint32Array);
    this.origLen = g(this.origLen, Uint32Array);
    this.tsSec = g(this.tsSec, Float64Array);
    this.tsNsec = g(this.tsNsec, Uint32Array);
    this.iface = g(this.iface, Uint16Array);
    this.src = g(this.src, Uint32Array);
    this.dst = g(this.dst, Uint32Array);
    this.protocol = g(this.protocol, Uint16Array);
    this.tcpStream = g(this.tcpStream, Int32Array);
    this.udpStream = g(this.udpStream, Int32Array);
    this.tcpFlags = g(this.tcpFlags, Uint16Array);
    this.flags = g(this.flags, Uint32Array);
    this.layers = g(this.layers, Uint16Array);
    this.srcPort = g(this.srcPort, Uint16Array);
    this.dstPort = g(this.dstPort, Uint16Array);
    this.capacity = cap;
  }

  /** Appends the packet just dissected; returns its row (frame number - 1). */
  append(rec: PacketRecord, pinfo: PacketInfo): number {
    if (this.count === this.capacity) this.grow();
    const i = this.count++;
    this.offset[i] = rec.dataOffset;
    this.capLen[i] = rec.capLen;
    this.origLen[i] = rec.origLen;
    this.tsSec[i] = rec.tsSec;
    this.tsNsec[i] = rec.tsNsec;
    this.iface[i] = rec.interfaceId;
    this.src[i] = this.addresses.intern(pinfo.srcColumn);
    this.dst[i] = this.addresses.intern(pinfo.dstColumn);
    this.protocol[i] = this.protocols.intern(pinfo.protocol);
    this.tcpStream[i] = pinfo.tcpStream;
    this.udpStream[i] = pinfo.udpStream;
    this.tcpFlags[i] = pinfo.tcpFlags < 0 ? 0xffff : pinfo.tcpFlags;
    let f = 0;
    if (pinfo.malformed) f |= PacketFlag.MALFORMED;
    if (pinfo.expertSeverity >= 3) f |= PacketFlag.EXPERT_WARN;
    if (pinfo.expertSeverity >= 4) f |= PacketFlag.EXPERT_ERROR;
    if (pinfo.portType === PortType.TCP) f |= PacketFlag.PORT_TCP;
    else if (pinfo.portType === PortType.UDP) f |= PacketFlag.PORT_UDP;
    f |= (pinfo.tcpAnalysis & 0xffffff) << PacketFlag.TCP_ANALYSIS_SHIFT;
    this.flags[i] = f >>> 0;
    this.layers[i] = this.layerSet(pinfo.layers);
    this.srcPort[i] = pinfo.srcPort;
    this.dstPort[i] = pinfo.dstPort;
    return i;
  }

  /** The id of a protocol stack; stacks past 65,535 distinct ones share the last id (which filters never trust). */
  private lastLayers: readonly string[] = [];
  private lastLayersId = 0;
  private layerSet(layers: readonly string[]): number {
    // Consecutive packets usually share their stack: compare before joining.
    const last = this.lastLayers;
    if (last.length === layers.length && layers.every((l, k) => l === last[k]) && this.layerSets.size > 0) return this.lastLayersId;
    const id = Math.min(this.layerSets.intern(layers.join(":")), OVERFLOW_LAYERS);
    this.lastLayers = layers.slice();
    this.lastLayersId = id;
    return id;
  }

  /** Bytes held by the columns (for the ≤ 64 B/packet goal and the bench). */
  bytesUsed(): number {
    return this.count * 60;
  }
}
