/**
 * RFC 2198 redundant audio on RTP payload type 99 (Wireshark 4.0's default
 * for rtp.rfc2198_pt), from hand-built datagrams on a conversation an SDP
 * offer announced. The expected tree is tshark 4.0.17's for frame 626 of the
 * shared malformed-fuzz capture: "RFC 2198: Redundant Audio Data" is a
 * top-level text item after RTP's (Protocol Hierarchy: "text" under rtp),
 * and RTP keeps the whole payload as a hidden rtp.payload. The two-block
 * and truncated cases were checked against tshark on a crafted pcap.
 */
import { describe, expect, it } from "vitest";
import { ethernet, type Host, udpFrame } from "../ip-testing";

const CALLER: Host = { ip: [10, 0, 0, 1], port: 5060 };
const CALLEE: Host = { ip: [10, 0, 0, 2], port: 5060 };
const MEDIA: Host = { ip: [10, 0, 0, 1], port: 40000 };
const PEER: Host = { ip: [10, 0, 0, 2], port: 50000 };
const bytes = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

const SDP = ["v=0", "o=- 1 1 IN IP4 10.0.0.1", "s=call", "c=IN IP4 10.0.0.1", "t=0 0", "m=audio 40000 RTP/AVP 0 99", ""].join("\r\n");
const INVITE = [
  "INVITE sip:bob@example.org SIP/2.0",
  "CSeq: 1 INVITE",
  "Content-Type: application/sdp",
  `Content-Length: ${SDP.length}`,
  "",
  SDP,
].join("\r\n");

/** An RTP header (RFC 3550 §5.1) of payload type `pt` with `payload` after it. */
function rtp(pt: number, payload: number[]): number[] {
  return [
    0x80, // version 2, no padding, no extension, no CSRC
    pt, // no marker, payload type
    0x6f, 0xb0, // sequence number 28592
    0, 0, 0x06, 0x18, // timestamp 1560
    0x37, 0x96, 0xcb, 0x71, // SSRC
    ...payload,
  ];
}

describe("RFC 2198 redundant audio", () => {
  it("is a top-level text item with a header item per block, the payload hidden in RTP", () => {
    const run = ethernet();
    run(udpFrame(CALLER, CALLEE, bytes(INVITE)));
    const payload = [
      0xf1, 0x00, 0x50, 0x02, // F=1, PT 113; timestamp offset 20, block length 2
      0x00, // F=0, PT 0 (PCMU): the primary block runs to the end
      0xaa, 0xbb, // redundant block
      0x01, 0x02, 0x03, // primary block
    ];
    const r = run(udpFrame(MEDIA, PEER, rtp(99, payload)), { tree: true });
    expect(r.tree.map((n) => n.label ?? n.field.abbrev).slice(-2)).toEqual(["Real-Time Transport Protocol", "RFC 2198: Redundant Audio Data"]);
    const red = r.tree[r.tree.length - 1]!;
    expect(red.field.abbrev).toBe("_ws.text");
    expect(red.children!.map((c) => c.label ?? c.field.abbrev)).toEqual(["Header 1: PT=DynamicRTP-Type-113, len=2", "Header 2: PT=ITU-T G.711 PCMU", "rtp.payload", "rtp.payload"]);
    const fields = run(udpFrame(MEDIA, PEER, rtp(99, payload)));
    expect(fields.f("rtp.p_type")).toBe("99,113,0");
    expect(fields.f("rtp.block-length")).toBe("2");
    expect(fields.f("rtp.payload")).toBe("f1005002 00aabb010203".replace(" ", "") + ",aabb,010203");
    expect(fields.malformed).toBe("");
  });

  it("marks a block that runs past the end malformed, with no item for it", () => {
    const run = ethernet();
    run(udpFrame(CALLER, CALLEE, bytes(INVITE)));
    const r = run(udpFrame(MEDIA, PEER, rtp(99, [0xf1, 0x00, 0x50, 0x09, 0x00, 0xaa]))); // block length 9, one byte left
    expect(r.malformed).toMatch(/^RTP:/);
    expect(r.f("rtp.payload")).toBe("f100500900aa"); // RTP's hidden one only
  });
});
