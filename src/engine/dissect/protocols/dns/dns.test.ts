/**
 * DNS, mDNS and LLMNR from hand-built messages in Ethernet/IPv4/UDP or TCP
 * frames, dissected through the whole engine. Expected Info texts and field
 * values are what tshark 4.0.17 prints for the same bytes (checked on
 * crafted pcaps); real captures are compared with scripts/tshark-compare.ts.
 */
import { describe, expect, it } from "vitest";
import { LinkType, newPacketRecord } from "../../../capture/types";
import { Dissection } from "../../dissection";
import { NullTree, type TreeNode } from "../../tree";
import { detailsTree, type Result, type RunOptions, threw } from "../testing";
import { ETH_IPV4 as ETH, ethernet, findNode, frame, type Host, icmp, ipv4, tcpCapture, udp, udpFrame } from "../ip-testing";

const CLIENT: Host = { ip: [10, 0, 0, 1], port: 40000 };
const SERVER: Host = { ip: [10, 0, 0, 2], port: 53 };

/** DNS messages over UDP between CLIENT and SERVER (on the ports given) through one engine run; frame n is stamped 1000 + n s. */
function udpCapture(serverPort = SERVER.port, clientPort = CLIENT.port) {
  const run = ethernet();
  const server = { ...SERVER, port: serverPort };
  const client = { ...CLIENT, port: clientPort };
  return {
    query: (msg: number[], o?: RunOptions): Result => run(udpFrame(client, server, msg), o),
    reply: (msg: number[], o?: RunOptions): Result => run(udpFrame(server, client, msg), o),
  };
}
/** One query (client to server port 53) in a capture of its own. */
const query = (msg: number[]): Result => udpCapture().query(msg);
/** One reply (server port 53 to client) in a capture of its own. */
const reply = (msg: number[]): Result => udpCapture().reply(msg);

const u16 = (v: number): number[] => [v >> 8, v & 0xff];
const u32 = (v: number): number[] => [(v >>> 24) & 0xff, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff];
/** "example.com" in wire format (RFC 1035 §3.1). */
const EXAMPLE = [7, ...Array.from("example", (c) => c.charCodeAt(0)), 3, ...Array.from("com", (c) => c.charCodeAt(0)), 0];
/** A one-question query header (ID, RD set) in front of `qname`, then QTYPE A, QCLASS IN. */
const question = (id: number, qname: number[]): number[] => [...u16(id), ...u16(0x0100), ...u16(1), ...u16(0), ...u16(0), ...u16(0), ...qname, ...u16(1), ...u16(1)];

/** A standard query for example.com/A, recursion desired. */
const QUERY = [
  ...u16(0x1a2b), // ID
  ...u16(0x0100), // flags: standard query, RD
  ...u16(1), // QDCOUNT
  ...u16(0), // ANCOUNT
  ...u16(0), // NSCOUNT
  ...u16(0), // ARCOUNT
  ...EXAMPLE, // QNAME
  ...u16(1), // QTYPE A
  ...u16(1), // QCLASS IN
];

/** The response: the question, then A 93.184.216.34 with a compressed owner name (pointer to offset 12). */
const RESPONSE = [
  ...u16(0x1a2b), // ID
  ...u16(0x8180), // flags: response, RD, RA, NOERROR
  ...u16(1), // QDCOUNT
  ...u16(1), // ANCOUNT
  ...u16(0), // NSCOUNT
  ...u16(0), // ARCOUNT
  ...EXAMPLE, // QNAME
  ...u16(1), // QTYPE A
  ...u16(1), // QCLASS IN
  0xc0, 12, // NAME: pointer to the question's name
  ...u16(1), // TYPE A
  ...u16(1), // CLASS IN
  ...u32(3600), // TTL
  ...u16(4), // RDLENGTH
  93, 184, 216, 34, // RDATA: the address
];

