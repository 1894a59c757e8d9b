/**
 * The seeded fuzz suite (issue 14): 300 mutants of our fixtures and the
 * shared captures, each through the engine API and one of the CLI's views,
 * with the oracles of fuzz/check.ts; then every failing input a longer run
 * (`npm run fuzz`) saved under fixtures/fuzz/ is replayed through all views.
 */
import { afterAll, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkCase, REGRESSION_LIST, type Regression } from "./fuzz/check";
import { corpusFiles, fuzzFixturesDir, loadCorpus } from "./fuzz/corpus";
import { layoutOf, packetCount } from "./fuzz/layout";
import { mutantFor } from "./fuzz/mutators";
import { CLI_RUNS, engineTarget } from "./fuzz/targets";

const SEED = 20261207;
const CASES = 300;
const PER_TEST = 25;

const { files, sharedPresent } = corpusFiles();
if (!sharedPresent) console.log("fuzz: ../shared/captures is absent; fuzzing fixtures/ only");
const corpus = loadCorpus(files);
const scratch = mkdtempSync(join(tmpdir(), "pcapscope-fuzz-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("fuzz corpus: the fuzzer's own parse of each valid input agrees with the engine", () => {
  for (const input of corpus) {
    it(input.name, async () => {
      const read = await engineTarget(input.bytes);
      expect(read.problem).toBe(false);
      if (input.layout.format !== "other") expect(read.packets).toBe(packetCount(input.layout));
      expect(read.internalErrors).toEqual([]);
    });
  }
});

describe("fuzz mutants are fixed by (seed, case)", () => {
  it("the same numbers give the same bytes, other numbers other bytes", () => {
    const a = mutantFor(7, 3, corpus).mutant;
    expect(mutantFor(7, 3, corpus).mutant.bytes).toEqual(a.bytes);
    const others = [mutantFor(7, 4, corpus), mutantFor(8, 3, corpus)].map((m) => m.mutant.bytes);
    expect(others.some((b) => b.length !== a.bytes.length || b.some((x, i) => x !== a.bytes[i]))).toBe(true);
  });
  it("a pcap's record boundaries are 24 + (16 + incl_len) each", () => {
    const pcap = corpus.find((i) => i.layout.format === "pcap")!;
    const { records } = layoutOf(pcap.capture);
    expect(records[0]!.start).toBe(24);
    for (let i = 1; i < records.length; i++) expect(records[i]!.start).toBe(records[i - 1]!.end);
    expect(records.at(-1)!.end).toBe(pcap.capture.length);
  });
});

describe(`fuzz: ${CASES} seeded cases (seed ${SEED}) through the engine and the CLI`, () => {
  for (let first = 0; first < CASES; first += PER_TEST) {
    it(`cases ${first}..${first + PER_TEST - 1}`, { timeout: 60_000 }, async () => {
      const found: string[] = [];
      for (let i = first; i < first + PER_TEST; i++) {
        const { input, mutant } = mutantFor(SEED, i, corpus);
        const failures = await checkCase(mutant, { scratch, cliRun: i % CLI_RUNS.length });
        for (const f of failures) found.push(`seed ${SEED} case ${i} ${input.name} ${mutant.kind} (${mutant.detail}): ${f.kind}: ${f.message}`);
      }
      expect(found).toEqual([]);
    });
  }
});

const regressionList = join(fuzzFixturesDir, REGRESSION_LIST);
const regressions: Regression[] = existsSync(regressionList)
  ? readFileSync(regressionList, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Regression)
  : [];

describe("fuzz regressions: inputs that once failed, through the engine and every CLI view", () => {
  it("every input the list names is saved beside it", () => {
    for (const r of regressions) expect(existsSync(join(fuzzFixturesDir, r.file)), r.file).toBe(true);
  });
  for (const r of regressions) {
    it(`${r.file}: ${r.source} ${r.kind} (${r.detail}) found ${r.found.join(", ")}`, { timeout: 60_000 }, async () => {
      const mutant = { ...r, bytes: new Uint8Array(readFileSync(join(fuzzFixturesDir, r.file))) };
      for (let view = 0; view < CLI_RUNS.length; view++) {
        expect(await checkCase(mutant, { scratch, cliRun: view, budgetMs: 10_000 })).toEqual([]);
      }
    });
  }
});
