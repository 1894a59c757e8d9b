import { useCallback, useRef, useState, type MouseEvent } from "react";
import type { ReactTable } from "@tanstack/react-table";
import type { PacketRow } from "./columns";
import type { features } from "./columns";
import { ContextMenu, type MenuItem } from "../details/ContextMenu";
import { removeColumn, renameColumn, setColumnVisible, useColumnPrefs } from "../../store/column-prefs";
import { sortPackets } from "../../store/session";
import { ColumnPrefsDialog } from "./ColumnPrefsDialog";
import { COLUMN_DRAG_TYPE, dropColumn } from "./column-drag";

interface Props {
  table: ReactTable<typeof features, PacketRow>;
  height: number;
  width: number;
  /** Ids of the right-aligned columns. */
  rightAligned: ReadonlySet<string>;
}

/**
 * Column headers: click to sort (ascending, descending, off), drag the right
 * edge to resize, drag a header onto another to move it there; the context
 * menu shows, hides, renames and removes columns and opens Column Preferences.
 */
export function PacketListHeader({ table, height, width, rightAligned }: Props) {
  const prefs = useColumnPrefs((s) => s.columns);
  const [menu, setMenu] = useState<{ x: number; y: number; id: string } | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [dialog, setDialog] = useState(false);
  const resizing = useRef(false);
  const cancelled = useRef(false);
  const closeMenu = useCallback(() => setMenu(null), []);

  const onContextMenu = (e: MouseEvent, id: string): void => {
    e.preventDefault();
    e.stopPropagation();
    setMenu({ x: e.clientX, y: e.clientY, id });
  };

  const menuItems = (id: string): MenuItem[] => [
    { label: "Sort Ascending", action: () => void sortPackets({ key: id, direction: "asc" }) },
    { label: "Sort Descending", action: () => void sortPackets({ key: id, direction: "desc" }) },
    { label: "Remove Sorting", action: () => void sortPackets(null) },
    { label: "Edit Column Title…", action: () => setEditing(id) },
    { label: "Column Preferences…", action: () => setDialog(true) },
    {
      label: "Displayed Columns",
      submenu: prefs.map((c) => ({
        label: `${c.visible ? "✓" : "\u2003"} ${c.title}`,
        title: c.visible ? `Hide ${c.title}` : `Show ${c.title}`,
        action: () => setColumnVisible(c.id, !c.visible),
      })),
    },
    { label: "Hide this Column", disabled: prefs.filter((c) => c.visible).length < 2, action: () => setColumnVisible(id, false) },
    { label: "Remove this Column", disabled: prefs.length < 2, action: () => removeColumn(id) },
  ];

  return (
    <div className="pl-head" role="rowgroup" style={{ height, minWidth: width }}>
      {table.getHeaderGroups().map((group) => (
        <div key={group.id} role="row" aria-rowindex={1} className="pl-row pl-head-row">
          {group.headers.map((header) => {
            const sorted = header.column.getIsSorted();
            const title = String(header.column.columnDef.header ?? header.id);
            return (
              <div
                key={header.id}
                role="columnheader"
                aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"}
                className={`pl-cell pl-col-${header.id}${rightAligned.has(header.id) ? " pl-right" : ""}`}
                style={{ width: header.getSize() }}
                draggable={editing !== header.id}
                onDragStart={(e) => {
                  if (resizing.current) return e.preventDefault();
                  e.dataTransfer.setData(COLUMN_DRAG_TYPE, header.id);
                  e.dataTransfer.effectAllowed = "move";
                }}
                onDragOver={(e) => e.dataTransfer.types.includes(COLUMN_DRAG_TYPE) && e.preventDefault()}
                onDrop={(e) => dropColumn(e, header.id)}
                onContextMenu={(e) => onContextMenu(e, header.id)}
              >
                {editing === header.id ? (
                  <input
                    className="pl-title-edit"
                    aria-label="Column title"
                    defaultValue={title}
                    autoFocus
                    onFocus={(e) => e.currentTarget.select()}
                    onKeyDown={(e) => {
                      if (e.key !== "Enter" && e.key !== "Escape") return;
                      cancelled.current = e.key === "Escape";
                      e.currentTarget.blur();
                    }}
                    onBlur={(e) => {
                      if (!cancelled.current) renameColumn(header.id, e.currentTarget.value);
                      cancelled.current = false;
                      setEditing(null);
                    }}
                  />
                ) : (
                  <button type="button" className="pl-sort" onClick={header.column.getToggleSortingHandler()} title={`Sort by ${title}`}>
                    {title}
                    <span className="pl-sort-mark" aria-hidden="true">
                      {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : ""}
                    </span>
                  </button>
                )}
                <div
                  className={`pl-resizer${header.column.getIsResizing() ? " pl-resizing" : ""}`}
                  onMouseDown={(e) => {
                    resizing.current = true;
                    window.addEventListener("mouseup", () => (resizing.current = false), { once: true });
                    header.getResizeHandler()(e);
                  }}
                  onTouchStart={header.getResizeHandler()}
                  aria-hidden="true"
                />
              </div>
            );
          })}
        </div>
      ))}
      {menu && <ContextMenu x={menu.x} y={menu.y} label="Column" items={menuItems(menu.id)} onClose={closeMenu} />}
      {dialog && <ColumnPrefsDialog onClose={() => setDialog(false)} />}
    </div>
  );
}
