/**
 * TLS from hand-built records in Ethernet/IPv4/TCP segments, dissected
 * through the whole engine, so TCP reassembles records and handshake
 * messages that span segments as it does for captures. Expected
 * Info/Protocol texts are tshark 4.0.17's for the same bytes; real captures
 * go through scripts/tshark-compare.ts.
 */
import { describe, expect, it } from "vitest";
import { type Result, type RunOptions, threw } from "../testing";
import { type Host, type Payload, tcpCapture } from "../ip-testing";

const u16 = (v: number): number[] => [v >> 8, v & 0xff];
const u24 = (v: number): number[] => [(v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff];
const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

/** A record: content type, version, length, fragment (RFC 5246 §6.2.1). */
const record = (type: number, version: number, body: number[]): number[] => [type, ...u16(version), ...u16(body.length), ...body];
/** A handshake message: type, 24-bit length, body (RFC 5246 §7.4). */
const hs = (type: number, body: number[]): number[] => [type, ...u24(body.length), ...body];
const ext = (type: number, body: number[]): number[] => [...u16(type), ...u16(body.length), ...body];

const RANDOM = Array.from({ length: 32 }, (_, i) => i + 1);

/** server_name with one host_name (RFC 6066 §3). */
const sni = (host: string): number[] => {
  const name = ascii(host);
  return ext(0, [
    ...u16(name.length + 3), // server_name_list length
    0, // name_type host_name
    ...u16(name.length), // HostName length
    ...name, // HostName
  ]);
};

/** A TLS 1.2 Client Hello for example.org. */
const CLIENT_HELLO_BODY = [
  ...u16(0x0303), // client_version TLS 1.2
  ...RANDOM, // random
  0, // session_id length
  ...u16(4), // cipher_suites length
  ...u16(0xc02f), // TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
  ...u16(0x009c), // TLS_RSA_WITH_AES_128_GCM_SHA256
  1, // compression_methods length
  0, // null
  ...u16(sni("example.org").length + 8 + 9), // extensions length: server_name + supported_groups (8) + ALPN (9)
  ...sni("example.org"), // server_name
  ...ext(10, [...u16(2), ...u16(0x001d)]), // supported_groups: x25519
  ...ext(16, [...u16(3), 2, ...ascii("h2")]), // ALPN: "h2"
];
const CLIENT_HELLO = record(22, 0x0301, hs(1, CLIENT_HELLO_BODY));

/** A Server Hello that picks TLS 1.3 through supported_versions (RFC 8446 §4.2.1). */
const SERVER_HELLO_13 = record(
  22,
  0x0303,
  hs(2, [
    ...u16(0x0303), // legacy_version
    ...RANDOM, // random
    0, // legacy_session_id_echo length
    ...u16(0x1301), // cipher_suite TLS_AES_128_GCM_SHA256
    0, // legacy_compression_method
    ...u16(6), // extensions length
    ...ext(43, u16(0x0304)), // supported_versions: TLS 1.3
  ]),
);

const CLIENT: Host = { ip: [10, 0, 0, 1], port: 50000 };
const SERVER: Host = { ip: [10, 0, 0, 2], port: 443 };

/** A TCP connection CLIENT <-> SERVER (port 443 unless told) in a capture of its own. */
function conversation(serverPort = SERVER.port) {
  const cap = tcpCapture();
  const server = { ...SERVER, port: serverPort };
  return {
    /** One segment from the client (true) or the server. */
    send: (bytes: Payload, fromClient: boolean, o?: RunOptions & { snap?: number }): Result => (fromClient ? cap.send(CLIENT, server, bytes, o) : cap.send(server, CLIENT, bytes, o)),
  };
}

/** A segment whose bytes TCP keeps for a PDU that continues in a later one: nothing of TLS shows yet. */
const held = (r: Result) => [r.protocol, r.info.endsWith("[TCP segment of a reassembled PDU]"), r.f("tls.record.content_type")];

describe("TLS", () => {
  it("decodes a Client Hello: record, handshake, SNI, Info and the record-version Protocol column", () => {
    const c = conversation();
    const r = c.send(CLIENT_HELLO, true);
    expect(r.protocol).toBe("TLSv1");
    expect(r.info).toBe("Client Hello");
    expect(r.layers).toBe("eth:ethertype:ip:tcp:tls");
    expect(r.f("tls.record.content_type")).toBe("22");
    expect(r.f("tls.record.version")).toBe("0x0301");
    expect(r.f("tls.record.length")).toBe(String(CLIENT_HELLO.length - 5));
    expect(r.f("tls.handshake.type")).toBe("1");
    expect(r.f("tls.handshake.version")).toBe("0x0303");
    expect(r.f("tls.handshake.ciphersuite")).toBe("0xc02f,0x009c");
    expect(r.f("tls.handshake.extension.type")).toBe("0,10,16");
    expect(r.f("tls.handshake.extensions_server_name")).toBe("example.org");
    expect(r.f("tls.handshake.extensions_server_name_len")).toBe("11");
    expect(r.f("tls.handshake.extensions_alpn_str")).toBe("h2");
    expect(r.f("tls.handshake.ja3_full")).toBe("771,49199-156,0-10-16,29,");
    expect(r.f("tls.handshake.ja3")).toMatch(/^[0-9a-f]{32}$/);
    // Nothing left waiting for more bytes (the Info would say "[TCP segment of a reassembled PDU]").
    expect(r.info).toBe("Client Hello");
  });

  it("asks TCP for the rest of a record split over two segments, then dissects it whole", () => {
    const c = conversation();
    const first = c.send(CLIENT_HELLO.slice(0, 30), true);
    expect(held(first)).toEqual(["TCP", true, ""]);
    expect(first.f("tls.handshake.type")).toBe("");
    // The missing bytes complete the record: reassembled from the start of frame 1's payload.
    const second = c.send(CLIENT_HELLO.slice(30), true);
    expect(second.info).toBe("Client Hello");
    expect(second.f("tls.handshake.extensions_server_name")).toBe("example.org");
    expect([second.f("tcp.segment"), second.f("tcp.reassembled.length")]).toEqual(["1,2", String(CLIENT_HELLO.length)]);
    // Fewer than the five header bytes: "one more segment".
    const c2 = conversation();
    const tiny = c2.send(CLIENT_HELLO.slice(0, 3), true);
    expect(held(tiny)).toEqual(["TCP", true, ""]);
    expect(c2.send(CLIENT_HELLO.slice(3), true).f("tls.handshake.extensions_server_name")).toBe("example.org");
  });

  it("a record after a complete one is asked for from where it starts", () => {
    const c = conversation();
    const ccs = record(20, 0x0303, [1]);
    const r = c.send([...ccs, ...CLIENT_HELLO.slice(0, 10)], true);
    expect(r.info).toBe("Change Cipher Spec");
    // The next frame completes the record, reassembled from its first byte (after the CCS) on;
    // after the client's Change Cipher Spec its handshake records count as encrypted.
    const next = c.send(CLIENT_HELLO.slice(10), true);
    expect(next.info).toBe("Encrypted Handshake Message");
    expect(next.f("tls.record.length")).toBe(String(CLIENT_HELLO.length - 5));
    expect([next.f("tcp.segment"), next.f("tcp.reassembled.length")]).toEqual(["1,2", String(CLIENT_HELLO.length)]);
  });

  it("takes the version from a Server Hello's supported_versions (TLS 1.3)", () => {
    const c = conversation();
    c.send(CLIENT_HELLO, true);
    const sh = c.send(SERVER_HELLO_13, false);
    expect(sh.protocol).toBe("TLSv1.3");
    expect(sh.info).toBe("Server Hello");
    expect(sh.f("tls.handshake.extensions.supported_version")).toBe("0x0304");
    // TLS 1.3 randoms have no time in them.
    expect(sh.f("tls.handshake.random_time")).toBe("");
    // Encrypted records from now on: opaque type, no content type.
    const app = c.send(record(23, 0x0303, new Array(40).fill(0x42)), true);
    expect(app.protocol).toBe("TLSv1.3");
    expect(app.info).toBe("Application Data");
    expect(app.f("tls.record.opaque_type")).toBe("23");
    expect(app.f("tls.record.content_type")).toBe("");
    expect(app.f("tls.app_data")).toBe("42".repeat(40));
    expect(app.f("tls.app_data_proto")).toBe("Hypertext Transfer Protocol");
  });

  it("re-dissected, a Client Hello names the version the server chose, as on tshark's second pass", () => {
    // Wireshark keeps the version in the conversation: tshark 4.0.17 -2 on
    // these bytes prints TLSv1.3 (TLSv1.2 for a TLS 1.2 Server Hello) on the
    // Client Hello, and TLSv1 (its record's version) while nobody answered.
    const cap = tcpCapture();
    const first = cap.send(CLIENT, SERVER, CLIENT_HELLO);
    expect(first.protocol).toBe("TLSv1");
    expect(cap.again(1).protocol).toBe("TLSv1");
    cap.send(SERVER, CLIENT, SERVER_HELLO_13);
    const again = cap.again(1);
    expect([again.protocol, again.info, again.f("tls.record.content_type"), again.f("tls.handshake.extensions_server_name")]).toEqual(["TLSv1.3", "Client Hello", "22", "example.org"]);
    expect(JSON.stringify(cap.again(1, { tree: true }).tree)).toContain("TLSv1.3 Record Layer: Handshake Protocol: Client Hello");
    // Re-dissecting the Server Hello leaves the conversation as it was.
    expect(cap.again(2).protocol).toBe("TLSv1.3");
    expect(cap.again(1).protocol).toBe("TLSv1.3");

    const c12 = tcpCapture();
    c12.send(CLIENT, SERVER, CLIENT_HELLO);
    c12.send(SERVER, CLIENT, record(22, 0x0303, hs(2, [...u16(0x0303), ...RANDOM, 0, ...u16(0xc02f), 0])));
    expect(c12.again(1).protocol).toBe("TLSv1.2");
  });

  it("reassembles a handshake message spread over two records", () => {
    const c = conversation();
    // Certificate: one 4-byte "certificate", a BER SEQUENCE holding INTEGER 0.
    const body = hs(11, [...u24(7), ...u24(4), 0x30, 0x02, 0x01, 0x00]);
    c.send(CLIENT_HELLO, true);
    c.send(record(22, 0x0303, hs(2, [...u16(0x0303), ...RANDOM, 0, ...u16(0xc02f), 0])), false);
    const a = c.send(record(22, 0x0303, body.slice(0, 6)), false);
    expect(a.info).toBe("[Certificate Fragment]");
    const b = c.send(record(22, 0x0303, body.slice(6)), false);
    expect(b.info).toBe("Certificate");
    expect(b.f("tls.handshake.certificate")).toBe("30020100");
    expect(b.f("tls.handshake.certificates_length")).toBe("7");
    // Dissected from "Reassembled TLS Handshake", the fragments of frames 3 and 4.
    expect([b.f("tls.handshake.fragment"), b.f("tls.handshake.fragment.count")]).toEqual(["3,4", "2"]);
  });

  it("a certificate whose BER header runs past the data is malformed, and ends the segment", () => {
    const c = conversation();
    c.send(CLIENT_HELLO, true);
    c.send(record(22, 0x0303, hs(2, [...u16(0x0303), ...RANDOM, 0, ...u16(0xc02f), 0])), false);
    // 0xde 0xad: a long-form length of 45 bytes, far past the end.
    const cert = [0xde, 0xad, 0xbe, 0xef];
    const r = c.send([...record(22, 0x0303, hs(11, [...u24(7), ...u24(4), ...cert])), ...record(22, 0x0303, hs(14, []))], false);
    expect(r.info).toBe("Certificate[Malformed Packet]");
    expect(r.f("tls.handshake.certificate_length")).toBe("4");
    expect(r.f("tls.handshake.certificate")).toBe("");
  });

  it("decodes alerts, Change Cipher Spec and encrypted handshake messages", () => {
    const c = conversation();
    c.send(CLIENT_HELLO, true);
    expect(c.send(record(21, 0x0303, [2, 40]), false).info).toBe("Alert (Level: Fatal, Description: Handshake Failure)");
    const ccs = c.send([...record(20, 0x0303, [1]), ...record(22, 0x0303, new Array(40).fill(0).map((_, i) => (i < 5 ? 0 : i)))], true);
    expect(ccs.info).toBe("Change Cipher Spec, Encrypted Handshake Message");
    expect(ccs.f("tls.change_cipher_spec")).toBe("1");
    expect(c.send(record(21, 0x0303, new Array(26).fill(9)), true).info).toBe("Encrypted Alert");
  });

  it("never throws on garbage, truncation or plain text", () => {
    const c = conversation();
    // Not a record: TLS declines it, and it stays plain data.
    const text = c.send(ascii("USER anonymous\r\n"), true);
    expect([text.protocol, text.layers, text.f("tls.record.content_type")]).toEqual(["TCP", "eth:ethertype:ip:tcp:data", ""]);
    // Every prefix of a Client Hello in a frame cut by the snap length (no reassembly).
    for (let n = 0; n <= CLIENT_HELLO.length; n++) expect(threw(conversation().send(CLIENT_HELLO, true, { snap: n }))).toBe(false);
    // A Client Hello whose last extension (ALPN) claims 0xff05 bytes: tshark
    // stops at it, and its JA3 string stops after the extension types.
    const bad = [...CLIENT_HELLO];
    bad[bad.length - 7] = 0xff;
    const b = conversation().send(bad, true);
    expect(b.info).toBe("Client Hello");
    expect(b.f("tls.handshake.extensions_alpn_str")).toBe("");
    expect(b.f("tls.handshake.ja3_full")).toBe("771,49199-156,0-10-16");
    // A handshake header claiming 16 MiB in a 5-byte record: tshark waits for the rest.
    const g = conversation().send([0x16, 0x03, 0x01, 0x00, 0x05, 1, 0xff, 0xff, 0xff, 0], true);
    expect(g.info).toBe("[Client Hello Fragment]");
    const junk = conversation().send([0x99, 0x03, 0x01, 0x00, 0x05, 1, 2, 3, 4, 5], true);
    expect(junk.info).toBe("Continuation Data");
  });

  it("STARTTLS: nothing before the upgrade frame, TLS with the application protocol after", () => {
    const c = conversation(21);
    // FTP's AUTH TLS (RFC 4217 §4) and its 234 reply: the upgrade frame is still FTP.
    c.send("AUTH TLS\r\n", true);
    const first = c.send("234 Proceed\r\n", false);
    expect([first.protocol, first.f("tls.record.content_type")]).toEqual(["FTP", ""]);
    const ch = c.send(CLIENT_HELLO, true);
    expect(ch.info).toBe("Client Hello");
    const app = c.send(record(23, 0x0303, [1, 2, 3]), false);
    expect(app.f("tls.app_data_proto")).toBe("File Transfer Protocol (FTP)");
  });

  it("the TCP heuristic takes a Client Hello on any port, and the rest of that conversation", () => {
    const cap = tcpCapture();
    const mysql: Host = { ip: SERVER.ip, port: 3306 };
    // No dissector for the port and not TLS: plain data.
    const junk = cap.send({ ...CLIENT, port: 40305 }, mysql, [1, 2, 3, 4, 5, 6]);
    expect([junk.protocol, junk.layers]).toEqual(["TCP", "eth:ethertype:ip:tcp:data"]);
    const client = { ...CLIENT, port: 40304 };
    const hello = cap.send(client, mysql, CLIENT_HELLO);
    expect([hello.layers, hello.info]).toEqual(["eth:ethertype:ip:tcp:tls", "Client Hello"]);
    // A later segment that starts mid-record still goes to TLS (no version
    // agreed yet, so the column says "SSL", as tshark's does).
    const later = cap.send(client, mysql, [0x55, 0x66, 0x77, 0x88, 0x99, 0]);
    expect(later.protocol).toBe("SSL");
    expect(later.info).toBe("Continuation Data");
  });
});
