/**
 * `--export-objects ftp-data,DIR` (tshark's flag): writes every file and
 * listing FTP moved, plus the wire bytes no file reproduces (export.ts), into
 * DIR, and DIR/manifest.json describing each. `--export-objects http,DIR`
 * writes every HTTP object with the name and bytes tshark 4.0 gives it
 * (engine/http). tshark's other protocols (smb, tftp, imf, dicom) are usage
 * errors.
 */
import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import type { ByteSource } from "../engine/io/byte-source";
import type { FtpReport } from "../engine/ftp/analyze";
import type { ContentSink } from "../engine/ftp/content";
import type { TransferSinks } from "../engine/ftp/payloads";
import { ftpReportOf } from "../engine/ftp/service";
import { type ExportItem, exportPlan, type ManifestEntry } from "../engine/ftp/export";
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

/**
 * Bytes gathered before a write: content arrives a TCP segment at a time, and
 * a write per segment was 64,000 system calls for the 101 MB FTP bench mix.
 */
const WRITE_BATCH = 1 << 20;

/** An open file written in batches of WRITE_BATCH bytes through `buffer` (one file at a time per buffer). */
class BatchedFile {
  private used = 0;
  /** Bytes written so far. */
  bytes = 0;

  constructor(
    private readonly fd: number,
    private readonly buffer: Uint8Array,
  ) {}

  write(b: Uint8Array): void {
    if (this.used + b.length > this.buffer.length) this.flush();
    if (b.length >= this.buffer.length) writeAll(this.fd, b);
    else {
      this.buffer.set(b, this.used);
      this.used += b.length;
    }
    this.bytes += b.length;
  }

  /** Writes what is left and closes the file. */
  close(): void {
    try {
      this.flush();
    } finally {
      closeSync(this.fd);
    }
  }

  private flush(): void {
    if (this.used > 0) writeAll(this.fd, this.buffer.subarray(0, this.used));
    this.used = 0;
  }
}

/** Where a TransferSpool's files are created and written: on this thread (`localFiles`) or the export's second one (ExportThread). */
export interface SpoolFiles {
  /** Creates `path` for transfer `id`, never over an existing file (null: known not to be created); with `digest`, hashes what it writes. */
  create(id: number, path: string): ContentSink | null;
  /** Once what was written so far is written: the files not created, and those whose write or close failed. */
  settle(): Promise<{ notCreated: readonly number[]; failed: readonly number[] }>;
}

/** Spool files written here, through one batch buffer (the engine scans one transfer at a time). */
export function localFiles(): SpoolFiles {
  const buffer = new Uint8Array(WRITE_BATCH);
  let open = false;
  let failed: number[] = [];
  return {
    create: (id, path) => {
      if (open) return null; // another scan would need a buffer of its own
      let file: BatchedFile;
      try {
        file = new BatchedFile(openSync(path, "wx"), buffer);
      } catch {
        return null; // the export will say what is wrong with the folder when it writes there
      }
      open = true;
      let ok = true;
      return {
        write: (b) => {
          if (!ok) return;
          try {
            file.write(b);
          } catch {
            ok = false; // a full disk fails the export's own write later, with its message
          }
        },
        close: () => {
          open = false;
          try {
            file.close();
          } catch {
            ok = false;
          }
          if (!ok) failed.push(id);
        },
      };
    },
    settle: () => {
      const out = { notCreated: [], failed };
      failed = [];
      return Promise.resolve(out);
    },
  };
}

/**
 * One read of each transfer (issue 10): the FTP report's scan, which reads a
 * transfer's payload to hash it, writes the content into the export folder
 * as it goes (`sinks`, the report's ContentSink per transfer), under a
 * temporary name; the export then renames it to the file's name where the
 * file is that content as is, and reads the capture again only for the rest
 * (files stitched from parts, wire bytes of parts, unexplained connections).
 * Temporary names start with a dot, which no exported name does
 * (export.ts safeFileName), and are never opened over an existing file.
 * `files` may write them on another thread: `settle` before `take`.
 */
export class TransferSpool {
  readonly root: string;
  /** Transfers written whole (once settled): their temporary file and its length. */
  private readonly written = new Map<number, { path: string; bytes: number }>();
  private made = false;

