import { useState, type FormEvent } from "react";
import { useCaptureStore } from "../../store/capture-store";
import { addFilterButton, editFilterButton, removeFilterButton, type FilterButton } from "../../store/filter-buttons";
import { useFilterCheck } from "./useFilterCheck";

interface Props {
  /** The button to edit, or the label and filter a new one starts with. */
  initial: FilterButton | { label: string; filter: string };
  onClose(): void;
}

/** Adds or edits a filter button: its label and its filter (checked as it is typed, like the bar). */
export function FilterButtonDialog({ initial, onClose }: Props) {
  const editing = "id" in initial ? initial : null;
  const [label, setLabel] = useState(initial.label);
  const [filter, setFilter] = useState(initial.filter);
  const client = useCaptureStore((s) => s.client);
  const check = useFilterCheck(client, filter);
  const invalid = check?.text === filter && check.status === "invalid";
  const title = editing ? "Edit filter button" : "New filter button";

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (filter.trim() === "" || invalid) return;
    if (editing) editFilterButton(editing.id, label, filter);
    else addFilterButton(label, filter);
    onClose();
  };

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        role="dialog"
        aria-modal="true"
        aria-label={title}
        className="dialog filter-button-dialog"
        onKeyDown={(e) => e.key === "Escape" && onClose()}
      >
        <form className="filter-button-form" onSubmit={submit}>
          <label>
            Label
            <input value={label} onChange={(e) => setLabel(e.target.value)} placeholder={filter || "Button label"} autoFocus />
          </label>
          <label>
            Filter
            <input
              className={`filter-input filter-${check?.text === filter ? check.status : "empty"}`}
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              aria-invalid={invalid}
              spellCheck={false}
              autoComplete="off"
            />
          </label>
          {invalid && <p className="dialog-error">{check.message}</p>}
          <div className="filter-button-form-actions">
            {editing && (
              <button
                type="button"
                className="button"
                onClick={() => {
                  removeFilterButton(editing.id);
                  onClose();
                }}
              >
                Delete
              </button>
            )}
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="button button-primary" disabled={filter.trim() === "" || invalid}>
              Save
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
