/**
 * The views built from what the indexing pass recorded (engine/session/pass-facts.ts) are
 * the views built by reading and dissecting the capture again: on every
 * recorded fixture and, when ../shared exists, on every public capture,
 *
 * - the session's FTP report (recorded facts) equals the stand-alone
 *   analysis over one Follow pass of the file (ftpReportOf);
 * - each FTP data connection direction the pass hashed (data-hashes.ts) has
 *   the MD5 and SHA-256 of the bytes Follow Stream reads for it;
 * - the diagrams' per-packet facts equal those of a session that recorded
 *   nothing (followFacts: false), which re-dissects the rows it draws;
 * - each stream's recorded rows are the index's scan of tcp.stream/udp.stream;
 * - openingClass answers what the FTP probe's regular expressions answer.
 */
import { describe, expect, it } from "vitest";
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { createHash } from "node:crypto";
import { FileSource } from "./file-source";
import { CaptureSession } from "../engine/session/capture-session";
import { ftpReportOf } from "../engine/ftp/service";
import { COMMAND, GREETING, openingClass } from "../engine/ftp/probe";
import { packetFacts } from "../engine/diagram/packets";
import { SNIFF_BYTES } from "../engine/ftp/magic";

const FIXTURES = join(__dirname, "../../fixtures");
const fixtures = readdirSync(FIXTURES)
  .filter((f) => /\.(pcap|pcapng)$/.test(f))
  .sort()
  .map((f) => join(FIXTURES, f));
const sharedDir = resolve(process.env.PCAPSCOPE_SHARED ?? join(__dirname, "../../../shared"), "captures");
const shared = existsSync(sharedDir)
  ? readdirSync(sharedDir)
      .filter((f) => /\.(pcap|pcapng)$/.test(f))
      .sort()
      .map((f) => join(sharedDir, f))
  : [];
if (shared.length === 0) console.log(`pass facts corpus: skipped, ${sharedDir} not found (set PCAPSCOPE_SHARED to point elsewhere)`);

async function loaded(path: string, followFacts: boolean): Promise<{ session: CaptureSession; source: FileSource }> {
  const source = new FileSource(path);
  const session = new CaptureSession(source, { followFacts });
  await session.load();
  return { session, source };
}

/** Directions the pass hashed, over all captures compared (the check must not pass by hashing nothing). */
let hashedDirections = 0;

/** Every digest the pass recorded equals the hashes of what Follow Stream reads of that direction. */
async function checkDataHashes(session: CaptureSession, streams: Iterable<number>): Promise<void> {
  const hashes = session.passFacts!.dataHashes!;
  expect(hashes).not.toBeNull();
  for (const s of streams) {
    for (const d of [0, 1] as const) {
      const digest = hashes.digest(s, d);
      if (!digest) continue;
      const stream = (await session.follow("tcp", s))!;
      const md5 = createHash("md5");
      const sha256 = createHash("sha256");
      let bytes = 0;
      const head: number[] = [];
      for (const p of await stream.read(d)) {
        expect(p.kind, `tcp.stream ${s} direction ${d}: a hashed direction has no gap`).toBe("data");
        if (p.kind !== "data") continue;
        md5.update(p.bytes);
        sha256.update(p.bytes);
        bytes += p.bytes.length;
        if (head.length < SNIFF_BYTES) head.push(...p.bytes.subarray(0, SNIFF_BYTES - head.length));
      }
      expect([...digest.head], `tcp.stream ${s} direction ${d}: first bytes`).toEqual(head);
      expect({ bytes, md5: md5.digest("hex"), sha256: sha256.digest("hex") }, `tcp.stream ${s} direction ${d}`).toEqual({ bytes: digest.bytes, md5: digest.md5, sha256: digest.sha256 });
      hashedDirections++;
    }
  }
}

async function compare(path: string): Promise<void> {
  const a = await loaded(path, true);
  const b = await loaded(path, false);
  const plain = new FileSource(path);
  try {
    const facts = a.session.passFacts!;
    expect(facts).not.toBeNull();
    const ix = a.session.index;
    // Stream → rows, against a scan of the index.
    const tcp = new Map<number, number[]>();
    const udp = new Map<number, number[]>();
    for (let row = 0; row < ix.count; row++) {
      const t = ix.tcpStream[row]!;
      const u = ix.udpStream[row]!;
      if (t >= 0) (tcp.get(t) ?? tcp.set(t, []).get(t)!).push(row);
      if (u >= 0) (udp.get(u) ?? udp.set(u, []).get(u)!).push(row);
    }
    expect(facts.tcpRows.streams).toBe(tcp.size);
    for (const [s, rows] of tcp) expect([...facts.tcpRows.rowsOf(s)], `tcp.stream ${s}`).toEqual(rows);
    for (const [s, rows] of udp) expect([...facts.udpRows.rowsOf(s)], `udp.stream ${s}`).toEqual(rows);

    await checkDataHashes(a.session, tcp.keys());

    // The FTP report, recorded against re-read.
    const recorded = await a.session.ftpReport();
    const reread = await ftpReportOf(plain);
    expect(recorded.analysis).toEqual(reread.analysis);

    // The diagrams' facts of every TCP stream, recorded against re-dissected.
    const streams = [...tcp.keys()];
    const x = await packetFacts(a.session, streams);
    const y = await packetFacts(b.session, streams);
    expect(x).toEqual(y);
  } finally {
    a.source.close();
    b.source.close();
    plain.close();
  }
}

describe("what the indexing pass records serves the views as a second reading would", () => {
  for (const path of fixtures) it(path.slice(FIXTURES.length + 1), () => compare(path), 60_000);
  it("hashed FTP data connections during the pass (the digests above were checked)", () => {
    expect(hashedDirections).toBeGreaterThan(10);
  });
});

describe.skipIf(shared.length === 0)("pass facts on ../shared/captures", () => {
  for (const path of shared) it(path.slice(sharedDir.length + 1), () => compare(path), 120_000);
});

describe("openingClass", () => {
  const greeting = /^220[ -]/;
  const command = /^[A-Za-z]{3,4}(?: |\r|\n|$)/;
  const alphabet = ["2", "0", "2", " ", "-", "\r", "\n", "A", "z", "q", "P", "1", "_", "\t"];
  it("answers the probe's regular expressions on every short text over a telling alphabet", () => {
    // Every string of up to 5 characters over the alphabet, then 7 with a fixed prefix: the
    // boundaries (3 or 4 letters, end of the 6 bytes looked at, "220" then space or dash).
    const check = (s: string): void => {
      const bytes = Uint8Array.from(s, (c) => c.charCodeAt(0));
      const padded = new Uint8Array(bytes.length + 2);
      padded.set(bytes, 1);
      const want = (greeting.test(s) ? GREETING : 0) | (command.test(s.slice(0, 6)) ? COMMAND : 0);
      expect(openingClass(padded, 1, bytes.length), JSON.stringify(s)).toBe(want);
    };
    const walk = (prefix: string, depth: number): void => {
      check(prefix);
      if (depth === 0) return;
      for (const c of alphabet) walk(prefix + c, depth - 1);
    };
    walk("", 4);
    for (const p of ["220", "USER", "PAS", "Quit", "ab1"]) walk(p, 3);
  });
});
