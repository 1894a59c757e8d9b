/**
 * The display filter bar above the packet list, as in Wireshark: green
 * when the text is a valid filter, red with tshark's message when not,
 * yellow for a deprecated form. Enter applies, Esc clears, Ctrl+/ comes
 * here; names complete as you type; the history list holds the filters
 * applied lately; "+" saves the text as a filter button.
 */
import { useEffect, useLayoutEffect, useRef, useState, type ChangeEvent, type KeyboardEvent } from "react";
import { useCaptureStore } from "../../store/capture-store";
import { filterHistory } from "../../store/filter-history";
import { applyDisplayFilter, clearDisplayFilter, setFilterText, useFilterStore } from "../../store/filter-store";
import { ErrorUnderline } from "./ErrorUnderline";
import { acceptCompletion, wordAtCaret } from "./filter-text";
import { FilterButtonDialog } from "./FilterButtonDialog";
import { FilterButtons } from "./FilterButtons";
import { FilterMessage } from "./FilterMessage";
import { FilterPopup, optionId, type PopupItem } from "./FilterPopup";
import { useCompletions } from "./useCompletions";
import { toCheckState, useFilterCheck } from "./useFilterCheck";
import "./filter.css";

const POPUP_ID = "filter-popup";
const MESSAGE_ID = "filter-message";

