/**
 * pcapscope command line: argument handling and printing only; reading and
 * dissection are the engine's. Exit codes: 0 ok, 1 unreadable or damaged
 * capture (after printing what could be read), 2 usage error.
 */
import { parseArgs, UsageError, USAGE, type CliOptions } from "./args";
import { FileSource } from "./file-source";
import { Output } from "./output";
import { summaryLine } from "./summary";
import { readCapture } from "../engine/capture/open";
import { CaptureError, type CaptureInfo } from "../engine/capture/types";
import { Dissection } from "../engine/dissect/dissection";
import { NULL_TREE, TreeBuilder, type ProtoTree } from "../engine/dissect/tree";
import { FieldsPrinter } from "./fields-output";
import { wsFields } from "../engine/dissect/common";
import { renderTree, hexDump } from "./render-tree";
import { diagramPlan, printDiagrams, type DiagramPlan } from "./diagram";
import { exportObjects, parseExportSpec, type ExportSpec } from "./export-objects";
import { parseFollowSpec, printFollows, type FollowSpec } from "./follow";

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Standard output as UTF-8 bytes, when the sink takes them (else text goes to `stdout`). */
  stdoutBytes?: (b: Uint8Array) => void;
}

const processIo: Io = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  stdoutBytes: (b) => process.stdout.write(b),
};

export async function run(argv: readonly string[], io: Io = processIo): Promise<number> {
  let opts: CliOptions;
  let diagrams: DiagramPlan | null = null;
  let exportSpecs: ExportSpec[] = [];
  let follows: FollowSpec[] = [];
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
    if (opts.displayFilter !== undefined) throw new UsageError("display filters (-Y) are not supported yet");
    follows = opts.statistics.map((z) => parseFollowSpec(z) ?? unsupportedStatistic(z));
    exportSpecs = opts.exportObjects.map(parseExportSpec);
    diagrams = diagramPlan(opts);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`pcapscope: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  let fields: FieldsPrinter | null = null;
  if (opts.outputType === "fields") {
    try {
      fields = new FieldsPrinter(opts.fields, opts.fieldOptions);
    } catch (e) {
      io.stderr(`pcapscope: ${(e as Error).message}\n`);
      return 2;
    }
  }

  let source: FileSource;
  try {
    source = new FileSource(opts.readFile);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    io.stderr(`pcapscope: The file "${opts.readFile}" ${code === "ENOENT" ? "doesn't exist" : `can't be opened (${code ?? String(e)})`}.\n`);
    return 1;
  }
  if (exportSpecs.length) {
    try {
      await exportObjects(source, exportSpecs);
    } catch (e) {
      io.stderr(`pcapscope: --export-objects: ${e instanceof Error ? e.message : String(e)}\n`);
      source.close();
      return 1;
    }
  }
  if (diagrams) {
    try {
      return await printDiagrams(source, diagrams, io);
    } finally {
      source.close();
    }
  }
  const out = new Output(io.stdout, io.stdoutBytes);
  try {
    if (follows.length) {
      // tshark prints the packets (unless -q), then each -z's output.
      const code = opts.quiet ? 0 : await printCapture(source, opts, fields, out, io);
      return (await printFollows(source, follows, (s) => out.text(s), io.stderr, opts.count)) || code;
    }
    return await printCapture(source, opts, fields, out, io);
  } finally {
    out.flush();
    source.close();
  }
}

function unsupportedStatistic(z: string): never {
  throw new UsageError(`-z ${z}: only follow,tcp|udp,ascii|hex|raw|yaml,N is supported yet`);
}

async function printCapture(source: FileSource, opts: CliOptions, fields: FieldsPrinter | null, out: Output, io: Io): Promise<number> {
  const dissection = new Dissection();
  if (fields && opts.fieldOptions.header) out.line(fields.header(opts.fields));
  const wantColumns = fields ? fields.wantColumns : true;
  let info: CaptureInfo | null = null;
  let timeDecimals = 6;

  const onPacket = (rec: Parameters<Parameters<typeof readCapture>[1]>[0], data: Uint8Array): void => {
    let tree: ProtoTree = NULL_TREE;
    if (fields) {
      fields.collector.reset();
      tree = fields.collector;
    } else if (opts.verbose) {
      tree = new TreeBuilder(wsFields.expert);
    }
    const pinfo = dissection.dissect(rec, data, tree, wantColumns);
    if (opts.quiet) return;
    if (fields) {
      fields.writeLine(rec, pinfo, out);
    } else {
      const decimals = info?.interfaces[rec.interfaceId]?.tsResolution.exponent === 9 ? 9 : timeDecimals;
      out.line(summaryLine(rec, pinfo, dissection.state.firstSec, dissection.state.firstNsec, decimals));
      if (opts.verbose && tree instanceof TreeBuilder) {
        out.line(renderTree(tree.roots));
      }
      if (opts.hex) out.line(hexDump(data) + "\n");
    }
  };

  try {
    const result = await readCapture(source, onPacket, {
      ...(opts.count !== undefined ? { limit: opts.count } : {}),
      onInfo: (i) => {
        info = i;
        timeDecimals = i.format === "pcap" && i.nanosecond ? 9 : 6;
      },
    });
    if (result.error) {
      out.flush();
      io.stderr(`pcapscope: ${result.error.message}; the ${result.packets} packet${result.packets === 1 ? "" : "s"} before it ${result.packets === 1 ? "was" : "were"} read.\n`);
      return 1;
    }
    return 0;
  } catch (e) {
    out.flush();
    if (e instanceof CaptureError) {
      io.stderr(`pcapscope: ${source.name}: ${e.message}\n`);
      return 1;
    }
    io.stderr(`pcapscope: internal error while reading ${source.name}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}
