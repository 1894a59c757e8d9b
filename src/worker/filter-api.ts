/**
 * What the filter bar asks while the user types: is the text valid (green),
 * deprecated (yellow) or wrong (red, with tshark's message and where), and
 * which field and protocol names complete what was typed.
 */
import { allFields, type FieldDef } from "../engine/dissect/field";
import { compileFilter, FilterError, type DisplayFilter } from "../engine/filter";
import { prettyName } from "../engine/filter/values";
import "../engine/dissect/dissection";

export type FilterCheckResult =
  | { ok: true; empty: boolean; warnings: string[] }
  | { ok: false; message: string; start: number; length: number };

export function checkFilterText(text: string, compile: (t: string) => DisplayFilter = (t) => compileFilter(t)): FilterCheckResult {
  if (text.trim() === "") return { ok: true, empty: true, warnings: [] };
  try {
    const f = compile(text);
    return { ok: true, empty: false, warnings: [...f.warnings] };
  } catch (e) {
    if (e instanceof FilterError) return { ok: false, ...filterErrorPlace(e) };
    return { ok: false, message: e instanceof Error ? e.message : String(e), start: -1, length: 0 };
  }
}

/**
 * Where the bar underlines an error: nowhere when the place is in a macro's
 * expansion (the message then quotes the expanded text instead).
 */
export function filterErrorPlace(e: FilterError): { message: string; start: number; length: number } {
  if (e.expanded !== null) return { message: `${e.message} (in "${e.expanded}")`, start: -1, length: 0 };
  return { message: e.message, start: e.loc?.start ?? -1, length: e.loc?.length ?? 0 };
}

export interface FieldCompletion {
  name: string;
  /** The field's human name ("Source Port"). */
  description: string;
  /** "Protocol", or the type in tshark's words ("Unsigned integer (2 bytes)"). */
  type: string;
}

let sorted: FieldDef[] | null = null;

/**
 * Names that start with `prefix` (protocols first, then fields, each in
 * name order); after a dot, only the fields of that protocol path.
 */
export function fieldCompletions(prefix: string, max = 50): FieldCompletion[] {
  sorted ??= [...allFields()].filter((f) => !f.abbrev.startsWith("_ws.text")).sort((a, b) => a.abbrev.localeCompare(b.abbrev));
  const p = prefix.toLowerCase();
  const out: FieldCompletion[] = [];
  const protocols = sorted.filter((f) => f.type === "protocol" && f.abbrev.startsWith(p));
  const fields = sorted.filter((f) => f.type !== "protocol" && f.abbrev.startsWith(p));
  for (const f of [...protocols, ...fields]) {
    if (out.length >= max) break;
    out.push({ name: f.abbrev, description: f.name, type: prettyName(f) });
  }
  return out;
}
