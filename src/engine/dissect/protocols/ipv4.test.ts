/**
 * IPv4, dissected from hand-built Ethernet frames through the whole engine.
 * Expected values are what tshark 4.0.17 prints for the same bytes (checked
 * on crafted pcaps); the real captures (ipv4-fragmented-icmp-echo.pcapng,
 * icmp-*.pcap*, the fuzzed capture...) are compared through
 * scripts/tshark-compare.ts.
 */
import { describe, expect, it } from "vitest";
import { echo, ETH_IPV4 as ETH, ethernet, findNode, frame, hex, ipv4 } from "./ip-testing";

describe("IPv4 header", () => {
  it("reports every header field as tshark prints it", () => {
    const r = ethernet()(frame(ETH, ipv4([1, 2, 3, 4], { proto: 253, tos: 0xb9, flags: 2, ttl: 128, id: 0x00ff })));
    expect(r.f("ip.version")).toBe("4");
    expect(r.f("ip.hdr_len")).toBe("20");
    expect(r.f("ip.dsfield")).toBe("0xb9");
    expect(r.f("ip.dsfield.dscp")).toBe("46"); // EF
    expect(r.f("ip.dsfield.ecn")).toBe("1");
    expect(r.f("ip.len")).toBe("24");
    expect(r.f("ip.id")).toBe("0x00ff");
    expect(r.f("ip.flags")).toBe("0x02"); // the 3 flag bits, shifted
    expect(r.f("ip.flags.rb")).toBe("0");
    expect(r.f("ip.flags.df")).toBe("1");
    expect(r.f("ip.flags.mf")).toBe("0");
    expect(r.f("ip.frag_offset")).toBe("0");
    expect(r.f("ip.ttl")).toBe("128");
    expect(r.f("ip.proto")).toBe("253");
    expect(r.f("ip.checksum.status")).toBe("2"); // unverified: tshark's default
    expect(r.f("ip.src")).toBe("10.0.0.1");
    expect(r.f("ip.dst")).toBe("10.0.0.2");
    expect(r.f("ip.addr")).toBe("10.0.0.1,10.0.0.2");
    expect(r.f("ip.src_host")).toBe("10.0.0.1");
    expect(r.f("ip.dst_host")).toBe("10.0.0.2");
    expect(r.f("ip.host")).toBe("10.0.0.1,10.0.0.2");
    expect(r.layers).toBe("eth:ethertype:ip:data");
    expect(r.protocol).toBe("IPv4");
    expect(r.info).toBe("Unknown (253)");
  });

  it("sets the packet's network addresses and protocol", () => {
    const r = ethernet()(frame(ETH, ipv4([0, 0, 0, 0], { proto: 147, src: [192, 168, 1, 2], dst: [8, 8, 8, 8] })));
    expect(r.netSrc).toBe("192.168.1.2");
    expect(r.netDst).toBe("8.8.8.8");
    expect(r.srcAddr).toEqual([192, 168, 1, 2]);
    expect(r.ipProto).toBe(147);
    expect(r.ipDepth).toBe(1);
    expect(r.info).toBe("Unassigned (147)"); // ipprotostr() of an unassigned number
  });

  it("ends the payload at the total length; the rest is Ethernet padding", () => {
    const ip = ipv4([0xaa, 0xbb], { proto: 250 });
    const r = ethernet()(frame(ETH, ip, new Array(60 - 14 - ip.length).fill(0)));
    expect(r.f("data.data")).toBe("aabb");
    expect(r.f("eth.padding") || r.f("eth.trailer")).toBe("0".repeat(2 * (60 - 14 - ip.length)));
  });

  it("takes the captured bytes when the total length claims more (payload end = min)", () => {
    const r = ethernet()(frame(ETH, ipv4([1, 2, 3], { proto: 250, totalLength: 400 })));
    expect(r.f("ip.len")).toBe("400");
    expect(r.f("data.data")).toBe("010203");
    expect(r.malformed).toBe("");
  });

  it("stops at a total length below the header length", () => {
    const r = ethernet()(frame(ETH, ipv4([1, 2, 3], { totalLength: 10 })));
    expect(r.info).toBe("Bogus IP length (10, less than header length 20)");
    expect(r.f("ip.len")).toBe("10");
    expect(r.f("ip.id")).toBe(""); // nothing after the length
    expect(r.layers).toBe("eth:ethertype:ip");
  });

  it("takes a total length of 0 as TCP segmentation offload and uses the frame's length (packet-ip.c, ip.tso_support)", () => {
    const r = ethernet()(frame(ETH, ipv4([1, 2, 3], { proto: 250, totalLength: 0 })));
    expect(r.f("ip.len")).toBe("23"); // 20 header + 3 payload bytes the frame reports
    expect(r.f("ip.id")).not.toBe(""); // dissected on
    expect(r.f("data.data")).toBe("010203");
    expect(r.f("_ws.expert.message")).toBe(""); // tshark adds no expert item for it
    expect(r.info).toBe("Unknown (250)");
  });

  it("stops at a header length below 20", () => {
    const b = ipv4([1, 2, 3]);
    b[0] = 0x41; // IHL 1: 4 bytes
    const r = ethernet()(frame(ETH, b));
    expect(r.info).toBe("Bogus IP header length (4, must be at least 20)");
    expect(r.f("ip.hdr_len")).toBe("4");
    expect(r.f("ip.len")).toBe("");
  });

  it("keeps the ip layer for another version, handing version 6 to IPv6", () => {
    const b = ipv4([1, 2, 3]);
    b[0] = 0x55;
    const r = ethernet()(frame(ETH, b));
    expect(r.info).toBe("Bogus IPv4 version (5, must be 4)");
    expect(r.protocol).toBe("IPv4");
    expect(r.f("ip.version")).toBe("5");
    const v6 = [0x60, 0, 0, 0, 0, 0, 59, 64, ...new Array(32).fill(0)]; // IPv6, no next header
    const r6 = ethernet()(frame(ETH, v6));
    expect(r6.layers).toBe("eth:ethertype:ip:ipv6");
    expect(r6.f("ip.version")).toBe("6,6");
    expect(r6.protocol).toBe("IPv6");
  });

  it("marks a truncated header malformed, or size-limited when the snap length cut it", () => {
    const whole = frame(ETH, ipv4(echo(1, 1, [])));
    const cut = whole.subarray(0, 14 + 14);
    const r = ethernet()(cut);
    expect(r.malformed).toMatch(/^IPv4/);
    expect(r.info).toBe("[Malformed Packet]");
    expect(r.f("ip.ttl")).toBe("64"); // fields before the cut are there
    expect(r.f("ip.src")).toBe("");
    const s = ethernet()(cut, { origLen: whole.length });
    expect(s.info).toBe("[Packet size limited during capture]");
  });
});

