/**
 * DNS, mDNS and LLMNR from hand-built messages, fed straight to the
 * dissector with a prepared PacketInfo (as UDP or TCP would call it), plus a
 * few through the whole engine. Expected Info texts and field values are
 * what tshark 4.0.17 prints for the same bytes (checked on crafted pcaps);
 * real captures are compared with scripts/tshark-compare.ts.
 */
import { describe, expect, it } from "vitest";
import { allFields, fieldByAbbrev } from "../field";
import { formatFieldValue } from "../format";
import { PacketInfo, PortType } from "../packet-info";
import { CaptureState } from "../state";
import { FieldCollector, TreeBuilder, type TreeNode } from "../tree";
import { wsFields } from "../common";
import { dns, dnsHeuristic, getDnsName, llmnr, mdns } from "./dns";

interface Run {
  pinfo: PacketInfo;
  f(abbrev: string): string;
  consumed: number;
}

/** One message through `d` with a fresh (or the given) capture state. */
function run(bytes: number[] | Uint8Array, opts: { d?: typeof dns; state?: CaptureState; num?: number; tcp?: boolean; tsSec?: number; sport?: number; dport?: number; canDesegment?: boolean; tree?: FieldCollector | TreeBuilder; inError?: boolean } = {}): Run {
  const data = bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes);
  const tree = opts.tree ?? new FieldCollector(allFields());
  const p = new PacketInfo(tree, opts.state ?? new CaptureState());
  p.reset();
  p.num = opts.num ?? 1;
  p.tsSec = opts.tsSec ?? 1000;
  p.capLen = p.len = data.length + 42;
  // The server (10.0.0.2) answers from port 53.
  const reply = opts.sport === 53 || opts.sport === 5353 || opts.sport === 5355;
  p.netSrc = reply ? "10.0.0.2" : "10.0.0.1";
  p.netDst = reply ? "10.0.0.1" : "10.0.0.2";
  p.portType = opts.tcp ? PortType.TCP : PortType.UDP;
  p.srcPort = opts.sport ?? 40000;
  p.dstPort = opts.dport ?? 53;
  p.canDesegment = opts.canDesegment ?? false;
  p.inErrorPacket = opts.inError ?? false;
  const consumed = (opts.d ?? dns).dissect(data, 0, data.length, p);
  const f = (abbrev: string): string => {
    if (!(tree instanceof FieldCollector)) return "";
    const def = fieldByAbbrev(abbrev);
    if (!def) throw new Error(`no field ${abbrev}`);
    return tree.values(def).map((v) => formatFieldValue(def, v)).join(",");
  };
  return { pinfo: p, f, consumed };
}

