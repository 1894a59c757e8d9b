/**
 * IPX and its socket protocols from hand-built frames through the whole
 * engine, in the framings Wireshark 4.0 recognises (Ethernet II 0x8137,
 * 802.2 LLC SAP 0xe0); expected values as tshark 4.0.17 shows them (the
 * 1998 snoop capture's frames 88, 140 and 181 have these shapes).
 */
import { describe, expect, it } from "vitest";
import { ethernet } from "../testing";

const BROADCAST = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
const NODE = [0x00, 0x20, 0xaf, 0x39, 0x97, 0xfc];

function ipx(type: number, dst: [number[], number[], number], src: [number[], number[], number], payload: number[]): number[] {
  const len = 30 + payload.length;
  return [
    0xff, 0xff, // checksum: none
    len >> 8, len & 0xff, // length, header included
    0x00, // transport control: 0 hops
    type, // packet type
    ...dst[0], ...dst[1], dst[2] >> 8, dst[2] & 0xff, // destination network, node, socket
    ...src[0], ...src[1], src[2] >> 8, src[2] & 0xff, // source network, node, socket
    ...payload,
  ];
}
const ethernetII = (payload: number[]): Uint8Array => new Uint8Array([...BROADCAST, ...NODE, 0x81, 0x37, ...payload]);
const llcNetware = (payload: number[]): Uint8Array =>
  new Uint8Array([...BROADCAST, ...NODE, (payload.length + 3) >> 8, (payload.length + 3) & 0xff, 0xe0, 0xe0, 0x03, ...payload]);

const NET_2 = [0x00, 0x00, 0x00, 0x02];
const NET_13 = [0x13, 0x00, 0x00, 0x01];

describe("IPX", () => {
  it("a SAP nearest query over Ethernet II: IPX addresses in the columns", () => {
    const r = ethernet()(ethernetII(ipx(4, [NET_2, BROADCAST, 0x0452], [NET_2, NODE, 0x4000], [0x00, 0x03, 0x00, 0x04]))); // nearest query for file servers
    expect(r.layers).toBe("eth:ethertype:ipx");
    expect(r.protocol).toBe("IPX SAP");
    expect(r.info).toBe("Nearest Query");
    expect([r.src, r.dst]).toEqual(["00000002.0020af3997fc", "00000002.ffffffffffff"]);
    expect(r.f("ipx.len")).toBe("34");
    expect(r.f("ipx.dst.net")).toBe("0x00000002");
    expect(r.f("ipx.dst.socket")).toBe("0x0452");
    expect(r.f("ipx.src")).toBe("00000002.0020af3997fc");
    expect(r.f("ipxsap.server.type")).toBe("0x0004");
  });

  it("a SAP general response: one 64-byte server entry", () => {
    const name = Array.from("ROOM-518F", (c) => c.charCodeAt(0));
    const entry = [0x00, 0x04, ...name, ...new Array<number>(48 - name.length).fill(0), ...NET_13, ...NODE, 0x04, 0x51, 0x00, 0x01];
    const r = ethernet()(ethernetII(ipx(4, [NET_13, BROADCAST, 0x0452], [NET_13, NODE, 0x0452], [0x00, 0x02, ...entry])));
    expect(r.info).toBe("General Response");
    expect(r.f("ipxsap.server.name")).toBe("ROOM-518F");
    expect(r.f("ipxsap.server.network")).toBe("0x13000001");
    expect(r.f("ipxsap.server.socket")).toBe("0x0451");
    expect(r.f("ipxsap.server.intermediate_networks")).toBe("1");
  });

  it("a RIP response over 802.2 LLC (SAP 0xe0), ticks kept as sent", () => {
    const route = [0x00, 0x00, 0x00, 0x09, 0x00, 0x01, 0x00, 0x02]; // network 9, 1 hop, 2 ticks
    const r = ethernet()(llcNetware(ipx(1, [NET_2, BROADCAST, 0x0453], [NET_2, NODE, 0x0453], [0x00, 0x02, ...route])));
    expect(r.layers).toBe("eth:llc:ipx");
    expect(r.protocol).toBe("IPX RIP");
    expect(r.info).toBe("Response");
    expect(r.f("ipxrip.route_vector")).toBe("0x00000009");
    expect(r.f("ipxrip.ticks")).toBe("2");
  });

  it("NetBIOS over IPX: a WAN broadcast's 8 networks, then a find name", () => {
    const routes = [...NET_13, ...new Array<number>(28).fill(0)];
    const name = [0x01, 0x02, ...Array.from("__MSBROWSE__", (c) => c.charCodeAt(0)), 0x02, 0x01];
    const r = ethernet()(ethernetII(ipx(20, [[0, 0, 0, 0], BROADCAST, 0x0455], [NET_13, NODE, 0x0455], [...routes, 0x00, 0x01, ...name])));
    expect(r.protocol).toBe("NBIPX");
    expect(r.info).toBe("Find name <01><02>__MSBROWSE__<02><01>");
    expect(r.f("nmpi.ipx_network")).toBe("0x13000001");
    expect(r.f("nmpi.packettype")).toBe("0x01");
  });

  it("an NLSP L1 Hello names the sending router", () => {
    const hello = [
      0x83, 0x1b, 0x01, 0x00, 0x0f, 0x01, 0x00, 0x00, // discriminator, header length 27, minor 1, reserved, L1 Hello, major 1, reserved
      0x11, // multicast routing, level 1 only
      0x02, 0x00, 0x32, 0xf8, 0x95, 0xcc, // sending router's system ID
      0x00, 0x1e, // holding timer 30 s
      0x00, 0x1b, // packet length
      0x40, // priority 64
      0x02, 0x00, 0x32, 0xf8, 0x95, 0xcc, 0x01, // designated router and pseudonode
    ];
    const r = ethernet()(llcNetware(ipx(0, [[0, 0, 0, 0], BROADCAST, 0x9001], [NET_2, NODE, 0x9001], hello)));
    expect(r.protocol).toBe("NLSP");
    expect(r.info).toBe("L1 Hello, System ID: 02:00:32:f8:95:cc");
    expect(r.f("nlsp.hello.holding_timer")).toBe("30");
    expect(r.f("nlsp.hello.priority")).toBe("64");
  });

  it("a header cut short is malformed", () => {
    const r = ethernet()(ethernetII([0xff, 0xff, 0x00, 0x1e, 0x00]));
    expect(r.protocol).toBe("IPX");
    expect(r.malformed).toMatch(/^IPX/);
  });
});
