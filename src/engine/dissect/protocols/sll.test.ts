/**
 * Linux cooked captures v1 and v2, from hand-built frames through the whole
 * engine. Expected values are what tshark 4.0.17 prints for the same bytes
 * (checked on crafted pcaps); the real captures linux-sll2-icmp-icmpv6-arp.pcap,
 * pcap-nanosec-linux-sll-tcp-handshake.pcap and the SLL interface of
 * pcapng-comments-ether-plus-sll-odd-timestamps.pcapng are compared through
 * scripts/tshark-compare.ts.
 */
import { describe, expect, it } from "vitest";
import { Dissection } from "../dissection";
import { NULL_TREE, TreeBuilder } from "../tree";
import { wsFields } from "../common";
import { LinkType, newPacketRecord } from "../../capture/types";
import { frames as link } from "./testing";

/** An Ethernet/IPv4 ARP request, 28 bytes. */
const ARP_REQUEST = [
  0x00, 0x01, 0x08, 0x00, 0x06, 0x04, // Ethernet, IPv4, sizes 6 and 4
  0x00, 0x01, // request
  0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 10, 0, 0, 2, // sender
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 10, 0, 0, 1, // target
];

describe("Linux cooked capture v1", () => {
  it("decodes the header, the Source column and an ARP payload with padding and trailer", () => {
    const r = link(LinkType.LINUX_SLL)(
      Uint8Array.of(
        0x00, 0x00, // packet type: unicast to us
        0x00, 0x01, // ARPHRD_ETHER
        0x00, 0x06, // address length 6
        0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x00, 0x00, // sender MAC + 2 unused bytes
        0x08, 0x06, // protocol: EtherType ARP
        ...ARP_REQUEST,
        ...new Array<number>(16).fill(0), // padding up to 60 bytes
        0xaa, 0xbb, 0xcc, 0xdd, // trailer
      ),
    );
    expect(r.layers).toBe("sll:ethertype:arp");
    expect(r.f("sll.pkttype")).toBe("0");
    expect(r.f("sll.hatype")).toBe("1");
    expect(r.f("sll.halen")).toBe("6");
    expect(r.f("sll.src.eth")).toBe("00:11:22:33:44:55");
    expect(r.f("sll.unused")).toBe("0000");
    expect(r.f("sll.etype")).toBe("0x0806");
    expect(r.f("sll.ltype")).toBe("");
    expect(r.f("eth.padding")).toBe("00".repeat(16));
    expect(r.f("sll.trailer")).toBe("aabbccdd");
    expect(r.protocol).toBe("ARP");
    expect(r.info).toBe("Who has 10.0.0.1? Tell 10.0.0.2");
    // The Source column names the address as tshark does by default (manuf: 00:11:22 is CIMSYS).
    expect(r.src).toBe("CIMSYS_33:44:55");
    expect(r.dst).toBe("");
  });

  it("takes a 4-byte address as IPv4 and other lengths as bytes", () => {
    const d = link(LinkType.LINUX_SLL);
    const v4 = d(
      Uint8Array.of(
        0x00, 0x03, // packet type: to another host
        0x03, 0x04, // ARPHRD_LOOPBACK (772)
        0x00, 0x04, // address length 4
        127, 0, 0, 1, 0, 0, 0, 0, // address + 4 unused bytes
        0x99, 0x99, // unknown EtherType
        0x01, // payload
      ),
    );
    expect(v4.f("sll.src.ipv4")).toBe("127.0.0.1");
    expect(v4.f("sll.unused")).toBe("00000000");
    expect(v4.src).toBe("127.0.0.1");
    // Unknown EtherType: Protocol is the type, Info stays the packet type.
    expect(v4.protocol).toBe("0x9999");
    expect(v4.info).toBe("Unicast to another host");
    const none = d(
      Uint8Array.of(
        0x00, 0x02, // multicast
        0x00, 0x01, // Ethernet
        0x00, 0x00, // no address
        0, 0, 0, 0, 0, 0, 0, 0, // 8 unused bytes
        0x99, 0x99, // unknown EtherType
        0x01, // payload
      ),
    );
    expect(none.f("sll.unused")).toBe("0000000000000000");
    expect(none.src).toBe("");
    const long = d(
      Uint8Array.of(
        0x00, 0x00, // to us
        0x00, 0x01, // Ethernet
        0x00, 0x0a, // address length 10: only 8 bytes fit
        1, 2, 3, 4, 5, 6, 7, 8, // address
        0x99, 0x99, // unknown EtherType
        0x01, // payload
      ),
    );
    expect(long.f("sll.src.other")).toBe("0102030405060708");
    expect(long.f("sll.unused")).toBe("");
  });

  it("uses the Linux protocol table below 1536", () => {
    const d = link(LinkType.LINUX_SLL);
    const llc = d(
      Uint8Array.of(
        0x00, 0x00, 0x00, 0x01, 0x00, 0x06, // to us, Ethernet, 6-byte address
        0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x00, 0x00, // address
        0x00, 0x04, // ETH_P_802_2: an LLC frame follows
        0x42, 0x42, 0x03, // LLC header (Spanning Tree SAPs, UI) and nothing after it
      ),
    );
    expect(llc.f("sll.ltype")).toBe("0x0004");
    expect(llc.f("sll.etype")).toBe("");
    expect(llc.layers).toBe("sll:llc"); // tshark: no BPDU is called on an empty payload
    expect(llc.info).toBe("U, func=UI; DSAP Spanning Tree BPDU Individual, SSAP Spanning Tree BPDU Command");
    const eth = d(
      Uint8Array.of(
        0x00, 0x00, 0x00, 0x01, 0x00, 0x06, // to us, Ethernet, 6-byte address
        0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x00, 0x00, // address
        0x00, 0x03, // ETH_P_ALL: a whole Ethernet frame follows
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, // Ethernet destination
        0x00, 0x11, 0x22, 0x33, 0x44, 0x55, // Ethernet source
        0x08, 0x06, // ARP
        ...ARP_REQUEST,
      ),
    );
    expect(eth.layers).toBe("sll:eth:ethertype:arp");
    expect(eth.info).toBe("Who has 10.0.0.1? Tell 10.0.0.2");
  });

  it("marks truncated headers malformed without throwing", () => {
    const d = link(LinkType.LINUX_SLL);
    const empty = d(new Uint8Array(0));
    expect([empty.layers, empty.protocol]).toEqual(["sll", ""]);
    expect(empty.malformed).not.toBe("");
    const noAddress = d(Uint8Array.of(0x00, 0x00, 0x00, 0x01, 0x00, 0x06)); // type, hatype, length; address missing
    expect(noAddress.f("sll.halen")).toBe("6");
    expect(noAddress.f("sll.src.eth")).toBe("");
    expect(noAddress.info).toContain("Unicast to us");
    expect(noAddress.info).toContain("[Malformed Packet]");
    const noProtocol = d(Uint8Array.of(0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0, 0x11, 0x22, 0x33, 0x44, 0x55, 0, 0));
    expect(noProtocol.f("sll.unused")).toBe("0000");
    expect(noProtocol.src).toBe("CIMSYS_33:44:55");
    expect(noProtocol.malformed).not.toBe("");
  });
});

