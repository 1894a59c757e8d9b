/**
 * Regenerates the tshark goldens: for every capture under fixtures/ writes
 * `<name>.tshark-fields.tsv` beside it, the output of
 *
 *   TZ=UTC tshark -n -r FILE -T fields -E header=y -e F1 -e F2 ...
 *
 * with the fields of REQUIRED_FIELDS (scripts/tshark-compare.ts). tshark exits
 * non-zero on damaged captures; its stdout is kept anyway.
 *
 *   npm run goldens                        # every capture
 *   npx tsx scripts/update-goldens.ts F..  # just these captures
 *   npx tsx scripts/update-goldens.ts --check   # exit 1 if a golden is stale
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { REQUIRED_FIELDS } from "./tshark-compare";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const FIXTURES = join(ROOT, "fixtures");
const CAPTURE = /\.(pcapng|pcap|cap)(\.gz)?$/i;

function findCaptures(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findCaptures(p));
    else if (CAPTURE.test(name)) out.push(p);
  }
  return out;
}

function goldenPath(capture: string): string {
  return join(dirname(capture), basename(capture).replace(CAPTURE, "") + ".tshark-fields.tsv");
}

function tsharkGolden(capture: string): { stdout: string; status: number | null; stderr: string } {
  const args = ["-n", "-r", capture, "-T", "fields", "-E", "header=y", ...REQUIRED_FIELDS.flatMap((f) => ["-e", f])];
  const r = spawnSync("tshark", args, {
    encoding: "utf8",
    maxBuffer: 1 << 30,
    env: { ...process.env, TZ: "UTC" },
  });
  if (r.error) throw r.error;
  return { stdout: r.stdout, status: r.status, stderr: r.stderr };
}

function main(argv: string[]): number {
  const check = argv.includes("--check");
  const named = argv.filter((a) => !a.startsWith("--")).map((a) => resolve(a));
  if (!existsSync(FIXTURES) && named.length === 0) {
    console.error(`no ${relative(ROOT, FIXTURES)}/ directory`);
    return 1;
  }
  const captures = named.length ? named : findCaptures(FIXTURES);
  const seen = new Map<string, string>();
  let stale = 0;
  for (const cap of captures) {
    const out = goldenPath(cap);
    const other = seen.get(out);
    if (other) {
      console.error(`${relative(ROOT, cap)}: golden ${relative(ROOT, out)} already written for ${relative(ROOT, other)}; skipped`);
      continue;
    }
    seen.set(out, cap);
    const { stdout, status, stderr } = tsharkGolden(cap);
    const rows = Math.max(0, stdout.split("\n").filter((l) => l !== "").length - 1);
    const note = status === 0 ? "" : ` (tshark exit ${status}: ${stderr.trim().split("\n").pop() ?? ""})`;
    if (check) {
      const current = existsSync(out) ? readFileSync(out, "utf8") : undefined;
      if (current !== stdout) {
        stale++;
        console.log(`STALE ${relative(ROOT, out)}${note}`);
      }
      continue;
    }
    writeFileSync(out, stdout);
    console.log(`${relative(ROOT, out)}: ${rows} packets${note}`);
  }
  if (check && stale) {
    console.error(`${stale} golden(s) out of date: run npm run goldens`);
    return 1;
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
