/**
 * Test support for the dissectors over IP (IPv4, IPv6, ICMP, ICMPv6, UDP and
 * TCP and what they carry): builders for hand-made Ethernet frames, TCP
 * connections whose segments follow each other, and (from testing.ts) the
 * runner that dissects them through the whole engine and collects every
 * field as tshark prints it.
 * Used by the *.test.ts files beside it and in the protocol folders; not part
 * of the engine.
 */
import type { TreeNode } from "../tree";
import { ethernet, type Result, type RunOptions } from "./testing";

export { ethernet };

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

/** One end of a UDP or TCP conversation: an IPv4 (4 bytes) or IPv6 (16 bytes) address and a port. */
export interface Host {
  ip: number[];
  port: number;
}

/** An Ethernet frame with IPv4 or IPv6 (chosen by the address length) carrying `payload` of IP protocol `proto`. */
export function ipFrame(src: number[], dst: number[], proto: number, payload: number[]): Uint8Array {
  if (src.length === 16) return frame(ETH_IPV6, ipv6(payload, { nxt: proto, src, dst }));
  return frame(ETH_IPV4, ipv4(payload, { proto, src, dst }));
}

/** An Ethernet frame with a UDP datagram (zero checksum) from `from` to `to`. */
export const udpFrame = (from: Host, to: Host, data: number[]): Uint8Array => ipFrame(from.ip, to.ip, 17, udp(from.port, to.port, data));

/** TCP header flag bits (RFC 9293 §3.1). */
export const TCP = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10 } as const;

const be32 = (v: number): number[] => [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];

/** A 20-byte TCP header (RFC 9293 §3.1; checksum not verified, so left 0), PSH/ACK unless told, followed by `data`. */
export function tcp(sport: number, dport: number, data: number[], o: { seq: number; ack: number; flags?: number }): number[] {
  return [
    sport >> 8, sport & 0xff, // source port
    dport >> 8, dport & 0xff, // destination port
    ...be32(o.seq), // sequence number
    ...be32(o.ack), // acknowledgment number
    5 << 4, // data offset: 5 words, no options
    o.flags ?? TCP.PSH | TCP.ACK, // flags
    0xff, 0xff, // window
    0, 0, // checksum
    0, 0, // urgent pointer
    ...data,
  ];
}

/** Payload bytes: a string gives one byte per character ("\xb3", "\0" write raw octets). */
export type Payload = string | readonly number[] | Uint8Array;
const payloadBytes = (p: Payload): number[] => (typeof p === "string" ? Array.from(p, (c) => c.charCodeAt(0)) : Array.from(p));

/** Bytes of Ethernet, IPv4 and TCP headers in front of a segment's payload. */
export const TCP_IPV4_HEADERS = 14 + 20 + 20;

export type TcpCapture = ReturnType<typeof tcpCapture>;

/**
 * Frames of TCP connections between any hosts, dissected in order through
 * one engine run (frame n stamped 1000 + n seconds unless told): no
 * handshake, every segment PSH/ACK, each direction's sequence numbers
 * following the bytes it sent and acknowledging what the other sent, so TCP
 * sees clean in-order streams and reassembles PDUs across segments.
 */
export function tcpCapture(run: (bytes: Uint8Array, opts?: RunOptions) => Result = ethernet()) {
  const next = new Map<string, number>();
  const sent: { bytes: Uint8Array; origLen: number }[] = [];
  const key = (a: Host, b: Host): string => `${a.ip.join(".")}/${a.port}>${b.ip.join(".")}/${b.port}`;
  return {
    /**
     * One segment from `from` to `to`; `snap` keeps only that many payload
     * bytes (the frame cut by the capture's snap length, which turns
     * reassembly off).
     */
    send(from: Host, to: Host, payload: Payload, opts: RunOptions & { snap?: number } = {}): Result {
      const data = payloadBytes(payload);
      const seq = next.get(key(from, to)) ?? 1;
      next.set(key(from, to), seq + data.length);
      const whole = ipFrame(from.ip, to.ip, 6, tcp(from.port, to.port, data, { seq, ack: next.get(key(to, from)) ?? 1 }));
      const bytes = opts.snap === undefined ? whole : whole.subarray(0, whole.length - data.length + opts.snap);
      const r = run(bytes, { origLen: whole.length, ...opts });
      sent[r.pinfo.num] = { bytes, origLen: whole.length };
      return r;
    },
    /** Frame n dissected again after the first pass (details pane, tshark -2), with its tree if asked. */
    again(n: number, opts: { tree?: boolean } = {}): Result {
      const f = sent[n];
      if (!f) throw new Error(`no frame ${n}`);
      return run(f.bytes, { num: n, visited: true, origLen: f.origLen, ...opts });
    },
  };
}
