/**
 * SSH from hand-built segments through the whole engine: the version
 * exchange (RFC 4253 §4.2), KEXINIT name-lists (§7.1), the ECDH exchange
 * (RFC 5656 §4), NEWKEYS and what follows. Expected values are what tshark
 * 4.0.17 shows for the same segments (checked with a capture built from them).
 * Real captures: src/cli/mail-corpus.test.ts.
 */
import { describe, expect, it } from "vitest";
import { type Host, tcpCapture } from "../ip-testing";

const client: Host = { ip: [192, 0, 2, 10], port: 40003 };
const server: Host = { ip: [198, 51, 100, 25], port: 22 };

const u32 = (n: number): number[] => [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const text = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));
/** An SSH string: uint32 length and the bytes (RFC 4251 §5). */
const str = (b: number[]): number[] => [...u32(b.length), ...b];
/** A binary packet in clear: packet length, padding length, payload, padding of zeros (RFC 4253 §6). */
const packet = (payload: number[], padding = 4): number[] => [...u32(1 + payload.length + padding), padding, ...payload, ...new Array<number>(padding).fill(0)];
const kexInit = (kex: string, enc: string): number[] => [
  20, // SSH_MSG_KEXINIT
  ...new Array<number>(16).fill(0), // cookie
  ...str(text(kex)), // kex_algorithms
  ...str(text("ssh-ed25519")), // server_host_key_algorithms
  ...str(text(enc)), // encryption client to server
  ...str(text(enc)), // encryption server to client
  ...str(text("hmac-sha2-256")), ...str(text("hmac-sha2-256")), // MACs
  ...str(text("none")), ...str(text("none")), // compression
  ...str([]), ...str([]), // languages
  0, // first_kex_packet_follows
  0, 0, 0, 0, // reserved
];

