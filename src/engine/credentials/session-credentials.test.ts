/**
 * The credentials of an open capture, end to end through the indexing pass:
 * what the pass keeps (credential-facts.ts) is enough, nothing is read back
 * but the capture's header and packets once.
 */
import { describe, expect, it } from "vitest";
import { MemorySource } from "../io/byte-source";
import { CaptureSession } from "../session/capture-session";
import { type Segment, tcpCapture, TH, udpCapture } from "../follow/testing";

/** A connection's segments from (sender, text) pairs: handshake, then data with running sequence numbers. */
function connection(cport: number, sport: number, talk: readonly ["c" | "s", string][]): Segment[] {
  const seq = { c: 1000, s: 5000 };
  const segs: Segment[] = [
    { from: "c", seq: seq.c - 1, flags: TH.SYN, cport, sport },
    { from: "s", seq: seq.s - 1, ack: seq.c, flags: TH.SYN | TH.ACK, cport, sport },
  ];
  for (const [from, data] of talk) {
    segs.push({ from, seq: seq[from], ack: from === "c" ? seq.s : seq.c, flags: TH.ACK | TH.PSH, data, cport, sport });
    seq[from] += data.length;
  }
  return segs;
}

/** A v1/v2c message: SEQUENCE { version, community, PDU [tag] { request-id, error-status, error-index, varbinds {} } }. */
function snmp(version: number, community: string, pduTag: number): number[] {
  const pdu = [0x02, 0x01, 0x01, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00, 0x30, 0x00];
  const body = [0x02, 0x01, version, 0x04, community.length, ...Array.from(community, (c) => c.charCodeAt(0)), pduTag, pdu.length, ...pdu];
  return [0x30, body.length, ...body];
}

async function credentialsOf(bytes: Uint8Array) {
  const session = new CaptureSession(new MemorySource(bytes, "t.pcap"), { colours: false, hashFtpData: false, prepareFtp: false });
  await session.load();
  return session.credentials();
}

describe("credentials from the indexing pass", () => {
  it("HTTP on a port of its own (a request line opens it), with the response's status; Telnet on 23; nothing from other streams", async () => {
    const bytes = tcpCapture([
      ...connection(40001, 8081, [
        ["c", `GET /admin HTTP/1.1\r\nHost: box:8081\r\nAuthorization: Basic ${btoa("root:hunter2")}\r\n\r\n`],
        ["s", "HTTP/1.1 401 Unauthorized\r\nContent-Length: 5\r\n\r\nnope\n"],
      ]),
      ...connection(40002, 23, [
        ["s", "login: "],
        ["c", "ops\r\n"],
        ["s", "Password: "],
        ["c", "pw\r\n"],
        ["s", "\r\n$ "],
      ]),
      // Port 9999, opening with no request line: not kept.
      ...connection(40003, 9999, [["c", `user=a&password=b\r\nAuthorization: Basic ${btoa("x:y")}\r\n`]]),
    ]);
    const found = await credentialsOf(bytes);
    expect(found.map(({ id, protocol, kind, user, secret, result, frame, stream, client, server }) => ({ id, protocol, kind, user, secret, result, frame, stream, client, server }))).toEqual([
      {
        id: 0,
        protocol: "HTTP",
        kind: "HTTP Basic",
        user: "root",
        secret: "hunter2",
        result: "failed",
        frame: 3,
        stream: 0,
        client: { address: "10.0.0.1", port: 40001 },
        server: { address: "10.0.0.2", port: 8081 },
      },
      {
        id: 1,
        protocol: "Telnet",
        kind: "Telnet login",
        user: "ops",
        secret: "pw",
        result: "success",
        frame: 10,
        stream: 1,
        client: { address: "10.0.0.1", port: 40002 },
        server: { address: "10.0.0.2", port: 23 },
      },
    ]);
    expect(found[0]!.time).toBeCloseTo(1_700_000_000.003, 6);
  });

  it("SNMP communities: one per client, agent and community; an answered one was accepted", async () => {
    const bytes = udpCapture(
      [
        { from: "c", data: snmp(1, "private", 0xa3) }, // set-request
        { from: "s", data: snmp(1, "private", 0xa2) }, // get-response
        { from: "c", data: snmp(1, "private", 0xa0) }, // get-request, same community: no second record
        { from: "c", data: snmp(0, "guess", 0xa0) }, // unanswered
      ],
      50000,
      161,
    );
    const found = await credentialsOf(bytes);
    expect(found.map(({ protocol, kind, user, secret, result, frame, detail, transport }) => ({ protocol, kind, user, secret, result, frame, detail, transport }))).toEqual([
      { protocol: "SNMP", kind: "SNMP community", user: "", secret: "private", result: "success", frame: 1, detail: "SNMPv2c, set-request", transport: "udp" },
      { protocol: "SNMP", kind: "SNMP community", user: "", secret: "guess", result: "unknown", frame: 4, detail: "SNMPv1", transport: "udp" },
    ]);
  });
});
