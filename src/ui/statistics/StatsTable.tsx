/**
 * A Statistics table: click a header to sort by its column (again to
 * reverse), "Copy as CSV" / "Copy as JSON" copy the rows in the order shown,
 * and a row's actions (the buttons above the table act on the selected row;
 * right-click or the context-menu key opens them with every "Apply as
 * Filter" combination). Rows are virtual beyond a thousand. Every text from
 * the capture is rendered as React text.
 */
import { useMemo, useRef, useState, type MouseEvent } from "react";
import { ContextMenu, type MenuItem } from "../details/ContextMenu";
import { copyText } from "../details/clipboard";
import { filterMenus } from "../details/filter-menus";
import { rowKeys } from "../sessions/SessionsView";
import { Spacer, useVirtualRows } from "../sessions/virtual-rows";
import { applyDisplayFilter, prepareDisplayFilter } from "../../store/filter-store";
import { useViewStore } from "../../store/view-store";
import type { FollowProtocol } from "../../engine/follow/types";
import { cellText, compareKeys, sortKey, tableCsv, tableJson, type StatColumn } from "./stats-columns";
import { followConversation } from "./follow-conversation";
// The bar above a table and the table itself, as the FTP views have them.
import "../sessions/ftp.css";

export interface SortBy {
  id: string;
  desc: boolean;
}

export interface StatsTableProps<Row> {
  /** The table's name (its aria-label, and what the copy buttons say they copied). */
  label: string;
  columns: readonly StatColumn<Row>[];
  rows: readonly Row[];
  /** What identifies a row across sorts and refreshes (the selection follows it). */
  rowKey(row: Row): string;
  /** The filter a row writes for "Apply/Prepare as Filter" (null: none). */
  filterOf(row: Row): string | null;
  /** TCP or UDP rows can be followed. */
  follow?: FollowProtocol;
  /** Sorting other than by value (the hierarchy keeps children under their parent). */
  sort?(rows: readonly Row[], column: StatColumn<Row>, desc: boolean): Row[];
  /** Left padding of the first cell, in levels (the hierarchy's depth). */
  indent?(row: Row): number;
  initialSort?: SortBy | null;
}

const ROW_HEIGHT = 22;

/** Rows by a column's values; ties keep their order. */
export function sortByColumn<Row>(rows: readonly Row[], column: StatColumn<Row>, desc: boolean): Row[] {
  const sign = desc ? -1 : 1;
  return rows
    .map((row, k) => ({ row, k, v: sortKey(column.value(row)) }))
    .sort((a, b) => sign * compareKeys(a.v, b.v) || a.k - b.k)
    .map((x) => x.row);
}

/** Apply switches to the Packets view, where the list shows what the filter keeps; Prepare too, to the bar. */
function withPacketsView(items: MenuItem[]): MenuItem[] {
  const show = () => useViewStore.getState().setTab("packets");
  return items.map((item) => ({
    ...item,
    submenu: item.submenu?.map((sub) => ({
      ...sub,
      action: () => {
        sub.action?.();
        show();
      },
    })),
  }));
}

