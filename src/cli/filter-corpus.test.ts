/**
 * The conformance table and random filters against live tshark on the public
 * captures in ../shared/captures (never copied into the project). Runs when
 * the folder and tshark exist; otherwise skips with a printed notice.
 *
 * tshark is asked once per capture for every filter's frames, one tap per
 * filter (scripts/filter-compare.ts), and they are compared frame by frame.
 */
import { describe, expect, it } from "vitest";
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { FilterError } from "../engine/filter";
import { hasTshark } from "../../scripts/tshark-compare";
import { describeDifference, ourMatches, sameFrames, tsharkFrameSets } from "../../scripts/filter-compare";
import { checkRandomFilters } from "../../scripts/filter-property";
import { CONFORMANCE_FILTERS } from "../engine/filter/conformance/filters";
import { KNOWN_DIFFERENCES } from "../engine/filter/conformance/known-differences";

const sharedDir = resolve(process.env.PCAPSCOPE_SHARED ?? join(__dirname, "../../../shared"), "captures");
const captures = existsSync(sharedDir) ? readdirSync(sharedDir).filter((f) => /\.(pcap|pcapng)$/.test(f)).sort() : [];
const tshark = hasTshark();
/** Random filters per capture (PCAPSCOPE_FILTER_RANDOM raises it; the seed is the capture's position). */
const RANDOM = Number(process.env.PCAPSCOPE_FILTER_RANDOM ?? 40);

if (captures.length === 0) console.log(`filter corpus: skipped, ${sharedDir} not found (set PCAPSCOPE_SHARED to point elsewhere)`);
else if (!tshark) console.log("filter corpus: skipped, tshark is not installed");

let tableChecks = 0;
let tableSame = 0;
let randomRan = 0;
let randomSame = 0;

describe.skipIf(captures.length === 0 || !tshark)("display filters against live tshark on ../shared/captures", () => {
  captures.forEach((name, k) => {
    it(name, { timeout: 600_000 }, async () => {
      const file = join(sharedDir, name);
      const ours = await ourMatches(file, CONFORMANCE_FILTERS);
      const valid = CONFORMANCE_FILTERS.filter((f) => !(ours.frames.get(f) instanceof FilterError));
      expect(valid.length, "every filter of the table compiles").toBe(CONFORMANCE_FILTERS.length);
      const theirs = tsharkFrameSets(file, valid);
      const wrong: string[] = [];
      for (const f of valid) {
        const o = ours.frames.get(f) as number[];
        const t = theirs.get(f)!;
        if (KNOWN_DIFFERENCES[`${name} ${f}`]) {
          // An entry that no longer differs hides nothing and must go.
          if (sameFrames(o, t)) wrong.push(`${f}: listed in KNOWN_DIFFERENCES but now agrees with tshark`);
          continue;
        }
        tableChecks++;
        if (sameFrames(o, t)) tableSame++;
        else wrong.push(`${f}: ${describeDifference(o, t)}`);
      }
      const random = await checkRandomFilters(file, RANDOM, 1000 + k);
      randomRan += random.ran;
      randomSame += random.matched;
      expect([...wrong, ...random.failures]).toEqual([]);
    });
  });

  it("summary", () => {
    console.log(`filter corpus: ${tableSame} of ${tableChecks} (filter, capture) pairs of the table and ${randomSame} of ${randomRan} random filters select tshark's frames`);
  });
});
