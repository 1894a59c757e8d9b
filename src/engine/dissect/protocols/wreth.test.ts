/**
 * EtherType 0xaaaa and the Ethernet layer's own columns, from hand-built
 * frames; expected values are tshark 4.0.17's for the fuzzed 0xaaaa frames of
 * malformed-fuzz-bigendian-mixed-incl-ftp.pcap (frame 23 is the first).
 */
import { describe, expect, it } from "vitest";
import { LinkType } from "../../capture/types";
import { frames } from "./testing";

const header = [
  0x00, 0x30, 0xaa, 0xaa, 0xaa, 0xaa, // destination MAC (manuf: 00:30:aa is AxusMicr)
  0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, // source MAC (locally administered: no name)
];

describe("EtherType 0xaaaa (Wireshark's wreth)", () => {
  it("leaves a frame whose payload is not WSE remote Ethernet to the Ethernet layer alone", () => {
    const run = frames(LinkType.ETHERNET);
    const r = run(Uint8Array.of(...header, 0xaa, 0xaa, ...new Array<number>(72).fill(0xaa)));
    expect(r.protocol).toBe("Ethernet");
    expect(r.info).toBe("Ethernet II");
    expect(r.layers).toBe("eth");
    expect(r.f("data.data")).toBe("");
    expect(r.f("eth.trailer")).toBe("");
    expect(r.dst).toBe("AxusMicr_aa:aa:aa");
    expect(r.src).toBe("aa:aa:aa:aa:aa:aa");
  });

  it("leaves WSE frames (subtype 0x0200), which are not dissected, to the data fallback", () => {
    const run = frames(LinkType.ETHERNET);
    const r = run(Uint8Array.of(...header, 0xaa, 0xaa, 0x02, 0x00, ...new Array<number>(44).fill(0)));
    expect(r.protocol).toBe("0xaaaa");
    expect(r.layers).toBe("eth:ethertype:data");
    expect(r.f("data.data")).toBe("0200" + "00".repeat(44));
  });

  it("an EtherType nobody dissects still shows as 0x%04x with data", () => {
    const run = frames(LinkType.ETHERNET);
    const r = run(Uint8Array.of(...header, 0x88, 0xb5, ...new Array<number>(46).fill(1)));
    expect(r.protocol).toBe("0x88b5");
    expect(r.layers).toBe("eth:ethertype:data");
  });
});
