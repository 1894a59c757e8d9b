/**
 * ICMP (RFC 792), dissected from hand-built Ethernet/IPv4 frames through the
 * whole engine. Info texts and fields are what tshark 4.0.17 prints for the
 * same bytes (checked on crafted pcaps); icmp-traceroute-time-exceeded.pcapng,
 * icmp-dest-unreach-embedding-udp-dns.pcap and the echo captures are compared
 * through scripts/tshark-compare.ts.
 */
import { describe, expect, it } from "vitest";
import { echo, ETH_IPV4 as ETH, ethernet, frame, icmp, ipv4, udp } from "./ip-testing";

const DATA = Array.from({ length: 32 }, (_, i) => i);

describe("ICMP echo", () => {
  it("shows the request like tshark: padded type name, both byte orders, TTL", () => {
    const r = ethernet()(frame(ETH, ipv4(echo(0x0001, 0x0102, DATA), { ttl: 128 })));
    expect(r.layers).toBe("eth:ethertype:ip:icmp:data");
    expect(r.protocol).toBe("ICMP");
    expect(r.info).toBe("Echo (ping) request  id=0x0001, seq=258/513, ttl=128");
    expect(r.f("icmp.type")).toBe("8");
    expect(r.f("icmp.code")).toBe("0");
    expect(r.f("icmp.checksum.status")).toBe("1"); // good
    expect(r.f("icmp.ident")).toBe("1");
    expect(r.f("icmp.ident_le")).toBe("256");
    expect(r.f("icmp.seq")).toBe("258");
    expect(r.f("icmp.seq_le")).toBe("513");
    expect(r.f("data.len")).toBe("32");
  });

  it("matches the reply to the request (first pass) and shows the response time", () => {
    const run = ethernet();
    const req = run(frame(ETH, ipv4(echo(7, 1, DATA))), { tsSec: 100, tsNsec: 0 });
    expect(req.info).toBe("Echo (ping) request  id=0x0007, seq=1/256, ttl=64");
    const rep = run(frame(ETH, ipv4(echo(7, 1, DATA, 0), { src: [10, 0, 0, 2], dst: [10, 0, 0, 1], ttl: 63 })), { tsSec: 100, tsNsec: 1_500_000 });
    expect(rep.info).toBe("Echo (ping) reply    id=0x0007, seq=1/256, ttl=63 (request in 1)");
    expect(rep.f("icmp.resp_to")).toBe("1");
    expect(rep.f("icmp.resptime")).toBe("1.5");
    // A second identical reply is not matched again.
    const dup = run(frame(ETH, ipv4(echo(7, 1, DATA, 0), { src: [10, 0, 0, 2], dst: [10, 0, 0, 1] })));
    expect(dup.info).not.toContain("request in");
  });

  it("does not match a reply whose payload differs (the checksum is part of the key)", () => {
    const run = ethernet();
    run(frame(ETH, ipv4(echo(7, 1, DATA))));
    const rep = run(frame(ETH, ipv4(echo(7, 1, [9, 9], 0), { src: [10, 0, 0, 2], dst: [10, 0, 0, 1] })));
    expect(rep.info).not.toContain("request in");
  });

  it("on re-dissection, points the request at its reply, or says none came", () => {
    const run = ethernet();
    const req = frame(ETH, ipv4(echo(3, 3, DATA)));
    run(req, { num: 1 });
    run(frame(ETH, ipv4(echo(3, 3, DATA, 0), { src: [10, 0, 0, 2], dst: [10, 0, 0, 1] })), { num: 2 });
    const lonely = frame(ETH, ipv4(echo(4, 4, DATA)));
    run(lonely, { num: 3 });
    const bcast = frame(ETH, ipv4(echo(5, 5, DATA), { dst: [255, 255, 255, 255] }));
    run(bcast, { num: 4 });
    const again = run(req, { num: 1, visited: true });
    expect(again.info).toBe("Echo (ping) request  id=0x0003, seq=3/768, ttl=64 (reply in 2)");
    expect(again.f("icmp.resp_in")).toBe("2");
    expect(run(lonely, { num: 3, visited: true }).info).toBe("Echo (ping) request  id=0x0004, seq=4/1024, ttl=64 (no response found!)");
    expect(run(bcast, { num: 4, visited: true }).info).toBe("Echo (ping) request  id=0x0005, seq=5/1280, ttl=64 (broadcast)");
  });

  it("decodes a BSD/Linux timeval at the start of the data", () => {
    const tv = [0x00, 0x00, 0x03, 0xe8, 0x00, 0x00, 0x00, 0x10]; // 1000 s, 16 µs (big-endian)
    const r = ethernet()(frame(ETH, ipv4(echo(1, 1, [...tv, ...DATA]))), { tsSec: 1001, tsNsec: 0 });
    expect(r.f("icmp.data_time_relative")).toBe("0.999984000");
    expect(r.f("data.len")).toBe("32");
  });

  it("flags a bad checksum", () => {
    const m = echo(1, 1, DATA);
    m[2] = m[2]! ^ 0xff; // corrupt the checksum
    const r = ethernet()(frame(ETH, ipv4(m)));
    expect(r.f("icmp.checksum.status")).toBe("0");
    expect(r.info).toBe("Echo (ping) request  id=0x0001, seq=1/256, ttl=64");
  });
});

