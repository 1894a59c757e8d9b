/**
 * Test support for Follow Stream: hand-built TCP and UDP conversations over
 * raw IPv4 (LINKTYPE_RAW), written as a classic pcap so the same bytes can be
 * given to the engine and to tshark. Not part of the engine.
 */
import { pcapFile, type PcapPacket } from "../capture/testing";
import { LinkType } from "../capture/types";

export const CLIENT = [10, 0, 0, 1];
export const SERVER = [10, 0, 0, 2];
export const CPORT = 40000;
export const SPORT = 21;

export const TH = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10 } as const;

export interface Segment {
  /** "c": client → server, "s": server → client. */
  from: "c" | "s";
  seq: number;
  ack?: number;
  flags?: number;
  /** Payload: bytes, or text (Latin-1). */
  data?: number[] | string;
  /** Captured bytes of the packet when the snap length cut it (orig length stays). */
  snap?: number;
  /** Ports other than CPORT/SPORT. */
  cport?: number;
  sport?: number;
}

function bytesOf(d: number[] | string | undefined): number[] {
  if (d === undefined) return [];
  if (typeof d !== "string") return d;
  return Array.from(d, (c) => c.charCodeAt(0) & 0xff);
}

/** Big-endian (network order) 16- and 32-bit fields. */
const be16 = (v: number): number[] => [(v >>> 8) & 0xff, v & 0xff];
const be32 = (v: number): number[] => [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];

/** IPv4 header (RFC 791) in front of `payload`. */
export function ipv4(src: number[], dst: number[], proto: number, payload: number[]): number[] {
  return [
    0x45, // version 4, header length 5 words
    0x00, // DSCP, ECN
    ...be16(20 + payload.length), // total length
    ...be16(1), // identification
    ...be16(0x4000), // DF, fragment offset 0
    64, // TTL
    proto, // protocol
    ...be16(0), // header checksum (not verified)
    ...src, // source
    ...dst, // destination
    ...payload,
  ];
}

/** A TCP segment (RFC 9293 §3.1) with a 20-byte header. */
export function tcpSegment(sport: number, dport: number, seq: number, ack: number, flags: number, data: number[]): number[] {
  return [
    ...be16(sport), // source port
    ...be16(dport), // destination port
    ...be32(seq), // sequence number
    ...be32(ack), // acknowledgment number
    0x50, // data offset 5 words
    flags & 0xff, // flags
    ...be16(0xffff), // window
    ...be16(0), // checksum (not verified)
    ...be16(0), // urgent pointer
    ...data,
  ];
}

/** A UDP datagram (RFC 768). */
export function udpDatagram(sport: number, dport: number, data: number[]): number[] {
  return [
    ...be16(sport), // source port
    ...be16(dport), // destination port
    ...be16(8 + data.length), // length
    ...be16(0), // checksum (none)
    ...data,
  ];
}

/** A pcap of TCP segments, one per packet, 1 ms apart. */
export function tcpCapture(segments: readonly Segment[]): Uint8Array {
  const packets: PcapPacket[] = segments.map((s, i) => {
    const cport = s.cport ?? CPORT;
    const sport = s.sport ?? SPORT;
    const flags = s.flags ?? TH.ACK;
    const t = tcpSegment(
      s.from === "c" ? cport : sport,
      s.from === "c" ? sport : cport,
      s.seq >>> 0,
      (s.ack ?? 0) >>> 0,
      flags,
      bytesOf(s.data),
    );
    const data = s.from === "c" ? ipv4(CLIENT, SERVER, 6, t) : ipv4(SERVER, CLIENT, 6, t);
    const p: PcapPacket = { sec: 1_700_000_000, frac: (i + 1) * 1000, data };
    if (s.snap !== undefined && s.snap < data.length) {
      p.origLen = data.length;
      p.data = data.slice(0, s.snap);
    }
    return p;
  });
  return pcapFile({ linkType: LinkType.RAW }, packets);
}

/** A pcap of UDP datagrams between CLIENT:cport and SERVER:sport. */
export function udpCapture(datagrams: readonly { from: "c" | "s"; data: number[] | string }[], cport = 5353, sport = 53): Uint8Array {
  const packets: PcapPacket[] = datagrams.map((d, i) => {
    const u = d.from === "c" ? udpDatagram(cport, sport, bytesOf(d.data)) : udpDatagram(sport, cport, bytesOf(d.data));
    const data = d.from === "c" ? ipv4(CLIENT, SERVER, 17, u) : ipv4(SERVER, CLIENT, 17, u);
    return { sec: 1_700_000_000, frac: (i + 1) * 1000, data };
  });
  return pcapFile({ linkType: LinkType.RAW }, packets);
}
