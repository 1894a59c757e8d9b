/**
 * I/O statistics (`-z io,stat` and the app's I/O Graph): per column (its own
 * display filter and calculation), one value per time interval, kept in
 * typed-array columns that grow with the intervals, never an object per
 * packet. Semantics learnt from Wireshark 4.0.17's `ui/cli/tap-iostat.c`
 * (read, not copied):
 *
 * - a packet's interval comes from its time since the first packet in
 *   microseconds (nanoseconds rounded); a packet earlier than the first
 *   counts in the interval of the last packet seen (one value shared by all
 *   columns, as tshark's is a single static);
 * - FRAMES/BYTES count matched packets and their frame lengths; COUNT counts
 *   a field's occurrences; SUM, MIN, MAX and AVG read every occurrence's value
 *   (integers, floats, doubles, relative times in nanoseconds); LOAD spreads
 *   each relative time (in microseconds) backwards over the intervals it
 *   spans, its remainder in the packet's own;
 * - MIN takes the first value of an interval's first packet, and a smaller
 *   one after that (so an interval whose first packet lacks the field stays
 *   at 0 unless a value is negative), MAX starts from 0;
 * - the largest value per column (for the printed widths) is taken after
 *   each packet, of the interval that packet fell into.
 */
import type { FieldDef, FieldType, FieldValue } from "../dissect/field";
import type { FieldCollector } from "../dissect/tree";
import type { DisplayFilter } from "../filter";
import { floatColumn, intColumn } from "./growable";

export const Calc = { FRAMES: 0, BYTES: 1, FRAMES_BYTES: 2, COUNT: 3, SUM: 4, MIN: 5, MAX: 6, AVG: 7, LOAD: 8 } as const;
export type CalcType = (typeof Calc)[keyof typeof Calc];

/** Wireshark's names, in its table's order (the spec parser tries them in this order). */
export const CALC_NAMES: readonly (readonly [string, CalcType])[] = [
  ["FRAMES", Calc.FRAMES],
  ["BYTES", Calc.BYTES],
  ["FRAMES BYTES", Calc.FRAMES_BYTES],
  ["COUNT", Calc.COUNT],
  ["SUM", Calc.SUM],
  ["MIN", Calc.MIN],
  ["MAX", Calc.MAX],
  ["AVG", Calc.AVG],
  ["LOAD", Calc.LOAD],
];

/** How a field's values are added up (tshark's field types, grouped as its calculations treat them). */
export type ValueKind = "unsigned" | "signed" | "float" | "double" | "reltime" | "other";

export function valueKind(type: FieldType): ValueKind {
  if (/^uint\d+$/.test(type)) return "unsigned";
  if (/^int\d+$/.test(type)) return "signed";
  return type === "float" || type === "double" || type === "reltime" ? type : "other";
}

/** Why `calc` cannot be computed over `field` (tshark's refusals), or null when it can. */
export function calcRefusal(calc: CalcType, field: FieldDef): string | null {
  const kind = valueKind(field.type);
  if (calc === Calc.COUNT || kind === "unsigned" || kind === "signed") return calc === Calc.LOAD ? loadRefusal : null;
  if (kind === "float" || kind === "double")
    return calc === Calc.LOAD ? `${field.abbrev} is a float field, so LOAD(*) calculations are not supported on it.` : null;
  if (kind === "reltime") return null;
  const name = CALC_NAMES.find(([, c]) => c === calc)![0];
  return `${field.abbrev} doesn't have integral values, so ${name}(*) calculations are not supported on it.`;
}
const loadRefusal = "LOAD() is only supported for relative-time fields such as smb.time";

export interface IoColumnRequest {
  calc: CalcType;
  /** The field of COUNT, SUM, MIN, MAX, AVG and LOAD. */
  field: FieldDef | null;
  filter: DisplayFilter | null;
  /**
   * False when the field's values never reach the count: tshark's tree
   * leaves out a field no display filter of the run names (nor -e, nor -V),
   * so its `SUM(tcp.len)` without a filter naming tcp.len is 0.
   */
  primed?: boolean;
}

/** One column's intervals: frames, the calculation's accumulator and (AVG) its sample count. */
export class IoColumn {
  /** Intervals created so far: up to the last one a matching packet fell into. */
  intervals = 0;
  readonly frames = floatColumn();
  readonly counter = floatColumn();
  readonly samples = floatColumn();
  /** Per interval: the frame number of its first packet counted (0: none), for the I/O Graph's click. */
  readonly firstFrame = intColumn();
  /** Per column, for the printed widths: the largest accumulator (or average) and frame count seen. */
  maxValue = 0;
  maxFrames = 0;
  readonly kind: ValueKind;
  constructor(readonly request: IoColumnRequest) {
    this.kind = request.field ? valueKind(request.field.type) : "unsigned";
  }
  /** The printed value of interval `i`: the accumulator, or for AVG the average (integer kinds: truncated). */
  value(i: number): number {
    const c = this.counter.a[i] ?? 0;
    if (this.request.calc !== Calc.AVG) return c;
    const n = Math.max(1, this.samples.a[i] ?? 0);
    return this.kind === "float" || this.kind === "double" ? c / n : Math.trunc(c / n);
  }
}

const toNumber = (v: FieldValue): number =>
  typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : typeof v === "boolean" ? +v : 0;
/** A relative time in nanoseconds: dissectors give seconds, or [seconds, nanoseconds] where the exact value matters. */
const nanoseconds = (v: FieldValue): number => (Array.isArray(v) ? v[0]! * 1e9 + v[1]! : Math.round(toNumber(v) * 1e9));

