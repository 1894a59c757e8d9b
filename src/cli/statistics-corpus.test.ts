/**
 * `-z conv`, `-z endpoints` and `-z io,phs` against live tshark on every
 * capture the project recorded (fixtures/) and on the public captures in
 * ../shared/captures, byte for byte, statistic by statistic. Runs when
 * tshark exists (and the folder, for the shared captures); otherwise skips
 * with a printed notice.
 *
 * tshark runs with -n: pcapscope never resolves names, and tshark's
 * default MAC name resolution (vendor prefixes from its manuf file,
 * "Broadcast") changes the Ethernet tables' address texts and nothing
 * else. LC_ALL=C: tshark groups thousands only under a locale that asks for
 * it, pcapscope never does.
 *
 * Where we differ, KNOWN lists the capture and statistic with the reason
 * (protocols we do not dissect, and so on); such a statistic must still
 * differ (so a fix is noticed and the entry removed).
 */
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { basename } from "node:path";
import { hasTshark } from "../../scripts/follow-compare";
import { run } from "./main";
import { captureFiles, fixturesDir, sharedCapturesDir } from "./corpus-files";

const sharedDir = sharedCapturesDir;
const captures = [
  ...captureFiles(fixturesDir, /\.(pcap|pcapng|cap|snoop|gz)$/),
  ...captureFiles(sharedDir, /\.(pcap|pcapng|cap|snoop|gz)$/),
];
const tshark = hasTshark();

if (!tshark) console.log("statistics corpus: skipped, tshark is not installed");
else if (!existsSync(sharedDir))
  console.log(`statistics corpus: ${sharedDir} not found (set PCAPSCOPE_SHARED to point elsewhere); fixtures only`);

const TYPES = ["eth", "ip", "ipv6", "tcp", "udp"];
const SPECS = [...TYPES.map((t) => `conv,${t}`), ...TYPES.map((t) => `endpoints,${t}`), "io,phs"];

/** "capture statistic" → why our output differs from tshark's. */
const KNOWN: Record<string, string> = {
};

/** The output cut into the statistics' blocks, keyed by spec (both print them in reverse order of the -z). */
function blocks(text: string): Map<string, string> {
  const parts = text
    .split(/(?=^={80}\n\S+ (?:Conversations|Endpoints)\n)|(?=^\n={67}\nProtocol Hierarchy)/m)
    .filter((p) => p.startsWith("=") || p.startsWith("\n="));
  const out = new Map<string, string>();
  const reversed = [...SPECS].reverse();
  parts.forEach((p, i) => out.set(reversed[i] ?? `extra ${i}`, p));
  return out;
}

