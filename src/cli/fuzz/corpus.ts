/** The fuzz corpus: our fixtures and, when present, the shared public captures (every format the readers take, gzip too). */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { inputOf, type Input } from "./mutators";

// As corpus-files.ts, from this module's URL: the Node runner (scripts/fuzz.ts) is an ES module without __dirname.
const root = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../..");
const fixturesDir = join(root, "fixtures");
const sharedCapturesDir = resolve(process.env.PCAPSCOPE_SHARED ?? join(root, "../shared"), "captures");
export const fuzzFixturesDir = join(fixturesDir, "fuzz");
const CAPTURE = /\.(pcap|pcapng|cap|snoop|gz)$/;

export function corpusFiles(): { files: string[]; sharedPresent: boolean } {
  const list = (dir: string): string[] =>
    existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => CAPTURE.test(f))
          .sort()
          .map((f) => join(dir, f))
      : [];
  const shared = list(sharedCapturesDir);
  return { files: [...list(fixturesDir), ...shared], sharedPresent: shared.length > 0 };
}

export const loadCorpus = (files: readonly string[]): Input[] => files.map((f) => inputOf(basename(f), new Uint8Array(readFileSync(f))));
