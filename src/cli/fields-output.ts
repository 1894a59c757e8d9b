/**
 * `-T fields` printing: one tab-separated line per packet, exactly as tshark
 * 4.0 prints it. Column writers are built once per run so the per-packet work
 * is a loop over precomputed closures (the CLI's hot path).
 */
import type { FieldOptions } from "./args";
import type { PacketRecord } from "../engine/capture/types";
import type { PacketInfo } from "../engine/dissect/packet-info";
import { fieldByAbbrev, type FieldDef } from "../engine/dissect/field";
import { formatFieldValue } from "../engine/dissect/format";
import { FieldCollector } from "../engine/dissect/tree";
import { UsageError } from "./args";

/** Column pseudo-fields tshark accepts with -e. */
export const COLUMN_FIELDS = ["_ws.col.Protocol", "_ws.col.Info", "_ws.col.No.", "_ws.col.Source", "_ws.col.Destination", "_ws.col.Length"] as const;
type ColumnField = (typeof COLUMN_FIELDS)[number];

/** tshark -T fields escapes (print_escaped_csv, -E escape=y by default): \b \f \n \r \t as two characters, so a value never breaks the row. */
const FIELD_ESCAPES: Record<string, string> = { "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t" };
const NEEDS_ESCAPE = /[\b\f\n\r\t]/;
function escapeFieldText(s: string): string {
  return NEEDS_ESCAPE.test(s) ? s.replace(/[\b\f\n\r\t]/g, (c) => FIELD_ESCAPES[c]!) : s;
}

/** Only text can hold control characters; numbers and addresses never need escaping. */
const TEXT_TYPES = new Set(["string", "bytes", "none", "protocol"]);

type CellWriter = (rec: PacketRecord, pinfo: PacketInfo) => string;

export class FieldsPrinter {
  readonly collector: FieldCollector;
  /** Whether any column needs the Info/Protocol text (dissectors skip building Info otherwise). */
  readonly wantColumns: boolean;
  private readonly writers: CellWriter[];

  /** Throws UsageError naming every unknown field. */
  constructor(
    names: readonly string[],
    private readonly fo: FieldOptions,
  ) {
    const unknown: string[] = [];
    const defs: FieldDef[] = [];
    const kinds: (FieldDef | ColumnField)[] = names.map((n) => {
      if (n.startsWith("_ws.col.")) {
        if (!(COLUMN_FIELDS as readonly string[]).includes(n)) unknown.push(n);
        return n as ColumnField;
      }
      const f = fieldByAbbrev(n);
      if (!f) unknown.push(n);
      else defs.push(f);
      return f!;
    });
    if (unknown.length) throw new UsageError(`Some fields aren't valid: ${unknown.join(", ")}`);
    this.collector = new FieldCollector(defs);
    this.wantColumns = kinds.some((k) => typeof k === "string");
    this.writers = kinds.map((k) => (typeof k === "string" ? this.columnWriter(k) : this.fieldWriter(k)));
  }

  private columnWriter(c: ColumnField): CellWriter {
    switch (c) {
      case "_ws.col.Protocol":
        return (_r, p) => p.protocol;
      case "_ws.col.Info":
        return (_r, p) => escapeFieldText(p.info);
      case "_ws.col.No.":
        return (r) => String(r.number);
      case "_ws.col.Source":
        return (_r, p) => p.srcColumn;
      case "_ws.col.Destination":
        return (_r, p) => p.dstColumn;
      case "_ws.col.Length":
        return (r) => String(r.origLen);
    }
  }

  private fieldWriter(f: FieldDef): CellWriter {
    const { occurrence, aggregator, quote } = this.fo;
    const collector = this.collector;
    const text = TEXT_TYPES.has(f.type);
    const one = (v: Parameters<typeof formatFieldValue>[1]): string => (text ? escapeFieldText(formatFieldValue(f, v)) : formatFieldValue(f, v));
    return () => {
      const values = collector.values(f);
      const n = values.length;
      if (n === 0) return "";
      let cell: string;
      if (n === 1 || occurrence === "f") cell = one(values[0]!);
      else if (occurrence === "l") cell = one(values[n - 1]!);
      else {
        cell = one(values[0]!);
        for (let i = 1; i < n; i++) cell += aggregator + one(values[i]!);
      }
      return quote ? quote + cell + quote : cell;
    };
  }

  header(names: readonly string[]): string {
    return names.join(this.fo.separator);
  }

  /** The line for the packet just dissected with `this.collector` as its tree. */
  line(rec: PacketRecord, pinfo: PacketInfo): string {
    const w = this.writers;
    const sep = this.fo.separator;
    let s = w[0]!(rec, pinfo);
    for (let i = 1; i < w.length; i++) s += sep + w[i]!(rec, pinfo);
    return s;
  }
}
