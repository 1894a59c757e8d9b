/**
 * Test support for the IP-layer dissectors (IPv4, IPv6, ICMP, ICMPv6):
 * builders for hand-made Ethernet frames, and (from testing.ts) the runner
 * that dissects them through the whole engine and collects every field as
 * tshark prints it.
 * Used by the *.test.ts files beside it; not part of the engine.
 */
import type { TreeNode } from "../tree";

export { ethernet } from "./testing";

/** Depth-first search of a details tree. */
export function findNode(nodes: readonly TreeNode[], abbrev: string): TreeNode | undefined {
  for (const n of nodes) {
    if (n.field.abbrev === abbrev) return n;
    const c = n.children && findNode(n.children, abbrev);
    if (c) return c;
  }
  return undefined;
}

/** RFC 1071 checksum of `b` (with an optional initial 32-bit sum). */
export function checksum(b: readonly number[], initial = 0): number {
  let s = initial;
  for (let i = 0; i < b.length; i += 2) s += (b[i]! << 8) | (b[i + 1] ?? 0);
  while (s > 0xffff) s = (s & 0xffff) + Math.floor(s / 0x10000);
  return ~s & 0xffff;
}

export const frame = (...parts: number[][]): Uint8Array => Uint8Array.from(parts.flat());

export const ETH_IPV4 = [
  0x00, 0x11, 0x22, 0x33, 0x44, 0x55, // destination MAC
  0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, // source MAC
  0x08, 0x00, // EtherType IPv4
];
export const ETH_IPV6 = [
  0x33, 0x33, 0x00, 0x00, 0x00, 0x01, // destination MAC
  0x00, 0x11, 0x22, 0x33, 0x44, 0x55, // source MAC
  0x86, 0xdd, // EtherType IPv6
];

export interface Ipv4Opts {
  proto?: number;
  id?: number;
  flags?: number;
  fragOffset?: number;
  ttl?: number;
  tos?: number;
  options?: number[];
  totalLength?: number;
  src?: number[];
  dst?: number[];
}

/** An IPv4 header (RFC 791, with a correct checksum) followed by `payload`. */
export function ipv4(payload: number[], o: Ipv4Opts = {}): number[] {
  const opts = o.options ?? [];
  const hlen = 20 + opts.length;
  const total = o.totalLength ?? hlen + payload.length;
  const flagsOff = ((o.flags ?? 0) << 13) | (o.fragOffset ?? 0);
  const id = o.id ?? 0x1234;
  const h = [
    0x40 | (hlen / 4), // version 4, IHL
    o.tos ?? 0, // DS field
    total >> 8, total & 0xff, // total length
    id >> 8, id & 0xff, // identification
    flagsOff >> 8, flagsOff & 0xff, // flags + fragment offset (8-byte units)
    o.ttl ?? 64, // TTL
    o.proto ?? 1, // protocol
    0, 0, // header checksum (filled below)
    ...(o.src ?? [10, 0, 0, 1]), // source
    ...(o.dst ?? [10, 0, 0, 2]), // destination
    ...opts,
  ];
  const c = checksum(h);
  h[10] = c >> 8;
  h[11] = c & 0xff;
  return [...h, ...payload];
}

/** An ICMP message (RFC 792) with its checksum: type, code, 4 bytes of "rest of header", data. */
export function icmp(type: number, code: number, rest: number[], data: number[] = []): number[] {
  const m = [type, code, 0, 0, ...rest, ...data];
  const c = checksum(m);
  m[2] = c >> 8;
  m[3] = c & 0xff;
  return m;
}

/** An ICMP echo request (type 8) or reply (type 0). */
export function echo(id: number, seq: number, data: number[] = [], type = 8): number[] {
  return icmp(type, 0, [id >> 8, id & 0xff, seq >> 8, seq & 0xff], data);
}

/** IPv6 addresses used by the tests. */
export const V6 = {
  /** fe80::211:22ff:fe33:4455 (SLAAC from 00:11:22:33:44:55) */
  LL: [0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0x02, 0x11, 0x22, 0xff, 0xfe, 0x33, 0x44, 0x55],
  /** 2001:db8::1 */
  A: [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
  /** 2001:db8::2 */
  B: [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2],
  /** ff02::1 */
  ALL_NODES: [0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
};

export interface Ipv6Opts {
  nxt: number;
  src?: number[];
  dst?: number[];
  hlim?: number;
  tclass?: number;
  flow?: number;
  plen?: number;
}

/** An IPv6 header (RFC 8200 §3) followed by `payload` (extension headers included). */
export function ipv6(payload: number[], o: Ipv6Opts): number[] {
  const plen = o.plen ?? payload.length;
  const tc = o.tclass ?? 0;
  const flow = o.flow ?? 0;
  return [
    0x60 | (tc >> 4), ((tc & 0xf) << 4) | (flow >> 16), (flow >> 8) & 0xff, flow & 0xff, // version, traffic class, flow label
    plen >> 8, plen & 0xff, // payload length
    o.nxt, // next header
    o.hlim ?? 64, // hop limit
    ...(o.src ?? V6.LL), // source
    ...(o.dst ?? V6.A), // destination
    ...payload,
  ];
}

/** An ICMPv6 message with its checksum over the RFC 8200 §8.1 pseudo-header. */
export function icmpv6(type: number, code: number, body: number[], src: number[] = V6.LL, dst: number[] = V6.A): number[] {
  const m = [type, code, 0, 0, ...body];
  let sum = 0;
  for (let i = 0; i < 16; i += 2) sum += ((src[i]! << 8) | src[i + 1]!) + ((dst[i]! << 8) | dst[i + 1]!);
  sum += m.length + 58;
  const c = checksum(m, sum);
  m[2] = c >> 8;
  m[3] = c & 0xff;
  return m;
}

/** A UDP header (RFC 768) with a zero checksum. */
export function udp(src: number, dst: number, data: number[] = []): number[] {
  const len = 8 + data.length;
  return [src >> 8, src & 0xff, dst >> 8, dst & 0xff, len >> 8, len & 0xff, 0, 0, ...data];
}

/** Hex of a byte list, as tshark prints FT_BYTES. */
export const hex = (b: readonly number[]): string => b.map((x) => x.toString(16).padStart(2, "0")).join("");
