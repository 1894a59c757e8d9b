/**
 * Addresses as small integers, so the statistics tables key their rows by
 * numbers and keep no per-packet objects. One interner per address space:
 * link-layer (MAC) or network (IPv4 and IPv6 together, as TCP and UDP
 * conversations mix both).
 */
import { etherToString, ipv4ToString, ipv6ToString } from "../dissect/format";

export class AddressInterner {
  private readonly byNumber = new Map<number, number>();
  private readonly byString = new Map<string, number>();
  /** Display text of each id (what tshark prints with name resolution off). */
  readonly texts: string[] = [];

  /** The id of an address as a dissector reported it: an IPv4 number, a 6-byte MAC or a 16-byte IPv6 address. */
  id(value: unknown): number {
    if (typeof value === "number") return this.numbered(value, ipv4ToString);
    if (!(value instanceof Uint8Array)) return -1;
    if (value.length === 6) {
      let n = 0;
      for (let i = 0; i < 6; i++) n = n * 256 + value[i]!;
      return this.numbered(n, () => etherToString(value));
    }
    if (value.length !== 16) return -1;
    let key = "";
    for (let i = 0; i < 16; i += 2) key += String.fromCharCode((value[i]! << 8) | value[i + 1]!);
    let id = this.byString.get(key);
    if (id === undefined) {
      id = this.add(ipv6ToString(value));
      this.byString.set(key, id);
    }
    return id;
  }

  /** The id of the address in bytes [at, at + length) of `bytes` (4: IPv4, 16: IPv6), as PacketInfo keeps them. */
  idAt(bytes: Uint8Array | null, at: number, length: number): number {
    if (!bytes) return -1;
    if (length === 4) return this.id(((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0);
    return length === 16 ? this.id(bytes.subarray(at, at + 16)) : -1;
  }

  get size(): number {
    return this.texts.length;
  }

  private numbered(n: number, text: (n: number) => string): number {
    let id = this.byNumber.get(n);
    if (id === undefined) {
      id = this.add(text(n));
      this.byNumber.set(n, id);
    }
    return id;
  }

  private add(text: string): number {
    this.texts.push(text);
    return this.texts.length - 1;
  }
}
