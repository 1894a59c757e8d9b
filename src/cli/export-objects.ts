/**
 * `--export-objects ftp-data,DIR` (tshark's flag): writes every file and
 * listing FTP moved, plus the wire bytes no file reproduces (export.ts), into
 * DIR, and DIR/manifest.json describing each. `--export-objects http,DIR`
 * writes every HTTP object with the name and bytes tshark 4.0 gives it
 * (engine/http). tshark's other protocols (smb, tftp, imf, dicom) are usage
 * errors.
 */
import { closeSync, existsSync, mkdirSync, openSync, writeFileSync, writeSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import type { ByteSource } from "../engine/io/byte-source";
import type { FtpReport } from "../engine/ftp/analyze";
import { ftpReportOf } from "../engine/ftp/service";
import { exportPlan, type ManifestEntry } from "../engine/ftp/export";
import type { HttpReport } from "../engine/http/report";
import { httpExportPlan } from "../engine/http/report";
import { UsageError } from "./args";
import { nativeDigests } from "./native-digests";

export interface ExportSpec {
  protocol: "ftp-data" | "http";
  dir: string;
}

/** The reports an export reads, built when first asked for. */
export interface ExportReports {
  ftp(): Promise<FtpReport>;
  http(): Promise<HttpReport>;
}

/** "ftp-data,DIR" or "http,DIR" → spec; anything else is a usage error (tshark's wording for unknown protocols). */
export function parseExportSpec(spec: string): ExportSpec {
  const comma = spec.indexOf(",");
  if (comma < 0) throw new UsageError(`invalid --export-objects "${spec}" (expected PROTOCOL,DIR)`);
  const protocol = spec.slice(0, comma);
  const dir = spec.slice(comma + 1);
  if (protocol !== "ftp-data" && protocol !== "http")
    throw new UsageError(`"--export-objects ${protocol}" is not supported (only ftp-data and http)`);
  if (dir === "") throw new UsageError("--export-objects needs a directory");
  return { protocol, dir };
}

/** Writes `bytes` to `target` whole (writeSync may write less than asked). */
function writeAll(fd: number, b: Uint8Array): void {
  let done = 0;
  while (done < b.length) done += writeSync(fd, b, done, b.length - done);
}

/** The lock against writing outside the export folder (the names are already safe; a second lock costs nothing). */
function inside(root: string, name: string): string {
  const target = resolve(join(root, name));
  if (!target.startsWith(root + sep)) throw new Error(`refusing to write outside ${root}: ${name}`);
  return target;
}

/**
 * HTTP objects as tshark writes them: in packet order, named after the
 * request URI's basename, numbered past the names already in the folder
 * (files from an earlier run included, as tshark checks the folder).
 */
async function exportHttp(report: HttpReport, dir: string): Promise<number> {
  const root = resolve(dir);
  mkdirSync(root, { recursive: true });
  const plan = httpExportPlan(report, (name) => existsSync(join(root, name)));
  const names = new Map(plan.map((p) => [p.object.id, p.name]));
  for (const stream of new Set(plan.map((p) => p.object.stream))) {
    await report.readStreamObjects(stream, (object, bytes) => {
      const fd = openSync(inside(root, names.get(object.id)!), "w");
      try {
        writeAll(fd, bytes);
      } finally {
        closeSync(fd);
      }
    });
  }
  return plan.length;
}

/**
 * Writes the objects of each spec from the capture's reports (the open
 * session's). Returns the number of objects written per spec; throws on I/O
 * errors (the caller reports them).
 */
export async function exportObjects(reports: ExportReports, specs: readonly ExportSpec[]): Promise<number[]> {
  const counts: number[] = [];
  for (const spec of specs) {
    if (spec.protocol === "http") {
      counts.push(await exportHttp(await reports.http(), spec.dir));
      continue;
    }
    const report = await reports.ftp();
    const plan = exportPlan(report.analysis);
    const root = resolve(spec.dir);
    mkdirSync(root, { recursive: true });
    for (const item of plan) {
      const fd = openSync(inside(root, item.entry.path), "w");
      try {
        await report.readExport(item.source, (b) => writeAll(fd, b));
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
  return exportPlan((await ftpReportOf(source, { digests: nativeDigests })).analysis).map((i) => i.entry);
}
