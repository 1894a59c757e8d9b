/**
 * SIP, SDP and RTP from hand-built datagrams through the whole engine. The
 * expected Info texts and field values are what tshark 4.0.17 prints for the
 * same bytes (checked on a crafted pcap); the shared fuzzed VoIP capture is
 * compared with live tshark in src/cli/sip-corpus.test.ts.
 */
import { describe, expect, it } from "vitest";
import { ethernet, type Host, udpFrame } from "../ip-testing";

const ALICE: Host = { ip: [10, 0, 0, 1], port: 5060 };
const REGISTRAR: Host = { ip: [10, 0, 0, 2], port: 5060 };
const bytes = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));
const lines = (...l: string[]): string => l.join("\r\n");

const REGISTER = lines(
  "REGISTER sip:example.org SIP/2.0", // request line: method, Request-URI, version
  "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1",
  "From: <sip:alice@example.org>;tag=1",
  "To: <sip:alice@example.org>",
  "Call-ID: abc@10.0.0.1",
  "CSeq: 7 REGISTER", // sequence number, method
  "Contact: <sip:alice@10.0.0.1:5060>;expires=3600, <sip:alice@10.0.0.1:5070>;expires=0", // one binding kept, one removed
  "Max-Forwards: 70",
  "Content-Length: 0",
  "", // blank line: end of the headers
  "",
);
const OK = lines(
  "SIP/2.0 200 OK", // status line: version, code, reason
  "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1",
  "From: <sip:alice@example.org>;tag=1",
  "To: <sip:alice@example.org>;tag=2",
  "Call-ID: abc@10.0.0.1",
  "CSeq: 7 REGISTER", // the method the 200 answers, shown in Info
  "Contact: <sip:alice@10.0.0.1:5060>;expires=3600",
  "Content-Length: 0",
  "",
  "",
);
const SDP = lines(
  "v=0", // version
  "o=- 1 1 IN IP4 10.0.0.1", // owner
  "s=call", // session name
  "c=IN IP4 10.0.0.1", // where the media goes
  "t=0 0",
  "m=audio 40000 RTP/AVP 8 97", // RTP on port 40000, PCMA and a dynamic type
  "a=rtpmap:97 iLBC/8000", // the dynamic type's name
  "",
);
const INVITE = lines(
  "INVITE sip:bob@example.org SIP/2.0",
  "Via: SIP/2.0/UDP 10.0.0.1:5060",
  "From: <sip:alice@example.org>;tag=1",
  "To: <sip:bob@example.org>",
  "Call-ID: xyz@10.0.0.1",
  "CSeq: 1 INVITE",
  "Content-Type: application/sdp", // body handed to SDP
  `Content-Length: ${SDP.length}`,
  "",
  SDP,
);

/** An RTP header (RFC 3550 §5.1) and 20 payload bytes. */
function rtp(pt: number, seq: number, ts: number, ssrc: number, marker = false): number[] {
  return [
    0x80, // version 2, no padding, no extension, no CSRC
    (marker ? 0x80 : 0) | pt, // marker, payload type
    seq >> 8, seq & 0xff, // sequence number
    ...[24, 16, 8, 0].map((s) => (ts >>> s) & 0xff), // timestamp
    ...[24, 16, 8, 0].map((s) => (ssrc >>> s) & 0xff), // SSRC
    ...new Array<number>(20).fill(0), // payload
  ];
}

