/**
 * Statistics ▸ Conversations, Endpoints and Protocol Hierarchy for the app,
 * served by pages (engine/stats/paging.ts): the overview (hierarchy, table
 * sizes), a page of a table sorted by any column, and a whole table as one
 * CSV or JSON string for "Copy". Either over every packet (what the
 * indexing pass counted) or, with "Limit to display filter", over the
 * displayed packets only: those are dissected again into a Statistics of
 * their own, as Wireshark's dialogs retap the packets the filter shows and
 * as `tshark -z conv,ip,FILTER` counts them. That pass reports progress and
 * stops when a newer one starts or the display filter changes.
 */
import type { CaptureSession, WorkProgress } from "../engine/session/capture-session";
import { csvLine } from "../engine/session/dissection-export";
import { NULL_TREE } from "../engine/dissect/tree";
import { ForkTree } from "../engine/stats/fork-tree";
import { StatsTables, type StatsOverview, type TablePage, type TableQuery } from "../engine/stats/paging";
import { captureStatisticsRequests } from "../engine/stats/snapshot";
import { Statistics } from "../engine/stats/statistics";
import { tableCsv, tableJson } from "../engine/stats/table-columns";

/** Every packet, or those the display filter shows ("Limit to display filter"). */
export type StatsScope = "all" | "displayed";

export interface LimitResult {
  /** "done": pages of scope "displayed" now serve the filter's packets. */
  state: "done" | "cancelled";
  /** The display filter counted ("" when none: the displayed packets are all of them). */
  filter: string;
  packets: number;
}

/** The tree a re-dissection fills for the statistics, readied per packet as collectFields resets it. */
class StatisticsTree extends ForkTree {
  constructor(private readonly stats: Statistics) {
    super(stats.tree(), NULL_TREE);
  }
  reset(): void {
    this.stats.tree();
  }
}

/** Rows re-dissected between progress reports and cancellation checks. */
const STEP = 4096;

interface Counted {
  session: CaptureSession;
  /** What the counts are of: the packets indexed (and the filter, for the displayed ones). */
  version: string;
  tables: StatsTables;
}

export class StatsApi {
  private all: Counted | null = null;
  private displayed: Counted | null = null;
  private limitSeq = 0;

  constructor(private readonly current: () => CaptureSession) {}

  overview(scope: StatsScope): StatsOverview {
    const session = this.current();
    return { ...this.tables(scope).overview(), capture: session.captureDetails() };
  }

  page(scope: StatsScope, query: TableQuery, first: number, count: number): TablePage {
    return this.tables(scope).page(query, first, count);
  }

  /** A whole table in the order asked, as one CSV or JSON string (CSV cells quoted, formulas made inert). */
  copy(scope: StatsScope, query: TableQuery, format: "csv" | "json"): string {
    const tables = this.tables(scope);
    const rows = tables.entries(query);
    return format === "csv" ? tableCsv(tables.columns(query), rows, csvLine) : tableJson(tables.columns(query), rows);
  }

  /**
   * Counts the displayed packets (once per filter and packet count), for
   * scope "displayed". Resolves "cancelled" when a newer call starts, the
   * capture closes or the display filter changes first.
   */
  async limit(onProgress?: WorkProgress): Promise<LimitResult> {
    const session = this.current();
    const seq = ++this.limitSeq;
    const filter = session.displayFilterText;
    const version = this.displayedVersion(session);
    const packets = session.displayedCount;
    if (this.displayed?.session === session && this.displayed.version === version) return { state: "done", filter, packets };
    // tshark's hierarchy starts at the frame item when its filter names a frame field (the filter makes that item real).
    const namesFrame = filter !== "" && session.compileFilter(filter).fields.some((f) => f.abbrev === "frame" || f.abbrev.startsWith("frame."));
    const stats = new Statistics(captureStatisticsRequests(), () => session.dissection.pinfo, namesFrame);
    if (session.packetCount > 0) stats.relativeTo(session.index.tsSec[0]!, session.index.tsNsec[0]!);
    const tree = new StatisticsTree(stats);
    const rows = session.displayedRows();
    const wanted = (): boolean => seq === this.limitSeq && this.safeCurrent() === session && session.displayFilterText === filter;
    for (let i = 0; i < rows.length; i += STEP) {
      if (!wanted()) return { state: "cancelled", filter, packets };
      await session.collectFields(Array.from(rows.subarray(i, i + STEP)), tree, (_row, pinfo, bytes) => stats.packet(bytes, pinfo), {
        maxRead: 8 * 1024 * 1024,
      });
      onProgress?.(Math.min(rows.length, i + STEP), rows.length);
    }
    if (!wanted()) return { state: "cancelled", filter, packets };
    this.displayed = { session, version, tables: new StatsTables(stats) };
    onProgress?.(rows.length, rows.length);
    return { state: "done", filter, packets: rows.length };
  }

  /** Stops a limited pass still running (it resolves "cancelled"). */
  cancelLimit(): void {
    this.limitSeq++;
  }

  private safeCurrent(): CaptureSession | null {
    try {
      return this.current();
    } catch {
      return null;
    }
  }

  private displayedVersion(session: CaptureSession): string {
    return `${session.packetCount}/${session.displayedCount}/${session.displayFilterText}`;
  }

  private tables(scope: StatsScope): StatsTables {
    const session = this.current();
    // Without a display filter the displayed packets are all of them: the indexing pass's counts serve both.
    if (scope === "displayed" && session.displayFilterText !== "") {
      const d = this.displayed;
      if (d?.session !== session || d.version !== this.displayedVersion(session))
        throw new Error("The displayed packets have not been counted for this filter yet");
      return d.tables;
    }
    const stats = session.countedStatistics;
    if (!stats) throw new Error("Statistics were not counted for this capture (opened with statistics: false)");
    const version = String(session.packetCount);
    if (this.all?.session !== session || this.all.version !== version) this.all = { session, version, tables: new StatsTables(stats) };
    return this.all.tables;
  }
}
