/**
 * NTP from hand-built messages in Ethernet/IPv4/UDP frames through the whole
 * engine. Expected Info texts and field values are what tshark 4.0.17 prints
 * for the same bytes (checked on a crafted pcap); the shared captures are
 * compared with live tshark in src/cli/udp-small-corpus.test.ts.
 */
import { describe, expect, it } from "vitest";
import { ethernet, type Host, udpFrame } from "../ip-testing";

const CLIENT: Host = { ip: [10, 0, 0, 1], port: 50000 };
const SERVER: Host = { ip: [10, 0, 0, 2], port: 123 };
const u32 = (v: number): number[] => [(v >>> 24) & 0xff, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff];

/** 2019-02-02 11:39:44 UTC in NTP era 0 seconds. */
const T0 = 0xe0000000;

const CLIENT_REQUEST = [
  0x23, // LI 0, version 4, mode 3 (client)
  0, // stratum 0
  6, // poll 2^6 s
  0xec, // precision 2^-20
  ...u32(0), // root delay
  ...u32(0), // root dispersion
  0, 0, 0, 0, // reference ID
  ...u32(0), ...u32(0), // reference timestamp: none
  ...u32(0), ...u32(0), // origin timestamp: none
  ...u32(0), ...u32(0), // receive timestamp: none
  ...u32(T0), ...u32(0x80000000), // transmit timestamp: T0 + 0.5 s
];
const SERVER_REPLY = [
  0x24, // LI 0, version 4, mode 4 (server)
  1, // stratum 1: the reference ID is a source code
  6, // poll
  0xe9, // precision 2^-23
  ...u32(0x10), // root delay 0x10/65536 s
  ...u32(0x20), // root dispersion
  0x47, 0x50, 0x53, 0, // "GPS\0"
  ...u32(T0), ...u32(1), // reference timestamp (1/2^32 s truncates to 0 ns)
  ...u32(T0), ...u32(0x80000000), // origin = the client's transmit time
  ...u32(T0 + 1), ...u32(0x40000000), // receive
  ...u32(T0 + 1), ...u32(0x40001000), // transmit
];

describe("NTP", () => {
  it("decodes a client request: header fields and the NULL timestamps", () => {
    const r = ethernet()(udpFrame(CLIENT, SERVER, CLIENT_REQUEST));
    expect(r.protocol).toBe("NTP");
    expect(r.layers).toBe("eth:ethertype:ip:udp:ntp");
    expect(r.info).toBe("NTP Version 4, client");
    expect(r.f("ntp.flags")).toBe("0x23");
    expect(r.f("ntp.flags.li")).toBe("0");
    expect(r.f("ntp.flags.vn")).toBe("4");
    expect(r.f("ntp.flags.mode")).toBe("3");
    expect(r.f("ntp.precision")).toBe("236");
    expect(r.f("ntp.refid")).toBe("00000000");
    expect(r.f("ntp.reftime")).toBe("NULL");
    expect(r.f("ntp.xmt")).toBe("Feb  2, 2019 11:39:44.500000000 UTC");
    expect(r.f("ntp.keyid")).toBe("");
  });

  it("decodes a server reply and pairs it with the request when dissected again", () => {
    const run = ethernet();
    run(udpFrame(CLIENT, SERVER, CLIENT_REQUEST));
    const reply = run(udpFrame(SERVER, CLIENT, SERVER_REPLY));
    expect(reply.info).toBe("NTP Version 4, server");
    expect(reply.f("ntp.stratum")).toBe("1");
    expect(reply.f("ntp.refid")).toBe("47505300");
    expect(reply.f("ntp.reftime")).toBe("Feb  2, 2019 11:39:44.000000000 UTC");
    expect(reply.f("ntp.rec")).toBe("Feb  2, 2019 11:39:45.250000000 UTC");
    expect(reply.f("ntp.xmt")).toBe("Feb  2, 2019 11:39:45.250000953 UTC");
    // First pass: no pairing fields (as tshark without -2).
    expect(reply.f("ntp.request_in")).toBe("");
    const again = run(udpFrame(CLIENT, SERVER, CLIENT_REQUEST), { num: 1, visited: true });
    expect(again.f("ntp.response_in")).toBe("2");
    const replyAgain = run(udpFrame(SERVER, CLIENT, SERVER_REPLY), { num: 2, visited: true });
    expect(replyAgain.f("ntp.request_in")).toBe("1");
    expect(replyAgain.f("ntp.delta_time")).toBe("1.000000000");
  });

  it("splits the trailer into key ID and MAC", () => {
    const withMac = [...SERVER_REPLY, ...u32(7), ...new Array<number>(16).fill(0x11)]; // key 7, MD5 digest
    const r = ethernet()(udpFrame(SERVER, CLIENT, withMac));
    expect(r.f("ntp.keyid")).toBe("00000007");
    expect(r.f("ntp.mac")).toBe("11".repeat(16));
    expect(r.f("ntp.ext")).toBe("");
  });

  it("names control and private messages", () => {
    const control = [
      0x16, // version 2, mode 6
      0x01, // request, opcode 1 (read status)
      0, 7, // sequence
      0, 0, // status
      0, 0, // association ID
      0, 0, // offset
      0, 0, // count
    ];
    const c = ethernet()(udpFrame({ ...CLIENT, port: 50001 }, SERVER, control));
    expect(c.info).toBe("NTP Version 2, control");
    expect(c.f("ntp.ctrl.flags2.opcode")).toBe("1");
    expect(c.f("ntp.ctrl.sequence")).toBe("7");
    const priv = [
      0x17, // request, version 2, mode 7
      0x00, // no auth, sequence 0
      3, // implementation XNTPD
      42, // request code MON_GETLIST_1
      ...new Array<number>(44).fill(0),
    ];
    const p = ethernet()(udpFrame({ ...CLIENT, port: 50002 }, SERVER, priv));
    expect(p.info).toBe("NTP Version 2, private, Request, MON_GETLIST_1");
    expect(p.f("ntp.priv.impl")).toBe("3");
    expect(p.f("ntp.priv.reqcode")).toBe("42");
    expect(p.f("ntp.priv.numitems")).toBe("0");
  });

  it("marks a short message malformed after its Info", () => {
    const r = ethernet()(udpFrame(CLIENT, SERVER, CLIENT_REQUEST.slice(0, 20)));
    expect(r.info).toBe("NTP Version 4, client[Malformed Packet]");
    expect(r.malformed).not.toBe("");
  });
});
