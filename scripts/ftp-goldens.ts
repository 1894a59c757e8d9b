/**
 * Regenerates the FTP export goldens: for every capture under fixtures/ writes
 * `<name>.ftp-manifest.json` beside it, the manifest.json that
 * `pcapscope -r FILE -q --export-objects ftp-data,DIR` writes (every file,
 * listing and extra part with its hashes, sizes, frames). Run by
 * `npm run goldens`; `--check` exits 1 when a golden is stale.
 *
 *   npx tsx scripts/ftp-goldens.ts [--check] [CAPTURE ...]
 */
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { FileSource } from "../src/cli/file-source";
import { manifestOf } from "../src/cli/export-objects";
import { findCaptures, FIXTURES, runGoldens } from "./golden-files";

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

function main(argv: string[]): Promise<number> {
  return runGoldens(
    argv,
    () => findCaptures(FIXTURES, (name) => CAPTURE.test(name)),
    async (cap, goldens) => {
      const out = ftpGoldenPath(cap);
      goldens.update(out, await ftpGolden(cap), { wrote: `wrote ${basename(out)}` });
    },
    "FTP manifest golden",
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
