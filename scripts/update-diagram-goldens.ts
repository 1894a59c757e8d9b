/**
 * Regenerates the diagram goldens: for every capture under fixtures/ writes
 * `<name>.diagram.<level>.md` beside it for each detail level (commands, tcp,
 * packets): the Markdown of
 *
 *   pcapscope -r FILE --diagram ftp --diagram-args --diagram-detail LEVEL
 *
 * (nothing for captures without FTP sessions). Run by `npm run goldens`.
 *
 *   npx tsx scripts/update-diagram-goldens.ts            # every capture
 *   npx tsx scripts/update-diagram-goldens.ts F..        # just these
 *   npx tsx scripts/update-diagram-goldens.ts --check    # exit 1 if one is stale
 */
import { existsSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { FileSource } from "../src/cli/file-source";
import { diagramGoldenPath, diagramGoldens } from "../src/cli/diagram";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const FIXTURES = join(ROOT, "fixtures");
const CAPTURE = /\.(pcapng|pcap|cap)(\.gz)?$/i;

function findCaptures(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findCaptures(p));
    else if (CAPTURE.test(name) && !name.endsWith(".gz")) out.push(p);
  }
  return out;
}

async function main(argv: string[]): Promise<number> {
  const check = argv.includes("--check");
  const named = argv.filter((a) => !a.startsWith("--")).map((a) => resolve(a));
  const captures = named.length ? named : findCaptures(FIXTURES);
  let stale = 0;
  for (const capture of captures) {
    const source = new FileSource(capture);
    let goldens;
    try {
      goldens = await diagramGoldens(source);
    } finally {
      source.close();
    }
    for (const [level, markdown] of goldens) {
      const path = diagramGoldenPath(capture, level);
      const current = existsSync(path) ? readFileSync(path, "utf8") : null;
      if (check) {
        if ((current ?? "") !== markdown) {
          stale++;
          console.log(`STALE ${relative(ROOT, path)}`);
        }
        continue;
      }
      if (markdown === "") {
        if (current !== null) unlinkSync(path);
        continue;
      }
      writeFileSync(path, markdown);
      const blocks = markdown.split("```mermaid").length - 1;
      console.log(`${relative(ROOT, path)}: ${blocks} diagrams`);
    }
  }
  if (check && stale) {
    console.error(`${stale} diagram golden(s) out of date: run npm run goldens`);
    return 1;
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
