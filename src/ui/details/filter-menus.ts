import { combineFilter, FILTER_COMBINATIONS } from "../../engine/filter/match-selected";
import { applyDisplayFilter, prepareDisplayFilter, useFilterStore } from "../../store/filter-store";
import type { MenuItem } from "./ContextMenu";

/**
 * Wireshark's "Apply as Filter" and "Prepare as Filter" submenus for a
 * details-tree item whose filter is `filter` (undefined: a text item, which
 * has none). Apply sets the bar and applies it; Prepare only puts the text
 * in the bar; the "…and/…or" entries combine with what the bar holds.
 */
export function filterMenus(filter: string | undefined): MenuItem[] {
  const submenu = (apply: boolean): MenuItem[] =>
    FILTER_COMBINATIONS.map(({ id, label }) => ({
      label,
      title: filter ? combineFilter(useFilterStore.getState().text, filter, id) : undefined,
      action: () => {
        if (!filter) return;
        const text = combineFilter(useFilterStore.getState().text, filter, id);
        if (apply) void applyDisplayFilter(text);
        else prepareDisplayFilter(text);
      },
    }));
  const none = filter === undefined ? "This line is text, not a field: there is nothing to filter on" : undefined;
  return [
    { label: "Apply as Filter", disabled: !filter, title: none ?? filter, submenu: submenu(true) },
    { label: "Prepare as Filter", disabled: !filter, title: none ?? filter, submenu: submenu(false) },
  ];
}
