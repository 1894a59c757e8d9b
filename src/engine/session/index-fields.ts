/**
 * A row of the packet index seen as a packet's fields, for the part of a
 * display filter the index can answer without dissecting: frame.* facts,
 * which protocols the packet has (its frame.protocols), and, when the packet
 * has exactly one of the layer in question and is not damaged, TCP/UDP ports,
 * streams and flags and the IPv4/IPv6 addresses. Anything else throws
 * INDEX_UNKNOWN, and the filter falls back to dissecting that row.
 *
 * A field of a protocol the packet does not have is answered "absent" without
 * dissection: fields are only ever added inside their protocol's layer (the
 * aliases below name the exceptions, such as dns.* inside mdns).
 *
 * This runs once per row per field over a million rows, so each field is
 * planned once (what it reads, which layers carry it) and what a row's
 * protocol stack implies is computed once per distinct stack.
 */
import { layerName, listedProtocols } from "../dissect/common";
import type { FieldDef } from "../dissect/field";
import type { RangeNode } from "../filter/ast";
import { FIELD_UNKNOWN, type PacketFields } from "../filter/compile";
import { parseIpv4, parseIpv6, type Value } from "../filter/values";
import { OVERFLOW_LAYERS, PacketFlag, type PacketIndex } from "../index/packet-index";

/** Thrown by IndexFields.read when the index cannot tell. */
const INDEX_UNKNOWN = FIELD_UNKNOWN;

/** Layers that carry another protocol's fields (the DNS dissector serves mDNS and LLMNR). */
const CARRIERS: Record<string, readonly string[]> = { dns: ["dns", "mdns", "llmnr"] };

/** What one distinct protocol stack (frame.protocols) implies. */
interface Stack {
  counts: Map<string, number>;
  /** An ICMP error quotes another packet: the columns' ports and flags may be the quoted ones. */
  quoted: boolean;
  /** The Source/Destination columns are this stack's only IPv4 (or IPv6) layer's addresses. */
  v4Columns: boolean;
  v6Columns: boolean;
}

/** Reads one field of the current row; throws INDEX_UNKNOWN when the index cannot tell. */
type Reader = (row: number, stack: Stack) => Value[] | null;

interface Plan {
  /** How many layers of a stack (by layer-set id) could carry the field; computed on first sight. */
  carriers: number[];
  names: readonly string[];
  /** Reads the field once the packet is known to have exactly one undamaged carrier layer. */
  reader: Reader;
}

/** Plan markers: frame.* fields are read from the row itself; _ws.* never from the index. */
const FRAME: readonly string[] = [];
const NOT_INDEXED: readonly string[] = [];

const NS_PER_S = 1_000_000_000n;
const nanoseconds = (sec: number, nsec: number): bigint => BigInt(sec) * NS_PER_S + BigInt(nsec);

export class IndexFields implements PacketFields {
  row = 0;
  private stacks: Stack[] = [];
  private plans = new Map<FieldDef, Plan>();
  /** Parsed addresses by address-table id (arrays: looked up twice per row). */
  private readonly v4: (number | null)[] = [];
  private readonly v6: (Uint8Array | null)[] = [];
  private readonly hasInterfaceIds: boolean;
  private readonly firstNs: bigint;

  constructor(
    private readonly index: PacketIndex,
    first: { sec: number; nsec: number } | null,
    format: string,
    private readonly comments: ReadonlyMap<number, readonly string[]>,
  ) {
    this.hasInterfaceIds = format === "pcapng";
    this.firstNs = first ? nanoseconds(first.sec, first.nsec) : 0n;
  }

  private stackId(): number {
    const id = this.index.layers[this.row]!;
    if (id === OVERFLOW_LAYERS) throw INDEX_UNKNOWN;
    return id;
  }

