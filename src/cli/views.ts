/**
 * Runs that want more than packets printed (`--export-objects`, `--diagram`,
 * `-z follow`): one CaptureSession reads and dissects the capture once, the
 * packet printer riding on its pass (PassTap), and every view is built from
 * what that pass recorded, reading back only the bytes it writes. Messages
 * and exit codes are those each step gave when it read the file on its own.
 *
 * With -2 the packets are printed by their own two passes (tshark's -2 is
 * two passes by definition) and the views come from one more.
 */
import type { CliOptions } from "./args";
import type { FileSource } from "./file-source";
import type { FieldsPrinter } from "./fields-output";
import type { Io } from "./io";
import type { Output } from "./output";
import { PacketPrinter, printCapture, reportDamage, reportReadFailure } from "./packets";
import { printDiagrams, type DiagramPlan } from "./diagram";
import { exportObjects, type ExportSpec, TransferSpool } from "./export-objects";
import { ExportThread } from "./export-thread";
import { printFollows, type FollowSpec } from "./follow";
import type { StatsRun } from "./statistics";
import type { DisplayFilter } from "../engine/filter";
import { CaptureError } from "../engine/capture/types";
import { CaptureSession } from "../engine/session/capture-session";
import { sessionHttpReport } from "../engine/http/service";
import { PASS_FIELDS, type PassTap } from "../engine/session/pass-facts";
import { nativeDigests } from "./native-digests";

export interface ViewPlan {
  exports: readonly ExportSpec[];
  diagrams: DiagramPlan | null;
  follows: readonly FollowSpec[];
  /** -z statistics, counted by a pass of their own here; `zKinds` says which -z was which, in order. */
  stats?: StatsRun | null;
  zKinds?: readonly ("follow" | "stat")[];
}

export function wantsViews(plan: ViewPlan): boolean {
  return plan.exports.length > 0 || plan.diagrams !== null || plan.follows.length > 0;
}

function tapOf(printer: PacketPrinter): PassTap {
  const collector = printer.collector;
  return {
    ...(collector ? { collector } : {}),
    columns: printer.columns,
    info: printer.onInfo,
    tree: () => printer.detailsTree(),
    packet: (rec, data, pinfo) => printer.packet(rec, data, pinfo),
  };
}

/**
 * Prints what the options ask for in one read of the capture (two more with
 * -2). `fields`, when given, must have been made wanting PASS_FIELDS
 * (engine/session/pass-facts.ts) with positions. Returns the exit code.
 */
export async function runWithViews(
  source: FileSource,
  opts: CliOptions,
  fields: FieldsPrinter | null,
  display: DisplayFilter | null,
  read: DisplayFilter | null,
  plan: ViewPlan,
  out: Output,
  io: Io,
): Promise<number> {
  // As before one pass served everything: --diagram prints diagrams alone; with -z follow, -q prints no packets.
  const printing = plan.diagrams === null && !(plan.follows.length > 0 && opts.quiet);
  let printed: number | null = null;
  if (printing && opts.twoPass) printed = await printCapture(source, opts, fields, display, read, out, io);
  // The FTP report hashes the data connections after the pass, reading them in large windows: measured
  // on the 101 MB FTP mix, that costs less here than hashing every segment during the pass (on this
  // thread or batched to a worker_threads thread: 3.2-3.8 s against 3.9-4.8 s for --export-objects).
  // That read also writes the exported files (TransferSpool): the export reads back only what it stitches.
  // With ftp-data exported, a second thread (ExportThread, started by the first transfer read) writes and
  // hashes each transfer's content while this one reads the next.
  const ftpExport = plan.exports.find((e) => e.protocol === "ftp-data");
  const thread = ftpExport ? new ExportThread() : null;
  const spool = ftpExport ? new TransferSpool(ftpExport.dir, thread ?? undefined) : null;
  const session = new CaptureSession(source, {
    colours: false,
    hashFtpData: false,
    // The control connections parsed in the pass serve only the FTP report (exports, diagrams).
    parseFtpControl: ftpExport !== undefined || plan.diagrams !== null,
    digests: thread?.digests ?? nativeDigests,
    ...(spool ? { ftpTransferSinks: spool.sinks } : {}),
    ...(opts.count !== undefined ? { limit: opts.count } : {}),
    ...(printing && !opts.twoPass ? { tap: (dissection) => tapOf(new PacketPrinter(opts, fields, display, dissection, out, PASS_FIELDS)) } : {}),
  });
  const loaded = await session.load();
  const failure = session.loadError;

  if (plan.exports.length) {
    try {
      if (failure?.thrown && failure.error instanceof CaptureError) throw failure.error;
      await exportObjects({ ftp: () => session.ftpReport(), http: () => sessionHttpReport(session) }, plan.exports, spool ?? undefined);
    } catch (e) {
      io.stderr(`pcapscope: --export-objects: ${e instanceof Error ? e.message : String(e)}\n`);
      return 1;
    } finally {
      thread?.close();
    }
  }
  if (plan.diagrams) return printDiagrams(session, loaded, plan.diagrams, io);

  if (printed === null && printing) {
    out.flush();
    if (failure?.thrown) {
      printed = reportReadFailure(source.name, failure.error, io);
    } else {
      printed = reportDamage({ error: (failure?.error as Error | undefined) ?? null, packets: loaded.packets }, out, io);
    }
  }
  if (!plan.follows.length && !plan.stats) return printed ?? 0;
  if (failure?.thrown) {
    const e = failure.error;
    io.stderr(`pcapscope: ${source.name}: ${e instanceof CaptureError ? e.message : `internal error: ${e instanceof Error ? e.message : String(e)}`}\n`);
    return 1;
  }
  if (plan.stats) await plan.stats.collect(source, opts);
  // Every -z prints after the packets, the last given first (tshark's order).
  let follow = plan.follows.length;
  let stat = plan.stats?.specs.length ?? 0;
  for (const kind of [...(plan.zKinds ?? plan.follows.map(() => "follow" as const))].reverse()) {
    if (kind === "stat") out.text(plan.stats!.text(--stat));
    else await printFollows([plan.follows[--follow]!], (protocol, stream) => session.follow(protocol, stream), source, (s) => out.text(s));
  }
  return printed ?? 0;
}