describe("ICMP errors quote the offending datagram", () => {
  const quoted = ipv4(udp(53, 40000, [0xab, 0xcd, 0x81, 0x80]), { proto: 17, src: [10, 0, 0, 2], dst: [10, 0, 0, 3], ttl: 9 });

  it("dissects the inner IPv4 header without touching columns or addresses", () => {
    const r = ethernet()(frame(ETH, ipv4(icmp(3, 3, [0, 0, 0, 0], quoted), { src: [10, 0, 0, 3], dst: [10, 0, 0, 2] })));
    expect(r.layers.startsWith("eth:ethertype:ip:icmp:ip")).toBe(true);
    expect(r.protocol).toBe("ICMP");
    expect(r.info).toBe("Destination unreachable (Port unreachable)");
    expect(r.f("ip.src")).toBe("10.0.0.3,10.0.0.2"); // outer, then inner
    expect(r.f("ip.ttl")).toBe("64,9");
    expect(r.f("icmp.unused")).toBe("00000000");
    expect(r.netSrc).toBe("10.0.0.3");
    expect(r.netDst).toBe("10.0.0.2");
    expect(r.ipProto).toBe(1);
    expect(r.ipDepth).toBe(2);
  });

  it("reads the other error types' second word", () => {
    const run = ethernet();
    const redirect = run(frame(ETH, ipv4(icmp(5, 1, [10, 0, 0, 254], quoted))));
    expect(redirect.info).toBe("Redirect             (Redirect for host)");
    expect(redirect.f("icmp.redir_gw")).toBe("10.0.0.254");
    const param = run(frame(ETH, ipv4(icmp(12, 0, [20, 0, 0, 0], quoted))));
    expect(param.info).toBe("Parameter problem    (Pointer indicates the error)");
    expect(param.f("icmp.pointer")).toBe("20");
    const mtu = run(frame(ETH, ipv4(icmp(3, 4, [0, 0, 0x05, 0xdc], quoted))));
    expect(mtu.info).toBe("Destination unreachable (Fragmentation needed)");
    expect(mtu.f("icmp.mtu")).toBe("1500");
    const quench = run(frame(ETH, ipv4(icmp(4, 0, [0, 0, 0, 0], quoted))));
    expect(quench.info).toBe("Source quench (flow control)");
    const unknownCode = run(frame(ETH, ipv4(icmp(11, 7, [0, 0, 0, 0], quoted))));
    expect(unknownCode.info).toBe("Time-to-live exceeded (Unknown code: 7)");
  });

  it("quotes an echo request: its fields appear, not matched, checksum not verified", () => {
    const inner = ipv4(echo(0x500, 0x3800), { ttl: 1, dst: [4, 2, 2, 1] });
    const r = ethernet()(frame(ETH, ipv4(icmp(11, 0, [0, 0, 0, 0], inner), { src: [192, 168, 100, 1] })));
    expect(r.layers).toBe("eth:ethertype:ip:icmp:ip:icmp");
    expect(r.info).toBe("Time-to-live exceeded (Time to live exceeded in transit)");
    expect(r.f("icmp.type")).toBe("11,8");
    expect(r.f("icmp.ident")).toBe("1280");
    expect(r.f("icmp.checksum.status")).toBe("1,2");
  });

  it("is malformed when the RFC 4884 length puts the extensions past the end", () => {
    // As frames 26/28/30 of icmp-traceroute-time-exceeded.pcapng: length 93 words, but 140 bytes quoted.
    const inner = ipv4(echo(0x500, 0x4400, new Array(64).fill(0)), { ttl: 1 }); // 92 bytes
    const rest = [0xff, 93, 0, 0]; // unused, length 93 (372 bytes), unused
    const m = icmp(11, 0, rest, [...inner, ...new Array(48).fill(0)]);
    const r = ethernet()(frame(ETH, ipv4(m)));
    expect(r.f("icmp.length")).toBe("93");
    expect(r.f("icmp.length.original_datagram")).toBe("372");
    expect(r.f("icmp.unused")).toBe("ff,0000");
    expect(r.info).toBe("Time-to-live exceeded (Time to live exceeded in transit)[Malformed Packet]");
    expect(r.layers).toBe("eth:ethertype:ip:icmp:ip:icmp:data");
  });

  it("decodes RFC 4950 MPLS label stack extensions after 128 bytes", () => {
    const inner = ipv4(echo(1, 1), { ttl: 1 }); // 28 bytes, padded to 128 (RFC 4884 §5.5 compatibility)
    const ext = [
      0x20, 0x00, 0x00, 0x00, // version 2, reserved, checksum (0: not present)
      0x00, 0x08, 0x01, 0x01, // object length 8, class 1 (MPLS), c-type 1
      0x00, 0x01, 0x61, 0x01, // label 22, exp 0, S 1, TTL 1
    ];
    const m = icmp(11, 0, [0, 0, 0, 0], [...inner, ...new Array(128 - inner.length).fill(0), ...ext]);
    const r = ethernet()(frame(ETH, ipv4(m)));
    expect(r.f("icmp.ext.version")).toBe("2");
    expect(r.f("icmp.ext.class")).toBe("1");
    expect(r.f("icmp.mpls.label")).toBe("22");
    expect(r.f("icmp.mpls.s")).toBe("1");
    expect(r.f("icmp.mpls.ttl")).toBe("1");
    expect(r.malformed).toBe("");
  });
});