  private stack(id: number): Stack {
    let s = this.stacks[id];
    if (!s) {
      const counts = new Map<string, number>();
      for (const layer of this.index.layerSets.get(id).split(":")) {
        const l = layerName(layer);
        counts.set(l, (counts.get(l) ?? 0) + 1);
      }
      const n = (l: string): number => counts.get(l) ?? 0;
      const quoted = n("icmp") + n("icmpv6") > 0;
      const tunnelled = quoted || n("gre") > 0;
      s = { counts, quoted, v4Columns: !tunnelled && n("ipv6") === 0, v6Columns: !tunnelled && n("ip") === 0 };
      this.stacks[id] = s;
    }
    return s;
  }

  exists(f: FieldDef, layers: readonly RangeNode[] | null): boolean {
    const name = f.abbrev;
    // The "Packet comments" item is there exactly when the packet has comments (frame.protocols does not list it).
    if (name === "pkt_comment" && !layers) return (this.comments.get(this.row)?.length ?? 0) > 0;
    if (f.type === "protocol" && !layers && !name.startsWith("frame") && !name.startsWith("_ws")) {
      // A protocol is present exactly when its layer is (frame.protocols); mDNS's layer is not DNS's.
      // In a damaged packet the layer that threw may have done so before adding its item.
      const present = (this.stack(this.stackId()).counts.get(name) ?? 0) > 0;
      if (present && this.index.flags[this.row]! & PacketFlag.MALFORMED) throw INDEX_UNKNOWN;
      return present;
    }
    return this.read(f, layers) !== null;
  }

  read(f: FieldDef, layers: readonly RangeNode[] | null): Value[] | null {
    let plan = this.plans.get(f);
    if (!plan) this.plans.set(f, (plan = this.plan(f)));
    if (plan.names === FRAME) {
      if (layers) throw INDEX_UNKNOWN;
      return this.frame(f);
    }
    if (plan.names === NOT_INDEXED) throw INDEX_UNKNOWN;
    const id = this.stackId();
    let n = plan.carriers[id];
    if (n === undefined) {
      const counts = this.stack(id).counts;
      n = 0;
      for (const l of plan.names) n += counts.get(l) ?? 0;
      plan.carriers[id] = n;
    }
    if (n === 0) return null;
    // Past here the protocol is present; only facts from a single, undamaged layer are exact.
    if (layers || n !== 1 || this.index.flags[this.row]! & PacketFlag.MALFORMED) throw INDEX_UNKNOWN;
    return plan.reader(this.row, this.stacks[id]!);
  }

  private plan(f: FieldDef): Plan {
    const name = f.abbrev;
    if (name.startsWith("frame")) return { carriers: [], names: FRAME, reader: () => null };
    if (name.startsWith("_ws")) return { carriers: [], names: NOT_INDEXED, reader: () => null };
    const dot = name.indexOf(".");
    const proto = dot < 0 ? name : name.slice(0, dot);
    return { carriers: [], names: CARRIERS[proto] ?? [proto], reader: this.reader(f, proto) };
  }

  /** How the index answers `f` (each reader hands back one reused array: filters only read values). */
  private reader(f: FieldDef, proto: string): Reader {
    const ix = this.index;
    const unknown: Reader = () => {
      throw INDEX_UNKNOWN;
    };
    if (f.type === "protocol") return unknown; // its value is its bytes
    const one: Value[] = [0];
    const two: Value[] = [0, 0];
    const name = f.abbrev;
    switch (name) {
      case "tcp.port":
      case "tcp.srcport":
      case "tcp.dstport":
      case "udp.port":
      case "udp.srcport":
      case "udp.dstport": {
        // Ports the packet list knows are the outer transport's; inside an ICMP error they are not.
        const flag = proto === "tcp" ? PacketFlag.PORT_TCP : PacketFlag.PORT_UDP;
        const which = name.endsWith("srcport") ? 0 : name.endsWith("dstport") ? 1 : 2;
        return (row, stack) => {
          if (stack.quoted || !(ix.flags[row]! & flag)) throw INDEX_UNKNOWN;
          if (which === 0) return ((one[0] = ix.srcPort[row]!), one);
          if (which === 1) return ((one[0] = ix.dstPort[row]!), one);
          two[0] = ix.srcPort[row]!;
          two[1] = ix.dstPort[row]!;
          return two;
        };
      }
      case "tcp.stream":
      case "udp.stream": {
        const streams = name === "tcp.stream" ? ix.tcpStream : ix.udpStream;
        return (row, stack) => {
          const s = streams[row]!;
          if (stack.quoted || s < 0) throw INDEX_UNKNOWN;
          return ((one[0] = s), one);
        };
      }
      case "tcp.flags":
        return (row, stack) => {
          if (stack.quoted || ix.tcpFlags[row] === 0xffff) throw INDEX_UNKNOWN;
          return ((one[0] = ix.tcpFlags[row]!), one);
        };
      case "ip.src":
      case "ip.dst":
      case "ip.addr":
        return this.addresses(name, "v4Columns", (id) => this.ipv4(id), one, two);
      case "ipv6.src":
      case "ipv6.dst":
      case "ipv6.addr":
        return this.addresses(name, "v6Columns", (id) => this.ipv6(id), one, two);
    }
    const bit = f.bitmask;
    if (name.startsWith("tcp.flags.") && bit) {
      return (row, stack) => {
        if (stack.quoted || ix.tcpFlags[row] === 0xffff) throw INDEX_UNKNOWN;
        return ((one[0] = (ix.tcpFlags[row]! & bit) !== 0 ? 1 : 0), one);
      };
    }
    return unknown;
  }

