/**
 * The F5 Ethernet trailer heuristic on hand-built frames: an ARP request
 * (42 bytes) followed by BIG-IP's old-format TLVs (type, length less 2,
 * version, values). Expected values are what tshark 4.0.17 shows for the
 * same frames (written to a pcap and compared while developing). The real
 * capture it meets (a 1998 Solaris snoop whose frame 165 ends in 010d…):
 * src/cli/f5ethtrailer-corpus.test.ts.
 */
import { describe, expect, it } from "vitest";
import { ethernet } from "../testing";

const arp = [
  ...[0xff, 0xff, 0xff, 0xff, 0xff, 0xff], // destination: broadcast
  ...[0x00, 0x60, 0x08, 0x12, 0x34, 0x56], // source
  0x08, 0x06, // EtherType ARP
  0x00, 0x01, 0x08, 0x00, 6, 4, 0x00, 0x01, // Ethernet/IPv4, request
  ...[0x00, 0x60, 0x08, 0x12, 0x34, 0x56], 192, 168, 0, 1, // sender
  ...[0, 0, 0, 0, 0, 0], 192, 168, 0, 2, // target
];
const text = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));
const be = (n: number | bigint, bytes: number): number[] => Array.from({ length: bytes }, (_, i) => Number((BigInt(n) >> BigInt(8 * (bytes - 1 - i))) & 0xffn));
/** A TLV header: type, its length less the two type and length bytes, version. */
const head = (type: number, len: number, ver: number): number[] => [type, len - 2, ver];
/** Low noise v1: ingress, slot (0-based on the wire), TMM, the virtual server name with its length. */
const low1 = (vip: string): number[] => [...head(1, 7 + vip.length, 1), 1, 0, 2, vip.length, ...text(vip)];
/** Medium noise v0 (11.x, 29 bytes): flow and peer IDs, connflow flags, flow type, HA unit, reserved. */
const med0 = (peer: bigint): number[] => [...head(2, 29, 0), ...be(0x0102030405060708n, 8), ...be(peer, 8), ...be(0xdeadbeef, 4), 5, 1, ...be(0, 4)];
/** High noise v0: IP protocol, VLAN, remote and local IPv6 addresses, remote and local ports. */
const high0 = [
  ...head(3, 42, 0), 6, ...be(10, 2),
  ...[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 1], // ::ffff:10.0.0.1
  ...[0x20, 0x01, 0x0d, 0xb8, ...new Array<number>(11).fill(0), 2], // 2001:db8::2
  ...be(443, 2), ...be(51000, 2),
];

const frame = (trailer: number[]) => ethernet()(Uint8Array.from([...arp, ...trailer]));