describe("IPv4 options (RFC 791 §3.1)", () => {
  it("decodes NOP, NOP, Router Alert and EOL", () => {
    const opts = [
      0x01, // NOP
      0x01, // NOP
      0x94, 0x04, 0x00, 0x00, // Router Alert, length 4, value 0
      0x00, // EOL
      0x00, // padding after EOL
    ];
    const r = ethernet()(frame(ETH, ipv4(echo(0x42, 7, []), { options: opts })));
    expect(r.f("ip.hdr_len")).toBe("28");
    expect(r.f("ip.opt.type")).toBe("1,1,148,0");
    expect(r.f("ip.opt.type.copy")).toBe("0,0,1,0");
    expect(r.f("ip.opt.len")).toBe("4");
    expect(r.f("ip.opt.ra")).toBe("0");
    expect(r.layers).toBe("eth:ethertype:ip:icmp");
  });

  it("decodes record route and timestamp options", () => {
    const opts = [
      0x07, 11, 8, // Record Route, length 11, pointer 8 (second slot)
      192, 168, 0, 1, // recorded
      0, 0, 0, 0, // empty slot
      0x01, // NOP
      0x44, 12, 5, 0x01, // Time Stamp, length 12, pointer 5, flag 1 (address + time)
      10, 0, 0, 1, // address
      0, 0, 0x30, 0x39, // time stamp 12345
    ];
    const r = ethernet()(frame(ETH, ipv4(echo(0x42, 7, []), { options: opts })));
    expect(r.f("ip.opt.ptr")).toBe("8,5");
    expect(r.f("ip.rec_rt")).toBe("192.168.0.1");
    expect(r.f("ip.empty_rt")).toBe("0.0.0.0");
    expect(r.f("ip.opt.flag")).toBe("0x01");
    expect(r.f("ip.opt.time_stamp_addr")).toBe("10.0.0.1");
    expect(r.f("ip.opt.time_stamp")).toBe("12345");
  });

  it("stops at a bad option length without throwing", () => {
    const opts = [0x07, 1, 0, 0]; // Record Route with length 1: only an expert item
    const r = ethernet()(frame(ETH, ipv4(echo(1, 1, []), { options: opts })));
    expect(r.f("ip.opt.type")).toBe("");
    expect(r.layers).toBe("eth:ethertype:ip:icmp");
    const long = ethernet()(frame(ETH, ipv4(echo(1, 1, []), { options: [0x07, 40, 4, 0] }))); // past the options
    expect(long.f("ip.opt.type")).toBe("");
    expect(long.malformed).toBe("");
  });

  it("takes the final destination from an active loose source route", () => {
    const opts = [
      0x83, 15, 8, // Loose Source Route, length 15, pointer 8: the first hop is done
      10, 0, 0, 9, // visited
      10, 0, 0, 10, // next hop
      10, 0, 0, 11, // final destination
      0x00, // EOL
    ];
    const r = ethernet()(frame(ETH, ipv4(echo(1, 1, []), { options: opts })));
    expect(r.f("ip.cur_rt")).toBe("10.0.0.2"); // the header's destination is the current hop
    expect(r.f("ip.rec_rt")).toBe("10.0.0.9");
    expect(r.f("ip.src_rt")).toBe("10.0.0.10");
    expect(r.f("ip.dst")).toBe("10.0.0.11");
    expect(r.f("ip.addr")).toBe("10.0.0.1,10.0.0.11");
    expect(r.netDst).toBe("10.0.0.11");
  });

  it("names the options with a length in the tree summary", () => {
    const opts = [0x01, 0x01, 0x94, 0x04, 0x00, 0x00, 0x00, 0x00];
    const r = ethernet()(frame(ETH, ipv4(echo(1, 1, []), { options: opts })), { tree: true });
    const ip = r.tree.find((n) => n.field.abbrev === "ip")!;
    expect(ip.label).toBe("Internet Protocol Version 4, Src: 10.0.0.1, Dst: 10.0.0.2");
    expect(ip.children!.find((n) => n.label?.startsWith("Options"))!.label).toBe("Options: (8 bytes), Router Alert");
  });
});

