/**
 * The indexing pass keeps no view of a window the capture reader moved past.
 *
 * The readers hand each window back to the source (ByteSource.release), and
 * the Node and browser sources read the next window into that memory. A
 * dissector, recorder or reader that kept a view of a packet's bytes past its
 * callback would then see other bytes, silently. Here a source that fills a
 * released window with a poison pattern (and reads every window into fresh
 * memory, so only the poison differs) indexes each capture in small windows
 * (many releases), and everything the pass recorded must equal what a source
 * that never reuses gives: the rows, every packet's details (re-dissected
 * from the pass's facts), the statistics, the FTP report and the credentials.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ByteSource } from "../engine/io/byte-source";
import { CaptureSession } from "../engine/session/capture-session";
import { captureFiles, fixturesDir, sharedCapturesDir } from "./corpus-files";
import { FileSource } from "./file-source";

/** Reads copied into fresh memory; released windows optionally overwritten. */
class CopyingSource implements ByteSource {
  releases = 0;
  constructor(
    private readonly bytes: Uint8Array,
    readonly name: string,
    private readonly poison: boolean,
  ) {}
  size(): number {
    return this.bytes.length;
  }
  read(offset: number, length: number): Promise<Uint8Array> {
    return Promise.resolve(this.bytes.slice(offset, Math.min(this.bytes.length, offset + length)));
  }
  release(bytes: Uint8Array): void {
    this.releases++;
    if (this.poison) bytes.fill(0xa5);
  }
}

/** Small windows: every capture below is read in many (the overlap between two is an eighth of one). */
const CHUNK = 16 * 1024;

async function everythingRecorded(bytes: Uint8Array, name: string, poison: boolean) {
  const source = new CopyingSource(bytes, name, poison);
  const session = new CaptureSession(source, { chunkSize: CHUNK });
  const load = await session.load();
  const n = session.packetCount;
  const rows = await session.rows(0, n);
  const details = [];
  for (let number = 1; number <= Math.min(n, 3000); number++) details.push(await session.details(number));
  const ftp = await session.ftpReport();
  const json = (v: unknown): string => JSON.stringify(v, (_, x: unknown) => (ArrayBuffer.isView(x) ? Array.from(x as Uint8Array) : x));
  return {
    releases: source.releases,
    recorded: json({
      load: { packets: load.packets, problem: load.problem },
      rows,
      details,
      statistics: session.statistics(),
      ftp: ftp.analysis,
      credentials: await session.credentials(),
    }),
  };
}

const fixtures = captureFiles(fixturesDir);
const corpus = captureFiles(sharedCapturesDir, /\.(pcap|pcapng|cap|snoop)$/);
if (corpus.length === 0) console.log(`released-windows: ${sharedCapturesDir} not found, the public captures are skipped`);

describe("windows handed back to the source (ByteSource.release)", () => {
  it.each([...fixtures, ...corpus].map((f) => [basename(f), f]))(
    "%s: a poisoned released window changes nothing the pass recorded",
    async (_, path) => {
      const bytes = new Uint8Array(readFileSync(path));
      const clean = await everythingRecorded(bytes, basename(path), false);
      const poisoned = await everythingRecorded(bytes, basename(path), true);
      if (bytes.length > 4 * CHUNK) expect(poisoned.releases, "windows released").toBeGreaterThan(0);
      expect(poisoned.recorded === clean.recorded, "same records with released windows poisoned").toBe(true);
    },
    60_000,
  );
});

describe("FileSource reads a window into a released buffer", () => {
  it("reuses a released window's memory for the next large read, never one buffer for two reads", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pcapscope-release-"));
    try {
      const bytes = new Uint8Array(5 << 20).map((_, i) => i * 13);
      writeFileSync(join(dir, "f"), bytes);
      const source = new FileSource(join(dir, "f"));
      const a = await source.read(0, 2 << 20);
      const b = await source.read(2 << 20, 2 << 20);
      expect(a.buffer).not.toBe(b.buffer);
      source.release(a);
      source.release(a); // twice: still one spare
      const c = await source.read(1 << 20, 2 << 20);
      const d = await source.read(3 << 20, 2 << 20);
      expect(c.buffer).toBe(a.buffer);
      expect(d.buffer).not.toBe(a.buffer);
      expect(Buffer.compare(c, bytes.subarray(1 << 20, 3 << 20))).toBe(0);
      expect(Buffer.compare(d, bytes.subarray(3 << 20, 5 << 20))).toBe(0);
      // Small reads (a packet, a stream's chunk) are never pooled.
      const small = await source.read(0, 4096);
      source.release(small);
      expect((await source.read(0, 2 << 20)).buffer).not.toBe(small.buffer);
      source.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