  /** The Source/Destination columns are the one network layer's addresses when it is the only one. */
  private addresses(name: string, usable: "v4Columns" | "v6Columns", parse: (id: number) => Value | null, one: Value[], two: Value[]): Reader {
    const ix = this.index;
    const which = name.endsWith(".src") ? 0 : name.endsWith(".dst") ? 1 : 2;
    return (row, stack) => {
      if (!stack[usable]) throw INDEX_UNKNOWN;
      const src = which === 1 ? 0 : parse(ix.src[row]!);
      const dst = which === 0 ? 0 : parse(ix.dst[row]!);
      if (src === null || dst === null) throw INDEX_UNKNOWN;
      if (which === 0) return ((one[0] = src), one);
      if (which === 1) return ((one[0] = dst), one);
      two[0] = src;
      two[1] = dst;
      return two;
    };
  }

  private ipv4(id: number): number | null {
    let v = this.v4[id];
    if (v === undefined) this.v4[id] = v = parseIpv4(this.index.addresses.get(id));
    return v;
  }

  private ipv6(id: number): Uint8Array | null {
    let v = this.v6[id];
    if (v === undefined) {
      const s = this.index.addresses.get(id);
      this.v6[id] = v = s.includes(":") && !/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/.test(s) ? parseIpv6(s) : null;
    }
    return v;
  }

  private frame(f: FieldDef): Value[] | null {
    const ix = this.index;
    const row = this.row;
    switch (f.abbrev) {
      case "frame":
        throw INDEX_UNKNOWN;
      case "frame.number":
        return [row + 1];
      case "frame.len":
        return [ix.origLen[row]!];
      case "frame.cap_len":
        return [ix.capLen[row]!];
      case "frame.interface_id":
        return this.hasInterfaceIds ? [ix.iface[row]!] : null;
      case "frame.marked":
      case "frame.ignored":
        return [0];
      case "frame.time":
      case "frame.time_epoch":
        return [nanoseconds(ix.tsSec[row]!, ix.tsNsec[row]!)];
      case "frame.time_relative":
        return [nanoseconds(ix.tsSec[row]!, ix.tsNsec[row]!) - this.firstNs];
      case "frame.time_delta":
        return [row === 0 ? 0n : nanoseconds(ix.tsSec[row]!, ix.tsNsec[row]!) - nanoseconds(ix.tsSec[row - 1]!, ix.tsNsec[row - 1]!)];
      case "frame.protocols":
        if (ix.layers[row] === OVERFLOW_LAYERS) throw INDEX_UNKNOWN;
        return [listedProtocols(ix.layerSets.get(ix.layers[row]!).split(":"))];
      case "frame.comment": {
        const c = this.comments.get(row);
        return c && c.length ? [...c] : null;
      }
      default:
        throw INDEX_UNKNOWN;
    }
  }
}
