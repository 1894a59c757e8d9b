/**
 * Addresses as small integers, so the statistics tables key their rows by
 * numbers and keep no per-packet objects. One interner per address space:
 * link-layer (MAC) or network (IPv4 and IPv6 together, as TCP and UDP
 * conversations mix both).
 */
import { etherToString, ipv4ToString, ipv6ToString } from "../dissect/format";
import { intColumn } from "./growable";

export class AddressInterner {
  /** IPv4 addresses and MACs (as numbers below 2^48) → id. */
  private readonly byNumber = new Map<number, number>();
  /** IPv6 addresses: a 32-bit hash of the 16 bytes → the first id with that hash (chained by `nextSameHash`). */
  private readonly byHash = new Map<number, number>();
  /** Per id: the next IPv6 id with the same hash, and the address as four 32-bit words (IPv6 ids only). */
  private readonly nextSameHash = intColumn();
  private readonly v6Words = intColumn();
  /** Display text of each id (what tshark prints with name resolution off). */
  readonly texts: string[] = [];

  // Interning runs for every address of every packet: no allocation once an address is known.

  /** The id of an address as a dissector reported it: an IPv4 number, a 6-byte MAC or a 16-byte IPv6 address. */
  id(value: unknown): number {
    if (typeof value === "number") {
      const id = this.byNumber.get(value);
      return id ?? this.addNumbered(value, ipv4ToString(value));
    }
    if (!(value instanceof Uint8Array)) return -1;
    if (value.length === 6) {
      let n = 0;
      for (let i = 0; i < 6; i++) n = n * 256 + value[i]!;
      const id = this.byNumber.get(n);
      return id ?? this.addNumbered(n, etherToString(value));
    }
    return value.length === 16 ? this.ipv6(value, 0) : -1;
  }

  /** The id of the address in bytes [at, at + length) of `bytes` (4: IPv4, 16: IPv6), as PacketInfo keeps them. */
  idAt(bytes: Uint8Array | null, at: number, length: number): number {
    if (!bytes) return -1;
    if (length === 4) return this.id(((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0);
    return length === 16 ? this.ipv6(bytes, at) : -1;
  }

  get size(): number {
    return this.texts.length;
  }

  private addNumbered(n: number, text: string): number {
    const id = this.add(text);
    this.byNumber.set(n, id);
    return id;
  }

  private ipv6(bytes: Uint8Array, at: number): number {
    const w0 = word(bytes, at);
    const w1 = word(bytes, at + 4);
    const w2 = word(bytes, at + 8);
    const w3 = word(bytes, at + 12);
    // FNV-1a over the four words.
    const h =
      Math.imul(Math.imul(Math.imul(Math.imul(0x811c9dc5 ^ w0, 0x01000193) ^ w1, 0x01000193) ^ w2, 0x01000193) ^ w3, 0x01000193) >>> 0;
    const head = this.byHash.get(h) ?? -1;
    const words = this.v6Words.a;
    for (let id = head; id >= 0; id = this.nextSameHash.a[id]!) {
      const k = id * 4;
      if (words[k] === w0 && words[k + 1] === w1 && words[k + 2] === w2 && words[k + 3] === w3) return id;
    }
    const id = this.add(ipv6ToString(bytes.subarray(at, at + 16)));
    this.v6Words.ensure(id * 4 + 4);
    this.v6Words.a.set([w0, w1, w2, w3], id * 4);
    this.nextSameHash.a[id] = head;
    this.byHash.set(h, id);
    return id;
  }

  private add(text: string): number {
    const id = this.texts.length;
    this.texts.push(text);
    this.nextSameHash.ensure(id + 1);
    return id;
  }
}

/** Four bytes as a signed 32-bit word. */
function word(b: Uint8Array, at: number): number {
  return (b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!;
}
