/**
 * YMSG from hand-built segments; the keep-alive is the one in the shared
 * smtp-auth-login-mime-attachment-two-sessions.pcap (frame 61), whose line
 * tshark 4.0.17 writes "YMSG 107 Keep Alive (status=Default)   ".
 */
import { describe, expect, it } from "vitest";
import { tcpCapture } from "../ip-testing";

const CLIENT = { ip: [192, 168, 133, 100], port: 49285 };
const SERVER = { ip: [66, 196, 121, 26], port: 5050 };
const DELIM = [0xc0, 0x80];
const text = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

/** A message: "YMSG", version 16, vendor 0, content length, service, status, session id (little-endian), content. */
function ymsg(service: number, status: number, content: number[]): number[] {
  return [...text("YMSG"), 0, 16, 0, 0, content.length >> 8, content.length & 0xff, service >> 8, service & 0xff, 0, 0, status >> 8, status & 0xff, 0x00, 0x40, 0x37, 0xb7, ...content];
}
const keepAlive = ymsg(138, 0, [...text("0"), ...DELIM, ...text("albertzaharovits"), ...DELIM]);

describe("YMSG", () => {
  it("reads a keep-alive as tshark shows it", () => {
    const r = tcpCapture().send(CLIENT, SERVER, keepAlive);
    expect(r.layers).toBe("eth:ethertype:ip:tcp:ymsg");
    expect(r.protocol).toBe("YMSG");
    expect(r.info).toBe("Keep Alive (status=Default)   ");
    expect(r.f("ymsg.session_id")).toBe("0xb7374000");
    expect(r.f("ymsg.content-line.key")).toBe("0");
    expect(r.f("ymsg.content-line.value")).toBe("albertzaharovits");
  });

  it("names unknown services and statuses by number, and the segment's last message wins Info", () => {
    const r = tcpCapture().send(CLIENT, SERVER, [...keepAlive, ...ymsg(999, 7, [])]);
    expect(r.info).toBe("Unknown Service: 999 (status=Unknown Status: 7)   ");
  });

  it("reassembles a message split over two segments", () => {
    const c = tcpCapture();
    const first = c.send(CLIENT, SERVER, keepAlive.slice(0, 12));
    expect(first.protocol).toBe("TCP");
    const second = c.send(CLIENT, SERVER, keepAlive.slice(12));
    expect(second.protocol).toBe("YMSG");
    expect(second.f("ymsg.content-line.value")).toBe("albertzaharovits");
  });

  it("leaves payloads without the YMSG signature to others", () => {
    expect(tcpCapture().send(CLIENT, SERVER, text("YMS? not yahoo")).layers).toBe("eth:ethertype:ip:tcp:data");
  });
});
