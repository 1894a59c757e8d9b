/**
 * Canon BJNP from a hand-built datagram; the values are tshark 4.0.17's for
 * the scanner discovery in bsd-null-loopback-ipv4-ipv6.pcap (frame 2).
 */
import { describe, expect, it } from "vitest";
import { ipFrame, udp } from "./ip-testing";
import { ethernet } from "./testing";

const discover = [
  ...Array.from("BJNB", (c) => c.charCodeAt(0)), // id
  0x02, // type: scanner command
  0x01, // code: discover
  0, 0, 0, 0, // sequence number
  0, 0, // session id
  0, 0, 0, 0, // payload length
];

describe("BJNP", () => {
  it("reads a scanner discovery", () => {
    const r = ethernet()(ipFrame([172, 16, 1, 117], [172, 16, 1, 255], 17, udp(55369, 8612, discover)));
    expect(r.layers).toBe("eth:ethertype:ip:udp:bjnp");
    expect(r.protocol).toBe("BJNP");
    expect(r.info).toBe("Scanner Command: Discover");
    expect(r.f("bjnp.id")).toBe("BJNB");
    expect(r.f("bjnp.type")).toBe("2");
    expect(r.f("bjnp.code")).toBe("1");
    expect(r.f("bjnp.payload_len")).toBe("0");
  });

  it("leaves a datagram that starts with an unprintable byte to UDP", () => {
    const r = ethernet()(ipFrame([10, 0, 0, 1], [10, 0, 0, 2], 17, udp(5000, 8611, [0x00, ...discover.slice(1)])));
    expect(r.layers).toBe("eth:ethertype:ip:udp:data");
  });

  it("marks a datagram shorter than its header", () => {
    const r = ethernet()(ipFrame([10, 0, 0, 1], [10, 0, 0, 2], 17, udp(5000, 8611, discover.slice(0, 9))));
    expect(r.info).toBe("Scanner Command: Discover[Malformed Packet]");
  });
});
