import { describe, expect, it } from "vitest";
import { LinkType, newPacketRecord } from "../capture/types";
import { Dissection } from "../dissect/dissection";
import { compileFilter } from "../filter";
import { ETH_IPV4, ETH_IPV6, echo, frame, icmp, icmpv6, ipv4, ipv6, udp } from "../dissect/protocols/ip-testing";
import {
  COLOUR_RULES,
  COMPILED_COLOUR_RULES,
  ColourClassifier,
  compileColourRules,
  contrast,
  darkVariant,
  gateOf,
  type ColourRule,
  type CompiledColourRule,
  type Gate,
} from "./colour-rules";
import { parseColorfilters, WIRESHARK_COLORFILTERS } from "./colorfilters";

const F = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10 };

/** A 20-byte TCP header (checksum not verified), then `data`. */
function tcp(sport: number, dport: number, flags: number, data: number[] = []): number[] {
  return [sport >> 8, sport & 0xff, dport >> 8, dport & 0xff, 0, 0, 0, 1, 0, 0, 0, 1, 0x50, flags, 0xff, 0xff, 0x12, 0x34, 0, 0, ...data];
}
const BCAST = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
const MAC = [0x00, 0x11, 0x22, 0x33, 0x44, 0x55];

/** The rule name a frame gets, dissected alone (no TCP analysis from earlier packets) as Ethernet frame 1. */
function colourOf(
  bytes: Uint8Array,
  classifier = new ColourClassifier(),
  rules: readonly CompiledColourRule[] = COMPILED_COLOUR_RULES,
): string | null {
  const rec = newPacketRecord();
  rec.number = 1;
  rec.capLen = rec.origLen = bytes.length;
  rec.linkType = LinkType.ETHERNET;
  classifier.reset();
  const pinfo = new Dissection().dissect(rec, bytes, classifier.collector, false);
  const n = classifier.classify(pinfo, bytes);
  return n === 0 ? null : rules[n - 1]!.rule.name;
}

const gate = (text: string): string[] | null => {
  const g: Gate = gateOf(compileFilter(text, { unknownFieldsAbsent: true }).expr!);
  return g ? [...g].sort() : null;
};