export function FilterBar() {
  const client = useCaptureStore((s) => s.client);
  const text = useFilterStore((s) => s.text);
  const focusPending = useFilterStore((s) => s.focusPending);
  const input = useRef<HTMLInputElement>(null);
  const [caret, setCaret] = useState(0);
  /** Completion follows typing only (not text put in the bar by a menu or button). */
  const [typing, setTyping] = useState(false);
  const [history, setHistory] = useState<string[] | null>(null);
  const [active, setActive] = useState(-1);
  const [saving, setSaving] = useState(false);
  const checked = useFilterCheck(client, text);
  // A verdict from Enter beats the debounced one for the same text.
  const [submitted, setSubmitted] = useState<ReturnType<typeof toCheckState> | null>(null);
  const verdict = submitted && submitted.text === text ? submitted : checked;

  const word = typing && history === null ? wordAtCaret(text, caret) : null;
  const completions = useCompletions(client, word?.prefix ?? null);
  const items: PopupItem[] =
    history !== null
      ? history.map((filter) => ({ kind: "history", filter }))
      : completions.map((completion) => ({ kind: "completion", completion }));
  const open = items.length > 0;

  // Ctrl+/ and "Prepare as Filter" ask for the focus (the caret goes to the end, ready to edit).
  useEffect(() => {
    const el = input.current;
    if (!focusPending || !el) return;
    useFilterStore.setState({ focusPending: false });
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, [focusPending]);

  // After a completion the caret goes after the name, in the same commit as the new text (before the next keystroke).
  const caretAfterRender = useRef<number | null>(null);
  useLayoutEffect(() => {
    const at = caretAfterRender.current;
    if (at === null) return;
    caretAfterRender.current = null;
    input.current?.setSelectionRange(at, at);
  });

  const closePopup = (): void => {
    setTyping(false);
    setHistory(null);
    setActive(-1);
  };

  const apply = async (t: string): Promise<void> => {
    closePopup();
    if (!client) return;
    const r = await client.checkDisplayFilter(t).catch(() => null);
    if (r && !r.ok) {
      setSubmitted(toCheckState(t, r));
      return;
    }
    void applyDisplayFilter(t);
  };

  const choose = (item: PopupItem): void => {
    if (item.kind === "history") {
      void apply(item.filter);
      return;
    }
    if (!word) return;
    const next = acceptCompletion(text, word, item.completion.name);
    setFilterText(next.text);
    setCaret(next.caret);
    setTyping(false);
    setActive(-1);
    caretAfterRender.current = next.caret;
  };

  const onChange = (e: ChangeEvent<HTMLInputElement>): void => {
    setFilterText(e.target.value);
    setCaret(e.target.selectionStart ?? e.target.value.length);
    setTyping(true);
    setHistory(null);
    setActive(-1);
  };

  const openHistory = (): void => {
    const list = filterHistory();
    setTyping(false);
    setHistory(list.length ? list : null);
    setActive(list.length ? 0 : -1);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    switch (e.key) {
      case "ArrowDown":
        e.preventDefault();
        if (open) setActive((a) => (a + 1) % items.length);
        else openHistory();
        return;
      case "ArrowUp":
        if (!open) return;
        e.preventDefault();
        setActive((a) => (a <= 0 ? items.length - 1 : a - 1));
        return;
      case "Tab":
        if (!open || history !== null || e.shiftKey) return;
        e.preventDefault();
        choose(items[Math.max(0, active)]!);
        return;
      case "Enter":
        e.preventDefault();
        if (open && active >= 0) choose(items[active]!);
        else void apply(text);
        return;
      case "Escape":
        e.preventDefault();
        if (open) closePopup();
        else {
          setSubmitted(null);
          void clearDisplayFilter();
        }
        return;
    }
  };

  const status = verdict?.status ?? "empty";
  // Messages and marks only for the text as it is now (the colour may lag a keystroke).
  const shownVerdict = verdict && verdict.text === text ? verdict : null;
  return (
    <div className="filter-area">
      <div className="filter-bar">
        <div className="filter-field">
          <div className="filter-input-wrap">
            <input
              ref={input}
              type="text"
              className={`filter-input filter-${status}`}
              data-status={status}
              aria-label="Display filter"
              aria-keyshortcuts="Control+/"
              aria-invalid={status === "invalid"}
              aria-describedby={MESSAGE_ID}
              aria-autocomplete="list"
              aria-controls={open ? POPUP_ID : undefined}
              aria-activedescendant={open && active >= 0 ? optionId(POPUP_ID, active) : undefined}
              placeholder="Apply a display filter … <Ctrl-/>"
              spellCheck={false}
              autoComplete="off"
              autoCapitalize="off"
              value={text}
              onChange={onChange}
              onKeyDown={onKeyDown}
              onSelect={(e) => setCaret(e.currentTarget.selectionStart ?? 0)}
              onBlur={closePopup}
            />
            {shownVerdict?.status === "invalid" && shownVerdict.start >= 0 && (
              <ErrorUnderline input={input} text={text} start={shownVerdict.start} length={shownVerdict.length} />
            )}
          </div>
          {text !== "" && (
            <button
              type="button"
              className="filter-icon"
              aria-label="Clear filter"
              title="Clear the display filter and show every packet (Esc)"
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => {
                setSubmitted(null);
                void clearDisplayFilter();
              }}
            >
              ×
            </button>
          )}
          <button
            type="button"
            className="filter-icon"
            aria-label="Recent filters"
            aria-haspopup="listbox"
            aria-expanded={history !== null}
            title="Display filters applied lately"
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => {
              if (history !== null) closePopup();
              else {
                input.current?.focus();
                openHistory();
              }
            }}
          >
            ▾
          </button>
          {open && (
            <FilterPopup
              id={POPUP_ID}
              label={history !== null ? "Recent filters" : "Field names"}
              items={items}
              active={active}
              onChoose={choose}
              onHover={setActive}
            />
          )}
        </div>
        <button
          type="button"
          className="button button-small filter-apply"
          title="Apply the filter in the bar (Enter)"
          onClick={() => void apply(text)}
        >
          Apply
        </button>
        <button
          type="button"
          className="button button-small filter-add"
          aria-label="Save this filter as a button"
          title="Add a filter button for the text in the bar"
          onClick={() => setSaving(true)}
        >
          +
        </button>
        <FilterButtons />
      </div>
      <FilterMessage id={MESSAGE_ID} verdict={shownVerdict} />
      {saving && <FilterButtonDialog initial={{ label: "", filter: text }} onClose={() => setSaving(false)} />}
    </div>
  );
}
