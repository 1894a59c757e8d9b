/**
 * npm run bench: builds a large capture from the fixtures (mergecap -a, the
 * fixtures repeated until it holds ~PACKETS packets), then runs the sections
 * asked for (all by default). A benchmark, not a test: it never fails on
 * speed, only on differing outputs.
 *
 *   fields         `pcapscope -T fields` vs `tshark -T fields` on the same
 *                  fields: outputs identical, speed ratio (this file)
 *   cli-filters    `-Y F -T fields -e frame.number` vs tshark for filters that
 *                  need dissection (scripts/bench-filters.ts)
 *   index-filters  CaptureSession.applyDisplayFilter after load for filters
 *                  the packet index answers, checked against the CLI's -Y
 *                  (scripts/bench-session-filters.ts)
 *   filters        both filter sections
 *   export         `--export-objects ftp-data,DIR` vs a `-T fields` pass and
 *                  vs tshark's export on the recorded FTP inputs, times and
 *                  peak RSS, with issue 10's goals (scripts/bench-export.ts;
 *                  inputs missing from bench-data/ are skipped with a notice)
 *   browser        the app in chromium on the recorded bench inputs beside the
 *                  same engine in Node, with issue 10's goals
 *                  (scripts/bench-browser.ts; inputs missing from bench-data/
 *                  are skipped with a notice)
 *
 *   npm run bench [-- --packets 1000000] [--only fields,cli-filters,index-filters,export,browser|filters] [--keep]
 *                 [--inputs ftp-mix,... (export, browser)] [bench-browser's options: --dir DIR --warm --no-views --node-runs N --no-build --profile [INPUT] ...]
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REQUIRED_FIELDS } from "./tshark-compare";
import { diffHead, pcapscopeBin, root, sha256, timed, timedPcapscope } from "./bench-common";
import { benchCliFilters } from "./bench-filters";
import { benchIndexFilters } from "./bench-session-filters";
import { benchBrowser, parseBrowserArgs } from "./bench-browser";
import { benchExport } from "./bench-export";

const SECTIONS = ["fields", "cli-filters", "index-filters", "export", "browser"] as const;
type Section = (typeof SECTIONS)[number];

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const packetsWanted = Number(option("--packets")) || 1_000_000;
const keep = args.includes("--keep");

function sectionsWanted(): Set<Section> {
  const only = option("--only");
  if (!only) return new Set(SECTIONS);
  const wanted = new Set<Section>();
  for (const name of only.split(",").map((s) => s.trim())) {
    if (name === "filters") {
      wanted.add("cli-filters");
      wanted.add("index-filters");
    } else if ((SECTIONS as readonly string[]).includes(name)) wanted.add(name as Section);
    else {
      console.error(`bench: unknown section "${name}" (sections: ${SECTIONS.join(", ")}, filters)`);
      process.exit(2);
    }
  }
  return wanted;
}

function packetsIn(file: string): number {
  const out = execFileSync("capinfos", ["-c", "-M", "-T", file], { encoding: "utf8" });
  return Number(out.trim().split("\n").pop()!.split("\t")[1]);
}

/** The big capture: the Ethernet pcap fixtures concatenated, then doubled until it has ~packetsWanted packets. */
function buildCapture(dir: string): { big: string; packets: number } {
  const fixtures = readdirSync(join(root, "fixtures"))
    .filter((f) => /\.(pcap|pcapng)$/.test(f))
    .map((f) => join(root, "fixtures", f));
  // Ethernet pcap files only, so mergecap can concatenate them into one pcap.
  const ethernet = fixtures.filter((f) => f.endsWith(".pcap"));
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
  return { big, packets };
}

/** Section "fields": returns false when the outputs differ. */
async function benchFields(big: string, dir: string, packets: number): Promise<boolean> {
  console.log(`\n-T fields, ${REQUIRED_FIELDS.length} fields`);
  const fields = REQUIRED_FIELDS.flatMap((f) => ["-e", f]);
  const oursOut = join(dir, "ours.tsv");
  const tsharkOut = join(dir, "tshark.tsv");
  const ours = timedPcapscope(["-r", big, "-T", "fields", ...fields], oursOut);
  console.log(`pcapscope: ${ours.toFixed(2)} s, ${Math.round(packets / ours).toLocaleString()} packets/s`);
  const tshark = timed("tshark", ["-n", "-r", big, "-T", "fields", ...fields], tsharkOut);
  console.log(`tshark:    ${tshark.toFixed(2)} s, ${Math.round(packets / tshark).toLocaleString()} packets/s`);
  const same = (await sha256(oursOut)) === (await sha256(tsharkOut));
  console.log(`outputs identical: ${same ? "yes" : "NO"}`);
  console.log(`ratio: pcapscope is ${(tshark / ours).toFixed(1)}x faster than tshark (goal: 20x)`);
  if (!same) console.log(diffHead(tsharkOut, oursOut));
  return same;
}

async function main(): Promise<void> {
  const sections = sectionsWanted();
  for (const tool of ["tshark", "mergecap", "capinfos"]) {
    if (spawnSync("which", [tool]).status !== 0) {
      console.error(`bench: ${tool} is not installed (apt-get install tshark wireshark-common)`);
      process.exit(2);
    }
  }
  const dir = mkdtempSync(join(tmpdir(), "pcapscope-bench-"));
  try {
    let ok = true;
    if (sections.has("fields") || sections.has("cli-filters") || sections.has("index-filters")) {
      const { big, packets } = buildCapture(dir);
      // Untimed first run: brings the prebuilt CLI bundle up to date (bin/pcapscope.mjs rebuilds it when a source is newer).
      execFileSync(process.execPath, [pcapscopeBin, "--version"], { stdio: "ignore" });
      if (sections.has("fields")) ok = (await benchFields(big, dir, packets)) && ok;
      if (sections.has("cli-filters")) ok = (await benchCliFilters(big, dir)) && ok;
      if (sections.has("index-filters")) ok = (await benchIndexFilters(big, dir)) && ok;
    }
    if (sections.has("export")) {
      execFileSync(process.execPath, [pcapscopeBin, "--version"], { stdio: "ignore" });
      const inputs = option("--inputs");
      benchExport(dir, inputs ? new Set(inputs.split(",").map((s) => s.trim())) : null);
    }
    // The app in chromium beside the same engine in Node, on the recorded inputs (speed never fails the run).
    if (sections.has("browser")) {
      const browserOptions = parseBrowserArgs(args); // its --inputs (not --only, which names sections here)
      await benchBrowser({ ...browserOptions, only: option("--inputs") ? browserOptions.only : null });
    }
    if (!ok) process.exitCode = 1;
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
