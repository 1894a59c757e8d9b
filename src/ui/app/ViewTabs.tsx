import { useViewStore } from "../../store/view-store";
import { VIEWS } from "./views";
import type { KeyboardEvent } from "react";

/** The view tabs (role="tab"); arrow keys move between them. */
export function ViewTabs() {
  const tab = useViewStore((s) => s.tab);
  const setTab = useViewStore((s) => s.setTab);
  const onKeyDown = (e: KeyboardEvent): void => {
    const at = VIEWS.findIndex((v) => v.id === tab);
    const delta = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
    if (!delta) return;
    e.preventDefault();
    const next = VIEWS[(at + delta + VIEWS.length) % VIEWS.length]!;
    setTab(next.id);
    document.getElementById(`tab-${next.id}`)?.focus();
  };
  return (
    <div className="view-tabs" role="tablist" aria-label="Views" onKeyDown={onKeyDown}>
      {VIEWS.map((v) => (
        <button
          key={v.id}
          id={`tab-${v.id}`}
          type="button"
          role="tab"
          aria-selected={v.id === tab}
          aria-controls={`panel-${v.id}`}
          tabIndex={v.id === tab ? 0 : -1}
          className="view-tab"
          onClick={() => setTab(v.id)}
        >
          {v.name}
        </button>
      ))}
    </div>
  );
}

/** The active view's panel. */
export function ViewPanel() {
  const tab = useViewStore((s) => s.tab);
  const view = VIEWS.find((v) => v.id === tab) ?? VIEWS[0]!;
  const View = view.component;
  return (
    <div className="view-panel" role="tabpanel" id={`panel-${view.id}`} aria-labelledby={`tab-${view.id}`}>
      <View />
    </div>
  );
}
