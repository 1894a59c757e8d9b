/**
 * ICMPv6 (RFC 4443), Neighbor Discovery (RFC 4861) and MLD (RFC 2710/3810),
 * dissected from hand-built Ethernet/IPv6 frames through the whole engine.
 * Info texts and fields are what tshark 4.0.17 prints for the same bytes
 * (checked on crafted pcaps); ipv6-fragment-ext-header-icmpv6-echo.pcapng and
 * linux-sll2-icmp-icmpv6-arp.pcap are compared through scripts/tshark-compare.ts.
 */
import { describe, expect, it } from "vitest";
import { ETH_IPV6 as ETH, ethernet, frame, icmpv6, ipv6, udp, V6 } from "./ip-testing";

const MAC = [0x00, 0x11, 0x22, 0x33, 0x44, 0x55];
const SLLA = [1, 1, ...MAC]; // source link-layer address option (8 bytes)
const TLLA = [2, 1, ...MAC]; // target link-layer address option

/** An ICMPv6 message in an IPv6 packet between `src` and `dst`. */
function packet(type: number, code: number, body: number[], src = V6.LL, dst = V6.A, hlim = 255): Uint8Array {
  return frame(ETH, ipv6(icmpv6(type, code, body, src, dst), { nxt: 58, src, dst, hlim }));
}

describe("ICMPv6 echo", () => {
  it("shows the request with the hop limit and a verified checksum", () => {
    const r = ethernet()(packet(128, 0, [0x00, 0x09, 0x00, 0x01, 1, 2, 3, 4], V6.A, V6.B, 64));
    expect(r.layers).toBe("eth:ethertype:ipv6:icmpv6:data");
    expect(r.protocol).toBe("ICMPv6");
    expect(r.info).toBe("Echo (ping) request id=0x0009, seq=1, hop limit=64");
    expect(r.f("icmpv6.type")).toBe("128");
    expect(r.f("icmpv6.code")).toBe("0");
    expect(r.f("icmpv6.checksum.status")).toBe("1");
    expect(r.f("icmpv6.echo.identifier")).toBe("0x0009");
    expect(r.f("icmpv6.echo.sequence_number")).toBe("1");
  });

  it("matches replies to requests, and requests to replies on re-dissection", () => {
    const run = ethernet();
    const req = packet(128, 0, [0, 9, 0, 1, 1, 2], V6.A, V6.B, 64);
    run(req, { num: 1, tsSec: 50 });
    const rep = run(packet(129, 0, [0, 9, 0, 1, 1, 2], V6.B, V6.A, 60), { num: 2, tsSec: 50, tsNsec: 371_000 });
    expect(rep.info).toBe("Echo (ping) reply id=0x0009, seq=1, hop limit=60 (request in 1)");
    expect(rep.f("icmpv6.resp_to")).toBe("1");
    expect(rep.f("icmpv6.resptime")).toBe("0.371");
    const again = run(req, { num: 1, visited: true });
    expect(again.info).toBe("Echo (ping) request id=0x0009, seq=1, hop limit=64 (reply in 2)");
    expect(again.f("icmpv6.resp_in")).toBe("2");
  });

  it("flags a bad checksum", () => {
    const bytes = packet(128, 0, [0, 1, 0, 1]);
    bytes[bytes.length - 5] = bytes[bytes.length - 5]! ^ 1; // the checksum's low byte
    const r = ethernet()(bytes);
    expect(r.f("icmpv6.checksum.status")).toBe("0");
  });
});

