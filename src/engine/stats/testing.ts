/**
 * A synthetic capture for the statistics' tests and benchmark: `flows` UDP
 * flows over IPv4 and Ethernet, each a request and (for most) a reply, in
 * a classic pcap (microsecond times). Sizes, ports and hosts repeat with
 * different periods, so sorting by any column meets ties, and many flows
 * share their hosts (IPv4 conversations fewer than UDP ones).
 */
const GLOBAL_HEADER = 24;
const RECORD_HEADER = 16;
const FRAME_HEADERS = 14 + 20 + 8;

/** RFC 791 header checksum: one's complement of the one's complement sum of 16-bit words. */
function ipv4Checksum(b: Uint8Array, at: number): number {
  let sum = 0;
  for (let i = 0; i < 20; i += 2) sum += (b[at + i]! << 8) | b[at + i + 1]!;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

export function udpFlowsCapture(flows: number): Uint8Array<ArrayBuffer> {
  const packets: { src: number; dst: number; sport: number; dport: number; payload: number }[] = [];
  for (let i = 0; i < flows; i++) {
    const client = (0x0a000000 + (i % 50_000)) >>> 0; // 10.0.x.y
    const server = (0xc0a80001 + (i % 13)) >>> 0; // 192.168.0.1…13
    const sport = 1024 + ((i * 7) % 60_000);
    const dport = [53, 123, 161, 514, 5353][i % 5]!;
    packets.push({ src: client, dst: server, sport, dport, payload: (i * 37) % 200 });
    if (i % 4 !== 3) packets.push({ src: server, dst: client, sport: dport, dport: sport, payload: (i * 11) % 300 });
  }
  let size = GLOBAL_HEADER;
  for (const p of packets) size += RECORD_HEADER + FRAME_HEADERS + p.payload;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0xa1b2c3d4, true);
  view.setUint16(4, 2, true);
  view.setUint16(6, 4, true);
  view.setUint32(16, 65535, true);
  view.setUint32(20, 1, true); // LINKTYPE_ETHERNET
  let at = GLOBAL_HEADER;
  packets.forEach((p, k) => {
    const length = FRAME_HEADERS + p.payload;
    view.setUint32(at, 1_700_000_000 + Math.floor(k / 1000), true);
    view.setUint32(at + 4, (k % 1000) * 1000, true);
    view.setUint32(at + 8, length, true);
    view.setUint32(at + 12, length, true);
    at += RECORD_HEADER;
    // Ethernet: locally administered MACs derived from the IPv4 addresses.
    out.set([0x02, 0, ...[24, 16, 8, 0].map((s) => (p.dst >>> s) & 0xff)], at);
    out.set([0x02, 0, ...[24, 16, 8, 0].map((s) => (p.src >>> s) & 0xff)], at + 6);
    view.setUint16(at + 12, 0x0800);
    const ip = at + 14;
    out[ip] = 0x45;
    view.setUint16(ip + 2, 20 + 8 + p.payload);
    view.setUint16(ip + 4, k & 0xffff);
    out[ip + 8] = 64;
    out[ip + 9] = 17;
    view.setUint32(ip + 12, p.src);
    view.setUint32(ip + 16, p.dst);
    view.setUint16(ip + 10, ipv4Checksum(out, ip));
    const udp = ip + 20;
    view.setUint16(udp, p.sport);
    view.setUint16(udp + 2, p.dport);
    view.setUint16(udp + 4, 8 + p.payload);
    // Checksum 0: none (RFC 768); the payload stays zeros, which no port's dissector minds.
    at += length;
  });
  return out;
}
