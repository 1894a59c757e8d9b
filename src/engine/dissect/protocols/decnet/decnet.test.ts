/**
 * DECnet Phase IV routing and LAT from hand-built Ethernet frames; expected
 * values as tshark 4.0.17 shows them (the 1998 snoop capture's frames 107
 * and 10 have these shapes).
 */
import { describe, expect, it } from "vitest";
import { ethernet } from "../testing";

const ALL_ROUTERS = [0xab, 0x00, 0x00, 0x03, 0x00, 0x00];
/** DECnet node 17.272: AA-00-04-00, then 17 << 10 | 272 little-endian. */
const NODE_17_272 = [0xaa, 0x00, 0x04, 0x00, 0x10, 0x45];
const NODE_17_202 = [0xaa, 0x00, 0x04, 0x00, 0xca, 0x44];

describe("DEC DNA routing", () => {
  const endnodeHello = [
    0x22, 0x00, // length
    0x0d, // flags: control message, type 6 (Ethernet endnode hello)
    0x02, 0x00, 0x00, // routing layer version 2.0.0
    ...NODE_17_272, // transmitting system ID
    0x03, // routing information: end node
    0xda, 0x05, // block size 1498
    0x00, // area (reserved)
    0, 0, 0, 0, 0, 0, 0, 0, // verification seed
    ...NODE_17_202, // neighbor
    0x0f, 0x00, // hello timer 15 s
    0x00, // MPD (reserved)
  ];

  it("an endnode hello: Info, DECnet source address, fields", () => {
    const r = ethernet()(new Uint8Array([...ALL_ROUTERS, ...NODE_17_272, 0x60, 0x03, ...endnodeHello]));
    expect(r.layers).toBe("eth:ethertype:dec_dna");
    expect(r.protocol).toBe("DEC DNA");
    expect(r.info).toBe("Routing control, Endnode Hello message");
    expect(r.src).toBe("17.272");
    // A multicast destination is no DECnet node: the column stays the Ethernet layer's.
    expect(r.netDst).toBe("");
    expect(r.f("dec_dna.flags")).toBe("0x0d");
    // Shown twice as Wireshark shows it: the flags' bits (6), then the head it passes already shifted (3).
    expect(r.f("dec_dna.rt.msg_type")).toBe("0x06,0x03");
    expect(r.f("dec_dna.ctl.blk_size")).toBe("1498");
    expect(r.f("dec_dna.ctl_neighbor")).toBe("aa:00:04:00:ca:44");
    expect(r.f("dec_dna.ctl.timer")).toBe("15");
  });

  it("a hello cut short is malformed", () => {
    const r = ethernet()(new Uint8Array([...ALL_ROUTERS, ...NODE_17_272, 0x60, 0x03, ...endnodeHello.slice(0, 12)]));
    expect(r.malformed).toMatch(/^DEC DNA/);
  });
});

describe("LAT", () => {
  it("a service announcement", () => {
    const counted = (s: string): number[] => [s.length, ...Array.from(s, (c) => c.charCodeAt(0))];
    const announcement = [
      0x28, // message type 10 (service announcement), not master, no RRF
      0x08, // server circuit timer: 80 ms
      0x05, 0x05, 0x05, 0x02, // protocol versions and ECO
      0x01, // message incarnation
      0x00, // change flags
      0x40, 0x05, // frame size 1344
      0x14, // multicast timer 20 s
      0x02, // node status: accepting connections
      0x01, 0xff, // groups: 1 byte
      ...counted("VAX1"), // node name
      ...counted("Main VAX"), // node description
      0x01, // one service
      0x10, ...counted("VAX1"), ...counted("VMS"), // rating, name, description
      0x01, 0x01, // one service class: terminals
    ];
    const r = ethernet()(new Uint8Array([0x09, 0x00, 0x2b, 0x00, 0x00, 0x0f, 0x08, 0x00, 0x2b, 0x06, 0x06, 0xb3, 0x60, 0x04, ...announcement]));
    expect(r.protocol).toBe("LAT");
    expect(r.info).toBe("Service announcement");
    expect(r.f("lat.msg_typ")).toBe("10");
    expect(r.f("lat.node_name")).toBe("VAX1");
    expect(r.f("lat.service.description")).toBe("VMS");
    expect(r.f("lat.node_service_class")).toBe("1");
  });
});
