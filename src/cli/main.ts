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
import { FieldCollector, NULL_TREE, TreeBuilder, type ProtoTree } from "../engine/dissect/tree";
import { fieldByAbbrev, type FieldDef } from "../engine/dissect/field";
import { formatFieldValue } from "../engine/dissect/format";
import { wsFields } from "../engine/dissect/common";
import { renderTree, hexDump } from "./render-tree";
import { PROTOCOL_COLUMN_FIELD, INFO_COLUMN_FIELD } from "./columns";

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const processIo: Io = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
};

/** Column pseudo-fields tshark accepts with -e. */
type ColumnField = typeof PROTOCOL_COLUMN_FIELD | typeof INFO_COLUMN_FIELD | "_ws.col.No." | "_ws.col.Source" | "_ws.col.Destination" | "_ws.col.Length";

function resolveFields(names: readonly string[]): (FieldDef | ColumnField)[] {
  const unknown: string[] = [];
  const out = names.map((n) => {
    if (n.startsWith("_ws.col.")) {
      const known = [PROTOCOL_COLUMN_FIELD, INFO_COLUMN_FIELD, "_ws.col.No.", "_ws.col.Source", "_ws.col.Destination", "_ws.col.Length"];
      if (!known.includes(n)) unknown.push(n);
      return n as ColumnField;
    }
    const f = fieldByAbbrev(n);
    if (!f) unknown.push(n);
    return f!;
  });
  if (unknown.length) throw new UsageError(`Some fields aren't valid: ${unknown.join(", ")}`);
  return out;
}

export async function run(argv: readonly string[], io: Io = processIo): Promise<number> {
  let opts: CliOptions;
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
    if (opts.statistics.length || opts.exportObjects.length || opts.diagram.length) {
      throw new UsageError("-z, --export-objects and --diagram are not supported yet");
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`pcapscope: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const fields = opts.outputType === "fields" ? safeResolve(opts.fields, io) : [];
  if (fields === null) return 2;

  let source: FileSource;
  try {
    source = new FileSource(opts.readFile);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    io.stderr(`pcapscope: The file "${opts.readFile}" ${code === "ENOENT" ? "doesn't exist" : `can't be opened (${code ?? String(e)})`}.\n`);
    return 1;
  }
  const out = new Output(io.stdout);
  try {
    return await printCapture(source, opts, fields, out, io);
  } finally {
    out.flush();
    source.close();
  }
}

function safeResolve(names: readonly string[], io: Io): (FieldDef | ColumnField)[] | null {
  try {
    return resolveFields(names);
  } catch (e) {
    io.stderr(`pcapscope: ${(e as Error).message}\n`);
    return null;
  }
}

/** tshark -T fields escapes (print_escaped_csv, -E escape=y by default): \b \f \n \r \t as two characters, so a value never breaks the row. */
const FIELD_ESCAPES: Record<string, string> = { "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t" };
function escapeFieldText(s: string): string {
  return /[\b\f\n\r\t]/.test(s) ? s.replace(/[\b\f\n\r\t]/g, (c) => FIELD_ESCAPES[c]!) : s;
}

async function printCapture(source: FileSource, opts: CliOptions, fields: (FieldDef | ColumnField)[], out: Output, io: Io): Promise<number> {
  const dissection = new Dissection();
  const realFields = fields.filter((f): f is FieldDef => typeof f !== "string");
  const collector = new FieldCollector(realFields);
  const fo = opts.fieldOptions;
  if (opts.outputType === "fields" && fo.header) out.line(opts.fields.join(fo.separator));
  let info: CaptureInfo | null = null;
  let timeDecimals = 6;

  const onPacket = (rec: Parameters<Parameters<typeof readCapture>[1]>[0], data: Uint8Array): void => {
    let tree: ProtoTree = NULL_TREE;
    if (opts.outputType === "fields") {
      collector.reset();
      tree = collector;
    } else if (opts.verbose) {
      tree = new TreeBuilder(wsFields.expert);
    }
    const wantColumns = opts.outputType === "text" || fields.some((f) => typeof f === "string");
    const pinfo = dissection.dissect(rec, data, tree, wantColumns);
    if (opts.quiet) return;
    if (opts.outputType === "fields") {
      const cells = fields.map((f) => {
        if (typeof f === "string") {
          switch (f) {
            case PROTOCOL_COLUMN_FIELD:
              return pinfo.protocol;
            case INFO_COLUMN_FIELD:
              return pinfo.info;
            case "_ws.col.No.":
              return String(rec.number);
            case "_ws.col.Source":
              return pinfo.srcColumn;
            case "_ws.col.Destination":
              return pinfo.dstColumn;
            case "_ws.col.Length":
              return String(rec.origLen);
          }
        }
        let values = collector.values(f).map((v) => escapeFieldText(formatFieldValue(f, v)));
        if (fo.occurrence === "f") values = values.slice(0, 1);
        else if (fo.occurrence === "l") values = values.slice(-1);
        const cell = values.join(fo.aggregator);
        return fo.quote && cell ? fo.quote + cell + fo.quote : cell;
      });
      out.line(cells.join(fo.separator));
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