  constructor(
    dir: string,
    private readonly files: SpoolFiles = localFiles(),
  ) {
    this.root = resolve(dir);
  }

  /** Where each transfer's content goes (null: not spooled; the export reads it back instead). */
  readonly sinks: TransferSinks = (transferId) => {
    const path = join(this.root, `.pcapscope-${process.pid}-t${transferId}.tmp`);
    try {
      if (!this.made) mkdirSync(this.root, { recursive: true });
      this.made = true;
    } catch {
      return null;
    }
    const file = this.files.create(transferId, path);
    if (!file) return null;
    let bytes = 0;
    const sink: ContentSink = {
      write: (b) => {
        bytes += b.length;
        file.write(b);
      },
      close: () => {
        file.close();
        this.written.set(transferId, { path, bytes });
      },
    };
    if (file.digest) sink.digest = () => file.digest!();
    return sink;
  };

  /** Waits for the files to be written; forgets those that were not created, deletes those left unfinished. */
  async settle(): Promise<void> {
    const { notCreated, failed } = await this.files.settle();
    for (const id of notCreated) this.written.delete(id);
    for (const id of failed) {
      const w = this.written.get(id);
      this.written.delete(id);
      if (w) rmSync(w.path, { force: true });
    }
  }

  /** Moves the transfer's content, when it was written whole and is `size` bytes, to `target`; false otherwise. */
  take(transferId: number, size: number, target: string): boolean {
    const w = this.written.get(transferId);
    if (!w || w.bytes !== size) return false;
    this.written.delete(transferId);
    renameSync(w.path, target);
    return true;
  }

  /** Deletes the temporary files no export took (once settled: a file not created is not ours to delete). */
  async discard(): Promise<void> {
    try {
      await this.settle();
    } catch {
      // The thread that wrote them failed (the export says so): which names it created is unknown.
      this.written.clear();
      return;
    }
    for (const w of this.written.values()) rmSync(w.path, { force: true });
    this.written.clear();
  }
}

/**
 * The transfer whose scanned content is the exported file as is: a file (or
 * listing) that is one piece, all of one transfer's content from its start
 * (holes would be pieces apart, or a piece shorter than the file).
 */
function wholeTransfer(report: FtpReport, item: ExportItem): number | null {
  if (item.source.kind !== "file") return null;
  const pieces = report.piecesOf(item.source.fileId);
  const size = report.analysis.files[item.source.fileId]!.size;
  const p = pieces.length === 1 ? pieces[0]! : null;
  return p && p.fileOffset === 0 && p.payloadOffset === 0 && p.length === size ? p.transferId : null;
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
 * session's). `spool`: the transfers the FTP report wrote while building
 * (into the first ftp-data spec's folder), taken where they are files as is;
 * its leftovers are deleted before this returns. Returns the number of
 * objects written per spec; throws on I/O errors (the caller reports them).
 */
export async function exportObjects(reports: ExportReports, specs: readonly ExportSpec[], spool?: TransferSpool): Promise<number[]> {
  try {
    return await exportEach(reports, specs, spool);
  } finally {
    await spool?.discard();
  }
}

async function exportEach(reports: ExportReports, specs: readonly ExportSpec[], spool?: TransferSpool): Promise<number[]> {
  const counts: number[] = [];
  const buffer = new Uint8Array(WRITE_BATCH);
  for (const spec of specs) {
    if (spec.protocol === "http") {
      counts.push(await exportHttp(await reports.http(), spec.dir));
      continue;
    }
    const report = await reports.ftp();
    const plan = exportPlan(report.analysis);
    const root = resolve(spec.dir);
    mkdirSync(root, { recursive: true });
    const spooled = spool?.root === root ? spool : null;
    await spooled?.settle();
    for (const item of plan) {
      const target = inside(root, item.entry.path);
      const whole = spooled ? wholeTransfer(report, item) : null;
      if (whole !== null && spooled!.take(whole, item.entry.size, target)) continue;
      const file = new BatchedFile(openSync(target, "w"), buffer);
      try {
        await report.readExport(item.source, (b) => file.write(b));
      } finally {
        file.close();
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
