/**
 * DHCP/BOOTP from hand-built messages, fed straight to the dissector with a
 * prepared PacketInfo (as UDP would call it). Expected Info texts and field
 * values are what tshark 4.0.17 prints for the same bytes (checked on
 * crafted pcaps); real captures are compared with scripts/tshark-compare.ts.
 */
import { describe, expect, it } from "vitest";
import { allFields, fieldByAbbrev } from "../field";
import { formatFieldValue } from "../format";
import { PacketInfo, PortType } from "../packet-info";
import { CaptureState } from "../state";
import { FieldCollector } from "../tree";
import { dhcp } from "./dhcp";

interface Run {
  pinfo: PacketInfo;
  f(abbrev: string): string;
  consumed: number;
}

/** One message from the client port to the server port (or back, for replies). */
function run(bytes: number[], opts: { reply?: boolean } = {}): Run {
  const data = Uint8Array.from(bytes);
  const tree = new FieldCollector(allFields());
  const p = new PacketInfo(tree, new CaptureState());
  p.reset();
  p.num = 1;
  p.capLen = p.len = data.length + 42;
  p.netSrc = opts.reply ? "192.168.1.1" : "0.0.0.0";
  p.netDst = "255.255.255.255";
  p.portType = PortType.UDP;
  p.srcPort = opts.reply ? 67 : 68;
  p.dstPort = opts.reply ? 68 : 67;
  const consumed = dhcp.dissect(data, 0, data.length, p);
  const f = (abbrev: string): string => {
    const def = fieldByAbbrev(abbrev);
    if (!def) throw new Error(`no field ${abbrev}`);
    return tree.values(def).map((v) => formatFieldValue(def, v)).join(",");
  };
  return { pinfo: p, f, consumed };
}

const u16 = (v: number): number[] => [v >> 8, v & 0xff];
const u32 = (v: number): number[] => [(v >>> 24) & 0xff, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff];
const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));
const zeros = (n: number): number[] => new Array<number>(n).fill(0);
const MAC = [0x00, 0x16, 0x3e, 0x11, 0x22, 0x33];

/** The fixed BOOTP header (RFC 951, RFC 2131 §2) and, unless `magic` is false, the DHCP magic cookie (RFC 2132 §2). */
function bootp(o: { op?: number; htype?: number; hlen?: number; secs?: number; flags?: number; yiaddr?: number[]; chaddr?: number[]; magic?: boolean } = {}): number[] {
  const chaddr = o.chaddr ?? MAC;
  return [
    o.op ?? 1, // op: BOOTREQUEST
    o.htype ?? 1, // htype: Ethernet
    o.hlen ?? 6, // hlen
    0, // hops
    ...u32(0x696ddc66), // xid
    ...u16(o.secs ?? 0), // secs
    ...u16(o.flags ?? 0), // flags
    ...zeros(4), // ciaddr
    ...(o.yiaddr ?? zeros(4)), // yiaddr
    ...zeros(4), // siaddr
    ...zeros(4), // giaddr
    ...chaddr, // chaddr ...
    ...zeros(16 - chaddr.length), // ... padded to 16 bytes
    ...zeros(64), // sname: not given
    ...zeros(128), // file: not given
    ...(o.magic === false ? [] : [99, 130, 83, 99]), // magic cookie
  ];
}

/** A DHCPDISCOVER (RFC 2131 §4.4.1) with the usual client options. */
const DISCOVER = [
  ...bootp(),
  53, 1, 1, // DHCP Message Type: Discover
  61, 7, 1, ...MAC, // Client identifier: hardware type 1 + MAC (RFC 2132 §9.14)
  50, 4, 192, 168, 1, 100, // Requested IP Address
  12, 4, ...ascii("host"), // Host Name
  60, 8, ...ascii("MSFT 5.0"), // Vendor class identifier
  55, 4, 1, 3, 6, 15, // Parameter Request List: mask, router, DNS, domain
  255, // End
];

/** The server's DHCPOFFER. */
const OFFER = [
  ...bootp({ op: 2, yiaddr: [192, 168, 1, 100] }),
  53, 1, 2, // DHCP Message Type: Offer
  54, 4, 192, 168, 1, 1, // DHCP Server Identifier
  51, 4, ...u32(86400), // IP Address Lease Time: 1 day
  1, 4, 255, 255, 255, 0, // Subnet Mask
  3, 4, 192, 168, 1, 1, // Router
  6, 8, 8, 8, 8, 8, 1, 1, 1, 1, // Domain Name Servers
  15, 11, ...ascii("example.com"), // Domain Name
  255, // End
];

