/**
 * Helpers shared by the benchmark sections (scripts/bench.ts and the
 * bench-*.ts modules it calls): running a command with its output to a file
 * and timing it, hashing and reading outputs, printing a table.
 */
import { spawnSync } from "node:child_process";
import { createReadStream, readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const root = resolve(fileURLToPath(new URL(".", import.meta.url)), "..");
export const pcapscopeBin = join(root, "bin/pcapscope.mjs");

/**
 * Runs `cmd argv` with stdout to `outFile` (stderr to `outFile.err`) and
 * returns the wall-clock seconds. Exit status 0 or 1 (a damaged capture,
 * tshark's "some packets could not be read") counts as success.
 */
export function timed(cmd: string, argv: string[], outFile: string): number {
  const start = process.hrtime.bigint();
  const r = spawnSync("bash", ["-c", `"$0" "$@" > '${outFile}' 2> '${outFile}.err'`, cmd, ...argv], {
    stdio: "inherit",
    env: { ...process.env, TZ: "UTC" },
  });
  const secs = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0 && r.status !== 1) {
    let err = "";
    try {
      err = readFileSync(`${outFile}.err`, "utf8").slice(0, 2000);
    } catch {
      // no stderr file
    }
    throw new Error(`${cmd} ${argv.join(" ")} exited ${r.status}\n${err}`);
  }
  return secs;
}

/** `pcapscope argv`, timed, output to `outFile`. */
export function timedPcapscope(argv: string[], outFile: string): number {
  return timed(process.execPath, [pcapscopeBin, ...argv], outFile);
}

export async function sha256(file: string): Promise<string> {
  const h = createHash("sha256");
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest("hex");
}

/** The frame numbers of `-T fields -e frame.number` output, one per line. */
export function frameNumbers(file: string): Uint32Array {
  const text = readFileSync(file, "latin1");
  const out = new Uint32Array(text.length >> 1);
  let n = 0;
  let v = 0;
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      if (digits) out[n++] = v;
      v = 0;
      digits = 0;
    } else {
      v = v * 10 + (c - 48);
      digits++;
    }
  }
  if (digits) out[n++] = v;
  return out.slice(0, n);
}

/** The first few lines `diff` prints between two files (for a mismatch report). */
export function diffHead(expected: string, actual: string, lines = 20): string {
  return spawnSync("bash", ["-c", `diff '${expected}' '${actual}' | head -${lines}`], { encoding: "utf8" }).stdout;
}

/** Prints rows as columns padded to their widest cell (numbers right-aligned). */
export function printTable(headers: readonly string[], rows: readonly (readonly string[])[], indent = "  "): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((r) => /^[-\d.,]+(x| ms| s)?$/.test(r[i] ?? "")));
  const line = (cells: readonly string[]): string =>
    indent +
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  console.log(line(headers));
  console.log(indent + widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
}

export const count = (n: number): string => n.toLocaleString("en-US");
