/**
 * Regenerates the FTP export goldens: for every capture under fixtures/ writes
 * `<name>.ftp-manifest.json` beside it, the manifest.json that
 * `pcapscope -r FILE -q --export-objects ftp-data,DIR` writes (every file,
 * listing and extra part with its hashes, sizes, frames). Run by
 * `npm run goldens`; `--check` exits 1 when a golden is stale.
 *
 *   npx tsx scripts/ftp-goldens.ts [--check] [CAPTURE ...]
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { FileSource } from "../src/cli/file-source";
import { manifestOf } from "../src/cli/export-objects";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const FIXTURES = join(ROOT, "fixtures");
const CAPTURE = /\.(pcapng|pcap)$/i;

export function ftpGoldenPath(capture: string): string {
  return join(dirname(capture), basename(capture).replace(CAPTURE, "") + ".ftp-manifest.json");
}

/** The golden text for a capture: the manifest as JSON, two-space indented, newline-terminated. */
export async function ftpGolden(capture: string): Promise<string> {
  const source = new FileSource(capture);
  try {
    return JSON.stringify(await manifestOf(source), null, 2) + "\n";
  } finally {
    source.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const check = argv.includes("--check");
  const named = argv.filter((a) => !a.startsWith("--")).map((a) => resolve(a));
  const captures = named.length
    ? named
    : readdirSync(FIXTURES)
        .filter((n) => CAPTURE.test(n))
        .sort()
        .map((n) => join(FIXTURES, n));
  let stale = 0;
  for (const cap of captures) {
    const out = ftpGoldenPath(cap);
    const text = await ftpGolden(cap);
    const old = existsSync(out) ? readFileSync(out, "utf8") : null;
    if (old === text) continue;
    if (check) {
      console.error(`stale: ${basename(out)}`);
      stale++;
    } else {
      writeFileSync(out, text);
      console.log(`wrote ${basename(out)}`);
    }
  }
  return stale ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