describe("other ICMP messages", () => {
  it("decodes timestamp, address mask and router advertisement messages", () => {
    const run = ethernet();
    const ts = run(frame(ETH, ipv4(icmp(13, 0, [0, 1, 0, 2], [0x00, 0x36, 0xee, 0x80, 0, 0, 0, 0, 0, 0, 0, 0]))));
    expect(ts.info).toBe("Timestamp request    id=0x0001, seq=2/512, ttl=64");
    expect(ts.f("icmp.originate_timestamp")).toBe("3600000");
    const mask = run(frame(ETH, ipv4(icmp(18, 0, [0, 1, 0, 2], [255, 255, 255, 0]))));
    expect(mask.info).toBe("Address mask reply   id=0x0001, seq=2/512, ttl=64");
    expect(mask.f("icmp.address_mask")).toBe("255.255.255.0");
    const ra = run(frame(ETH, ipv4(icmp(9, 0, [1, 2, 0x07, 0x08], [10, 0, 0, 254, 0xff, 0xff, 0xff, 0xff]))));
    expect(ra.info).toBe("Mobile IP Advertisement (Normal router advertisement)");
    expect(ra.f("icmp.num_addrs")).toBe("1");
    expect(ra.f("icmp.lifetime")).toBe("1800");
    expect(ra.f("icmp.router_address")).toBe("10.0.0.254");
    expect(ra.f("icmp.pref_level")).toBe("-1");
  });

  it("names unknown types", () => {
    const r = ethernet()(frame(ETH, ipv4(icmp(99, 1, [0, 0, 0, 0]))));
    expect(r.info).toBe("Unknown ICMP (obsolete or malformed?)");
  });

  it("never throws on short messages", () => {
    const run = ethernet();
    const tiny = run(frame(ETH, ipv4([0x08, 0x00, 0xf7, 0xff, 0x00]))); // 5 bytes: the length byte (+5) is missing
    expect(tiny.info).toBe("[Malformed Packet]");
    expect(tiny.f("icmp.type")).toBe("");
    expect(tiny.layers).toBe("eth:ethertype:ip:icmp");
    const seven = run(frame(ETH, ipv4([0x08, 0x00, 0xf7, 0xff, 0x00, 0x00, 0x00])));
    expect(seven.info).toBe("Echo (ping) request [Malformed Packet]");
    expect(seven.f("icmp.ident")).toBe("0");
    expect(seven.f("icmp.seq")).toBe("");
    for (let n = 0; n < 12; n++) {
      const r = run(frame(ETH, ipv4(icmp(3, 3, [0, 0, 0, 0], ipv4([]).slice(0, n)))));
      expect(r.protocol).toBe("ICMP");
    }
  });
});