export function StatsTable<Row>({
  label,
  columns,
  rows,
  rowKey,
  filterOf,
  follow,
  sort = sortByColumn,
  indent,
  initialSort = null,
}: StatsTableProps<Row>) {
  const [sortBy, setSortBy] = useState<SortBy | null>(initialSort);
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const [menu, setMenu] = useState<{ x: number; y: number; row: Row } | null>(null);
  const [notice, setNotice] = useState("");
  const scroller = useRef<HTMLDivElement>(null);
  const shown = useMemo(() => {
    const column = sortBy && columns.find((c) => c.id === sortBy.id);
    return column ? sort(rows, column, sortBy.desc) : [...rows];
  }, [rows, columns, sortBy, sort]);
  const virtual = useVirtualRows(shown.length, scroller, ROW_HEIGHT);
  const at = selectedKey === null ? -1 : shown.findIndex((r) => rowKey(r) === selectedKey);
  const current = at < 0 ? null : at;
  const select = (position: number): void => setSelectedKey(rowKey(shown[position]!));
  const row = current === null ? null : shown[current]!;
  const filter = row === null ? null : filterOf(row);

  const toggleSort = (id: string): void => {
    // Numbers sort largest first on the first click, as Wireshark's dialogs do; texts A to Z.
    const numeric = columns.find((c) => c.id === id)?.numeric === true;
    setSortBy(sortBy?.id === id ? { id, desc: !sortBy.desc } : { id, desc: numeric });
  };
  const copy = async (kind: "CSV" | "JSON"): Promise<void> => {
    await copyText(kind === "CSV" ? tableCsv(columns, shown) : tableJson(columns, shown));
    setNotice(`Copied ${shown.length} row${shown.length === 1 ? "" : "s"} of ${label} as ${kind}`);
  };
  const apply = (text: string): void => {
    void applyDisplayFilter(text);
    useViewStore.getState().setTab("packets");
  };
  const prepare = (text: string): void => {
    prepareDisplayFilter(text);
    useViewStore.getState().setTab("packets");
  };
  const menuItems = (r: Row): MenuItem[] => {
    const items = withPacketsView(filterMenus(filterOf(r) ?? undefined));
    if (follow) items.push({ label: `Follow ${follow.toUpperCase()} Stream`, action: () => void followConversation(follow, filterOf(r)!) });
    return items;
  };
  const openMenu = (e: MouseEvent, position: number): void => {
    e.preventDefault();
    select(position);
    setMenu({ x: e.clientX, y: e.clientY, row: shown[position]! });
  };

  return (
    <div className="stats-pane">
      <div className="ftp-toolbar" role="toolbar" aria-label={`${label} actions`}>
        {(
          [
            ["Apply as Filter", apply],
            ["Prepare as Filter", prepare],
          ] as const
        ).map(([name, act]) => (
          <button
            key={name}
            type="button"
            className="button button-small"
            disabled={!filter}
            title={filter ?? "Select a row"}
            onClick={() => filter && act(filter)}
          >
            {name}
          </button>
        ))}
        {follow && (
          <button
            type="button"
            className="button button-small"
            disabled={!filter}
            onClick={() => filter && void followConversation(follow, filter)}
          >
            Follow {follow.toUpperCase()} Stream
          </button>
        )}
        <button type="button" className="button button-small" disabled={!shown.length} onClick={() => void copy("CSV")}>
          Copy as CSV
        </button>
        <button type="button" className="button button-small" disabled={!shown.length} onClick={() => void copy("JSON")}>
          Copy as JSON
        </button>
        <span className="stats-notice" role="status">
          {notice}
        </span>
      </div>
      <div className="stats-scroll" ref={scroller}>
        <table
          className="ftp-table stats-table"
          aria-label={label}
          aria-rowcount={shown.length + 1}
          onKeyDown={(e) => {
            if ((e.key === "ContextMenu" || (e.key === "F10" && e.shiftKey)) && current !== null) {
              e.preventDefault();
              const box = document.querySelector(`[data-row-id="${current}"]`)?.getBoundingClientRect();
              setMenu({ x: box?.left ?? 0, y: box?.bottom ?? 0, row: shown[current]! });
              return;
            }
            rowKeys(
              shown.map((_, k) => k),
              current,
              (k) => {
                select(k);
                virtual.scrollTo(k);
              },
            )(e);
          }}
        >
          <thead>
            <tr aria-rowindex={1}>
              {columns.map((c) => {
                const sorted = sortBy?.id === c.id ? (sortBy.desc ? "descending" : "ascending") : "none";
                return (
                  <th key={c.id} className={c.numeric ? "num" : undefined} aria-sort={sorted} scope="col">
                    <button type="button" className="stats-sort" onClick={() => toggleSort(c.id)} title={`Sort by ${c.header}`}>
                      {c.header}
                      <span aria-hidden="true">{sorted === "ascending" ? " ▲" : sorted === "descending" ? " ▼" : ""}</span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            <Spacer height={virtual.before} />
            {virtual.items.map(({ index }) => {
              const r = shown[index]!;
              return (
                <tr
                  key={index}
                  ref={virtual.measure}
                  data-index={index}
                  data-row-id={index}
                  aria-rowindex={index + 2}
                  aria-selected={index === current}
                  tabIndex={index === (current ?? 0) ? 0 : -1}
                  className={index === current ? "selected" : undefined}
                  onClick={() => select(index)}
                  onContextMenu={(e) => openMenu(e, index)}
                >
                  {columns.map((c, k) => (
                    <td
                      key={c.id}
                      className={c.numeric ? "num" : undefined}
                      style={k === 0 && indent ? { paddingLeft: `${0.5 + indent(r) * 1.2}em` } : undefined}
                    >
                      {cellText(c, r)}
                    </td>
                  ))}
                </tr>
              );
            })}
            <Spacer height={virtual.after} />
          </tbody>
        </table>
        {!shown.length && <p className="stats-message">No {label} in this capture.</p>}
      </div>
      {menu && <ContextMenu x={menu.x} y={menu.y} label={`${label} row`} items={menuItems(menu.row)} onClose={() => setMenu(null)} />}
    </div>
  );
}
