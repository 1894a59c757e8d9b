/**
 * npm run fuzz -- --iterations N --seed S [--input FILE] [--budget MS] [--no-cli]
 *
 * Runs N seeded cases (case i of seed S is always the same mutant) over the
 * corpus (fixtures/ and ../shared/captures, or one FILE), through the engine
 * and the CLI, with the oracles of src/cli/fuzz/check.ts and heap growth
 * measured per case (run with node --expose-gc for exact numbers). A failing
 * input is saved under fixtures/fuzz/ and listed in regressions.jsonl, which
 * src/cli/fuzz.test.ts replays on every run. Exit code 1 when a case failed.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkCase, regressionEntry, REGRESSION_LIST, saveRegression, type Failure } from "../src/cli/fuzz/check";
import { Watchdog } from "../src/cli/fuzz/watchdog";
import { corpusFiles, fuzzFixturesDir, loadCorpus } from "../src/cli/fuzz/corpus";
import { mutantFor } from "../src/cli/fuzz/mutators";
import { CLI_RUNS } from "../src/cli/fuzz/targets";

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const iterations = Number(option("iterations") ?? 1000);
const seed = Number(option("seed") ?? 1);
const budgetMs = Number(option("budget") ?? 5000);
const withCli = !process.argv.includes("--no-cli");
const single = option("input");
const files = single ? [single] : corpusFiles().files;
const corpus = loadCorpus(files);
const scratch = mkdtempSync(join(tmpdir(), "pcapscope-fuzz-"));
// A case still running at 3 budgets (engine and CLI each have one) is stuck in a synchronous loop.
const watchdog = new Watchdog(scratch, fuzzFixturesDir, REGRESSION_LIST, 3 * budgetMs);
const byKind = new Map<string, number>();
let failed = 0;
const started = performance.now();

try {
  for (let i = 0; i < iterations; i++) {
    const { input, mutant } = mutantFor(seed, i, corpus);
    if (i && i % 500 === 0) console.log(`${i} cases…`);
    watchdog.arm(regressionEntry(seed, i, input.name, mutant, ["hang"]), mutant.bytes);
    const failures: Failure[] = await checkCase(mutant, {
      budgetMs,
      scratch,
      measureMemory: true,
      ...(withCli ? { cliRun: i % CLI_RUNS.length } : {}),
    });
    watchdog.disarm();
    if (!failures.length) continue;
    failed++;
    for (const f of failures) byKind.set(f.kind, (byKind.get(f.kind) ?? 0) + 1);
    const entry = regressionEntry(seed, i, input.name, mutant, failures.map((f) => f.kind));
    saveRegression(fuzzFixturesDir, entry, mutant.bytes);
    console.log(`FAIL seed ${seed} case ${i}: ${input.name} ${mutant.kind} (${mutant.detail}) -> fixtures/fuzz/${entry.file}`);
    for (const f of failures) console.log(`  ${f.kind}: ${f.message}`);
  }
} finally {
  await watchdog.stop();
  rmSync(scratch, { recursive: true, force: true });
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`fuzz: seed ${seed}, ${iterations} cases over ${corpus.length} inputs in ${seconds} s, ${failed} failed`);
for (const [kind, n] of [...byKind].sort()) console.log(`  ${kind}: ${n}`);
process.exitCode = failed ? 1 : 0;
