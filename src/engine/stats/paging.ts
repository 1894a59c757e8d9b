/**
 * Statistics ▸ Conversations and Endpoints served by pages: a table of a
 * million conversations sorted in place (a typed array of row numbers
 * ordered by a typed array of keys) and only the rows on screen made into
 * objects. The order is tshark's (most frames first) until a column is
 * chosen; sorting by a column keeps that order among equal values, as the
 * table did when it sorted every row itself. Copies walk the same order
 * row by row.
 */
import { byFramesDescending } from "./growable";
import {
  conversationEntry,
  endpointEntry,
  hierarchyEntries,
  TAP_NAMES,
  TAP_OF,
  type CaptureDetails,
  type ConversationEntry,
  type EndpointEntry,
  type HierarchyEntry,
  type TapName,
} from "./snapshot";
import type { StatResult, Statistics } from "./statistics";
import { conversationColumns, endpointColumns, sortKey, compareKeys, type StatColumn } from "./table-columns";

export type TableKind = "conversations" | "endpoints";

export interface TableSort {
  /** A column id of table-columns.ts ("bytes", "address-a", …). */
  column: string;
  desc: boolean;
}

export interface TableQuery {
  kind: TableKind;
  tap: TapName;
  /** null: tshark's order (most frames first). */
  sort: TableSort | null;
}

export type TableEntry = ConversationEntry | EndpointEntry;

export interface TablePage<Entry extends TableEntry = TableEntry> {
  /** Rows in the whole table, and where this page starts. */
  total: number;
  first: number;
  rows: Entry[];
}

/** What the Statistics view shows besides the tables' rows: the hierarchy and each table's size. */
export interface StatsOverview {
  hierarchy: HierarchyEntry[];
  counts: Record<TableKind, Record<TapName, number>>;
  /** Seconds from the first packet to the latest end of any conversation (0: none). */
  conversationsEnd: number;
  /** Set by an open capture. */
  capture?: CaptureDetails;
}

/** Most rows one page may ask for (a screen is a few dozen). */
export const MAX_PAGE = 5000;
/** Sorted orders kept (a table or two, each way round). */
const KEPT_ORDERS = 4;

type TableResult = Extract<StatResult, { type: "conv" | "endpoints" }>;

/**
 * The tables of one Statistics (the indexing pass's, or a pass over the
 * displayed packets), counted as of now: make a new one when the counts
 * change (orders are cached).
 */
export class StatsTables {
  private readonly orders = new Map<string, Uint32Array>();

  constructor(private readonly stats: Statistics) {}

  overview(): StatsOverview {
    const counts = { conversations: {}, endpoints: {} } as StatsOverview["counts"];
    let hierarchy: HierarchyEntry[] = [];
    let conversationsEnd = 0;
    for (const result of this.stats.results) {
      if (result.type === "phs") {
        hierarchy = hierarchyEntries(result.hierarchy);
        continue;
      }
      if (result.type !== "conv" && result.type !== "endpoints") continue;
      const tap = TAP_NAMES.find((t) => TAP_OF[t] === result.tap);
      if (!tap) continue;
      counts[result.type === "conv" ? "conversations" : "endpoints"][tap] = result.table.rows;
      if (result.type === "conv") for (let r = 0; r < result.table.rows; r++) conversationsEnd = Math.max(conversationsEnd, result.table.end(r));
    }
    for (const kind of ["conversations", "endpoints"] as const) for (const tap of TAP_NAMES) counts[kind][tap] ??= 0;
    return { hierarchy, counts, conversationsEnd };
  }

  /** Rows [first, first + count) of a table in the order asked (count at most MAX_PAGE). */
  page(query: TableQuery, first: number, count: number): TablePage {
    const order = this.order(query);
    const start = Math.max(0, Math.min(Math.floor(first) || 0, order.length));
    const end = Math.min(order.length, start + Math.max(0, Math.min(Math.floor(count) || 0, MAX_PAGE)));
    const entry = this.entryOf(query);
    const rows: TableEntry[] = [];
    for (let k = start; k < end; k++) rows.push(entry(order[k]!));
    return { total: order.length, first: start, rows };
  }

