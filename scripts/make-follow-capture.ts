/**
 * Writes a synthetic capture for measuring Follow Stream on a big stream:
 * one TCP connection (10.1.0.1:51000 → 10.1.0.2:20) whose server sends SIZE
 * MB in 1448-byte segments, the client acknowledging every second one; the
 * server's sequence numbers wrap past 2^32 along the way. Never committed:
 *
 *   npx tsx scripts/make-follow-capture.ts /tmp/big-follow.pcap 200
 *
 * Payload byte k of the stream is 32 + ((ISN + 1 + k) % 95), so a saved copy
 * can be checked.
 */
import { closeSync, openSync, writeSync } from "node:fs";

const out = process.argv[2] ?? "/tmp/big-follow.pcap";
const size = Math.round(Number(process.argv[3] ?? 200) * 1024 * 1024);
const CLIENT_ISN = 1000;
const SERVER_ISN = 0xfff00000;

const fd = openSync(out, "w");
const header = Buffer.alloc(24);
header.writeUInt32LE(0xa1b2c3d4, 0); // magic, microseconds
header.writeUInt16LE(2, 4); // version major
header.writeUInt16LE(4, 6); // version minor
header.writeUInt32LE(262144, 16); // snap length
header.writeUInt32LE(1, 20); // Ethernet
writeSync(fd, header);

const buf = Buffer.alloc(8 << 20);
let pos = 0;
let micros = 0;
const flush = (): void => {
  writeSync(fd, buf, 0, pos);
  pos = 0;
};

function packet(fromServer: boolean, seq: number, ack: number, flags: number, payload: number): void {
  const len = 14 + 20 + 20 + payload;
  if (pos + 16 + len > buf.length) flush();
  micros += 10;
  buf.writeUInt32LE(1_700_000_000 + Math.floor(micros / 1e6), pos); // ts_sec
  buf.writeUInt32LE(micros % 1e6, pos + 4); // ts_usec
  buf.writeUInt32LE(len, pos + 8); // incl_len
  buf.writeUInt32LE(len, pos + 12); // orig_len
  pos += 16;
  const e = pos;
  buf.fill(0, e, e + 54);
  buf[e + 5] = fromServer ? 2 : 1; // destination MAC 00:..:0x
  buf[e + 11] = fromServer ? 1 : 2; // source MAC
  buf.writeUInt16BE(0x0800, e + 12); // IPv4
  const ip = e + 14;
  buf[ip] = 0x45; // version 4, 5 words
  buf.writeUInt16BE(40 + payload, ip + 2); // total length
  buf[ip + 6] = 0x40; // DF
  buf[ip + 8] = 64; // TTL
  buf[ip + 9] = 6; // TCP
  const client = [10, 1, 0, 1];
  const server = [10, 1, 0, 2];
  (fromServer ? server : client).forEach((x, i) => (buf[ip + 12 + i] = x));
  (fromServer ? client : server).forEach((x, i) => (buf[ip + 16 + i] = x));
  const tcp = ip + 20;
  buf.writeUInt16BE(fromServer ? 20 : 51000, tcp);
  buf.writeUInt16BE(fromServer ? 51000 : 20, tcp + 2);
  buf.writeUInt32BE(seq >>> 0, tcp + 4);
  buf.writeUInt32BE(ack >>> 0, tcp + 8);
  buf[tcp + 12] = 0x50; // 5 words
  buf[tcp + 13] = flags;
  buf.writeUInt16BE(65535, tcp + 14); // window
  for (let i = 0; i < payload; i++) buf[tcp + 20 + i] = 32 + ((seq + i) % 95);
  pos += len;
}

packet(false, CLIENT_ISN, 0, 0x02, 0); // SYN
packet(true, SERVER_ISN, CLIENT_ISN + 1, 0x12, 0); // SYN, ACK
packet(false, CLIENT_ISN + 1, SERVER_ISN + 1, 0x10, 0); // ACK
let sent = 0;
let segments = 0;
while (sent < size) {
  const len = Math.min(1448, size - sent);
  packet(true, SERVER_ISN + 1 + sent, CLIENT_ISN + 1, 0x18, len);
  sent += len;
  if (++segments % 2 === 0) packet(false, CLIENT_ISN + 1, SERVER_ISN + 1 + sent, 0x10, 0);
}
packet(true, SERVER_ISN + 1 + sent, CLIENT_ISN + 1, 0x11, 0); // FIN
packet(false, CLIENT_ISN + 1, SERVER_ISN + 2 + sent, 0x11, 0); // FIN
packet(true, SERVER_ISN + 2 + sent, CLIENT_ISN + 2, 0x10, 0); // ACK
flush();
closeSync(fd);
console.log(`${out}: one TCP stream of ${size} bytes`);