export class IoStat {
  readonly columns: IoColumn[];
  /** tshark's elapsed time: the latest time since the first packet, over every packet read. */
  elapsedSec = 0;
  elapsedNsec = 0;
  private lastRelativeUs = 0;

  constructor(
    /** Interval length in microseconds; Infinity for the whole capture (interval 0). */
    readonly intervalUs: number,
    requests: readonly IoColumnRequest[],
  ) {
    this.columns = requests.map((r) => new IoColumn(r));
  }

  /** Every packet read, matched or not: keeps the elapsed time (a later time is never undone by an earlier). */
  observe(relSec: number, relNsec: number): void {
    if ((this.elapsedSec | 0) < relSec || ((this.elapsedSec | 0) === relSec && (this.elapsedNsec | 0) < relNsec)) {
      this.elapsedSec = relSec;
      this.elapsedNsec = relNsec;
    }
  }

  /** Elapsed time in microseconds, rounded as tshark rounds it. */
  get durationUs(): number {
    return this.elapsedSec * 1e6 + Math.floor((this.elapsedNsec + 500) / 1000);
  }

  /** Counts packet `frame` (its number; 0: not kept) that matched column `c`'s filter; field values are read from `fields`. */
  add(c: number, relSec: number, relNsec: number, frameLength: number, fields: FieldCollector | null, frame = 0): void {
    let rt: number;
    if (relSec >= 0 && relNsec >= 0) this.lastRelativeUs = rt = relSec * 1e6 + Math.floor((relNsec + 500) / 1000);
    else rt = this.lastRelativeUs;
    const col = this.columns[c]!;
    const i = this.intervalUs === Infinity ? 0 : Math.floor(rt / this.intervalUs);
    if (i >= col.intervals) {
      col.frames.ensure(i + 1);
      col.counter.ensure(i + 1);
      col.samples.ensure(i + 1);
      col.firstFrame.ensure(i + 1);
      col.intervals = i + 1;
    }
    if (col.firstFrame.a[i] === 0) col.firstFrame.a[i] = frame;
    const frames = ++col.frames.a[i]!;
    const { calc, field } = col.request;
    const counter = col.counter.a;
    if (calc === Calc.FRAMES || calc === Calc.BYTES || calc === Calc.FRAMES_BYTES) counter[i]! += frameLength;
    else if (!fields || !field || col.request.primed === false) {
      // No values: the counts stay as they are.
    } else if (calc === Calc.COUNT) counter[i]! += fields.count(field);
    else this.accumulate(col, i, frames, fields, field);
    this.keepMaximum(col, i);
  }

  private accumulate(col: IoColumn, i: number, frames: number, fields: FieldCollector, field: FieldDef): void {
    const counter = col.counter.a;
    const { calc } = col.request;
    const kind = col.kind;
    let first = true;
    for (let s = fields.head(field); s >= 0; s = fields.next(s), first = false) {
      const value = fields.valueAt(s);
      if (calc === Calc.LOAD) {
        this.spreadLoad(col, i, Math.floor(nanoseconds(value) / 1000));
        continue;
      }
      // Relative times count in nanoseconds; floats as C floats.
      const v = kind === "reltime" ? nanoseconds(value) : kind === "float" ? Math.fround(toNumber(value)) : toNumber(value);
      switch (calc) {
        case Calc.SUM:
          counter[i] = kind === "float" ? Math.fround(counter[i]! + v) : counter[i]! + v;
          break;
        case Calc.AVG:
          col.samples.a[i]!++;
          counter[i] = kind === "float" ? Math.fround(counter[i]! + v) : counter[i]! + v;
          break;
        case Calc.MIN:
          if ((frames === 1 && first) || v < counter[i]!) counter[i] = v;
          break;
        case Calc.MAX:
          if (v > counter[i]!) counter[i] = v;
          break;
      }
    }
  }

  /**
   * LOAD: the part of `us` past whole intervals in this one, the rest back
   * through the earlier ones. Past the first interval tshark's walk goes on
   * at the newest (its first item's back link is the list's tail), so the
   * walk here wraps around too.
   */
  private spreadLoad(col: IoColumn, i: number, us: number): void {
    const interval = this.intervalUs === Infinity ? Number.MAX_SAFE_INTEGER : this.intervalUs;
    const own = us % interval;
    const counter = col.counter.a;
    counter[i]! += own;
    let rest = us - own;
    for (let p = i === 0 ? i : i - 1; rest > 0; p = p === 0 ? col.intervals - 1 : p - 1) {
      const part = Math.min(rest, interval);
      counter[p]! += part;
      rest -= part;
    }
  }

  private keepMaximum(col: IoColumn, i: number): void {
    const { calc } = col.request;
    if (calc === Calc.FRAMES || calc === Calc.FRAMES_BYTES) col.maxFrames = Math.max(col.maxFrames, col.frames.a[i]!);
    if (calc === Calc.FRAMES) return;
    const c = col.counter.a[i]!;
    let v: number;
    if (calc === Calc.AVG) {
      const n = col.samples.a[i]!;
      if (n === 0) return;
      // tshark: a relative time's average in whole seconds, rounded; others truncated.
      v = col.kind === "reltime" ? Math.floor((Math.floor(c / n) + 5e8) / 1e9) : Math.trunc(Math.trunc(c) / n);
    } else if (col.kind === "float" || col.kind === "double") v = Math.trunc(c + 0.5);
    else v = c;
    // A negative value is, as tshark's unsigned maximum sees it, huge.
    col.maxValue = Math.max(col.maxValue, v < 0 ? Number.MAX_SAFE_INTEGER : v);
  }
}
