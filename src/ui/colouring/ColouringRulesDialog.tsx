/**
 * View ▸ Coloring Rules…: the analyst's colouring rules as Wireshark's
 * dialog has them. Each rule: enabled, name, filter (checked as it is
 * typed, the way colouring rules compile; a bad one is flagged and not
 * applied), foreground and background; add, duplicate, delete, drag to
 * reorder (first match wins); import and export Wireshark's colorfilters
 * file. Edits are a draft until Apply or OK, which recolour the list in
 * the worker without reloading the capture.
 */
import { useEffect, useState } from "react";
import { hexToRgb16, readColorfilters, rgb16ToHex, writeColorfilters } from "../../engine/session/colorfilters";
import { useCaptureStore } from "../../store/capture-store";
import { defaultColourRules, setColourRules, useColourRulesStore, withIds, type EditableColourRule } from "../../store/colour-rules-store";
import { download } from "../download";
import { ModalDialog } from "../layout/ModalDialog";
import { useDragReorder } from "../layout/drag-reorder";
import { ImportButton } from "./ImportButton";
import "./colouring.css";

const DRAG_TYPE = "application/x-pcapscope-colour-rule";

/** The worker's verdict on each draft filter (by text), as the user types. */
function useFilterErrors(filters: readonly string[]): Record<string, string> {
  const client = useCaptureStore((s) => s.client);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const key = filters.join("\u0000");
  useEffect(() => {
    if (!client) return;
    let live = true;
    const texts = [...new Set(key.split("\u0000"))];
    const timer = setTimeout(() => {
      void Promise.all(texts.map((t) => client.checkColourFilter(t).then((r) => [t, r.ok ? null : r.message] as const))).then(
        (verdicts) => {
          if (!live) return;
          const out: Record<string, string> = {};
          for (const [t, m] of verdicts) if (m !== null) out[t] = m;
          setErrors(out);
        },
        () => undefined,
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, key]);
  return errors;
}

export function ColouringRulesDialog({ onClose }: { onClose(): void }) {
  const saved = useColourRulesStore((s) => s.rules);
  const busy = useColourRulesStore((s) => s.busy);
  const [draft, setDraft] = useState<EditableColourRule[]>(() => saved.map((r) => ({ ...r })));
  const [selected, setSelected] = useState<string | null>(draft[0]?.id ?? null);
  const [notice, setNotice] = useState<string | null>(null);
  const errors = useFilterErrors(draft.map((r) => r.filter));

  const edit = (id: string, patch: Partial<EditableColourRule>): void =>
    setDraft((d) => d.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  const at = draft.findIndex((r) => r.id === selected);

  const add = (): void => {
    const [rule] = withIds([{ name: "New coloring rule", filter: "", enabled: true, bg: [65535, 65535, 65535], fg: [0, 0, 0] }]);
    const i = at < 0 ? draft.length : at + 1;
    setDraft((d) => [...d.slice(0, i), rule!, ...d.slice(i)]);
    setSelected(rule!.id);
  };
  const duplicate = (): void => {
    if (at < 0) return;
    const [copy] = withIds([draft[at]!]);
    setDraft((d) => [...d.slice(0, at + 1), copy!, ...d.slice(at + 1)]);
    setSelected(copy!.id);
  };
  const remove = (): void => {
    if (at < 0) return;
    setDraft((d) => d.filter((r) => r.id !== selected));
    setSelected(draft[at + 1]?.id ?? draft[at - 1]?.id ?? null);
  };
  const move = (id: string, to: number): void =>
    setDraft((d) => {
      const list = [...d];
      const from = list.findIndex((r) => r.id === id);
      if (from < 0) return d;
      const [r] = list.splice(from, 1);
      list.splice(Math.max(0, Math.min(list.length, from < to ? to - 1 : to)), 0, r!);
      return list;
    });
  const { dropAt, source, target } = useDragReorder(DRAG_TYPE, move);

  const importFile = async (file: File): Promise<void> => {
    const parsed = readColorfilters(await file.text());
    setDraft(withIds(parsed.rules));
    setSelected(null);
    setNotice(
      `Imported ${parsed.rules.length} rule${parsed.rules.length === 1 ? "" : "s"} from ${file.name}` +
        (parsed.errors.length ? `; skipped ${parsed.errors.join("; ")}` : ""),
    );
  };
  const exportFile = (): void => download(new Blob([writeColorfilters(draft)], { type: "text/plain" }), "colorfilters");
  const apply = (): Promise<void> => setColourRules(draft);
  const invalid = draft.filter((r) => errors[r.filter] !== undefined).length;

  return (
    <ModalDialog label="Coloring rules" className="colouring-dialog" onClose={onClose}>
      <h2 className="colouring-title">Coloring Rules</h2>
      <div className="colouring-table" role="table" aria-label="Coloring rules list">
        <div role="row" className="colouring-row colouring-head">
          <span role="columnheader" />
          <span role="columnheader">On</span>
          <span role="columnheader">Name</span>
          <span role="columnheader">Filter</span>
          <span role="columnheader">Fg</span>
          <span role="columnheader">Bg</span>
        </div>
        {draft.map((r, i) => {
          const error = errors[r.filter];
          return (
            <div
              key={r.id}
              role="row"
              aria-selected={r.id === selected}
              data-rule={r.name}
              className={`colouring-row${r.id === selected ? " colouring-selected" : ""}${dropAt === i ? " colouring-drop" : ""}`}
              onMouseDown={() => setSelected(r.id)}
              {...target(i)}
            >
              <span
                className="colouring-handle"
                draggable
                title="Drag to change priority (first match wins)"
                aria-label={`Move ${r.name}`}
                {...source(r.id)}
              >
                ⠿
              </span>
              <input
                type="checkbox"
                aria-label={`Enable ${r.name}`}
                checked={r.enabled}
                onChange={(e) => edit(r.id, { enabled: e.target.checked })}
              />
              <input
                aria-label="Rule name"
                className="colouring-name"
                value={r.name}
                style={{ background: rgb16ToHex(r.bg), color: rgb16ToHex(r.fg) }}
                onChange={(e) => edit(r.id, { name: e.target.value.replaceAll("@", "") })}
              />
              <input
                aria-label={`Filter of ${r.name}`}
                className={`colouring-filter ${error !== undefined ? "filter-invalid" : r.filter.trim() ? "filter-valid" : ""}`}
                aria-invalid={error !== undefined}
                title={error ?? undefined}
                value={r.filter}
                onChange={(e) => edit(r.id, { filter: e.target.value.replaceAll("@", "") })}
              />
              <input
                type="color"
                aria-label={`Foreground of ${r.name}`}
                value={rgb16ToHex(r.fg)}
                onChange={(e) => edit(r.id, { fg: hexToRgb16(e.target.value) })}
              />
              <input
                type="color"
                aria-label={`Background of ${r.name}`}
                value={rgb16ToHex(r.bg)}
                onChange={(e) => edit(r.id, { bg: hexToRgb16(e.target.value) })}
              />
            </div>
          );
        })}
      </div>
      {invalid > 0 && (
        <p className="dialog-error" role="status">
          {invalid} rule{invalid === 1 ? " has a filter" : "s have filters"} that cannot be used: not applied (hover for the error).
        </p>
      )}
      {notice && (
        <p className="colouring-notice" role="status">
          {notice}
        </p>
      )}
      <div className="colouring-buttons">
        <button type="button" className="button" onClick={add}>
          Add
        </button>
        <button type="button" className="button" onClick={duplicate} disabled={at < 0}>
          Duplicate
        </button>
        <button type="button" className="button" onClick={remove} disabled={at < 0}>
          Delete
        </button>
        <ImportButton label="Import colorfilters file" onFile={(f) => void importFile(f)} />
        <button type="button" className="button" onClick={exportFile}>
          Export…
        </button>
        <button type="button" className="button" onClick={() => setDraft(defaultColourRules())}>
          Restore defaults
        </button>
        <span className="colouring-spacer" />
        {busy && <span role="status">Recolouring…</span>}
        <button type="button" className="button" onClick={() => void apply()}>
          Apply
        </button>
        <button
          type="button"
          className="button button-primary"
          onClick={() => {
            void apply();
            onClose();
          }}
        >
          OK
        </button>
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </ModalDialog>
  );
}
