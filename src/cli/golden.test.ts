/**
 * Golden test: for every capture the project recorded (fixtures/), our
 * `-T fields -E header=y` output equals tshark's stored output beside it
 * (`<name>.tshark-fields.tsv`, written by `npm run goldens`). Needs no tshark.
 */
import { describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ourFields, compareOutputs, describe as describeComparison, REQUIRED_FIELDS } from "../../scripts/tshark-compare";

const fixturesDir = join(__dirname, "../../fixtures");
const captures = existsSync(fixturesDir) ? readdirSync(fixturesDir).filter((f) => /\.(pcap|pcapng)$/.test(f)).sort() : [];

describe("golden: fixtures agree with tshark's stored fields", () => {
  it("has fixtures with goldens", () => {
    expect(captures.length).toBeGreaterThan(0);
    for (const name of captures) expect(existsSync(join(fixturesDir, `${name.replace(/\.[^.]+$/, "")}.tshark-fields.tsv`)), name).toBe(true);
  });
  for (const name of captures) {
    it(name, async () => {
      const golden = readFileSync(join(fixturesDir, `${name.replace(/\.[^.]+$/, "")}.tshark-fields.tsv`), "utf8");
      const [header, ...rows] = golden.split("\n");
      const fields = header!.split("\t");
      expect(fields).toEqual(REQUIRED_FIELDS);
      const ours = (await ourFields(join(fixturesDir, name), fields)).stdout;
      const c = compareOutputs(name, fields, rows.join("\n"), ours);
      expect(c.agreement, describeComparison(c)).toBe(1);
    });
  }
});
