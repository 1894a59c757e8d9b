/**
 * Benchmark section "cli-filters" (npm run bench): display filters that need
 * dissection, run by the command line against tshark on the big capture,
 *
 *   pcapscope -r BIG -Y F -T fields -e frame.number
 *   tshark -n -r BIG -Y F -T fields -e frame.number
 *
 * timed, their outputs (the frame numbers kept) checked identical, and the
 * ratio printed beside the goal. Never fails on speed, only on outputs.
 */
import { join } from "node:path";
import { count, diffHead, frameNumbers, printTable, sha256, timed, timedPcapscope } from "./bench-common";

/** Filters the packet index cannot answer: every packet is dissected. */
export const DISSECTION_FILTERS = [
  'ftp.request.command == "RETR"',
  "tcp.analysis.flags",
  'frame contains "PASS"',
  "tcp.len > 1000 && ip.ttl == 64",
];

const GOAL = 5;

/** `pcapscope -Y filter -T fields -e frame.number` on `big`, output to `outFile`; seconds. */
export function pcapscopeFilter(big: string, filter: string, outFile: string): number {
  return timedPcapscope(["-r", big, "-Y", filter, "-T", "fields", "-e", "frame.number"], outFile);
}

/** Returns false when an output differed from tshark's. */
export async function benchCliFilters(big: string, dir: string, filters: readonly string[] = DISSECTION_FILTERS): Promise<boolean> {
  console.log(`\ndisplay filters, CLI: -Y F -T fields -e frame.number (goal: pcapscope >= ${GOAL}x faster than tshark)`);
  const rows: string[][] = [];
  const mismatches: string[] = [];
  for (const [i, filter] of filters.entries()) {
    const ours = join(dir, `filter${i}.ours.txt`);
    const theirs = join(dir, `filter${i}.tshark.txt`);
    const oursSecs = pcapscopeFilter(big, filter, ours);
    const tsharkSecs = timed("tshark", ["-n", "-r", big, "-Y", filter, "-T", "fields", "-e", "frame.number"], theirs);
    const same = (await sha256(ours)) === (await sha256(theirs));
    if (!same) mismatches.push(`${filter}:\n${diffHead(theirs, ours)}`);
    const ratio = tsharkSecs / oursSecs;
    rows.push([
      filter,
      count(frameNumbers(ours).length),
      `${oursSecs.toFixed(2)} s`,
      `${tsharkSecs.toFixed(2)} s`,
      `${ratio.toFixed(1)}x`,
      ratio >= GOAL ? "met" : "not met",
      same ? "yes" : "NO",
    ]);
  }
  printTable(["filter", "rows", "pcapscope", "tshark", "ratio", `goal ${GOAL}x`, "same output"], rows);
  for (const m of mismatches) console.log(`output differs from tshark for ${m}`);
  return mismatches.length === 0;
}
