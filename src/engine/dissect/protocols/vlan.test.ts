/**
 * 802.1Q / 802.1ad tags, dissected from hand-built Ethernet frames through
 * the whole engine (Dissection → frame → eth → ethertype → vlan). Expected
 * values are what tshark 4.0.17 prints for the same bytes (checked on
 * crafted pcaps); the real capture vlan-8021q-arp-icmp.pcap is compared
 * through scripts/tshark-compare.ts.
 */
import { describe, expect, it } from "vitest";
import { Dissection } from "../dissection";
import { fieldByAbbrev } from "../field";
import { NULL_TREE, TreeBuilder, type TreeNode } from "../tree";
import { wsFields } from "../common";
import { LinkType, newPacketRecord } from "../../capture/types";
import { detailsTree, ethernet } from "./testing";

function hex(s: string): Uint8Array {
  const clean = s.replace(/\s+/g, "");
  return Uint8Array.from({ length: clean.length / 2 }, (_, i) => parseInt(clean.slice(i * 2, i * 2 + 2), 16));
}

const ETH_BCAST = [
  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, // destination MAC: broadcast
  0x00, 0x19, 0x06, 0xea, 0xb8, 0xc1, // source MAC
];

/** vlan-8021q-arp-icmp.pcap frame 1: a gratuitous ARP reply in VLAN 123, padded to 60 bytes plus 4 trailer bytes. */
const VLAN_ARP = Uint8Array.of(
  ...ETH_BCAST,
  0x81, 0x00, // TPID 802.1Q
  0x00, 0x7b, // TCI: PCP 0, DEI 0, VID 123
  0x08, 0x06, // EtherType ARP
  0x00, 0x01, // ARP hardware type Ethernet
  0x08, 0x00, // protocol type IPv4
  0x06, // hardware size
  0x04, // protocol size
  0x00, 0x02, // opcode reply
  0x00, 0x19, 0x06, 0xea, 0xb8, 0xc1, // sender MAC
  192, 168, 123, 1, // sender IP
  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, // target MAC
  192, 168, 123, 1, // target IP (= sender: gratuitous)
  ...new Array<number>(14).fill(0), // padding to 60 bytes
  0x00, 0x00, 0x00, 0x00, // 4 more bytes: the VLAN trailer
);

