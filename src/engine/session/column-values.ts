/**
 * Values of the packet list's columns beyond what the packet index holds:
 * field columns (custom columns, hardware addresses) from the field
 * collector, as `tshark -T fields -e FIELD` prints them, and the columns that
 * depend on which packets are displayed (Delta time displayed, Cumulative
 * Bytes). Also the sorts by the other column types.
 *
 * Field values are computed by re-dissection: for the rows asked for, or in
 * one pass over every displayed row when the list is sorted by the column.
 * Each column keeps one id per packet into its own table of distinct texts
 * (4 bytes a packet), so the rows on screen, scrolling back and a second
 * sort cost no dissection; a batch carries only the texts its rows use.
 */
import type { PacketInfo } from "../dissect/packet-info";
import { fieldByAbbrev, type FieldDef, type FieldValue } from "../dissect/field";
import { fieldFormatter, timeDiff } from "../dissect/format";
import { FieldCollector, type ProtoTree } from "../dissect/tree";
import type { PacketIndex } from "../index/packet-index";
import { PacketFlag } from "../index/packet-index";
import { StringTable } from "../index/string-table";
import { fieldColumnKey, fieldColumnOf, type ColumnSpec, type FieldColumn } from "./column-types";
import { naturalRanks } from "./sort";
import type { RowBatch, SortDirection } from "./types";

/** What the column values need of a capture session. */
export interface ColumnHost {
  readonly index: PacketIndex;
  /** Which rows the display filter keeps (rows [0, decided) are decided), or null when every row is shown. */
  readonly shownRows: { keep: Uint8Array; decided: number } | null;
  collectFields(
    rows: readonly number[],
    collector: ProtoTree & { reset(): void },
    each: (row: number, pinfo: PacketInfo) => void,
  ): Promise<void>;
}

export type ColumnProgress = (done: number, total: number) => void;

/** `-T fields` escapes \b \f \n \r \t as two characters, so a value never breaks its cell. */
function escapeControls(s: string): string {
  return /[\b\f\n\r\t]/.test(s) ? s.replace(/[\b\f\n\r\t]/g, (c) => "\\" + "bfnrt"["\b\f\n\r\t".indexOf(c)]!) : s;
}

const TEXT_TYPES = new Set(["string", "bytes", "none", "protocol"]);
/** Integers, times and floats: their texts sort as numbers. */
const NUMERIC_TYPES = new Set(["framenum", "reltime", "double", "float"]);
const isNumeric = (t: string): boolean => NUMERIC_TYPES.has(t) || /^u?int\d+$/.test(t);

/** One field column's values: per row, 1 + the id of its text (0: not computed yet). */
export class FieldColumnValues {
  readonly def: FieldDef;
  readonly table = new StringTable();
  private ids = new Uint32Array(0);
  private readonly format: (v: FieldValue) => string;

  constructor(readonly column: FieldColumn) {
    const def = fieldByAbbrev(column.field);
    if (!def) throw new Error(`Unknown field: ${column.field}`);
    this.def = def;
    const fmt = fieldFormatter(def);
    this.format = TEXT_TYPES.has(def.type) ? (v) => escapeControls(fmt(v)) : fmt;
    this.table.intern("");
  }

  /** Whether the values sort as numbers (one occurrence of a numeric field). */
  get numeric(): boolean {
    return isNumeric(this.def.type) && this.column.occurrence !== 0;
  }

  /** The cell of the packet just dissected with `c` as its tree: the occurrence asked for, or all joined by ",". */
  textOf(c: FieldCollector): string {
    const occ = this.column.occurrence;
    const k = c.head(this.def);
    if (k < 0) return "";
    if (occ === 0) {
      let s = this.format(c.valueAt(k));
      for (let j = c.next(k); j >= 0; j = c.next(j)) s += "," + this.format(c.valueAt(j));
      return s;
    }
    const n = c.count(this.def);
    let want = occ > 0 ? occ - 1 : n + occ;
    if (want < 0 || want >= n) return "";
    let j = k;
    while (want-- > 0) j = c.next(j);
    return this.format(c.valueAt(j));
  }

