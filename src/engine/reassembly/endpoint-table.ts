/**
 * Conversation lookup for TCP and UDP: (address, port) pairs, in either
 * direction, to a small integer (the stream index), as Wireshark's
 * find_conversation does for ENDPOINT_TCP / ENDPOINT_UDP exact matches.
 *
 * Millions of conversations must fit, and every packet looks one up, so the
 * table is open addressing over typed arrays: no string key and no object per
 * packet or per conversation. A key is the two endpoints in a canonical order
 * (the smaller address/port first), so both directions of a conversation meet
 * in one slot; `direction` tells which side sent the packet.
 *
 * IPv4 keys take 3 words (two addresses, the two ports), IPv6 keys 9. Other
 * address lengths (none today) fall back to a string-keyed Map.
 */

const EMPTY = -1;

class WordTable {
  private keys: Uint32Array;
  private vals: Int32Array;
  private mask: number;
  private used = 0;

  constructor(
    private readonly width: number,
    capacity = 1024,
  ) {
    this.keys = new Uint32Array(capacity * width);
    this.vals = new Int32Array(capacity).fill(EMPTY);
    this.mask = capacity - 1;
  }

  private slot(key: Uint32Array): number {
    // FNV-1a over the words, then a final avalanche (murmur3 fmix32).
    let h = 0x811c9dc5;
    for (let i = 0; i < this.width; i++) h = Math.imul(h ^ key[i]!, 0x01000193);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h & this.mask;
  }

  private same(at: number, key: Uint32Array): boolean {
    const base = at * this.width;
    for (let i = 0; i < this.width; i++) if (this.keys[base + i] !== key[i]) return false;
    return true;
  }

  get(key: Uint32Array): number {
    for (let s = this.slot(key); ; s = (s + 1) & this.mask) {
      const v = this.vals[s]!;
      if (v === EMPTY) return EMPTY;
      if (this.same(s, key)) return v;
    }
  }

  set(key: Uint32Array, value: number): void {
    for (let s = this.slot(key); ; s = (s + 1) & this.mask) {
      const v = this.vals[s]!;
      if (v === EMPTY) {
        this.keys.set(key.subarray(0, this.width), s * this.width);
        this.vals[s] = value;
        if (++this.used * 2 > this.mask) this.grow();
        return;
      }
      if (this.same(s, key)) {
        this.vals[s] = value;
        return;
      }
    }
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldVals = this.vals;
    const cap = (this.mask + 1) * 2;
    this.keys = new Uint32Array(cap * this.width);
    this.vals = new Int32Array(cap).fill(EMPTY);
    this.mask = cap - 1;
    this.used = 0;
    const k = new Uint32Array(this.width);
    for (let s = 0; s < oldVals.length; s++) {
      if (oldVals[s] === EMPTY) continue;
      k.set(oldKeys.subarray(s * this.width, (s + 1) * this.width));
      this.set(k, oldVals[s]!);
    }
  }
}

/** Compares two addresses byte by byte (Wireshark's cmp_address for same-type addresses). */
export function compareAddresses(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d;
  }
  return 0;
}

export class EndpointPairTable {
  private readonly v4 = new WordTable(3);
  private readonly v6 = new WordTable(9);
  private readonly other = new Map<string, number>();
  private readonly key = new Uint32Array(9);
  private keyKind = 0;
  private otherKey = "";
  /**
   * 0 when the packet's source is the key's first endpoint, 1 otherwise.
   * Matches Wireshark's flow choice (get_tcp_conversation_data): the source
   * compares greater (address, then port) → flow 1 (0 here), else flow 2.
   */
  direction = 0;

  /** Prepares the key for src→dst; call before `get`/`set`. Returns false for unusable addresses. */
  prepare(src: Uint8Array | null, srcPort: number, dst: Uint8Array | null, dstPort: number): boolean {
    return this.prepareAt(src, 0, src ? src.length : 0, srcPort, dst, 0, dst ? dst.length : 0, dstPort);
  }