describe("Wireshark's default colouring rules", () => {
  it("are the twenty rules of Wireshark's colorfilters, in order, with its colours", () => {
    expect(COLOUR_RULES.map((r) => r.name)).toEqual([
      "Bad TCP",
      "HSRP State Change",
      "Spanning Tree Topology  Change",
      "OSPF State Change",
      "ICMP errors",
      "ARP",
      "ICMP",
      "TCP RST",
      "SCTP ABORT",
      "TTL low or unexpected",
      "Checksum Errors",
      "SMB",
      "HTTP",
      "DCERPC",
      "Routing",
      "TCP SYN/FIN",
      "TCP",
      "UDP",
      "Broadcast",
      "System Event",
    ]);
    // [bg][fg] of "@TCP@tcp@[59345,58980,65535][4718,10030,11796]"
    expect(COLOUR_RULES[16]).toMatchObject({ filter: "tcp", light: { bg: "#e7e6ff", fg: "#12272e" } });
    expect(COLOUR_RULES[0]!.light).toEqual({ bg: "#12272e", fg: "#f78787" });
    expect(COLOUR_RULES[9]!.filter).toBe(
      "(ip.dst != 224.0.0.0/4 && ip.ttl < 5 && !pim && !ospf) || (ip.dst == 224.0.0.0/24 && ip.dst != 224.0.0.251 && ip.ttl != 1 && !(vrrp || carp))",
    );
    // Every rule is a line of the file, as written there.
    const lines = WIRESHARK_COLORFILTERS.trim().split("\n");
    expect(lines.map((l) => l.split("@")[2])).toEqual(COLOUR_RULES.map((r) => r.filter));
  });

  it("reads colorfilters files: comments and disabled rules left out, anything else refused", () => {
    const rules = parseColorfilters("# DO NOT EDIT\n!@Off@udp@[0,0,0][0,0,0]\n@On@tcp@[65535,0,0][0,0,65535]\n");
    expect(rules).toEqual([{ name: "On", filter: "tcp", light: { bg: "#ff0000", fg: "#0000ff" }, dark: expect.any(Object) }]);
    expect(() => parseColorfilters("@Broken@tcp@[1,2][3,4,5]")).toThrow(/not a colouring rule/);
  });

  it("compile with the display filter engine, in order", () => {
    expect(COMPILED_COLOUR_RULES.map((c) => [c.number, c.rule.name, c.filter.text])).toEqual(
      COLOUR_RULES.map((r, i) => [i + 1, r.name, r.filter]),
    );
    for (const c of COMPILED_COLOUR_RULES) expect(c.filter.warnings, c.rule.name).toEqual([]);
  });

  it("gate each rule on the layers one of which it needs", () => {
    const gates = Object.fromEntries(COMPILED_COLOUR_RULES.map((c) => [c.rule.name, c.gate ? [...c.gate].sort() : null]));
    expect(gates).toMatchObject({
      "Bad TCP": ["tcp"],
      // Protocols pcapscope does not dissect: never present, the rule never tried.
      "HSRP State Change": [],
      "SCTP ABORT": [],
      // Every dissected protocol gates on its layer (NetBIOS names also come in IPX's); HSRP, OSPF... are never present.
      SMB: ["ipx", "nbns", "nbss", "netbios", "smb"],
      Routing: ["cdp", "eigrp", "igmp"],
      "ICMP errors": ["icmp", "icmpv6"],
      ICMP: ["icmp", "icmpv6"],
      "TTL low or unexpected": ["ip"],
      // eth.fcs.status comes from the Ethertype code, behind SLL and VLAN too.
      "Checksum Errors": null,
      // SSDP is HTTP over UDP: http.* fields under the ssdp layer.
      HTTP: ["http", "ssdp", "tcp"],
      Broadcast: ["eth"],
    });
    expect(gate('dns.qry.name == "a"')).toEqual(["dns", "llmnr", "mdns"]);
    expect(gate("ip.version == 6")).toEqual(["ip", "ipv6"]);
    expect(gate("tcp && udp.port == 53")).toEqual(["tcp"]);
    expect(gate("tcp || frame.len > 60")).toBeNull();
    expect(gate("!tcp")).toBeNull();
    expect(gate("tcp.srcport == udp.dstport")).toEqual(["tcp"]);
  });

  it("colour dissected packets", () => {
    const c = new ColourClassifier();
    const v4 = (payload: number[], o: Parameters<typeof ipv4>[1]): Uint8Array => frame(ETH_IPV4, ipv4(payload, o));
    expect(colourOf(v4(tcp(51000, 21, F.PSH | F.ACK, [0x51, 0x55, 0x49, 0x54, 0x0d, 0x0a]), { proto: 6 }), c)).toBe("TCP");
    expect(colourOf(v4(tcp(51000, 21, F.SYN), { proto: 6 }), c)).toBe("TCP SYN/FIN");
    expect(colourOf(v4(tcp(51000, 21, F.FIN | F.ACK), { proto: 6 }), c)).toBe("TCP SYN/FIN");
    expect(colourOf(v4(tcp(51000, 21, F.RST | F.ACK), { proto: 6 }), c)).toBe("TCP RST");
    expect(colourOf(v4(tcp(51000, 80, F.ACK), { proto: 6 }), c)).toBe("HTTP");
    expect(colourOf(v4(udp(5000, 5001, [1, 2, 3]), { proto: 17 }), c)).toBe("UDP");
    expect(colourOf(v4(echo(1, 1), { proto: 1 }), c)).toBe("ICMP");
    expect(colourOf(v4(icmp(3, 3, [0, 0, 0, 0], ipv4(udp(5000, 53), { proto: 17 })), { proto: 1 }), c)).toBe("ICMP errors");
    expect(colourOf(frame(ETH_IPV6, ipv6(icmpv6(128, 0, [0, 1, 0, 1]), { nxt: 58 })), c)).toBe("ICMP");
    // TTL: low on unicast; anything but 1 to 224.0.0.0/24, except mDNS's 224.0.0.251.
    expect(colourOf(v4(udp(5000, 5001), { proto: 17, ttl: 2 }), c)).toBe("TTL low or unexpected");
    expect(colourOf(v4(udp(5000, 5001), { proto: 17, ttl: 4, dst: [224, 0, 0, 5] }), c)).toBe("TTL low or unexpected");
    expect(colourOf(v4(udp(5000, 5001), { proto: 17, ttl: 1, dst: [224, 0, 0, 5] }), c)).toBe("UDP");
    expect(colourOf(v4(udp(5353, 5353), { proto: 17, ttl: 255, dst: [224, 0, 0, 251] }), c)).toBe("UDP");
    // eth[0] & 1: the destination's group bit (ethertype 0x88b5 is not dissected).
    expect(colourOf(frame(BCAST, MAC, [0x88, 0xb5], [1, 2, 3, 4]), c)).toBe("Broadcast");
    expect(colourOf(frame(MAC, MAC, [0x88, 0xb5], [1, 2, 3, 4]), c)).toBeNull();
  });

  it("Bad TCP: analysis flags other than window updates and keep-alives", () => {
    // Two identical segments: the second is a retransmission.
    const c = new ColourClassifier();
    const d = new Dissection();
    const seg = frame(ETH_IPV4, ipv4(tcp(51000, 21, F.PSH | F.ACK, [0x41, 0x0d, 0x0a]), { proto: 6 }));
    const names = [1, 2].map((n) => {
      const rec = newPacketRecord();
      rec.number = n;
      rec.tsSec = n;
      rec.capLen = rec.origLen = seg.length;
      rec.linkType = LinkType.ETHERNET;
      c.reset();
      const pinfo = d.dissect(rec, seg, c.collector, false);
      return COLOUR_RULES[c.classify(pinfo, seg) - 1]?.name;
    });
    expect(names).toEqual(["TCP", "Bad TCP"]);
  });

  it("a rule on a protocol pcapscope does not know compiles and never matches", () => {
    const rule = (name: string, filter: string): ColourRule => ({
      name,
      filter,
      light: { bg: "#ffffff", fg: "#000000" },
      dark: { bg: "#000000", fg: "#ffffff" },
    });
    const rules = compileColourRules([
      rule("Unknown", "nosuchproto || nosuchproto.field == 3"),
      rule("Not unknown", "!nosuchproto && udp"),
      rule("TCP", "tcp"),
    ]);
    expect(rules[0]!.gate).toEqual(new Set());
    const c = new ColourClassifier([], rules);
    expect(colourOf(frame(ETH_IPV4, ipv4(tcp(1, 2, F.ACK), { proto: 6 })), c, rules)).toBe("TCP");
    expect(colourOf(frame(ETH_IPV4, ipv4(udp(1, 2), { proto: 17 })), c, rules)).toBe("Not unknown");
    expect(colourOf(frame(MAC, MAC, [0x88, 0xb5], [1, 2, 3, 4]), c, rules)).toBeNull();
  });

  it("dark variants keep text readable and hues apart", () => {
    for (const r of COLOUR_RULES) {
      expect(contrast(r.light.bg, r.light.fg), r.name).toBeGreaterThan(1.9);
      expect(contrast(r.dark.bg, r.dark.fg), r.name).toBeGreaterThan(3);
    }
    expect(darkVariant({ bg: "#a40000", fg: "#fffc9c" })).toEqual({ bg: "#a40000", fg: "#fffc9c" });
    const tcpBg = COLOUR_RULES.find((r) => r.name === "TCP")!.dark.bg;
    const udpBg = COLOUR_RULES.find((r) => r.name === "UDP")!.dark.bg;
    expect(tcpBg).not.toBe(udpBg);
  });
});