describe("SSH", () => {
  it("follows the version exchange, the key exchange and the switch to encrypted packets", () => {
    const cap = tcpCapture();
    const v = cap.send(client, server, "SSH-2.0-Client_1.0\r\n");
    expect([v.protocol, v.info, v.f("ssh.protocol")]).toEqual(["SSH", "Client: Protocol (SSH-2.0-Client_1.0)", "SSH-2.0-Client_1.0"]);
    expect(cap.send(server, client, "SSH-2.0-Server_2.0\r\n").protocol).toBe("SSHv2");
    const ci = cap.send(client, server, packet(kexInit("curve25519-sha256,diffie-hellman-group14-sha1", "aes128-ctr,chacha20-poly1305@openssh.com")));
    expect([ci.info, ci.f("ssh.packet_length"), ci.f("ssh.message_code")]).toEqual(["Client: Key Exchange Init", "237", "20"]);
    // hassh: MD5 of the kex, encryption, MAC and compression lists of the sender's direction, joined by ";".
    expect([ci.f("ssh.kex.hassh_algorithms"), ci.f("ssh.kex.hassh"), ci.f("ssh.kex.hasshserver")]).toEqual([
      "curve25519-sha256,diffie-hellman-group14-sha1;aes128-ctr,chacha20-poly1305@openssh.com;hmac-sha2-256;none",
      "626066cd220e34b01ea032f72cc68b5e",
      "",
    ]);
    const si = cap.send(server, client, packet(kexInit("diffie-hellman-group14-sha1,curve25519-sha256", "chacha20-poly1305@openssh.com,aes128-ctr")));
    expect([si.f("ssh.kex.hasshserver"), si.f("ssh.kex.hassh")]).toEqual(["fa38ffcc96782f14dc952b94994d1cfb", ""]);
    expect(cap.send(client, server, packet([30, ...str(new Array<number>(32).fill(7))])).f("ssh.ecdh.q_c_length")).toBe("32");
    // The client's first kex method the server offers is curve25519: messages 30/31 are ECDH's (Q_C checked above).
    expect(cap.send(client, server, packet([30, ...str(new Array<number>(32).fill(0))])).info).toBe("Client: Elliptic Curve Diffie-Hellman Key Exchange Init");
    const reply = [31, ...str([...str(text("ssh-ed25519")), ...str(new Array<number>(32).fill(0))]), ...str(new Array<number>(32).fill(0)), ...str([...str(text("ssh-ed25519")), ...str(new Array<number>(64).fill(0))])];
    const r = cap.send(server, client, [...packet(reply), ...packet([21])]);
    expect(r.info).toBe("Server: Elliptic Curve Diffie-Hellman Key Exchange Reply, New Keys");
    // K_S (RFC 8709 §4), Q_S (RFC 5656 §4), then the signature, of which Wireshark 4.0 decodes the name only.
    expect([r.f("ssh.host_key.length"), r.f("ssh.host_key.type_length"), r.f("ssh.host_key.type"), r.f("ssh.host_key.eddsa.key_length")]).toEqual(["51", "11", "ssh-ed25519", "32"]);
    expect([r.f("ssh.ecdh.q_s_length"), r.f("ssh.host_sig.length"), r.f("ssh.host_sig.type"), r.f("ssh.host_sig.data")]).toEqual(["32", "83", "ssh-ed25519", ""]);
    expect([r.f("_ws.expert.message"), r.f("ssh.packet_decode.error"), r.f("ssh.payload")]).toEqual(["Decoded 19 bytes, but packet legnth is 83 bytes", "1", ""]);
    expect(cap.send(client, server, packet([21])).info).toBe("Client: New Keys");
    // aes128-ctr (the client's choice): Wireshark tries it with zero keys and shows nothing.
    const enc = cap.send(client, server, Array.from({ length: 40 }, (_, i) => i));
    expect([enc.protocol, enc.info]).toEqual(["SSHv2", "Client: "]);
  });

  it("shows a KEXINIT cut across segments as TCP's segment of a reassembled PDU, then the message where it ends", () => {
    const cap = tcpCapture();
    cap.send(client, server, "SSH-2.0-Client_1.0\r\n");
    cap.send(server, client, "SSH-2.0-Server_2.0\r\n");
    const init = packet(kexInit("curve25519-sha256", "aes128-ctr"));
    // dissect_ssh cleared Info before asking for more: nothing of TCP's own summary is left (the recorded ssh fixture, frame 10)
    const head = cap.send(client, server, init.slice(0, 100));
    expect([head.protocol, head.info]).toEqual(["TCP", "[TCP segment of a reassembled PDU]"]);
    const tail = cap.send(client, server, init.slice(100));
    expect([tail.protocol, tail.info]).toEqual(["SSHv2", "Client: Key Exchange Init"]);
  });

  it("reads a Diffie-Hellman reply's RSA host key and warns of the rsa-sha2-512 signature Wireshark 4.0 leaves undecoded", () => {
    const cap = tcpCapture();
    cap.send(client, server, "SSH-2.0-Client_1.0\r\n");
    cap.send(server, client, "SSH-2.0-Server_2.0\r\n");
    cap.send(client, server, packet(kexInit("diffie-hellman-group14-sha256", "aes128-ctr")));
    cap.send(server, client, packet(kexInit("diffie-hellman-group14-sha256", "aes128-ctr")));
    const init = cap.send(client, server, packet([30, ...str([0x01, 0x02, 0x03])]));
    expect([init.info, init.f("ssh.mpint_length"), init.f("ssh.dh.e")]).toEqual(["Client: Diffie-Hellman Key Exchange Init", "3", "010203"]);
    const hostKey = [...str(text("ssh-rsa")), ...str([0x01, 0x00, 0x01]), ...str([0x00, 0xc1, 0xc2])]; // type, e, n (RFC 4253 §6.6)
    const sig = [...str(text("rsa-sha2-512")), ...str([0xaa, 0xbb])]; // RFC 8332 §3
    const r = cap.send(server, client, packet([31, ...str(hostKey), ...str([0x05, 0x06]), ...str(sig)]));
    expect([r.f("ssh.host_key.type"), r.f("ssh.host_key.rsa.e"), r.f("ssh.host_key.rsa.n"), r.f("ssh.mpint_length"), r.f("ssh.dh.f")]).toEqual(["ssh-rsa", "010001", "00c1c2", "3,3,2", "0506"]);
    // 4 (length) + 4 (type length) + 12 (type) decoded of 4 + 22; the data shown, not counted.
    expect([r.f("ssh.host_sig.type"), r.f("ssh.host_sig.data"), r.f("_ws.expert.message")]).toEqual(["rsa-sha2-512", "00000002aabb", "Decoded 20 bytes, but packet legnth is 22 bytes"]);
    // A signature blob whose length runs past the packet: malformed, as Wireshark's tvb read throws.
    const cut = cap.send(server, client, packet([31, ...str(hostKey), ...str([0x05]), ...u32(500), 0, 0]));
    expect(cut.malformed).toMatch(/^SSH: /);
  });

  it("says Encrypted packet (len=N) for data before any version line", () => {
    const cap = tcpCapture();
    const r = cap.send(client, server, [0, 0, 0, 12, 1, 2, 3, 4]);
    expect([r.protocol, r.info]).toEqual(["SSH", "Client: Encrypted packet (len=8)"]);
  });
});
