/**
 * GRE (RFC 2784/2890, RFC 1701 bits, RFC 2637 enhanced header) and Cisco
 * MetaData, dissected from hand-built Ethernet/IPv4 frames through the whole
 * engine. Expected values are what tshark 4.0.17 prints for the same bytes
 * (checked on crafted pcaps); the real capture
 * gre-keepalive-cmd-gre-in-gre-plus-stp-pvst-cdp-dtp.pcap is compared
 * through scripts/tshark-compare.ts.
 */
import { describe, expect, it } from "vitest";
import { LinkType } from "../../../capture/types";
import { defaultLabel } from "../../format";
import type { TreeNode } from "../../tree";
import { detailsTree } from "../testing";
import { checksum, echo, ETH_IPV4 as ETH, ethernet, findNode, frame, ipv4 } from "../ip-testing";

const GRE = 47;
const R1 = [10, 172, 64, 6];
const R2 = [10, 172, 64, 7];
const HOST_A = [192, 168, 1, 1];
const HOST_B = [192, 168, 1, 2];
/** IPv4 (proto 1) carrying an ICMP echo request, id 1 seq 1, 4 data bytes: the tunnelled packet. */
const INNER_ECHO = ipv4(echo(1, 1, [1, 2, 3, 4]), { src: HOST_A, dst: HOST_B });

/** Frames whose outer IPv4 (10.172.64.6 → 10.172.64.7) carries `gre`. */
const overGre = (gre: number[], o: { src?: number[]; dst?: number[] } = {}): Uint8Array =>
  frame(ETH, ipv4(gre, { proto: GRE, src: o.src ?? R1, dst: o.dst ?? R2 }));

const labels = (n: TreeNode | undefined): string[] => (n?.children ?? []).map((c) => c.label ?? defaultLabel(c.field, c.value));