describe("IPv4 fragments", () => {
  const payload = echo(0x99, 1, Array.from({ length: 40 }, (_, i) => i)); // 48 bytes of ICMP
  const part = (from: number, to: number): number[] => payload.slice(from, to);

  it("shows earlier fragments as data and reassembles on the last one", () => {
    const run = ethernet();
    const f1 = run(frame(ETH, ipv4(part(0, 24), { id: 0x77, flags: 1, fragOffset: 0 })));
    expect(f1.info).toBe("Fragmented IP protocol (proto=ICMP 1, off=0, ID=0077)");
    expect(f1.layers).toBe("eth:ethertype:ip:data");
    expect(f1.protocol).toBe("IPv4");
    const f2 = run(frame(ETH, ipv4(part(24, 48), { id: 0x77, flags: 0, fragOffset: 3 })));
    expect(f2.layers).toBe("eth:ethertype:ip:icmp:data");
    expect(f2.protocol).toBe("ICMP");
    expect(f2.f("ip.fragment")).toBe("1,2");
    expect(f2.f("ip.fragment.count")).toBe("2");
    expect(f2.f("ip.reassembled.length")).toBe("48");
    expect(f2.f("ip.fragments")).toBe(hex(payload));
    expect(f2.f("icmp.ident")).toBe("153");
    expect(f2.f("ip.frag_offset")).toBe("3"); // the raw 13-bit field
  });

  it("reassembles out of order and flags conflicting overlaps as errors", () => {
    const run = ethernet();
    run(frame(ETH, ipv4(part(32, 48), { id: 5, fragOffset: 4 }))); // tail first
    run(frame(ETH, ipv4(part(0, 24), { id: 5, flags: 1 })));
    const zeros = new Array(16).fill(0);
    const last = run(frame(ETH, ipv4(zeros, { id: 5, flags: 1, fragOffset: 2 }))); // 16..32, conflicts at 16..24
    expect(last.f("ip.fragment")).toBe("2,1");
    expect(last.f("ip.fragment.error")).toBe("3");
    expect(last.f("ip.fragment.overlap")).toBe("1");
    expect(last.f("ip.fragment.overlap.conflict")).toBe("1");
    expect(last.layers).toBe("eth:ethertype:ip:icmp:data");
  });

  it("keeps datagrams apart by id, protocol and addresses", () => {
    const run = ethernet();
    run(frame(ETH, ipv4(part(0, 24), { id: 1, flags: 1 })));
    const other = run(frame(ETH, ipv4(part(24, 48), { id: 2, fragOffset: 3 })));
    expect(other.info).toBe("Fragmented IP protocol (proto=ICMP 1, off=24, ID=0002)");
    const otherProto = run(frame(ETH, ipv4(part(24, 48), { id: 1, fragOffset: 3, proto: 17 })));
    expect(otherProto.info).toBe("Fragmented IP protocol (proto=UDP 17, off=24, ID=0001)");
  });

  it("dissects a first fragment that was cut by the snap length, without reassembly", () => {
    const whole = frame(ETH, ipv4(part(0, 24), { id: 9, flags: 1 }));
    const r = ethernet()(whole.subarray(0, whole.length - 4), { origLen: whole.length });
    expect(r.layers).toBe("eth:ethertype:ip:icmp:data");
    expect(r.f("icmp.checksum.status")).toBe("2"); // not verifiable: fragmented
  });

  it("on re-dissection, points earlier fragments at the reassembling frame", () => {
    const run = ethernet();
    const a = frame(ETH, ipv4(part(0, 24), { id: 0x31, flags: 1 }));
    const b = frame(ETH, ipv4(part(24, 48), { id: 0x31, fragOffset: 3 }));
    run(a, { num: 1 });
    run(b, { num: 2 });
    const again = run(a, { num: 1, visited: true });
    expect(again.info).toBe("Fragmented IP protocol (proto=ICMP 1, off=0, ID=0031) [Reassembled in #2]");
    expect(again.f("ip.reassembled_in")).toBe("2");
    const last = run(b, { num: 2, visited: true, tree: true });
    expect(last.layers).toBe("eth:ethertype:ip:icmp:data");
    const frags = findNode(last.tree, "ip.fragments")!;
    expect(frags.label).toBe("2 IPv4 Fragments (48 bytes): #1(24), #2(24)");
    expect(frags.source).toBe(1); // the "Reassembled IPv4" data source
  });
});

describe("IP in IP (RFC 2003)", () => {
  it("dissects the inner datagram after the outer one", () => {
    const inner = ipv4(echo(1, 2, []), { src: [192, 168, 1, 1], dst: [192, 168, 1, 2] });
    const r = ethernet()(frame(ETH, ipv4(inner, { proto: 4 })));
    expect(r.layers).toBe("eth:ethertype:ip:ip:icmp");
    expect(r.f("ip.src")).toBe("10.0.0.1,192.168.1.1");
    expect(r.netSrc).toBe("192.168.1.1"); // the inner header wins, as pinfo->src in Wireshark
    expect(r.ipDepth).toBe(2);
  });
});
