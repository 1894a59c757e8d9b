/**
 * Writes fixtures/<capture>.filters.json: for every filter of the
 * conformance table, the frames tshark 4.0 selects with -Y on that fixture
 * (as ranges, "1-5,8"), asked once per capture for all filters
 * (scripts/filter-compare.ts). Where ours differs the test will show it.
 * Part of `npm run goldens`.
 */
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CONFORMANCE_FILTERS } from "../src/engine/filter/conformance/filters";
import { FilterError } from "../src/engine/filter";
import { toRanges } from "../src/engine/filter/conformance/ranges";
import { ourMatches, sameFrames, tsharkFrameSets } from "./filter-compare";

const dir = join(import.meta.dirname, "../fixtures");
const only = process.argv.slice(2);
for (const name of readdirSync(dir).filter((f) => /\.pcap(ng)?$/.test(f)).sort()) {
  if (only.length && !only.some((o) => name.includes(o))) continue;
  const file = join(dir, name);
  const ours = await ourMatches(file, CONFORMANCE_FILTERS);
  const valid = CONFORMANCE_FILTERS.filter((f) => !(ours.frames.get(f) instanceof FilterError));
  const theirs = tsharkFrameSets(file, valid);
  const golden: Record<string, string> = {};
  let differ = 0;
  for (const f of CONFORMANCE_FILTERS) {
    const o = ours.frames.get(f)!;
    if (o instanceof FilterError) throw new Error(`${name}: the table's filter "${f}" does not compile: ${o.message}`);
    const t = theirs.get(f)!;
    if (typeof t === "string") throw new Error(`${name}: tshark refuses the table's filter "${f}": ${t}`);
    golden[f] = toRanges(t);
    if (!sameFrames(o, t)) differ++;
  }
  writeFileSync(join(dir, name.replace(/\.pcap(ng)?$/, ".filters.json")), JSON.stringify(golden, null, 1) + "\n");
  console.log(`${name}: ${CONFORMANCE_FILTERS.length} filters${differ ? `, ${differ} where ours differs` : ""}`);
}
