/**
 * The packet list's columns as the analyst arranged them (Wireshark's
 * Preferences › Appearance › Columns): which columns, in what order, shown
 * or hidden, their titles and widths; custom columns of any field. Kept in
 * localStorage; Wireshark's seven columns on first use.
 */
import { create } from "zustand";
import {
  columnTypeInfo,
  fieldColumnKey,
  fieldColumnOf,
  isColumnType,
  type ColumnSpec,
  type FieldColumn,
} from "../engine/session/column-types";

export interface ColumnPref {
  /** Stable id: the type's name for the default columns, generated for added ones. */
  id: string;
  spec: ColumnSpec;
  title: string;
  visible: boolean;
  width: number;
}

const KEY = "pcapscope.columns";
export const MIN_WIDTH = 30;

export const DEFAULT_COLUMNS: readonly ColumnPref[] = [
  { id: "number", spec: { type: "number" }, title: "No.", visible: true, width: 72 },
  { id: "time", spec: { type: "time" }, title: "Time", visible: true, width: 120 },
  { id: "source", spec: { type: "source" }, title: "Source", visible: true, width: 150 },
  { id: "destination", spec: { type: "destination" }, title: "Destination", visible: true, width: 150 },
  { id: "protocol", spec: { type: "protocol" }, title: "Protocol", visible: true, width: 80 },
  { id: "length", spec: { type: "length" }, title: "Length", visible: true, width: 64 },
  { id: "info", spec: { type: "info" }, title: "Info", visible: true, width: 560 },
];

let nextId = 0;
function newId(): string {
  return `c${Date.now().toString(36)}${(nextId++).toString(36)}`;
}

function isPref(c: unknown): c is ColumnPref {
  const o = c as ColumnPref | null;
  return (
    typeof o?.id === "string" &&
    typeof o.title === "string" &&
    typeof o.visible === "boolean" &&
    typeof o.width === "number" &&
    isColumnType(o.spec?.type) &&
    (o.spec.type !== "custom" || (typeof o.spec.field === "string" && Number.isInteger(o.spec.occurrence ?? 0)))
  );
}

/** The saved columns; the defaults when nothing (valid) was ever saved. */
export function loadColumns(): ColumnPref[] {
  try {
    const raw = localStorage.getItem(KEY);
    const list = raw === null ? null : (JSON.parse(raw) as unknown);
    const valid = Array.isArray(list) ? list.filter(isPref) : [];
    return valid.length ? valid : DEFAULT_COLUMNS.map((c) => ({ ...c }));
  } catch {
    return DEFAULT_COLUMNS.map((c) => ({ ...c }));
  }
}

function save(columns: ColumnPref[]): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(columns));
  } catch {
    // Storage unavailable: the columns last as long as the page.
  }
}

export const useColumnPrefs = create<{ columns: ColumnPref[] }>()(() => ({
  columns: typeof localStorage === "undefined" ? DEFAULT_COLUMNS.map((c) => ({ ...c })) : loadColumns(),
}));

function update(columns: ColumnPref[]): void {
  useColumnPrefs.setState({ columns });
  save(columns);
}

function patch(id: string, change: Partial<ColumnPref>): void {
  update(useColumnPrefs.getState().columns.map((c) => (c.id === id ? { ...c, ...change } : c)));
}

/** Replaces every column (a profile's), keeping only well-formed ones; undefined or none valid: the defaults. */
export function setColumns(list: unknown): void {
  const valid = Array.isArray(list) ? list.filter(isPref) : [];
  update(valid.length ? valid : DEFAULT_COLUMNS.map((c) => ({ ...c })));
}

/** The title Wireshark gives a new column: the field's name for a custom column, else the type's. */
export function defaultTitle(spec: ColumnSpec): string {
  if (spec.type !== "custom") return columnTypeInfo(spec.type).title;
  const occ = spec.occurrence ?? 0;
  return `${spec.field ?? ""}${occ !== 0 ? `#${occ}` : ""}`;
}

/** Adds a shown column (after column `after`, or at the end); returns it. */
export function addColumn(spec: ColumnSpec, options: { title?: string; after?: string; width?: number } = {}): ColumnPref {
  const c: ColumnPref = {
    id: newId(),
    spec,
    title: options.title?.trim() || defaultTitle(spec),
    visible: true,
    width: options.width ?? 120,
  };
  const list = [...useColumnPrefs.getState().columns];
  const at = options.after === undefined ? -1 : list.findIndex((x) => x.id === options.after);
  list.splice(at < 0 ? list.length : at + 1, 0, c);
  update(list);
  return c;
}

/** Wireshark's "Apply as Column": a custom column of `field`, shown after Info's left neighbour as Wireshark puts it (before Info). */
export function applyAsColumn(field: string, occurrence = 0): ColumnPref {
  const list = useColumnPrefs.getState().columns;
  const info = list.findIndex((c) => c.spec.type === "info");
  return addColumn({ type: "custom", field, occurrence }, { after: info > 0 ? list[info - 1]!.id : undefined });
}

export function removeColumn(id: string): void {
  update(useColumnPrefs.getState().columns.filter((c) => c.id !== id));
}

export function setColumnVisible(id: string, visible: boolean): void {
  // The last shown column stays: a list without columns could not be brought back from its header.
  const shown = useColumnPrefs.getState().columns.filter((c) => c.visible);
  if (!visible && shown.length === 1 && shown[0]!.id === id) return;
  patch(id, { visible });
}

export function renameColumn(id: string, title: string): void {
  const c = useColumnPrefs.getState().columns.find((x) => x.id === id);
  if (c) patch(id, { title: title.trim() || defaultTitle(c.spec) });
}

export function resizeColumn(id: string, width: number): void {
  patch(id, { width: Math.max(MIN_WIDTH, Math.round(width)) });
}

/** Changes a column's content (type, field, occurrence); its title follows unless it was renamed. */
export function editColumn(id: string, spec: ColumnSpec): void {
  const c = useColumnPrefs.getState().columns.find((x) => x.id === id);
  if (!c) return;
  const renamed = c.title !== defaultTitle(c.spec);
  patch(id, { spec, title: renamed ? c.title : defaultTitle(spec) });
}

/** Moves a column to position `to` among all columns (clamped), as dragging it there does. */
export function moveColumn(id: string, to: number): void {
  const list = [...useColumnPrefs.getState().columns];
  const from = list.findIndex((c) => c.id === id);
  if (from < 0) return;
  const [c] = list.splice(from, 1);
  list.splice(Math.max(0, Math.min(list.length, to)), 0, c!);
  update(list);
}

export function resetColumns(): void {
  update(DEFAULT_COLUMNS.map((c) => ({ ...c })));
}

/** The field columns among the shown ones, in order, each once: what row batches are asked to carry. */
export function shownFieldColumns(columns: readonly ColumnPref[]): FieldColumn[] {
  const out = new Map<string, FieldColumn>();
  for (const c of columns) {
    const f = c.visible ? fieldColumnOf(c.spec) : null;
    if (f) out.set(fieldColumnKey(f), f);
  }
  return [...out.values()];
}
