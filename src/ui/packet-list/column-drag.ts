/** Moving columns by dragging, in the packet list's header and in Column Preferences. */
import type { DragEvent } from "react";
import { moveColumn, useColumnPrefs } from "../../store/column-prefs";

/** What a dragged column header carries. */
export const COLUMN_DRAG_TYPE = "application/x-pcapscope-column";

/** Drops the column dragged onto `targetId`'s place in the preferences (dragging works in the header and the dialog). */
export function dropColumn(e: DragEvent, targetId: string): void {
  const id = e.dataTransfer.getData(COLUMN_DRAG_TYPE);
  if (!id || id === targetId) return;
  e.preventDefault();
  const all = useColumnPrefs.getState().columns;
  moveColumn(
    id,
    all.findIndex((c) => c.id === targetId),
  );
}
