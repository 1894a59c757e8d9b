/**
 * What the statistics need from one packet's dissection, recorded as the
 * dissectors report it (a ProtoTree that wants a dozen fields):
 *
 * - tap events, Wireshark's tap_queue_packet calls for the eth, ip, ipv6,
 *   tcp and udp taps: one per header of that protocol in the packet (a
 *   tunnel's inner one counts too; what an ICMP error quotes does not, as
 *   tshark drops taps queued in error packets), with its addresses, ports and TCP/UDP stream. TCP and UDP take the network
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
import type { PacketInfo } from "../dissect/packet-info";
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
  IPV6_FRAGMENT,
}

/** The fields of Role.ETH_SRC onwards, in the enum's order. */
const ROLE_FIELDS =
  "eth.src eth.dst ip.src ip.dst ipv6.src ipv6.dst tcp.srcport tcp.dstport tcp.stream udp.srcport udp.dstport udp.stream ipv6.fraghdr";

const MAX_EVENTS = 64;
/** The kind of an event withdrawn after all (counted by no table). */
const NO_TAP = 255;
const MAX_TOP = 128;
/** Bits of TapTree.noted. */
const NOTED_ROLE = 1;
const NOTED_TOP = 2;

/**
 * One packet's tap events are parallel arrays indexed by event number:
 * `kind`, address ids `src`/`dst` (MAC interner for eth, network interner
 * otherwise), ports, and `stream` (tcp.stream / udp.stream, else -1).
 */
export class TapTree implements ProtoTree {
  readonly detailed = false;
  /** tshark builds a tree for the Protocol Hierarchy (TL_REQUIRES_PROTO_TREE), not for conversations or endpoints. */
  readonly built: boolean;
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
  /** Depths set aside by enterRoot (the payload UDP hands to the root tree is top-level). */
  private readonly savedDepths: number[] = [];
  /** The open event of each tap kind (-1: none), filled as its fields arrive. */
  private readonly pending = new Int32Array(5);
  /** The open IPv6 event has a fragment header (not reassembled here when `data` follows). */
  private ipv6Fragment = false;
  private readonly dataId: number;
  /**
   * Items that are top-level in Wireshark's tree wherever ours puts them (an exception's
   * item goes to the tree of the dissector that caught it, the root; reassembled TCP
   * segments are listed at the top before the PDU's protocol), and items ours puts at the
   * top that Wireshark keeps inside the Ethernet or VLAN layer (padding, trailer, FCS) or
   * the frame (frame.protocols, which a details tree adds to the closed frame item).
   */
  private readonly notTop: ReadonlySet<number>;
  /** Per field id: whether the field has a role or is top-level at any depth (most fields: neither, and add returns at once). */
  private readonly noted: Uint8Array;
  private readonly malformedId: number;
  /** Tap kind of each protocol's own top-level item (field id → kind + 1; 0: none). */
  private readonly layerTap: Uint8Array;
  /** The tap kind of the last top-level item, when it is one of the tapped protocols (-1: not). */
  private lastLayer = -1;

  constructor(
    private readonly wantTop: boolean,
    /** The dissection's packet info: whether it is inside an ICMP error, the addresses TCP and UDP take. */
    private readonly pinfo: () => PacketInfo,
    /** Whether the frame item counts as a top-level item (tshark's tree has it visible only for -V or -T fields). */
    private readonly keepFrame = false,
  ) {
    this.built = wantTop;
    const defs = ROLE_FIELDS.split(" ").map((abbrev) => {
      const f = fieldByAbbrev(abbrev);
      if (!f) throw new Error(`statistics: field ${abbrev} is not registered`);
      return f;
    });
    this.roles = new Uint8Array(Math.max(...defs.map((f) => f.id)) + 1);
    defs.forEach((f, i) => (this.roles[f.id] = Role.ETH_SRC + i));
    this.frameId = fieldByAbbrev("frame")?.id ?? -1;
    this.dataId = fieldByAbbrev("data")?.id ?? -1;
    const ids = (abbrevs: string): Set<number> => new Set(abbrevs.split(" ").flatMap((a) => fieldByAbbrev(a)?.id ?? []));
    const topAnyDepth = ids("_ws.malformed _ws.short tcp.segments");
    this.notTop = ids("eth.padding eth.trailer eth.fcs eth.fcs.status vlan.trailer frame.protocols");
    this.malformedId = fieldByAbbrev("_ws.malformed")?.id ?? -1;
    const layers = (["eth", "ip", "ipv6", "tcp", "udp"] as const).map((a) => fieldByAbbrev(a)!);
    this.layerTap = new Uint8Array(Math.max(...layers.map((f) => f.id)) + 1);
    layers.forEach((f, kind) => (this.layerTap[f.id] = kind + 1));
    this.noted = new Uint8Array(Math.max(this.roles.length, ...topAnyDepth) + 1);
    for (let id = 0; id < this.roles.length; id++) if (this.roles[id] !== Role.NONE) this.noted[id] = NOTED_ROLE;
    for (const id of topAnyDepth) this.noted[id]! |= NOTED_TOP;
    this.reset();
  }

