/**
 * The statistics fed by real dissections of hand-built frames: which tap
 * events a packet makes (Ethernet reports its destination first; TCP/UDP
 * take the addresses of the IP layer they ride on; what an ICMP error
 * quotes is no event), per-statistic filters, relative times.
 */
import { describe, expect, it } from "vitest";
import { Dissection } from "../dissect/dissection";
import { fieldById } from "../dissect/field";
import { LinkType, newPacketRecord } from "../capture/types";
import { ETH_IPV4, frame, icmp, ipv4 } from "../dissect/protocols/ip-testing";
import { compileFilter } from "../filter";
import { Statistics, type StatRequest } from "./statistics";
import { Tap } from "./tap-tree";

/** A UDP datagram (RFC 768) without checksum. */
const udp = (sport: number, dport: number, payload: number[]): number[] => {
  const len = 8 + payload.length;
  return [sport >> 8, sport & 0xff, dport >> 8, dport & 0xff, len >> 8, len & 0xff, 0, 0, ...payload];
};

function run(requests: StatRequest[], packets: { bytes: Uint8Array; sec: number; nsec?: number }[]): Statistics {
  const dissection = new Dissection();
  const stats = new Statistics(requests, () => dissection.pinfo);
  packets.forEach((p, i) => {
    const rec = newPacketRecord();
    rec.number = i + 1;
    rec.capLen = rec.origLen = p.bytes.length;
    rec.linkType = LinkType.ETHERNET;
    rec.tsSec = p.sec;
    rec.tsNsec = p.nsec ?? 0;
    const pinfo = dissection.dissect(rec, p.bytes, stats.tree(), false);
    stats.packet(p.bytes, pinfo);
  });
  return stats;
}

const query = frame(ETH_IPV4, ipv4(udp(40000, 53, [1, 2, 3, 4]), { proto: 17, src: [10, 0, 0, 1], dst: [10, 0, 0, 2] }));
const reply = frame(
  [...ETH_IPV4.slice(6, 12), ...ETH_IPV4.slice(0, 6), 0x08, 0x00],
  ipv4(udp(53, 40000, [5, 6]), { proto: 17, src: [10, 0, 0, 2], dst: [10, 0, 0, 1] }),
);
// Port unreachable from 10.0.0.9, quoting the query's IP header and UDP header.
const unreachable = frame(
  ETH_IPV4,
  ipv4(icmp(3, 3, [0, 0, 0, 0], ipv4(udp(40000, 53, [1, 2, 3, 4]), { proto: 17, src: [10, 0, 0, 1], dst: [10, 0, 0, 2] })), {
    src: [10, 0, 0, 9],
    dst: [10, 0, 0, 1],
  }),
);

describe("Statistics", () => {
  it("counts conversations both ways with times relative to the first packet", () => {
    const stats = run(
      [
        { type: "conv", tap: Tap.UDP, filter: null },
        { type: "conv", tap: Tap.ETH, filter: null },
      ],
      [
        { bytes: query, sec: 100, nsec: 500 },
        { bytes: reply, sec: 101, nsec: 200 },
      ],
    );
    const [udpConv, ethConv] = stats.results;
    if (udpConv?.type !== "conv" || ethConv?.type !== "conv") throw new Error("conversation tables expected");
    expect(udpConv.table.rows).toBe(1);
    const r = udpConv.table.row(0);
    const names = stats.addresses(Tap.UDP);
    expect([names[r.a], r.portA, names[r.b], r.portB]).toEqual(["10.0.0.1", 40000, "10.0.0.2", 53]);
    expect(r).toMatchObject({ txFrames: 1, rxFrames: 1, txBytes: query.length, rxBytes: reply.length });
    expect(r).toMatchObject({ startSec: 0, startNsec: 0, stopSec: 0, stopNsec: 999_999_700 });
    // Ethernet reports the destination first; the source is still A.
    const e = ethConv.table.row(0);
    expect([stats.addresses(Tap.ETH)[e.a], stats.addresses(Tap.ETH)[e.b]]).toEqual(["66:77:88:99:aa:bb", "00:11:22:33:44:55"]);
  });

  it("skips what an ICMP error quotes, as tshark's taps skip error packets", () => {
    const stats = run(
      [
        { type: "endpoints", tap: Tap.IP, filter: null },
        { type: "conv", tap: Tap.UDP, filter: null },
      ],
      [{ bytes: unreachable, sec: 1 }],
    );
    const [ip, udpConv] = stats.results;
    if (ip?.type !== "endpoints" || udpConv?.type !== "conv") throw new Error("tables expected");
    const rows = Array.from({ length: ip.table.rows }, (_, i) => ip.table.row(i));
    const names = stats.addresses(Tap.IP);
    expect(rows.map((r) => [names[r.address], r.txFrames, r.rxFrames])).toEqual([
      ["10.0.0.9", 1, 0],
      ["10.0.0.1", 0, 1],
    ]);
    expect(udpConv.table.rows).toBe(0);
  });

  it("applies each statistic's own filter and builds the hierarchy from the top-level items", () => {
    const stats = run(
      [
        { type: "phs", filter: compileFilter("udp.srcport == 53") },
        { type: "phs", filter: null },
      ],
      [
        { bytes: query, sec: 1 },
        { bytes: reply, sec: 2 },
        { bytes: unreachable, sec: 3 },
      ],
    );
    const [filtered, all] = stats.results;
    if (filtered?.type !== "phs" || all?.type !== "phs") throw new Error("hierarchies expected");
    const text = (h: typeof filtered.hierarchy): string[] => h.walk().map((n) => `${n.depth} ${fieldById(n.field).abbrev} ${n.frames}`);
    expect(text(filtered.hierarchy)[0]).toBe("0 eth 1");
    expect(text(all.hierarchy).slice(0, 3)).toEqual(["0 eth 3", "1 ip 3", "2 udp 2"]);
    expect(text(all.hierarchy)).toContain("2 icmp 1");
  });

  it("counts the payload of a datagram an ICMP error quotes under icmp, as tshark does: UDP hands it to the root tree", () => {
    // A DNS query for "a" (RFC 1035 §4.1): id, flags RD, one question; name, type A, class IN.
    const dns = [0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0x61, 0, 0, 1, 0, 1];
    const quoted = ipv4(udp(40000, 53, dns), { proto: 17, src: [10, 0, 0, 1], dst: [10, 0, 0, 2] });
    const error = frame(ETH_IPV4, ipv4(icmp(3, 3, [0, 0, 0, 0], quoted), { src: [10, 0, 0, 9], dst: [10, 0, 0, 1] }));
    const stats = run([{ type: "phs", filter: null }], [{ bytes: error, sec: 1 }]);
    const [phs] = stats.results;
    if (phs?.type !== "phs") throw new Error("hierarchy expected");
    // tshark 4.0.17 -z io,phs on icmp-dest-unreach-embedding-udp-dns.pcap: eth, ip, icmp, dns (the quoted ip and udp stay inside icmp).
    expect(phs.hierarchy.walk().map((n) => `${n.depth} ${fieldById(n.field).abbrev}`)).toEqual(["0 eth", "1 ip", "2 icmp", "3 dns"]);
  });
});
