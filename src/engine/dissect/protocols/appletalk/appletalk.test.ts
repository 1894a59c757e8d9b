/**
 * AARP, DDP, NBP and RTMP from hand-built Ethernet frames through the whole
 * engine; the expected columns and fields are what tshark 4.0.17 shows for
 * the same bytes (the 1998 snoop capture's frames 5, 8 and 16 have these
 * shapes; src/cli/legacy-lan-corpus.test.ts compares the real ones).
 */
import { describe, expect, it } from "vitest";
import { ethernet } from "../testing";

/** 802.3 header: destination, source, then the length of what follows. */
function ieee8023(dst: number[], src: number[], payload: number[]): Uint8Array {
  return new Uint8Array([...dst, ...src, payload.length >> 8, payload.length & 0xff, ...payload]);
}
const APPLETALK_BROADCAST = [0x09, 0x00, 0x07, 0xff, 0xff, 0xff];
const MAC = [0x08, 0x00, 0x87, 0x2a, 0x26, 0x41];
const SNAP_APPLE_DDP = [
  0xaa, 0xaa, 0x03, // LLC: DSAP SNAP, SSAP SNAP, UI
  0x08, 0x00, 0x07, // OUI Apple
  0x80, 0x9b, // PID AppleTalk DDP
];
const pascal = (s: string): number[] => [s.length, ...Array.from(s, (c) => c.charCodeAt(0))];

function ddp(type: number, payload: number[], dst: [number, number, number], src: [number, number, number]): number[] {
  const len = 13 + payload.length;
  return [
    len >> 8, len & 0xff, // hop count 0, datagram length
    0x00, 0x00, // checksum: none
    dst[0] >> 8, dst[0] & 0xff, // destination net
    src[0] >> 8, src[0] & 0xff, // source net
    dst[1], // destination node
    src[1], // source node
    dst[2], // destination socket
    src[2], // source socket
    type, // DDP type
    ...payload,
  ];
}

const NBP_LOOKUP = [
  0x21, // function 2 (lookup), tuple count 1
  0xa3, // NBP ID
  0x00, 0x51, // tuple: net 81
  0x3e, // node 62
  0xfd, // socket 253
  0x00, // enumerator
  ...pascal("="), // object: any
  ...pascal("Calendar"), // type
  ...pascal("*"), // zone: this zone
];

describe("DDP and NBP over SNAP (EtherTalk Phase 2)", () => {
  it("names a lookup and shows DDP addresses in the columns", () => {
    const run = ethernet();
    const r = run(ieee8023(APPLETALK_BROADCAST, MAC, [...SNAP_APPLE_DDP, ...ddp(2, NBP_LOOKUP, [0, 0xff, 2], [0x51, 0x3e, 0xfd])]));
    expect(r.layers).toBe("eth:llc:ddp:nbp");
    expect(r.protocol).toBe("NBP");
    expect(r.info).toBe("Op: lookup  Count: 1");
    expect([r.src, r.dst]).toEqual(["0051.3e", "0000.ff"]);
    expect(r.f("ddp.len")).toBe(String(13 + NBP_LOOKUP.length));
    expect(r.f("ddp.src.net")).toBe("81");
    expect(r.f("ddp.dst_socket")).toBe("2");
    expect(r.f("ddp.type")).toBe("2");
    expect(r.f("nbp.info")).toBe("0x21");
    expect(r.f("nbp.op")).toBe("2");
    expect(r.f("nbp.count")).toBe("1");
    expect(r.f("nbp.tid")).toBe("163");
    expect([r.f("nbp.net"), r.f("nbp.node"), r.f("nbp.port")]).toEqual(["81", "62", "253"]);
    expect([r.f("nbp.object"), r.f("nbp.type"), r.f("nbp.zone")]).toEqual(["=", "Calendar", "*"]);
    expect(r.malformed).toBe("");
  });

  it("reads Mac OS Roman names", () => {
    const tuple = [0x31, 0x01, 0x00, 0x51, 0x3e, 0xfd, 0x01, 3, 0x4d, 0x8a, 0x63, ...pascal("AFPServer"), ...pascal("*")]; // reply; "M\u00e4c"
    const r = ethernet()(ieee8023(APPLETALK_BROADCAST, MAC, [...SNAP_APPLE_DDP, ...ddp(2, tuple, [0, 0xff, 2], [0x51, 0x3e, 0xfd])]));
    expect(r.info).toBe("Op: reply  Count: 1");
    expect(r.f("nbp.object")).toBe("M\u00e4c");
  });

  it("marks a tuple cut short as malformed", () => {
    const cut = NBP_LOOKUP.slice(0, 9);
    const r = ethernet()(ieee8023(APPLETALK_BROADCAST, MAC, [...SNAP_APPLE_DDP, ...ddp(2, cut, [0, 0xff, 2], [0x51, 0x3e, 0xfd])]));
    expect(r.info).toBe("Op: lookup  Count: 1[Malformed Packet]");
    expect(r.malformed).toMatch(/^NBP/);
  });
});

describe("RTMP over Ethernet II (EtherType 0x809b)", () => {
  it("shows the router's address and the routing tuples", () => {
    const rtmpData = [
      0x00, 0x2b, // router's net 43
      0x08, // node ID length: 8 bits
      0x0d, // node 13
      0x00, 0x00, 0x82, // net 0: a non-extended network's version indicator (0x82)
      0x00, 0x2c, 0x01, // tuple 1: net 44, distance 1
    ];
    const frame = new Uint8Array([...APPLETALK_BROADCAST, ...MAC, 0x80, 0x9b, ...ddp(1, rtmpData, [0, 0xff, 1], [0x2b, 0x0d, 1])]);
    const r = ethernet()(frame);
    expect(r.layers).toBe("eth:ethertype:ddp:rtmp");
    expect(r.protocol).toBe("RTMP");
    expect(r.info).toBe("Net: 43  Node Len: 8  Node: 13");
    expect(r.f("rtmp.net")).toBe("43");
    expect(r.f("nbp.nodeid.length")).toBe("8");
    expect(r.f("rtmp.version")).toBe("0x82");
    expect(r.f("rtmp.tuple.net")).toBe("44");
    expect(r.f("rtmp.tuple.dist")).toBe("1");
  });
});

describe("AARP over SNAP 00-00-00/0x80f3", () => {
  it("asks who has an AppleTalk address, with Wireshark's two spaces", () => {
    const aarp = [
      0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00, 0x80, 0xf3, // LLC/SNAP: OUI 00-00-00, EtherType AARP
      0x00, 0x01, // hardware type Ethernet
      0x80, 0x9b, // protocol type AppleTalk
      0x06, // hardware address length
      0x04, // protocol address length
      0x00, 0x01, // function: request
      ...MAC, // sender hardware address
      0x00, 0x00, 0x5b, 0xb7, // sender: pad, net 91, node 183
      0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // target hardware address: unknown
      0x00, 0x00, 0x10, 0xa8, // target: pad, net 16, node 168
    ];
    const r = ethernet()(ieee8023(APPLETALK_BROADCAST, MAC, aarp));
    expect(r.layers).toBe("eth:llc:aarp");
    expect(r.protocol).toBe("AARP");
    expect(r.info).toBe("Who has 16.168?  Tell 91.183");
    expect(r.f("aarp.opcode")).toBe("1");
    expect(r.f("aarp.src.hw_mac")).toBe("08:00:87:2a:26:41");
    expect(r.f("aarp.dst.proto_id")).toBe("000010a8");
  });
});
