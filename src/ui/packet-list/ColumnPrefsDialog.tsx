import { useState } from "react";
import { COLUMN_TYPES, isColumnType, type ColumnSpec } from "../../engine/session/column-types";
import {
  addColumn,
  editColumn,
  moveColumn,
  removeColumn,
  renameColumn,
  resetColumns,
  setColumnVisible,
  useColumnPrefs,
  type ColumnPref,
} from "../../store/column-prefs";
import { COLUMN_DRAG_TYPE, dropColumn } from "./column-drag";
import { ModalDialog } from "../layout/ModalDialog";
import { useCaptureStore } from "../../store/capture-store";

interface Props {
  onClose(): void;
}

/**
 * Column Preferences, as Wireshark's: every column with whether it is shown,
 * its title, its type and for a custom column its field and occurrence
 * (0: all, n: the nth, -n: the nth from the end); drag a row or use the
 * arrows to reorder. Changes apply at once and are kept.
 */
export function ColumnPrefsDialog({ onClose }: Props) {
  const columns = useColumnPrefs((s) => s.columns);
  return (
    <ModalDialog label="Column preferences" className="column-prefs" onClose={onClose}>
      <table className="column-prefs-table">
        <thead>
          <tr>
            <th>Shown</th>
            <th>Title</th>
            <th>Type</th>
            <th>Field</th>
            <th>Occurrence</th>
            <th aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {columns.map((c, i) => (
            <ColumnRow key={c.id} column={c} index={i} last={i === columns.length - 1} />
          ))}
        </tbody>
      </table>
      <div className="column-prefs-actions">
        <button type="button" className="button" onClick={() => addColumn({ type: "number" }, { title: "New Column" })}>
          Add column
        </button>
        <button type="button" className="button" onClick={resetColumns}>
          Restore defaults
        </button>
        <button type="button" className="button button-primary" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </ModalDialog>
  );
}

function ColumnRow({ column: c, index, last }: { column: ColumnPref; index: number; last: boolean }) {
  const custom = c.spec.type === "custom";
  const [field, setField] = useState(c.spec.field ?? "");
  /** Field names starting with what was typed (null: nothing typed yet). */
  const [names, setNames] = useState<string[] | null>(null);
  const setSpec = (spec: ColumnSpec): void => editColumn(c.id, spec);
  // Field names as they are typed, from the worker's field table (the page carries none).
  const complete = (prefix: string): void => {
    const client = useCaptureStore.getState().client;
    if (!client || prefix.trim() === "") return setNames(null);
    client.filterCompletions(prefix.trim(), 50).then(
      (list) => setNames(list.map((f) => f.name)),
      () => setNames([]),
    );
  };
  const unknown = custom && field.trim() !== "" && names !== null && !names.includes(field.trim());
  return (
    <tr
      draggable
      onDragStart={(e) => {
        e.dataTransfer.setData(COLUMN_DRAG_TYPE, c.id);
        e.dataTransfer.effectAllowed = "move";
      }}
      onDragOver={(e) => e.dataTransfer.types.includes(COLUMN_DRAG_TYPE) && e.preventDefault()}
      onDrop={(e) => dropColumn(e, c.id)}
      data-column={c.id}
    >
      <td>
        <input
          type="checkbox"
          aria-label={`Show ${c.title}`}
          checked={c.visible}
          onChange={(e) => setColumnVisible(c.id, e.target.checked)}
        />
      </td>
      <td>
        <input
          key={c.title}
          aria-label="Title"
          defaultValue={c.title}
          onBlur={(e) => renameColumn(c.id, e.target.value)}
          onKeyDown={(e) => e.key === "Enter" && e.currentTarget.blur()}
        />
      </td>
      <td>
        <select
          aria-label="Type"
          value={c.spec.type}
          onChange={(e) => {
            const type = e.target.value;
            if (isColumnType(type)) setSpec(type === "custom" ? { type, field, occurrence: c.spec.occurrence ?? 0 } : { type });
          }}
        >
          {COLUMN_TYPES.map((t) => (
            <option key={t.type} value={t.type}>
              {t.label}
            </option>
          ))}
        </select>
      </td>
      <td>
        <input
          aria-label="Field"
          disabled={!custom}
          value={custom ? field : ""}
          placeholder={custom ? "tcp.stream" : ""}
          spellCheck={false}
          list={`column-fields-${c.id}`}
          aria-invalid={unknown}
          title={unknown ? `No field is named ${field.trim()}` : undefined}
          onChange={(e) => {
            setField(e.target.value);
            complete(e.target.value);
          }}
          onBlur={() => custom && setSpec({ type: "custom", field: field.trim(), occurrence: c.spec.occurrence ?? 0 })}
          onKeyDown={(e) => e.key === "Enter" && e.currentTarget.blur()}
        />
        <datalist id={`column-fields-${c.id}`}>
          {(names ?? []).map((n) => (
            <option key={n} value={n} />
          ))}
        </datalist>
      </td>
      <td>
        <input
          aria-label="Occurrence"
          type="number"
          disabled={!custom}
          value={custom ? (c.spec.occurrence ?? 0) : ""}
          onChange={(e) =>
            custom && setSpec({ type: "custom", field: c.spec.field ?? "", occurrence: Math.trunc(Number(e.target.value)) || 0 })
          }
        />
      </td>
      <td className="column-prefs-row-actions">
        <button
          type="button"
          className="button"
          aria-label={`Move ${c.title} up`}
          disabled={index === 0}
          onClick={() => moveColumn(c.id, index - 1)}
        >
          ↑
        </button>
        <button
          type="button"
          className="button"
          aria-label={`Move ${c.title} down`}
          disabled={last}
          onClick={() => moveColumn(c.id, index + 1)}
        >
          ↓
        </button>
        <button type="button" className="button" aria-label={`Remove ${c.title}`} onClick={() => removeColumn(c.id)}>
          ✕
        </button>
      </td>
    </tr>
  );
}
