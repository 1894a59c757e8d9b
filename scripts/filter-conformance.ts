/**
 * Runs the conformance table (or given filters) over captures and prints,
 * per filter, on which captures our frames differ from tshark's.
 *
 *   npx tsx scripts/filter-conformance.ts FILE... [-- FILTER...]
 */
import { CONFORMANCE_FILTERS } from "../src/engine/filter/conformance/filters";
import { FilterError } from "../src/engine/filter";
import { describeDifference, ourMatches, sameFrames, tsharkFrameSets } from "./filter-compare";

const argv = process.argv.slice(2);
const dash = argv.indexOf("--");
const files = dash >= 0 ? argv.slice(0, dash) : argv;
const filters = dash >= 0 ? argv.slice(dash + 1) : [...CONFORMANCE_FILTERS];
const failures = new Map<string, string[]>();
let checks = 0;
let same = 0;
for (const file of files) {
  const ours = await ourMatches(file, filters);
  const valid = filters.filter((f) => !(ours.frames.get(f) instanceof FilterError));
  const theirs = tsharkFrameSets(file, valid);
  const name = file.split("/").pop()!;
  for (const f of filters) {
    const o = ours.frames.get(f)!;
    if (o instanceof FilterError) {
      (failures.get(f) ?? failures.set(f, []).get(f)!).push(`${name}: ERROR ${o.message}`);
      continue;
    }
    checks++;
    const t = theirs.get(f)!;
    if (sameFrames(o, t)) {
      same++;
      continue;
    }
    (failures.get(f) ?? failures.set(f, []).get(f)!).push(`${name}: ${describeDifference(o, t)}`);
  }
  process.stderr.write(`${name} done\n`);
}
const all = process.env.ALL === "1";
for (const [f, list] of failures) console.log(`${f}\n  ${(all ? list : list.slice(0, 6)).join("\n  ")}${!all && list.length > 6 ? `\n  … ${list.length - 6} more` : ""}`);
console.log(`${same} of ${checks} (filter, capture) checks agree; ${failures.size} filters with differences`);
