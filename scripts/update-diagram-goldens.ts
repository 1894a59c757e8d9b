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
import { existsSync, unlinkSync } from "node:fs";
import { relative } from "node:path";
import { FileSource } from "../src/cli/file-source";
import { diagramGoldenPath, diagramGoldens } from "../src/cli/diagram";
import { findCaptures, FIXTURES, ROOT, runGoldens } from "./golden-files";

const CAPTURE = /\.(pcapng|pcap|cap)(\.gz)?$/i;

process.exitCode = await runGoldens(
  process.argv.slice(2),
  () => findCaptures(FIXTURES, (name) => CAPTURE.test(name) && !name.endsWith(".gz"), true),
  async (capture, goldens) => {
    const source = new FileSource(capture);
    let levels;
    try {
      levels = await diagramGoldens(source);
    } finally {
      source.close();
    }
    for (const [level, markdown] of levels) {
      const path = diagramGoldenPath(capture, level);
      // No FTP session: no golden.
      if (markdown === "" && !goldens.check) {
        if (existsSync(path)) unlinkSync(path);
        continue;
      }
      const blocks = markdown.split("```mermaid").length - 1;
      goldens.update(path, markdown, { missing: "", always: true, wrote: `${relative(ROOT, path)}: ${blocks} diagrams` });
    }
  },
  "diagram golden",
);
