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
    cap.send(server, client, packet(kexInit("diffie-hellman-group14-sha1,curve25519-sha256", "chacha20-poly1305@openssh.com,aes128-ctr")));
    // The client's first kex method the server offers is curve25519: messages 30/31 are ECDH's.
    expect(cap.send(client, server, packet([30, ...new Array<number>(36).fill(0)])).info).toBe("Client: Elliptic Curve Diffie-Hellman Key Exchange Init");
    const reply = [31, ...str([...str(text("ssh-ed25519")), ...str(new Array<number>(32).fill(0))]), ...str(new Array<number>(32).fill(0)), ...str([...str(text("ssh-ed25519")), ...str(new Array<number>(64).fill(0))])];
    expect(cap.send(server, client, [...packet(reply), ...packet([21])]).info).toBe("Server: Elliptic Curve Diffie-Hellman Key Exchange Reply, New Keys");
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

  it("says Encrypted packet (len=N) for data before any version line", () => {
    const cap = tcpCapture();
    const r = cap.send(client, server, [0, 0, 0, 12, 1, 2, 3, 4]);
    expect([r.protocol, r.info]).toEqual(["SSH", "Client: Encrypted packet (len=8)"]);
  });
});
