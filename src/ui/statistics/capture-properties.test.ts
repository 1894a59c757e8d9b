import { describe, expect, it } from "vitest";
import type { ConversationEntry, StatsSnapshot } from "../../engine/stats/snapshot";
import { captureElapsed, captureProperties, formatTime } from "./capture-properties";

const conv = (start: number, duration: number): ConversationEntry => ({
  a: "a",
  b: "b",
  portA: 0,
  portB: 0,
  framesAB: 1,
  bytesAB: 1,
  framesBA: 0,
  bytesBA: 0,
  start,
  duration,
});

function snapshot(): StatsSnapshot {
  return {
    conversations: { eth: [conv(0, 0.5)], ip: [conv(0.25, 0.5)], ipv6: [], tcp: [conv(0.1, 0.2)], udp: [] },
    endpoints: { eth: [], ip: [], ipv6: [], tcp: [], udp: [] },
    hierarchy: [
      { protocol: "eth", name: "Ethernet", depth: 0, frames: 3, bytes: 300 },
      { protocol: "ip", name: "Internet Protocol Version 4", depth: 1, frames: 2, bytes: 200 },
    ],
  };
}

describe("captureElapsed", () => {
  it("is the latest end of any conversation", () => {
    expect(captureElapsed(snapshot())).toBe(0.75);
  });
});

describe("formatTime", () => {
  it("prints UTC with the capture's decimals", () => {
    expect(formatTime(1795218732, 354987000, 6)).toBe("2026-11-20 23:52:12.354987");
    expect(formatTime(1795218732, 5, 9)).toBe("2026-11-20 23:52:12.000000005");
  });
});

describe("captureProperties", () => {
  it("gives the times, totals and rates from the summary and the snapshot", () => {
    const sections = captureProperties({
      summary: {
        fileName: "x.pcap",
        fileSize: 400,
        format: "pcap",
        formatDescription: "Wireshark/tcpdump/... - pcap",
        linkTypes: ["Ethernet"],
        timeDecimals: 6,
      },
      packets: 3,
      firstSec: 1795218732,
      firstNsec: 500000000,
      snapshot: snapshot(),
    });
    const items = Object.fromEntries(sections.flatMap((s) => s.items));
    expect(items).toMatchObject({
      Name: "x.pcap",
      Encapsulation: "Ethernet",
      "First packet": "2026-11-20 23:52:12.500000",
      // 0.5 s + 0.75 s carries into the next second.
      "Last packet": "2026-11-20 23:52:13.250000",
      Elapsed: "0.750000 seconds",
      Bytes: "300",
      "Average packet size": "100.00 bytes",
      "Average packets/s": "4.00 packets/s",
      "Average bits/s": "3200.00 bits/s",
    });
  });

  it("says n/a for rates of a capture of one instant", () => {
    const s = snapshot();
    s.conversations = { eth: [conv(0, 0)], ip: [], ipv6: [], tcp: [], udp: [] };
    const items = Object.fromEntries(
      captureProperties({ summary: null, packets: 1, firstSec: 0, firstNsec: 0, snapshot: s }).flatMap((x) => x.items),
    );
    expect(items["Average bytes/s"]).toBe("n/a");
    expect(items.Name).toBeUndefined();
  });
});

describe("captureProperties with the open capture's details", () => {
  it("takes the last packet's time, the interfaces and the comments from them", () => {
    const shot: StatsSnapshot = {
      ...snapshot(),
      capture: {
        interfaces: [{ name: "veth0", description: null, linkType: "Ethernet", snapLen: 262144 }],
        sectionComments: ["recorded by the fixtures script"],
        commentedPackets: 2,
        lastSec: 1795218734,
        lastNsec: 0,
      },
    };
    const sections = captureProperties({ summary: null, packets: 3, firstSec: 1795218732, firstNsec: 500000000, snapshot: shot });
    const items = Object.fromEntries(sections.flatMap((s) => s.items));
    expect(items).toMatchObject({
      "Last packet": "2026-11-20 23:52:14.000000",
      Elapsed: "1.500000 seconds",
      "Snapshot length": "262144",
      Section: "recorded by the fixtures script",
      "Packets with comments": "2",
    });
    expect(sections.map((s) => s.title)).toContain("Interface #0: veth0");
  });
});
