/**
 * `-z io,stat,INTERVAL[,COLUMN…]`: the spec's parsing and tshark 4.0.17's
 * boxed table around the engine's numbers (src/engine/stats/io-stat.ts),
 * byte for byte, with relative interval times (tshark's default `-t r`).
 * Layout learnt from Wireshark's `ui/cli/tap-iostat.c` (read, not copied),
 * including its quirks: the widths of the interval column come from the
 * duration's magnitude before rounding, Duration's fraction for whole-second
 * intervals is space-padded, a column wider than its centred label leaves
 * the label out.
 */
import { fieldByAbbrev } from "../engine/dissect/field";
import { compileFilter, describeFilterError, FilterError, type DisplayFilter } from "../engine/filter";
import { Calc, CALC_NAMES, calcRefusal, type IoStat, type CalcType, type IoColumn, type IoColumnRequest } from "../engine/stats/io-stat";
import { UsageError, type CliOptions } from "./args";

const INVALID = 'invalid "-z io,stat,<interval>[,<filter>][,<filter>]..." argument';

/** Interval in microseconds (Infinity: the whole capture) and its printed decimals. */
function parseInterval(z: string): { us: number; precision: number; rest: string } {
  const m = /^io,stat,(\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/.exec(z);
  if (!m || z.endsWith(",")) throw new UsageError(INVALID);
  const rest = z.slice(m[0].length);
  if (rest !== "" && !rest.startsWith(",")) throw new UsageError(INVALID);
  const seconds = Number(m[1]!.trim());
  if (seconds === 0) return { us: Infinity, precision: 0, rest };
  const us = Math.floor(seconds * 1e6 + 0.5);
  if (us < 1) throw new UsageError('"-z" interval must be >=0.000001 seconds or "0" for the entire capture duration.');
  // Decimals: as many as the microseconds need; for whole seconds, as many as were written after a point.
  let precision = 6;
  for (let i = 10; i < 1e7 && us % i === 0; i *= 10) precision--;
  if (precision === 0) {
    const written = /\.(\d*)/.exec(m[1]!);
    if (written && written[1]!.length) precision = Math.min(written[1]!.length, 6);
  }
  return { us, precision, rest };
}

/** One column: FRAMES BYTES by default, or a calculation named before its field in parentheses, then its filter. */
function parseColumn(text: string | null): IoColumnRequest {
  let calc: CalcType = Calc.FRAMES_BYTES;
  let filterText = text ?? "";
  let field = null;
  for (const [name, type] of CALC_NAMES) {
    if (text === null || !text.startsWith(name)) {
      // tshark: a FRAMES or BYTES without parentheses counts every packet.
      if (calc === Calc.FRAMES || calc === Calc.BYTES) filterText = "";
      continue;
    }
    calc = type;
    if (text[name.length] !== "(") continue;
    const open = name.length + 1;
    const close = text.indexOf(")", open);
    if (close < 0) throw new UsageError("Closing parenthesis missing from calculated expression.");
    const plain = calc === Calc.FRAMES || calc === Calc.BYTES;
    if (plain && close !== open) throw new UsageError(`${name} does not require or allow a field name within the parens.`);
    if (!plain && close === open) throw new UsageError(`You didn't specify a field name for ${name}(*).`);
    filterText = text.slice(close + 1);
    if (plain) break;
    const abbrev = text.slice(open, close);
    field = fieldByAbbrev(abbrev) ?? null;
    if (!field) throw new UsageError(`There is no field named '${abbrev}'.`);
    if (calc !== Calc.FRAMES_BYTES) {
      const refusal = calcRefusal(calc, field);
      if (refusal) throw new UsageError(refusal);
    }
    break;
  }
  let filter = null;
  if (filterText !== "") {
    try {
      filter = compileFilter(filterText);
    } catch (e) {
      if (e instanceof FilterError)
        throw new UsageError(`Couldn't register io,stat tap: ${describeFilterError(filterText, e, "pcapscope")}`);
      throw e;
    }
  }
  return { calc, field, filter };
}

export interface IoStatSpec {
  intervalUs: number;
  requests: IoColumnRequest[];
  precision: number;
  /** Each column's text as written (trimmed); null for an empty one ("Frames and bytes"). */
  columns: (string | null)[];
}

/** Parses `io,stat,…`; null when `z` is some other statistic. */
export function parseIoStatSpec(z: string): IoStatSpec | null {
  if (!z.startsWith("io,stat,") && z !== "io,stat") return null;
  const { us, precision, rest } = parseInterval(z);
  const texts: (string | null)[] = [];
  if (rest.length > 1) {
    const parts = rest.slice(1).split(",");
    // An empty piece has no filter; the last one, and a blank middle one, are trimmed (a blank middle stays "").
    parts.forEach((p, i) => texts.push(p === "" ? null : i === parts.length - 1 ? p.trim() || null : p.trim()));
  } else texts.push(null);
  return { intervalUs: us, requests: texts.map((t) => parseColumn(t)), precision, columns: texts };
}

/**
 * The columns as tshark counts them in a run: a field's values reach its
 * tap only when the field is in the tree, which tshark fills with the
 * fields some display filter of the run names (the taps', -Y's, -R's), -e's
 * fields, or every field when it prints details (-V).
 */
export function primedColumns(
  requests: readonly IoColumnRequest[],
  filters: readonly (DisplayFilter | null)[],
  opts: Pick<CliOptions, "verbose" | "fields">,
): IoColumnRequest[] {
  if (opts.verbose) return [...requests];
  const primed = new Set<number>();
  for (const f of filters) for (const field of f?.fields ?? []) primed.add(field.id);
  for (const name of opts.fields) {
    const field = fieldByAbbrev(name);
    if (field) primed.add(field.id);
  }
  return requests.map((r) => (r.field && !primed.has(r.field.id) ? { ...r, primed: false } : r));
}

/** Decimal digits of `v`, at least one and at most `max` (tshark's magnitude()). */
function magnitude(v: number, max: number): number {
  let mag = 0;
  for (let i = 0; i < max; i++) {
    mag++;
    v = Math.floor(v / 10);
    if (v === 0) break;
  }
  return mag;
}

const sp = (n: number): string => " ".repeat(Math.max(0, n));
const pad = (v: number | string, w: number): string => String(v).padStart(w);
const zeros = (v: number, w: number): string => String(v).padStart(w, "0");
/** Whole seconds as tshark prints them: cast to a 32-bit unsigned int. */
const secondsOf = (us: number): number => Math.floor(us / 1e6) >>> 0;
const LABELS = ["FRAMES", "BYTES", "", "COUNT", "SUM", "MIN", "MAX", "AVG", "LOAD"];

/** A label centred over a column `width` wide, as tshark does it (nothing when the column is much wider). */
function centred(label: string, width: number): string {
  const len = 6 - (Math.trunc((width - label.length) / 2) + 1);
  if (len > 0 && len < 6) {
    const s = sp(6 - len);
    return ((width - label.length) % 2 === 0 ? s : s + " ") + label + s + "|";
  }
  return len === 6 ? label + "|" : "";
}

interface Layout {
  /** Widths for the column-number header and the labels. */
  frames: number;
  value: number;
  labels: string;
  cell(row: number, lastRow: boolean, span: number): string;
}

/** Seconds and microseconds of a relative time counted in nanoseconds, rounded to microseconds. */
const timeCell = (ns: number, mag: number): string => {
  const us = Math.floor((ns + 500) / 1000);
  return ` ${pad(Math.floor(us / 1e6), mag)}.${zeros(us % 1e6, 6)} |`;
};

function columnLayout(col: IoColumn, interval: number): Layout {
  const { calc } = col.request;
  const name = LABELS[calc]!;
  const has = (i: number): boolean => i < col.intervals;
  const frames = (i: number): number => (has(i) ? col.frames.a[i]! : 0);
  const counter = (i: number): number => (has(i) ? col.counter.a[i]! : 0);
  if (calc === Calc.FRAMES || calc === Calc.FRAMES_BYTES) {
    const fr = Math.max(6, magnitude(col.maxFrames, 15));
    if (calc === Calc.FRAMES) return { frames: fr, value: 0, labels: centred(name, fr), cell: (i) => ` ${pad(frames(i), fr)} |` };
    const val = Math.max(5, magnitude(col.maxValue, 15));
    return {
      frames: fr,
      value: val,
      labels: centred("Frames", fr) + centred("Bytes", val),
      cell: (i) => ` ${pad(frames(i), fr)} | ${pad(counter(i), val)} |`,
    };
  }
  if (calc === Calc.BYTES || calc === Calc.COUNT) {
    const val = Math.max(5, magnitude(col.maxValue, 15));
    return { frames: 0, value: val, labels: centred(name, val), cell: (i) => ` ${pad(counter(i), val)} |` };
  }
  const value = (i: number): number => (has(i) ? col.value(i) : 0);
  if (col.kind === "float" || col.kind === "double") {
    const mag = magnitude(col.maxValue, 15);
    return { frames: 0, value: mag + 7, labels: centred(name, mag + 7), cell: (i) => ` ${pad(value(i).toFixed(6), mag)} |` };
  }
  if (col.kind === "reltime") {
    let max = col.maxValue;
    if (calc === Calc.LOAD) max = interval > 0 ? Math.floor(max / interval) : 0;
    else if (calc !== Calc.AVG) max = Math.floor((max + 5e8) / 1e9);
    const mag = magnitude(max, 15);
    const cell = (i: number, lastRow: boolean, span: number): string => {
      if (calc !== Calc.LOAD)
        return timeCell(calc === Calc.AVG && has(i) ? Math.floor(col.counter.a[i]! / Math.max(1, col.samples.a[i]!)) : counter(i), mag);
      // LOAD: the time outstanding per interval, as a fraction of the interval (the last row's: of its own span).
      const d = lastRow ? span : interval;
      const c = counter(i);
      return d > 0 ? ` ${pad(Math.floor(c / d), mag)}.${zeros(Math.floor(((c % d) * 1e6) / d), 6)} |` : ` ${pad(0, mag)}.000000 |`;
    };
    return { frames: 0, value: mag + 7, labels: centred(name, mag + 7), cell };
  }
  const val = Math.max(name.length, magnitude(col.maxValue, 15));
  return { frames: 0, value: val, labels: centred(name, val), cell: (i) => ` ${pad(value(i), val)} |` };
}

/** The filter's lines in the column list, wrapped at the last space before the box's edge. */
function filterLines(filter: string, border: number): string {
  if (filter.length + 11 <= border) return filter + sp(border - filter.length - 10) + "|\n";
  const max = border - 11;
  let s = "";
  let rest = filter;
  while (rest.length > max) {
    const head = rest.slice(0, max);
    const space = head.lastIndexOf(" ");
    const len = space >= 0 ? space : head.length;
    s += head.slice(0, len) + sp(border - len - 10) + "|\n|        ";
    rest = rest.slice(space >= 0 ? space + 1 : len);
  }
  return s + rest + sp(border - rest.length - 10) + "|\n";
}

/** tshark's text for the io,stat `spec` counted in `io`. */
export function ioStatText(spec: IoStatSpec, io: IoStat): string {
  let duration = io.durationUs;
  const whole = io.intervalUs === Infinity || io.intervalUs > duration;
  let interval = whole ? duration : io.intervalUs;
  let durSecs = secondsOf(duration);
  let durUs = duration % 1e6;
  const durSecsOrig = durSecs;
  const durUsOrig = durUs;
  let durMag = magnitude(durSecs, 5);
  // tshark formats the times with the magnitude from before rounding the duration.
  const timeMag = durMag;
  const invlMag = magnitude(secondsOf(interval), 5);
  let precision: number;
  let border: number;
  if (interval === duration) {
    precision = durMag >= 2 ? 1 : durMag === 1 ? 3 : 6;
    border = 30 + durMag + precision + 1;
  } else {
    precision = spec.precision;
    border = 25 + Math.max(invlMag, durMag) + (precision === 0 ? 0 : precision + 1);
  }
  const dv = 10 ** (6 - precision);
  const half = 5 * Math.floor(dv / 10);
  if (duration % dv > half) {
    duration = Math.floor((duration + half) / dv) * dv;
    durSecs = secondsOf(duration);
    durUs = duration % 1e6;
    durMag = magnitude(durSecs, 5);
  }
  if (whole) interval = duration;
  const timeCol = Math.max(precision === 0 ? 2 * durMag + 8 : 2 * durMag + 2 * precision + 10, 12);
  border = Math.max(border, timeCol);

  const layouts = io.columns.map((c) => columnLayout(c, interval));
  let rowWidth = timeCol;
  for (const l of layouts) rowWidth += (l.frames ? l.frames + 3 : 0) + (l.value ? l.value + 3 : 0);
  border = Math.max(border, rowWidth);
  const widestFilter = Math.max(...spec.columns.map((t) => (t === null ? 26 : t.length + 11)));
  if (widestFilter > border && border < 102) border = Math.min(widestFilter, 102);
  if (border - rowWidth === 1) border++;
  const filler = rowWidth < border ? sp(border - rowWidth - 1) + "|" : "";

  const time = (us: number): string =>
    precision === 0 ? pad(secondsOf(us), timeMag) : `${pad(secondsOf(us), timeMag)}.${zeros(Math.floor((us % 1e6) / dv), precision)}`;
  let s = "\n" + "=".repeat(border) + "\n";
  s += `| IO Statistics${sp(border - 16)}|\n|${sp(border - 2)}|\n`;
  if (precision === 0) {
    s += `| Duration: ${pad(durSecsOrig, timeMag)}.${pad(durUsOrig, 6)} secs${sp(border - 25 - durMag)}|\n`;
    s += `| Interval: ${pad(secondsOf(interval), timeMag)} secs${sp(border - 18 - durMag)}|\n`;
  } else {
    s += `| Duration: ${pad(durSecs, timeMag)}.${zeros(Math.floor(durUs / dv), precision)} secs${sp(border - 19 - durMag - precision)}|\n`;
    s += `| Interval: ${time(interval)} secs${sp(border - 19 - durMag - precision)}|\n`;
  }
  s += `|${sp(border - 2)}|\n| Col`;
  spec.columns.forEach((text, j) => {
    s += (j === 0 ? "" : "|    ") + pad(j + 1, 2) + ": ";
    s += text === null ? `Frames and bytes${sp(border - 26)}|\n` : filterLines(text, border);
  });
  s += `|-${"-".repeat(border - 3)}|\n|${sp(timeCol - 2)}|`;
  layouts.forEach((l, j) => {
    const width = l.frames && l.value ? l.frames + l.value + 3 : l.frames || l.value;
    s += String(j + 1).padEnd(2) + sp(width) + "|";
  });
  s += filler + `\n| Interval${sp(timeCol - 11)}|` + layouts.map((l) => l.labels).join("") + filler;
  s += `\n|-${"-".repeat(rowWidth - 3)}|` + filler + "\n";

  const rows = interval === 0 || duration === 0 ? 0 : Math.floor(duration / interval) + (duration % interval > 0 ? 1 : 0);
  const edge = precision === 0 && durMag === 1 ? ["|  ", "  |"] : ["| ", " |"];
  for (let i = 0, t = 0; i < rows; i++, t += interval) {
    const last = i === rows - 1;
    const end = last ? duration : t + interval;
    if (precision === 0 && last) s += `${edge[0]}${time(t)} <> ${"Dur".padEnd(durMag >= 3 ? durMag + 1 : 3)}|`;
    else s += `${edge[0]}${time(t)} <> ${time(end)}${edge[1]}`;
    for (const l of layouts) s += l.cell(i, last, end - t);
    s += filler + "\n";
  }
  return s + "=".repeat(border) + "\n";
}