const u16 = (v: number): number[] => [v >> 8, v & 0xff];
const u32 = (v: number): number[] => [(v >>> 24) & 0xff, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff];
/** "example.com" in wire format (RFC 1035 §3.1). */
const EXAMPLE = [7, ...Array.from("example", (c) => c.charCodeAt(0)), 3, ...Array.from("com", (c) => c.charCodeAt(0)), 0];

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
    const r = run(QUERY);
    expect(r.pinfo.protocol).toBe("DNS");
    expect(r.pinfo.info).toBe("Standard query 0x1a2b A example.com");
    expect(r.pinfo.layers).toEqual(["dns"]);
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
    expect(r.consumed).toBe(QUERY.length);
  });

  it("decodes a response with a compressed name, and matches it to its query", () => {
    const state = new CaptureState();
    const q = run(QUERY, { state, num: 1, tsSec: 1000 });
    const a = run(RESPONSE, { state, num: 2, tsSec: 1001, sport: 53, dport: 40000 });
    expect(q.f("dns.response_in")).toBe(""); // not known on the first pass
    expect(a.pinfo.info).toBe("Standard query response 0x1a2b A example.com A 93.184.216.34");
    expect(a.f("dns.resp.name")).toBe("example.com");
    expect(a.f("dns.resp.type")).toBe("1");
    expect(a.f("dns.resp.ttl")).toBe("3600");
    expect(a.f("dns.resp.len")).toBe("4");
    expect(a.f("dns.a")).toBe("93.184.216.34");
    expect(a.f("dns.flags.rcode")).toBe("0");
    expect(a.f("dns.response_to")).toBe("1");
    expect(a.f("dns.time")).toBe("1.000000000");
    // Re-dissecting the query later (the details pane) finds its response.
    const p = new PacketInfo(new FieldCollector(allFields()), state);
    p.reset();
    p.num = 1;
    p.tsSec = 1000;
    p.visited = true;
    p.netSrc = "10.0.0.1";
    p.netDst = "10.0.0.2";
    p.portType = PortType.UDP;
    p.srcPort = 40000;
    p.dstPort = 53;
    p.capLen = p.len = 100;
    const data = Uint8Array.from(QUERY);
    dns.dissect(data, 0, data.length, p);
    const col = p.tree as FieldCollector;
    expect(col.values(fieldByAbbrev("dns.response_in")!)).toEqual([2]);
  });

  it("a response with no query is unsolicited; NXDOMAIN names the error in Info", () => {
    const nx = [...RESPONSE.slice(0, 2), ...u16(0x8183), ...u16(1), ...u16(0), ...u16(0), ...u16(0), ...EXAMPLE, ...u16(1), ...u16(1)];
    const r = run(nx, { sport: 53, dport: 40000 });
    expect(r.pinfo.info).toBe("Standard query response 0x1a2b No such name A example.com");
    expect(r.f("dns.unsolicited")).toBe("1");
  });

  it("a repeated query within 5 s is a retransmission", () => {
    const state = new CaptureState();
    run(QUERY, { state, num: 1, tsSec: 1000 });
    const r = run(QUERY, { state, num: 2, tsSec: 1002 });
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
    const r = run(msg, { sport: 53, dport: 40000 });
    expect(r.pinfo.info).toBe("Standard query response 0x0007 CNAME example.com MX 10 example.com TXT SOA example.com SRV 1 2 5060 example.com OPT");
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
    expect(r.pinfo.malformed).toBe("");
  });

  it("stops a compression-pointer loop and keeps going", () => {
    const loop = [
      ...u16(1), // ID
      ...u16(0x0100), // flags
      ...u16(1), ...u16(0), ...u16(0), ...u16(0), // counts
      0xc0, 12, // QNAME: a pointer to itself
      ...u16(1), ...u16(1), // QTYPE, QCLASS
    ];
    const r = run(loop);
    expect(r.pinfo.info).toBe("Standard query 0x0001 A <Name contains a pointer that loops>");
    expect(r.f("dns.qry.name")).toBe("<Name contains a pointer that loops>");
    expect(r.pinfo.malformed).toBe("");
    // Two pointers chasing each other end the same way.
    const pingPong = [...u16(2), ...u16(0x0100), ...u16(1), ...u16(0), ...u16(0), ...u16(0), 0xc0, 14, 0xc0, 12, ...u16(1), ...u16(1)];
    expect(run(pingPong).f("dns.qry.name")).toBe("<Name contains a pointer that loops>");
  });

  it("marks truncated messages malformed without throwing, keeping what was read", () => {
    expect(() => run([0x12])).not.toThrow();
    const short = run([0x12, 0x34, 0x01]);
    expect(short.pinfo.info).toBe("[Malformed Packet]");
    expect(short.pinfo.malformed).toMatch(/^DNS:/);
    expect(short.pinfo.protocol).toBe("DNS");
    // The answer's RDLENGTH runs past the end: Info has the type, the record has nothing.
    const cut = RESPONSE.slice(0, RESPONSE.length - 2);
    const r = run(cut, { sport: 53, dport: 40000 });
    expect(r.pinfo.info).toBe("Standard query response 0x1a2b A example.com A[Malformed Packet]");
    expect(r.f("dns.resp.name")).toBe("");
    expect(r.f("dns.qry.name")).toBe("example.com");
    // Every prefix of a message is handled.
    for (let n = 0; n <= RESPONSE.length; n++) expect(() => run(RESPONSE.slice(0, n))).not.toThrow();
  });

  it("label and pointer oddities match Wireshark's expand_dns_name", () => {
    const d = Uint8Array.from([0, 3, 0x61, 0x5c, 0x62, 0, 0x80, 1]);
    expect(getDnsName(d, 0, 0, 0, d.length).text).toBe("<Root>");
    expect(getDnsName(d, 1, 0, 0, d.length).text).toBe("a\\b");
    expect(() => getDnsName(d, 6, 0, 0, d.length)).toThrow(); // 0x80 label type is invalid
    const ext = Uint8Array.from([1, 0x61, 0x42, 0]); // "a", then an unknown extended label
    expect(getDnsName(ext, 0, 0, 0, ext.length).text).toBe("<Unknown extended label>");
    const long = Uint8Array.from([...Array.from({ length: 5 }, () => [63, ...new Array(63).fill(0x61)]).flat(), 0]);
    expect(getDnsName(long, 0, 0, 0, long.length).text).toBe("<Name too long>");
  });

  it("the heuristic takes DNS on other ports but leaves NBNS's port alone", () => {
    const p = run(QUERY, { d: dnsHeuristic as typeof dns, sport: 40000, dport: 5300 });
    expect(p.pinfo.protocol).toBe("DNS");
    const nbns = run(QUERY, { d: dnsHeuristic as typeof dns, sport: 137, dport: 137 });
    expect(nbns.consumed).toBe(0);
  });

  it("inside an ICMP error it adds fields but leaves the columns", () => {
    const r = run(RESPONSE.slice(0, 40), { inError: true, sport: 53, dport: 40000 });
    expect(r.pinfo.protocol).toBe("");
    expect(r.pinfo.info).toBe("");
    expect(r.f("dns.id")).toBe("0x1a2b");
    expect(r.pinfo.malformed).toBe("");
  });

  it("builds a details tree with Wireshark's labels", () => {
    const tree = new TreeBuilder(wsFields.expert);
    run(RESPONSE, { tree, sport: 53, dport: 40000 });
    const lines: string[] = [];
    const walk = (ns: TreeNode[], depth: number): void => {
      for (const n of ns) {
        if (n.label) lines.push(" ".repeat(depth * 4) + n.label);
        if (n.children) walk(n.children, depth + 1);
      }
    };
    walk(tree.roots, 0);
    expect(lines).toContain("Domain Name System (response)");
    expect(lines).toContain("    Flags: 0x8180 Standard query response, No error");
    expect(lines).toContain("        1... .... .... .... = Response: Message is a response");
    expect(lines).toContain("        example.com: type A, class IN, addr 93.184.216.34");
    expect(lines).toContain("            Time to live: 3600 (1 hour)");
  });
});