describe("GRE header", () => {
  it("reads the RFC 2890 key and sequence number and hands IPv4 on", () => {
    const r = ethernet()(
      overGre([
        0x30, 0x00, // flags and version: K and S set, version 0
        0x08, 0x00, // protocol type: IPv4
        0x00, 0x00, 0x00, 0x28, // key: 40
        0x00, 0x00, 0x00, 0x07, // sequence number: 7
        ...INNER_ECHO,
      ]),
    );
    expect(r.layers).toBe("eth:ethertype:ip:gre:ip:icmp:data");
    expect(r.f("gre.flags_and_version")).toBe("0x3000");
    expect(r.f("gre.flags.checksum")).toBe("0");
    expect(r.f("gre.flags.key")).toBe("1");
    expect(r.f("gre.flags.sequence_number")).toBe("1");
    expect(r.f("gre.flags.version")).toBe("0");
    expect(r.f("gre.proto")).toBe("0x0800");
    expect(r.f("gre.key")).toBe("0x00000028");
    expect(r.f("gre.sequence_number")).toBe("7");
    expect(r.f("gre.checksum")).toBe("");
    // The inner IP header is the second ip.* occurrence; its addresses fill the columns.
    expect(r.f("ip.src")).toBe("10.172.64.6,192.168.1.1");
    expect(r.f("ip.proto")).toBe("47,1");
    expect(r.f("icmp.type")).toBe("8");
    expect(r.protocol).toBe("ICMP");
    expect(r.info).toBe("Echo (ping) request  id=0x0001, seq=1/256, ttl=64");
    expect([r.src, r.dst]).toEqual(["192.168.1.1", "192.168.1.2"]);
  });

  it("labels the flag bits and sizes the item to the header, as tshark's tree does", () => {
    const bytes = overGre([
      0x20, 0x00, // flags and version: K set
      0x89, 0x09, // protocol type: Cisco MetaData
      0x00, 0x00, 0x00, 0x28, // key: 40
      0x08, 0x00, // CMD: payload EtherType IPv4
      0x01, // CMD version 1
      0x01, // CMD length 1
      0x00, 0x01, // CMD options
      0x00, 0x00, // CMD SGT 0
      ...INNER_ECHO,
    ]);
    const roots = detailsTree(LinkType.ETHERNET, bytes);
    const gre = findNode(roots, "gre")!;
    expect(gre.label).toBe("Generic Routing Encapsulation (CiscoMetaData)");
    expect([gre.offset, gre.length]).toEqual([34, 8]);
    expect(labels(gre)).toEqual(["Flags and Version: 0x2000", "Protocol Type: CiscoMetaData (0x8909)", "Key: 0x00000028"]);
    expect(labels(findNode(roots, "gre.flags_and_version"))).toEqual([
      "0... .... .... .... = Checksum Bit: No",
      ".0.. .... .... .... = Routing Bit: No",
      "..1. .... .... .... = Key Bit: Yes",
      "...0 .... .... .... = Sequence Number Bit: No",
      ".... 0... .... .... = Strict Source Route Bit: No",
      ".... .000 .... .... = Recursion control: 0",
      ".... .... 0000 0... = Flags (Reserved): 0",
      ".... .... .... .000 = Version: GRE (0)",
    ]);
    const cmd = findNode(roots, "cmd")!;
    // Wireshark's CMD item covers 6 of the 8 header bytes.
    expect([cmd.offset, cmd.length]).toEqual([42, 6]);
    expect(labels(cmd)).toEqual(["Type: IPv4 (0x0800)", "Version: 1", "Length: 1", "Options: 0x0001", "SGT: 0"]);
  });

  it("verifies the checksum over header and payload (RFC 2784 §2.5)", () => {
    const gre = [
      0x80, 0x00, // flags and version: C set
      0x08, 0x00, // protocol type: IPv4
      0x00, 0x00, // checksum (filled below)
      0x00, 0x00, // offset (reserved1 in RFC 2784)
      ...INNER_ECHO,
    ];
    const c = checksum(gre);
    const good = ethernet()(overGre([...gre.slice(0, 4), c >> 8, c & 0xff, ...gre.slice(6)]));
    expect(good.f("gre.checksum")).toBe("0x77ff");
    expect(good.f("gre.checksum.status")).toBe("1"); // Good
    expect(good.f("gre.offset")).toBe("0");
    const bad = ethernet()(overGre([...gre.slice(0, 4), 0x12, 0x34, ...gre.slice(6)]));
    expect(bad.f("gre.checksum")).toBe("0x1234");
    expect(bad.f("gre.checksum.status")).toBe("0"); // Bad
    expect(bad.protocol).toBe("ICMP");
    // Cut by the snap length: not all bytes to sum, so unverified.
    const cut = overGre([...gre.slice(0, 4), c >> 8, c & 0xff, ...gre.slice(6)]);
    const snapped = ethernet()(cut.subarray(0, cut.length - 10), { origLen: cut.length });
    expect(snapped.f("gre.checksum.status")).toBe("2"); // Unverified
  });

  it("lists RFC 1701 source route entries up to the NULL entry", () => {
    const r = ethernet()(
      overGre([
        0x40, 0x00, // flags and version: R set
        0x08, 0x00, // protocol type: IPv4
        0xab, 0xcd, // checksum: present because of R, not verified without C
        0x00, 0x04, // offset
        0x08, 0x00, // SRE address family: IP
        0x00, // SRE offset
        0x08, // SRE length: 8
        1, 2, 3, 4, 5, 6, 7, 8, // routing information
        0x00, 0x00, 0x00, 0x00, // NULL SRE: family 0, length 0
        ...INNER_ECHO,
      ]),
    );
    expect(r.f("gre.checksum.status")).toBe("2"); // Unverified
    expect(r.f("gre.offset")).toBe("4");
    expect(r.f("gre.routing.address_family")).toBe("2048,0");
    expect(r.f("gre.routing.src_length")).toBe("8,0");
    expect(r.f("gre.routing.information")).toBe("0102030405060708");
    expect(r.protocol).toBe("ICMP");
  });

  it("reads PPTP's enhanced header (RFC 2637 §4.1): payload length, call ID, acknowledgment", () => {
    const r = ethernet()(
      overGre([
        0x20, 0x81, // flags and version: K, A set, version 1
        0x88, 0x0b, // protocol type: PPP
        0x00, 0x00, // payload length: 0
        0x00, 0x55, // call ID: 85
        0x00, 0x00, 0x00, 0x02, // acknowledgment number: 2
      ]),
    );
    expect(r.layers).toBe("eth:ethertype:ip:gre");
    expect(r.f("gre.flags.ack")).toBe("1");
    expect(r.f("gre.flags.version")).toBe("1");
    expect(r.f("gre.key.payload_length")).toBe("0");
    expect(r.f("gre.key.call_id")).toBe("85");
    expect(r.f("gre.ack_number")).toBe("2");
    expect(r.f("gre.key")).toBe("");
    expect(r.info).toBe("Encapsulated PPP");
  });
});

