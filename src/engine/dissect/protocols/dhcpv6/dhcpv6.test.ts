/**
 * DHCPv6 (RFC 8415, with RFC 3646 DNS options and the RFC 4704 client FQDN)
 * from hand-built Ethernet/IPv6/UDP frames, dissected through the whole
 * engine. Expected columns and field values are what tshark 4.0.17 prints
 * for the same bytes (checked on crafted pcaps); the shared captures are
 * compared with scripts/tshark-compare.ts.
 */
import { describe, expect, it } from "vitest";
import { ETH_IPV6, ethernet, findNode, frame, ipv6, V6 } from "../ip-testing";
import { fitLabel } from "./context";

/** ff02::1:2, All_DHCP_Relay_Agents_and_Servers (RFC 8415 §7.1). */
const ALL_DHCP = [0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 2];
const CLIENT_PORT = 546;
const SERVER_PORT = 547;

const u16 = (v: number): number[] => [v >> 8, v & 0xff];
const u32 = (v: number): number[] => [(v >>> 24) & 0xff, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff];
const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

/** An option (RFC 8415 §21.1): code, length, data. */
const opt = (code: number, data: number[] = []): number[] => [...u16(code), ...u16(data.length), ...data];

/** A client/server message header (RFC 8415 §8): type and transaction ID. */
const header = (type: number, xid = 0x123456): number[] => [type, (xid >> 16) & 0xff, (xid >> 8) & 0xff, xid & 0xff];

/** A DHCPv6 payload in UDP (checksum present, not verified) in IPv6 in Ethernet. */
function packet(payload: number[], o: { sport?: number; dport?: number } = {}): Uint8Array {
  const udp = [
    ...u16(o.sport ?? CLIENT_PORT), // source port
    ...u16(o.dport ?? SERVER_PORT), // destination port
    ...u16(8 + payload.length), // length
    0x12, 0x34, // checksum
    ...payload,
  ];
  return frame(ETH_IPV6, ipv6(udp, { nxt: 17, src: V6.LL, dst: ALL_DHCP, hlim: 1 }));
}
const fromServer = { sport: SERVER_PORT, dport: CLIENT_PORT };

/** A DUID-LLT (RFC 8415 §11.2) of Ethernet 00:0c:29:5e:77:44, made 2015-11-30 20:10:37 UTC. */
const DUID_LLT = [
  0x00, 0x01, // DUID type 1: link-layer address plus time
  0x00, 0x01, // hardware type 1: Ethernet
  0x1d, 0xef, 0x69, 0xbd, // time: seconds since 2000-01-01
  0x00, 0x0c, 0x29, 0x5e, 0x77, 0x44, // link-layer address
];
const CLIENT_ID = opt(1, DUID_LLT);
/** 2001:db8::1 and 2001:db8::2 */
const A = V6.A;
const B = V6.B;

