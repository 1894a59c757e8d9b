/**
 * DHCP/BOOTP from hand-built messages in Ethernet/IPv4/UDP frames, dissected
 * through the whole engine. Expected Info texts and field values are what
 * tshark 4.0.17 prints for the same bytes (checked on crafted pcaps); real
 * captures are compared with scripts/tshark-compare.ts.
 */
import { describe, expect, it } from "vitest";
import { LinkType } from "../../../capture/types";
import { detailsTree, type Result, threw } from "../testing";
import { ethernet, findNode, type Host, udpFrame } from "../ip-testing";

const CLIENT: Host = { ip: [0, 0, 0, 0], port: 68 };
const SERVER: Host = { ip: [192, 168, 1, 1], port: 67 };
const BROADCAST = [255, 255, 255, 255];

/** The frame of one message broadcast from the client port to the server port (or back, for replies). */
const packet = (bytes: number[], opts: { reply?: boolean } = {}): Uint8Array =>
  opts.reply ? udpFrame(SERVER, { ip: BROADCAST, port: CLIENT.port }, bytes) : udpFrame(CLIENT, { ip: BROADCAST, port: SERVER.port }, bytes);
/** One message in a capture of its own. */
const run = (bytes: number[], opts: { reply?: boolean } = {}): Result => ethernet()(packet(bytes, opts));

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
    expect(r.protocol).toBe("DHCP");
    expect(r.info).toBe("DHCP Discover - Transaction ID 0x696ddc66");
    expect(r.layers).toBe("eth:ethertype:ip:udp:dhcp");
    // The DHCP item spans the whole message, right after the 42 bytes of Ethernet, IPv4 and UDP headers.
    const item = findNode(detailsTree(LinkType.ETHERNET, packet(DISCOVER)), "dhcp")!;
    expect([item.offset, item.length]).toEqual([42, DISCOVER.length]);
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
    expect(r.info).toBe("DHCP Offer    - Transaction ID 0x696ddc66");
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
    expect(r.info).toBe("DHCP Discover - Transaction ID 0x696ddc66[Malformed Packet]");
    expect(r.f("dhcp.option.type")).toBe("53,12");
    expect(r.f("dhcp.option.length")).toBe("1,20");
    expect(r.f("dhcp.option.hostname")).toBe("");
    // No length byte at all for the last option.
    const n = run([...bootp(), 53, 1, 2, 99], { reply: true });
    expect(n.info).toBe("DHCP Offer    - Transaction ID 0x696ddc66[Malformed Packet]");
    expect(n.f("dhcp.option.type")).toBe("53");
  });

  it("a Message Type option with no data is an unknown type, and malformed", () => {
    const r = run([...bootp(), 53, 0, 255]);
    expect(r.info).toBe("DHCP Unknown Message Type (0xff) - Transaction ID 0x696ddc66[Malformed Packet]");
  });

  it("options without an End are fine", () => {
    const r = run([...bootp(), 53, 1, 1, 0, 0, 0]);
    expect(r.info).toBe("DHCP Discover - Transaction ID 0x696ddc66");
    expect(r.f("dhcp.option.type")).toBe("53,0");
  });

  it("plain BOOTP: no magic cookie, reply, unknown op, hardware addresses", () => {
    // No cookie and nothing after the header: the vendor area is missing.
    const noMagic = run(bootp({ magic: false }));
    expect(noMagic.protocol).toBe("BOOTP");
    expect(noMagic.info).toMatch(/^Boot Request from 00:16:3e:11:22:33 .*\[Malformed Packet\]$/);
    expect(run([...bootp({ op: 2 }), 255], { reply: true }).info).toBe("Boot Reply");
    // Not Ethernet: the address is shown as hex.
    expect(run([...bootp({ htype: 7, hlen: 3, chaddr: [1, 2, 3] }), 255]).info).toBe("Boot Request from 010203");
    expect(run([...bootp({ hlen: 0 }), 255]).info).toBe("Boot Request from <No address>");
  });

  it("seconds that look little-endian are flagged (Windows clients)", () => {
    const r = run([...bootp({ secs: 0x0300, flags: 0x8000 }), 53, 1, 8, 255]);
    expect(r.info).toBe("DHCP Inform   - Transaction ID 0x696ddc66");
    expect(r.f("dhcp.secs")).toBe("3");
    expect(r.f("dhcp.secs_le")).toBe("1");
    expect(r.f("dhcp.flags.bc")).toBe("1");
  });

  it("never throws on truncation or garbage", () => {
    const tiny = run(bootp().slice(0, 10));
    expect(tiny.protocol).toBe("BOOTP");
    expect(tiny.info).toBe("[Malformed Packet]");
    for (let n = 0; n <= DISCOVER.length; n++) expect(threw(run(DISCOVER.slice(0, n)))).toBe(false);
    // Every option code with a one-byte and a zero-byte body.
    for (let code = 1; code < 255; code++) {
      expect(threw(run([...bootp(), 53, 1, 3, code, 1, 0xff, 255]))).toBe(false);
      expect(threw(run([...bootp(), 53, 1, 3, code, 0, 255]))).toBe(false);
    }
  });
});