describe("GRE keepalives", () => {
  it("shows a keepalive's inner packet, whose addresses are the outer ones reversed", () => {
    const innerKeepalive = ipv4(
      [
        0x20, 0x00, // inner GRE flags and version: K set
        0x00, 0x00, // inner protocol type 0: keepalive
        0x00, 0x00, 0x00, 0x28, // inner key: 40
      ],
      { proto: GRE, src: R1, dst: R2, ttl: 255 },
    );
    const r = ethernet()(
      overGre(
        [
          0x20, 0x00, // outer GRE flags and version: K set
          0x89, 0x09, // outer protocol type: Cisco MetaData
          0x00, 0x00, 0x00, 0x28, // outer key: 40
          0x08, 0x00, // CMD: payload EtherType IPv4
          0x01, // CMD version
          0x01, // CMD length
          0x00, 0x01, // CMD options
          0x00, 0x00, // CMD SGT
          ...innerKeepalive,
        ],
        { src: R2, dst: R1 },
      ),
    );
    expect(r.layers).toBe("eth:ethertype:ip:gre:cmd:ip:gre");
    expect(r.f("gre.proto")).toBe("0x8909,0x0000");
    expect(r.f("cmd.type")).toBe("0x0800");
    expect(r.f("ip.src")).toBe("10.172.64.7,10.172.64.6");
    expect(r.protocol).toBe("GRE");
    expect(r.info).toBe("Encapsulated Possible GRE keepalive packet");
    // The last IP header sets the columns, as every IP layer does in Wireshark.
    expect([r.src, r.dst]).toEqual(["10.172.64.6", "10.172.64.7"]);
  });

  it("shows the returned keepalive, a bare header, without a data layer", () => {
    const r = ethernet()(
      overGre([
        0x20, 0x00, // flags and version: K set
        0x00, 0x00, // protocol type 0: keepalive
        0x00, 0x00, 0x00, 0x28, // key: 40
      ]),
    );
    expect(r.layers).toBe("eth:ethertype:ip:gre");
    expect(r.info).toBe("Encapsulated Possible GRE keepalive packet");
    expect([r.src, r.dst]).toEqual(["10.172.64.6", "10.172.64.7"]);
  });
});

describe("GRE payloads", () => {
  it("shows an unknown protocol type's payload as data inside the GRE item", () => {
    const bytes = overGre([
      0x00, 0x00, // flags and version: none
      0x12, 0x34, // protocol type: unassigned
      1, 2, 3, 4, 5, // payload
    ]);
    const r = ethernet()(bytes);
    expect(r.layers).toBe("eth:ethertype:ip:gre:data");
    expect(r.protocol).toBe("GRE");
    expect(r.info).toBe("Encapsulated 0x1234 (unknown)");
    expect(r.f("gre.proto")).toBe("0x1234");
    expect(r.f("data.data")).toBe("0102030405");
    const gre = findNode(detailsTree(LinkType.ETHERNET, bytes), "gre")!;
    expect(gre.label).toBe("Generic Routing Encapsulation (0x1234 - unknown)");
    expect(gre.length).toBe(4);
    expect(labels(gre)).toEqual(["Flags and Version: 0x0000", "Protocol Type: Unknown (0x1234)", "Data (5 bytes)"]);
  });

  it("leaves EtherTypes Wireshark's GRE does not take (here 802.1Q) as data", () => {
    const r = ethernet()(
      overGre([
        0x00, 0x00, // flags and version
        0x81, 0x00, // protocol type: 802.1Q
        0x00, 0x05, // (would be a TCI)
        0x08, 0x00, // (would be an EtherType)
      ]),
    );
    expect(r.layers).toBe("eth:ethertype:ip:gre:data");
    expect(r.info).toBe("Encapsulated 0x8100 (unknown)");
  });

  it("hands CMD's unknown payload type to data beside CMD", () => {
    const r = ethernet()(
      overGre([
        0x00, 0x00, // flags and version
        0x89, 0x09, // protocol type: Cisco MetaData
        0x12, 0x34, // CMD payload type: unassigned
        0x01, // CMD version
        0x01, // CMD length
        0x00, 0x01, // CMD options
        0x00, 0x05, // CMD SGT 5
        1, 2, 3, // payload
      ]),
    );
    expect(r.layers).toBe("eth:ethertype:ip:gre:cmd:data");
    expect(r.protocol).toBe("CMD");
    expect(r.info).toBe("");
    expect(r.f("cmd.sgt")).toBe("5");
  });

  it("reads CMD after Ethernet (EtherType 0x8909), type last", () => {
    const r = ethernet()(
      frame(
        [
          0x00, 0x11, 0x22, 0x33, 0x44, 0x55, // destination MAC
          0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, // source MAC
          0x89, 0x09, // EtherType Cisco MetaData
          0x01, // CMD version
          0x01, // CMD length
          0x00, 0x01, // CMD options
          0x00, 0x07, // CMD SGT 7
          0x08, 0x00, // CMD payload EtherType IPv4
        ],
        INNER_ECHO,
      ),
    );
    expect(r.layers).toBe("eth:ethertype:cmd:ethertype:ip:icmp:data");
    expect(r.f("cmd.type")).toBe("0x0800");
    expect(r.f("cmd.sgt")).toBe("7");
    expect(r.protocol).toBe("ICMP");
  });
});