describe("SIP", () => {
  it("shows a REGISTER's bindings and its 200 with the CSeq method", () => {
    const run = ethernet();
    const req = run(udpFrame(ALICE, REGISTRAR, bytes(REGISTER)));
    expect(req.protocol).toBe("SIP");
    expect(req.info).toBe("Request: REGISTER sip:example.org  (remove 1 binding) (add 1 binding) | ");
    expect(req.f("sip.Method")).toBe("REGISTER");
    expect(req.f("sip.r-uri")).toBe("sip:example.org");
    expect(req.f("sip.CSeq.seq")).toBe("7");
    expect(req.f("sip.CSeq.method")).toBe("REGISTER");
    expect(req.f("sip.Call-ID")).toBe("abc@10.0.0.1");
    expect(req.f("sip.Max-Forwards")).toBe("70");
    expect(req.f("sip.Content-Length")).toBe("0");
    const resp = run(udpFrame(REGISTRAR, ALICE, bytes(OK)));
    expect(resp.info).toBe("Status: 200 OK (REGISTER)  (1 binding) | ");
    expect(resp.f("sip.Status-Code")).toBe("200");
  });

  it("marks a header line cut off by the end of the datagram malformed, as tshark does", () => {
    const r = ethernet()(udpFrame(ALICE, REGISTRAR, bytes(lines("OPTIONS sip:bob@example.org SIP/2.0", "Call-ID: q@10.0.0.1", "Expires: 12"))));
    expect(r.info).toBe("Request: OPTIONS sip:bob@example.org[Malformed Packet]");
    expect(r.f("sip.Expires")).toBe("12");
  });

  it("names unknown methods and finds SIP on other ports by its first line", () => {
    const r = ethernet()(udpFrame(ALICE, REGISTRAR, bytes(lines("FOO sip:bob@example.org SIP/2.0", "CSeq: 2 FOO", "", ""))));
    expect(r.info).toBe("Unknown request: FOO sip:bob@example.org | ");
    const h = ethernet()(udpFrame({ ip: ALICE.ip, port: 6000 }, { ip: REGISTRAR.ip, port: 7000 }, bytes(lines("BYE sip:bob@example.org SIP/2.0", "CSeq: 3 BYE", "", ""))));
    expect(h.protocol).toBe("SIP");
    expect(h.info).toBe("Request: BYE sip:bob@example.org | ");
    const notSip = ethernet()(udpFrame({ ip: ALICE.ip, port: 6000 }, { ip: REGISTRAR.ip, port: 7000 }, bytes("hello world\r\n")));
    expect(notSip.protocol).toBe("UDP");
  });

  it("hands an SDP body on and dissects the RTP it announces", () => {
    const run = ethernet();
    const inv = run(udpFrame(ALICE, REGISTRAR, bytes(INVITE)));
    expect(inv.protocol).toBe("SIP/SDP");
    expect(inv.info).toBe("Request: INVITE sip:bob@example.org | ");
    expect(inv.layers).toBe("eth:ethertype:ip:udp:sip:sdp");
    expect(inv.f("sdp.media")).toBe("audio 40000 RTP/AVP 8 97");
    expect(inv.f("sdp.connection_info")).toBe("IN IP4 10.0.0.1");
    const media: Host = { ip: ALICE.ip, port: 40000 };
    const peer: Host = { ip: REGISTRAR.ip, port: 50000 };
    const a = run(udpFrame(media, peer, rtp(8, 100, 160, 0x1234abcd)));
    expect(a.protocol).toBe("RTP");
    expect(a.info).toBe("PT=ITU-T G.711 PCMA, SSRC=0x1234ABCD, Seq=100, Time=160");
    expect(a.f("rtp.setup-frame")).toBe("1");
    expect(a.f("rtp.ssrc")).toBe("0x1234abcd");
    const b = run(udpFrame(media, peer, rtp(97, 101, 320, 0x1234abcd, true)));
    expect(b.info).toBe("PT=iLBC, SSRC=0x1234ABCD, Seq=101, Time=320, Mark");
    // Another port of the same host was not announced: plain UDP.
    expect(run(udpFrame({ ip: ALICE.ip, port: 40002 }, peer, rtp(8, 100, 160, 1))).protocol).toBe("UDP");
  });
});

