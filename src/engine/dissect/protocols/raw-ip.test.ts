/**
 * Raw IP link types (LINKTYPE_RAW 101/12/14, LINKTYPE_IPV4 228, LINKTYPE_IPV6
 * 229), from hand-built frames through the whole engine. Expected values are
 * what tshark 4.0.17 prints for the same bytes (checked on crafted pcaps);
 * rawip-linktype101-ipv4-ipv6-mixed.pcap is compared through
 * scripts/tshark-compare.ts.
 */
import { describe, expect, it } from "vitest";
import { Dissection } from "../dissection";
import { NULL_TREE, TreeBuilder } from "../tree";
import { table } from "../dissector";
import { wsFields } from "../common";
import { LinkType, newPacketRecord } from "../../capture/types";
import { frames as link } from "./testing";

/** A 20-byte IPv4 header (10.0.0.1 → 10.0.0.2, protocol 253, no payload). */
const IPV4 = [
  0x45, 0x00, 0x00, 0x14, // version 4, IHL 5, total length 20
  0x00, 0x01, 0x00, 0x00, // identification 1, no fragmentation
  0x40, 0xfd, 0x00, 0x00, // TTL 64, protocol 253, checksum (not checked)
  10, 0, 0, 1, // source
  10, 0, 0, 2, // destination
];
/** An IPv6 header with no payload (::1 → ::1, next header 59 "no next header"). */
const IPV6 = [
  0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
  0x00, 0x00, 0x3b, 0x40, // payload length 0, next header 59, hop limit 64
  ...new Array<number>(15).fill(0), 0x01, // source ::1
  ...new Array<number>(15).fill(0), 0x01, // destination ::1
];

const ipLayer = (): string => (table("ethertype").get(0x0800) ? "ip" : "data");
const ipv6Layer = (): string => (table("ethertype").get(0x86dd) ? "ipv6" : "data");

describe("LINKTYPE_RAW", () => {
  it("picks IPv4 or IPv6 by the version nibble, under a raw layer", () => {
    for (const lt of [LinkType.RAW, LinkType.RAW_12, LinkType.RAW_14]) {
      const d = link(lt);
      const v4 = d(Uint8Array.of(...IPV4));
      expect(v4.layers.split(":").slice(0, 2)).toEqual(["raw", ipLayer()]);
      // tshark -T fields prints a protocol item without custom text as its abbreviation.
      expect(v4.f("raw")).toBe("raw");
      const v6 = d(Uint8Array.of(...IPV6));
      expect(v6.layers.split(":").slice(0, 2)).toEqual(["raw", ipv6Layer()]);
    }
  });

  it("leaves N/A columns and Raw packet data for what is not IP", () => {
    const r = link(LinkType.RAW)(
      Uint8Array.of(
        0x50, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // version 5: neither IPv4 nor IPv6
        0x00, 0x00, // two more bytes
      ),
    );
    expect(r.layers).toBe("raw:data");
    expect([r.protocol, r.info, r.src]).toEqual(["N/A", "Raw packet data", "N/A"]);
  });

  it("skips ten zero bytes (Linux ISDN link down) before IPv4", () => {
    const r = link(LinkType.RAW)(Uint8Array.of(...new Array<number>(10).fill(0), ...IPV4));
    expect(r.layers.split(":").slice(0, 2)).toEqual(["raw", ipLayer()]);
  });

  it("marks packets shorter than 8 bytes malformed, IP or not", () => {
    const d = link(LinkType.RAW);
    for (const b of [[], [0x45], [0x70, 0x00], [0x45, 0, 0, 0x14, 0, 1, 0]]) {
      const r = d(Uint8Array.from(b));
      expect(r.layers).toBe("raw");
      expect(r.protocol).toBe("N/A");
      expect(r.info.startsWith("Raw packet data")).toBe(true);
      expect(r.info).toContain("[Malformed Packet]");
    }
  });
});

describe("LINKTYPE_IPV4 / LINKTYPE_IPV6", () => {
  it("hands the packet to the IP dissector with no link layer of its own", () => {
    const v4 = link(LinkType.IPV4)(Uint8Array.of(...IPV4));
    expect(v4.layers.split(":")[0]).toBe(ipLayer());
    const v6 = link(LinkType.IPV6)(Uint8Array.of(...IPV6));
    expect(v6.layers.split(":")[0]).toBe(ipv6Layer());
  });

  it("never throws on random packets", () => {
    const dissection = new Dissection();
    const rec = newPacketRecord();
    let seed = 9;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
    const types = [LinkType.RAW, LinkType.IPV4, LinkType.IPV6, LinkType.RAW_12];
    for (let i = 0; i < 200; i++) {
      rec.linkType = types[i % types.length]!;
      const b = Uint8Array.from({ length: i % 40 }, rnd);
      if (b.length && i % 2) b[0] = (b[0]! & 0x0f) | 0x40;
      rec.number = i + 1;
      rec.capLen = rec.origLen = b.length;
      const p = dissection.dissect(rec, b, i % 3 ? new TreeBuilder(wsFields.expert) : NULL_TREE, i % 2 === 0);
      expect(p.malformed).not.toMatch(/internal error/);
    }
  });
});