describe("DHCP", () => {
  it("decodes a Discover: header, options and Info", () => {
    const r = run(DISCOVER);
    expect(r.pinfo.protocol).toBe("DHCP");
    expect(r.pinfo.info).toBe("DHCP Discover - Transaction ID 0x696ddc66");
    expect(r.consumed).toBe(DISCOVER.length);
    expect(r.f("dhcp")).toBe("Dynamic Host Configuration Protocol (Discover)");
    expect(r.f("dhcp.type")).toBe("1");
    // The second hw.type / mac_addr come from the Client identifier option.
    expect(r.f("dhcp.hw.type")).toBe("0x01,0x01");
    expect(r.f("dhcp.hw.len")).toBe("6");
    expect(r.f("dhcp.id")).toBe("0x696ddc66");
    expect(r.f("dhcp.flags")).toBe("0x0000");
    expect(r.f("dhcp.flags.bc")).toBe("0");
    expect(r.f("dhcp.hw.mac_addr")).toBe("00:16:3e:11:22:33,00:16:3e:11:22:33");
    expect(r.f("dhcp.hw.addr_padding")).toBe("00000000000000000000");
    expect(r.f("dhcp.server")).toBe("");
    expect(r.f("dhcp.cookie")).toBe("99.130.83.99");
    // End is reported with option.type 0 (Wireshark adds it that way).
    expect(r.f("dhcp.option.type")).toBe("53,61,50,12,60,55,0");
    expect(r.f("dhcp.option.length")).toBe("1,7,4,4,8,4");
    expect(r.f("dhcp.option.value")).toBe("01,0100163e112233,c0a80164,686f7374,4d53465420352e30,0103060f");
    expect(r.f("dhcp.option.dhcp")).toBe("1");
    expect(r.f("dhcp.option.requested_ip_address")).toBe("192.168.1.100");
    expect(r.f("dhcp.option.hostname")).toBe("host");
    expect(r.f("dhcp.option.vendor_class_id")).toBe("MSFT 5.0");
    expect(r.f("dhcp.option.request_list_item")).toBe("1,3,6,15");
    expect(r.f("dhcp.option.end")).toBe("255");
  });

  it("decodes an Offer: your address, lease, mask, router, DNS servers, domain", () => {
    const r = run(OFFER, { reply: true });
    expect(r.pinfo.info).toBe("DHCP Offer    - Transaction ID 0x696ddc66");
    expect(r.f("dhcp.type")).toBe("2");
    expect(r.f("dhcp.ip.your")).toBe("192.168.1.100");
    expect(r.f("dhcp.option.dhcp")).toBe("2");
    expect(r.f("dhcp.option.dhcp_server_id")).toBe("192.168.1.1");
    expect(r.f("dhcp.option.ip_address_lease_time")).toBe("86400");
    expect(r.f("dhcp.option.subnet_mask")).toBe("255.255.255.0");
    expect(r.f("dhcp.option.router")).toBe("192.168.1.1");
    expect(r.f("dhcp.option.domain_name_server")).toBe("8.8.8.8,1.1.1.1");
    expect(r.f("dhcp.option.domain_name")).toBe("example.com");
  });

  it("an option whose length runs past the end: type and length, then [Malformed Packet]", () => {
    const r = run([...bootp(), 53, 1, 1, 12, 20, ...ascii("abc")]);
    expect(r.pinfo.info).toBe("DHCP Discover - Transaction ID 0x696ddc66[Malformed Packet]");
    expect(r.f("dhcp.option.type")).toBe("53,12");
    expect(r.f("dhcp.option.length")).toBe("1,20");
    expect(r.f("dhcp.option.hostname")).toBe("");
    // No length byte at all for the last option.
    const n = run([...bootp(), 53, 1, 2, 99], { reply: true });
    expect(n.pinfo.info).toBe("DHCP Offer    - Transaction ID 0x696ddc66[Malformed Packet]");
    expect(n.f("dhcp.option.type")).toBe("53");
  });

  it("a Message Type option with no data is an unknown type, and malformed", () => {
    const r = run([...bootp(), 53, 0, 255]);
    expect(r.pinfo.info).toBe("DHCP Unknown Message Type (0xff) - Transaction ID 0x696ddc66[Malformed Packet]");
  });

  it("options without an End are fine", () => {
    const r = run([...bootp(), 53, 1, 1, 0, 0, 0]);
    expect(r.pinfo.info).toBe("DHCP Discover - Transaction ID 0x696ddc66");
    expect(r.f("dhcp.option.type")).toBe("53,0");
  });

  it("plain BOOTP: no magic cookie, reply, unknown op, hardware addresses", () => {
    // No cookie and nothing after the header: the vendor area is missing.
    const noMagic = run(bootp({ magic: false }));
    expect(noMagic.pinfo.protocol).toBe("BOOTP");
    expect(noMagic.pinfo.info).toMatch(/^Boot Request from 00:16:3e:11:22:33 .*\[Malformed Packet\]$/);
    expect(run([...bootp({ op: 2 }), 255], { reply: true }).pinfo.info).toBe("Boot Reply");
    // Not Ethernet: the address is shown as hex.
    expect(run([...bootp({ htype: 7, hlen: 3, chaddr: [1, 2, 3] }), 255]).pinfo.info).toBe("Boot Request from 010203");
    expect(run([...bootp({ hlen: 0 }), 255]).pinfo.info).toBe("Boot Request from <No address>");
  });

  it("seconds that look little-endian are flagged (Windows clients)", () => {
    const r = run([...bootp({ secs: 0x0300, flags: 0x8000 }), 53, 1, 8, 255]);
    expect(r.pinfo.info).toBe("DHCP Inform   - Transaction ID 0x696ddc66");
    expect(r.f("dhcp.secs")).toBe("3");
    expect(r.f("dhcp.secs_le")).toBe("1");
    expect(r.f("dhcp.flags.bc")).toBe("1");
  });

  it("never throws on truncation or garbage", () => {
    const tiny = run(bootp().slice(0, 10));
    expect(tiny.pinfo.protocol).toBe("BOOTP");
    expect(tiny.pinfo.info).toBe("[Malformed Packet]");
    for (let n = 0; n <= DISCOVER.length; n++) expect(() => run(DISCOVER.slice(0, n))).not.toThrow();
    // Every option code with a one-byte and a zero-byte body.
    for (let code = 1; code < 255; code++) {
      expect(() => run([...bootp(), 53, 1, 3, code, 1, 0xff, 255])).not.toThrow();
      expect(() => run([...bootp(), 53, 1, 3, code, 0, 255])).not.toThrow();
    }
  });
});
