/**
 * NetBIOS Frames over 802.2 LLC (SAP 0xF0), hand-built 802.3 frames through
 * the whole engine; expected columns are what tshark 4.0.17 writes for the
 * same bytes (frames 7, 33 and 101 of the shared Solaris snoop capture have
 * this shape).
 */
import { describe, expect, it } from "vitest";
import { ethernet } from "../testing";
import { ascii, le16 } from "../smb/smb-testing";

const NETBIOS_MULTICAST = [0x03, 0x00, 0x00, 0x00, 0x00, 0x01];
const STATION = [0x00, 0xa0, 0x24, 0xc6, 0xa1, 0x44];
const LLC_NETBIOS = [0xf0, 0xf0, 0x03]; // DSAP and SSAP 0xF0 (NetBIOS), control UI

/** An 802.3 frame: destination, source, length, then `payload`, padded with zeros to 60 bytes. */
function ieee8023(payload: number[]): Uint8Array {
  const f = [...NETBIOS_MULTICAST, ...STATION, payload.length >> 8, payload.length & 0xff, ...payload];
  while (f.length < 60) f.push(0);
  return Uint8Array.from(f);
}

/** A 16-byte NetBIOS name: 15 characters space-padded and the type. */
const rawName = (name: string, type: number): number[] => [...ascii(name.padEnd(15, " ")), type];

function header(cmd: number, dest: number[], src: number[]): number[] {
  return [
    ...le16(44), // header length
    0xff, 0xef, // delimiter 0xEFFF
    cmd, // command
    0x00, // data 1
    ...le16(0), // data 2
    ...le16(0), // transmit correlator
    ...le16(0x1234), // response correlator
    ...dest, // destination name
    ...src, // source name
  ];
}

describe("NetBIOS over LLC", () => {
  it("names a Name Query's name and a Datagram's command", () => {
    const query = ethernet()(ieee8023([...LLC_NETBIOS, ...header(0x0a, rawName("USER7", 0x20), rawName("PC1", 0x00))]));
    expect(query.protocol).toBe("NetBIOS");
    expect(query.info).toBe("Name Query for USER7<20>");
    expect(query.layers).toBe("eth:llc:netbios");
    expect(query.f("netbios.command")).toBe("0x0a");
    const dgram = ethernet()(ieee8023([...LLC_NETBIOS, ...header(0x08, rawName("WORKGROUP", 0x1d), rawName("PC1", 0x00)), 1, 2, 3]));
    expect(dgram.info).toBe("Datagram");
    expect(dgram.f("netbios.hdr_len")).toBe("44");
  });
});
