/**
 * Section "export" of npm run bench (issue 10's CLI goals): on each recorded
 * FTP bench input in bench-data/ (missing ones skipped with a notice), times
 * a `-T fields` pass, `-q --export-objects ftp-data,DIR` and tshark's
 * `-q --export-objects ftp-data,DIR`, and prints the ratio export/fields
 * (goal ≤ 1.5x) and each run's peak RSS (goal: pcapscope's at most a third of
 * tshark's). Peak RSS is GNU time's %M (the process's largest resident set,
 * in KiB, from wait4's rusage); beside wall-clock time, the CPU seconds it
 * reports (user + system), which other work on the machine skews less.
 * Never fails on speed or memory.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { REQUIRED_FIELDS } from "./tshark-compare";
import { count, pcapscopeBin, printTable, root, timed } from "./bench-common";
import { BENCH_INPUTS } from "./bench-browser";

/** The recorded inputs this section runs on (FTP captures: the export has files to write). */
const EXPORT_INPUTS = BENCH_INPUTS.filter((i) => i.id === "ftp-mix" || i.id === "ftp-1g");
const TIME = "/usr/bin/time";
const RATIO_GOAL = 1.5;

interface Run {
  secs: number;
  /** Peak resident set in bytes and CPU seconds, user + system (null: no GNU time here). */
  rss: number | null;
  cpu: number | null;
}

/** `cmd argv` timed, stdout to `outFile`, under GNU time for its peak RSS and CPU time when installed. */
function measured(cmd: string, argv: string[], outFile: string): Run {
  const usage = `${outFile}.usage`;
  rmSync(usage, { force: true });
  if (!existsSync(TIME)) return { secs: timed(cmd, argv, outFile), rss: null, cpu: null };
  const secs = timed(TIME, ["-f", "%M %U %S", "-o", usage, cmd, ...argv], outFile);
  // The last line: GNU time writes "Command exited with non-zero status 1" before it when the command does.
  const [kib, user, system] = readFileSync(usage, "utf8").trim().split("\n").pop()!.split(" ").map(Number);
  return { secs, rss: Number.isFinite(kib) ? kib! * 1024 : null, cpu: Number.isFinite(user! + system!) ? user! + system! : null };
}

const mb = (bytes: number | null): string => (bytes === null ? "?" : `${(bytes / 1e6).toFixed(0)} MB`);
/** Wall-clock seconds, and CPU seconds when known: "4.21 s (3.90)". */
const s = (r: Run): string => `${r.secs.toFixed(2)} s${r.cpu === null ? "" : ` (${r.cpu.toFixed(2)})`}`;

/** The files an export wrote (manifest.json included) and their total size. */
function written(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else {
        files++;
        bytes += statSync(join(d, e.name)).size;
      }
    }
  };
  walk(dir);
  return { files, bytes };
}

/** Runs the section on the inputs present in `inputDir` (those named in `only`, all when null); scratch files go to `dir`. */
export function benchExport(dir: string, only: ReadonlySet<string> | null = null, inputDir = join(root, "bench-data")): void {
  console.log(
    `\n--export-objects ftp-data vs -T fields (${REQUIRED_FIELDS.length} fields) and tshark; load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")} (other work on this machine skews every number)`,
  );
  if (!existsSync(TIME)) console.log(`  notice: ${TIME} is missing (apt-get install time): no peak RSS`);
  const fields = REQUIRED_FIELDS.flatMap((f) => ["-e", f]);
  const rows: string[][] = [];
  for (const input of EXPORT_INPUTS.filter((i) => !only || only.has(i.id))) {
    const file = join(inputDir, input.file);
    if (!existsSync(file)) {
      console.log(`  notice: ${file} (${input.what}) is missing: record it with \`sudo bash scripts/record-fixtures.sh --bench ${input.id}\`; skipped`);
      continue;
    }
    const ours = join(dir, `export-${input.id}`);
    const theirs = join(dir, `export-${input.id}-tshark`);
    for (const d of [ours, theirs]) {
      rmSync(d, { recursive: true, force: true });
      mkdirSync(d, { recursive: true });
    }
    const node = process.execPath;
    const fieldsRun = measured(node, [pcapscopeBin, "-r", file, "-T", "fields", ...fields], join(dir, "export-fields.tsv"));
    // -q as tshark's: the export alone, no packet lines printed beside it.
    const exportRun = measured(node, [pcapscopeBin, "-r", file, "-q", "--export-objects", `ftp-data,${ours}`], join(dir, "export-ours.out"));
    const tsharkRun = measured("tshark", ["-n", "-r", file, "--export-objects", `ftp-data,${theirs}`, "-q"], join(dir, "export-tshark.out"));
    const ratio = exportRun.secs / fieldsRun.secs;
    const cpuRatio = exportRun.cpu !== null && fieldsRun.cpu ? exportRun.cpu / fieldsRun.cpu : null;
    const rssShare = exportRun.rss !== null && tsharkRun.rss ? exportRun.rss / tsharkRun.rss : null;
    const w = written(ours);
    const t = written(theirs);
    console.log(
      `  ${input.id} (${(statSync(file).size / 1e6).toFixed(0)} MB): pcapscope wrote ${count(w.files)} files, ${mb(w.bytes)}; ` +
        `tshark ${count(t.files)} files, ${mb(t.bytes)}`,
    );
    rows.push([
      input.id,
      s(fieldsRun),
      s(exportRun),
      s(tsharkRun),
      `${ratio.toFixed(2)}x`,
      ratio <= RATIO_GOAL ? "yes" : "NO",
      cpuRatio === null ? "?" : `${cpuRatio.toFixed(2)}x`,
      mb(fieldsRun.rss),
      mb(exportRun.rss),
      mb(tsharkRun.rss),
      rssShare === null ? "?" : `${rssShare.toFixed(2)}x`,
      rssShare === null ? "?" : rssShare <= 1 / 3 ? "yes" : "NO",
    ]);
    rmSync(ours, { recursive: true, force: true });
    rmSync(theirs, { recursive: true, force: true });
  }
  if (rows.length === 0) return;
  printTable(
    ["input", "-T fields", "export", "tshark export", "export/fields", "≤ 1.5x", "CPU ratio", "RSS fields", "RSS export", "RSS tshark", "export/tshark", "≤ 1/3"],
    rows,
  );
  console.log("  times: wall clock (CPU seconds, user + system); CPU ratio: export/fields in CPU seconds");
  console.log("  goals (issue 10): --export-objects within 1.5x of a -T fields pass on the same file; RSS at most a third of tshark's");
}
