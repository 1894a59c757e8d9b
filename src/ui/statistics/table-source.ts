/**
 * Where a Statistics table's rows come from. Conversations and Endpoints
 * come by pages from the worker (a million rows are never sent, nor
 * sorted, on the page): the table says which rows are on screen and the
 * pages holding them are asked for, sorted in the worker. The Protocol
 * Hierarchy, a few dozen rows, is sorted here.
 */
import { useMemo, useRef, useState } from "react";
import type { TableEntry, TableQuery } from "../../engine/stats/paging";
import type { StatsScope } from "../../worker/stats-api";
import { useCaptureStore } from "../../store/capture-store";
import { tableCsv, tableJson, type StatColumn } from "./stats-columns";

export type CopyFormat = "CSV" | "JSON";

export interface TableSource<Row> {
  /** Rows in the table. */
  count: number;
  /** The row at a position in the order shown (undefined: its page has not arrived). */
  row(position: number): Row | undefined;
  /** The rows at positions [first, last] are on screen. */
  want(first: number, last: number): void;
  /** The position of the first row that `match` accepts among those at hand (-1: none). */
  find(match: (row: Row) => boolean): number;
  /** Every row, in the order shown. */
  copy(format: CopyFormat): Promise<string>;
}

/** Rows the page holds, sorted here (small tables). */
export function useLocalRows<Row>(rows: readonly Row[], columns: readonly StatColumn<Row>[]): TableSource<Row> {
  return useMemo(
    () => ({
      count: rows.length,
      row: (position) => rows[position],
      want: () => undefined,
      find: (match) => rows.findIndex(match),
      copy: (format) => Promise.resolve(format === "CSV" ? tableCsv(columns, rows) : tableJson(columns, rows)),
    }),
    [rows, columns],
  );
}

/** Rows per page asked of the worker. */
const PAGE = 200;

interface Loaded {
  /** The query the pages are of (without the revision). */
  query: string;
  revision: number;
  pages: Map<number, TableEntry[]>;
}

/**
 * A worker table's rows by pages: pages are asked for as they come on
 * screen and kept until the query (scope, table, sort) or the overview's
 * revision changes; rows of the previous revision of the same query stay
 * shown until their fresh page arrives (no blank table every second while
 * a capture loads).
 */
export function usePagedRows(scope: StatsScope, query: TableQuery, count: number, revision: number): TableSource<TableEntry> {
  const client = useCaptureStore((s) => s.client);
  const id = `${scope}|${query.kind}|${query.tap}|${query.sort ? `${query.sort.column}|${query.sort.desc}` : ""}`;
  const [loaded, setLoaded] = useState<Loaded>({ query: id, revision, pages: new Map() });
  const asked = useRef<{ key: string; pages: Set<number> }>({ key: "", pages: new Set() });
  const same = loaded.query === id;
  const fresh = same && loaded.revision === revision;
  return useMemo(() => {
    const pages = same ? loaded.pages : new Map<number, TableEntry[]>();
    const row = (position: number): TableEntry | undefined => pages.get(Math.floor(position / PAGE))?.[position % PAGE];
    return {
      count,
      row,
      want(first, last) {
        if (!client || count === 0) return;
        const key = `${id}#${revision}`;
        if (asked.current.key !== key) asked.current = { key, pages: new Set() };
        for (let p = Math.floor(Math.max(0, first) / PAGE); p <= Math.floor(Math.min(count - 1, last) / PAGE); p++) {
          if (asked.current.pages.has(p) || (fresh && pages.has(p))) continue;
          asked.current.pages.add(p);
          client.statisticsPage(scope, query, p * PAGE, PAGE).then(
            (page) =>
              setLoaded((prev) => {
                // The first fresh page: older pages stay only while their own fresh copies are on the way.
                const keep =
                  prev.query !== id ? [] : prev.revision === revision ? [...prev.pages] : [...prev.pages].filter(([q]) => asked.current.pages.has(q));
                const next = new Map(keep);
                next.set(p, page.rows);
                return { query: id, revision, pages: next };
              }),
            // A failed page stays unasked and empty; scrolling asks again.
            () => asked.current.key === key && asked.current.pages.delete(p),
          );
        }
      },
      find(match) {
        for (const [p, rows] of pages) {
          const k = rows.findIndex(match);
          if (k >= 0) return p * PAGE + k;
        }
        return -1;
      },
      copy: (format) => (client ? client.statisticsCopy(scope, query, format === "CSV" ? "csv" : "json") : Promise.resolve("")),
    };
  }, [client, id, scope, query, count, revision, loaded, same, fresh]);
}
