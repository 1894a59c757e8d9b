/**
 * Statistics ▸ I/O Graph for the app: per graph (its own display filter and
 * value: packets, bytes, or COUNT/SUM/MIN/MAX/AVG of a field) one number per
 * interval, counted by engine/stats/io-stat.ts exactly as `tshark -z
 * io,stat` counts them. Graphs of packets or bytes of every packet are read
 * off the index; any filter or field re-dissects the capture once for all
 * graphs together. The series go back as Float64Arrays (transferred by the
 * worker shell), never arrays of objects.
 */
import { fieldByAbbrev } from "../engine/dissect/field";
import { FilterError } from "../engine/filter";
import type { CaptureSession, WorkProgress } from "../engine/session/capture-session";
import { NULL_TREE } from "../engine/dissect/tree";
import { ForkTree } from "../engine/stats/fork-tree";
import { Calc, calcRefusal, IoStat, type CalcType, type IoColumnRequest } from "../engine/stats/io-stat";
import { Statistics } from "../engine/stats/statistics";

export type IoGraphValue = "packets" | "bytes" | "count" | "sum" | "min" | "max" | "avg";

export interface IoGraphSpec {
  value: IoGraphValue;
  /** Display filter of the packets counted ("" for all). */
  filter: string;
  /** The field of count, sum, min, max and avg. */
  field?: string;
}

export interface IoGraphRequest {
  /** Interval length in microseconds (1 ms … 10 min in the view). */
  intervalUs: number;
  graphs: IoGraphSpec[];
}

export interface IoGraphResult {
  intervalUs: number;
  intervals: number;
  /**
   * Per graph: its value per interval and the frame number of the first
   * packet it counted in each (0: none), or why it could not be counted.
   */
  series: ({ values: Float64Array; firstFrame: Int32Array; error: null } | { values: null; firstFrame: null; error: string })[];
  /** "cancelled" when a newer request started or the capture closed first. */
  state: "done" | "cancelled";
}

/** Most intervals a graph is drawn with (a million points is what the chart library handles well). */
export const MAX_INTERVALS = 1_000_000;

const CALCS: Record<IoGraphValue, CalcType> = {
  packets: Calc.FRAMES,
  bytes: Calc.BYTES,
  count: Calc.COUNT,
  sum: Calc.SUM,
  min: Calc.MIN,
  max: Calc.MAX,
  avg: Calc.AVG,
};

/** Rows re-dissected between progress reports and cancellation checks. */
const STEP = 4096;

class IoGraphTree extends ForkTree {
  constructor(private readonly stats: Statistics) {
    super(stats.tree(), NULL_TREE);
  }
  reset(): void {
    this.stats.tree();
  }
}

export class IoGraphApi {
  private seq = 0;
  constructor(private readonly current: () => CaptureSession) {}

  /** The graphs' series over every packet of the capture (a newer call cancels an older one). */
  async series(request: IoGraphRequest, onProgress?: WorkProgress): Promise<IoGraphResult> {
    const session = this.current();
    const seq = ++this.seq;
    const index = session.index;
    const count = session.packetCount;
    const intervalUs = Math.max(1, Math.round(request.intervalUs));
    // Interval of each packet: its time since the first packet, in microseconds rounded (as io-stat.ts counts).
    const t0s = count ? index.tsSec[0]! : 0;
    const t0n = count ? index.tsNsec[0]! : 0;
    const relUs = (row: number): number =>
      Math.max(0, (index.tsSec[row]! - t0s) * 1e6 + Math.floor((index.tsNsec[row]! - t0n + 500) / 1000));
    let last = 0;
    for (let row = 0; row < count; row++) last = Math.max(last, relUs(row));
    const intervals = count ? Math.floor(last / intervalUs) + 1 : 0;
    const empty = (error: string): IoGraphResult => ({
      intervalUs,
      intervals: 0,
      series: request.graphs.map(() => ({ values: null, firstFrame: null, error })),
      state: "done",
    });
    if (intervals > MAX_INTERVALS)
      return empty(`${intervals.toLocaleString("en")} intervals: choose a longer interval (at most ${MAX_INTERVALS.toLocaleString("en")})`);

    const errors: (string | null)[] = [];
    const columns: IoColumnRequest[] = request.graphs.map((g) => {
      const { column, error } = this.column(session, g);
      errors.push(error);
      return column;
    });
    const io = new IoStat(intervalUs, columns);
    const needsPass = columns.some((c) => c.filter !== null || c.field !== null);
    if (needsPass) {
      const stats = new Statistics([], () => session.dissection.pinfo, false, [io]);
      if (count > 0) stats.relativeTo(t0s, t0n);
      const tree = new IoGraphTree(stats);
      const wanted = (): boolean => seq === this.seq && this.safeCurrent() === session;
      for (let i = 0; i < count; i += STEP) {
        if (!wanted()) return { ...empty("cancelled"), state: "cancelled" };
        const rows = Array.from({ length: Math.min(STEP, count - i) }, (_, k) => i + k);
        await session.collectFields(rows, tree, (_row, pinfo, bytes) => stats.packet(bytes, pinfo), { maxRead: 8 * 1024 * 1024 });
        onProgress?.(Math.min(count, i + STEP), count);
      }
    } else {
      for (let row = 0; row < count; row++) {
        const us = relUs(row);
        const sec = Math.floor(us / 1e6);
        for (let c = 0; c < columns.length; c++) io.add(c, sec, (us % 1e6) * 1000, index.origLen[row]!, null, row + 1);
      }
    }
    const series = io.columns.map((col, c): IoGraphResult["series"][number] => {
      const error = errors[c];
      if (error) return { values: null, firstFrame: null, error };
      const values = new Float64Array(intervals);
      const firstFrame = new Int32Array(intervals);
      const packets = col.request.calc === Calc.FRAMES;
      for (let i = 0; i < Math.min(intervals, col.intervals); i++) {
        values[i] = packets ? col.frames.a[i]! : col.value(i);
        firstFrame[i] = col.firstFrame.a[i]!;
      }
      return { values, firstFrame, error: null };
    });
    return { intervalUs, intervals, series, state: "done" };
  }

  /** A graph as an io-stat column, or why it cannot be one (the column then counts nothing). */
  private column(session: CaptureSession, g: IoGraphSpec): { column: IoColumnRequest; error: string | null } {
    const calc = CALCS[g.value];
    const none: IoColumnRequest = { calc: Calc.FRAMES, field: null, filter: null };
    let filter = null;
    if (g.filter.trim() !== "") {
      try {
        filter = session.compileFilter(g.filter);
      } catch (e) {
        if (e instanceof FilterError) return { column: none, error: e.message };
        throw e;
      }
    }
    if (calc === Calc.FRAMES || calc === Calc.BYTES) return { column: { calc, field: null, filter }, error: null };
    const name = (g.field ?? "").trim();
    const field = name ? fieldByAbbrev(name) : undefined;
    if (!field) return { column: none, error: name ? `There is no field named '${name}'.` : "Choose a field for this value" };
    const refusal = calcRefusal(calc, field);
    return refusal ? { column: none, error: refusal } : { column: { calc, field, filter }, error: null };
  }

  private safeCurrent(): CaptureSession | null {
    try {
      return this.current();
    } catch {
      return null;
    }
  }
}
