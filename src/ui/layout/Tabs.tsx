import type { KeyboardEvent } from "react";

export interface TabsProps<Id extends string> {
  label: string;
  tabs: readonly { id: Id; name: string }[];
  current: Id;
  select(id: Id): void;
  className: string;
  /** Element ids: each tab is `${idPrefix}${id}` and, with panelPrefix, controls `${panelPrefix}${id}`. */
  idPrefix: string;
  panelPrefix?: string;
}

/** A row of tabs (role="tab", class "view-tab"); arrow keys move between them. */
export function Tabs<Id extends string>({ label, tabs, current, select, className, idPrefix, panelPrefix }: TabsProps<Id>) {
  const onKeyDown = (e: KeyboardEvent): void => {
    const at = tabs.findIndex((t) => t.id === current);
    const delta = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
    if (!delta) return;
    e.preventDefault();
    const next = tabs[(at + delta + tabs.length) % tabs.length]!;
    select(next.id);
    document.getElementById(`${idPrefix}${next.id}`)?.focus();
  };
  return (
    <div className={className} role="tablist" aria-label={label} onKeyDown={onKeyDown}>
      {tabs.map((t) => (
        <button
          key={t.id}
          id={`${idPrefix}${t.id}`}
          type="button"
          role="tab"
          aria-selected={t.id === current}
          aria-controls={panelPrefix === undefined ? undefined : `${panelPrefix}${t.id}`}
          tabIndex={t.id === current ? 0 : -1}
          className="view-tab"
          onClick={() => select(t.id)}
        >
          {t.name}
        </button>
      ))}
    </div>
  );
}