  record(row: number, text: string): void {
    if (row >= this.ids.length) {
      const grown = new Uint32Array(Math.max(1024, row + 1, this.ids.length * 2));
      grown.set(this.ids);
      this.ids = grown;
    }
    this.ids[row] = this.table.intern(text) + 1;
  }

  /** The text id of `row`, or -1 when not computed yet. */
  idOf(row: number): number {
    return row < this.ids.length ? this.ids[row]! - 1 : -1;
  }
}

/** Per row: the previous displayed row (-1: none) and the bytes of the displayed rows up to it, for one state of the display filter. */
interface Running {
  keep: Uint8Array | null;
  decided: number;
  rows: number;
  prev: Int32Array;
  cum: Float64Array;
}

export class ColumnValues {
  private readonly columns = new Map<string, FieldColumnValues>();
  private readonly collector = new FieldCollector([]);
  private running: Running | null = null;

  constructor(
    private readonly host: ColumnHost,
    /** How many field columns to keep values of (the least recently asked for go first). */
    private readonly maxColumns = 16,
  ) {}

  /** The values of a field column (throws for an unknown field). */
  column(c: FieldColumn): FieldColumnValues {
    const key = fieldColumnKey(c);
    let v = this.columns.get(key);
    if (v) {
      this.columns.delete(key);
    } else {
      v = new FieldColumnValues(c);
      this.collector.want(v.def);
      if (this.columns.size >= this.maxColumns) this.columns.delete(this.columns.keys().next().value!);
    }
    this.columns.set(key, v);
    return v;
  }

  /** Computes the columns' values of the rows that lack one, re-dissecting each such row once. */
  async compute(rows: readonly number[], cols: readonly FieldColumnValues[]): Promise<void> {
    const missing = rows.filter((r) => cols.some((c) => c.idOf(r) < 0));
    if (!missing.length) return;
    await this.host.collectFields(missing, this.collector, (row) => {
      for (const c of cols) c.record(row, c.textOf(this.collector));
    });
  }

