/**
 * IGMP v0-v3 and multicast traceroute from hand-built messages in
 * Ethernet/IPv4 frames through the whole engine. Expected Info texts and
 * field values are what tshark 4.0.17 prints for the same bytes (checked on a
 * crafted pcap); the shared captures are compared with live tshark in
 * src/cli/udp-small-corpus.test.ts.
 */
import { describe, expect, it } from "vitest";
import { checksum, ethernet, ipFrame } from "../ip-testing";

const HOST = [10, 0, 0, 1];

/** An IGMP message (checksum filled in over all of it, RFC 1071) to `dst`. */
function igmp(dst: number[], body: number[]): Uint8Array {
  const m = [...body];
  const c = checksum(m);
  m[2] = c >> 8;
  m[3] = c & 0xff;
  return ipFrame(HOST, dst, 2, m);
}

describe("IGMP", () => {
  it("tells v1, v2 and v3 queries apart by length and max response time", () => {
    const v1 = ethernet()(igmp([224, 0, 0, 1], [0x11, 0, 0, 0, 0, 0, 0, 0])); // type, unused, checksum, group 0
    expect(v1.protocol).toBe("IGMPv1");
    expect(v1.info).toBe("Membership Query");
    expect(v1.f("igmp.version")).toBe("1");
    const v2 = ethernet()(igmp([224, 0, 0, 1], [0x11, 100, 0, 0, 0, 0, 0, 0])); // max resp 10.0 s, general
    expect(v2.protocol).toBe("IGMPv2");
    expect(v2.info).toBe("Membership Query, general");
    expect(v2.f("igmp.max_resp")).toBe("100");
    expect(v2.f("igmp.checksum.status")).toBe("1");
    const v3 = ethernet()(
      igmp([224, 0, 0, 1], [
        0x11, // type
        0x8f, // max resp code: exponent 0, mantissa 15 → (0x1f << 3) = 248 tenths
        0, 0, // checksum
        239, 1, 1, 1, // group
        0x0a, // S set, QRV 2
        125, // QQIC
        0, 2, // two sources
        10, 0, 0, 5, 10, 0, 0, 6,
      ]),
    );
    expect(v3.protocol).toBe("IGMPv3");
    expect(v3.info).toBe("Membership Query, specific for group 239.1.1.1, sources {10.0.0.5, 10.0.0.6}");
    expect(v3.f("igmp.max_resp")).toBe("248");
    expect(v3.f("igmp.s")).toBe("1");
    expect(v3.f("igmp.qrv")).toBe("2");
    expect(v3.f("igmp.qqic")).toBe("125");
    expect(v3.f("igmp.saddr")).toBe("10.0.0.5,10.0.0.6");
  });

  it("words v2 reports and leaves, and v1 reports", () => {
    expect(ethernet()(igmp([239, 2, 2, 2], [0x16, 0, 0, 0, 239, 2, 2, 2])).info).toBe("Membership Report group 239.2.2.2");
    expect(ethernet()(igmp([224, 0, 0, 2], [0x17, 0, 0, 0, 239, 2, 2, 2])).info).toBe("Leave Group 239.2.2.2");
    const v1 = ethernet()(igmp([239, 2, 2, 2], [0x12, 0, 0, 0, 239, 2, 2, 2]));
    expect(v1.protocol).toBe("IGMPv1");
    expect(v1.info).toBe("Membership Report");
  });

  it("lists a v3 report's group records in Info", () => {
    const r = ethernet()(
      igmp([224, 0, 0, 22], [
        0x22, 0, 0, 0, 0, 0, // type, reserved, checksum, reserved
        0, 4, // four group records
        1, 0, 0, 1, 239, 1, 1, 1, 10, 0, 0, 5, // MODE_IS_INCLUDE 239.1.1.1 {10.0.0.5}
        2, 0, 0, 2, 239, 1, 1, 2, 10, 0, 0, 5, 10, 0, 0, 6, // MODE_IS_EXCLUDE 239.1.1.2 {two}
        6, 1, 0, 1, 239, 1, 1, 3, 10, 0, 0, 7, 0xaa, 0xbb, 0xcc, 0xdd, // BLOCK_OLD_SOURCES with one word of aux data
        3, 0, 0, 0, 239, 1, 1, 4, // CHANGE_TO_INCLUDE with no sources: a leave
      ]),
    );
    expect(r.info).toBe(
      "Membership Report / Join group 239.1.1.1 for source {10.0.0.5} / Join group 239.1.1.2, for sources not in {10.0.0.5, 10.0.0.6} / Group 239.1.1.3, block source {10.0.0.7} / Leave group 239.1.1.4",
    );
    expect(r.f("igmp.num_grp_recs")).toBe("4");
    expect(r.f("igmp.record_type")).toBe("1,2,6,3");
    expect(r.f("igmp.maddr")).toBe("239.1.1.1,239.1.1.2,239.1.1.3,239.1.1.4");
    expect(r.f("igmp.aux_data")).toBe("aabbccdd");
    expect(ethernet()(igmp([224, 0, 0, 22], [0x22, 0, 0, 0, 0, 0, 0, 0])).info).toBe("Membership Report - General query");
  });

  it("flags a bad checksum (over the first 8 bytes in v2)", () => {
    const r = ethernet()(ipFrame(HOST, [239, 2, 2, 2], 2, [0x16, 0, 0x12, 0x34, 239, 2, 2, 2]));
    expect(r.f("igmp.checksum.status")).toBe("0");
    expect(r.f("_ws.expert.message")).toBe("Bad checksum [should be 0xf8fa]");
  });

  it("decodes v0 and multicast traceroute queries", () => {
    const v0 = ethernet()(igmp([10, 0, 0, 2], [3, 0, 0, 0, 0, 0, 0, 42, 239, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1])); // join request, id 42, key
    expect(v0.protocol).toBe("IGMPv0");
    expect(v0.info).toBe("Join Group Request");
    expect(v0.f("igmp.identifier")).toBe("42");
    const q = ethernet()(igmp([10, 0, 0, 2], [0x1f, 10, 0, 0, 239, 1, 1, 1, 10, 0, 0, 5, 10, 0, 0, 1, 10, 0, 0, 1, 64, 0, 0, 9]));
    expect(q.protocol).toBe("IGMP");
    expect(q.info).toBe("Traceroute Query");
    expect(q.f("igmp.mtrace.q_id")).toBe("9");
  });

  it("lists igmp twice in frame.protocols for the types packet-igmp.c hands to its own handles", () => {
    // v2 report, v0 join request, mtrace query: tshark 4.0.17 writes eth:ethertype:ip:igmp:igmp for each.
    for (const body of [
      [0x16, 0, 0, 0, 239, 2, 2, 2],
      [3, 0, 0, 0, 0, 0, 0, 42, 239, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1],
      [0x1f, 10, 0, 0, 239, 1, 1, 1, 10, 0, 0, 5, 10, 0, 0, 1, 10, 0, 0, 1, 64, 0, 0, 9],
    ]) expect(ethernet()(igmp([10, 0, 0, 2], body)).f("frame.protocols")).toBe("eth:ethertype:ip:igmp:igmp");
  });

  it("marks a truncated message malformed", () => {
    const r = ethernet()(ipFrame(HOST, [239, 2, 2, 2], 2, [0x16, 0, 0]));
    expect(r.info).toBe("Membership Report[Malformed Packet]");
  });
});