  /** Every row in the order asked, one object at a time (for copies). */
  *entries(query: TableQuery): Generator<TableEntry> {
    const entry = this.entryOf(query);
    for (const row of this.order(query)) yield entry(row);
  }

  /** The table's columns (their values are what sorting and copies use). */
  columns(query: Pick<TableQuery, "kind" | "tap">): StatColumn<TableEntry>[] {
    return (query.kind === "conversations" ? conversationColumns(query.tap) : endpointColumns(query.tap)) as StatColumn<TableEntry>[];
  }

  /** The table's row numbers in the order asked. */
  order(query: TableQuery): Uint32Array {
    const id = `${query.kind}/${query.tap}/${query.sort ? `${query.sort.column}/${query.sort.desc ? "desc" : "asc"}` : ""}`;
    const kept = this.orders.get(id);
    if (kept) return kept;
    const table = this.table(query);
    let order: Uint32Array;
    const column = query.sort && this.columns(query).find((c) => c.id === query.sort!.column);
    if (!query.sort) order = Uint32Array.from(table ? byFramesDescending((r) => table.table.frames(r), table.table.rows) : []);
    else if (!column) throw new Error(`No column "${query.sort.column}" in ${query.kind}`);
    else order = this.sorted(this.order({ ...query, sort: null }), column, query.sort.desc, this.entryOf(query));
    if (this.orders.size >= KEPT_ORDERS) this.orders.delete(this.orders.keys().next().value!);
    this.orders.set(id, order);
    return order;
  }

  /**
   * `base` reordered by a column's values (sortKey: numbers, IPv4 as
   * numbers, other texts ranked naturally), ties in `base`'s order. Keys
   * are typed arrays indexed by position in `base`.
   */
  private sorted(base: Uint32Array, column: StatColumn<TableEntry>, desc: boolean, entry: (row: number) => TableEntry): Uint32Array {
    const n = base.length;
    const numbers = new Float64Array(n);
    // Texts' positions among the column's distinct texts (-1: the key is a number).
    const rank = new Int32Array(n).fill(-1);
    const texts = new Map<string, number>();
    for (let p = 0; p < n; p++) {
      const key = sortKey(column.value(entry(base[p]!)));
      if (typeof key === "number") numbers[p] = key;
      else {
        let t = texts.get(key);
        if (t === undefined) texts.set(key, (t = texts.size));
        rank[p] = t;
      }
    }
    if (texts.size) {
      const distinct = [...texts.keys()].sort(compareKeys);
      const order = new Int32Array(distinct.length);
      distinct.forEach((text, k) => (order[texts.get(text)!] = k));
      for (let p = 0; p < n; p++) if (rank[p]! >= 0) rank[p] = order[rank[p]!]!;
    }
    const sign = desc ? -1 : 1;
    const positions = new Uint32Array(n);
    for (let p = 0; p < n; p++) positions[p] = p;
    positions.sort((a, b) => {
      const ra = rank[a]!;
      const rb = rank[b]!;
      // Numbers before texts (compareKeys), texts by rank.
      const c = ra < 0 ? (rb < 0 ? numbers[a]! - numbers[b]! || 0 : -1) : rb < 0 ? 1 : ra - rb;
      return sign * c || a - b;
    });
    const out = new Uint32Array(n);
    for (let k = 0; k < n; k++) out[k] = base[positions[k]!]!;
    return out;
  }

  private table(query: Pick<TableQuery, "kind" | "tap">): TableResult | null {
    const type = query.kind === "conversations" ? "conv" : "endpoints";
    const tap = TAP_OF[query.tap];
    return (this.stats.results.find((r) => r.type === type && r.tap === tap) as TableResult | undefined) ?? null;
  }

  private entryOf(query: Pick<TableQuery, "kind" | "tap">): (row: number) => TableEntry {
    const result = this.table(query);
    if (!result) return () => {
      throw new Error(`No ${query.kind} table for ${query.tap}`);
    };
    const names = this.stats.addresses(result.tap);
    return result.type === "conv" ? (row) => conversationEntry(result.table.row(row), names) : (row) => endpointEntry(result.table.row(row), names);
  }
}