describe("802.1Q VLAN", () => {
  it("decodes a tag, its ARP payload, padding and trailer like tshark", () => {
    const r = ethernet()(VLAN_ARP);
    expect(r.layers).toBe("eth:ethertype:vlan:ethertype:arp");
    expect(r.f("vlan.priority")).toBe("0");
    expect(r.f("vlan.dei")).toBe("0");
    expect(r.f("vlan.id")).toBe("123");
    expect(r.f("vlan.etype")).toBe("0x0806");
    expect(r.f("eth.padding")).toBe("0".repeat(28));
    expect(r.f("vlan.trailer")).toBe("00000000");
    expect(r.protocol).toBe("ARP");
    expect(r.info).toBe("Gratuitous ARP for 192.168.123.1 (Reply)");
    // MAC names as tshark prints them by default.
    expect(r.src).toBe("Cisco_ea:b8:c1");
    expect(r.dst).toBe("Broadcast");
  });

  it("builds the tree with tshark's labels and byte ranges", () => {
    const roots = detailsTree(LinkType.ETHERNET, VLAN_ARP);
    const vlanNode = roots.find((n) => n.field.abbrev === "vlan")!;
    expect(vlanNode.label).toBe("802.1Q Virtual LAN, PRI: 0, DEI: 0, ID: 123");
    expect([vlanNode.offset, vlanNode.length]).toEqual([14, 4]);
    const labels = vlanNode.children!.map((c: TreeNode) => [c.field.abbrev, c.offset, c.length, c.label]);
    expect(labels).toEqual([
      ["vlan.priority", 14, 2, "000. .... .... .... = Priority: Best Effort (default) (0)"],
      ["vlan.dei", 14, 2, "...0 .... .... .... = DEI: Ineligible"],
      ["vlan.id", 14, 2, ".... 0000 0111 1011 = ID: 123"],
      ["vlan.etype", 16, 2, undefined],
    ]);
    const padding = roots.find((n) => n.field.abbrev === "eth.padding")!;
    expect([padding.offset, padding.length]).toEqual([46, 14]);
    const trailer = roots.find((n) => n.field.abbrev === "vlan.trailer")!;
    expect([trailer.offset, trailer.length]).toEqual([60, 4]);
  });

  it("shows PCP names and DEI from 802.1Q-2014", () => {
    const r = ethernet()(
      Uint8Array.of(
        ...ETH_BCAST,
        0x81, 0x00, // TPID 802.1Q
        0x5f, 0xff, // TCI: PCP 2, DEI 1, VID 4095
        0x99, 0x99, // unknown EtherType
        0x01, // one byte of payload
      ),
    );
    expect([r.f("vlan.priority"), r.f("vlan.dei"), r.f("vlan.id")]).toEqual(["2", "1", "4095"]);
    // No dissector for 0x9999: Protocol is the type, Info stays the VLAN summary.
    expect(r.layers).toBe("eth:ethertype:vlan:ethertype:data");
    expect(r.protocol).toBe("0x9999");
    expect(r.info).toBe("PRI: 2  DEI: 1  ID: 4095");
  });

  it("stacks tags: each one is a vlan layer, fields in order", () => {
    const r = ethernet()(
      Uint8Array.of(
        ...ETH_BCAST,
        0x81, 0x00, // outer TPID
        0xe0, 0x7b, // outer TCI: PCP 7, VID 123
        0x81, 0x00, // inner TPID
        0x00, 0x05, // inner TCI: VID 5
        0x99, 0x99, // unknown EtherType
        0x01, 0x02, // payload
      ),
    );
    expect(r.layers).toBe("eth:ethertype:vlan:ethertype:vlan:ethertype:data");
    expect(r.f("vlan.id")).toBe("123,5");
    expect(r.f("vlan.priority")).toBe("7,0");
    expect(r.f("vlan.etype")).toBe("0x8100,0x9999");
    expect(r.info).toBe("PRI: 0  DEI: 0  ID: 5");
  });

  it("names a known EtherType that has no dissector in Info", () => {
    const r = ethernet()(
      Uint8Array.of(
        ...ETH_BCAST,
        0x81, 0x00, // TPID
        0x00, 0x7b, // TCI
        0x88, 0xb5, // Local Experimental Ethertype 1 (IEEE 802)
        0x01, 0x02, // payload
      ),
    );
    expect(r.protocol).toBe("0x88b5");
    expect(r.info).toBe("Local Experimental Ethertype 1");
  });

  it("drops the ethertype layer when an unknown type has no payload", () => {
    const r = ethernet()(
      Uint8Array.of(
        ...ETH_BCAST,
        0x81, 0x00, // TPID
        0x00, 0x7b, // TCI
        0x99, 0x99, // unknown EtherType, nothing after it
      ),
    );
    expect(r.layers).toBe("eth:ethertype:vlan");
    expect(r.protocol).toBe("0x9999");
  });

  it("accepts 0x9100 (old Q-in-Q) as a VLAN tag", () => {
    const r = ethernet()(
      Uint8Array.of(
        ...ETH_BCAST,
        0x91, 0x00, // TPID 0x9100
        0x30, 0x0a, // TCI: PCP 1, DEI 1, VID 10
        0x81, 0x00, // inner 802.1Q TPID
        0x00, 0x14, // inner VID 20
        0x99, 0x99, // unknown EtherType
        0x00, // payload
      ),
    );
    expect(r.layers).toBe("eth:ethertype:vlan:ethertype:vlan:ethertype:data");
    expect(r.f("vlan.id")).toBe("10,20");
    expect(r.f("vlan.dei")).toBe("1,0");
  });

  it("takes a length ≤ 1500 after the tag as 802.3 with a trailer", () => {
    const r = ethernet()(
      Uint8Array.of(
        ...ETH_BCAST,
        0x81, 0x00, // TPID
        0x00, 0x7b, // TCI
        0x00, 0x06, // 802.3 length 6
        0x42, 0x42, 0x03, 0x00, 0x00, 0x00, // 6 bytes of LLC (STP)
        0xaa, 0xbb, 0xcc, 0xdd, // trailer
      ),
    );
    expect(r.f("vlan.len")).toBe("6");
    expect(r.f("vlan.etype")).toBe("");
    expect(r.f("vlan.trailer")).toBe("aabbccdd");
    // The 6 bytes are LLC (DSAP/SSAP 0x42: Spanning Tree) and a BPDU too short to read its type (tshark: malformed STP).
    expect(r.layers).toBe("eth:ethertype:vlan:llc:stp");
    expect(r.f("llc.dsap")).toBe("0x42");
    expect(r.info).toBe("[Malformed Packet]");
  });

  it("flags an 802.3 length past the end of the frame", () => {
    const r = ethernet()(
      Uint8Array.of(
        ...ETH_BCAST,
        0x81, 0x00, // TPID
        0x00, 0x7b, // TCI
        0x00, 0x40, // 802.3 length 64, more than the 6 bytes present
        0x42, 0x42, 0x03, 0x00, 0x00, 0x00, // LLC
      ),
    );
    expect(r.f("vlan.len")).toBe("64");
    expect(r.f("_ws.expert.message")).toBe("Length field value goes past the end of the payload,Malformed Packet (Exception occurred)");
    expect(r.layers).toBe("eth:ethertype:vlan:llc:stp");
  });

  it("keeps non-zero bytes where padding would be as trailer", () => {
    const r = ethernet()(
      Uint8Array.of(
        ...ETH_BCAST,
        0x81, 0x00, // TPID
        0x00, 0x7b, // TCI
        0x08, 0x06, // ARP
        0x00, 0x01, 0x08, 0x00, 0x06, 0x04, 0x00, 0x01, // Ethernet/IPv4 request
        0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 10, 0, 0, 2, // sender
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 10, 0, 0, 1, // target
        ...new Array<number>(13).fill(0), // 13 zero bytes...
        0x01, // ...and a non-zero one where the 14th padding byte would be
      ),
    );
    expect(r.f("eth.padding")).toBe("");
    expect(r.f("vlan.trailer")).toBe("00".repeat(13) + "01");
  });

  it("stops after 20 nested tags", () => {
    const tags: number[] = [];
    for (let i = 0; i < 21; i++) tags.push(0x00, 0x01, 0x81, 0x00); // TCI VID 1, then TPID 802.1Q again
    const r = ethernet()(Uint8Array.of(...ETH_BCAST, 0x81, 0x00, ...tags, 0x08, 0x00));
    expect(r.layers.split(":").filter((l) => l === "vlan")).toHaveLength(21);
    expect(r.f("vlan.id").split(",")).toHaveLength(20);
    expect(r.protocol).toBe("VLAN");
  });

  it("marks truncated tags malformed without throwing", () => {
    const d = ethernet();
    const oneByte = d(Uint8Array.of(...ETH_BCAST, 0x81, 0x00, 0x00)); // TPID, half a TCI
    expect(oneByte.layers).toBe("eth:ethertype:vlan");
    expect(oneByte.protocol).toBe("VLAN");
    expect(oneByte.malformed).not.toBe("");
    expect(oneByte.f("vlan.id")).toBe("");
    const tciOnly = d(Uint8Array.of(...ETH_BCAST, 0x81, 0x00, 0x00, 0x7b)); // TPID, TCI, no type
    expect(tciOnly.f("vlan.id")).toBe("123");
    expect(tciOnly.info.startsWith("PRI: 0  DEI: 0  ID: 123")).toBe(true);
    expect(tciOnly.info).toContain("[Malformed Packet]");
  });
});