describe("DHCPv6 client/server messages", () => {
  it("dissects a Solicit (from dhcpv6-solicit-advertise-request-reply-ia-na.pcapng)", () => {
    const r = ethernet()(
      packet([
        ...header(1, 0x9de03f), // Solicit, transaction ID 0x9de03f
        ...CLIENT_ID, // Client Identifier (§21.2)
        ...opt(6, [0, 23, 0, 24, 0, 39, 0, 31]), // Option Request (§21.7): DNS servers, domain list, FQDN, SNTP
        ...opt(8, [0, 0]), // Elapsed Time (§21.9): 0
        ...opt(3, [0x29, 0x5e, 0x77, 0x44, ...u32(3600), ...u32(5400)]), // IA_NA (§21.4): IAID, T1, T2
      ]),
    );
    expect(r.layers).toBe("eth:ethertype:ipv6:udp:dhcpv6");
    expect(r.protocol).toBe("DHCPv6");
    // Every piece of the Info column ends in a space, as tshark's does.
    expect(r.info).toBe("Solicit XID: 0x9de03f CID: 000100011def69bd000c295e7744 ");
    expect(r.malformed).toBe("");
    expect(r.f("dhcpv6")).toBe("dhcpv6");
    expect(r.f("dhcpv6.msgtype")).toBe("1");
    expect(r.f("dhcpv6.xid")).toBe("0x9de03f");
    expect(r.f("dhcpv6.option.type")).toBe("1,6,8,3");
    expect(r.f("dhcpv6.option.length")).toBe("14,8,2,12");
    expect(r.f("dhcpv6.option.type_str")).toBe(
      "Client Identifier,Option Request,Elapsed time,Identity Association for Non-temporary Address",
    );
    expect(r.f("dhcpv6.duid.bytes")).toBe("000100011def69bd000c295e7744");
    expect(r.f("dhcpv6.duid.type")).toBe("1");
    expect(r.f("dhcpv6.duidllt.hwtype")).toBe("1");
    expect(r.f("dhcpv6.duidllt.time")).toBe("Nov 30, 2015 20:10:37.000000000 UTC");
    expect(r.f("dhcpv6.duidllt.link_layer_addr")).toBe("00:0c:29:5e:77:44");
    expect(r.f("dhcpv6.requested_option_code")).toBe("23,24,39,31");
    expect(r.f("dhcpv6.elapsed_time")).toBe("0");
    expect(r.f("dhcpv6.iaid")).toBe("295e7744");
    expect(r.f("dhcpv6.iaid.t1")).toBe("3600");
    expect(r.f("dhcpv6.iaid.t2")).toBe("5400");
  });

  it("shows an Advertise's address (Info IAA) and DNS servers (RFC 3646 §3)", () => {
    const iaAddr = opt(5, [
      ...[0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 2, 0, 0, 0, 0, 0, 0, 0x10, 0x02], // address 2001:db8:1:2::1002
      ...u32(3600), // preferred lifetime
      ...u32(3600), // valid lifetime
    ]);
    const r = ethernet()(
      packet(
        [
          ...header(2, 0x9de03f), // Advertise
          ...CLIENT_ID,
          ...opt(2, [0, 3, 0, 1, 0x00, 0x0c, 0x29, 0x1f, 0xa7, 0x55]), // Server Identifier: DUID-LL, Ethernet
          ...opt(3, [0x29, 0x5e, 0x77, 0x44, ...u32(1800), ...u32(2880), ...iaAddr]), // IA_NA holding the IA Address
          ...opt(23, [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x35]), // DNS server 2001:db8::35
          ...opt(24, [7, ...ascii("example"), 3, ...ascii("com"), 0, 3, ...ascii("foo"), 0]), // search list (§4)
        ],
        fromServer,
      ),
    );
    expect(r.info).toBe("Advertise XID: 0x9de03f CID: 000100011def69bd000c295e7744 IAA: 2001:db8:1:2::1002 ");
    expect(r.f("dhcpv6.duid.type")).toBe("1,3");
    expect(r.f("dhcpv6.duidll.hwtype")).toBe("1");
    expect(r.f("dhcpv6.duidll.link_layer_addr")).toBe("00:0c:29:1f:a7:55");
    expect(r.f("dhcpv6.iaaddr.ip")).toBe("2001:db8:1:2::1002");
    expect(r.f("dhcpv6.iaaddr.pref_lifetime")).toBe("3600");
    expect(r.f("dhcpv6.iaaddr.valid_lifetime")).toBe("3600");
    expect(r.f("dhcpv6.dns_server")).toBe("2001:db8::35");
    expect(r.f("dhcpv6.search_list_entry")).toBe("example.com.");
    // A single label before the root is a top-level domain: shown apart, with a warning.
    expect(r.f("dhcpv6.tld")).toBe("foo.");
    expect(r.f("dhcpv6.expert.tld_lookup")).toBe("1");
  });

  it("names every client/server message type in the Info column", () => {
    const names = [
      "Solicit", "Advertise", "Request", "Confirm", "Renew", "Rebind", "Reply", "Release", "Decline", "Reconfigure",
      "Information-request", "", "", "Leasequery", "Leasequery-reply", "Leasequery-done", "Leasequery-data",
      "Reconfigure-request", "Reconfigure-reply",
    ];
    const run = ethernet();
    names.forEach((name, i) => {
      if (!name) return; // 12 and 13 are relay messages (below)
      const r = run(packet([...header(i + 1), ...opt(8, [0, 5])])); // Elapsed Time: 50 ms
      expect(r.info).toBe(`${name} XID: 0x123456 `);
      expect(r.f("dhcpv6.msgtype")).toBe(String(i + 1));
      expect(r.f("dhcpv6.elapsed_time")).toBe("50");
    });
    const unknown = run(packet([...header(99), ...CLIENT_ID]));
    expect(unknown.info).toBe("Message Type 99 XID: 0x123456 CID: 000100011def69bd000c295e7744 ");
  });

  it("decodes IA_TA, IA_PD and IA Prefix, with infinite lifetimes (RFC 8415 §7.7)", () => {
    const r = ethernet()(
      packet(
        [
          ...header(7), // Reply
          ...opt(4, [0, 0, 0, 7, ...opt(5, [...A, ...u32(0xffffffff), ...u32(0xffffffff)])]), // IA_TA: IAID 7, IA Address
          ...opt(25, [0, 0, 0, 1, ...u32(0xffffffff), ...u32(0xffffffff), ...opt(26, [
            ...u32(0xffffffff), // preferred lifetime: infinity
            ...u32(3600), // valid lifetime
            56, // prefix length
            0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // prefix 2001:db8:1::
          ])]), // IA_PD: IAID 1, T1/T2 infinite, IA Prefix
          ...opt(13, [0, 2, ...ascii("NoAddrs")]), // Status Code (§21.13): NoAddrAvail
          ...opt(7, [255]), // Preference (§21.8)
        ],
        fromServer,
      ),
    );
    expect(r.info).toBe("Reply XID: 0x123456 IAA: 2001:db8::1 ");
    expect(r.f("dhcpv6.iata")).toBe("00000007");
    expect(r.f("dhcpv6.iaaddr.pref_lifetime")).toBe("4294967295");
    expect(r.f("dhcpv6.iaid.t1")).toBe("4294967295");
    expect(r.f("dhcpv6.iaprefix.pref_lifetime")).toBe("4294967295");
    expect(r.f("dhcpv6.iaprefix.valid_lifetime")).toBe("3600");
    expect(r.f("dhcpv6.iaprefix.pref_len")).toBe("56");
    expect(r.f("dhcpv6.iaprefix.pref_addr")).toBe("2001:db8:1::");
    expect(r.f("dhcpv6.status_code")).toBe("2");
    expect(r.f("dhcpv6.status_msg")).toBe("NoAddrs");
    expect(r.f("dhcpv6.option_preference")).toBe("255");
  });

  it("reads the vendor class (RFC 8415 §21.16) as one string after the first length", () => {
    const r = ethernet()(
      packet([
        ...header(1),
        ...opt(16, [...u32(311), ...u16(8), ...ascii("MSFT 5.0")]), // enterprise 311, one vendor-class-data item
        ...opt(17, [...u32(9), ...opt(1, ascii("hi"))]), // Vendor-specific Information: enterprise 9, option 1
      ]),
    );
    expect(r.f("dhcpv6.vendorclass.enterprise")).toBe("311");
    expect(r.f("dhcpv6.vendorclass.data")).toBe("MSFT 5.0");
    expect(r.f("dhcpv6.vendoropts.enterprise")).toBe("9");
    expect(r.f("dhcpv6.vendoropts.enterprise.option_code")).toBe("1");
    expect(r.f("dhcpv6.vendoropts.enterprise.option_data")).toBe("6869");
  });
});