  /**
   * Fills the batch's displayed-packet columns and the field columns asked
   * for (their values for these rows, as ids into one small list of texts).
   */
  async fill(batch: RowBatch, fieldColumns: readonly FieldColumn[] = []): Promise<void> {
    const rows = Array.from(batch.number, (n) => n - 1);
    // Only as far as the batch's last row: after a new display filter (Follow's
    // stream filter) every row past it would cost a walk nobody looks at.
    let end = 0;
    for (const row of rows) end = Math.max(end, row + 1);
    const run = this.runningTo(end);
    const ix = this.host.index;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const p = run.prev[row]!;
      if (p >= 0)
        [batch.shownDeltaSec[i], batch.shownDeltaNsec[i]] = timeDiff(ix.tsSec[row]!, ix.tsNsec[row]!, ix.tsSec[p]!, ix.tsNsec[p]!);
      batch.cumBytes[i] = run.cum[row]!;
    }
    if (!fieldColumns.length) return;
    // A field this version does not know (a column saved by another) stays empty.
    const cols = fieldColumns.map((c) => (fieldByAbbrev(c.field) ? this.column(c) : null));
    const known = cols.filter((c) => c !== null);
    await this.compute(rows, known);
    const texts = new StringTable();
    texts.intern("");
    batch.fields = {
      ids: cols.map((c) => (c ? Uint32Array.from(rows, (r) => texts.intern(c.table.get(c.idOf(r)))) : new Uint32Array(rows.length))),
      texts: texts.strings,
    };
  }

  /**
   * Previous displayed row and cumulative displayed bytes for rows [0, n) at
   * least, computed once per state of the display filter and extended when
   * rows further down are asked for.
   */
  private runningTo(n: number): Running {
    const shown = this.host.shownRows;
    const keep = shown?.keep ?? null;
    const decided = shown?.decided ?? n;
    let run = this.running;
    if (!run || run.keep !== keep || run.decided !== decided) {
      run = { keep, decided, rows: 0, prev: new Int32Array(n), cum: new Float64Array(n) };
    } else if (run.rows >= n) {
      return run;
    } else if (run.prev.length < n) {
      const prev = new Int32Array(Math.max(n, run.prev.length * 2));
      const cum = new Float64Array(prev.length);
      prev.set(run.prev.subarray(0, run.rows));
      cum.set(run.cum.subarray(0, run.rows));
      run = { ...run, prev, cum };
    }
    const len = this.host.index.origLen;
    let last = -1;
    let total = 0;
    if (run.rows > 0) {
      const r = run.rows - 1;
      const shownR = keep ? r < decided && keep[r] === 1 : true;
      last = shownR ? r : run.prev[r]!;
      total = run.cum[r]!;
    }
    for (let r = run.rows; r < n; r++) {
      run.prev[r] = last;
      if (keep ? r < decided && keep[r] === 1 : true) {
        total += len[r]!;
        last = r;
      }
      run.cum[r] = total;
    }
    run.rows = n;
    this.running = run;
    return run;
  }

  /**
   * Rows 0..n-1 sorted by a column the index or these values answer (ties in
   * frame order). A field column is computed first for every displayed row
   * that lacks it, in one pass in file order, reporting progress.
   */
  async sortedRows(spec: ColumnSpec, direction: SortDirection, onProgress?: ColumnProgress): Promise<Uint32Array> {
    const ix = this.host.index;
    const n = ix.count;
    const keys = new Float64Array(n);
    const field = fieldColumnOf(spec);
    if (field) {
      const col = this.column(field);
      await this.computeAll(col, n, onProgress);
      const rank = fieldRanks(col);
      for (let r = 0; r < n; r++) {
        const id = col.idOf(r);
        keys[r] = id < 0 ? -1 : rank[id]!;
      }
      return orderByKeys(keys, direction);
    }
    switch (spec.type) {
      case "src-port":
      case "dst-port": {
        const ports = spec.type === "src-port" ? ix.srcPort : ix.dstPort;
        for (let r = 0; r < n; r++) keys[r] = ix.flags[r]! & (PacketFlag.PORT_TCP | PacketFlag.PORT_UDP) ? ports[r]! : -1;
        break;
      }
      case "tcp-stream":
        for (let r = 0; r < n; r++) keys[r] = ix.tcpStream[r]!;
        break;
      case "delta":
        for (let r = 1; r < n; r++) keys[r] = spanKey(ix, r, r - 1);
        break;
      case "delta-displayed": {
        const run = this.runningTo(n);
        for (let r = 0; r < n; r++) keys[r] = run.prev[r]! >= 0 ? spanKey(ix, r, run.prev[r]!) : 0;
        break;
      }
      case "cumulative":
        keys.set(this.runningTo(n).cum.subarray(0, n));
        break;
      case "relative":
      case "absolute":
      case "utc":
        for (let r = 0; r < n; r++) keys[r] = ix.tsSec[r]! * 1e9 + ix.tsNsec[r]!;
        break;
      default:
        throw new Error(`Not a column these values sort: ${spec.type}`);
    }
    return orderByKeys(keys, direction);
  }

  /** Values of every displayed row of [0, n), in steps that report progress and let other requests in. */
  private async computeAll(col: FieldColumnValues, n: number, onProgress?: ColumnProgress): Promise<void> {
    const shown = this.host.shownRows;
    // Small steps: the rows the list asks for meanwhile are served between them (a step of 4096 packets is ~0.1 s of dissection).
    const step = 4096;
    for (let first = 0; first < n; first += step) {
      const rows: number[] = [];
      for (let r = first; r < Math.min(n, first + step); r++) {
        if (col.idOf(r) >= 0) continue;
        if (shown && (r >= shown.decided || shown.keep[r] !== 1)) continue;
        rows.push(r);
      }
      await this.compute(rows, [col]);
      onProgress?.(Math.min(n, first + step), n);
    }
    onProgress?.(n, n);
  }
}

