/**
 * The I/O Graph's graphs, one row each: enabled box, name, colour, value
 * (packets, bytes or a calculation over a field), field and display filter.
 * Filter and field take effect on Enter or when the box is left, so typing
 * does not recount the capture at every key.
 */
import { useState } from "react";
import type { IoGraphValue } from "../../../worker/io-graph-api";
import { needsField, VALUES, type GraphConfig } from "./io-graph-model";
import { useIoGraphStore } from "./io-graph-store";

/** A text box whose value is committed on Enter or blur (Esc puts back the committed one). */
function CommitInput({
  value,
  label,
  placeholder,
  disabled,
  commit,
}: {
  value: string;
  label: string;
  placeholder: string;
  disabled?: boolean;
  commit(v: string): void;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft ?? value;
  const done = () => {
    if (draft !== null && draft !== value) commit(draft);
    setDraft(null);
  };
  return (
    <input
      type="text"
      className="io-graph-input"
      aria-label={label}
      placeholder={placeholder}
      disabled={disabled}
      spellCheck={false}
      value={shown}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={done}
      onKeyDown={(e) => {
        if (e.key === "Enter") done();
        if (e.key === "Escape") setDraft(null);
      }}
    />
  );
}

function GraphRow({ g, error }: { g: GraphConfig; error: string | null }) {
  const update = useIoGraphStore((s) => s.update);
  const remove = useIoGraphStore((s) => s.remove);
  const change = (c: Partial<Omit<GraphConfig, "id">>) => update(g.id, c);
  return (
    <tr aria-label={g.name}>
      <td>
        <input type="checkbox" aria-label={`Show ${g.name}`} checked={g.enabled} onChange={(e) => change({ enabled: e.target.checked })} />
      </td>
      <td>
        <CommitInput value={g.name} label="Graph name" placeholder="Name" commit={(name) => change({ name })} />
      </td>
      <td>
        <input type="color" aria-label={`Colour of ${g.name}`} value={g.colour} onChange={(e) => change({ colour: e.target.value })} />
      </td>
      <td>
        <select aria-label={`Value of ${g.name}`} value={g.value} onChange={(e) => change({ value: e.target.value as IoGraphValue })}>
          {VALUES.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
      </td>
      <td>
        <CommitInput
          value={g.field}
          label={`Field of ${g.name}`}
          placeholder={needsField(g.value) ? "field, e.g. tcp.len" : "—"}
          disabled={!needsField(g.value)}
          commit={(field) => change({ field: field.trim() })}
        />
      </td>
      <td className="io-graph-filter-cell">
        <CommitInput
          value={g.filter}
          label={`Display filter of ${g.name}`}
          placeholder="Display filter (all packets)"
          commit={(filter) => change({ filter })}
        />
        {error && (
          <span className="io-graph-error" role="alert">
            {error}
          </span>
        )}
      </td>
      <td>
        <button type="button" className="button" aria-label={`Remove ${g.name}`} onClick={() => remove(g.id)}>
          ✕
        </button>
      </td>
    </tr>
  );
}

export function GraphList({ errors }: { errors: readonly (string | null)[] }) {
  const graphs = useIoGraphStore((s) => s.graphs);
  const add = useIoGraphStore((s) => s.add);
  return (
    <div className="io-graph-list">
      <table className="io-graph-table" aria-label="Graphs">
        <thead>
          <tr>
            <th>Show</th>
            <th>Name</th>
            <th>Colour</th>
            <th>Value</th>
            <th>Field</th>
            <th>Display filter</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {graphs.map((g, i) => (
            <GraphRow key={g.id} g={g} error={errors[i] ?? null} />
          ))}
        </tbody>
      </table>
      <button type="button" className="button" onClick={add}>
        Add graph
      </button>
    </div>
  );
}