describe("DHCPv6 relay messages (RFC 8415 §9)", () => {
  it("dissects the relayed message inside the Relay Message option", () => {
    const inner = [...header(7), ...CLIENT_ID]; // Reply to the client
    const r = ethernet()(
      packet(
        [
          13, // Relay-reply
          40, // hop count (above HOP_COUNT_LIMIT)
          ...A, // link address
          ...B, // peer address
          ...opt(9, [13, 5, ...A, ...B, ...opt(9, inner)]), // Relay Message: another Relay-reply, hop count 5
        ],
        { sport: SERVER_PORT, dport: SERVER_PORT },
      ),
    );
    expect(r.info).toBe("Relay-reply L: 2001:db8::1 Relay-reply L: 2001:db8::1 Reply XID: 0x123456 CID: 000100011def69bd000c295e7744 ");
    expect(r.f("dhcpv6")).toBe("dhcpv6,dhcpv6,dhcpv6");
    expect(r.f("dhcpv6.msgtype")).toBe("13,13,7");
    expect(r.f("dhcpv6.hopcount")).toBe("40,5");
    expect(r.f("dhcpv6.linkaddr")).toBe("2001:db8::1,2001:db8::1");
    expect(r.f("dhcpv6.peeraddr")).toBe("2001:db8::2,2001:db8::2");
    // Above the limit; not one less than the enclosing relay's; not 0 at the innermost relay.
    expect(r.f("dhcpv6.error_hopcount")).toBe("1,1,1");
    expect(r.layers).toBe("eth:ethertype:ipv6:udp:dhcpv6");
  });

  it("notes an empty Relay Message option", () => {
    const r = ethernet()(packet([12, 0, ...A, ...B, ...opt(9)], { sport: SERVER_PORT, dport: SERVER_PORT }));
    expect(r.info).toBe("Relay-forw L: 2001:db8::1 ");
    expect(r.f("dhcpv6.malformed_option")).toBe("1");
    expect(r.malformed).toBe("");
  });
});

