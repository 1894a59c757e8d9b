/**
 * The dissector interface and the tables that connect layers, keyed as in
 * Wireshark: `wtap_encap` (link type), `ethertype`, `ip.proto`, `tcp.port`,
 * `udp.port`. Protocol files register themselves in `registry.ts`.
 */
import type { PacketInfo } from "./packet-info";

export interface Dissector {
  /** Wireshark protocol filter name, e.g. "tcp". */
  readonly name: string;
  /**
   * Dissects data[offset, end) of the current source. Reports fields through
   * `pinfo.tree`. Returns the number of bytes consumed; 0 means "not mine"
   * (for heuristic and port-table tries). Never throws on bad data: marks the
   * layer malformed instead (see `markMalformed`).
   */
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number;
}

export type TableName = "wtap_encap" | "ethertype" | "ip.proto" | "tcp.port" | "udp.port" | "sll.ltype";

/** Keys below this (EtherTypes, IP protocols, ports, link types) are also kept in a plain array. */
const SMALL_KEYS = 65536;

class DissectorTable {
  private readonly byKey = new Map<number, Dissector>();
  /** byKey's entries with small non-negative integer keys, indexed by key: a lookup per packet and layer without hashing. */
  private readonly small: (Dissector | undefined)[] = [];
  constructor(readonly name: TableName) {}
  add(key: number, d: Dissector): void {
    this.byKey.set(key, d);
    if (Number.isInteger(key) && key >= 0 && key < SMALL_KEYS) {
      while (this.small.length <= key) this.small.push(undefined);
      this.small[key] = d;
    }
  }
  get(key: number): Dissector | undefined {
    return key >>> 0 === key && key < this.small.length ? this.small[key] : this.byKey.get(key);
  }
  /** Calls the dissector for `key`; returns bytes consumed, or -1 if none registered. */
  tryCall(key: number, data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const d = this.get(key);
    if (!d) return -1;
    return d.dissect(data, offset, end, pinfo);
  }
}

const tables = new Map<TableName, DissectorTable>();

export function table(name: TableName): DissectorTable {
  let t = tables.get(name);
  if (!t) {
    t = new DissectorTable(name);
    tables.set(name, t);
  }
  return t;
}

export function register(tableName: TableName, keys: number | readonly number[], d: Dissector): void {
  const t = table(tableName);
  for (const k of typeof keys === "number" ? [keys] : keys) t.add(k, d);
}

/** Heuristic dissectors tried on TCP/UDP payloads no port or conversation claimed, and on Ethernet trailers. */
type HeuristicList = "tcp" | "udp" | "eth.trailer";
const heuristics = new Map<string, Dissector[]>();
export function registerHeuristic(parent: HeuristicList, d: Dissector): void {
  let list = heuristics.get(parent);
  if (!list) heuristics.set(parent, (list = []));
  list.push(d);
}
export function heuristicsFor(parent: HeuristicList): readonly Dissector[] {
  return heuristics.get(parent) ?? [];
}
