/**
 * What the Credentials view needs of the indexing pass, so that listing a
 * capture's credentials reads nothing from the file and dissects nothing
 * again:
 *
 * - The payloads of TCP streams of the protocols that send passwords in the
 *   clear (services.ts: by the server's port, or a first client segment that
 *   opens with an HTTP method), copied into 1 MiB blocks, no object per
 *   packet. HTTP responses are not kept: only their status code, one number
 *   per response's first segment (`HTTP/1.x NNN`). Per stream and in all the
 *   bytes kept are capped; a login comes early in its connection, and what
 *   lies past the caps reaches the parsers as a gap.
 * - SNMP communities, from the SNMP dissector's fields (snmp.ts).
 *
 * A capture without these protocols costs one port lookup per new TCP
 * stream, and nothing per packet after it.
 */
import type { PacketInfo } from "../dissect/packet-info";
import type { FieldCollector } from "../dissect/tree";
import type { FollowFacts } from "../follow/follow-facts";
import { FrameColumnU32 } from "../reassembly/frame-columns";
import { KeptPayloads } from "../reassembly/kept-payloads";
import { HTTP, NONE, opensLikeHttpRequest, serviceOfPort, type Service } from "./services";
import { SnmpCommunities } from "./snmp";

/** Per stream: service decided yet? (state 0) and which side is the server. */
const UNDECIDED = 0xff;

export interface CredentialFactsOptions {
  /** Bytes kept per stream and in all (defaults 4 MiB and 64 MiB). */
  maxStreamBytes?: number;
  maxBytes?: number;
}

export class CredentialFacts {
  readonly snmp: SnmpCommunities;
  /** Per TCP stream: its service (UNDECIDED before its first payload), the server's port, bytes kept. */
  private service = new Uint8Array(1024).fill(UNDECIDED);
  private serverPort = new Uint16Array(1024);
  private readonly payloads: KeptPayloads;
  /** Per row: the HTTP status code its payload opens with (0: none). */
  private readonly status = new FrameColumnU32();

  constructor(
    collector: FieldCollector,
    private readonly follow: FollowFacts,
    options: CredentialFactsOptions = {},
  ) {
    this.snmp = new SnmpCommunities(collector);
    this.payloads = new KeptPayloads(options.maxStreamBytes ?? 4 << 20, options.maxBytes ?? 64 << 20);
  }

  /** Records row `row`, a TCP segment of `pinfo.tcpStream` dissected from `frame` (Follow recorded it first). */
  recordTcp(row: number, pinfo: PacketInfo, frame: Uint8Array): void {
    const stream = pinfo.tcpStream;
    if (stream < 0) return;
    if (stream >= this.service.length) this.grow(stream);
    let service = this.service[stream]!;
    // The common case: a stream of no credential protocol costs this one read per packet.
    if (service === NONE) return;
    const offset = this.follow.payloadOffset(row);
    if (offset < 0) return;
    const length = this.follow.payloadLength(row);
    const ports = this.follow.portsOf(row);
    const src = ports >>> 16;
    if (service === UNDECIDED) {
      const dst = ports & 0xffff;
      // The well-known port names the server; else a client that opens with a request line is talking HTTP.
      const byDst = serviceOfPort(dst);
      const bySrc = byDst === NONE ? serviceOfPort(src) : NONE;
      service = byDst !== NONE ? byDst : bySrc !== NONE ? bySrc : opensLikeHttpRequest(frame, offset, length) ? HTTP : NONE;
      this.service[stream] = service;
      this.serverPort[stream] = byDst !== NONE || bySrc === NONE ? dst : src;
    }
    if (service === NONE) return;
    if (service === HTTP && src === this.serverPort[stream]) {
      const code = statusCode(frame, offset, length);
      if (code) this.status.set(row, code);
      return;
    }
    this.payloads.keep(row, stream, frame, offset, length);
  }

  /** Records an SNMP message (any UDP row: only those the SNMP dissector read cost anything). */
  recordUdp(row: number, pinfo: PacketInfo): void {
    this.snmp.record(row, pinfo);
  }

  private grow(stream: number): void {
    let n = this.service.length;
    while (n <= stream) n *= 2;
    const service = new Uint8Array(n).fill(UNDECIDED);
    service.set(this.service);
    this.service = service;
    const port = new Uint16Array(n);
    port.set(this.serverPort);
    this.serverPort = port;
  }

  /** TCP stream `stream`'s service (NONE: not one that sends credentials, or never carried payload). */
  serviceOf(stream: number): Service {
    const s = stream < this.service.length ? this.service[stream]! : UNDECIDED;
    return s === UNDECIDED ? NONE : (s as Service);
  }

  /** The server's port of a stream with a service. */
  serverPortOf(stream: number): number {
    return this.serverPort[stream] ?? 0;
  }

  /** Row `row`'s payload when it was kept (a view into a block: do not write), else null. */
  kept(row: number): Uint8Array | null {
    return this.payloads.kept(row, this.follow.payloadLength(row));
  }

  /** The HTTP status code row `row`'s payload opens with (0: none). */
  statusOf(row: number): number {
    return this.status.get(row);
  }

  /** Bytes of payload kept. */
  get keptBytes(): number {
    return this.payloads.bytes;
  }
}

/** `HTTP/1.x NNN ` at the payload's start: NNN, else 0 (RFC 9112 §4). */
export function statusCode(b: Uint8Array, at: number, length: number): number {
  if (length < 12) return 0;
  // "HTTP/1." then a digit, a space and three digits.
  if (b[at] !== 0x48 || b[at + 1] !== 0x54 || b[at + 2] !== 0x54 || b[at + 3] !== 0x50 || b[at + 4] !== 0x2f || b[at + 5] !== 0x31 || b[at + 6] !== 0x2e)
    return 0;
  if (b[at + 8] !== 0x20) return 0;
  let code = 0;
  for (let i = 9; i < 12; i++) {
    const d = b[at + i]! - 0x30;
    if (d < 0 || d > 9) return 0;
    code = code * 10 + d;
  }
  return code;
}
