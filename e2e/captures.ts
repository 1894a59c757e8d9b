/**
 * Captures the end-to-end tests make for themselves: a damaged copy of a
 * fixture and large synthetic files, written to a temporary directory (never
 * committed).
 */
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(fileURLToPath(new URL(".", import.meta.url)), "..");

/** The textbook FTP fixture the project recorded (the same file the sample button serves). */
export function ftpFixture(): string {
  const dir = join(ROOT, "fixtures");
  const preferred = join(dir, "ftp-active-tnftp-vsftpd-ls-get.pcap");
  if (existsSync(preferred)) return preferred;
  const any = readdirSync(dir).find((f) => /^ftp.*\.pcap$/.test(f));
  if (!any) throw new Error("no FTP fixture in fixtures/");
  return join(dir, any);
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "pcapscope-e2e-"));
}

/** Classic pcap: number of records, and the file offset of each record header. */
export function pcapRecords(bytes: Uint8Array): number[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const le = dv.getUint32(0, true) === 0xa1b2c3d4 || dv.getUint32(0, true) === 0xa1b23c4d;
  const offsets: number[] = [];
  let at = 24;
  while (at + 16 <= bytes.length) {
    const capLen = dv.getUint32(at + 8, le);
    if (at + 16 + capLen > bytes.length) break;
    offsets.push(at);
    at += 16 + capLen;
  }
  return offsets;
}

/** A copy of `file` cut in the middle of its last packet; says where. */
export function truncatedCopy(file: string, dir: string): { path: string; packet: number; offset: number } {
  const bytes = new Uint8Array(readFileSync(file));
  const records = pcapRecords(bytes);
  const last = records[records.length - 1]!;
  const path = join(dir, "damaged.pcap");
  writeFileSync(path, bytes.subarray(0, last + 16 + 4));
  return { path, packet: records.length, offset: last };
}

/**
 * A pcap of `count` tiny Ethernet/IPv4/UDP frames (42 bytes each), 1 ms
 * apart, addresses cycling through 10.0.0.0/16, to UDP port `dstPort`,
 * written in 4 MB chunks.
 */
export function syntheticPcap(path: string, count: number, dstPort = 5000): void {
  const FRAME = 42;
  const RECORD = 16 + FRAME;
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0); // magic, microseconds
  header.writeUInt16LE(2, 4); // version major
  header.writeUInt16LE(4, 6); // version minor
  header.writeUInt32LE(65535, 16); // snaplen
  header.writeUInt32LE(1, 20); // LINKTYPE_ETHERNET
  const fd = openSync(path, "w");
  try {
    writeSync(fd, header);
    const perChunk = 65536;
    const chunk = Buffer.alloc(perChunk * RECORD);
    for (let first = 0; first < count; first += perChunk) {
      const n = Math.min(perChunk, count - first);
      for (let k = 0; k < n; k++) {
        const i = first + k;
        const o = k * RECORD;
        const t = 1_700_000_000_000 + i; // ms
        chunk.writeUInt32LE(Math.floor(t / 1000), o); // ts_sec
        chunk.writeUInt32LE((t % 1000) * 1000, o + 4); // ts_usec
        chunk.writeUInt32LE(FRAME, o + 8); // incl_len
        chunk.writeUInt32LE(FRAME, o + 12); // orig_len
        const f = o + 16;
        chunk.set([0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01], f); // eth dst, src
        chunk.writeUInt16BE(0x0800, f + 12); // IPv4
        chunk.set([0x45, 0], f + 14); // version/IHL, DSCP
        chunk.writeUInt16BE(28, f + 16); // total length
        chunk.writeUInt16BE(i & 0xffff, f + 18); // identification
        chunk.writeUInt16BE(0, f + 20); // flags/fragment
        chunk.set([64, 17], f + 22); // TTL, UDP
        chunk.writeUInt16BE(0, f + 24); // checksum (unverified)
        chunk.set([10, 0, (i >> 8) & 0xff, i & 0xff], f + 26); // source
        chunk.set([10, 1, 0, 1], f + 30); // destination
        chunk.writeUInt16BE(40000 + (i % 1000), f + 34); // src port
        chunk.writeUInt16BE(dstPort, f + 36); // dst port
        chunk.writeUInt16BE(8, f + 38); // UDP length
        chunk.writeUInt16BE(0, f + 40); // UDP checksum
      }
      writeSync(fd, chunk, 0, n * RECORD);
    }
  } finally {
    closeSync(fd);
  }
}
