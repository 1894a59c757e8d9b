import { describe, expect, it } from "vitest";
import type { DetailNode } from "../engine/session/types";
import { conversationFilters } from "./conversation-filter";

let id = 0;
function node(abbrev: string, filter: string | undefined, children?: DetailNode[]): DetailNode {
  return { id: id++, label: abbrev, abbrev, value: "", source: 0, offset: 0, length: 0, generated: false, filter, children };
}
const field = (abbrev: string, value: string): DetailNode => node(abbrev, `${abbrev} == ${value}`);
const layer = (abbrev: string, ...children: DetailNode[]): DetailNode => node(abbrev, abbrev, children);

describe("conversation filters", () => {
  it("writes Wireshark's forms for each layer the packet has", () => {
    const tree = [
      layer("frame"),
      layer("eth", field("eth.dst", "02:77:00:00:00:01"), field("eth.src", "02:77:00:00:00:02")),
      layer("ip", field("ip.src", "10.77.0.2"), field("ip.dst", "10.77.0.1")),
      layer("tcp", field("tcp.srcport", "59946"), field("tcp.dstport", "21")),
      layer("ftp"),
    ];
    expect(conversationFilters(tree)).toEqual({
      eth: "eth.addr==02:77:00:00:00:02 && eth.addr==02:77:00:00:00:01",
      ip: "ip.addr==10.77.0.2 && ip.addr==10.77.0.1",
      ipv6: null,
      tcp: "ip.addr==10.77.0.2 && tcp.port==59946 && ip.addr==10.77.0.1 && tcp.port==21",
      udp: null,
    });
  });

  it("uses the innermost addresses and IPv6 where the transport runs over it", () => {
    const tree = [
      layer("ip", field("ip.src", "192.0.2.1"), field("ip.dst", "192.0.2.2")),
      layer("ipv6", field("ipv6.src", "fd77::2"), field("ipv6.dst", "fd77::1")),
      layer("udp", field("udp.srcport", "53"), field("udp.dstport", "5353")),
    ];
    const f = conversationFilters(tree);
    expect(f.udp).toBe("ipv6.addr==fd77::2 && udp.port==53 && ipv6.addr==fd77::1 && udp.port==5353");
    expect(f.ipv6).toBe("ipv6.addr==fd77::2 && ipv6.addr==fd77::1");
    expect(f.ip).toBe("ip.addr==192.0.2.1 && ip.addr==192.0.2.2");
    expect([f.eth, f.tcp]).toEqual([null, null]);
    // ARP has Ethernet only.
    expect(
      conversationFilters([layer("eth", field("eth.dst", "ff:ff:ff:ff:ff:ff"), field("eth.src", "02:00:00:00:00:01")), layer("arp")]).tcp,
    ).toBeNull();
  });
});