describe("DNS over TCP", () => {
  const framed = (m: number[]): number[] => [...u16(m.length), ...m];

  it("reads the length prefix (RFC 1035 §4.2.2) and the message after it", () => {
    const r = run(framed(QUERY), { tcp: true, canDesegment: true });
    expect(r.f("dns.length")).toBe(String(QUERY.length));
    expect(r.pinfo.info).toBe("Standard query 0x1a2b A example.com");
    expect(r.pinfo.desegmentLen).toBe(0);
  });

  it("asks TCP for the rest of a message split across segments", () => {
    const whole = framed(QUERY);
    // Only one byte of the length: "one more segment".
    const one = run(whole.slice(0, 1), { tcp: true, canDesegment: true });
    expect(one.pinfo.desegmentOffset).toBe(0);
    expect(one.pinfo.desegmentLen).toBe(-1);
    // The length and part of the message: exactly the missing bytes.
    const part = run(whole.slice(0, 10), { tcp: true, canDesegment: true });
    expect(part.pinfo.desegmentOffset).toBe(0);
    expect(part.pinfo.desegmentLen).toBe(whole.length - 10);
    // A whole message then a partial one: the second starts after the first.
    const two = run([...whole, ...whole.slice(0, 5)], { tcp: true, canDesegment: true });
    expect(two.f("dns.id")).toBe("0x1a2b");
    expect(two.pinfo.desegmentOffset).toBe(whole.length);
    expect(two.pinfo.desegmentLen).toBe(whole.length - 5);
  });

  it("dissects every message of a segment; Info shows the last one", () => {
    const second = [...QUERY];
    second[1] = 0x2c;
    const r = run([...framed(QUERY), ...framed(second)], { tcp: true, canDesegment: true });
    expect(r.f("dns.id")).toBe("0x1a2b,0x1a2c");
    expect(r.pinfo.info).toBe("Standard query 0x1a2c A example.com");
  });

  it("without reassembly a cut message is malformed, not thrown", () => {
    const r = run(framed(QUERY).slice(0, 20), { tcp: true, canDesegment: false });
    expect(r.pinfo.malformed).toMatch(/^DNS:/);
  });
});

describe("mDNS and LLMNR", () => {
  it("mDNS splits the QU bit and the cache-flush bit from the class", () => {
    const q = [...u16(0), ...u16(0), ...u16(1), ...u16(0), ...u16(0), ...u16(0), ...EXAMPLE, ...u16(1), ...u16(0x8001)];
    const r = run(q, { d: mdns, sport: 5353, dport: 5353 });
    expect(r.pinfo.protocol).toBe("MDNS");
    expect(r.pinfo.layers).toEqual(["mdns"]);
    expect(r.pinfo.info).toBe('Standard query 0x0000 A example.com, "QU" question');
    expect(r.f("dns.qry.class")).toBe("0x0001");
    expect(r.f("dns.qry.qu")).toBe("1");
    const a = [...u16(0), ...u16(0x8400), ...u16(0), ...u16(1), ...u16(0), ...u16(0), ...EXAMPLE, ...u16(1), ...u16(0x8001), ...u32(120), ...u16(4), 10, 0, 0, 9];
    const ra = run(a, { d: mdns, sport: 5353, dport: 5353 });
    expect(ra.pinfo.info).toBe("Standard query response 0x0000 A, cache flush 10.0.0.9");
    expect(ra.f("dns.resp.cache_flush")).toBe("1");
  });

  it("LLMNR shows the conflict/tentative flags", () => {
    const q = [...u16(5), ...u16(0x0100), ...u16(1), ...u16(0), ...u16(0), ...u16(0), ...EXAMPLE, ...u16(1), ...u16(1)];
    const r = run(q, { d: llmnr, sport: 5355, dport: 5355 });
    expect(r.pinfo.protocol).toBe("LLMNR");
    expect(r.f("dns.flags.tentative")).toBe("1");
    expect(r.f("dns.flags.recdesired")).toBe("");
  });
});
