/**
 * ARP/RARP, dissected from hand-built Ethernet frames through the whole
 * engine. Info texts, Protocol column and fields are what tshark 4.0.17
 * prints for the same bytes (checked on crafted pcaps); real captures
 * (arp-gratuitous.pcapng, vlan-8021q-arp-icmp.pcap, linux-sll2-...) are
 * compared through scripts/tshark-compare.ts.
 */
import { describe, expect, it } from "vitest";
import { Dissection } from "../dissection";
import { NULL_TREE, TreeBuilder } from "../tree";
import { wsFields } from "../common";
import { LinkType, newPacketRecord } from "../../capture/types";
import { detailsTree, ethernet } from "./testing";

const ETH = [
  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, // destination MAC: broadcast
  0x00, 0x11, 0x22, 0x33, 0x44, 0x55, // source MAC
  0x08, 0x06, // EtherType ARP
];
const ETHER_IPV4 = [
  0x00, 0x01, // hardware type Ethernet
  0x08, 0x00, // protocol type IPv4
  0x06, // hardware size
  0x04, // protocol size
];
const MAC_A = [0x00, 0x11, 0x22, 0x33, 0x44, 0x55];
const MAC_B = [0x66, 0x55, 0x44, 0x33, 0x22, 0x11];
const MAC_ZERO = [0, 0, 0, 0, 0, 0];
const MAC_BCAST = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff];

/** An Ethernet/IPv4 ARP message with the given opcode and addresses. */
function arp(op: number, sha: number[], spa: number[], tha: number[], tpa: number[]): Uint8Array {
  return Uint8Array.of(
    ...ETH,
    ...ETHER_IPV4,
    op >> 8, op & 0xff, // opcode
    ...sha, // sender hardware address
    ...spa, // sender protocol address
    ...tha, // target hardware address
    ...tpa, // target protocol address
  );
}

