/**
 * `-T fields` printing: one tab-separated line per packet, exactly as tshark
 * 4.0 prints it. Column writers are built once per run so the per-packet work
 * is a loop over precomputed closures (the CLI's hot path).
 *
 * Two equivalent writers: `line` builds the line as a string (the reference,
 * kept simple), `writeLine` puts the same text straight into the output
 * buffer as UTF-8 bytes, numbers and addresses digit by digit, so the hot
 * loop allocates no strings for them (what the CLI uses).
 */
import type { FieldOptions } from "./args";
import type { PacketRecord } from "../engine/capture/types";
import type { PacketInfo } from "../engine/dissect/packet-info";
import { fieldByAbbrev, type FieldDef, type FieldValue } from "../engine/dissect/field";
import { fieldFormatter } from "../engine/dissect/format";
import { FieldCollector } from "../engine/dissect/tree";
import { UsageError } from "./args";
import type { Output } from "./output";

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
type CellPutter = (rec: PacketRecord, pinfo: PacketInfo, out: Output) => void;
/** Writes one value's text (as the string writer would make it) into the output. */
type ValuePutter = (out: Output, v: FieldValue) => void;

const HEX_DIGITS: Record<string, number> = { uint8: 2, int8: 2, uint16: 4, int16: 4, uint24: 6, uint32: 8, int32: 8 };

/**
 * The byte writer of one field's values: the same text as
 * `fieldFormatter(def)` (escaped for text types), written directly for the
 * common shapes, through the string otherwise.
 */
function valuePutter(def: FieldDef, text: boolean): ValuePutter {
  const fmt = fieldFormatter(def);
  const viaString: ValuePutter = text ? (o, v) => o.text(escapeFieldText(fmt(v))) : (o, v) => o.text(fmt(v));
  if (text) return viaString;
  switch (def.type) {
    case "uint8":
    case "uint16":
    case "uint24":
    case "uint32":
    case "uint64":
    case "int8":
    case "int16":
    case "int32":
    case "int64": {
      if (def.base === "hex" || def.base === "hex_dec") {
        const digits = HEX_DIGITS[def.type];
        if (digits === undefined) return viaString;
        const mask = digits === 8 ? 0 : 2 ** (digits * 4) - 1;
        return (o, v) => {
          if (typeof v === "number" && Number.isSafeInteger(v)) o.hex(mask === 0 ? v >>> 0 : v & mask, digits);
          else viaString(o, v);
        };
      }
      if (def.base === "oct") return viaString;
      return (o, v) => {
        if (typeof v === "number" && Number.isSafeInteger(v)) o.int(v);
        else viaString(o, v);
      };
    }
    case "framenum":
      return (o, v) => {
        if (typeof v === "number" && Number.isSafeInteger(v)) o.int(v);
        else viaString(o, v);
      };
    case "boolean":
      return (o, v) => {
        if (v !== null) o.byte(v === true || (typeof v === "number" && v !== 0) ? 49 : 48);
      };
    case "ipv4":
      return (o, v) => {
        if (typeof v === "number") o.ipv4(v >>> 0);
        else viaString(o, v);
      };
    case "ether":
      return (o, v) => {
        if (v instanceof Uint8Array && v.length === 6) o.ether(v, 0);
        else viaString(o, v);
      };
    case "reltime":
      // relTimeToString: sign, whole seconds, nine decimals.
      return (o, v) => {
        if (Array.isArray(v)) {
          const sec = v[0] as number;
          const nsec = v[1] as number;
          const s = Math.abs(sec);
          const n = Math.abs(nsec);
          if (Number.isSafeInteger(s) && Number.isSafeInteger(n) && n < 1e9) {
            if (sec < 0 || nsec < 0) o.byte(45);
            o.int(s);
            o.byte(46);
            o.pad9(n);
            return;
          }
        }
        viaString(o, v);
      };
    case "abstime":
      if (def.base !== "none") return viaString;
      // frame.time_epoch: seconds, nine decimals.
      return (o, v) => {
        if (Array.isArray(v)) {
          const sec = v[0] as number;
          const nsec = v[1] as number;
          if (Number.isSafeInteger(sec) && Number.isSafeInteger(nsec) && nsec >= 0 && nsec < 1e9) {
            o.int(sec);
            o.byte(46);
            o.pad9(nsec);
            return;
          }
        }
        viaString(o, v);
      };
    default:
      return viaString;
  }
}

export class FieldsPrinter {
  readonly collector: FieldCollector;
  /**
   * Whether columns built only on demand are asked for: Info (dissectors skip
   * building its text otherwise) and Source/Destination (Linux SLL sets its
   * link-layer source only then). The Protocol column is set regardless.
   */
  readonly wantColumns: boolean;
  private readonly writers: CellWriter[];
  /** The current line's cells, reused for every packet. */
  private readonly cells: string[];
  /** Per cell: the column writer (null for a field), the field (null for a column) and its value writer. */
  private readonly columnPutters: (CellPutter | null)[];
  private readonly cellFields: (FieldDef | null)[];
  private readonly valuePutters: (ValuePutter | null)[];

