/**
 * Regenerates the Follow Stream goldens: for every capture under fixtures/
 * writes `<name>.follow.json` beside it, tshark's `-z follow,tcp|udp,raw,N`
 * for every stream reduced to, per direction, the byte count and SHA-256 of
 * what tshark printed (not the bytes: the repository stays small), plus the
 * node lines and the number of records.
 *
 *   npx tsx scripts/update-follow-goldens.ts            # every capture (part of npm run goldens)
 *   npx tsx scripts/update-follow-goldens.ts F...       # just these
 *   npx tsx scripts/update-follow-goldens.ts --check    # exit 1 if a golden is stale
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { tsharkDigests, tsharkVersion, type FollowGolden } from "./follow-compare";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const FIXTURES = join(ROOT, "fixtures");
const CAPTURE = /\.(pcapng|pcap)$/i;

export function followGoldenPath(capture: string): string {
  return join(dirname(capture), basename(capture).replace(CAPTURE, "") + ".follow.json");
}

const args = process.argv.slice(2);
const check = args.includes("--check");
const files = args.filter((a) => a !== "--check");
const captures = files.length ? files.map((f) => resolve(f)) : readdirSync(FIXTURES).filter((f) => CAPTURE.test(f)).sort().map((f) => join(FIXTURES, f));
const version = tsharkVersion();
let stale = 0;
for (const capture of captures) {
  const golden: FollowGolden = { tshark: version, ...tsharkDigests(capture) };
  // One stream per line: small diffs when a golden changes.
  const list = (ds: typeof golden.tcp): string => (ds.length ? `[\n${ds.map((d) => `  ${JSON.stringify(d)}`).join(",\n")}\n ]` : "[]");
  const text = `{\n "tshark": ${JSON.stringify(golden.tshark)},\n "tcp": ${list(golden.tcp)},\n "udp": ${list(golden.udp)}\n}\n`;
  const path = followGoldenPath(capture);
  const old = existsSync(path) ? readFileSync(path, "utf8") : "";
  if (check) {
    if (old !== text) {
      stale++;
      console.log(`stale: ${relative(ROOT, path)}`);
    }
  } else if (old !== text) {
    writeFileSync(path, text);
    console.log(`wrote ${relative(ROOT, path)} (${golden.tcp.length} TCP, ${golden.udp.length} UDP streams)`);
  }
}
if (check && stale) process.exitCode = 1;
