/**
 * What the statistics need from one packet's dissection, recorded as the
 * dissectors report it (a ProtoTree that wants a dozen fields):
 *
 * - tap events, Wireshark's tap_queue_packet calls for the eth, ip, ipv6,
 *   tcp and udp taps: one per header of that protocol in the packet (an
 *   ICMP error's quoted IP header or a tunnel's inner one count too), with
 *   its addresses, ports and TCP/UDP stream. TCP and UDP take the network
 *   addresses of the IP layer they ride on (pinfo->src/dst);
 * - the packet's top-level tree items (protocols, and the few generated
 *   fields dissectors put at the top, such as FTP's working directory),
 *   which is what the Protocol Hierarchy counts.
 *
 * Everything lives in reused typed arrays: `reset` before each packet,
 * `finish` after it.
 */
import { fieldByAbbrev, type FieldDef, type FieldValue } from "../dissect/field";
import type { ProtoTree, Severity } from "../dissect/tree";
import { AddressInterner } from "./interner";

export const Tap = { ETH: 0, IP: 1, IPV6: 2, TCP: 3, UDP: 4 } as const;
export type TapKind = (typeof Tap)[keyof typeof Tap];

const enum Role {
  NONE,
  ETH_SRC,
  ETH_DST,
  IP_SRC,
  IP_DST,
  IPV6_SRC,
  IPV6_DST,
  TCP_SPORT,
  TCP_DPORT,
  TCP_STREAM,
  UDP_SPORT,
  UDP_DPORT,
  UDP_STREAM,
}

/** The fields of Role.ETH_SRC onwards, in the enum's order. */
const ROLE_FIELDS = "eth.src eth.dst ip.src ip.dst ipv6.src ipv6.dst tcp.srcport tcp.dstport tcp.stream udp.srcport udp.dstport udp.stream";

const MAX_EVENTS = 64;
const MAX_TOP = 128;

/**
 * One packet's tap events are parallel arrays indexed by event number:
 * `kind`, address ids `src`/`dst` (MAC interner for eth, network interner
 * otherwise), ports, and `stream` (tcp.stream / udp.stream, else -1).
 */
export class TapTree implements ProtoTree {
  readonly detailed = false;
  readonly macs = new AddressInterner();
  readonly hosts = new AddressInterner();
  count = 0;
  readonly kind = new Uint8Array(MAX_EVENTS);
  readonly src = new Int32Array(MAX_EVENTS);
  readonly dst = new Int32Array(MAX_EVENTS);
  readonly sport = new Int32Array(MAX_EVENTS);
  readonly dport = new Int32Array(MAX_EVENTS);
  readonly stream = new Int32Array(MAX_EVENTS);
  /** Field ids of the top-level items, in order (the frame item excluded). */
  readonly top = new Int32Array(MAX_TOP);
  topCount = 0;

  private readonly roles: Uint8Array;
  private readonly frameId: number;
  private depth = 0;
  /** The open event of each tap kind (-1: none), filled as its fields arrive. */
  private readonly pending = new Int32Array(5);
  /** Network addresses of the innermost IP layer so far (TCP and UDP take them). */
  private netSrc = -1;
  private netDst = -1;

  constructor(private readonly wantTop: boolean) {
    const defs = ROLE_FIELDS.split(" ").map((abbrev) => {
      const f = fieldByAbbrev(abbrev);
      if (!f) throw new Error(`statistics: field ${abbrev} is not registered`);
      return f;
    });
    this.roles = new Uint8Array(Math.max(...defs.map((f) => f.id)) + 1);
    defs.forEach((f, i) => (this.roles[f.id] = Role.ETH_SRC + i));
    this.frameId = fieldByAbbrev("frame")?.id ?? -1;
    this.reset();
  }

  wants(f: FieldDef): boolean {
    return (this.roles[f.id] ?? Role.NONE) !== Role.NONE;
  }

  reset(): void {
    this.count = 0;
    this.topCount = 0;
    this.depth = 0;
    this.pending.fill(-1);
    this.netSrc = this.netDst = -1;
  }

  /** Ends the packet: events still filling are complete now. */
  finish(): void {
    this.pending.fill(-1);
  }

  add(f: FieldDef, _offset: number, _length: number, value: FieldValue): void {
    if (this.depth === 0) this.topItem(f);
    const role = this.roles[f.id];
    if (role) this.record(role, value);
  }

  open(f: FieldDef, _offset: number, _length: number, value: FieldValue = null): void {
    if (this.depth === 0) this.topItem(f);
    this.depth++;
    const role = this.roles[f.id];
    if (role) this.record(role, value);
  }

  close(): void {
    if (this.depth > 0) this.depth--;
  }

  setLabel(): void {}
  expert(_o: number, _l: number, _s: Severity, _m: string): void {}
  setSource(): void {}

  private topItem(f: FieldDef): void {
    if (!this.wantTop || f.id === this.frameId || this.topCount >= MAX_TOP) return;
    this.top[this.topCount++] = f.id;
  }

  private record(role: Role, value: FieldValue): void {
    switch (role) {
      case Role.ETH_SRC:
      case Role.ETH_DST:
        this.address(Tap.ETH, role === Role.ETH_SRC ? this.src : this.dst, this.macs.id(value));
        return;
      case Role.IP_SRC:
      case Role.IPV6_SRC:
        this.netSrc = this.hosts.id(value);
        this.address(role === Role.IP_SRC ? Tap.IP : Tap.IPV6, this.src, this.netSrc);
        return;
      case Role.IP_DST:
      case Role.IPV6_DST:
        this.netDst = this.hosts.id(value);
        this.address(role === Role.IP_DST ? Tap.IP : Tap.IPV6, this.dst, this.netDst);
        return;
      case Role.TCP_SPORT:
      case Role.UDP_SPORT: {
        const kind = role === Role.TCP_SPORT ? Tap.TCP : Tap.UDP;
        const i = this.event(kind).pending[kind]!;
        this.src[i] = this.netSrc;
        this.dst[i] = this.netDst;
        this.sport[i] = value as number;
        return;
      }
      case Role.TCP_DPORT:
      case Role.UDP_DPORT: {
        const kind = role === Role.TCP_DPORT ? Tap.TCP : Tap.UDP;
        const i = this.pending[kind]!;
        if (i >= 0) this.dport[i] = value as number;
        return;
      }
      case Role.TCP_STREAM:
      case Role.UDP_STREAM:
        this.closeWith(role === Role.TCP_STREAM ? Tap.TCP : Tap.UDP, (i) => (this.stream[i] = value as number));
        return;
    }
  }

  /** Starts a new event of `kind` (the previous one of that kind, if still open, is complete). */
  private event(kind: TapKind): this {
    if (this.count >= MAX_EVENTS) {
      this.pending[kind] = -1;
      return this;
    }
    const i = this.count++;
    this.kind[i] = kind;
    this.src[i] = this.dst[i] = -1;
    this.sport[i] = this.dport[i] = 0;
    this.stream[i] = -1;
    this.pending[kind] = i;
    return this;
  }

  /** Sets one address of the open event of `kind`, or of a new one when it has that address already (Ethernet gives dst first). */
  private address(kind: TapKind, column: Int32Array, id: number): void {
    let i = this.pending[kind]!;
    if (i < 0 || column[i]! >= 0) i = this.event(kind).pending[kind]!;
    if (i >= 0) column[i] = id;
  }

  /** Sets the last field of the open event of `kind`. */
  private closeWith(kind: TapKind, set: (i: number) => void): void {
    const i = this.pending[kind]!;
    if (i >= 0) set(i);
  }
}
