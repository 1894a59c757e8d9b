/**
 * Filter buttons (Wireshark's "Filter Buttons" toolbar): saved filters with
 * a label, shown beside the filter bar; a click applies one. Kept in
 * localStorage in the user's order; a few useful ones on first use.
 */
import { create } from "zustand";

export interface FilterButton {
  id: string;
  label: string;
  filter: string;
}

const KEY = "pcapscope.filterButtons";

export const DEFAULT_FILTER_BUTTONS: readonly Omit<FilterButton, "id">[] = [
  { label: "FTP", filter: "ftp || ftp-data" },
  { label: "SYN", filter: "tcp.flags.syn == 1 && tcp.flags.ack == 0" },
  { label: "Logins", filter: 'ftp.request.command in {"USER", "PASS"}' },
  { label: "TCP problems", filter: "tcp.analysis.flags" },
];

let nextId = 0;
function newId(): string {
  return `b${Date.now().toString(36)}${(nextId++).toString(36)}`;
}

function isButton(b: unknown): b is FilterButton {
  const o = b as FilterButton | null;
  return typeof o?.id === "string" && typeof o.label === "string" && typeof o.filter === "string";
}

/** The saved buttons; the defaults when nothing was ever saved (an emptied list stays empty). */
export function loadFilterButtons(): FilterButton[] {
  try {
    const raw = localStorage.getItem(KEY);
    if (raw === null) return DEFAULT_FILTER_BUTTONS.map((b) => ({ ...b, id: newId() }));
    const list = JSON.parse(raw) as unknown;
    return Array.isArray(list) ? list.filter(isButton) : [];
  } catch {
    return [];
  }
}

function save(buttons: FilterButton[]): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(buttons));
  } catch {
    // Storage unavailable: the buttons last as long as the page.
  }
}

export const useFilterButtons = create<{ buttons: FilterButton[] }>()(() => ({
  buttons: typeof localStorage === "undefined" ? [] : loadFilterButtons(),
}));

function update(buttons: FilterButton[]): void {
  useFilterButtons.setState({ buttons });
  save(buttons);
}

/** Replaces every button (a profile's), keeping only well-formed ones; undefined: the defaults. */
export function setFilterButtons(list: unknown): void {
  update(list === undefined ? DEFAULT_FILTER_BUTTONS.map((b) => ({ ...b, id: newId() })) : Array.isArray(list) ? list.filter(isButton) : []);
}

/** Adds a button at the end; returns it. */
export function addFilterButton(label: string, filter: string): FilterButton {
  const b: FilterButton = { id: newId(), label: label.trim() || filter.trim(), filter: filter.trim() };
  update([...useFilterButtons.getState().buttons, b]);
  return b;
}

export function editFilterButton(id: string, label: string, filter: string): void {
  update(
    useFilterButtons
      .getState()
      .buttons.map((b) => (b.id === id ? { ...b, label: label.trim() || filter.trim(), filter: filter.trim() } : b)),
  );
}

export function removeFilterButton(id: string): void {
  update(useFilterButtons.getState().buttons.filter((b) => b.id !== id));
}

/** Moves a button to position `to` (clamped), as dragging it there does. */
export function moveFilterButton(id: string, to: number): void {
  const list = [...useFilterButtons.getState().buttons];
  const from = list.findIndex((b) => b.id === id);
  if (from < 0) return;
  const [b] = list.splice(from, 1);
  list.splice(Math.max(0, Math.min(list.length, to)), 0, b!);
  update(list);
}
