/**
 * IPv6 and its extension headers, dissected from hand-built Ethernet frames
 * through the whole engine. Expected values are what tshark 4.0.17 prints for
 * the same bytes (checked on crafted pcaps); ipv6-fragment-ext-header-*,
 * ipv6-hop-by-hop-plus-routing0-* and malformed-ipv6-frag-* are compared
 * through scripts/tshark-compare.ts.
 */
import { describe, expect, it } from "vitest";
import { ETH_IPV6 as ETH, ethernet, findNode, frame, hex, icmpv6, ipv6, udp, V6 } from "./ip-testing";

const NONE = 59; // no next header

describe("IPv6 header", () => {
  it("reports every header field as tshark prints it", () => {
    const r = ethernet()(frame(ETH, ipv6([1, 2, 3], { nxt: 253, hlim: 7, tclass: 0xb9, flow: 0x12345 })));
    expect(r.f("ipv6.version")).toBe("6");
    expect(r.f("ip.version")).toBe("6"); // hidden, so that "ip.version == 6" matches
    expect(r.f("ipv6.tclass")).toBe("0x000000b9");
    expect(r.f("ipv6.tclass.dscp")).toBe("46");
    expect(r.f("ipv6.tclass.ecn")).toBe("1");
    expect(r.f("ipv6.flow")).toBe("0x012345");
    expect(r.f("ipv6.plen")).toBe("3");
    expect(r.f("ipv6.nxt")).toBe("253");
    expect(r.f("ipv6.hlim")).toBe("7");
    expect(r.f("ipv6.src")).toBe("fe80::211:22ff:fe33:4455");
    expect(r.f("ipv6.dst")).toBe("2001:db8::1");
    expect(r.f("ipv6.addr")).toBe("fe80::211:22ff:fe33:4455,2001:db8::1");
    expect(r.f("ipv6.host")).toBe("fe80::211:22ff:fe33:4455,2001:db8::1");
    expect(r.f("ipv6.src_slaac_mac")).toBe("00:11:22:33:44:55");
    expect(r.f("ipv6.slaac_mac")).toBe("00:11:22:33:44:55");
    expect(r.layers).toBe("eth:ethertype:ipv6:data");
    expect(r.protocol).toBe("IPv6");
    expect(r.info).toBe("Unknown IP Protocol: Unknown (253)");
  });

  it("sets the packet's addresses (RFC 5952 text, 16-byte views) and protocol", () => {
    const r = ethernet()(frame(ETH, ipv6([], { nxt: NONE, src: V6.A, dst: V6.B })));
    expect(r.netSrc).toBe("2001:db8::1");
    expect(r.netDst).toBe("2001:db8::2");
    expect(r.srcAddr).toEqual(V6.A);
    expect(r.ipProto).toBe(NONE);
    expect(r.info).toBe("IPv6 no next header");
    expect(r.layers).toBe("eth:ethertype:ipv6");
  });

  it("decodes 6to4, Teredo and ISATAP addresses", () => {
    const sixToFour = [0x20, 0x02, 192, 0, 2, 1, 0, 7, 0, 0, 0, 0, 0, 0, 0, 1]; // 2002:c000:201:7::1
    const teredo = [0x20, 0x01, 0, 0, 65, 54, 227, 120, 0x80, 0, 0xf2, 0x27, 0xbf, 0xff, 0xfd, 0xfe]; // server 65.54.227.120, port 3544, client 64.0.2.1
    const isatap = [0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0x5e, 0xfe, 10, 1, 2, 3];
    const r = ethernet()(frame(ETH, ipv6([], { nxt: NONE, src: sixToFour, dst: teredo })));
    expect(r.f("ipv6.src_6to4_gw_ipv4")).toBe("192.0.2.1");
    expect(r.f("ipv6.src_6to4_sla_id")).toBe("7");
    expect(r.f("ipv6.dst_ts_ipv4")).toBe("65.54.227.120");
    expect(r.f("ipv6.dst_tc_port")).toBe("3544");
    expect(r.f("ipv6.dst_tc_ipv4")).toBe("64.0.2.1");
    const i = ethernet()(frame(ETH, ipv6([], { nxt: NONE, dst: isatap })));
    expect(i.f("ipv6.dst_isatap_ipv4")).toBe("10.1.2.3");
  });

  it("ends the datagram at the payload length, the rest being Ethernet padding", () => {
    const r = ethernet()(frame(ETH, ipv6([0xaa], { nxt: 253 }), [0, 0, 0, 0]));
    expect(r.f("data.data")).toBe("aa");
  });

  it("leaves a version other than 6 to the EtherType dissector", () => {
    const r = ethernet()(frame(ETH, [0x45, 0, 0, 20, ...new Array(36).fill(0)]));
    expect(r.layers).not.toContain("ipv6");
    expect(r.f("ipv6.version")).toBe("4");
  });

  it("marks a truncated header", () => {
    const whole = frame(ETH, ipv6([], { nxt: NONE }));
    const r = ethernet()(whole.subarray(0, 14 + 30));
    expect(r.info).toBe("Invalid IPv6 header (30 bytes, need exactly 40)[Malformed Packet]");
    expect(r.f("ipv6.hlim")).toBe("64");
    expect(r.f("ipv6.src")).toBe("fe80::211:22ff:fe33:4455"); // bytes 8..24 are there
    expect(r.f("ipv6.dst")).toBe("");
  });
});