describe("DHCPv6 client FQDN (RFC 4704)", () => {
  it("reads a client's flags and names, including partial names", () => {
    const r = ethernet()(
      packet([
        ...header(1), // Solicit: the client's view of the flags
        ...opt(39, [0x01, 3, ...ascii("abc"), 2, ...ascii("de"), 0]), // S set; FQDN abc.de.
        ...opt(39, [0x00, 3, ...ascii("abc"), 2, ...ascii("de")]), // no root: a multi-part partial name
      ]),
    );
    expect(r.info).toBe("Solicit XID: 0x123456 ");
    expect(r.f("dhcpv6.client_fqdn_flags")).toBe("0x01,0x00");
    expect(r.f("dhcpv6.clientfqdn.client.s")).toBe("1,0");
    expect(r.f("dhcpv6.clientfqdn.client.n")).toBe("0,0");
    // tshark builds a partial name's text oddly ("abc" then "ab"); so do we.
    expect(r.f("dhcpv6.client_domain")).toBe("abc.de.,abcab");
  });

  it("reads a server's flags, and flags a root-only name in the Info column", () => {
    const r = ethernet()(packet([...header(2, 0x010203), ...opt(39, [0x03, 0])], fromServer)); // O and S set; root only
    expect(r.info).toBe("Advertise XID: 0x010203  [ROOT-ONLY DOMAIN NAME]");
    expect(r.f("dhcpv6.clientfqdn.server.n")).toBe("0");
    expect(r.f("dhcpv6.clientfqdn.server.o")).toBe("1");
    expect(r.f("dhcpv6.clientfqdn.server.s")).toBe("1");
    expect(r.f("dhcpv6.root_only_domain_name")).toBe("['.' (0)]");
  });

  it("objects to the option in a message type that may not carry it (RFC 4704 §5, §6)", () => {
    const r = ethernet()(packet([...header(11), ...opt(39, [0, 3, ...ascii("abc")])])); // Information-request
    expect(r.f("dhcpv6.clientfqdn.bad_msgtype")).toBe("0x0b");
    expect(r.f("dhcpv6.bad_msgtype")).toBe("1");
    expect(r.f("dhcpv6.client_domain")).toBe("");
  });

  it("labels the flags as tshark does", () => {
    const r = ethernet()(packet([...header(2), ...opt(39, [0x03, 0]), ...opt(23, [...A, ...B])], fromServer), { tree: true });
    expect(findNode(r.tree, "dhcpv6")?.label ?? "DHCPv6").toBe("DHCPv6");
    expect(findNode(r.tree, "dhcpv6.client_fqdn_flags")?.label).toBe(
      "Flags: 0x03  [SERVER SHALL update both AAAA and PTR RRs]\n[Server has overridden the client's S bit]",
    );
    expect(findNode(r.tree, "dhcpv6.clientfqdn.server.o")?.label).toBe(".... ..1. = O bit: Server HAS overridden client's S bit preference");
    // DNS servers are numbered in the tree.
    expect(findNode(r.tree, "dhcpv6.dns_server")?.label).toBe(" 1 DNS server address: 2001:db8::1");
  });
});