describe("DNS over UDP", () => {
  it("decodes a standard query: header fields, question and Info", () => {
    const r = query(QUERY);
    expect(r.protocol).toBe("DNS");
    expect(r.info).toBe("Standard query 0x1a2b A example.com");
    expect(r.layers).toBe("eth:ethertype:ip:udp:dns");
    expect(r.f("dns.id")).toBe("0x1a2b");
    expect(r.f("dns.flags")).toBe("0x0100");
    expect(r.f("dns.flags.response")).toBe("0");
    expect(r.f("dns.flags.recdesired")).toBe("1");
    // A query shows neither AA, RA nor the reply code.
    expect(r.f("dns.flags.authoritative")).toBe("");
    expect(r.f("dns.flags.rcode")).toBe("");
    expect(r.f("dns.count.queries")).toBe("1");
    expect(r.f("dns.qry.name")).toBe("example.com");
    expect(r.f("dns.qry.name.len")).toBe("11");
    expect(r.f("dns.count.labels")).toBe("2");
    expect(r.f("dns.qry.type")).toBe("1");
    expect(r.f("dns.qry.class")).toBe("0x0001");
    // The DNS item spans the whole message, right after the 42 bytes of Ethernet, IPv4 and UDP headers.
    const item = findNode(detailsTree(LinkType.ETHERNET, udpFrame(CLIENT, SERVER, QUERY)), "dns")!;
    expect([item.offset, item.length]).toEqual([42, QUERY.length]);
  });

  it("decodes a response with a compressed name, and matches it to its query", () => {
    const cap = udpCapture();
    const q = cap.query(QUERY); // frame 1, at 1001 s
    expect(q.f("dns.response_in")).toBe(""); // not known on the first pass
    const a = cap.reply(RESPONSE); // frame 2, at 1002 s
    expect(a.info).toBe("Standard query response 0x1a2b A example.com A 93.184.216.34");
    expect(a.f("dns.resp.name")).toBe("example.com");
    expect(a.f("dns.resp.type")).toBe("1");
    expect(a.f("dns.resp.ttl")).toBe("3600");
    expect(a.f("dns.resp.len")).toBe("4");
    expect(a.f("dns.a")).toBe("93.184.216.34");
    expect(a.f("dns.flags.rcode")).toBe("0");
    expect(a.f("dns.response_to")).toBe("1");
    expect(a.f("dns.time")).toBe("1.000000000");
    // Re-dissecting the query later (the details pane) finds its response.
    expect(cap.query(QUERY, { num: 1, visited: true }).f("dns.response_in")).toBe("2");
  });

  it("a response with no query is unsolicited; NXDOMAIN names the error in Info", () => {
    const nx = [...RESPONSE.slice(0, 2), ...u16(0x8183), ...u16(1), ...u16(0), ...u16(0), ...u16(0), ...EXAMPLE, ...u16(1), ...u16(1)];
    const r = reply(nx);
    expect(r.info).toBe("Standard query response 0x1a2b No such name A example.com");
    expect(r.f("dns.unsolicited")).toBe("1");
  });

  it("a repeated query within 5 s is a retransmission", () => {
    const cap = udpCapture();
    cap.query(QUERY, { tsSec: 1000 });
    const r = cap.query(QUERY, { tsSec: 1002 });
    expect(r.f("dns.retransmission")).toBe("1");
    expect(r.f("dns.retransmit_request_in")).toBe("1");
    expect(r.f("dns.retransmit_request")).toBe("1");
  });

  it("decodes OPT, CNAME, MX, TXT, SOA and SRV records", () => {
    const msg = [
      ...u16(7), // ID
      ...u16(0x8180), // flags
      ...u16(0), // QDCOUNT
      ...u16(5), // ANCOUNT
      ...u16(0), // NSCOUNT
      ...u16(1), // ARCOUNT
      // CNAME at offset 12: www.example.com -> example.com (spelt out at offset 30, below)
      3, 0x77, 0x77, 0x77, 0xc0, 30, // NAME: "www" + pointer to offset 30
      ...u16(5), ...u16(1), ...u32(60), ...u16(2), // TYPE CNAME, CLASS IN, TTL, RDLENGTH
      0xc0, 30, // RDATA: pointer to example.com
      // "example.com" itself, as the owner of an MX record, at offset 30
      ...EXAMPLE, // NAME (offset 30)
      ...u16(15), ...u16(1), ...u32(60), ...u16(4), // TYPE MX
      ...u16(10), 0xc0, 30, // preference 10, exchange example.com
      0xc0, 30, ...u16(16), ...u16(1), ...u32(60), ...u16(6), // TXT, 6 bytes
      2, 0x68, 0x69, 2, 0x6f, 0x6b, // "hi", "ok"
      0xc0, 30, ...u16(6), ...u16(1), ...u32(60), ...u16(24), // SOA
      0xc0, 30, 0xc0, 30, // MNAME, RNAME
      ...u32(1), ...u32(7200), ...u32(3600), ...u32(1209600), ...u32(300), // serial, refresh, retry, expire, minimum
      0xc0, 30, ...u16(33), ...u16(1), ...u32(60), ...u16(8), // SRV
      ...u16(1), ...u16(2), ...u16(5060), 0xc0, 30, // priority, weight, port, target
      0, ...u16(41), ...u16(1232), 0, 0, ...u16(0x8000), ...u16(0), // OPT: root, type 41, payload 1232, ext-rcode 0, version 0, DO, RDLEN 0
    ];
    const r = reply(msg);
    expect(r.info).toBe("Standard query response 0x0007 CNAME example.com MX 10 example.com TXT SOA example.com SRV 1 2 5060 example.com OPT");
    expect(r.f("dns.resp.name")).toBe("www.example.com,example.com,example.com,example.com,<Root>");
    expect(r.f("dns.srv.service")).toBe("example");
    expect(r.f("dns.srv.proto")).toBe("com");
    expect(r.f("dns.cname")).toBe("example.com");
    expect(r.f("dns.mx.preference")).toBe("10");
    expect(r.f("dns.mx.mail_exchange")).toBe("example.com");
    expect(r.f("dns.txt")).toBe("hi,ok");
    expect(r.f("dns.txt.length")).toBe("2,2");
    expect(r.f("dns.soa.mname")).toBe("example.com");
    expect(r.f("dns.soa.expire_limit")).toBe("1209600");
    expect(r.f("dns.srv.port")).toBe("5060");
    expect(r.f("dns.srv.target")).toBe("example.com");
    expect(r.f("dns.rr.udp_payload_size")).toBe("1232");
    expect(r.f("dns.resp.z.do")).toBe("1");
    expect(r.f("dns.resp.ttl")).toBe("60,60,60,60,60"); // OPT has no TTL field
    expect(r.malformed).toBe("");
  });

  it("stops a compression-pointer loop and keeps going", () => {
    const r = query(question(1, [0xc0, 12])); // QNAME: a pointer to itself
    expect(r.info).toBe("Standard query 0x0001 A <Name contains a pointer that loops>");
    expect(r.f("dns.qry.name")).toBe("<Name contains a pointer that loops>");
    expect(r.malformed).toBe("");
    // Two pointers chasing each other end the same way.
    expect(query(question(2, [0xc0, 14, 0xc0, 12])).f("dns.qry.name")).toBe("<Name contains a pointer that loops>");
  });

  it("marks truncated messages malformed without throwing, keeping what was read", () => {
    expect(threw(query([0x12]))).toBe(false);
    const short = query([0x12, 0x34, 0x01]);
    expect(short.info).toBe("[Malformed Packet]");
    expect(short.malformed).toMatch(/^DNS:/);
    expect(short.protocol).toBe("DNS");
    // The answer's RDLENGTH runs past the end: Info has the type, the record has nothing.
    const cut = RESPONSE.slice(0, RESPONSE.length - 2);
    const r = reply(cut);
    expect(r.info).toBe("Standard query response 0x1a2b A example.com A[Malformed Packet]");
    expect(r.f("dns.resp.name")).toBe("");
    expect(r.f("dns.qry.name")).toBe("example.com");
    // A PTR whose RDLENGTH runs past the end (the shared malformed-fuzz capture's frame 409):
    // with a tree Wireshark stops at the record's item; without one (tshark -r) no item is
    // made, the name in the RDATA is read, and the packet is not malformed.
    const ptr = [...RESPONSE.slice(0, 31), ...u16(12), ...u16(1), ...u32(60), ...u16(0x7300), ...EXAMPLE];
    expect(reply(ptr).info).toBe("Standard query response 0x1a2b A example.com PTR[Malformed Packet]");
    const noTree = udpCapture().reply(ptr, { noTree: true });
    expect(noTree.info).toBe("Standard query response 0x1a2b A example.com PTR example.com");
    expect(noTree.malformed).toBe("");
    // A tree that stands for none (the tap tree of tshark -q -z expert alone, which builds
    // no proto tree): the same, so -z expert counts no malformed DNS there.
    const d = new Dissection();
    const frameBytes = udpFrame(SERVER, CLIENT, ptr);
    const rec = newPacketRecord();
    rec.number = 1;
    rec.capLen = rec.origLen = frameBytes.length;
    rec.linkType = LinkType.ETHERNET;
    expect(d.dissect(rec, frameBytes, new (class extends NullTree {})()).malformed).toBe("");
    // Every prefix of a message is handled.
    for (let n = 0; n <= RESPONSE.length; n++) expect(threw(query(RESPONSE.slice(0, n)))).toBe(false);
  });

  it("label and pointer oddities match Wireshark's expand_dns_name", () => {
    expect(query(question(1, [0])).f("dns.qry.name")).toBe("<Root>");
    expect(query(question(1, [3, 0x61, 0x5c, 0x62, 0])).f("dns.qry.name")).toBe("a\\b");
    // 0x80 label type is invalid: the name cannot be read, the message is malformed.
    const invalid = query(question(1, [0x80, 1]));
    expect(invalid.malformed).toMatch(/^DNS:/);
    expect(threw(invalid)).toBe(false);
    expect(invalid.f("dns.qry.name")).toBe("");
    // "a", then an unknown extended label
    expect(query(question(1, [1, 0x61, 0x42, 0])).f("dns.qry.name")).toBe("<Unknown extended label>");
    const long = [...Array.from({ length: 5 }, () => [63, ...new Array<number>(63).fill(0x61)]).flat(), 0];
    expect(query(question(1, long)).f("dns.qry.name")).toBe("<Name too long>");
  });

  it("the heuristic takes DNS on other ports but leaves NBNS's port alone", () => {
    expect(udpCapture(5300).query(QUERY).protocol).toBe("DNS");
    const nbns = udpCapture(137, 137).query(QUERY);
    // Port 137 is NBNS's (Wireshark tries port dissectors before heuristics): no DNS fields.
    expect([nbns.protocol, nbns.layers, nbns.f("dns.id")]).toEqual(["NBNS", "eth:ethertype:ip:udp:nbns", ""]);
  });

  it("inside an ICMP error it adds fields but leaves the columns", () => {
    // The server's reply, cut to 40 bytes of DNS, quoted in the client's Port Unreachable.
    const quoted = ipv4(udp(SERVER.port, CLIENT.port, RESPONSE.slice(0, 40)), { proto: 17, src: SERVER.ip, dst: CLIENT.ip });
    const r = ethernet()(frame(ETH, ipv4(icmp(3, 3, [0, 0, 0, 0], quoted), { src: CLIENT.ip, dst: SERVER.ip })));
    expect(r.layers).toBe("eth:ethertype:ip:icmp:ip:udp:dns");
    expect(r.protocol).toBe("ICMP");
    expect(r.info).toBe("Destination unreachable (Port unreachable)");
    expect(r.f("dns.id")).toBe("0x1a2b");
    expect(r.malformed).toBe("");
  });

  it("builds a details tree with Wireshark's labels", () => {
    const { tree } = udpCapture().reply(RESPONSE, { tree: true });
    const lines: string[] = [];
    const walk = (ns: TreeNode[], depth: number): void => {
      for (const n of ns) {
        if (n.label) lines.push(" ".repeat(depth * 4) + n.label);
        if (n.children) walk(n.children, depth + 1);
      }
    };
    walk(tree, 0);
    expect(lines).toContain("Domain Name System (response)");
    expect(lines).toContain("    Flags: 0x8180 Standard query response, No error");
    expect(lines).toContain("        1... .... .... .... = Response: Message is a response");
    expect(lines).toContain("        example.com: type A, class IN, addr 93.184.216.34");
    expect(lines).toContain("            Time to live: 3600 (1 hour)");
  });
});

