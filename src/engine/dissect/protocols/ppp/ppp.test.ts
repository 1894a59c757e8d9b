/**
 * PPP in PPTP's enhanced GRE (RFC 2637 §4), dissected from hand-built
 * Ethernet/IPv4/GRE frames through the whole engine. Expected values are what
 * tshark 4.0.17 prints for the same bytes (checked on crafted pcaps).
 */
import { describe, expect, it } from "vitest";
import { LinkType } from "../../../capture/types";
import { detailsTree } from "../testing";
import { echo, ETH_IPV4, ethernet, findNode, frame, ipv4 } from "../ip-testing";

/** Enhanced GRE (K and S set, version 1, protocol PPP), call ID 0x1234, sequence 1, then `ppp`. */
function pptpGre(ppp: number[]): Uint8Array {
  const gre = [
    0x30, 0x01, // flags: key and sequence present; version 1
    0x88, 0x0b, // protocol type: PPP
    ppp.length >> 8, ppp.length & 0xff, // key high half: payload length
    0x12, 0x34, // key low half: call ID
    0x00, 0x00, 0x00, 0x01, // sequence number
  ];
  return frame(ETH_IPV4, ipv4([...gre, ...ppp], { proto: 47 }));
}

const LCP_CONF_REQ = [
  0xff, 0x03, 0xc0, 0x21, // address, control, protocol LCP
  0x01, 0x01, 0x00, 0x1c, // Configuration Request, identifier 1, length 28
  0x01, 0x04, 0x05, 0x78, // MRU 1400
  0x02, 0x06, 0x00, 0x00, 0x00, 0x00, // async control character map: none
  0x03, 0x04, 0xc2, 0x23, // authentication protocol: CHAP
  0x05, 0x06, 0x12, 0x34, 0x56, 0x78, // magic number
  0x07, 0x02, // protocol field compression
  0x08, 0x02, // address and control field compression
];

describe("PPP over enhanced GRE", () => {
  it("reads an LCP Configuration Request and its options", () => {
    const r = ethernet()(pptpGre(LCP_CONF_REQ));
    expect(r.layers).toBe("eth:ethertype:ip:gre:ppp:lcp");
    expect(r.protocol).toBe("PPP LCP");
    expect(r.info).toBe("Configuration Request");
    expect(r.f("ppp.address")).toBe("0xff");
    expect(r.f("ppp.control")).toBe("0x03");
    expect(r.f("ppp.protocol")).toBe("0xc021");
    expect(r.f("ppp.code")).toBe("1");
    expect(r.f("ppp.identifier")).toBe("1");
    expect(r.f("ppp.length")).toBe("28");
    expect(r.f("lcp.opt.type")).toBe("1,2,3,5,7,8");
    expect(r.f("lcp.opt.mru")).toBe("1400");
    expect(r.f("lcp.opt.asyncmap")).toBe("0x00000000");
    expect(r.f("lcp.opt.auth_protocol")).toBe("0xc223");
    expect(r.f("lcp.opt.magic_number")).toBe("0x12345678");
    expect(r.f("lcp.opt.mtu_bytes")).toBe("01040578");
    const tree = detailsTree(LinkType.ETHERNET, pptpGre(LCP_CONF_REQ));
    const lcp = findNode(tree, "lcp")!;
    expect(lcp.children!.at(-1)!.label).toBe(
      "Options: (24 bytes), Maximum Receive Unit, Async Control Character Map, Authentication Protocol, Magic Number, Protocol Field Compression, Address and Control Field Compression",
    );
    expect(findNode(tree, "lcp.opt.magic_number_bytes")!.label).toBe("Magic Number: 0x12345678");
  });

  it("words the async map line as packet-ppp.c does", () => {
    const ppp = [0xff, 0x03, 0xc0, 0x21, 0x01, 0x01, 0x00, 0x0a, 0x02, 0x06, 0x00, 0x0a, 0x00, 0x00]; // DC1 and DC3
    const tree = detailsTree(LinkType.ETHERNET, pptpGre(ppp));
    expect(findNode(tree, "lcp.opt.asyncmap_bytes")!.label).toBe("Async Control Character Map: 0x000a0000DC3 (XOFF), DC1 (XON))");
    expect(findNode(tree, "lcp.opt.asyncmap")!.label).toBe("Async Control Character Map: 0x000a0000, DC3 (XOFF), DC1 (XON)");
    expect(ethernet()(pptpGre(ppp)).f("lcp.opt.asyncmap.dc1")).toBe("1");
  });

  it("reads an LCP Echo Request's magic number", () => {
    const r = ethernet()(pptpGre([0xff, 0x03, 0xc0, 0x21, 0x09, 0x07, 0x00, 0x08, 0x12, 0x34, 0x56, 0x78]));
    expect(r.info).toBe("Echo Request");
    expect(r.f("ppp.identifier")).toBe("7");
    expect(r.f("lcp.magic_number")).toBe("0x12345678");
  });

  it("reads IPCP with compressed address and control fields", () => {
    const ipcp = [
      0x80, 0x21, // protocol IPCP (no address/control)
      0x01, 0x02, 0x00, 0x16, // Configuration Request, identifier 2, length 22
      0x03, 0x06, 10, 0, 0, 5, // IP address
      0x81, 0x06, 8, 8, 8, 8, // primary DNS
      0x83, 0x06, 1, 1, 1, 1, // secondary DNS
    ];
    const r = ethernet()(pptpGre(ipcp));
    expect(r.layers).toBe("eth:ethertype:ip:gre:ppp:ipcp");
    expect(r.protocol).toBe("PPP IPCP");
    expect(r.info).toBe("Configuration Request");
    expect(r.f("ppp.address")).toBe("");
    expect(r.f("ipcp.opt.type")).toBe("3,129,131");
    expect(r.f("ipcp.opt.ip_address")).toBe("10.0.0.5");
    expect(r.f("ipcp.opt.pri_dns_address")).toBe("8.8.8.8");
    expect(r.f("ipcp.opt.sec_dns_address")).toBe("1.1.1.1");
    expect(findNode(detailsTree(LinkType.ETHERNET, pptpGre(ipcp)), "ipcp.opt.addr")!.label).toBe("IP Address");
  });

  it("hands IPv4 on and names compressed datagrams", () => {
    const inner = ipv4(echo(1, 1, [0x61, 0x62, 0x63, 0x64]), { src: [192, 168, 0, 2], dst: [192, 168, 0, 1] });
    const r = ethernet()(pptpGre([0x00, 0x21, ...inner]));
    expect(r.layers).toBe("eth:ethertype:ip:gre:ppp:ip:icmp:data");
    expect(r.protocol).toBe("ICMP");
    const comp = ethernet()(pptpGre([0xfd, 0x90, 0x01, 0x02, 0x03, 0x04])); // protocol 0x00fd compressed to one byte
    expect(comp.layers).toBe("eth:ethertype:ip:gre:ppp:comp_data");
    expect(comp.protocol).toBe("PPP Comp");
    expect(comp.info).toBe("Compressed data");
    expect(comp.f("ppp.protocol")).toBe("0x00fd");
  });

  it("shows a protocol it does not know as data", () => {
    const r = ethernet()(pptpGre([0xff, 0x03, 0x0e, 0x01, 0x01, 0x02])); // 0x0e01: unassigned
    expect(r.protocol).toBe("0x0e01");
    expect(r.info).toBe("PPP Unknown (0x0e01)");
    expect(r.f("data.data")).toBe("0102");
  });
});