describe("ARP", () => {
  it("decodes a request: fields, Info and Protocol column", () => {
    const r = ethernet()(arp(1, MAC_A, [10, 0, 0, 2], MAC_ZERO, [10, 0, 0, 1]));
    expect(r.layers).toBe("eth:ethertype:arp");
    expect(r.protocol).toBe("ARP");
    expect(r.info).toBe("Who has 10.0.0.1? Tell 10.0.0.2");
    expect(r.f("arp.hw.type")).toBe("1");
    expect(r.f("arp.proto.type")).toBe("0x0800");
    expect(r.f("arp.hw.size")).toBe("6");
    expect(r.f("arp.proto.size")).toBe("4");
    expect(r.f("arp.opcode")).toBe("1");
    expect(r.f("arp.src.hw_mac")).toBe("00:11:22:33:44:55");
    expect(r.f("arp.src.proto_ipv4")).toBe("10.0.0.2");
    expect(r.f("arp.dst.hw_mac")).toBe("00:00:00:00:00:00");
    expect(r.f("arp.dst.proto_ipv4")).toBe("10.0.0.1");
    expect(r.f("arp.isgratuitous")).toBe("");
  });

  it("words every opcode as tshark does", () => {
    const cases: [number, number[], string, string][] = [
      [2, MAC_B, "ARP", "10.0.0.1 is at 00:11:22:33:44:55"],
      [3, MAC_B, "RARP", "Who is 66:55:44:33:22:11? Tell 00:11:22:33:44:55"],
      [4, MAC_B, "RARP", "66:55:44:33:22:11 is at 10.0.0.2"],
      [5, MAC_B, "DRARP", "Who is 66:55:44:33:22:11? Tell 00:11:22:33:44:55"],
      [6, MAC_B, "DRARP", "66:55:44:33:22:11 is at 10.0.0.2"],
      [7, MAC_B, "DRARP", "DRARP Error"],
      [8, MAC_B, "Inverse ARP", "Who is 66:55:44:33:22:11? Tell 00:11:22:33:44:55"],
      [9, MAC_B, "Inverse ARP", "00:11:22:33:44:55 is at 10.0.0.1"],
      [10, MAC_B, "ARP", "ARP NAK"],
      [11, MAC_B, "MARS", "MARS request from 00:11:22:33:44:55 at 10.0.0.1"],
      [15, MAC_B, "MARS", "MARS LEAVE from 00:11:22:33:44:55 at 10.0.0.1"],
      [23, MAC_B, "MAPOS", "MAPOS UNARP request from 00:11:22:33:44:55 at 10.0.0.1"],
      [24, MAC_B, "ARP", "Experimental 1 ( opcode 24 )"],
      [0, MAC_B, "ARP", "Reserved opcode 0"],
      [65535, MAC_B, "ARP", "Reserved opcode 65535"],
      [0x63, MAC_B, "ARP", "Unknown ARP opcode 0x0063"],
    ];
    for (const [op, tha, protocol, info] of cases) {
      // A fresh dissection each time, so no duplicate-address note is appended.
      const r = ethernet()(arp(op, MAC_A, [10, 0, 0, 1], tha, [10, 0, 0, 2]));
      expect([op, r.protocol, r.info]).toEqual([op, protocol, info]);
    }
  });

  it("puts a DRARP error's status where the target address would be", () => {
    const r = ethernet()(arp(7, MAC_A, [10, 0, 0, 1], MAC_B, [3, 0, 0, 0]));
    expect(r.f("arp.dst.drarp_error_status")).toBe("3");
    expect(r.f("arp.dst.proto_ipv4")).toBe("");
  });

  it("tells gratuitous requests, announcements, gratuitous replies and probes apart", () => {
    const d = ethernet();
    const grat = d(arp(1, MAC_A, [10, 0, 0, 1], MAC_BCAST, [10, 0, 0, 1]));
    expect(grat.info).toBe("Gratuitous ARP for 10.0.0.1 (Request)");
    expect([grat.f("arp.isgratuitous"), grat.f("arp.isannouncement")]).toEqual(["1", ""]);
    // RFC 5227 announcement: sender IP = target IP, target MAC zero (arp-gratuitous.pcapng reads the same).
    const announce = d(arp(1, MAC_A, [24, 6, 125, 19], MAC_ZERO, [24, 6, 125, 19]));
    expect(announce.info).toBe("ARP Announcement for 24.6.125.19");
    expect([announce.f("arp.isgratuitous"), announce.f("arp.isannouncement")]).toEqual(["1", "1"]);
    const reply = d(arp(2, MAC_A, [10, 0, 0, 1], MAC_BCAST, [10, 0, 0, 1]));
    expect(reply.info).toBe("Gratuitous ARP for 10.0.0.1 (Reply)");
    // RFC 5227 probe: sender IP 0.0.0.0, target MAC zero.
    const probe = d(arp(1, MAC_A, [0, 0, 0, 0], MAC_ZERO, [10, 0, 0, 9]));
    expect(probe.info).toBe("Who has 10.0.0.9? (ARP Probe)");
    expect(probe.f("arp.isprobe")).toBe("1");
  });

  it("uses byte fields and hex text for non-Ethernet/IPv4 addresses", () => {
    const v6 = ethernet()(
      Uint8Array.of(
        ...ETH,
        0x00, 0x01, // Ethernet
        0x86, 0xdd, // protocol type IPv6
        0x06, // hardware size
        0x10, // protocol size 16
        0x00, 0x01, // request
        ...MAC_A, // sender MAC
        0xfe, 0x80, ...new Array<number>(13).fill(0), 0x01, // sender fe80::1
        ...MAC_ZERO, // target MAC
        0xfe, 0x80, ...new Array<number>(13).fill(0), 0x02, // target fe80::2
      ),
    );
    expect(v6.info).toBe("Who has fe800000000000000000000000000002? Tell fe800000000000000000000000000001");
    expect(v6.f("arp.src.proto")).toBe("fe800000000000000000000000000001");
    expect(v6.f("arp.src.proto_ipv4")).toBe("");
    const longHw = ethernet()(
      Uint8Array.of(
        ...ETH,
        0x00, 0x01, // Ethernet, but...
        0x08, 0x00, // IPv4
        0x08, // ...8-byte hardware addresses
        0x04, // protocol size
        0x00, 0x03, // reverse request
        1, 2, 3, 4, 5, 6, 7, 8, // sender hardware address
        10, 0, 0, 1, // sender IP
        9, 9, 9, 9, 9, 9, 9, 9, // target hardware address
        10, 0, 0, 2, // target IP
      ),
    );
    expect(longHw.f("arp.src.hw")).toBe("0102030405060708");
    expect(longHw.f("arp.src.hw_mac")).toBe("");
    expect(longHw.info).toBe("Who is 0909090909090909? Tell 0102030405060708");
  });

  it("cuts very long addresses in Info after 36 bytes", () => {
    const addr = new Array<number>(40).fill(0xab);
    const r = ethernet()(
      Uint8Array.of(
        ...ETH,
        0x00, 0x01, // Ethernet
        0x12, 0x34, // unknown protocol type
        0x00, // no hardware address
        40, // 40-byte protocol addresses
        0x00, 0x01, // request
        ...addr, // sender protocol address
        ...addr.map(() => 0xcd), // target protocol address
      ),
    );
    expect(r.info).toBe(`Who has ${"cd".repeat(36)}…? Tell ${"ab".repeat(36)}…`);
  });

  it("says <No address> for empty addresses", () => {
    const r = ethernet()(
      Uint8Array.of(
        ...ETH,
        0x00, 0x01, // Ethernet
        0x08, 0x00, // IPv4
        0x00, // hardware size 0
        0x00, // protocol size 0
        0x00, 0x01, // request
      ),
    );
    expect(r.info).toBe("Who has <No address>? Tell <No address>");
    expect(r.malformed).toBe("");
  });

  it("detects an IP address moving to another MAC, and remembers it when re-dissected", () => {
    const d = ethernet();
    d(arp(1, MAC_A, [10, 0, 0, 2], MAC_ZERO, [10, 0, 0, 1])); // frame 1: 10.0.0.2 is at MAC_A
    const r = d(arp(2, MAC_A, [10, 0, 0, 1], MAC_B, [10, 0, 0, 2])); // frame 2: reply says 10.0.0.2 is at MAC_B
    expect(r.info).toBe("10.0.0.1 is at 00:11:22:33:44:55 (duplicate use of 10.0.0.2 detected!)");
    expect(r.f("arp.duplicate-address-frame")).toBe("1");
    expect(r.f("arp.seconds-since-duplicate-address-frame")).toBe("1");
    const again = d(arp(2, MAC_A, [10, 0, 0, 1], MAC_B, [10, 0, 0, 2]), { num: 2, visited: true });
    expect(again.info).toBe(r.info);
    expect(again.f("arp.duplicate-address-frame")).toBe("1");
    // As tshark -V draws it: a top-level text item (so -z io,phs counts "text"), the expert item under the earlier frame.
    const tree = new TreeBuilder(wsFields.expert);
    const dissection = new Dissection();
    [arp(1, MAC_A, [10, 0, 0, 2], MAC_ZERO, [10, 0, 0, 1]), arp(2, MAC_A, [10, 0, 0, 1], MAC_B, [10, 0, 0, 2])].forEach((bytes, i) => {
      const rec = newPacketRecord();
      rec.number = i + 1;
      rec.tsSec = i;
      rec.capLen = rec.origLen = bytes.length;
      rec.linkType = LinkType.ETHERNET;
      tree.reset();
      dissection.dissect(rec, bytes, tree);
    });
    const dup = tree.roots.find((n) => n.field.abbrev === "_ws.text")!;
    expect(dup.label).toBe("Duplicate IP address detected for 10.0.0.2 (66:55:44:33:22:11) - also in use by 00:11:22:33:44:55 (frame 1)");
    expect(dup.children!.map((c) => c.field.abbrev)).toEqual(["arp.duplicate-address-frame", "arp.seconds-since-duplicate-address-frame"]);
    const expert = dup.children![0]!.children![0]!;
    expect([expert.label, expert.children![0]!.field.abbrev]).toEqual([
      "Expert Info (Warning/Sequence): Duplicate IP address configured (10.0.0.2)",
      "arp.duplicate-address-detected",
    ]);
  });

  it("reports the tree label with the operation", () => {
    const node = detailsTree(LinkType.ETHERNET, arp(1, MAC_A, [10, 0, 0, 1], MAC_ZERO, [10, 0, 0, 1])).find((n) => n.field.abbrev === "arp")!;
    expect(node.label).toBe("Address Resolution Protocol (ARP Announcement)");
    expect([node.offset, node.length]).toEqual([14, 28]);
    expect(node.children!.map((c) => c.field.abbrev)).toEqual([
      "arp.hw.type", "arp.proto.type", "arp.hw.size", "arp.proto.size", "arp.opcode",
      "arp.isgratuitous", "arp.isannouncement",
      "arp.src.hw_mac", "arp.src.proto_ipv4", "arp.dst.hw_mac", "arp.dst.proto_ipv4",
    ]);
  });

  it("marks short messages malformed, or cut by the snap length, without throwing", () => {
    const d = ethernet();
    const empty = d(Uint8Array.of(...ETH));
    expect([empty.layers, empty.protocol, empty.info]).toEqual(["eth:ethertype:arp", "ARP", "[Malformed Packet]"]);
    // The header says 28 bytes, the frame has 18: fields up to the opcode, then malformed.
    const cut = d(Uint8Array.of(...ETH, ...ETHER_IPV4, 0x00, 0x01, ...MAC_A, 10, 0, 0, 1));
    expect(cut.f("arp.opcode")).toBe("1");
    expect(cut.f("arp.src.hw_mac")).toBe("");
    expect(cut.info).toBe("[Malformed Packet]");
    // Same bytes, but the wire had the whole message: the capture was cut, not the packet.
    const snapped = d(Uint8Array.of(...ETH, ...ETHER_IPV4, 0x00, 0x01, ...MAC_A, 10, 0, 0, 1), { origLen: 60 });
    expect(snapped.info).toBe("[Packet size limited during capture]");
    expect(snapped.malformed).not.toBe("");
  });

  it("never throws on any truncation or random bytes, with or without a tree", () => {
    const dissection = new Dissection();
    const rec = newPacketRecord();
    rec.linkType = LinkType.ETHERNET;
    const full = arp(2, MAC_A, [10, 0, 0, 1], MAC_B, [10, 0, 0, 2]);
    let seed = 11;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
    for (let i = 0; i < 300; i++) {
      const b = i < full.length + 1 ? full.subarray(0, i) : Uint8Array.from({ length: 14 + (i % 50) }, (_, k) => (k === 12 ? 0x08 : k === 13 ? 0x06 : rnd()));
      rec.number = i + 1;
      rec.capLen = b.length;
      rec.origLen = b.length + (i % 4 === 0 ? 8 : 0);
      const p = dissection.dissect(rec, b, i % 2 ? new TreeBuilder(wsFields.expert) : NULL_TREE, i % 3 !== 0);
      expect(p.malformed).not.toMatch(/internal error/);
    }
  });
});