describe("802.1ad", () => {
  it("decodes an S-tag followed by a C-tag as ieee8021ad then vlan", () => {
    const r = ethernet()(
      Uint8Array.of(
        ...ETH_BCAST,
        0x88, 0xa8, // TPID 802.1ad
        0xa0, 0x0a, // S-tag TCI: PCP 5, VID 10
        0x81, 0x00, // C-tag TPID
        0x20, 0x14, // C-tag TCI: PCP 1, VID 20
        0x99, 0x99, // unknown EtherType
        0x01, // payload
      ),
    );
    expect(r.layers).toBe("eth:ethertype:ieee8021ad:ethertype:vlan:ethertype:data");
    expect([r.f("ieee8021ad.priority"), r.f("ieee8021ad.dei"), r.f("ieee8021ad.id")]).toEqual(["5", "0", "10"]);
    expect(r.f("ieee8021ah.etype")).toBe("0x8100");
    expect([r.f("vlan.priority"), r.f("vlan.id")]).toEqual(["1", "20"]);
  });

  it("shows two 802.1ad tags as one S-VID/C-VID layer", () => {
    const r = ethernet()(
      Uint8Array.of(
        ...ETH_BCAST,
        0x88, 0xa8, // TPID 802.1ad
        0xa0, 0x0a, // S-tag: PCP 5, VID 10
        0x88, 0xa8, // second 802.1ad TPID
        0x30, 0x14, // C-tag: PCP 1, DEI 1, VID 20
        0x99, 0x99, // unknown EtherType
        0x01, // payload
      ),
    );
    expect(r.layers).toBe("eth:ethertype:ieee8021ad:ethertype:data");
    expect(r.f("ieee8021ad.svid")).toBe("10");
    expect(r.f("ieee8021ad.cvid")).toBe("20");
    expect(r.f("ieee8021ad.priority")).toBe("5,1");
    expect(r.f("ieee8021ad.dei")).toBe("0,1");
    expect(r.f("ieee8021ah.etype")).toBe("0x9999");
    expect(r.info).toBe("PRI: 5  DROP: 0 ID: 10");
  });

  it("survives every truncation of a double tag", () => {
    const full = hex("ffffffffffff 001122334455 88a8 a00a 88a8 3014 0800 4500");
    const d = ethernet();
    for (let n = 0; n <= full.length; n++) {
      const r = d(full.subarray(0, n));
      expect(r.layers.startsWith(n >= 14 ? "eth:ethertype:ieee8021ad" : "eth")).toBe(true);
    }
  });
});

