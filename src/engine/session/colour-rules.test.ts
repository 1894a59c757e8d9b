import { describe, expect, it } from "vitest";
import { COLOUR_FIELDS, COLOUR_RULES, contrast, darkVariant, layerMask, matchColourRule, type ColourFacts } from "./colour-rules";
import type { FieldValue } from "../dissect/field";

/** Facts for one imaginary packet: its layers, some field values, TCP flags. */
function facts(layers: string[], fields: Record<string, FieldValue[]> = {}, tcpFlags = -1): ColourFacts {
  return { layers: layerMask(layers), values: (slot) => fields[COLOUR_FIELDS[slot]!] ?? [], tcpFlags };
}

const ruleOf = (p: ColourFacts): string | null => COLOUR_RULES[matchColourRule(p) - 1]?.name ?? null;
const ip = (a: number, b: number, c: number, d: number): number => ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;

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
    expect(COLOUR_RULES[16]!.light).toEqual({ bg: "#e7e6ff", fg: "#12272e" });
    expect(COLOUR_RULES[0]!.light).toEqual({ bg: "#12272e", fg: "#f78787" });
  });

  it("match by layer, first rule wins", () => {
    const mid = { "ip.ttl": [64], "ip.dst": [ip(10, 0, 0, 2)] };
    expect(ruleOf(facts(["eth", "ethertype", "arp"]))).toBe("ARP");
    expect(ruleOf(facts(["eth", "ethertype", "ip", "icmp"], { ...mid, "icmp.type": [8] }))).toBe("ICMP");
    expect(ruleOf(facts(["eth", "ethertype", "ip", "icmp"], { ...mid, "icmp.type": [3] }))).toBe("ICMP errors");
    expect(ruleOf(facts(["eth", "ethertype", "ip", "udp"], mid))).toBe("UDP");
    expect(ruleOf(facts(["eth", "ethertype", "ip", "tcp", "ftp"], mid, 0x18))).toBe("TCP");
    expect(ruleOf(facts(["eth", "ethertype", "ip", "tcp"], mid, 0x02))).toBe("TCP SYN/FIN");
    expect(ruleOf(facts(["eth", "ethertype", "ip", "tcp"], mid, 0x11))).toBe("TCP SYN/FIN");
    expect(ruleOf(facts(["eth", "ethertype", "ip", "tcp"], mid, 0x14))).toBe("TCP RST");
    expect(ruleOf(facts(["eth", "ethertype", "ip", "tcp", "http"], mid, 0x18))).toBe("HTTP");
    expect(ruleOf(facts(["eth", "ethertype", "ip", "tcp"], { ...mid, "tcp.port": [51000, 80] }, 0x10))).toBe("HTTP");
    expect(ruleOf(facts(["eth", "ethertype", "ip", "udp", "nbns"], mid))).toBe("SMB");
    expect(ruleOf(facts(["eth", "ethertype", "ip", "igmp"], { "ip.ttl": [1], "ip.dst": [ip(224, 0, 0, 22)] }))).toBe("Routing");
  });

  it("Bad TCP: analysis flags other than window updates and keep-alives", () => {
    const tcp = ["eth", "ip", "tcp"];
    expect(ruleOf(facts(tcp, { "tcp.analysis.flags": [null] }, 0x10))).toBe("Bad TCP");
    expect(ruleOf(facts(tcp, { "tcp.analysis.flags": [null], "tcp.analysis.window_update": [null] }, 0x10))).toBe("TCP");
    expect(ruleOf(facts(tcp, { "tcp.analysis.flags": [null], "tcp.analysis.keep_alive": [null] }, 0x10))).toBe("TCP");
  });

  it("TTL low or unexpected", () => {
    expect(ruleOf(facts(["ip", "udp"], { "ip.ttl": [2], "ip.dst": [ip(10, 0, 0, 1)] }))).toBe("TTL low or unexpected");
    // Multicast to 224.0.0.0/24 must have TTL 1 (except mDNS 224.0.0.251).
    expect(ruleOf(facts(["ip", "udp"], { "ip.ttl": [4], "ip.dst": [ip(224, 0, 0, 5)] }))).toBe("TTL low or unexpected");
    expect(ruleOf(facts(["ip", "udp"], { "ip.ttl": [255], "ip.dst": [ip(224, 0, 0, 251)] }))).toBe("UDP");
    expect(ruleOf(facts(["ip", "udp"], { "ip.ttl": [1], "ip.dst": [ip(224, 0, 0, 5)] }))).toBe("UDP");
  });

  it("Checksum Errors, HSRP, STP, OSPF, SCTP, broadcast, system events", () => {
    expect(ruleOf(facts(["ip", "udp"], { "udp.checksum.status": [0] }))).toBe("Checksum Errors");
    expect(ruleOf(facts(["ip", "udp"], { "udp.checksum.status": [2] }))).toBe("UDP");
    expect(ruleOf(facts(["hsrp"], { "hsrp.state": [8] }))).toBe("Routing");
    expect(ruleOf(facts(["hsrp"], { "hsrp.state": [4] }))).toBe("HSRP State Change");
    expect(ruleOf(facts(["stp"], { "stp.type": [0x80] }))).toBe("Spanning Tree Topology  Change");
    expect(ruleOf(facts(["ospf"], { "ospf.msg": [2] }))).toBe("OSPF State Change");
    expect(ruleOf(facts(["sctp"], { "sctp.chunk_type": [6] }))).toBe("SCTP ABORT");
    expect(ruleOf(facts(["eth"], { "eth.dst": [Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff)] }))).toBe("Broadcast");
    expect(ruleOf(facts(["eth"], { "eth.dst": [Uint8Array.of(0x02, 0, 0, 0, 0, 1)] }))).toBe(null);
    expect(ruleOf(facts(["sysdig"]))).toBe("System Event");
  });

  it("dark variants keep text readable and hues apart", () => {
    for (const r of COLOUR_RULES) {
      expect(contrast(r.light.bg, r.light.fg), r.name).toBeGreaterThan(1.9);
      expect(contrast(r.dark.bg, r.dark.fg), r.name).toBeGreaterThan(3);
    }
    expect(darkVariant({ bg: "#a40000", fg: "#fffc9c" })).toEqual({ bg: "#a40000", fg: "#fffc9c" });
    const tcp = COLOUR_RULES.find((r) => r.name === "TCP")!.dark.bg;
    const udp = COLOUR_RULES.find((r) => r.name === "UDP")!.dark.bg;
    expect(tcp).not.toBe(udp);
  });
});
