/**
 * `--export-objects ftp-data,DIR` (tshark's flag): writes every file and
 * listing FTP moved, plus the wire bytes no file reproduces (export.ts), into
 * DIR, and DIR/manifest.json describing each. Only ftp-data is supported;
 * tshark's other protocols (http, smb, tftp, imf, dicom) are usage errors.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import type { ByteSource } from "../engine/io/byte-source";
import type { FtpReport } from "../engine/ftp/analyze";
import { ftpReportOf } from "../engine/ftp/service";
import { exportPlan, type ManifestEntry } from "../engine/ftp/export";
import { UsageError } from "./args";

export interface ExportSpec {
  protocol: "ftp-data";
  dir: string;
}

/** "ftp-data,DIR" → spec; anything else is a usage error (tshark's wording for unknown protocols). */
export function parseExportSpec(spec: string): ExportSpec {
  const comma = spec.indexOf(",");
  if (comma < 0) throw new UsageError(`invalid --export-objects "${spec}" (expected PROTOCOL,DIR)`);
  const protocol = spec.slice(0, comma);
  const dir = spec.slice(comma + 1);
  if (protocol !== "ftp-data") throw new UsageError(`"--export-objects ${protocol}" is not supported (only ftp-data)`);
  if (dir === "") throw new UsageError("--export-objects needs a directory");
  return { protocol, dir };
}

/**
 * Writes the objects of each spec from the capture's FTP report (the open
 * session's). Returns the number of objects written per spec; throws on I/O
 * errors (the caller reports them).
 */
export async function exportObjects(report: FtpReport, specs: readonly ExportSpec[]): Promise<number[]> {
  const plan = exportPlan(report.analysis);
  const counts: number[] = [];
  for (const spec of specs) {
    const root = resolve(spec.dir);
    mkdirSync(root, { recursive: true });
    for (const item of plan) {
      const target = resolve(join(root, item.entry.path));
      // safeFileName already guarantees it; a second lock costs nothing.
      if (!target.startsWith(root + sep)) throw new Error(`refusing to write outside ${root}: ${item.entry.path}`);
      const fd = openSync(target, "w");
      try {
        await report.readExport(item.source, (b) => {
          let done = 0;
          while (done < b.length) done += writeSync(fd, b, done, b.length - done);
        });
      } finally {
        closeSync(fd);
      }
    }
    writeFileSync(
      join(root, "manifest.json"),
      JSON.stringify(
        plan.map((i) => i.entry),
        null,
        2,
      ) + "\n",
    );
    counts.push(plan.length);
  }
  return counts;
}

/** What `--export-objects ftp-data` would write into manifest.json (goldens and tests). */
export async function manifestOf(source: ByteSource): Promise<ManifestEntry[]> {
  return exportPlan((await ftpReportOf(source)).analysis).map((i) => i.entry);
}