async function ours(file: string): Promise<string> {
  let stdout = "";
  let stderr = "";
  await run(["-r", file, "-q", ...SPECS.flatMap((z) => ["-z", z])], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return stdout;
}

const tally = { identical: 0, total: 0 };

describe.skipIf(!tshark)("statistics corpus: byte-identical to live tshark", () => {
  it.each(captures.map((file) => [basename(file), file] as const))(
    "%s",
    async (name, file) => {
      const theirs = execFileSync("tshark", ["-n", "-r", file, "-q", ...SPECS.flatMap((z) => ["-z", z])], {
        encoding: "utf8",
        env: { ...process.env, LC_ALL: "C" },
        stdio: ["ignore", "pipe", "ignore"],
        maxBuffer: 64 << 20,
      });
      const expected = blocks(theirs);
      const actual = blocks(await ours(file));
      const differing = SPECS.filter((spec) => actual.get(spec) !== expected.get(spec));
      tally.total += SPECS.length;
      tally.identical += SPECS.length - differing.length;
      // Unlisted differences fail with both texts; listed ones must still differ.
      for (const spec of differing.filter((s) => !KNOWN[`${name} ${s}`])) expect(actual.get(spec), spec).toBe(expected.get(spec));
      const fixed = SPECS.filter((s) => KNOWN[`${name} ${s}`] && !differing.includes(s));
      expect(fixed, "listed in KNOWN but now equal to tshark's output: remove them").toEqual([]);
    },
    120_000,
  );
  it("summary", () => {
    console.log(
      `statistics corpus: ${tally.identical} of ${tally.total} statistics byte-identical to tshark over ${captures.length} captures`,
    );
  });
});

/*
 * -z io,stat: several at once per capture, their intervals scaled to the
 * capture's duration (tshark's own io,stat,0 says it) so a capture of years
 * still prints a few hundred rows: whole seconds and fractions, "1.0"-style
 * precision, several filter columns, empty ones, FRAMES()/BYTES(), and
 * COUNT, SUM, MIN, MAX, AVG and LOAD over integer and relative-time fields
 * (and fields no filter names, which tshark counts as absent).
 */
const LADDER = [0.001, 0.01, 0.1, 1, 10, 100, 1000, 1e4, 1e5, 1e6, 1e7, 1e8];
const num = (n: number): string => String(Number(n.toPrecision(6)));

function ioSpecs(durationSec: number): string[] {
  // Past 2^31 s (packets of the year 586524 beside earlier ones) tshark's elapsed time has wrapped through its 32-bit
  // casts: whole-capture totals still agree, a table by intervals would be 10^5 rows of wrapped times.
  if (durationSec >= 2 ** 31) return ["io,stat,0"];
  const base = LADDER.find((b) => durationSec / b <= 400) ?? 1e9;
  const withPoint = base >= 1 ? `${base * 10}.0` : num(base * 10);
  // LOAD over a capture of no duration: tshark divides by the zero interval and dies of SIGFPE.
  const load = durationSec > 0 ? "LOAD(tcp.time_delta)tcp.time_delta," : "";
  return [
    "io,stat,0",
    `io,stat,${num(base)}`,
    `io,stat,${num(base * 2.5)},tcp,udp,,FRAMES()ip,BYTES()ipv6,  ,frame.len > 100 && !arp`,
    `io,stat,${withPoint},COUNT(tcp.analysis.retransmission)tcp.analysis.retransmission,SUM(frame.len)frame.len,MIN(frame.len)frame.len,MAX(frame.len)frame.len,AVG(ip.ttl)ip.ttl,COUNT(ip.addr)ip.addr`,
    `io,stat,${num(base / 2)},AVG(frame.time_delta)frame.time_delta,SUM(tcp.time_delta)tcp.time_delta,MIN(tcp.time_delta)tcp.time_delta,MAX(tcp.time_delta)tcp.time_delta,${load}dns || icmp || arp || icmpv6`,
    `io,stat,${num(base * 3)},MIN(tcp.len)tcp.len,MAX(udp.length)udp.length,SUM(tcp.srcport)tcp.srcport,AVG(udp.length)udp,FRAMES()tcp.flags.syn == 1,SUM(ip.len),COUNT(icmp.type)`,
  ];
}

/** Why our io,stat differs from tshark's, by "capture spec-number" (1-based, in ioSpecs' order). */
const KNOWN_IO: Record<string, string> = {};

const tsharkText = (file: string, specs: readonly string[]): string =>
  execFileSync("tshark", ["-n", "-r", file, "-q", ...specs.flatMap((z) => ["-z", z])], {
    encoding: "utf8",
    env: { ...process.env, LC_ALL: "C" },
    stdio: ["ignore", "pipe", "ignore"],
    maxBuffer: 64 << 20,
  });

/** The io,stat tables in printed order (the last -z first). */
const ioBlocks = (text: string): string[] => text.split(/(?=^\n=+\n\| IO Statistics)/m).filter((p) => p.startsWith("\n="));

const ioTally = { identical: 0, total: 0 };

describe.skipIf(!tshark)("-z io,stat corpus: byte-identical to live tshark", () => {
  it.each(captures.map((file) => [basename(file), file] as const))(
    "%s",
    async (name, file) => {
      const duration = /Duration: +([\d.]+) secs/.exec(tsharkText(file, ["io,stat,0"]));
      const specs = ioSpecs(duration ? Number(duration[1]) : 0);
      const expected = ioBlocks(tsharkText(file, specs)).reverse();
      let stdout = "";
      await run(["-r", file, "-q", ...specs.flatMap((z) => ["-z", z])], { stdout: (s) => (stdout += s), stderr: () => {} });
      const actual = ioBlocks(stdout).reverse();
      expect(expected.length).toBe(specs.length);
      const differing = specs.map((_, i) => i + 1).filter((n) => actual[n - 1] !== expected[n - 1]);
      ioTally.total += specs.length;
      ioTally.identical += specs.length - differing.length;
      for (const n of differing.filter((k) => !KNOWN_IO[`${name} ${k}`])) expect(actual[n - 1], specs[n - 1]).toBe(expected[n - 1]);
      const fixed = specs.map((_, i) => i + 1).filter((n) => KNOWN_IO[`${name} ${n}`] && !differing.includes(n));
      expect(fixed, "listed in KNOWN_IO but now equal to tshark's output: remove them").toEqual([]);
    },
    180_000,
  );
  it("summary", () => {
    console.log(
      `-z io,stat corpus: ${ioTally.identical} of ${ioTally.total} tables byte-identical to tshark over ${captures.length} captures`,
    );
  });
});

/*
 * -z expert: every item's severity, group, protocol and summary, and their
 * order, against live tshark: all levels over the whole capture, and warnings
 * and errors of the TCP packets (a level and a tap filter). Each runs alone
 * (two expert taps' texts cannot be told apart).
 */
const EXPERT_SPECS = ["expert", "expert,warn,tcp"];

/** The recorded OpenSSH 9.2 sessions (fixtures/README.md). */
const SSH_KEX_4_0 =
  'tshark is wrong: Wireshark 4.0 reads the sntrup761x25519-sha512 keys as Diffie-Hellman values longer than its 512-byte limit (two "Invalid key length" errors on valid packets); pcapscope does not flag them';

/** "capture spec" → why our -z expert differs from tshark's. */
const KNOWN_EXPERT: Record<string, string> = {
  "ssh-publickey-password-login-openssh.pcap expert": SSH_KEX_4_0,
  "ssh-publickey-password-login-openssh.pcap expert,warn,tcp": SSH_KEX_4_0,
};

const expertTally = { identical: 0, total: 0 };

describe.skipIf(!tshark)("-z expert corpus: byte-identical to live tshark", () => {
  it.each(captures.map((file) => [basename(file), file] as const))(
    "%s",
    async (name, file) => {
      const differing: string[] = [];
      for (const spec of EXPERT_SPECS) {
        const expected = tsharkText(file, [spec]);
        let actual = "";
        await run(["-r", file, "-q", "-z", spec], { stdout: (s) => (actual += s), stderr: () => {} });
        expertTally.total++;
        if (actual === expected) expertTally.identical++;
        else if (KNOWN_EXPERT[`${name} ${spec}`]) differing.push(spec);
        else expect(actual, spec).toBe(expected);
      }
      const fixed = EXPERT_SPECS.filter((s) => KNOWN_EXPERT[`${name} ${s}`] && !differing.includes(s));
      expect(fixed, "listed in KNOWN_EXPERT but now equal to tshark's output: remove them").toEqual([]);
    },
    120_000,
  );
  it("summary", () => {
    console.log(
      `-z expert corpus: ${expertTally.identical} of ${expertTally.total} byte-identical to tshark over ${captures.length} captures`,
    );
  });
});
