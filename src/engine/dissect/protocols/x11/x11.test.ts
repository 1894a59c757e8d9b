/**
 * X11 from hand-built segments through the whole engine. The expected
 * columns are what tshark 4.0.17 writes for the same bytes: the shared
 * capture's X11 frames (pcapng-comments-ether-plus-sll-odd-timestamps,
 * snap length 128, connections seen mid-way) follow the same rules and its
 * 57 X11 lines equal tshark's (src/cli/small-protocols-corpus.test.ts).
 */
import { describe, expect, it } from "vitest";
import { tcpCapture } from "../ip-testing";

const CLIENT = { ip: [10, 0, 0, 1], port: 40000 };
const SERVER = { ip: [10, 0, 0, 2], port: 6000 };
const le16 = (v: number): number[] => [v & 0xff, v >> 8];
const le32 = (v: number): number[] => [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >>> 24) & 0xff];
const zeros = (n: number): number[] => new Array<number>(n).fill(0);

/** CreatePixmap (53): depth, length 4, pid, drawable, width, height. */
const createPixmap = [53, 24, ...le16(4), ...le32(0x0252c8e1), ...le32(0x024b51a7), ...le16(17), ...le16(17)];
/** An extension request (opcode 158, minor 4) of 5 words. */
const extension5 = [158, 4, ...le16(5), ...zeros(16)];
/** TranslateCoordinates (40): unused, length 4, source and destination windows, x, y. */
const translate = [40, 0, ...le16(4), ...le32(0x0140000a), ...le32(0x188), ...le16(5), ...le16(7)];

describe("X11", () => {
  it("names the requests of a segment and guesses the byte order mid-connection", () => {
    const c = tcpCapture();
    const r = c.send(CLIENT, SERVER, [...createPixmap, ...extension5, ...translate]);
    expect(r.layers).toBe("eth:ethertype:ip:tcp:x11");
    expect(r.protocol).toBe("X11");
    expect(r.info).toBe("Requests: CreatePixmap, <Unknown opcode 158>, TranslateCoordinates");
    expect(r.f("x11.opcode")).toBe("53,158,40");
    // The core requests' length (in 4-byte units); Wireshark shows none for an unknown opcode.
    expect(r.f("x11.request-length")).toBe("4,4");
  });

  it("stops at the first request the snap length cut, and says so", () => {
    const c = tcpCapture();
    // 50 of 64 bytes captured: CreatePixmap (0–15) and one extension request (16–35) whole, the second (36–55) cut.
    const r = c.send(CLIENT, SERVER, [...createPixmap, ...extension5, ...extension5, ...translate.slice(0, 8)], { snap: 50 });
    expect(r.info).toBe("Requests: CreatePixmap, <Unknown opcode 158>[Packet size limited during capture]");
  });

  it("leaves TCP's Info on a segment that starts inside a request (length 0, big length 0)", () => {
    const c = tcpCapture();
    const r = c.send(CLIENT, SERVER, zeros(40));
    expect(r.protocol).toBe("X11");
    expect(r.info).toMatch(/^40000 → 6000 \[PSH, ACK\]/);
    expect(r.f("_ws.expert.message")).toBe("Bogus request length (0)");
  });

  it("learns the sequence number from the first reply, then pairs replies with requests", () => {
    const c = tcpCapture();
    c.send(CLIENT, SERVER, translate);
    // A reply: 1, same-screen, sequence 0x3e80, length 0, child, dst-x, dst-y, padding.
    const reply = (seq: number): number[] => [1, 1, ...le16(seq), ...le32(0), ...le32(0x013ea839), ...le16(5), ...le16(174), ...zeros(16)];
    expect(c.send(SERVER, CLIENT, reply(0x3e80)).info).toBe("Reply: to unknown request");
    c.send(CLIENT, SERVER, translate);
    expect(c.send(SERVER, CLIENT, reply(0x3e81)).info).toBe("Reply: TranslateCoordinates");
  });

  it("names events (a SendEvent copy with Sent-) and errors", () => {
    const c = tcpCapture();
    // KeyPress (2), keycode 40, sequence, then 28 bytes of the event; then a synthetic PropertyNotify (28 | 0x80).
    const r = c.send(SERVER, CLIENT, [2, 40, ...le16(5684), ...zeros(28), 28 | 0x80, 0, ...le16(5684), ...zeros(28)]);
    expect(r.info).toBe("Event: KeyPress, Sent-PropertyNotify");
    expect(r.f("x11.eventcode")).toBe("2,156");
    // An error: 0, BadWindow (3), sequence, bad value, minor and major opcode, padding.
    const e = c.send(SERVER, CLIENT, [0, 3, ...le16(5685), ...le32(0x1234), ...le16(0), 12, ...zeros(21)]);
    expect(e.info).toBe("Error: BadWindow");
  });

  it("takes the byte order from the connection request ('B' is big-endian)", () => {
    const c = tcpCapture();
    // 'B', unused, protocol 11.0, no authorization name or data, unused.
    const setup = [0x42, 0, 0, 11, 0, 0, 0, 0, 0, 0, 0, 0];
    expect(c.send(CLIENT, SERVER, setup).info).toBe("Initial connection request");
    // GetInputFocus (43) in big-endian: length 1.
    expect(c.send(CLIENT, SERVER, [43, 0, 0, 1]).info).toBe("Requests: GetInputFocus");
  });
});