describe("robustness", () => {
  it("never throws on truncated or random tagged frames, with or without a tree", () => {
    const dissection = new Dissection();
    const rec = newPacketRecord();
    rec.linkType = LinkType.ETHERNET;
    let seed = 7;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
    for (let i = 0; i < 400; i++) {
      const len = 14 + (i % 60);
      const b = Uint8Array.from({ length: len }, rnd);
      b[12] = [0x81, 0x88, 0x91][i % 3]!;
      b[13] = [0x00, 0xa8, 0x00][i % 3]!;
      if (i % 2) {
        b[16] = 0x81; // nest another tag now and then
        b[17] = 0x00;
      }
      rec.number = i + 1;
      rec.capLen = len;
      rec.origLen = len + (i % 5 === 0 ? 10 : 0);
      const tree = i % 2 ? new TreeBuilder(wsFields.expert) : NULL_TREE;
      const p = dissection.dissect(rec, b, tree, i % 3 !== 0);
      expect(p.malformed).not.toMatch(/internal error/);
    }
  });

  it("registers the fields tshark knows", () => {
    for (const a of ["vlan.priority", "vlan.cfi", "vlan.dei", "vlan.id", "vlan.id_name", "vlan.etype", "vlan.len", "vlan.trailer"]) {
      expect(fieldByAbbrev(a), a).toBeDefined();
    }
  });
});