  /**
   * `prepare` with the addresses given as bytes [srcAt, srcAt + srcLen) of
   * `src` and [dstAt, dstAt + dstLen) of `dst` (no view object needed).
   */
  prepareAt(src: Uint8Array | null, srcAt: number, srcLen: number, srcPort: number, dst: Uint8Array | null, dstAt: number, dstLen: number, dstPort: number): boolean {
    if (!src || !dst || srcLen !== dstLen) return false;
    // compareAddresses over the two ranges.
    let cmp = 0;
    for (let i = 0; i < srcLen; i++) {
      const d = src[srcAt + i]! - dst[dstAt + i]!;
      if (d !== 0) {
        cmp = d;
        break;
      }
    }
    // Wireshark: equal addresses are told apart by the ports, the greater source port first.
    this.direction = cmp > 0 || (cmp === 0 && srcPort > dstPort) ? 0 : 1;
    if (cmp === 0) cmp = srcPort - dstPort;
    const first = cmp <= 0;
    const a = first ? src : dst;
    const b = first ? dst : src;
    const ao = first ? srcAt : dstAt;
    const bo = first ? dstAt : srcAt;
    const pa = first ? srcPort : dstPort;
    const pb = first ? dstPort : srcPort;
    const k = this.key;
    if (srcLen === 4) {
      this.keyKind = 4;
      k[0] = ((a[ao]! << 24) | (a[ao + 1]! << 16) | (a[ao + 2]! << 8) | a[ao + 3]!) >>> 0;
      k[1] = ((b[bo]! << 24) | (b[bo + 1]! << 16) | (b[bo + 2]! << 8) | b[bo + 3]!) >>> 0;
      k[2] = ((pa << 16) | pb) >>> 0;
    } else if (srcLen === 16) {
      this.keyKind = 6;
      for (let i = 0; i < 4; i++) {
        const o = i * 4;
        k[i] = ((a[ao + o]! << 24) | (a[ao + o + 1]! << 16) | (a[ao + o + 2]! << 8) | a[ao + o + 3]!) >>> 0;
        k[4 + i] = ((b[bo + o]! << 24) | (b[bo + o + 1]! << 16) | (b[bo + o + 2]! << 8) | b[bo + o + 3]!) >>> 0;
      }
      k[8] = ((pa << 16) | pb) >>> 0;
    } else {
      this.keyKind = 0;
      this.otherKey = `${a.subarray(ao, ao + srcLen).join(".")}/${pa}/${b.subarray(bo, bo + srcLen).join(".")}/${pb}`;
    }
    return true;
  }

  /** Value stored for the prepared key, or -1. */
  get(): number {
    if (this.keyKind === 4) return this.v4.get(this.key);
    if (this.keyKind === 6) return this.v6.get(this.key);
    return this.other.get(this.otherKey) ?? EMPTY;
  }

  set(value: number): void {
    if (this.keyKind === 4) this.v4.set(this.key, value);
    else if (this.keyKind === 6) this.v6.set(this.key, value);
    else this.other.set(this.otherKey, value);
  }
}

/** The addresses a transport layer keys its conversations on (shared scratch object). */
export const transportAddresses: { src: Uint8Array | null; dst: Uint8Array | null } = { src: null, dst: null };

/**
 * Fills `transportAddresses` for a transport header at data[offset]. Normally
 * the network layer's (pinfo.srcAddr/dstAddr). In a datagram quoted by an
 * ICMP error Wireshark keys on the quoted IP header's addresses, which the IP
 * layers leave out of PacketInfo there: they are read from that header, just
 * before `offset` (IPv4 with its options, or IPv6 without extension headers).
 */
export function addressesFor(data: Uint8Array, offset: number, src: Uint8Array | null, dst: Uint8Array | null, inError: boolean, proto: number): void {
  transportAddresses.src = src;
  transportAddresses.dst = dst;
  if (!inError) return;
  for (let ihl = 5; ihl <= 15; ihl++) {
    const at = offset - 4 * ihl;
    if (at < 0) break;
    if (data[at] === (0x40 | ihl) && data[at + 9] === proto) {
      transportAddresses.src = data.subarray(at + 12, at + 16);
      transportAddresses.dst = data.subarray(at + 16, at + 20);
      return;
    }
  }
  const at6 = offset - 40;
  if (at6 >= 0 && data[at6]! >> 4 === 6 && data[at6 + 6] === proto) {
    transportAddresses.src = data.subarray(at6 + 8, at6 + 24);
    transportAddresses.dst = data.subarray(at6 + 24, at6 + 40);
  }
}