  /** Throws UsageError naming every unknown field. */
  constructor(
    names: readonly string[],
    private readonly fo: FieldOptions,
    /** Fields something else reads from the same dissection (a display filter), and whether it needs their byte ranges. */
    extra: { fields: readonly FieldDef[]; positions: boolean } = { fields: [], positions: false },
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
    // tshark -T fields shows the tree (print_details): every item is made.
    this.collector = new FieldCollector([...defs, ...extra.fields], { positions: extra.positions, shown: true });
    this.wantColumns = kinds.some((k) => k === "_ws.col.Info" || k === "_ws.col.Source" || k === "_ws.col.Destination");
    this.writers = kinds.map((k) => (typeof k === "string" ? this.columnWriter(k) : this.fieldWriter(k)));
    this.cells = this.writers.map(() => "");
    this.columnPutters = kinds.map((k) => (typeof k === "string" ? this.columnPutter(k) : null));
    this.cellFields = kinds.map((k) => (typeof k === "string" ? null : k));
    this.valuePutters = kinds.map((k) => (typeof k === "string" ? null : valuePutter(k, TEXT_TYPES.has(k.type))));
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
    const c = this.collector;
    const fmt = fieldFormatter(f);
    const one = TEXT_TYPES.has(f.type) ? (v: FieldValue): string => escapeFieldText(fmt(v)) : fmt;
    return () => {
      const k = c.head(f);
      if (k < 0) return "";
      let cell: string;
      if (occurrence === "f") cell = one(c.valueAt(k));
      else if (occurrence === "l") cell = one(c.last(f)!);
      else {
        cell = one(c.valueAt(k));
        for (let j = c.next(k); j >= 0; j = c.next(j)) cell += aggregator + one(c.valueAt(j));
      }
      return quote ? quote + cell + quote : cell;
    };
  }

  private columnPutter(c: ColumnField): CellPutter {
    const int = (o: Output, v: number): void => {
      if (Number.isSafeInteger(v)) o.int(v);
      else o.text(String(v));
    };
    switch (c) {
      case "_ws.col.Protocol":
        return (_r, p, o) => o.text(p.protocol);
      case "_ws.col.Info":
        return (_r, p, o) => o.text(escapeFieldText(p.info));
      case "_ws.col.No.":
        return (r, _p, o) => int(o, r.number);
      case "_ws.col.Source":
        return (_r, p, o) => o.text(p.srcColumn);
      case "_ws.col.Destination":
        return (_r, p, o) => o.text(p.dstColumn);
      case "_ws.col.Length":
        return (r, _p, o) => int(o, r.origLen);
    }
  }

  header(names: readonly string[]): string {
    return names.join(this.fo.separator);
  }

  /** The line for the packet just dissected with `this.collector` as its tree. */
  line(rec: PacketRecord, pinfo: PacketInfo): string {
    const w = this.writers;
    const cells = this.cells;
    for (let i = 0; i < w.length; i++) cells[i] = w[i]!(rec, pinfo);
    // One flat string per line (join sizes it once) instead of a rope of concatenations.
    return cells.join(this.fo.separator);
  }

  /** `line` and its newline, written into `out` (no string built for the line). */
  writeLine(rec: PacketRecord, pinfo: PacketInfo, out: Output): void {
    const { occurrence, aggregator, quote, separator } = this.fo;
    const sepCode = separator.length === 1 && separator.charCodeAt(0) < 0x80 ? separator.charCodeAt(0) : -1;
    const c = this.collector;
    const columns = this.columnPutters;
    const fields = this.cellFields;
    const puts = this.valuePutters;
    // One loop over the cells; a field's cell is inline here (most are empty: one test each).
    for (let i = 0; i < fields.length; i++) {
      if (i !== 0) {
        if (sepCode >= 0 && out.pos < out.buf.length) out.buf[out.pos++] = sepCode;
        else out.text(separator);
      }
      const f = fields[i] as FieldDef | null;
      if (f === null) {
        columns[i]!(rec, pinfo, out);
        continue;
      }
      const k = c.head(f);
      if (k < 0) continue;
      const put = puts[i]!;
      if (quote) out.text(quote);
      if (occurrence === "f") put(out, c.valueAt(k));
      else if (occurrence === "l") put(out, c.last(f)!);
      else {
        put(out, c.valueAt(k));
        for (let j = c.next(k); j >= 0; j = c.next(j)) {
          out.text(aggregator);
          put(out, c.valueAt(j));
        }
      }
      if (quote) out.text(quote);
    }
    out.endLine();
  }
}