describe("DNS over TCP", () => {
  const framed = (m: number[]): number[] => [...u16(m.length), ...m];
  /** DNS over TCP from CLIENT to SERVER (port 53) in a capture of its own. */
  const connection = () => {
    const cap = tcpCapture();
    return (bytes: number[], o?: { snap?: number }): Result => cap.send(CLIENT, SERVER, bytes, o);
  };

  it("reads the length prefix (RFC 1035 §4.2.2) and the message after it", () => {
    const r = connection()(framed(QUERY));
    expect(r.layers).toBe("eth:ethertype:ip:tcp:dns");
    expect(r.f("dns.length")).toBe(String(QUERY.length));
    // Nothing left waiting for more bytes.
    expect(r.info).toBe("Standard query 0x1a2b A example.com");
  });

  it("asks TCP for the rest of a message split across segments", () => {
    const whole = framed(QUERY);
    /** Sends `first`, then `rest` on one connection; returns both frames. */
    const split = (first: number[], rest: number[]): [Result, Result] => {
      const send = connection();
      return [send(first), send(rest)];
    };
    /** A segment DNS kept for later: no DNS fields, Info says so. */
    const held = (r: Result) => [r.protocol, r.info.endsWith("[TCP segment of a reassembled PDU]"), r.f("dns.id")];
    /** The frame where the message was reassembled: from frames 1 and 2, the whole framed message. */
    const reassembled = (r: Result) => [r.info, r.f("dns.id"), r.f("tcp.segment"), r.f("tcp.reassembled.length")];
    const done = ["Standard query 0x1a2b A example.com", "0x1a2b", "1,2", String(whole.length)];
    // Only one byte of the length: "one more segment".
    let [a, b] = split(whole.slice(0, 1), whole.slice(1));
    expect(held(a)).toEqual(["TCP", true, ""]);
    expect(reassembled(b)).toEqual(done);
    // The length and part of the message: the missing bytes complete it.
    [a, b] = split(whole.slice(0, 10), whole.slice(10));
    expect(held(a)).toEqual(["TCP", true, ""]);
    expect(reassembled(b)).toEqual(done);
    // A whole message then a partial one: the second starts after the first.
    [a, b] = split([...whole, ...whole.slice(0, 5)], whole.slice(5));
    expect([a.protocol, a.info, a.f("dns.id")]).toEqual(["DNS", "Standard query 0x1a2b A example.com", "0x1a2b"]);
    expect(reassembled(b)).toEqual(done);
  });

  it("dissects every message of a segment; Info shows the last one", () => {
    const second = [...QUERY];
    second[1] = 0x2c;
    const r = connection()([...framed(QUERY), ...framed(second)]);
    expect(r.f("dns.id")).toBe("0x1a2b,0x1a2c");
    expect(r.info).toBe("Standard query 0x1a2c A example.com");
  });

  it("without reassembly a cut message is malformed, not thrown", () => {
    // The frame was cut 20 bytes into the payload by the snap length: TCP hands on what there is.
    const r = connection()(framed(QUERY), { snap: 20 });
    expect(r.malformed).toMatch(/^DNS:/);
    expect(threw(r)).toBe(false);
  });
});

