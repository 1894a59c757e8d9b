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
import { basename, dirname, join, relative } from "node:path";
import { tsharkDigests, tsharkVersion, type FollowGolden } from "./follow-compare";
import { findCaptures, FIXTURES, ROOT, runGoldens } from "./golden-files";

const CAPTURE = /\.(pcapng|pcap)$/i;

export function followGoldenPath(capture: string): string {
  return join(dirname(capture), basename(capture).replace(CAPTURE, "") + ".follow.json");
}

const version = tsharkVersion();
process.exitCode = await runGoldens(
  process.argv.slice(2),
  () => findCaptures(FIXTURES, (name) => CAPTURE.test(name)),
  (capture, goldens) => {
    const golden: FollowGolden = { tshark: version, ...tsharkDigests(capture) };
    // One stream per line: small diffs when a golden changes.
    const list = (ds: typeof golden.tcp): string => (ds.length ? `[\n${ds.map((d) => `  ${JSON.stringify(d)}`).join(",\n")}\n ]` : "[]");
    const text = `{\n "tshark": ${JSON.stringify(golden.tshark)},\n "tcp": ${list(golden.tcp)},\n "udp": ${list(golden.udp)}\n}\n`;
    const path = followGoldenPath(capture);
    goldens.update(path, text, { wrote: `wrote ${relative(ROOT, path)} (${golden.tcp.length} TCP, ${golden.udp.length} UDP streams)` });
  },
  "Follow golden",
);
