/**
 * Field names as a filter may write them: the registry's abbreviations, and,
 * for filters written for Wireshark (colouring rules, imported colorfilters),
 * placeholders for the protocols pcapscope does not dissect: such a field is
 * never present, so `hsrp.state != 8` is simply false, as it is in
 * Wireshark on a capture without HSRP.
 */
import { fieldByAbbrev, type FieldDef } from "../dissect/field";
import "../dissect/registry";

export function resolveFieldName(name: string): FieldDef | undefined {
  return fieldByAbbrev(name);
}

const placeholders = new Map<string, FieldDef>();
const PLACEHOLDER = new WeakSet<FieldDef>();

/** A field no dissector of ours adds (id -1: no collector ever records it). */
export function placeholderField(name: string): FieldDef {
  let f = placeholders.get(name);
  if (!f) {
    f = { id: -1, abbrev: name, name, type: "none", base: "none" };
    placeholders.set(name, f);
    PLACEHOLDER.add(f);
  }
  return f;
}

export function isPlaceholder(f: FieldDef): boolean {
  return PLACEHOLDER.has(f);
}

/** Names that look like Wireshark field names: a protocol, then dotted parts. */
const FIELD_NAME = /^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)*$/i;

/** The registry's field, or a never-present placeholder for a well-formed name it lacks. */
export function resolveFieldOrPlaceholder(name: string): FieldDef | undefined {
  return fieldByAbbrev(name) ?? (FIELD_NAME.test(name) && !/^[0-9a-f]+$/i.test(name) ? placeholderField(name) : undefined);
}