/** Nanoseconds between two rows' times (exact enough to order deltas of less than 104 days). */
function spanKey(ix: PacketIndex, a: number, b: number): number {
  const [s, ns] = timeDiff(ix.tsSec[a]!, ix.tsNsec[a]!, ix.tsSec[b]!, ix.tsNsec[b]!);
  return s * 1e9 + ns;
}

/** Rank of each text of a column: numbers by value for a numeric field, otherwise in natural order; empty first. */
function fieldRanks(col: FieldColumnValues): Uint32Array {
  if (!col.numeric) return naturalRanks(col.table);
  const strings = col.table.strings;
  const value = strings.map((s) => (s === "" ? -Infinity : Number(s)));
  const ids = strings.map((_, i) => i);
  ids.sort((a, b) => {
    const x = value[a]!;
    const y = value[b]!;
    if (Number.isNaN(x) || Number.isNaN(y))
      return Number.isNaN(x) === Number.isNaN(y) ? (strings[a]! < strings[b]! ? -1 : 1) : Number.isNaN(x) ? 1 : -1;
    return x - y || a - b;
  });
  const rank = new Uint32Array(ids.length);
  ids.forEach((id, r) => (rank[id] = r));
  return rank;
}

/**
 * The rows ordered by `keys` (ties in row order; NaN as the lowest key). A
 * counting sort over the keys' ranks: the distinct keys are few next to the
 * rows (ports, streams, a field's distinct texts), so sorting them and
 * placing each row costs far less than sorting a million rows.
 */
export function orderByKeys(keys: Float64Array, direction: SortDirection): Uint32Array {
  const n = keys.length;
  const dense = denseKeys(keys);
  if (dense) return countingOrder(dense.slot, dense.slots, direction);
  const index = new Map<number, number>();
  const distinctOf = new Uint32Array(n);
  const values: number[] = [];
  for (let r = 0; r < n; r++) {
    const k = Number.isNaN(keys[r]!) ? -Infinity : keys[r]!;
    let d = index.get(k);
    if (d === undefined) {
      d = values.length;
      values.push(k);
      index.set(k, d);
    }
    distinctOf[r] = d;
  }
  const m = values.length;
  const sorted = Float64Array.from(values).sort();
  const rank = new Uint32Array(m);
  for (let i = 0; i < m; i++) rank[index.get(sorted[i]!)!] = direction === "asc" ? i : m - 1 - i;
  for (let r = 0; r < n; r++) distinctOf[r] = rank[distinctOf[r]!]!;
  return countingOrder(distinctOf, m, "asc");
}

/** Integer keys within a small range (ranks, ports, streams) as slots 0..slots-1 (NaN: slot 0, below every key); null otherwise. */
function denseKeys(keys: Float64Array): { slot: Uint32Array; slots: number } | null {
  let min = Infinity;
  let max = -Infinity;
  for (let r = 0; r < keys.length; r++) {
    const k = keys[r]!;
    if (Number.isNaN(k)) continue;
    if (!Number.isInteger(k)) return null;
    if (k < min) min = k;
    if (k > max) max = k;
  }
  const slots = max >= min ? max - min + 2 : 1;
  if (slots > 4 * keys.length + 65536) return null;
  const slot = new Uint32Array(keys.length);
  for (let r = 0; r < keys.length; r++) slot[r] = Number.isNaN(keys[r]!) ? 0 : keys[r]! - min + 1;
  return { slot, slots };
}

/** Rows ordered by slot (0..slots-1), ties in row order: a stable counting sort. */
function countingOrder(slot: Uint32Array, slots: number, direction: SortDirection): Uint32Array {
  const n = slot.length;
  const start = new Uint32Array(slots + 1);
  const at = direction === "asc" ? (s: number) => s : (s: number) => slots - 1 - s;
  for (let r = 0; r < n; r++) start[at(slot[r]!) + 1]!++;
  for (let i = 0; i < slots; i++) start[i + 1]! += start[i]!;
  const perm = new Uint32Array(n);
  for (let r = 0; r < n; r++) perm[start[at(slot[r]!)]!++] = r;
  return perm;
}