describe("SIP expert items (tshark 4.0's, as -z expert counts them)", () => {
  /** [severity, group, protocol, summary] of each item the expert tap gets, from the second frame of `run` on. */
  function tapOf(run: ReturnType<typeof ethernet>): [number, string, string, string][] {
    const items: [number, string, string, string][] = [];
    run(udpFrame(ALICE, REGISTRAR, bytes("warm-up"))).pinfo.expertSink = { add: (_n, level, group, proto, msg) => void items.push([level, group, proto, msg]) };
    return items;
  }
  const NOTE = 2;
  const WARN = 3;
  const ERROR = 4;

  it("notes a header name that is not in Wireshark's table, lower-cased, and knows long and compact names", () => {
    const run = ethernet();
    const items = tapOf(run);
    const r = run(
      udpFrame(ALICE, REGISTRAR, bytes(lines(
        "OPTIONS sip:bob@example.org SIP/2.0",
        "WWW-Authenticate: Digest realm=x", // in the table, though pcapscope has no field for it
        "k: timer", // compact Supported (RFC 3261 §7.3.3)
        "kk: 1", // two bytes: only full names count, and "kk" is none
        "Max-For\tards: 70", // fuzzed: unknown, the tab kept
        "Vi\xe1: x", // a byte that is not UTF-8: U+FFFD
        "", "",
      ))),
    );
    expect(r.info).toBe("Request: OPTIONS sip:bob@example.org | ");
    expect(items).toEqual([
      [NOTE, "Undecoded", "SIP", "Unrecognised SIP header (kk)"],
      [NOTE, "Undecoded", "SIP", "Unrecognised SIP header (max-for\tards)"],
      [NOTE, "Undecoded", "SIP", "Unrecognised SIP header (vi\ufffd)"],
    ]);
    expect(r.f("_ws.expert.message")).toBe("Unrecognised SIP header (kk),Unrecognised SIP header (max-for\tards),Unrecognised SIP header (vi\ufffd)");
  });

  it("warns of a header line without a colon, a missing empty line, and notes a Content-Length that is not a number", () => {
    const run = ethernet();
    const items = tapOf(run);
    run(udpFrame(ALICE, REGISTRAR, bytes(lines("OPTIONS sip:bob@example.org SIP/2.0", "Call-ID 1", "Content-Length: 0x", "Max-Forwards: 70", ""))));
    expect(items).toEqual([
      [WARN, "Malformed", "SIP", "Header has no colon after the name"],
      [NOTE, "Malformed", "SIP", "Invalid content_length"],
      // The last line ends with CRLF but no empty line follows (RFC 3261 §7): a warning, no exception.
      [WARN, "Malformed", "SIP", "Header not terminated by empty line (CRLF)"],
    ]);
    // A NUL ends the value as a C string: "0" is a valid length (the only item is the Message Header's stray "x").
    items.length = 0;
    run(udpFrame(ALICE, REGISTRAR, bytes(lines("OPTIONS sip:bob@example.org SIP/2.0", "Content-Length: 0\0x", "", ""))));
    expect(items).toEqual([[WARN, "Undecoded", "SIP", "Trailing stray characters"]]);
  });

  it("warns of stray characters after a NUL in the Message Header item and a CSeq method, only where the items are made", () => {
    const run = ethernet();
    const items = tapOf(run);
    const msg = bytes(lines("OPTIONS sip:bob@example.org SIP/2.0", "CSeq: 1 OPT\0IONS", "", ""));
    // -T fields of the expert items: the tree is shown, both string items are made.
    expect(run(udpFrame(ALICE, REGISTRAR, msg)).f("_ws.expert.message")).toBe("Trailing stray characters,Trailing stray characters");
    // tshark -q -z expert alone has no tree: neither is counted.
    items.length = 0;
    run(udpFrame(ALICE, REGISTRAR, msg), { noTree: true });
    expect(items).toEqual([]);
  });

  it("reports an SDP media port that is not a number twice to the tap (SIP's transport setup, then SDP), once in the tree", () => {
    const run = ethernet();
    const items = tapOf(run);
    const body = SDP.replace("m=audio 40000 ", "m=audio 40000E ");
    const invite = INVITE.replace(SDP, body).replace(`Content-Length: ${SDP.length}`, `Content-Length: ${body.length}`);
    const r = run(udpFrame(ALICE, REGISTRAR, bytes(invite)));
    expect(items).toEqual([
      [ERROR, "Malformed", "SIP", "Invalid media port"],
      [ERROR, "Malformed", "SDP", "Invalid media port"],
    ]);
    expect(r.f("_ws.expert.message")).toBe("Invalid media port");
    // The port reads as 0 (ws_strtou16 takes all or nothing), so no RTP is expected on 40000.
    expect(run(udpFrame({ ip: ALICE.ip, port: 40000 }, REGISTRAR, rtp(8, 1, 160, 1))).protocol).toBe("UDP");
  });
});