describe("Linux cooked capture v2", () => {
  it("decodes the v2 field order and interface index", () => {
    const r = link(LinkType.LINUX_SLL2)(
      Uint8Array.of(
        0x80, 0x35, // protocol: RARP
        0x00, 0x00, // reserved
        0x00, 0x00, 0x00, 0x1a, // interface index 26
        0x00, 0x01, // ARPHRD_ETHER
        0x04, // packet type: sent by us
        0x06, // address length 6
        0x8e, 0x36, 0x06, 0x44, 0xac, 0xaf, 0x00, 0x00, // address + unused
        0x00, 0x01, 0x08, 0x00, 0x06, 0x04, // Ethernet, IPv4, sizes
        0x00, 0x03, // reverse request
        0x8e, 0x36, 0x06, 0x44, 0xac, 0xaf, 192, 0, 2, 1, // sender
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 192, 0, 2, 2, // target
      ),
    );
    expect(r.layers).toBe("sll:ethertype:arp");
    expect(r.f("sll.etype")).toBe("0x8035");
    expect(r.f("sll.ifindex")).toBe("26");
    expect(r.f("sll.hatype")).toBe("1");
    expect(r.f("sll.pkttype")).toBe("4");
    expect(r.f("sll.halen")).toBe("6");
    expect(r.f("sll.src.eth")).toBe("8e:36:06:44:ac:af");
    expect(r.protocol).toBe("RARP");
    expect(r.info).toBe("Who is 00:00:00:00:00:00? Tell 8e:36:06:44:ac:af");
  });

  it("reads the packet type for Info as 16 bits, like Wireshark 4.0", () => {
    const r = link(LinkType.LINUX_SLL2)(
      Uint8Array.of(
        0x99, 0x99, // unknown EtherType
        0x00, 0x00, // reserved
        0x00, 0x00, 0x00, 0x01, // interface 1
        0x00, 0x01, // Ethernet
        0x04, // sent by us...
        0x06, // ...and the address length: Info shows 0x0406
        0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x00, 0x00, // address
        0x01, 0x02, // payload
      ),
    );
    expect(r.f("sll.pkttype")).toBe("4");
    expect(r.info).toBe("Unknown (1030)");
  });

  it("names the protocol of an IPv4 GRE device sll.gretype and hands it straight on", () => {
    const r = link(LinkType.LINUX_SLL2)(
      Uint8Array.of(
        0x99, 0x98, // GRE protocol type without a dissector
        0x00, 0x00, // reserved
        0x00, 0x00, 0x00, 0x01, // interface 1
        0x03, 0x0a, // ARPHRD_IPGRE (778)
        0x00, // to us
        0x00, // no address
        0, 0, 0, 0, 0, 0, 0, 0, // unused
        0x01, // payload
      ),
    );
    expect(r.f("sll.gretype")).toBe("0x9998");
    expect(r.f("sll.etype")).toBe("");
    expect(r.layers).toBe("sll");
  });

  it("never throws on truncations and random headers", () => {
    const dissection = new Dissection();
    const rec = newPacketRecord();
    let seed = 3;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
    for (let i = 0; i < 300; i++) {
      rec.linkType = i % 2 ? LinkType.LINUX_SLL2 : LinkType.LINUX_SLL;
      const b = Uint8Array.from({ length: i % 70 }, rnd);
      if (i % 3 === 0 && b.length > 20) b[11] = 6; // plausible address length
      rec.number = i + 1;
      rec.capLen = b.length;
      rec.origLen = b.length + (i % 5 === 0 ? 20 : 0);
      const p = dissection.dissect(rec, b, i % 2 ? new TreeBuilder(wsFields.expert) : NULL_TREE, i % 4 !== 0);
      expect(p.malformed).not.toMatch(/internal error/);
    }
  });
});
