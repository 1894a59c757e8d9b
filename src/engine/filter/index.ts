/**
 * Wireshark's display filter language (4.0), for the CLI's -Y, the app's
 * filter bar, colouring rules, Follow Stream and statistics: `compileFilter`
 * turns filter text into a predicate over a packet's fields, or throws a
 * FilterError with tshark's message and the place it points at.
 */
import type { FieldDef } from "../dissect/field";
import type { Expr } from "./ast";
import { compileExpr, type CompileContext, type PacketFields } from "./compile";
import { compileTri, type Tri } from "./tri";
import { FilterError } from "./errors";
import { expandMacros } from "./macros";
import { parseFilter } from "./parser";
import { resolveFieldName, resolveFieldOrPlaceholder } from "./names";
import type { NameResolver } from "./values";

export { FilterError, describeFilterError, type Location } from "./errors";
export { FIELD_UNKNOWN, type PacketFields } from "./compile";
export type { Tri } from "./tri";
export { CollectorFields, currentLayerNumber } from "./packet-fields";

export interface DisplayFilter {
  readonly text: string;
  /** The syntax tree (null: the empty filter, which shows every packet). */
  readonly expr: Expr | null;
  /** Every field the filter reads: the dissection must collect these. */
  readonly fields: readonly FieldDef[];
  /** Whether a field is read with `#` layers (the collector must track layer numbers). */
  readonly layers: boolean;
  /** tshark's warnings for deprecated forms; the filter still works. */
  readonly warnings: readonly string[];
  matches(p: PacketFields): boolean;
  /** The same test in three-valued logic: 2 when a field it needs could not be read (FIELD_UNKNOWN). */
  tri(p: PacketFields): Tri;
}

export interface CompileOptions {
  /** Host names for `ip.addr == name`: the capture's own DNS answers. */
  names?: NameResolver | null;
  /**
   * For filters written for Wireshark (colouring rules): a field name the
   * registry lacks is a field that is never present, instead of an error.
   */
  unknownFieldsAbsent?: boolean;
}

export function compileFilter(text: string, options: CompileOptions = {}): DisplayFilter {
  const source = expandMacros(text, resolveFieldName);
  try {
    const { expr, warnings } = parseFilter(source, options.unknownFieldsAbsent ? resolveFieldOrPlaceholder : resolveFieldName);
    const ctx: CompileContext = { names: options.names ?? null, fields: new Set(), layers: false };
    const predicate = expr ? compileExpr(ctx, expr) : () => true;
    const tri: (p: PacketFields) => Tri = expr ? compileTri({ ...ctx, fields: new Set() }, expr) : () => 1;
    return { text, expr, fields: [...ctx.fields], layers: ctx.layers, warnings, matches: predicate, tri };
  } catch (e) {
    // Places in a macro's expansion are places in the expanded text.
    if (e instanceof FilterError && source !== text && e.loc) throw new FilterError(e.message, e.loc, source);
    throw e;
  }
}

/** The outcome of checking filter text as the user types it. */
export type FilterCheck = { ok: true; empty: boolean; warnings: readonly string[] } | { ok: false; error: FilterError };

export function checkFilter(text: string, options: CompileOptions = {}): FilterCheck {
  try {
    const f = compileFilter(text, options);
    return { ok: true, empty: f.expr === null, warnings: f.warnings };
  } catch (e) {
    if (e instanceof FilterError) return { ok: false, error: e };
    return { ok: false, error: new FilterError(e instanceof Error ? e.message : String(e)) };
  }
}
