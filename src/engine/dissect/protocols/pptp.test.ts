/**
 * PPTP control messages over TCP 1723, dissected from hand-built frames
 * through the whole engine. Expected values are what tshark 4.0.17 prints for
 * the same messages (checked on a crafted capture of a control connection:
 * every pptp.* field equal).
 */
import { describe, expect, it } from "vitest";
import { ipFrame, tcp } from "./ip-testing";
import { ethernet } from "./testing";

const CLIENT = [10, 0, 0, 1];
const SERVER = [10, 0, 0, 2];
const be16 = (v: number): number[] => [v >> 8, v & 0xff];
const be32 = (v: number): number[] => [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
const padded = (s: string, n: number): number[] => [...Array.from(s, (c) => c.charCodeAt(0)), ...new Array(n - s.length).fill(0)];

/** A control message: length, type 1 (control), magic cookie, control message type, reserved, body. */
function message(type: number, body: number[], cookie = 0x1a2b3c4d): number[] {
  return [...be16(12 + body.length), ...be16(1), ...be32(cookie), ...be16(type), 0, 0, ...body];
}
const toServer = (m: number[]): Uint8Array => ipFrame(CLIENT, SERVER, 6, tcp(1024, 1723, m, { seq: 1, ack: 1 }));

describe("PPTP control messages", () => {
  it("reads a Start-Control-Connection-Request", () => {
    const body = [
      0x01, 0x00, // protocol version 1.0
      0x00, 0x00, // reserved
      ...be32(1), // framing capabilities: asynchronous
      ...be32(1), // bearer capabilities: analog
      ...be16(0), // maximum channels
      ...be16(2600), // firmware revision
      ...padded("client", 64), // host name
      ...padded("Microsoft", 64), // vendor name
    ];
    const r = ethernet()(toServer(message(1, body)));
    expect(r.layers).toBe("eth:ethertype:ip:tcp:pptp");
    expect(r.protocol).toBe("PPTP");
    expect(r.info).toBe("Start-Control-Connection-Request");
    expect(r.f("pptp.length")).toBe("156");
    expect(r.f("pptp.type")).toBe("1");
    expect(r.f("pptp.magic_cookie")).toBe("0x1a2b3c4d");
    expect(r.f("pptp.control_message_type")).toBe("1");
    expect(r.f("pptp.protocol_version")).toBe("256");
    expect(r.f("pptp.framing_capabilities")).toBe("1");
    expect(r.f("pptp.firmware_revision")).toBe("2600");
    expect(r.f("pptp.host_name")).toBe("client");
    expect(r.f("pptp.vendor_name")).toBe("Microsoft");
    expect(r.f("_ws.expert.message")).toBe("");
  });

  it("reads an Outgoing-Call-Reply and a Set-Link-Info", () => {
    const reply = [...be16(0x8000), ...be16(0x4000), 1, 0, ...be16(0), ...be32(100000000), ...be16(64), ...be16(0), ...be32(0)];
    const r = ethernet()(ipFrame(SERVER, CLIENT, 6, tcp(1723, 1024, message(8, reply), { seq: 1, ack: 1 })));
    expect(r.info).toBe("Outgoing-Call-Reply");
    expect(r.f("pptp.call_id")).toBe("32768");
    expect(r.f("pptp.peer_call_id")).toBe("16384");
    expect(r.f("pptp.out_result")).toBe("1");
    expect(r.f("pptp.connect_speed")).toBe("100000000");
    expect(r.f("pptp.packet_receive_window_size")).toBe("64");
    const link = ethernet()(toServer(message(15, [...be16(0x8000), 0, 0, ...be32(0xffffffff), ...be32(0xffffffff)])));
    expect(link.info).toBe("Set-Link-Info");
    expect(link.f("pptp.send_accm")).toBe("0xffffffff");
  });

  it("flags a wrong magic cookie", () => {
    const r = ethernet()(toServer(message(5, be32(7), 0x122b3c4d)));
    expect(r.info).toBe("Echo-Request");
    expect(r.f("pptp.identifier")).toBe("7");
    expect(r.f("pptp.magic_cookie.incorrect")).toBe("1");
    expect(r.f("_ws.expert.message")).toBe("Incorrect Magic Cookie");
  });

  it("names an unknown control message type and marks a body cut short", () => {
    expect(ethernet()(toServer(message(99, [1, 2]))).info).toBe("Unknown control type (99)");
    const cut = ethernet()(toServer(message(7, [0x40, 0x00, 0x00])));
    expect(cut.info).toBe("Outgoing-Call-Request[Malformed Packet]");
    expect(cut.malformed).toContain("PPTP");
  });
});
