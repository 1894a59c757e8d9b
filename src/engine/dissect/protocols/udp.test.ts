/**
 * UDP through the whole engine (raw IPv4 link → ipv4 → udp), from hand-built
 * datagrams. Expectations are what tshark 4.0.17 printed for the same bytes.
 */
import { describe, expect, it } from "vitest";
import { register, type Dissector } from "../dissector";
import { conversations } from "../conversation";
import { LinkType, newPacketRecord } from "../../capture/types";
import { FieldRun, ipv4Packet as ipv4, type Result } from "./testing";

const A = [10, 0, 0, 1];
const B = [10, 0, 0, 2];

/** A UDP header (RFC 768) and its data. */
function udp(sport: number, dport: number, data: number[], length = 8 + data.length, checksum = 0): number[] {
  return [
    sport >> 8, sport & 0xff, // source port
    dport >> 8, dport & 0xff, // destination port
    length >> 8, length & 0xff, // length: header and data
    checksum >> 8, checksum & 0xff, // checksum (0: none)
    ...data,
  ];
}

function capture() {
  const run = new FieldRun();
  let n = 0;
  return {
    dissection: run.dissection,
    add(bytes: number[], t: number, capLen = bytes.length): Result {
      const all = Uint8Array.from(bytes);
      const rec = newPacketRecord();
      rec.number = ++n;
      rec.capLen = capLen;
      rec.origLen = all.length;
      rec.linkType = LinkType.RAW;
      rec.tsSec = 2_000_000 + Math.floor(t);
      rec.tsNsec = Math.round((t % 1) * 1e9);
      return run.dissect(rec, all.subarray(0, capLen));
    },
  };
}

const abc = [0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68];

describe("UDP", () => {
  it("dissects a datagram field by field", () => {
    const cap = capture();
    const r = cap.add(ipv4(A, B, 17, udp(1000, 9999, abc, undefined, 0x1a6b)), 0);
    expect(r.layers).toBe("raw:ip:udp:data");
    expect([r.protocol, r.info]).toEqual(["UDP", "1000 → 9999 Len=8"]);
    expect(r.f("udp.srcport")).toBe("1000");
    expect(r.f("udp.dstport")).toBe("9999");
    expect(r.f("udp.port")).toBe("1000,9999");
    expect(r.f("udp.length")).toBe("16");
    expect(r.f("udp.checksum")).toBe("0x1a6b");
    expect(r.f("udp.checksum.status")).toBe("2");
    expect(r.f("udp.stream")).toBe("0");
    expect(r.f("udp.time_relative")).toBe("0.000000000");
    expect(r.f("udp.time_delta")).toBe("0.000000000");
    expect(r.f("udp.payload")).toBe("6162636465666768");
    expect(r.f("data.len")).toBe("8");
    expect(r.pinfo.udpStream).toBe(0);
  });

  it("numbers streams and times them per conversation", () => {
    const cap = capture();
    cap.add(ipv4(A, B, 17, udp(1000, 9999, abc)), 0);
    expect(cap.add(ipv4(A, B, 17, udp(1001, 9999, abc)), 0.5).f("udp.stream")).toBe("1");
    const back = cap.add(ipv4(B, A, 17, udp(9999, 1000, abc)), 0.75);
    expect([back.f("udp.stream"), back.f("udp.time_relative"), back.f("udp.time_delta")]).toEqual(["0", "0.750000000", "0.750000000"]);
  });

  it("treats lengths like Wireshark", () => {
    const cap = capture();
    let r = cap.add(ipv4(A, B, 17, udp(1000, 9999, abc, 5)), 0);
    expect([r.info, r.f("udp.stream"), r.f("udp.length.bad")]).toEqual(["1000 → 9999 [BAD UDP LENGTH 5 < 8]", "", "1"]);
    r = cap.add(ipv4(A, B, 17, udp(1000, 9999, abc, 30)), 1);
    expect([r.info, r.f("udp.checksum.status"), r.f("data.len"), r.f("udp.payload")]).toEqual(["1000 → 9999 [BAD UDP LENGTH 30 > IP PAYLOAD LENGTH] Len=22", "3", "8", "6162636465666768"]);
    r = cap.add(ipv4(A, B, 17, udp(1000, 9999, abc, 12)), 2);
    expect([r.info, r.f("data.len"), r.f("udp.payload")]).toEqual(["1000 → 9999 Len=4", "4", "6162636465666768"]);
    r = cap.add(ipv4(A, B, 17, udp(1000, 9999, [])), 3);
    expect([r.info, r.layers, r.f("udp.time_relative")]).toEqual(["1000 → 9999 Len=0", "raw:ip:udp", ""]);
  });

  it("stops where the capture or the IP payload ends, without throwing", () => {
    const whole = ipv4(A, B, 17, udp(1000, 5353, abc));
    const cases: [number, string, string][] = [
      [3, "IPv4", "[Packet size limited during capture]"],
      [4, "UDP", "1000 → 5353[Packet size limited during capture]"],
      [6, "UDP", "1000 → 5353 Len=8[Packet size limited during capture]"],
      [8, "UDP", "1000 → 5353 Len=8[Packet size limited during capture]"],
    ];
    for (const [n, proto, info] of cases) {
      const r = capture().add(whole, 0, 20 + n);
      expect([r.protocol, r.info], `${n} bytes`).toEqual([proto, info]);
    }
    for (let n = 0; n < 12; n++) {
      const cap = capture();
      expect(() => cap.add(ipv4(A, B, 17, abc.slice(0, n)), 0)).not.toThrow();
      expect(() => cap.add(ipv4(A, B, 17, abc, 20 + n), 0)).not.toThrow();
    }
    const short = capture().add(ipv4(A, B, 17, [0, 1, 0, 2, 0]), 0);
    expect([short.info, short.malformed !== ""]).toEqual(["1 → 2[Malformed Packet]", true]);
  });

  it("hands the payload to an announced conversation, then the lower port", () => {
    const calls: string[] = [];
    const named = (name: string): Dissector => ({
      name,
      dissect(_d, offset, end, pinfo) {
        calls.push(name);
        pinfo.protocol = name.toUpperCase();
        return end - offset;
      },
    });
    register("udp.port", 4444, named("low"));
    register("udp.port", 5555, named("high"));
    const cap = capture();
    expect(cap.add(ipv4(A, B, 17, udp(5555, 4444, abc)), 0).protocol).toBe("LOW");
    conversations(cap.dissection.state).expect({ transport: "udp", addrA: "10.0.0.2", portA: 4444, addrB: null, portB: null, dissector: named("conv"), setupFrame: 1 });
    expect(cap.add(ipv4(A, B, 17, udp(5555, 4444, abc)), 1).protocol).toBe("CONV");
    // A wildcard conversation gathers every datagram it matches into one stream.
    const x = cap.add(ipv4([10, 0, 0, 7], B, 17, udp(6000, 4444, abc)), 2);
    const y = cap.add(ipv4([10, 0, 0, 8], B, 17, udp(6001, 4444, abc)), 3);
    expect([x.f("udp.stream"), y.f("udp.stream")]).toEqual(["1", "1"]);
    expect(calls).toEqual(["low", "conv", "conv", "conv"]);
  });
});
