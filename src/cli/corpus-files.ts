/** Where the corpus tests find captures: ../shared/captures (or $PCAPSCOPE_SHARED/captures) and fixtures/. */
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";

export const sharedCapturesDir = resolve(process.env.PCAPSCOPE_SHARED ?? join(__dirname, "../../../shared"), "captures");
export const fixturesDir = join(__dirname, "../../fixtures");

/** The files of `dir` whose names match `pattern`, sorted, as full paths ([] when the folder is missing). */
export const captureFiles = (dir: string, pattern = /\.(pcap|pcapng)$/): string[] =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => pattern.test(f))
        .sort()
        .map((f) => join(dir, f))
    : [];
