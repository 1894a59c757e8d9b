import { useEffect } from "react";
import { focusFilterBar } from "../../store/filter-store";
import { useViewStore } from "../../store/view-store";

/** Ctrl+/ goes to the display filter bar from anywhere, as in Wireshark (switching to the Packets view). */
export function useFilterShortcut(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || (e.key !== "/" && e.code !== "Slash")) return;
      e.preventDefault();
      useViewStore.getState().setTab("packets");
      focusFilterBar();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
