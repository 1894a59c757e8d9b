/**
 * BSD loopback (LINKTYPE_NULL, host byte order) and OpenBSD LINKTYPE_LOOP
 * (network byte order), from hand-built frames through the whole engine.
 * Expected values are what tshark 4.0.17 prints for the same bytes (checked
 * on crafted pcaps); bsd-null-loopback-ipv4-ipv6.pcap is compared through
 * scripts/tshark-compare.ts.
 */
import { describe, expect, it } from "vitest";
import { Dissection } from "../dissection";
import { NULL_TREE, TreeBuilder } from "../tree";
import { table } from "../dissector";
import { wsFields } from "../common";
import { LinkType, newPacketRecord } from "../../capture/types";
import { frames as link } from "./testing";

/** A 20-byte IPv4 header (127.0.0.1 → 127.0.0.1, protocol 253 "experimentation", no payload). */
const IPV4 = [
  0x45, 0x00, 0x00, 0x14, // version 4, IHL 5, total length 20
  0x00, 0x01, 0x00, 0x00, // identification 1, no fragmentation
  0x40, 0xfd, 0x00, 0x00, // TTL 64, protocol 253, checksum (not checked)
  127, 0, 0, 1, // source
  127, 0, 0, 1, // destination
];
/** First bytes of an IPv6 header: only the version nibble matters to the link layer. */
const IPV6_START = [0x60, 0x00, 0x00, 0x00];

/** The layer the IPv4 / IPv6 dissector adds, or "data" while that dissector is not registered. */
const ipLayer = (): string => (table("ethertype").get(0x0800) ? "ip" : "data");
const ipv6Layer = (): string => (table("ethertype").get(0x86dd) ? "ipv6" : "data");

describe("LINKTYPE_NULL", () => {
  it("reads a little-endian AF_INET family and hands the packet to IPv4", () => {
    const r = link(LinkType.NULL)(
      Uint8Array.of(
        0x02, 0x00, 0x00, 0x00, // family AF_INET, little-endian host
        ...IPV4,
      ),
    );
    expect(r.f("null.family")).toBe("2");
    expect(r.f("null.type")).toBe("");
    expect(r.layers.split(":").slice(0, 2)).toEqual(["null", ipLayer()]);
  });

  it("guesses the byte order from where the small AF_ value sits", () => {
    const d = link(LinkType.NULL);
    const cases: [number[], string][] = [
      [[0x00, 0x00, 0x00, 0x02], "2"], // big-endian host
      [[0x18, 0x00, 0x00, 0x00], "24"], // AF_INET6 NetBSD/OpenBSD
      [[0x1c, 0x00, 0x00, 0x00], "28"], // AF_INET6 FreeBSD
      [[0x00, 0x00, 0x00, 0x1e], "30"], // AF_INET6 macOS, big-endian
      [[0x00, 0x02, 0x00, 0x00], "2"], // IRIX snoop: 16-bit family then zeros, read on a little-endian host
      [[0x00, 0x00, 0x02, 0x00], "2"], // the same written by a big-endian host
    ];
    for (const [header, family] of cases) {
      const r = d(Uint8Array.of(...header, ...(family === "2" ? IPV4 : IPV6_START)));
      expect([header, r.f("null.family")]).toEqual([header, family]);
      expect(r.layers.split(":")[1]).toBe(family === "2" ? ipLayer() : ipv6Layer());
    }
  });

  it("takes a value above 1500 as an EtherType (old Linux DLT_NULL)", () => {
    const r = link(LinkType.NULL)(
      Uint8Array.of(
        0x00, 0x00, 0x08, 0x00, // two zero bytes, then EtherType IPv4
        ...IPV4,
      ),
    );
    expect(r.f("null.type")).toBe("0x0800");
    expect(r.f("null.family")).toBe("");
    // The EtherType table is called directly: no "ethertype" layer.
    expect(r.layers.split(":").slice(0, 2)).toEqual(["null", ipLayer()]);
  });

  it("shows unknown families as data with N/A columns", () => {
    const r = link(LinkType.NULL)(
      Uint8Array.of(
        0x63, 0x00, 0x00, 0x00, // family 99: no dissector
        0x01, 0x02, // payload
      ),
    );
    expect(r.f("null.family")).toBe("99");
    expect(r.layers).toBe("null:data");
    expect([r.protocol, r.info, r.src, r.dst]).toEqual(["N/A", "Null/Loopback", "N/A", "N/A"]);
  });

  it("marks short headers malformed without throwing", () => {
    const d = link(LinkType.NULL);
    const empty = d(new Uint8Array(0));
    expect([empty.layers, empty.protocol, empty.info]).toEqual(["null", "", "[Malformed Packet]"]);
    const half = d(Uint8Array.of(0x02, 0x00)); // half a family
    expect(half.protocol).toBe("N/A");
    expect(half.info.startsWith("Null/Loopback")).toBe(true);
    expect(half.malformed).not.toBe("");
  });
});

describe("LINKTYPE_LOOP", () => {
  it("reads the family in network byte order", () => {
    const d = link(LinkType.LOOP);
    const v4 = d(
      Uint8Array.of(
        0x00, 0x00, 0x00, 0x02, // family AF_INET, big-endian
        ...IPV4,
      ),
    );
    expect(v4.f("null.family")).toBe("2");
    expect(v4.layers.split(":").slice(0, 2)).toEqual(["null", ipLayer()]);
    // A little-endian family is not guessed here: 0x02000000 is an unknown family.
    const le = d(Uint8Array.of(0x02, 0x00, 0x00, 0x00, ...IPV4));
    expect(le.f("null.family")).toBe("33554432");
    expect(le.layers).toBe("null:data");
    const short = d(Uint8Array.of(0x00, 0x00));
    expect([short.protocol, short.info.startsWith("Null/Loopback")]).toEqual(["N/A", true]);
    expect(short.malformed).not.toBe("");
  });
});

describe("robustness", () => {
  it("never throws on random headers", () => {
    const dissection = new Dissection();
    const rec = newPacketRecord();
    let seed = 5;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
    for (let i = 0; i < 200; i++) {
      rec.linkType = i % 2 ? LinkType.LOOP : LinkType.NULL;
      const b = Uint8Array.from({ length: i % 30 }, rnd);
      rec.number = i + 1;
      rec.capLen = rec.origLen = b.length;
      const p = dissection.dissect(rec, b, i % 3 ? new TreeBuilder(wsFields.expert) : NULL_TREE, i % 2 === 0);
      expect(p.malformed).not.toMatch(/internal error/);
    }
  });
});
