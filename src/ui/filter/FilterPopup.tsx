import type { FieldCompletion } from "../../worker/filter-api";

export type PopupItem = { kind: "completion"; completion: FieldCompletion } | { kind: "history"; filter: string };

interface Props {
  id: string;
  label: string;
  items: readonly PopupItem[];
  active: number;
  onChoose(item: PopupItem): void;
  onHover(index: number): void;
}

export function optionId(listId: string, index: number): string {
  return `${listId}-option-${index}`;
}

/**
 * The list under the filter bar: field and protocol names completing the
 * word at the caret (name and description), or recent filters. Items are
 * chosen with the mouse or, from the bar, arrows and Enter/Tab. A mouse
 * press does not take the focus from the bar.
 */
export function FilterPopup({ id, label, items, active, onChoose, onHover }: Props) {
  return (
    <ul id={id} className="filter-popup" role="listbox" aria-label={label}>
      {items.map((item, i) => (
        <li
          key={item.kind === "completion" ? item.completion.name : item.filter}
          id={optionId(id, i)}
          role="option"
          aria-selected={i === active}
          className={`filter-option${i === active ? " filter-option-active" : ""}`}
          onMouseDown={(e) => e.preventDefault()}
          onMouseEnter={() => onHover(i)}
          onClick={() => onChoose(item)}
        >
          {item.kind === "completion" ? (
            <>
              <span className="filter-option-name">{item.completion.name}</span>
              <span className="filter-option-description">
                {item.completion.description}
                {item.completion.type !== "Protocol" && item.completion.type ? ` · ${item.completion.type}` : ""}
              </span>
            </>
          ) : (
            <span className="filter-option-name">{item.filter}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
