/**
 * Statistics ▸ Protocol Hierarchy: the tree as a table (each protocol's
 * share of packets and bytes, bits/s, end packets), sorted among siblings,
 * each node with children collapsible (its button, or ← and → on the
 * selected row, as Wireshark's tree views do), and Expand all / Collapse all.
 */
import { useMemo, useState } from "react";
import type { StatsOverview } from "../../engine/stats/paging";
import { captureElapsed } from "./capture-properties";
import { expandedRows, hierarchyRows, parentPaths, sortTree, type HierarchyRow } from "./hierarchy";
import type { StatColumn } from "./stats-columns";
import { sortByColumn, StatsTable, type SortBy } from "./StatsTable";
import { useLocalRows } from "./table-source";

const percent = (v: number): string => `${v.toFixed(1)}%`;

function hierarchyColumns(elapsed: number): StatColumn<HierarchyRow>[] {
  const bits = (r: HierarchyRow): number | string => (elapsed > 0 ? Math.round((r.bytes * 8) / elapsed) : "");
  return [
    { id: "protocol", header: "Protocol", value: (r) => r.name, text: (r) => `${r.name} (${r.protocol})` },
    {
      id: "packets-percent",
      header: "Percent Packets",
      value: (r) => r.framesPercent,
      text: (r) => percent(r.framesPercent),
      numeric: true,
    },
    { id: "packets", header: "Packets", value: (r) => r.frames, numeric: true },
    { id: "bytes-percent", header: "Percent Bytes", value: (r) => r.bytesPercent, text: (r) => percent(r.bytesPercent), numeric: true },
    { id: "bytes", header: "Bytes", value: (r) => r.bytes, numeric: true },
    { id: "bits", header: "Bits/s", value: bits, numeric: true },
    { id: "end-packets", header: "End Packets", value: (r) => r.endFrames, numeric: true },
    { id: "end-bytes", header: "End Bytes", value: (r) => r.endBytes, numeric: true },
  ];
}

export function HierarchyTable({ overview }: { overview: StatsOverview }) {
  const [sortBy, setSortBy] = useState<SortBy | null>(null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const { rows, parents, columns } = useMemo(() => {
    const all = hierarchyRows(overview.hierarchy).rows;
    return { rows: all, parents: parentPaths(all), columns: hierarchyColumns(captureElapsed(overview)) };
  }, [overview]);
  const shown = useMemo(() => {
    const column = sortBy && columns.find((c) => c.id === sortBy.id);
    // Sorted among siblings: a protocol stays under its parent.
    const sorted = column ? sortTree(rows, (siblings) => sortByColumn(siblings, column, sortBy.desc)) : rows;
    return expandedRows(sorted, collapsed);
  }, [rows, columns, sortBy, collapsed]);
  const source = useLocalRows(shown, columns);
  const toggle = (path: string, open?: boolean): boolean => {
    if (!parents.has(path) || open === !collapsed.has(path)) return false;
    const next = new Set(collapsed);
    if (next.has(path)) next.delete(path);
    else next.add(path);
    setCollapsed(next);
    return true;
  };
  return (
    <StatsTable
      label="Protocol Hierarchy"
      columns={columns}
      source={source}
      sortBy={sortBy}
      onSort={setSortBy}
      rowKey={(r) => r.path}
      filterOf={(r) => r.protocol}
      indent={(r) => r.depth}
      lead={(r) =>
        parents.has(r.path) ? (
          <button
            type="button"
            className="stats-toggle"
            aria-expanded={!collapsed.has(r.path)}
            aria-label={`${collapsed.has(r.path) ? "Expand" : "Collapse"} ${r.protocol}`}
            onClick={(e) => {
              e.stopPropagation();
              toggle(r.path);
            }}
          >
            {collapsed.has(r.path) ? "▸" : "▾"}
          </button>
        ) : (
          <span className="stats-toggle" aria-hidden="true" />
        )
      }
      onRowKey={(key, r) => (key === "ArrowLeft" ? toggle(r.path, false) : key === "ArrowRight" ? toggle(r.path, true) : false)}
      actions={
        <>
          <button type="button" className="button button-small" disabled={collapsed.size === 0} onClick={() => setCollapsed(new Set())}>
            Expand all
          </button>
          <button type="button" className="button button-small" disabled={parents.size === 0} onClick={() => setCollapsed(new Set(parents))}>
            Collapse all
          </button>
        </>
      }
    />
  );
}