describe("Neighbor Discovery", () => {
  it("names the target and the sender's link-layer address in a solicitation", () => {
    const r = ethernet()(packet(135, 0, [0, 0, 0, 0, ...V6.A, ...SLLA]));
    expect(r.info).toBe("Neighbor Solicitation for 2001:db8::1 from 00:11:22:33:44:55");
    expect(r.layers).toBe("eth:ethertype:ipv6:icmpv6");
    expect(r.f("icmpv6.reserved")).toBe("00000000");
    expect(r.f("icmpv6.nd.ns.target_address")).toBe("2001:db8::1");
    expect(r.f("icmpv6.opt.type")).toBe("1");
    expect(r.f("icmpv6.opt.length")).toBe("1");
    expect(r.f("icmpv6.opt.linkaddr")).toBe("00:11:22:33:44:55");
    expect(r.f("icmpv6.opt.src_linkaddr")).toBe("00:11:22:33:44:55");
  });

  it("lists an advertisement's flags", () => {
    const run = ethernet();
    const all = run(packet(136, 0, [0xe0, 0, 0, 0, ...V6.A, ...TLLA]));
    expect(all.info).toBe("Neighbor Advertisement 2001:db8::1 (rtr, sol, ovr) is at 00:11:22:33:44:55");
    expect(all.f("icmpv6.nd.na.flag")).toBe("0xe0000000");
    expect(all.f("icmpv6.nd.na.flag.s")).toBe("1");
    const none = run(packet(136, 0, [0, 0, 0, 0, ...V6.A]));
    expect(none.info).toBe("Neighbor Advertisement 2001:db8::1 (none)");
  });

  it("decodes router solicitations and advertisements with their options", () => {
    const run = ethernet();
    expect(run(packet(133, 0, [0, 0, 0, 0, ...SLLA])).info).toBe("Router Solicitation from 00:11:22:33:44:55");
    const prefix = [3, 4, 64, 0xc0, 0x00, 0x27, 0x8d, 0x00, 0x00, 0x09, 0x3a, 0x80, 0, 0, 0, 0, 0x20, 0x01, 0x0d, 0xb8, ...new Array(12).fill(0)];
    const mtu = [5, 1, 0, 0, 0, 0, 0x05, 0xdc];
    const rdnss = [25, 3, 0, 0, 0, 0, 0x02, 0x58, ...V6.A];
    const ra = run(packet(134, 0, [64, 0xc8, 0x07, 0x08, 0, 0, 0, 0, 0, 0, 0, 0, ...prefix, ...mtu, ...rdnss]));
    expect(ra.info).toBe("Router Advertisement");
    expect(ra.f("icmpv6.nd.ra.cur_hop_limit")).toBe("64");
    expect(ra.f("icmpv6.nd.ra.flag")).toBe("0xc8");
    expect(ra.f("icmpv6.nd.ra.flag.prf")).toBe("1");
    expect(ra.f("icmpv6.nd.ra.router_lifetime")).toBe("1800");
    expect(ra.f("icmpv6.opt.type")).toBe("3,5,25");
    expect(ra.f("icmpv6.opt.prefix")).toBe("2001:db8::");
    expect(ra.f("icmpv6.opt.prefix.valid_lifetime")).toBe("2592000");
    expect(ra.f("icmpv6.opt.mtu")).toBe("1500");
    expect(ra.f("icmpv6.opt.rdnss")).toBe("2001:db8::1");
  });

  it("decodes a redirect", () => {
    const r = ethernet()(packet(137, 0, [0, 0, 0, 0, ...V6.B, ...V6.A, ...TLLA]));
    expect(r.info).toBe("Redirect is at 00:11:22:33:44:55");
    expect(r.f("icmpv6.nd.rd.target_address")).toBe("2001:db8::2");
    expect(r.f("icmpv6.rd.na.destination_address")).toBe("2001:db8::1");
  });

  it("stops at a zero-length option without looping", () => {
    const r = ethernet()(packet(133, 0, [0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]));
    expect(r.f("icmpv6.opt.length")).toBe("0");
    expect(r.malformed).toBe("");
  });
});

