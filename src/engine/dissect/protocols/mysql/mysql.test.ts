/**
 * MySQL's connection phase from hand-built segments; the columns are
 * tshark 4.0.17's for the shared capture's MariaDB greeting and SSL login
 * (pcapng-comments-ether-plus-sll-odd-timestamps, frames 4 and 6).
 */
import { describe, expect, it } from "vitest";
import { tcpCapture } from "../ip-testing";

const SERVER = { ip: [127, 0, 0, 1], port: 3306 };
const CLIENT = { ip: [127, 0, 0, 2], port: 40304 };
const z = (s: string): number[] => [...Array.from(s, (c) => c.charCodeAt(0)), 0];
/** A packet: 3-byte little-endian length, packet number, payload. */
const packet = (n: number, payload: number[]): number[] => [payload.length & 0xff, (payload.length >> 8) & 0xff, payload.length >> 16, n, ...payload];

const greeting = packet(0, [
  10, // protocol
  ...z("5.5.40-MariaDB-0ubuntu0.14.04.1"), // server version
  1, 0, 0, 0, // thread id
  ...z("abcdefgh"), // first part of the scramble
]);
/** Capabilities 0xae85 (4.1, SSL, long password), extended, max packet, charset 33, 23 reserved; then `user`. */
const loginWith = (user: number[]): number[] => packet(1, [0x85, 0xae, 0x3f, 0x20, 0, 0, 0, 1, 33, ...new Array<number>(23).fill(0), ...user]);

describe("MySQL", () => {
  it("reads the server greeting", () => {
    const c = tcpCapture();
    const r = c.send(SERVER, CLIENT, greeting);
    expect(r.layers).toBe("eth:ethertype:ip:tcp:mysql");
    expect(r.protocol).toBe("MySQL");
    expect(r.info).toBe("Server Greeting  proto=10 version=5.5.40-MariaDB-0ubuntu0.14.04.1 ");
    expect(r.f("mysql.version")).toBe("5.5.40-MariaDB-0ubuntu0.14.04.1");
  });

  it("names the SSL handshake request and a plain login's user", () => {
    const c = tcpCapture();
    c.send(SERVER, CLIENT, greeting);
    expect(c.send(CLIENT, SERVER, loginWith([])).info).toBe("Response: SSL Handshake user= ");
    const plain = tcpCapture();
    plain.send(SERVER, CLIENT, greeting);
    const l = loginWith(z("root"));
    l[5] = 0xa6; // capabilities 0xa685: SSL off
    const r = plain.send(CLIENT, SERVER, l);
    expect(r.info).toBe("Login Request user=root ");
    expect(r.f("mysql.user")).toBe("root");
  });

  it("shows the greeting again when dissected a second time (-2, the details pane)", () => {
    const c = tcpCapture();
    c.send(SERVER, CLIENT, greeting);
    expect(c.again(1).info).toBe("Server Greeting  proto=10 version=5.5.40-MariaDB-0ubuntu0.14.04.1 ");
  });

  it("names the SSL request Login Request on a second pass, as tshark -2 does (packet-mysql.c's frame_start_ssl is set by then)", () => {
    const c = tcpCapture();
    c.send(SERVER, CLIENT, greeting);
    expect(c.send(CLIENT, SERVER, loginWith([])).info).toBe("Response: SSL Handshake user= ");
    expect(c.again(2).info).toBe("Login Request user= ");
  });

  it("leaves a client packet before any greeting to TCP", () => {
    const c = tcpCapture();
    expect(c.send(CLIENT, SERVER, loginWith([])).layers).toBe("eth:ethertype:ip:tcp:data");
  });
});
