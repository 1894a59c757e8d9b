/**
 * CDP, DTP and the Ethernet loopback protocol, dissected from hand-built
 * Ethernet frames through the whole engine. Expected values are what tshark
 * 4.0.17 prints for the same bytes (checked on crafted pcaps: CDP's odd-length
 * checksum quirk included); the real capture
 * gre-keepalive-cmd-gre-in-gre-plus-stp-pvst-cdp-dtp.pcap is compared in
 * src/cli/link-layer-corpus.test.ts.
 */
import { describe, expect, it } from "vitest";
import { LinkType } from "../../../capture/types";
import { defaultLabel } from "../../format";
import { detailsTree } from "../testing";
import { ETH_IPV4, ethernet, findNode, frame, ipv4 } from "../ip-testing";
import { cdpChecksum } from "./cdp";

const CDP_MULTICAST = [0x01, 0x00, 0x0c, 0xcc, 0xcc, 0xcc];
const SENDER = [0xaa, 0xbb, 0xcc, 0x00, 0x03, 0x10];
const SNAP_CISCO = (pid: number): number[] => [0xaa, 0xaa, 0x03, 0x00, 0x00, 0x0c, pid >> 8, pid & 0xff];

/** An 802.3 frame from SENDER carrying LLC/SNAP with Cisco's OUI and `pid`, padded to 60 bytes. */
function cisco(pid: number, payload: number[], dst = CDP_MULTICAST): Uint8Array {
  const llc = [...SNAP_CISCO(pid), ...payload];
  const f = [...dst, ...SENDER, llc.length >> 8, llc.length & 0xff, ...llc];
  while (f.length < 60) f.push(0);
  return Uint8Array.from(f);
}

const text = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));
const tlv = (type: number, value: number[]): number[] => [type >> 8, type & 0xff, (value.length + 4) >> 8, (value.length + 4) & 0xff, ...value];

describe("CDP", () => {
  it("lists Device ID and Port ID in Info and verifies the checksum of an odd-length message", () => {
    // version 2, TTL 180, checksum 0x6565 (tshark: Good), Device ID "R1", Port ID "Et0": 17 bytes.
    const cdp = [0x02, 0xb4, 0x65, 0x65, ...tlv(1, text("R1")), ...tlv(3, text("Et0"))];
    const r = ethernet()(cisco(0x2000, cdp));
    expect(r.layers).toBe("eth:llc:cdp");
    expect(r.protocol).toBe("CDP");
    expect(r.info).toBe("Device ID: R1  Port ID: Et0  ");
    expect(r.f("cdp.version")).toBe("2");
    expect(r.f("cdp.ttl")).toBe("180");
    expect(r.f("cdp.checksum")).toBe("0x6565");
    expect(r.f("cdp.checksum.status")).toBe("1");
    expect(r.f("cdp.deviceid")).toBe("R1");
    expect(r.f("cdp.portid")).toBe("Et0");
    expect(r.f("cdp.tlv.type")).toBe("0x0001,0x0003");
    expect(r.f("cdp.tlv.len")).toBe("6,7");
  });

  it("takes the last byte of an odd message with its top bit set one less, as Cisco's sum does", () => {
    // Port ID "Et\xe9": tshark finds 0x65ac good.
    const cdp = [0x02, 0xb4, 0x65, 0xac, ...tlv(1, text("R1")), ...tlv(3, [0x45, 0x74, 0xe9])];
    expect(cdpChecksum(Uint8Array.from(cdp), 0, cdp.length)).toBe(0);
    const r = ethernet()(cisco(0x2000, cdp));
    expect(r.f("cdp.checksum.status")).toBe("1");
    expect(r.info).toBe("Device ID: R1  Port ID: Et\ufffd  ");
  });

  it("flags a wrong checksum with the value it should have", () => {
    const cdp = [0x02, 0xb4, 0x12, 0x34, ...tlv(1, text("R1")), ...tlv(3, text("Et0"))];
    const r = ethernet()(cisco(0x2000, cdp));
    expect(r.f("cdp.checksum.status")).toBe("0");
    expect(r.f("_ws.expert.message")).toBe("Bad checksum [should be 0x6565]");
  });

  it("reads addresses and capabilities", () => {
    const address = [0x00, 0x00, 0x00, 0x01, 0x01, 0x01, 0xcc, 0x00, 0x04, 10, 0, 0, 1]; // 1 address: NLPID IP, 10.0.0.1
    const cdp = [0x02, 0xb4, 0xea, 0xfc, ...tlv(1, text("SW1")), ...tlv(3, text("Et0/1")), ...tlv(2, address), ...tlv(4, [0, 0, 0, 0x29])];
    const r = ethernet()(cisco(0x2000, cdp));
    expect(r.f("cdp.checksum.status")).toBe("1");
    expect(r.f("cdp.number_of_addresses")).toBe("1");
    expect(r.f("cdp.protocol_type")).toBe("0x01");
    expect(r.f("cdp.nrgyz.ip_address")).toBe("10.0.0.1");
    expect(r.f("cdp.capabilities")).toBe("0x00000029");
    expect(r.f("cdp.capabilities.router")).toBe("1");
    expect(r.f("cdp.capabilities.switch")).toBe("1");
    expect(r.f("cdp.capabilities.igmp_capable")).toBe("1");
    expect(r.f("cdp.capabilities.host")).toBe("0");
    const tree = detailsTree(LinkType.ETHERNET, cisco(0x2000, cdp));
    const addresses = findNode(tree, "cdp.number_of_addresses");
    expect(addresses).toBeDefined();
    const cdpNode = findNode(tree, "cdp")!;
    expect(cdpNode.children!.map((c) => c.label ?? defaultLabel(c.field, c.value))).toEqual([
      "Version: 2",
      "TTL: 180 seconds",
      "Checksum: 0xeafc [correct]",
      "Checksum Status: Good",
      "Device ID: SW1",
      "Port ID: Et0/1",
      "Addresses",
      "Capabilities",
    ]);
  });

  it("is handed GRE protocol type 0x2000 (CDP over a GRE tunnel)", () => {
    const cdp = [0x02, 0xb4, 0x65, 0x65, ...tlv(1, text("R1")), ...tlv(3, text("Et0"))];
    const gre = [0x00, 0x00, 0x20, 0x00, ...cdp]; // no flags, version 0, protocol type 0x2000
    const r = ethernet()(frame(ETH_IPV4, ipv4(gre, { proto: 47 })));
    expect(r.layers).toBe("eth:ethertype:ip:gre:cdp");
    expect(r.protocol).toBe("CDP");
    expect(r.info).toBe("Device ID: R1  Port ID: Et0  ");
  });

  it("marks a TLV running past the data malformed", () => {
    const cdp = [0x02, 0xb4, 0x00, 0x00, 0x00, 0x01, 0x00, 0x40, 0x52];
    const f = [...CDP_MULTICAST, ...SENDER, 0x00, 8 + cdp.length, ...SNAP_CISCO(0x2000), ...cdp];
    const r = ethernet()(Uint8Array.from(f));
    expect(r.malformed).toContain("CDP");
  });
});