describe("F5 Ethernet trailer", () => {
  it("claims a low-noise trailer: its fields, the direction, slot and TMM before Info, no Ethernet trailer", () => {
    const r = frame(low1("vs1"));
    expect(r.layers).toBe("eth:ethertype:arp:f5ethtrailer");
    expect(r.info).toBe("IN  s1/tmm2 : Who has 192.168.0.2? Tell 192.168.0.1");
    expect([r.f("f5ethtrailer.type"), r.f("f5ethtrailer.length"), r.f("f5ethtrailer.version")]).toEqual(["1", "8", "1"]);
    expect([r.f("f5ethtrailer.ingress"), r.f("f5ethtrailer.slot"), r.f("f5ethtrailer.tmm"), r.f("f5ethtrailer.vipnamelen"), r.f("f5ethtrailer.vip")]).toEqual(["1", "1", "2", "3", "vs1"]);
    expect(r.f("eth.trailer")).toBe("");
  });

  it("shows the one-byte Low Details of bytes that only look like a trailer, and leaves them to Ethernet (the 1998 snoop's frame 165)", () => {
    const r = frame(Array.from({ length: 18 }, (_, i) => (i % 2 ? 0x0d : 0x01)));
    // Type 1, length 15, version 1: plausible; a low trailer v1 of 15 bytes would need a name length of 8, not 0x0d.
    expect(r.layers).toBe("eth:ethertype:arp");
    expect([r.f("f5ethtrailer"), r.f("f5ethtrailer.low"), r.f("f5ethtrailer.type")]).toEqual(["f5ethtrailer", "1", ""]);
    expect(r.f("eth.trailer")).toBe("010d010d010d010d010d010d010d010d010d");
    expect(r.info).toBe("Who has 192.168.0.2? Tell 192.168.0.1");
  });

  it("reads low, medium and high noise in a row, the peer addresses as IPv4 where they are", () => {
    const r = frame([...low1("vs1"), ...med0(0x1112131415161718n), ...high0]);
    expect([r.f("f5ethtrailer.flowid"), r.f("f5ethtrailer.peerid"), r.f("f5ethtrailer.cfflags"), r.f("f5ethtrailer.haunit")]).toEqual([
      "0x0102030405060708", "0x1112131415161718", "0xdeadbeef", "0x01",
    ]);
    expect([r.f("f5ethtrailer.peerremoteaddr"), r.f("f5ethtrailer.peerremoteaddr6"), r.f("f5ethtrailer.peerlocaladdr"), r.f("f5ethtrailer.peerlocaladdr6")]).toEqual([
      "10.0.0.1", "::ffff:10.0.0.1", "", "2001:db8::2",
    ]);
    expect([r.f("f5ethtrailer.peeraddr"), r.f("f5ethtrailer.peerport")]).toEqual(["10.0.0.1", "443,51000"]);
    // Without a peer ID the high trailer has nothing to say.
    expect(frame([...low1("vs1"), ...med0(0n), ...high0]).f("f5ethtrailer.nopeer")).toBe("1");
  });

  it("appends a medium trailer's reset cause to Info and itemises it", () => {
    const cause = [0x01, ...be((0x123456789abcn << 16n) | 42n, 8), ...text("No route")]; // version 0, peer; value and line; text
    const r = frame([...head(2, 30 + cause.length, 1), ...be(5, 8), ...be(6, 8), ...be(1, 4), 1, 0, ...be(0, 4), cause.length, ...cause]);
    expect(r.info).toBe("Who has 192.168.0.2? Tell 192.168.0.1 [F5RST(peer): No route]");
    expect([r.f("f5ethtrailer.rstcauselen"), r.f("f5ethtrailer.rstcausever"), r.f("f5ethtrailer.rstcausepeer")]).toEqual(["17", "0", "1"]);
    expect([r.f("f5ethtrailer.rstcauseval"), r.f("f5ethtrailer.rstcauseline"), r.f("f5ethtrailer.rstcausetxt")]).toEqual(["0x0000123456789abc", "42", "No route"]);
  });

  it("reads v9.4's 0-based slot and 32-bit flow IDs, skips leading zeros, and takes a guessed FCS as trailer bytes", () => {
    const v94 = frame([...head(1, 35, 0), 1, 2, 0, ...be(0x11223344, 4), ...be(0x55667788, 4), ...be(0xa0b0c0d0, 4), 7, ...text("vs94"), ...new Array<number>(12).fill(0)]);
    expect([v94.info.slice(0, 14), v94.f("f5ethtrailer.slot"), v94.f("f5ethtrailer.flowid"), v94.f("f5ethtrailer.vip")]).toEqual(["IN  s2/tmm0 : ", "2", "0x0000000011223344", "vs94"]);
    expect(frame([0, 0, 0, 0, ...low1("")]).f("f5ethtrailer.low")).toBe("1");
    // 42 + 22 = 64 bytes: Ethernet would guess an FCS in the last 4, but the trailer claimed them.
    const r = frame([...head(1, 22, 0), 0, 1, 3, ...text("/Common/vs_http"), 0]);
    expect([r.f("eth.fcs"), r.f("f5ethtrailer.vip"), r.info.slice(0, 14)]).toEqual(["", "/Common/vs_http", "OUT s2/tmm3 : "]);
  });

  it("leaves alone what is too short, runs past the trailer or has an unknown type", () => {
    for (const t of [[0x01, 0x05], low1("vs1").slice(0, -1), [0x04, 0x05, 0x00, 1, 2, 3, 4], [0x01, 0x05, 0x04, 1, 2, 3, 4]]) {
      const r = frame(t);
      expect([r.layers, r.f("f5ethtrailer")]).toEqual(["eth:ethertype:arp", ""]);
    }
  });

  describe("new format (DPT, BIG-IP 14 and later)", () => {
    /** A TLV: provider, type, length with its 8-byte header, version, then the value. */
    const tlv = (provider: number, type: number, ver: number, body: number[]): number[] => [...be(provider, 2), ...be(type, 2), ...be(8 + body.length, 2), ...be(ver, 2), ...body];
    /** The header: magic, length with the header, version 1. */
    const dpt = (...tlvs: number[][]): number[] => [...be(0xf5deb0f5, 4), ...be(8 + tlvs.flat().length, 2), ...be(1, 2), ...tlvs.flat()];
    const names = [0, 3, ...text("vs1"), 1, 3, ...text("1.1"), 2, 2, ...text("tr"), 7, 1, ...text("x")]; // virtual server, port, trunk, unknown type 7

    it("reads low noise v3's flags and v4's object names, an unknown name type flagged undecoded", () => {
      const v3 = frame(dpt(tlv(1, 1, 3, [0x05, 0, 2, 3, ...text("vs1")])));
      expect([v3.layers, v3.info.slice(0, 14)]).toEqual(["eth:ethertype:arp:f5ethtrailer", "IN  s1/tmm2 : "]);
      expect([v3.f("f5ethtrailer.trailer_magic"), v3.f("f5ethtrailer.flags"), v3.f("f5ethtrailer.flags.hwaction"), v3.f("f5ethtrailer.vip")]).toEqual(["0xf5deb0f5", "0x05", "2", "vs1"]);
      const v4 = frame(dpt(tlv(1, 1, 4, [0x03, 1, 2, names.length, ...names])));
      expect([v4.f("f5ethtrailer.objnametype"), v4.f("f5ethtrailer.vip"), v4.f("f5ethtrailer.phys_port"), v4.f("f5ethtrailer.trunk"), v4.f("f5ethtrailer.data.string")]).toEqual(["0,1,2,7", "vs1", "1.1", "tr", "x"]);
      expect(v4.f("_ws.expert.message")).toBe("This version of Wireshark does not understand how to decode this value");
      // The block says 17 bytes, the last name's length byte is missing: Wireshark's read throws.
      const cut = frame(dpt(tlv(1, 1, 4, [0x03, 1, 2, names.length, ...names.slice(0, -3), 0, 0, 0])));
      expect(cut.info.endsWith("[Malformed Packet]")).toBe(true);
    });

    it("reads medium v4 with its reset cause and high v1, and shows other TLVs as unknown, their data spaced", () => {
      const cause = [0x01, ...be((0x123456789abcn << 16n) | 42n, 8), ...text("No route")];
      const med = tlv(1, 2, 4, [...be(5, 8), ...be(6, 8), ...be(1, 4), ...be(2, 4), 3, 4, ...be(0, 4), 7, cause.length, ...cause]);
      const r = frame(dpt(tlv(1, 1, 2, [1, 0, 2, 3, ...text("vs1")]), med, tlv(1, 3, 1, high0.slice(3))));
      expect(r.info).toBe("IN  s1/tmm2 : Who has 192.168.0.2? Tell 192.168.0.1 [F5RST(peer): No route]");
      expect([r.f("f5ethtrailer.cfflags2"), r.f("f5ethtrailer.priority"), r.f("f5ethtrailer.rstcausetxt"), r.f("f5ethtrailer.peerremoteaddr")]).toEqual(["0x00000001", "7", "No route", "10.0.0.1"]);
      const unknown = frame(dpt(tlv(9, 1, 1, [0x61, 0x62])));
      expect([unknown.f("f5ethtrailer.unknown_trailer"), unknown.f("f5ethtrailer.provider"), unknown.f("f5ethtrailer.data")]).toEqual(["1", "9", "61 62"]);
    });

    it("flags a TLV length past the trailer, and finds a trailer added after the FCS", () => {
      const bad = frame(dpt([...be(1, 2), ...be(1, 2), ...be(99, 2), ...be(2, 2)]));
      expect([bad.f("f5ethtrailer.badlen"), bad.f("_ws.expert.message")]).toEqual(["1", "Length extends past remaining available bytes"]);
      const afterFcs = frame([0x12, 0x34, 0x56, 0x78, ...dpt(tlv(1, 1, 2, [1, 0, 2, 3, ...text("vs1")]))]);
      expect([afterFcs.f("f5ethtrailer.orig_fcs"), afterFcs.f("f5ethtrailer.vip"), afterFcs.f("eth.trailer")]).toEqual(["0x12345678", "vs1", ""]);
    });
  });
});