describe("Multicast Listener Discovery", () => {
  it("tells MLDv1 from MLDv2 queries by length", () => {
    const run = ethernet();
    const v1 = run(packet(130, 0, [0x27, 0x10, 0, 0, ...new Array(16).fill(0)]));
    expect(v1.info).toBe("Multicast Listener Query");
    expect(v1.f("icmpv6.mld.maximum_response_delay")).toBe("10000");
    const v2 = run(packet(130, 0, [0x27, 0x10, 0, 0, ...new Array(16).fill(0), 0x02, 125, 0, 0]));
    expect(v2.f("icmpv6.mld.maximum_response_code")).toBe("10000");
    expect(v2.f("icmpv6.mld.flag.qrv")).toBe("2");
    expect(v2.f("icmpv6.mld.qqi")).toBe("125");
  });

  it("decodes MLDv2 report records", () => {
    const rec = [4, 0, 0, 0, 0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0xff, 0x33, 0x44, 0x55];
    const r = ethernet()(packet(143, 0, [0, 0, 0, 1, ...rec], V6.LL, [0xff, 0x02, ...new Array(13).fill(0), 0x16], 1));
    expect(r.info).toBe("Multicast Listener Report Message v2");
    expect(r.f("icmpv6.mldr.nb_mcast_records")).toBe("1");
    expect(r.f("icmpv6.mldr.mar.record_type")).toBe("4");
    expect(r.f("icmpv6.mldr.mar.multicast_address")).toBe("ff02::1:ff33:4455");
  });
});

describe("ICMPv6 errors quote the invoking packet", () => {
  const invoking = ipv6(udp(5353, 53, new Array(8).fill(0)), { nxt: 17, src: V6.A, dst: V6.B, hlim: 10 });

  it("dissects the quoted IPv6 packet without touching columns or addresses", () => {
    const r = ethernet()(packet(2, 0, [0, 0, 0x05, 0x00, ...invoking], V6.B, V6.A, 64));
    expect(r.info).toBe("Packet Too Big");
    expect(r.f("icmpv6.mtu")).toBe("1280");
    expect(r.layers.startsWith("eth:ethertype:ipv6:icmpv6:ipv6")).toBe(true);
    expect(r.f("ipv6.src")).toBe("2001:db8::2,2001:db8::1");
    expect(r.f("ipv6.hlim")).toBe("64,10");
    expect(r.protocol).toBe("ICMPv6");
    expect(r.netSrc).toBe("2001:db8::2");
    expect(r.ipProto).toBe(58);
  });

  it("names the codes as tshark 4.0 does", () => {
    const run = ethernet();
    expect(run(packet(1, 4, [0, 0, 0, 0, ...invoking])).info).toBe("Destination Unreachable (Port unreachable)");
    expect(run(packet(1, 0, [0, 0, 0, 0, ...invoking])).info).toBe("Destination Unreachable (no route to destination)");
    expect(run(packet(1, 9, [0, 0, 0, 0, ...invoking])).info).toBe("Destination Unreachable (Unknown)");
    expect(run(packet(3, 0, [0, 0, 0, 0, ...invoking])).info).toBe("Time Exceeded (hop limit exceeded in transit)");
    const pp = run(packet(4, 1, [0, 0, 0, 40, ...invoking]));
    expect(pp.info).toBe("Parameter Problem (unrecognized Next Header type encountered)");
    expect(pp.f("icmpv6.pointer")).toBe("40");
    expect(run(packet(4, 7, [0, 0, 0, 40, ...invoking])).info).toBe("Parameter Problem (Unknown (7))");
  });

  it("is malformed when nothing is quoted", () => {
    const r = ethernet()(packet(1, 0, [0, 0, 0, 0]));
    expect(r.info).toBe("Destination Unreachable (no route to destination)[Malformed Packet]");
  });
});

describe("other ICMPv6 messages", () => {
  it("names unknown and private types and never throws on short messages", () => {
    const run = ethernet();
    expect(run(packet(99, 0, [0, 0, 0, 0])).info).toBe("Unknown (99)");
    expect(run(packet(200, 0, [0, 0, 0, 0])).info).toBe("Private experimentation");
    const whole = packet(135, 0, [0, 0, 0, 0, ...V6.A, ...SLLA]);
    for (let n = 54; n < whole.length; n++) {
      const r = run(whole.subarray(0, n));
      expect(r.protocol).toBe("ICMPv6");
      expect(r.info).not.toContain("Unknown IP Protocol");
    }
  });
});
