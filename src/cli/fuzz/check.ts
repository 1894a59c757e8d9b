/**
 * The oracles of a fuzz case: nothing thrown out of the engine or the CLI,
 * nothing thrown inside the indexing pass (which would turn it into a
 * problem message), every case within a time budget, the packets before any
 * damage kept (exactly as many as whole records precede a cut), a still
 * valid capture read without a problem and, in the Node runner, heap growth
 * bounded by the input's size (no allocation sized by a length field).
 */
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Mutant } from "./mutators";
import { cliTarget, engineTarget, type TargetResult } from "./targets";

export interface Failure {
  kind: "exception" | "swallowed-exception" | "dissector-exception" | "hang" | "packet-count" | "problem-on-valid" | "memory" | "cli-usage";
  message: string;
}

export interface CaseOptions {
  /** Milliseconds per target before the case counts as a hang (default 5000). */
  budgetMs?: number;
  /** Which CLI view to run (CLI_RUNS index); none when undefined. */
  cliRun?: number;
  /** A scratch folder of the caller's for the CLI's input and exports. */
  scratch: string;
  /** Measure heap growth around the case (Node runner; with global.gc when exposed). */
  measureMemory?: boolean;
}

class Timeout extends Error {}

async function withBudget<T>(ms: number, work: () => Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Timeout(`still running after ${ms} ms`)), ms)));
  const start = performance.now();
  try {
    const result = await Promise.race([work(), late]);
    // A synchronous loop cannot be interrupted in-process; it is caught by the clock once it ends.
    if (performance.now() - start > ms) throw new Timeout(`took ${Math.round(performance.now() - start)} ms (budget ${ms} ms)`);
    return result;
  } finally {
    clearTimeout(timer);
  }
}

const stackOf = (e: unknown): string => (e instanceof Error ? (e.stack ?? e.message) : String(e));

export async function checkCase(mutant: Mutant, options: CaseOptions): Promise<Failure[]> {
  const failures: Failure[] = [];
  const budget = options.budgetMs ?? 5000;
  const gc = (globalThis as { gc?: () => void }).gc;
  if (options.measureMemory) gc?.();
  // Typed arrays live outside the JS heap (arrayBuffers): a buffer sized by a length field shows there.
  const used = (): number => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const heapBefore = used();
  let peak = heapBefore;
  const sample = (): void => void (peak = Math.max(peak, used()));

  let engine: TargetResult | null = null;
  try {
    engine = await withBudget(budget, () => engineTarget(mutant.bytes));
  } catch (e) {
    failures.push({ kind: e instanceof Timeout ? "hang" : "exception", message: `engine: ${stackOf(e)}` });
  }
  sample();
  if (engine) {
    for (const e of engine.internalErrors.slice(0, 3)) failures.push({ kind: "dissector-exception", message: e });
    if (engine.swallowed !== undefined) failures.push({ kind: "swallowed-exception", message: `load pass: ${stackOf(engine.swallowed)}` });
    const count = (want: string): void => void failures.push({ kind: "packet-count", message: `engine read ${engine!.packets} packets, want ${want}` });
    if (mutant.expectPackets !== undefined && engine.packets !== mutant.expectPackets) count(`${mutant.expectPackets}`);
    if (mutant.maxPackets !== undefined && engine.packets > mutant.maxPackets) count(`at most ${mutant.maxPackets}`);
    if (mutant.expectIntact && engine.problem) failures.push({ kind: "problem-on-valid", message: "engine reported a problem on a valid capture" });
  }

  if (options.cliRun !== undefined) {
    try {
      const cli = await withBudget(budget, () => cliTarget(mutant.bytes, options.cliRun!, join(options.scratch, "cli")));
      if (cli.code === 2) failures.push({ kind: "cli-usage", message: `pcapscope ${cli.args.join(" ")}: ${cli.stderr.trim()}` });
      if (mutant.expectIntact && cli.code !== 0) {
        failures.push({ kind: "problem-on-valid", message: `pcapscope ${cli.args.join(" ")} exited ${cli.code}: ${cli.stderr.trim()}` });
      }
    } catch (e) {
      failures.push({ kind: e instanceof Timeout ? "hang" : "exception", message: `cli view #${options.cliRun}: ${stackOf(e)}` });
    }
    sample();
  }

  if (options.measureMemory) {
    const bound = 64 * 2 ** 20 + 8 * mutant.bytes.length;
    if (peak - heapBefore > bound) {
      failures.push({ kind: "memory", message: `heap grew by ${((peak - heapBefore) / 2 ** 20).toFixed(1)} MiB (bound ${(bound / 2 ** 20).toFixed(1)} MiB)` });
    }
  }
  return failures;
}


/** One line of fixtures/fuzz/regressions.jsonl: a saved failing input and what its mutant promised. */
export interface Regression {
  file: string;
  seed: number;
  case: number;
  source: string;
  kind: string;
  detail: string;
  expectPackets?: number;
  expectIntact?: boolean;
  maxPackets?: number;
  found: string[];
}

export const REGRESSION_LIST = "regressions.jsonl";

/** The regression-list line for a failing mutant, named `seed<S>-case<N>.bin`. */
export function regressionEntry(seed: number, index: number, source: string, mutant: Mutant, found: readonly string[]): Regression {
  return {
    file: `seed${seed}-case${index}.bin`,
    seed,
    case: index,
    source,
    kind: mutant.kind,
    detail: mutant.detail,
    ...(mutant.expectPackets !== undefined ? { expectPackets: mutant.expectPackets } : {}),
    ...(mutant.expectIntact ? { expectIntact: true } : {}),
    ...(mutant.maxPackets !== undefined ? { maxPackets: mutant.maxPackets } : {}),
    found: [...new Set(found)],
  };
}

/** Saves a failing input under `dir` and lists it for the vitest suite to replay. */
export function saveRegression(dir: string, entry: Regression, bytes: Uint8Array): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, entry.file), bytes);
  appendFileSync(join(dir, REGRESSION_LIST), JSON.stringify(entry) + "\n");
}
