import { useCallback, useState } from "react";
import { applyDisplayFilter } from "../../store/filter-store";
import { moveFilterButton, removeFilterButton, useFilterButtons, type FilterButton } from "../../store/filter-buttons";
import { ContextMenu } from "../details/ContextMenu";
import { FilterButtonDialog } from "./FilterButtonDialog";
import { useDragReorder } from "../layout/drag-reorder";

const DRAG_TYPE = "application/x-pcapscope-filter-button";

/**
 * The saved filter buttons beside the bar: a click applies one; right-click
 * edits, moves or deletes it; dragging one onto another puts it there.
 */
export function FilterButtons() {
  const buttons = useFilterButtons((s) => s.buttons);
  const [menu, setMenu] = useState<{ x: number; y: number; button: FilterButton; index: number } | null>(null);
  const [editing, setEditing] = useState<FilterButton | null>(null);
  const { dropAt, source, target } = useDragReorder(DRAG_TYPE, moveFilterButton);
  const closeMenu = useCallback(() => setMenu(null), []);

  return (
    <div className="filter-buttons" role="toolbar" aria-label="Filter buttons">
      {buttons.map((b, i) => (
        <button
          key={b.id}
          type="button"
          className={`button button-small filter-button${dropAt === i ? " filter-button-drop" : ""}`}
          title={b.filter}
          data-filter={b.filter}
          draggable
          onClick={() => void applyDisplayFilter(b.filter)}
          onContextMenu={(e) => {
            e.preventDefault();
            setMenu({ x: e.clientX, y: e.clientY, button: b, index: i });
          }}
          {...source(b.id)}
          {...target(i)}
        >
          {b.label}
        </button>
      ))}
      {menu && (
        <ContextMenu
          x={menu.x}
          y={menu.y}
          label={`Filter button ${menu.button.label}`}
          onClose={closeMenu}
          items={[
            { label: "Edit…", action: () => setEditing(menu.button) },
            { label: "Move left", disabled: menu.index === 0, action: () => moveFilterButton(menu.button.id, menu.index - 1) },
            {
              label: "Move right",
              disabled: menu.index === buttons.length - 1,
              action: () => moveFilterButton(menu.button.id, menu.index + 1),
            },
            { label: "Delete", action: () => removeFilterButton(menu.button.id) },
          ]}
        />
      )}
      {editing && <FilterButtonDialog initial={editing} onClose={() => setEditing(null)} />}
    </div>
  );
}
