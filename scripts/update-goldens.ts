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
import { basename, dirname, join, relative } from "node:path";
import { REQUIRED_FIELDS } from "./tshark-compare";
import { findCaptures, FIXTURES, ROOT, runGoldens } from "./golden-files";

const CAPTURE = /\.(pcapng|pcap|cap)(\.gz)?$/i;

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

/** Golden → the capture it was written for (a .pcap and its .pcap.gz share one). */
const seen = new Map<string, string>();

process.exitCode = await runGoldens(
  process.argv.slice(2),
  () => findCaptures(FIXTURES, (name) => CAPTURE.test(name), true),
  (cap, goldens) => {
    const out = goldenPath(cap);
    const other = seen.get(out);
    if (other) {
      console.error(`${relative(ROOT, cap)}: golden ${relative(ROOT, out)} already written for ${relative(ROOT, other)}; skipped`);
      return;
    }
    seen.set(out, cap);
    const { stdout, status, stderr } = tsharkGolden(cap);
    const rows = Math.max(0, stdout.split("\n").filter((l) => l !== "").length - 1);
    const note = status === 0 ? "" : ` (tshark exit ${status}: ${stderr.trim().split("\n").pop() ?? ""})`;
    goldens.update(out, stdout, { always: true, note, wrote: `${relative(ROOT, out)}: ${rows} packets${note}` });
  },
);
