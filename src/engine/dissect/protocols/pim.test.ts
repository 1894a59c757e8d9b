/**
 * PIMv2 Hello messages, dissected from hand-built Ethernet/IPv4 frames
 * through the whole engine. The first is the Hello of frame 67 of
 * gre-keepalive-cmd-gre-in-gre-plus-stp-pvst-cdp-dtp.pcap; expected values are
 * what tshark 4.0.17 prints for it (the capture itself is compared in
 * src/cli/link-layer-corpus.test.ts).
 */
import { describe, expect, it } from "vitest";
import { ETH_IPV4, ethernet, frame, ipv4 } from "./ip-testing";

const ALL_PIM_ROUTERS = [224, 0, 0, 13];
const ROUTER = [172, 17, 1, 54];

const HELLO = [
  0x20, // version 2, type 0 (Hello)
  0x00, // reserved
  0xa3, 0x6a, // checksum
  0x00, 0x01, 0x00, 0x02, 0x00, 0x69, // option 1 (Hold Time), length 2: 105 s
  0x00, 0x14, 0x00, 0x04, 0x25, 0xe4, 0x17, 0x0f, // option 20 (Generation ID), length 4
  0x00, 0x13, 0x00, 0x04, 0x00, 0x00, 0x00, 0x01, // option 19 (DR Priority), length 4: 1
  0x00, 0x15, 0x00, 0x04, 0x01, 0x00, 0x00, 0x00, // option 21 (State-Refresh): version 1, interval 0
  0xfd, 0xec, 0x00, 0x00, // option 65004 (Cisco RPF Proxy Vector), length 0
];

const pimFrame = (pim: number[]): Uint8Array => frame(ETH_IPV4, ipv4(pim, { proto: 103, src: ROUTER, dst: ALL_PIM_ROUTERS, ttl: 1 }));

describe("PIMv2", () => {
  it("reads a Hello and its options as tshark does", () => {
    const r = ethernet()(pimFrame(HELLO));
    expect(r.layers).toBe("eth:ethertype:ip:pim");
    expect(r.protocol).toBe("PIMv2");
    expect(r.info).toBe("Hello");
    expect(r.f("pim.version")).toBe("2");
    expect(r.f("pim.type")).toBe("0");
    expect(r.f("pim.res_bytes")).toBe("00");
    expect(r.f("pim.cksum")).toBe("0xa36a");
    expect(r.f("pim.cksum.status")).toBe("1");
    expect(r.f("pim.option")).toBe("1");
    expect(r.f("pim.optiontype")).toBe("1,20,19,21,65004");
    expect(r.f("pim.optionlength")).toBe("2,4,4,4,0");
    expect(r.f("pim.holdtime")).toBe("105");
    expect(r.f("pim.generation_id")).toBe("635705103");
    expect(r.f("pim.dr_priority")).toBe("1");
    expect(r.f("pim.state_refresh_version")).toBe("1");
    expect(r.f("pim.state_refresh_interval")).toBe("0");
    expect(r.f("_ws.expert.message")).toBe("");
  });

  it("flags a wrong checksum", () => {
    const bad = [...HELLO];
    bad[3] = 0x6b;
    const r = ethernet()(pimFrame(bad));
    expect(r.f("pim.cksum.status")).toBe("0");
    expect(r.f("_ws.expert.message")).toBe("Bad checksum [should be 0xa36a]");
  });

  it("names the other message types in Info (their bodies are not decoded yet)", () => {
    const joinPrune = [
      0x23, 0x00, 0xd1, 0x2c, // version 2, type 3 (Join/Prune), checksum
      0x01, 0x00, 10, 0, 0, 1, // upstream neighbor: IPv4, native encoding, 10.0.0.1
      0x00, 0x00, 0x00, 0xd2, // reserved, no groups, hold time 210 s
    ];
    const r = ethernet()(pimFrame(joinPrune));
    expect(r.info).toBe("Join/Prune");
    expect(r.protocol).toBe("PIMv2");
    expect(r.f("pim.cksum.status")).toBe("1");
  });

  it("marks a Hello option cut short malformed", () => {
    const r = ethernet()(pimFrame([0x20, 0x00, 0x00, 0x00, 0x00, 0x13, 0x00, 0x04, 0x00]));
    expect(r.malformed).toContain("PIM");
    expect(r.info).toBe("Hello[Malformed Packet]");
  });
});