describe("malformed GRE", () => {
  it("marks a header shorter than 4 bytes malformed without a GRE item or columns", () => {
    const r = ethernet()(overGre([0x20])); // one byte of flags
    expect(r.layers).toBe("eth:ethertype:ip:gre");
    expect(r.malformed).not.toBe("");
    expect(r.protocol).toBe("IPv4");
    expect(r.info).toBe("[Malformed Packet]");
    expect(r.f("gre.flags_and_version")).toBe("");
  });

  it("stops at a missing key, keeping the fields before it", () => {
    const r = ethernet()(
      overGre([
        0x20, 0x00, // flags and version: K set
        0x08, 0x00, // protocol type: IPv4
        0x00, 0x00, // two of the key's four bytes
      ]),
    );
    expect(r.layers).toBe("eth:ethertype:ip:gre");
    expect(r.malformed).not.toBe("");
    expect(r.protocol).toBe("GRE");
    expect(r.info).toBe("Encapsulated IP[Malformed Packet]");
    expect(r.f("gre.flags.key")).toBe("1");
    expect(r.f("gre.proto")).toBe("0x0800");
    expect(r.f("gre.key")).toBe("");
  });

  it("says the snap length cut a header rather than calling it malformed", () => {
    const whole = overGre([
      0x30, 0x00, // flags and version: K and S
      0x08, 0x00, // protocol type: IPv4
      0x00, 0x00, 0x00, 0x28, // key
      0x00, 0x00, 0x00, 0x07, // sequence number
      ...INNER_ECHO,
    ]);
    const r = ethernet()(whole.subarray(0, 14 + 20 + 6), { origLen: whole.length });
    expect(r.info).toBe("Encapsulated IP[Packet size limited during capture]");
  });

  it("hands a payload-less S-bit header to IPv4, which finds nothing (tshark: gre:ip, malformed)", () => {
    const r = ethernet()(
      overGre([
        0x10, 0x00, // flags and version: S set
        0x08, 0x00, // protocol type: IPv4
        0x00, 0x00, 0x00, 0x05, // sequence number, then no payload
      ]),
    );
    expect(r.layers).toBe("eth:ethertype:ip:gre:ip");
    expect(r.malformed).not.toBe("");
    expect(r.info).toBe("Encapsulated IP[Malformed Packet]");
  });

  it("marks a truncated CMD header but keeps the fields it has", () => {
    const r = ethernet()(
      overGre([
        0x00, 0x00, // flags and version
        0x89, 0x09, // protocol type: Cisco MetaData
        0x08, 0x00, // CMD payload type: IPv4
        0x01, // CMD version
        0x01, // CMD length
        0x00, // first byte of the options: cut here
      ]),
    );
    expect(r.layers).toBe("eth:ethertype:ip:gre:cmd");
    expect(r.malformed).not.toBe("");
    expect(r.protocol).toBe("CMD");
    expect(r.info).toBe("[Malformed Packet]");
    expect(r.f("cmd.length")).toBe("1");
    expect(r.f("cmd.options")).toBe("");
  });

  it("never throws on any truncation of a full header", () => {
    const full = [
      0xf0, 0x81, // flags and version: C R K S, A, version 1
      0x88, 0xd2, // protocol type: 3GPP2 (enhanced header, attributes)
      0x00, 0x00, // checksum
      0x00, 0x00, // offset
      0x00, 0x04, // payload length
      0x00, 0x01, // call ID
      0x00, 0x00, 0x00, 0x01, // sequence number
      0x00, 0x00, 0x00, 0x02, // acknowledgment number
      0x08, 0x00, 0x00, 0x02, 0xaa, 0xbb, // SRE: IP, offset 0, length 2, information
      0x00, 0x00, 0x00, 0x00, // NULL SRE
      0x84, 0x01, 0x40, // 3GPP2 attribute: segmentation (last), length 1, value
      0xff, 0x03, 0x00, 0x21, // payload
    ];
    const run = ethernet();
    for (let n = 1; n <= full.length; n++) {
      const r = run(overGre(full.slice(0, n)));
      expect(r.layers.startsWith("eth:ethertype:ip:gre")).toBe(true);
      if (n < full.length - 4) expect(r.malformed).not.toBe("");
    }
  });
});
