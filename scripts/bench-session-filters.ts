/**
 * Benchmark section "index-filters" (npm run bench): what the app does when a
 * display filter is applied after loading. The big capture is loaded into a
 * CaptureSession (the browser engine, here over a file), then each filter
 * the packet index can answer is applied with session.applyDisplayFilter and
 * timed: first run and best of RUNS, and the best scaled to 1M packets.
 * Printed with the rows shown, how many rows the index settled and how many
 * it had to re-dissect (the marks), and the goal: an index-only filter over
 * 1M packets in under 100 ms. The engine is bundled with esbuild as the
 * app's build compiles it (see loadEngine).
 *
 * The rows shown are checked to be the frames `pcapscope -Y F` prints (whose
 * time is printed too, for scale). Never fails on speed, only on outputs.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { FileSource } from "../src/cli/file-source";
import type { CaptureSession } from "../src/engine/session/capture-session";
import { count, frameNumbers, printTable, root } from "./bench-common";
import { pcapscopeFilter } from "./bench-filters";

/** Filters the packet index answers without dissecting. */
export const INDEX_FILTERS = [
  "tcp.port == 21",
  "ip.addr == 10.77.0.1 && tcp.flags.syn == 1",
  "tcp.stream eq 3",
  "!arp",
  "ftp || ftp-data",
  "frame.len > 1000",
];

const GOAL_MS = 100;
const RUNS = 3;

interface Engine {
  CaptureSession: typeof CaptureSession;
  FileSource: typeof FileSource;
}

/**
 * The engine compiled as the app's build compiles it: bundled with esbuild
 * (as scripts/build-cli.mjs does), not through tsx, whose keepNames wraps
 * every closure in a name-setting helper, so that a closure made per row
 * costs many times what it does in the app. Falls back to tsx without esbuild.
 */
async function loadEngine(dir: string): Promise<{ engine: Engine; how: string }> {
  try {
    const esbuild = await import("esbuild");
    const out = join(dir, "engine.mjs");
    await esbuild.build({
      absWorkingDir: root,
      stdin: {
        contents:
          'export { CaptureSession } from "./src/engine/session/capture-session";\nexport { FileSource } from "./src/cli/file-source";\n',
        resolveDir: root,
        loader: "ts",
      },
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      outfile: out,
      logLevel: "warning",
    });
    return { engine: (await import(pathToFileURL(out).href)) as Engine, how: "esbuild bundle" };
  } catch (e) {
    console.log(`  (esbuild bundle failed: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}; timing the engine through tsx)`);
    const [{ CaptureSession }, { FileSource }] = await Promise.all([
      import("../src/engine/session/capture-session"),
      import("../src/cli/file-source"),
    ]);
    return { engine: { CaptureSession, FileSource }, how: "tsx" };
  }
}

/** Frame number of the first row where `display` (rows) and `frames` (frame numbers) differ, or a count mismatch. */
function firstDifference(display: Uint32Array, frames: Uint32Array): string | null {
  const n = Math.min(display.length, frames.length);
  for (let i = 0; i < n; i++) {
    if (display[i]! + 1 !== frames[i]) return `position ${i}: session shows frame ${display[i]! + 1}, CLI prints ${frames[i]}`;
  }
  if (display.length !== frames.length) return `session shows ${count(display.length)} rows, CLI prints ${count(frames.length)}`;
  return null;
}

/** Returns false when a filter's rows differed from the CLI's. */
export async function benchIndexFilters(big: string, dir: string, filters: readonly string[] = INDEX_FILTERS): Promise<boolean> {
  console.log(
    `\ndisplay filters, engine: CaptureSession.applyDisplayFilter after load (goal: an index-only filter over 1M packets in < ${GOAL_MS} ms)`,
  );
  const { engine, how } = await loadEngine(dir);
  const source = new engine.FileSource(big);
  try {
    const session = new engine.CaptureSession(source);
    const t0 = performance.now();
    const loaded = await session.load();
    const loadMs = performance.now() - t0;
    if (loaded.problem) throw new Error(`loading ${big}: ${loaded.problem.message}`);
    const packets = loaded.packets;
    console.log(`  load (engine: ${how}): ${count(packets)} packets indexed in ${(loadMs / 1000).toFixed(2)} s`);

    const rows: string[][] = [];
    const mismatches: string[] = [];
    for (const [i, filter] of filters.entries()) {
      const times: number[] = [];
      let result: Awaited<ReturnType<CaptureSession["applyDisplayFilter"]>> | null = null;
      for (let run = 0; run < RUNS; run++) {
        const t = performance.now();
        result = await session.applyDisplayFilter(filter);
        times.push(performance.now() - t);
      }
      const { display, marks } = result!;
      const shown = display ?? Uint32Array.from({ length: packets }, (_, r) => r);
      const cliOut = join(dir, `index-filter${i}.ours.txt`);
      const cliSecs = pcapscopeFilter(big, filter, cliOut);
      const diff = firstDifference(shown, frameNumbers(cliOut));
      if (diff) mismatches.push(`${filter}: ${diff}`);
      const best = Math.min(...times);
      const dissected = marks?.dissected ?? 0;
      // The goal is for index-only filters over 1M packets; the capture's size is scaled to it.
      const per1M = (best * 1_000_000) / packets;
      rows.push([
        filter,
        `${times[0]!.toFixed(1)} ms`,
        `${best.toFixed(1)} ms`,
        count(shown.length),
        count(marks?.fromIndex ?? packets),
        count(dissected),
        `${per1M.toFixed(1)} ms`,
        dissected > 0 ? "not index-only" : per1M < GOAL_MS ? "met" : "not met",
        `${cliSecs.toFixed(2)} s`,
        diff ? "NO" : "yes",
      ]);
    }
    await session.applyDisplayFilter("");
    printTable(
      [
        "filter",
        "first",
        `best of ${RUNS}`,
        "rows",
        "from index",
        "dissected",
        "best per 1M",
        `goal < ${GOAL_MS} ms`,
        "CLI -Y",
        "same as CLI -Y",
      ],
      rows,
    );
    for (const m of mismatches) console.log(`rows differ from the CLI's -Y for ${m}`);
    return mismatches.length === 0;
  } finally {
    source.close();
  }
}