describe("DHCPv6 damaged and unknown options", () => {
  it("shows an unknown option by its code and goes on", () => {
    const r = ethernet()(packet([...header(1), ...opt(200, ascii("abc")), ...CLIENT_ID]));
    expect(r.f("dhcpv6.option.type_str")).toBe("DHCP option 200,Client Identifier");
    expect(r.f("dhcpv6.option.type")).toBe("200,1");
    expect(r.f("dhcpv6.option.length")).toBe("3,14");
    expect(r.info).toBe("Solicit XID: 0x123456 CID: 000100011def69bd000c295e7744 ");
    expect(r.malformed).toBe("");
  });

  it("stops quietly at an option longer than the message, as tshark does", () => {
    const r = ethernet()(
      packet([
        ...header(1),
        ...CLIENT_ID,
        ...u16(23), // DNS recursive name servers ...
        ...u16(20), // ... said to hold 20 bytes ...
        0x20, 0x01, 0x0d, 0xb8, // ... of which only 4 follow
      ]),
    );
    expect(r.info).toBe("Solicit XID: 0x123456 CID: 000100011def69bd000c295e7744 ");
    expect(r.f("dhcpv6.option.type")).toBe("1");
    expect(r.malformed).toBe("");
  });

  it("marks the packet malformed when an option's fields run past the data", () => {
    const run = ethernet();
    const oddOro = run(packet([...header(1), ...opt(6, [0, 23, 0])])); // Option Request: one code and a half
    expect(oddOro.info).toBe("Solicit XID: 0x123456 [Malformed Packet]");
    expect(oddOro.f("dhcpv6.requested_option_code")).toBe("23");
    expect(oddOro.malformed).toContain("DHCPv6");
    const emptyStatus = run(packet([...header(1), ...opt(13)])); // Status Code with no code
    expect(emptyStatus.info).toBe("Solicit XID: 0x123456 [Malformed Packet]");
    expect(emptyStatus.f("dhcpv6.option.type_str")).toBe("Status code");
    const shortHeader = run(packet([1, 0x12])); // half a transaction ID
    expect(shortHeader.info).toBe("Solicit [Malformed Packet]");
    expect(shortHeader.f("dhcpv6.msgtype")).toBe("1");
    expect(shortHeader.f("dhcpv6.xid")).toBe("");
  });

  it("says the capture was cut short when the snap length truncated an option", () => {
    const whole = packet([...header(1), ...CLIENT_ID, ...opt(23, [...A])]);
    const r = ethernet()(whole.subarray(0, whole.length - 10), { origLen: whole.length });
    expect(r.info).toBe("Solicit XID: 0x123456 CID: 000100011def69bd000c295e7744 [Packet size limited during capture]");
    expect(r.f("dhcpv6.option.type")).toBe("1");
  });

  it("notes options of the wrong size without marking the packet malformed", () => {
    const r = ethernet()(
      packet(
        [
          ...header(7),
          ...opt(7), // Preference with no value
          ...opt(8, [1]), // Elapsed Time of one byte
          ...opt(1, [0]), // a DUID of one byte
          ...opt(23, [1, 2]), // DNS servers not a multiple of 16 bytes
        ],
        fromServer,
      ),
    );
    expect(r.f("dhcpv6.malformed_option")).toBe("1,1,1,1");
    expect(r.info).toBe("Reply XID: 0x123456 CID: 00 ");
    expect(r.malformed).toBe("");
  });

  it("reports a damaged domain name field in the Info column", () => {
    const r = ethernet()(
      packet(
        [
          ...header(7),
          ...opt(24, [5, ...ascii("ab")]), // a label longer than the field
          ...opt(24, [3, ...ascii("abc"), 0, 2, ...ascii("de")]), // a partial name after a (top-level) name
        ],
        fromServer,
      ),
    );
    expect(r.info).toBe("Reply XID: 0x123456  [DOMAIN FIELD LEN EXCEEDED] [PROTOCOL VIOLATION]");
    expect(r.f("dhcpv6.domain_field_len_exceeded")).toBe("5");
    expect(r.f("dhcpv6.tld")).toBe("abc.");
    expect(r.f("dhcpv6.partial_name_preceded_by_fqdn")).toBe("de");
  });

  it("gives up where tshark's tree depth limit does, without throwing", () => {
    let ia: number[] = [];
    for (let i = 0; i < 600; i++) ia = opt(4, [0, 0, 0, 1, ...ia]); // IA_TA inside IA_TA ...
    const r = ethernet()(packet([...header(1), ...ia]));
    expect(r.malformed).toContain("DHCPv6");
    expect(r.info).toBe(
      'Solicit XID: 0x123456 [Dissector bug, protocol DHCPv6: Maximum tree depth 500 exceeded for "Option" - ' +
        '"dhcpv6.option.type" (proto_tree_add_node:5972) (Maximum depth can be increased in advanced preferences)]',
    );
    // The 498th option's item is in; its first field is not.
    expect(r.f("dhcpv6.option.type_str").split(",").length).toBe(498);
    expect(r.f("dhcpv6.option.type").split(",").length).toBe(497);
  });
});

describe("fitLabel", () => {
  it("marks and cuts a label past 239 bytes as tshark does", () => {
    expect(fitLabel("x".repeat(239))).toBe("x".repeat(239));
    expect(fitLabel("x".repeat(300))).toBe(` [truncated]${"x".repeat(226)}`);
    expect(fitLabel(`Name: ${"y".repeat(300)}`, 4)).toBe(`Name [truncated]: ${"y".repeat(220)}`);
  });
});
