/**
 * Every fixture converted to every capture format tshark reads and we do
 * (`editcap -F`: the 1999 pcap variants, nanosecond pcap, snoop, NetMon
 * 1.x/2.x; a pcap file of version 2.2 with its lengths in the old order,
 * made here by rewriting one; gzip of the pcap and of the pcapng), read by
 * pcapscope and by tshark: the `-T fields` frame/Ethernet/IP/TCP columns
 * and the `-r` summary lines must be identical. Skips with a notice when
 * tshark or editcap is missing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { gzipSync } from "node:zlib";
import { hasTshark } from "../../scripts/follow-compare";
import { captureFiles, fixturesDir } from "./corpus-files";
import { run } from "./main";

const FIELDS = [
  "frame.number",
  "frame.time_epoch",
  "frame.len",
  "frame.cap_len",
  "eth.src",
  "eth.dst",
  "eth.type",
  "ip.src",
  "ip.dst",
  "ip.proto",
  "ip.len",
  "ip.ttl",
  "tcp.srcport",
  "tcp.dstport",
  "tcp.seq",
  "tcp.ack",
  "tcp.len",
  "tcp.flags",
];

/** editcap -F names, and what the test makes itself. */
const EDITCAP = ["modpcap", "nokiapcap", "rh6_1pcap", "suse6_3pcap", "nseclibpcap", "snoop", "netmon1", "netmon2"];
const MADE = ["pcap-2.2-swapped-lengths", "pcap.gz", "pcapng.gz"];

const editcap = ((): boolean => {
  try {
    execFileSync("editcap", ["-h"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
const ready = hasTshark() && editcap;
if (!ready) console.log("capture formats: skipped, tshark or editcap is not installed");

const fixtures = captureFiles(fixturesDir);
const dir = ready ? mkdtempSync(join(tmpdir(), "pcapscope-formats-")) : "";
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Writes `fixture` in `format` into the temp folder; returns its path. */
function convert(fixture: string, format: string): string {
  const out = join(dir, `${basename(fixture)}.${format}`);
  if (EDITCAP.includes(format)) execFileSync("editcap", ["-F", format, fixture, out], { stdio: "ignore" });
  else if (format === "pcap-2.2-swapped-lengths") {
    const plain = `${out}.tmp`;
    execFileSync("editcap", ["-F", "pcap", fixture, plain], { stdio: "ignore" });
    writeFileSync(out, oldLengthOrder(readFileSync(plain)));
  } else {
    const kind = format.replace(/\.gz$/, "");
    const plain = `${out}.tmp`;
    execFileSync("editcap", ["-F", kind, fixture, plain], { stdio: "ignore" });
    writeFileSync(out, gzipSync(readFileSync(plain)));
  }
  return out;
}

/** A little-endian microsecond pcap (editcap's) as a version 2.2 writer stored it: captured and original lengths swapped. */
function oldLengthOrder(bytes: Buffer): Buffer {
  const b = Buffer.from(bytes);
  b.writeUInt16LE(2, 6);
  for (let at = 24; at + 16 <= b.length;) {
    const capLen = b.readUInt32LE(at + 8);
    b.writeUInt32LE(b.readUInt32LE(at + 12), at + 8);
    b.writeUInt32LE(capLen, at + 12);
    at += 16 + capLen;
  }
  return b;
}

async function ours(args: string[]): Promise<string> {
  let stdout = "";
  await run(args, { stdout: (s) => (stdout += s), stderr: () => undefined });
  return stdout;
}

const execFileAsync = promisify(execFile);
const tshark = async (args: string[]): Promise<string> =>
  (await execFileAsync("tshark", args, { encoding: "utf8", env: { ...process.env, LC_ALL: "C" }, maxBuffer: 64 << 20 })).stdout;

const fieldArgs = (file: string): string[] => ["-n", "-r", file, "-T", "fields", ...FIELDS.flatMap((f) => ["-e", f])];
const summaryArgs = (file: string): string[] => ["-n", "-r", file];

interface Case {
  format: string;
  fixture: string;
  file: string;
  fields: string;
  summary: string;
}
const cases: Case[] = [];
const FORMATS = [...EDITCAP, ...MADE];

/** Runs `work` over `items`, `width` at a time (tshark's start-up is mostly waiting: three at once take little longer than one). */
async function pool<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

const tally = { identical: 0, total: 0 };

describe.skipIf(!ready)("capture formats: every fixture in every format reads as tshark reads it", () => {
  beforeAll(async () => {
    for (const format of FORMATS)
      for (const fixture of fixtures) cases.push({ format, fixture, file: convert(fixture, format), fields: "", summary: "" });
    await pool(cases, 3, async (c) => {
      c.fields = await tshark(fieldArgs(c.file));
      c.summary = await tshark(summaryArgs(c.file));
    });
  }, 900_000);

  for (const format of FORMATS) {
    it.each(fixtures.map((f) => [basename(f), f] as const))(`${format}: %s`, async (_name, fixture) => {
      const c = cases.find((k) => k.format === format && k.fixture === fixture)!;
      tally.total++;
      const fields = await ours(fieldArgs(c.file));
      expect(fields.length, "pcapscope printed nothing").toBeGreaterThan(0);
      expect(fields).toBe(c.fields);
      expect(await ours(summaryArgs(c.file))).toBe(c.summary);
      tally.identical++;
    });
  }
  it("summary", () => {
    console.log(`capture formats: ${tally.identical} of ${tally.total} (format × fixture) identical to tshark`);
  });
});