describe("mDNS and LLMNR", () => {
  it("mDNS splits the QU bit and the cache-flush bit from the class", () => {
    const q = [...u16(0), ...u16(0), ...u16(1), ...u16(0), ...u16(0), ...u16(0), ...EXAMPLE, ...u16(1), ...u16(0x8001)];
    const cap = udpCapture(5353, 5353);
    const r = cap.query(q);
    expect(r.protocol).toBe("MDNS");
    expect(r.layers).toBe("eth:ethertype:ip:udp:mdns");
    expect(r.info).toBe('Standard query 0x0000 A example.com, "QU" question');
    expect(r.f("dns.qry.class")).toBe("0x0001");
    expect(r.f("dns.qry.qu")).toBe("1");
    const a = [...u16(0), ...u16(0x8400), ...u16(0), ...u16(1), ...u16(0), ...u16(0), ...EXAMPLE, ...u16(1), ...u16(0x8001), ...u32(120), ...u16(4), 10, 0, 0, 9];
    const ra = cap.reply(a);
    expect(ra.info).toBe("Standard query response 0x0000 A, cache flush 10.0.0.9");
    expect(ra.f("dns.resp.cache_flush")).toBe("1");
  });

  it("LLMNR shows the conflict/tentative flags", () => {
    const r = udpCapture(5355, 5355).query(question(5, EXAMPLE));
    expect(r.protocol).toBe("LLMNR");
    expect(r.f("dns.flags.tentative")).toBe("1");
    expect(r.f("dns.flags.recdesired")).toBe("");
  });
});
