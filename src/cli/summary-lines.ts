/**
 * `-r` summary lines from tshark and from pcapscope, for the corpus tests
 * that compare them line by line (summary-corpus.test.ts, protocolCorpus's
 * `summaryLines`).
 */
import { execFileSync } from "node:child_process";
import { run } from "./main";

/** tshark's summary lines of `file` (`options`: e.g. ["-n"]). */
export function tsharkSummary(file: string, options: readonly string[] = []): string[] {
  let out: string;
  try {
    out = execFileSync("tshark", [...options, "-r", file], { encoding: "utf8", maxBuffer: 1 << 30, stdio: ["ignore", "pipe", "ignore"] });
  } catch (e) {
    // tshark exits non-zero on damaged captures but still prints what it read.
    out = (e as { stdout?: string }).stdout ?? "";
  }
  return lines(out);
}

/** Ours, with the same options. */
export async function ourSummary(file: string, options: readonly string[] = []): Promise<string[]> {
  let out = "";
  await run([...options, "-r", file], { stdout: (s) => (out += s), stderr: () => {} });
  return lines(out);
}

function lines(s: string): string[] {
  const l = s.split("\n");
  if (l[l.length - 1] === "") l.pop();
  return l;
}

/** tshark's Protocol column of a summary line: the second word after the arrow, or the third word when no addresses are shown. */
export function protocolOf(line: string): string {
  const words = line.trim().split(/\s+/);
  const arrow = words.indexOf("→");
  return (arrow >= 0 ? words[arrow + 2] : words[2]) ?? "?";
}