  wants(f: FieldDef): boolean {
    const noted = this.noted[f.id] ?? 0;
    return (noted & NOTED_ROLE) !== 0 || (this.wantTop && (noted & NOTED_TOP) !== 0);
  }

  reset(): void {
    this.count = 0;
    this.topCount = 0;
    this.depth = 0;
    this.savedDepths.length = 0;
    this.pending.fill(-1);
    this.ipv6Fragment = false;
    this.lastLayer = -1;
  }

  /** Ends the packet: events still filling are complete now. */
  finish(): void {
    this.pending.fill(-1);
  }

  // add and open run for every item of every packet: most are nested and noted nowhere.
  add(f: FieldDef, _offset: number, _length: number, value: FieldValue): void {
    const noted = this.noted[f.id] ?? 0;
    if (this.depth !== 0 && noted === 0) return;
    // TCP queues its tap after its options, IPv6 after its extension headers: an exception in
    // those ends the dissection before (IP and UDP queue theirs right after the fixed header).
    if (f.id === this.malformedId && (this.lastLayer === Tap.TCP || this.lastLayer === Tap.IPV6)) this.withdraw(this.lastLayer);
    if (this.depth === 0 || (noted & NOTED_TOP) !== 0) this.topItem(f);
    const role = this.roles[f.id];
    if (role && !this.pinfo().inErrorPacket) this.record(role, value);
  }

  open(f: FieldDef, _offset: number, _length: number, value: FieldValue = null): void {
    const noted = this.noted[f.id] ?? 0;
    const depth = this.depth++;
    if (depth !== 0 && noted === 0) return;
    if (depth === 0 || (noted & NOTED_TOP) !== 0) this.topItem(f);
    const role = this.roles[f.id];
    if (role && !this.pinfo().inErrorPacket) this.record(role, value);
  }

  close(): void {
    if (this.depth > 0) this.depth--;
  }

  setLabel(): void {}
  expert(_o: number, _l: number, _s: Severity, _m: string): void {}
  setSource(): void {}
  enterRoot(): void {
    this.savedDepths.push(this.depth);
    this.depth = 0;
  }
  leaveRoot(): void {
    this.depth = this.savedDepths.pop() ?? 0;
  }

  private topItem(f: FieldDef): void {
    // A fragment Wireshark does not reassemble here goes to the data dissector before the IPv6 tap is queued.
    if (f.id === this.dataId && this.ipv6Fragment) this.withdraw(Tap.IPV6);
    this.lastLayer = (this.layerTap[f.id] ?? 0) - 1;
    if (!this.wantTop || (f.id === this.frameId && !this.keepFrame) || this.notTop.has(f.id) || this.topCount >= MAX_TOP) return;
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
        this.address(role === Role.IP_SRC ? Tap.IP : Tap.IPV6, this.src, this.hosts.id(value));
        if (role === Role.IPV6_SRC) this.ipv6Fragment = false;
        return;
      case Role.IP_DST:
      case Role.IPV6_DST:
        this.address(role === Role.IP_DST ? Tap.IP : Tap.IPV6, this.dst, this.hosts.id(value));
        return;
      case Role.TCP_SPORT:
      case Role.UDP_SPORT: {
        const kind = role === Role.TCP_SPORT ? Tap.TCP : Tap.UDP;
        const i = this.event(kind).pending[kind]!;
        // pinfo->src/dst: the innermost IP layer's, a routing header's final destination included.
        const p = this.pinfo();
        this.src[i] = this.hosts.idAt(p.srcAddrBytes, p.srcAddrAt, p.srcAddrLen);
        this.dst[i] = this.hosts.idAt(p.dstAddrBytes, p.dstAddrAt, p.dstAddrLen);
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
      case Role.IPV6_FRAGMENT:
        this.ipv6Fragment = true;
        return;
      case Role.TCP_STREAM:
      case Role.UDP_STREAM: {
        // The last field of the open event.
        const i = this.pending[role === Role.TCP_STREAM ? Tap.TCP : Tap.UDP]!;
        if (i >= 0) this.stream[i] = value as number;
        return;
      }
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

  /** Takes back the open event of `kind`: no table counts it. */
  private withdraw(kind: TapKind): void {
    const i = this.pending[kind]!;
    if (i < 0) return;
    this.kind[i] = NO_TAP;
    this.pending[kind] = -1;
  }
}
