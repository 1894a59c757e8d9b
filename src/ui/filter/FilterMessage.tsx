import type { FilterCheckState } from "./useFilterCheck";

interface Props {
  id: string;
  verdict: FilterCheckState | null;
}

/**
 * Under the bar: tshark's error for the text, with the part it points at
 * marked (as tshark underlines it with ^~~~), or its warning for a
 * deprecated form. Capture-derived text is rendered as text nodes only.
 */
export function FilterMessage({ id, verdict }: Props) {
  const shown = verdict && (verdict.status === "invalid" || verdict.status === "warning") ? verdict : null;
  return (
    <div id={id} className={`filter-message${shown ? ` filter-message-${shown.status}` : ""}`} aria-live="polite">
      {shown && (
        <>
          <span className="filter-message-text">{shown.message}</span>
          {shown.start >= 0 && <MarkedText text={shown.text} start={shown.start} length={Math.max(1, shown.length)} />}
        </>
      )}
    </div>
  );
}

function MarkedText({ text, start, length }: { text: string; start: number; length: number }) {
  const end = Math.min(text.length, start + length);
  return (
    <code className="filter-message-where">
      {text.slice(0, start)}
      <mark className="filter-error-span">{start < text.length ? text.slice(start, end) : " "}</mark>
      {text.slice(end)}
    </code>
  );
}
