/**
 * A Statistics table: click a header to sort by its column (again to
 * reverse; the rows' source sorts, see table-source.ts), "Copy as CSV" /
 * "Copy as JSON" copy every row in the order shown, and a row's actions (the
 * buttons above the table act on the selected row; right-click or the
 * context-menu key opens them with every "Apply as Filter" combination).
 * Rows are virtual beyond a thousand; a row whose page has not arrived
 * shows "…". Every text from the capture is rendered as React text.
 */
import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from "react";
import { ContextMenu, type MenuItem } from "../details/ContextMenu";
import { copyText } from "../details/clipboard";
import { filterMenus } from "../details/filter-menus";
import { Spacer, useVirtualRows } from "../sessions/virtual-rows";
import { applyDisplayFilter, prepareDisplayFilter } from "../../store/filter-store";
import { useViewStore } from "../../store/view-store";
import type { FollowProtocol } from "../../engine/follow/types";
import { cellText, compareKeys, sortKey, type StatColumn } from "./stats-columns";
import type { CopyFormat, TableSource } from "./table-source";
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
  /** The rows in the order shown (sorted by `sortBy` already). */
  source: TableSource<Row>;
  sortBy: SortBy | null;
  onSort(sortBy: SortBy): void;
  /** What identifies a row across sorts and refreshes (the selection follows it). */
  rowKey(row: Row): string;
  /** The filter a row writes for "Apply/Prepare as Filter" (null: none). */
  filterOf(row: Row): string | null;
  /** TCP or UDP rows can be followed. */
  follow?: FollowProtocol;
  /** Left padding of the first cell, in levels (the hierarchy's depth). */
  indent?(row: Row): number;
  /** Drawn before the first cell's text (the hierarchy's expand/collapse button). */
  lead?(row: Row): ReactNode;
  /** Keys on the selected row beyond moving (the hierarchy's ←/→); true when handled. */
  onRowKey?(key: string, row: Row): boolean;
  /** More controls in the bar above the table. */
  actions?: ReactNode;
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

/** The next sort when a header is clicked: numbers largest first on the first click, as Wireshark's dialogs do; texts A to Z. */
export function nextSort<Row>(columns: readonly StatColumn<Row>[], sortBy: SortBy | null, id: string): SortBy {
  const numeric = columns.find((c) => c.id === id)?.numeric === true;
  return sortBy?.id === id ? { id, desc: !sortBy.desc } : { id, desc: numeric };
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
  source,
  sortBy,
  onSort,
  rowKey,
  filterOf,
  follow,
  indent,
  lead,
  onRowKey,
  actions,
}: StatsTableProps<Row>) {
  // The selected row itself (its actions work while it is scrolled away) and its key (it is found again after a sort).
  const [selected, setSelected] = useState<{ key: string; row: Row } | null>(null);
  const [menu, setMenu] = useState<{ x: number; y: number; row: Row } | null>(null);
  const [notice, setNotice] = useState("");
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualRows(source.count, scroller, ROW_HEIGHT);
  const firstShown = virtual.items[0]?.index ?? 0;
  const lastShown = virtual.items[virtual.items.length - 1]?.index ?? -1;
  useEffect(() => source.want(firstShown, lastShown), [source, firstShown, lastShown]);
  const at = selected === null ? -1 : source.find((r) => rowKey(r) === selected.key);
  const current = at < 0 ? null : at;
  const select = (position: number): void => {
    const r = source.row(position);
    if (r !== undefined) setSelected({ key: rowKey(r), row: r });
  };
  const row = selected?.row ?? null;
  const filter = row === null ? null : filterOf(row);

  const copy = async (kind: CopyFormat): Promise<void> => {
    setNotice(`Copying ${label}…`);
    try {
      await copyText(await source.copy(kind));
      setNotice(`Copied ${source.count} row${source.count === 1 ? "" : "s"} of ${label} as ${kind}`);
    } catch (e) {
      setNotice(`Could not copy: ${e instanceof Error ? e.message : String(e)}`);
    }
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
    const r = source.row(position);
    if (r === undefined) return;
    select(position);
    setMenu({ x: e.clientX, y: e.clientY, row: r });
  };
  const onKeyDown = (e: KeyboardEvent): void => {
    if ((e.key === "ContextMenu" || (e.key === "F10" && e.shiftKey)) && current !== null && row) {
      e.preventDefault();
      const box = document.querySelector(`[data-row-id="${current}"]`)?.getBoundingClientRect();
      setMenu({ x: box?.left ?? 0, y: box?.bottom ?? 0, row });
      return;
    }
    if (row && onRowKey?.(e.key, row)) {
      e.preventDefault();
      return;
    }
    const delta = e.key === "ArrowDown" ? 1 : e.key === "ArrowUp" ? -1 : 0;
    if (!delta || source.count === 0) return;
    e.preventDefault();
    const next = Math.max(0, Math.min(source.count - 1, (current ?? -1) + delta));
    select(next);
    virtual.scrollTo(next);
    document.querySelector<HTMLElement>(`[data-row-id="${next}"]`)?.focus();
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
        <button type="button" className="button button-small" disabled={!source.count} onClick={() => void copy("CSV")}>
          Copy as CSV
        </button>
        <button type="button" className="button button-small" disabled={!source.count} onClick={() => void copy("JSON")}>
          Copy as JSON
        </button>
        {actions}
        <span className="stats-notice" role="status">
          {notice}
        </span>
      </div>
      <div className="stats-scroll" ref={scroller}>
        <table className="ftp-table stats-table" aria-label={label} aria-rowcount={source.count + 1} onKeyDown={onKeyDown}>
          <thead>
            <tr aria-rowindex={1}>
              {columns.map((c) => {
                const sorted = sortBy?.id === c.id ? (sortBy.desc ? "descending" : "ascending") : "none";
                return (
                  <th key={c.id} className={c.numeric ? "num" : undefined} aria-sort={sorted} scope="col">
                    <button type="button" className="stats-sort" onClick={() => onSort(nextSort(columns, sortBy, c.id))} title={`Sort by ${c.header}`}>
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
              const r = source.row(index);
              return (
                <tr
                  key={index}
                  ref={virtual.measure}
                  data-index={index}
                  data-row-id={index}
                  aria-rowindex={index + 2}
                  aria-selected={index === current}
                  aria-busy={r === undefined || undefined}
                  tabIndex={index === (current ?? 0) ? 0 : -1}
                  className={index === current ? "selected" : undefined}
                  onClick={() => select(index)}
                  onContextMenu={(e) => openMenu(e, index)}
                >
                  {r === undefined ? (
                    <td colSpan={columns.length} className="stats-pending">
                      …
                    </td>
                  ) : (
                    columns.map((c, k) => (
                      <td
                        key={c.id}
                        className={c.numeric ? "num" : undefined}
                        style={k === 0 && indent ? { paddingLeft: `${0.5 + indent(r) * 1.2}em` } : undefined}
                      >
                        {k === 0 && lead?.(r)}
                        {cellText(c, r)}
                      </td>
                    ))
                  )}
                </tr>
              );
            })}
            <Spacer height={virtual.after} />
          </tbody>
        </table>
        {!source.count && <p className="stats-message">No {label} in this capture.</p>}
      </div>
      {menu && <ContextMenu x={menu.x} y={menu.y} label={`${label} row`} items={menuItems(menu.row)} onClose={() => setMenu(null)} />}
    </div>
  );
}
