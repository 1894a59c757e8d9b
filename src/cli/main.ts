/**
 * pcapscope command line: argument handling and printing only; reading and
 * dissection are the engine's. Exit codes: 0 ok, 1 unreadable or damaged
 * capture (after printing what could be read), 2 usage error.
 */
import { parseArgs, UsageError, USAGE, type CliOptions } from "./args";
import type { Io } from "./io";
import { openCaptureFile, type FileSource } from "./file-source";
import { Output } from "./output";
import { FieldsPrinter } from "./fields-output";
import { printCapture } from "./packets";
import { setMacNameResolution } from "../engine/dissect/mac-names";
import { compileFilter, describeFilterError, FilterError, type DisplayFilter } from "../engine/filter";
import { diagramPlan, type DiagramPlan } from "./diagram";
import { parseExportSpec, type ExportSpec } from "./export-objects";
import { printCredentials } from "./credentials";
import { parseFollowSpec, type FollowSpec } from "./follow";
import { runWithViews, wantsViews, type ViewPlan } from "./views";
import { parseStatSpec, StatsRun, type StatSpec } from "./statistics";
import { PASS_FIELDS } from "../engine/session/pass-facts";
import { writeCapture } from "./write";

export type { Io } from "./io";

const processIo: Io = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  stdoutBytes: (b) => process.stdout.write(b),
};

export async function run(argv: readonly string[], io: Io = processIo): Promise<number> {
  let opts: CliOptions;
  let diagrams: DiagramPlan | null = null;
  let exportSpecs: ExportSpec[] = [];
  const follows: FollowSpec[] = [];
  let stats: StatsRun | null = null;
  /** Which -z each was, in command-line order (they print in reverse). */
  const zKinds: ("follow" | "stat")[] = [];
  try {
    opts = parseArgs(argv);
    if (opts.help) {
      io.stdout(USAGE + "\n");
      return 0;
    }
    if (opts.version) {
      io.stdout("pcapscope 0.1.0\n");
      return 0;
    }
    if (!opts.readFile) throw new UsageError("no capture file given (use -r FILE)");
    // One switch for the whole run, as tshark's gbl_resolv_flags (set again by every run in a test process).
    setMacNameResolution(opts.macNames);
    const statSpecs: StatSpec[] = [];
    for (const z of opts.statistics) {
      const follow = parseFollowSpec(z);
      const stat = follow ? null : (parseStatSpec(z) ?? unsupportedStatistic(z));
      if (follow) follows.push(follow);
      else statSpecs.push(stat!);
      zKinds.push(follow ? "follow" : "stat");
    }
    if (statSpecs.length) stats = new StatsRun(statSpecs);
    exportSpecs = opts.exportObjects.map(parseExportSpec);
    diagrams = diagramPlan(opts);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`pcapscope: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  let display: DisplayFilter | null = null;
  let read: DisplayFilter | null = null;
  for (const [which, text] of [["Y", opts.displayFilter], ["R", opts.readFilter]] as const) {
    if (text === undefined) continue;
    try {
      const f = compileFilter(text);
      if (which === "Y") display = f;
      else read = f;
    } catch (e) {
      if (!(e instanceof FilterError)) throw e;
      io.stderr(describeFilterError(text, e, "pcapscope") + "\n");
      return 2;
    }
  }
  const views: ViewPlan = { exports: exportSpecs, diagrams, follows, stats, zKinds };
  // With views the packets are printed from the session's pass, dissected into the fields printer's collector.
  const oneSession = wantsViews(views) && !opts.twoPass;
  let fields: FieldsPrinter | null = null;
  if (opts.outputType === "fields") {
    try {
      const extra = oneSession ? { fields: [...(display?.fields ?? []), ...PASS_FIELDS], positions: true } : display ? { fields: display.fields, positions: true } : undefined;
      fields = new FieldsPrinter(opts.fields, opts.fieldOptions, extra);
    } catch (e) {
      io.stderr(`pcapscope: ${(e as Error).message}\n`);
      return 2;
    }
  }

  let source: FileSource;
  try {
    source = await openCaptureFile(opts.readFile);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    io.stderr(`pcapscope: The file "${opts.readFile}" ${code === "ENOENT" ? "doesn't exist" : `can't be opened (${code ?? String(e)})`}.\n`);
    return 1;
  }
  if (opts.credentials) {
    try {
      return await printCredentials(source, opts.outputType === "json" ? "json" : "text", io);
    } finally {
      source.close();
    }
  }
  if (opts.writeFile !== undefined) {
    try {
      return await writeCapture(source, opts, io);
    } finally {
      source.close();
    }
  }
  const out = new Output(io.stdout, io.stdoutBytes);
  try {
    if (wantsViews(views)) return await runWithViews(source, opts, fields, display, read, views, out, io);
    return await printCapture(source, opts, fields, display, read, out, io, stats);
  } finally {
    out.flush();
    source.close();
  }
}

function unsupportedStatistic(z: string): never {
  throw new UsageError(
    `-z ${z}: only follow,tcp|udp|http,ascii|hex|raw|yaml,N, conv|endpoints,eth|ip|ipv6|tcp|udp[,FILTER] and io,phs[,FILTER] are supported yet`,
  );
}
