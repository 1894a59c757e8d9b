/**
 * Every fixture converted to every capture format tshark reads and we do
 * (`editcap -F`: the 1999 pcap variants, nanosecond pcap, snoop, NetMon
 * 1.x/2.x; a pcap file of version 2.2 with its lengths in the old order,
 * made here by rewriting one; gzip of the pcap and of the pcapng), read by
 * pcapscope and by tshark: the `-T fields` frame/Ethernet/IP/TCP fields and
 * the summary line's columns must be identical, and the `-r` summary lines
 * themselves on two fixtures (one pcap, one pcapng) in every format. Skips with a notice when
 * tshark or editcap is missing.
 */
import { afterAll, describe, expect, it } from "vitest";
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
  // The -r line's columns (its time column is compared in SUMMARY_FIXTURES' full -r output).
  "_ws.col.Source",
  "_ws.col.Destination",
  "_ws.col.Protocol",
  "_ws.col.Length",
  "_ws.col.Info",
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

const execFileAsync = promisify(execFile);
const exec = async (command: string, args: string[]): Promise<string> =>
  (await execFileAsync(command, args, { encoding: "utf8", env: { ...process.env, LC_ALL: "C" }, maxBuffer: 64 << 20 })).stdout;

/** Writes `fixture` in `format` into the temp folder; returns its path. */
async function convert(fixture: string, format: string): Promise<string> {
  const out = join(dir, `${basename(fixture)}.${format}`);
  if (EDITCAP.includes(format)) {
    await exec("editcap", ["-F", format, fixture, out]);
    return out;
  }
  const plain = `${out}.tmp`;
  await exec("editcap", ["-F", format === "pcapng.gz" ? "pcapng" : "pcap", fixture, plain]);
  const bytes = readFileSync(plain);
  writeFileSync(out, format.endsWith(".gz") ? gzipSync(bytes) : oldLengthOrder(bytes));
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

const fieldArgs = (file: string): string[] => ["-n", "-r", file, "-T", "fields", ...FIELDS.flatMap((f) => ["-e", f])];
const summaryArgs = (file: string): string[] => ["-n", "-r", file];
const FORMATS = [...EDITCAP, ...MADE];
/** The -r summary lines are compared on these fixtures in every format (a tshark run each: the whole matrix twice took too long). */
const SUMMARY_FIXTURES = new Set(["ftp-pget-segmented-lftp-vsftpd.pcap", "ftp-ipv6-epsv-eprt-curl-pyftpdlib.pcapng"]);

const tally = { identical: 0, total: 0 };

describe.skipIf(!ready).concurrent("capture formats: every fixture in every format reads as tshark reads it", () => {
  for (const format of FORMATS) {
    it.each(fixtures.map((f) => [basename(f), f] as const))(
      `${format}: %s`,
      async (name, fixture) => {
        const file = await convert(fixture, format);
        tally.total++;
        const fields = await ours(fieldArgs(file));
        expect(fields.length, "pcapscope printed nothing").toBeGreaterThan(0);
        expect(fields).toBe(await exec("tshark", fieldArgs(file)));
        if (SUMMARY_FIXTURES.has(name)) expect(await ours(summaryArgs(file))).toBe(await exec("tshark", summaryArgs(file)));
        tally.identical++;
      },
      300_000,
    );
  }
  // The tests run concurrently: the tally is printed once they all ended.
  afterAll(() => {
    console.log(`capture formats: ${tally.identical} of ${tally.total} (format × fixture) identical to tshark`);
  });
});
