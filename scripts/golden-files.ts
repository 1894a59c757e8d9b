/**
 * The loop the golden scripts share (update-goldens, ftp-goldens,
 * update-diagram-goldens, update-follow-goldens): for every capture, the
 * ones named on the command line or else those under fixtures/, bring its
 * golden files up to date; with --check only print the stale ones
 * (`STALE <path>`) and exit 1 if there are any.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const FIXTURES = join(ROOT, "fixtures");

/** The files in `dir` whose name passes `accept`, in name order; with `recursive`, those in its subfolders too. */
export function findCaptures(dir: string, accept: (name: string) => boolean, recursive = false): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (recursive && statSync(p).isDirectory()) out.push(...findCaptures(p, accept, true));
    else if (accept(name)) out.push(p);
  }
  return out;
}

export interface GoldenOptions {
  /** What a missing golden reads as; without it a missing golden is always stale. */
  missing?: string;
  /** Rewrite the golden (and print `wrote`) even when it is unchanged. */
  always?: boolean;
  /** The line printed after writing (default `wrote <path>`). */
  wrote?: string;
  /** Appended to the STALE line. */
  note?: string;
}

/** One run of a golden script: writes goldens, or with --check counts the stale ones. */
export class Goldens {
  stale = 0;
  constructor(readonly check: boolean) {}

  /** Brings the golden at `path` to `text`, or with --check reports it if it differs. Returns whether it differed. */
  update(path: string, text: string, o: GoldenOptions = {}): boolean {
    const current = existsSync(path) ? readFileSync(path, "utf8") : o.missing;
    const differs = current !== text;
    if (this.check) {
      if (differs) {
        this.stale++;
        console.log(`STALE ${relative(ROOT, path)}${o.note ?? ""}`);
      }
    } else if (differs || o.always) {
      writeFileSync(path, text);
      console.log(o.wrote ?? `wrote ${relative(ROOT, path)}`);
    }
    return differs;
  }
}

/**
 * A golden script's main: reads `[--check] [CAPTURE ...]` from `argv` and
 * calls `each` for every named capture, or else every one `list` finds.
 * Returns the exit code: 1 when --check found `what`s out of date or there
 * is nothing to read.
 */
export async function runGoldens(
  argv: string[],
  list: () => string[],
  each: (capture: string, goldens: Goldens) => void | Promise<void>,
  what = "golden",
): Promise<number> {
  const check = argv.includes("--check");
  const named = argv.filter((a) => !a.startsWith("--")).map((a) => resolve(a));
  if (!existsSync(FIXTURES) && named.length === 0) {
    console.error(`no ${relative(ROOT, FIXTURES)}/ directory`);
    return 1;
  }
  const goldens = new Goldens(check);
  for (const capture of named.length ? named : list()) await each(capture, goldens);
  if (goldens.stale) {
    console.error(`${goldens.stale} ${what}(s) out of date: run npm run goldens`);
    return 1;
  }
  return 0;
}