describe("DTP", () => {
  it("reads the TLVs of frame 62 and names the protocol item as Wireshark does", () => {
    const dtp = [
      0x01, // version
      ...tlv(1, [0x00]), // domain: empty, NUL-terminated
      ...tlv(2, [0x81]), // trunk status: Trunk/On
      ...tlv(3, [0xa5]), // trunk type: 802.1Q/802.1Q
      ...tlv(4, SENDER), // sender ID
    ];
    const bytes = cisco(0x2004, dtp);
    const r = ethernet()(bytes);
    expect(r.layers).toBe("eth:llc:dtp");
    expect(r.protocol).toBe("DTP");
    expect(r.info).toBe("Dynamic Trunk Protocol");
    expect(r.f("llc.cisco_pid")).toBe("0x2004");
    expect(r.f("dtp.version")).toBe("1");
    expect(r.f("dtp.tlv_type")).toBe("0x0001,0x0002,0x0003,0x0004");
    expect(r.f("dtp.tos")).toBe("0x01");
    expect(r.f("dtp.tas")).toBe("0x01");
    expect(r.f("dtp.tot")).toBe("0x05");
    expect(r.f("dtp.tat")).toBe("0x05");
    expect(r.f("dtp.senderid")).toBe("aa:bb:cc:00:03:10");
    const node = findNode(detailsTree(LinkType.ETHERNET, bytes), "dtp")!;
    expect(node.label).toBe(
      "Dynamic Trunk Protocol:  (Operating/Administrative): Trunk/On (0x81) (Operating/Administrative): 802.1Q/802.1Q (0xa5): aa:bb:cc:00:03:10",
    );
  });

  it("stops at a TLV length below its header", () => {
    const r = ethernet()(cisco(0x2004, [0x01, 0x00, 0x02, 0x00, 0x03]));
    expect(r.f("_ws.expert.message")).toBe("Indicated length is less than the minimum length");
  });
});

describe("Configuration Test Protocol (loopback)", () => {
  it("reads a Reply (frame 1) and leaves the rest as data, not padding", () => {
    const mac = [0xaa, 0xbb, 0xcc, 0x00, 0x02, 0x00];
    const loop = [0x00, 0x00, 0x01, 0x00, 0x00, 0x00]; // skipCount 0, function 1 (Reply), receipt 0 (little-endian)
    const bytes = frame(mac, mac, [0x90, 0x00], loop, new Array(44).fill(0));
    const r = ethernet()(bytes);
    expect(r.layers).toBe("eth:ethertype:loop:data");
    expect(r.protocol).toBe("LOOP");
    expect(r.info).toBe("Reply");
    expect(r.f("loop.skipcount")).toBe("0");
    expect(r.f("loop.relevant_function")).toBe("1");
    expect(r.f("loop.function")).toBe("1");
    expect(r.f("loop.receipt_number")).toBe("0");
    expect(r.f("data.len")).toBe("44");
    expect(r.f("eth.padding")).toBe("");
  });

  it("follows Forward Data functions to the one skipCount points at", () => {
    const mac = [0xaa, 0xbb, 0xcc, 0x00, 0x02, 0x00];
    // skipCount 8: the second function; Forward Data to aa:bb:cc:00:02:01, then Reply with receipt 0x0102.
    const loop = [0x08, 0x00, 0x02, 0x00, 0xaa, 0xbb, 0xcc, 0x00, 0x02, 0x01, 0x01, 0x00, 0x02, 0x01];
    const r = ethernet()(frame(mac, mac, [0x90, 0x00], loop));
    expect(r.info).toBe("Reply");
    expect(r.f("loop.function")).toBe("2,1");
    expect(r.f("loop.forwarding_address")).toBe("aa:bb:cc:00:02:01");
    expect(r.f("loop.receipt_number")).toBe("258");
  });
});
