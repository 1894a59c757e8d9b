/**
 * NBDS from hand-built datagrams in Ethernet/IPv4/UDP frames through the whole
 * engine; expected values are what tshark 4.0.17 prints for the same bytes.
 * The shared captures are compared with live tshark through
 * scripts/tshark-compare.ts.
 */
import { describe, expect, it } from "vitest";
import { ethernet, type Host, udpFrame } from "../ip-testing";

const HOST: Host = { ip: [192, 168, 199, 133], port: 138 };
const BROADCAST: Host = { ip: [192, 168, 199, 255], port: 138 };

/** A NetBIOS name first-level encoded (RFC 1001 §14.1) with no scope. */
function encoded(name: string, suffix: number): number[] {
  const raw = [...Array.from(name.padEnd(15, " "), (c) => c.charCodeAt(0)), suffix];
  return [32, ...raw.flatMap((b) => [0x41 + (b >> 4), 0x41 + (b & 15)]), 0];
}

describe("NBDS", () => {
  it("decodes a direct group datagram's header and names, the rest as data", () => {
    const r = ethernet()(
      udpFrame(HOST, BROADCAST, [
        0x11, // message type: direct group
        0x02, // flags: first fragment, B node
        0xa7, 0x88, // datagram ID
        192, 168, 199, 133, // source IP
        0, 138, // source port
        0, 72, // datagram length
        0, 0, // packet offset
        ...encoded("DESKTOP-V1FA0UQ", 0x20), // source name
        ...encoded("WORKGROUP", 0x1d), // destination name
        0x00, 0x53, 0x4d, 0x42, // user data that is not SMB (no 0xFF "SMB" magic): data
      ]),
    );
    expect(r.protocol).toBe("NBDS");
    expect(r.info).toBe("Direct_group datagram");
    expect(r.layers).toBe("eth:ethertype:ip:udp:nbdgm:data");
    expect(r.f("nbdgm.type")).toBe("17");
    expect(r.f("nbdgm.flags")).toBe("0x02");
    expect(r.f("nbdgm.first")).toBe("1");
    expect(r.f("nbdgm.node_type")).toBe("0");
    expect(r.f("nbdgm.dgram_id")).toBe("0xa788");
    expect(r.f("nbdgm.src.ip")).toBe("192.168.199.133");
    expect(r.f("nbdgm.dgram_len")).toBe("72");
    expect(r.f("nbdgm.source_name")).toBe("DESKTOP-V1FA0UQ<20>");
    expect(r.f("nbdgm.destination_name")).toBe("WORKGROUP<1d>");
  });

  it("decodes an error datagram and marks a cut one malformed", () => {
    const err = ethernet()(udpFrame(HOST, BROADCAST, [0x13, 0x02, 0, 1, 192, 168, 199, 133, 0, 138, 0x82])); // error code 0x82
    expect(err.info).toBe("Datagram error");
    expect(err.f("nbdgm.error_code")).toBe("0x82");
    const cut = ethernet()(udpFrame(HOST, BROADCAST, [0x11, 0x02, 0, 1, 192, 168, 199]));
    expect(cut.info).toBe("Direct_group datagram[Malformed Packet]");
  });
});
