/**
 * npm run bench: builds a large capture from the fixtures (mergecap -a, the
 * fixtures repeated until it holds ~PACKETS packets), then times
 * `pcapscope -T fields` and `tshark -T fields` on the same fields, checks the
 * outputs are identical and prints the speed ratio. A benchmark, not a test:
 * it never fails on speed, only on differing outputs.
 *
 *   npm run bench [-- --packets 1000000] [--keep]
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, createReadStream } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { REQUIRED_FIELDS } from "./tshark-compare";

const root = resolve(fileURLToPath(new URL(".", import.meta.url)), "..");
const args = process.argv.slice(2);
const packetsWanted = Number(args[args.indexOf("--packets") + 1] ?? 0) || 1_000_000;
const keep = args.includes("--keep");

function packetsIn(file: string): number {
  const out = execFileSync("capinfos", ["-c", "-M", "-T", file], { encoding: "utf8" });
  return Number(out.trim().split("\n").pop()!.split("\t")[1]);
}

async function sha256(file: string): Promise<string> {
  const h = createHash("sha256");
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest("hex");
}

function timed(cmd: string, argv: string[], outFile: string): number {
  const start = process.hrtime.bigint();
  const r = spawnSync("bash", ["-c", `"$0" "$@" > '${outFile}' 2>/dev/null`, cmd, ...argv], { stdio: "inherit", env: { ...process.env, TZ: "UTC" } });
  const secs = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} exited ${r.status}`);
  return secs;
}

async function main(): Promise<void> {
  for (const tool of ["tshark", "mergecap", "capinfos"]) {
    if (spawnSync("which", [tool]).status !== 0) {
      console.error(`bench: ${tool} is not installed (apt-get install tshark wireshark-common)`);
      process.exit(2);
    }
  }
  const fixtures = readdirSync(join(root, "fixtures"))
    .filter((f) => /\.(pcap|pcapng)$/.test(f))
    .map((f) => join(root, "fixtures", f));
  // Ethernet pcap files only, so mergecap can concatenate them into one pcap.
  const ethernet = fixtures.filter((f) => f.endsWith(".pcap"));
  const dir = mkdtempSync(join(tmpdir(), "pcapscope-bench-"));
  try {
    const perRound = ethernet.reduce((n, f) => n + packetsIn(f), 0);
    const rounds = Math.max(1, Math.ceil(packetsWanted / perRound));
    const round = join(dir, "round.pcap");
    execFileSync("mergecap", ["-F", "pcap", "-a", "-w", round, ...ethernet]);
    // Doubling: merge the growing file with itself until big enough.
    let big = round;
    let have = 1;
    let step = 0;
    while (have < rounds) {
      const next = join(dir, `big${step++}.pcap`);
      execFileSync("mergecap", ["-F", "pcap", "-a", "-w", next, big, big]);
      if (big !== round) rmSync(big);
      big = next;
      have *= 2;
    }
    const packets = packetsIn(big);
    const mb = statSync(big).size / 1e6;
    console.log(`bench: ${packets.toLocaleString()} packets, ${mb.toFixed(1)} MB (${ethernet.length} fixtures x ${have})`);
    const fields = REQUIRED_FIELDS.flatMap((f) => ["-e", f]);
    const oursOut = join(dir, "ours.tsv");
    const tsharkOut = join(dir, "tshark.tsv");
    // Untimed first run: brings the prebuilt CLI bundle up to date (bin/pcapscope.mjs rebuilds it when a source is newer).
    execFileSync(process.execPath, [join(root, "bin/pcapscope.mjs"), "--version"], { stdio: "ignore" });
    const ours = timed(process.execPath, [join(root, "bin/pcapscope.mjs"), "-r", big, "-T", "fields", ...fields], oursOut);
    console.log(`pcapscope: ${ours.toFixed(2)} s, ${Math.round(packets / ours).toLocaleString()} packets/s`);
    const tshark = timed("tshark", ["-n", "-r", big, "-T", "fields", ...fields], tsharkOut);
    console.log(`tshark:    ${tshark.toFixed(2)} s, ${Math.round(packets / tshark).toLocaleString()} packets/s`);
    const same = (await sha256(oursOut)) === (await sha256(tsharkOut));
    console.log(`outputs identical: ${same ? "yes" : "NO"}`);
    console.log(`ratio: pcapscope is ${(tshark / ours).toFixed(1)}x faster than tshark (goal: 20x)`);
    if (!same) {
      const diff = spawnSync("bash", ["-c", `diff '${tsharkOut}' '${oursOut}' | head -20`], { encoding: "utf8" });
      console.log(diff.stdout);
      process.exitCode = 1;
    }
  } finally {
    if (keep) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

if (!existsSync(join(root, "fixtures"))) {
  console.error("bench: no fixtures/ folder");
  process.exit(2);
}
void main();