describe("IPv6 extension headers", () => {
  it("decodes hop-by-hop options (router alert, PadN) and appends Info", () => {
    const hbh = [
      NONE, 0, // next header, length 0 (8 bytes)
      0x05, 2, 0x00, 0x00, // Router Alert: MLD
      0x01, 0, // PadN, no data
    ];
    const r = ethernet()(frame(ETH, ipv6(hbh, { nxt: 0 })));
    expect(r.layers).toBe("eth:ethertype:ipv6:ipv6.hopopts");
    expect(r.f("ipv6.nxt")).toBe("0"); // only the fixed header's
    expect(r.f("ipv6.hopopts.nxt")).toBe("59");
    expect(r.f("ipv6.hopopts.len_oct")).toBe("8");
    expect(r.f("ipv6.opt.type")).toBe("0x05,0x01");
    expect(r.f("ipv6.opt.router_alert")).toBe("0");
    expect(r.f("ipv6.opt.padn")).toBe("<none>");
    expect(r.info).toBe("IPv6 no next header");
  });

  it("takes the final destination from a type 0 routing header with segments left", () => {
    const rt0 = [
      17, 2, 0, 1, // next header UDP, length 2 (24 bytes), type 0, segments left 1
      0, 0, 0, 0, // reserved
      ...V6.B, // address[1]
    ];
    const r = ethernet()(frame(ETH, ipv6([...rt0, ...udp(53, 53, [1, 2])], { nxt: 43 })));
    expect(r.layers.startsWith("eth:ethertype:ipv6:ipv6.routing:udp")).toBe(true);
    expect(r.f("ipv6.routing.type")).toBe("0");
    expect(r.f("ipv6.routing.segleft")).toBe("1");
    expect(r.f("ipv6.routing.src.addr")).toBe("2001:db8::2");
    expect(r.f("ipv6.dst")).toBe("2001:db8::1"); // the header's field is unchanged
    expect(r.netDst).toBe("2001:db8::2"); // pinfo->dst, the Destination column
    expect(r.dstAddr).toEqual(V6.B);
    expect(r.ipProto).toBe(17);
  });

  it("uses the first segment of a segment routing header as destination", () => {
    const srh = [17, 4, 4, 1, 1, 0, 0, 0, ...V6.B, ...V6.A]; // last entry 1, two segments
    const r = ethernet()(frame(ETH, ipv6([...srh, ...udp(1, 2)], { nxt: 43 })));
    expect(r.f("ipv6.routing.srh.addr")).toBe("2001:db8::2,2001:db8::1");
    expect(r.netDst).toBe("2001:db8::2");
  });

  it("shows a non-reassembled fragment as data and reassembles in any order", () => {
    const run = ethernet();
    const body = icmpv6(128, 0, [0, 9, 0, 9, ...Array.from({ length: 40 }, (_, i) => i)]); // 48 bytes
    const frag = (off: number, more: boolean): number[] => [
      58, 0, // next header ICMPv6, reserved
      (off << 3) >> 8, ((off << 3) & 0xff) | (more ? 1 : 0), // offset (8-byte units), M flag
      0, 0, 0x0a, 0xbc, // identification
    ];
    const dstopts = [44, 0, 1, 4, 0, 0, 0, 0]; // next header Fragment, PadN
    const tail = run(frame(ETH, ipv6([...dstopts, ...frag(3, false), ...body.slice(24)], { nxt: 60 })));
    expect(tail.layers).toBe("eth:ethertype:ipv6:ipv6.dstopts:ipv6.fraghdr:data");
    expect(tail.info).toBe("IPv6 fragment (off=24 more=n ident=0x00000abc nxt=58)");
    expect(tail.f("ipv6.fraghdr.offset")).toBe("3");
    expect(tail.f("ipv6.fraghdr.ident")).toBe("0x00000abc");
    const head = run(frame(ETH, ipv6([...dstopts, ...frag(0, true), ...body.slice(0, 24)], { nxt: 60 })));
    expect(head.layers).toBe("eth:ethertype:ipv6:ipv6.dstopts:ipv6.fraghdr:icmpv6:data");
    expect(head.f("ipv6.fragment")).toBe("2,1");
    expect(head.f("ipv6.fragment.count")).toBe("2");
    expect(head.f("ipv6.reassembled.length")).toBe("48");
    expect(head.f("ipv6.reassembled.data")).toBe(hex(body));
    expect(head.f("icmpv6.checksum.status")).toBe("1");
    expect(head.info).toBe("Echo (ping) request id=0x0009, seq=9, hop limit=64");
  });

  it("on re-dissection, points the other fragments at the reassembling frame", () => {
    const run = ethernet();
    const body = icmpv6(128, 0, [0, 1, 0, 1, ...new Array(24).fill(7)]);
    const a = frame(ETH, ipv6([58, 0, 0, 1, 0, 0, 0, 5, ...body.slice(0, 16)], { nxt: 44 }));
    const b = frame(ETH, ipv6([58, 0, 0, 16, 0, 0, 0, 5, ...body.slice(16)], { nxt: 44 }));
    run(a, { num: 1 });
    run(b, { num: 2 });
    const again = run(a, { num: 1, visited: true });
    expect(again.f("ipv6.reassembled.in")).toBe("2");
    expect(again.info).toBe("IPv6 fragment (off=0 more=y ident=0x00000005 nxt=58)");
    const last = run(b, { num: 2, visited: true, tree: true });
    const frags = findNode(last.tree, "ipv6.fragments")!;
    expect(frags.label).toBe("2 IPv6 Fragments (32 bytes): #1(16), #2(16)");
    expect(frags.source).toBe(1);
    expect(findNode(last.tree, "icmpv6")!.source).toBe(1);
  });

  it("dissects an atomic fragment's payload directly (RFC 6946)", () => {
    const r = ethernet()(frame(ETH, ipv6([17, 0, 0, 0, 0, 0, 0, 1, ...udp(1, 2, [0])], { nxt: 44 })));
    expect(r.layers.startsWith("eth:ethertype:ipv6:ipv6.fraghdr:udp")).toBe(true);
  });

  it("is malformed when the payload length leaves no room for the next header (even in a cut capture)", () => {
    // As malformed-ipv6-frag-negative-len-fuzz.pcap: payload length 0, next header Fragment.
    const bytes = frame(ETH, ipv6([44, 0, 0, 0x74, 0x80, 0x57, 0x0f, 0x78], { nxt: 44, plen: 0 }));
    const r = ethernet()(bytes, { origLen: 32896 });
    expect(r.layers).toBe("eth:ethertype:ipv6:ipv6.fraghdr");
    expect(r.malformed).toMatch(/^IPv6 Fragment/);
    expect(r.info.startsWith("[Malformed Packet]")).toBe(true);
    expect(r.f("ipv6.plen")).toBe("0");
  });

  it("never throws on cut extension headers", () => {
    const run = ethernet();
    const hbh = [43, 1, 1, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    const rt = [17, 0, 0, 0, 0, 0, 0, 0];
    const whole = frame(ETH, ipv6([...hbh, ...rt, ...udp(1, 2)], { nxt: 0 }));
    for (let n = 54; n <= whole.length; n++) {
      const r = run(whole.subarray(0, n));
      expect(r.protocol === "IPv6" || r.layers.includes("udp")).toBe(true);
    }
  });
});
