/**
 * Wireshark's "match selected" (proto_construct_match_selected_string): the
 * display filter that selects a details-tree item, as "Apply as Filter" and
 * "Prepare as Filter" put it in the bar, and the way those menus combine it
 * with the filter already there.
 *
 * The right-hand side is what Wireshark 4.0's fvalue_to_string_repr writes
 * for display filters: integers in the field's base (hex padded to the
 * field's width), booleans as 1/0, addresses in their usual text, byte
 * strings as colon-separated hex, strings quoted with C escapes. Protocols,
 * FT_NONE items and items without a value match by name alone (a presence
 * test). Every filter written here compiles in this engine and in tshark.
 */
import type { FieldDef, FieldValue } from "../dissect/field";
import { bytesToHex, etherToString, formatFieldValue, formatUtcDate, ipv4ToString, ipv6ToString } from "../dissect/format";

/** The names of items that are text, not fields: Wireshark offers no filter for them. */
const TEXT_ONLY = /^_ws\.text\b/;

const C_ESCAPES: Record<string, string> = {
  "\x07": "\\a",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\v": "\\v",
  '"': '\\"',
  "\\": "\\\\",
};

/**
 * A double-quoted filter string for `s`: quotes and backslashes escaped,
 * control characters as C escapes (\xNN where C has no letter). Other
 * characters stay as they are; the filter text is read as UTF-8, as the
 * field's value was.
 */
export function quoteFilterString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const esc = C_ESCAPES[ch];
    if (esc !== undefined) out += esc;
    else {
      const code = ch.codePointAt(0)!;
      out += code < 0x20 || code === 0x7f ? `\\x${code.toString(16).padStart(2, "0")}` : ch;
    }
  }
  return out + '"';
}

/** The right-hand side Wireshark writes for a value of `field` (null: the field has no value to compare). */
export function filterValueText(field: FieldDef, value: FieldValue): string | null {
  if (value === null || field.type === "none" || field.type === "protocol") return null;
  switch (field.type) {
    case "boolean":
      return value === true || (typeof value === "number" && value !== 0) || (typeof value === "bigint" && value !== 0n) ? "1" : "0";
    case "ipv4":
      return typeof value === "number" ? ipv4ToString(value) : null;
    case "ipv6":
      return value instanceof Uint8Array && value.length === 16 ? ipv6ToString(value) : null;
    case "ether":
      return value instanceof Uint8Array && value.length > 0 ? etherToString(value) : null;
    case "bytes":
      // An empty byte string has no literal; the item still matches by name.
      return value instanceof Uint8Array ? (value.length > 0 ? bytesToHex(value, ":") : null) : null;
    case "string":
      return typeof value === "string" ? quoteFilterString(value) : value instanceof Uint8Array ? bytesToHex(value, ":") || null : null;
    case "oid":
      return typeof value === "string" && /^\d+(\.\d+)+$/.test(value) ? value : null;
    case "abstime":
      // Wireshark writes local time; pcapscope shows UTC throughout, and says so.
      return Array.isArray(value) ? quoteFilterString(`${formatUtcDate(value[0]!, value[1]!)} UTC`) : null;
    case "double":
    case "float":
      return typeof value === "number" && Number.isFinite(value) ? String(value) : null;
    case "uint8":
    case "uint16":
    case "uint24":
    case "uint32":
    case "uint64":
    case "int8":
    case "int16":
    case "int32":
    case "int64": {
      if (typeof value !== "number" && typeof value !== "bigint") return null;
      // Hex bases in hex padded to the field's width, everything else (octal too) in decimal, as Wireshark writes them;
      // negative numbers read back only in decimal.
      const hex = (field.base === "hex" || field.base === "hex_dec") && value >= 0;
      return hex ? formatFieldValue(field, value) : String(value);
    }
    default:
      return formatFieldValue(field, value) || null;
  }
}

/**
 * The filter "Apply as Filter ▸ Selected" writes for an item: `ip.src ==
 * 10.0.0.1`, `tcp.flags.syn == 1`, `ftp.request.command == "USER"`, `tcp`
 * for a protocol, the bare name for an item without a value; null for a
 * text-only item, which has no field to filter on.
 */
export function matchSelectedFilter(field: FieldDef, value: FieldValue): string | null {
  if (field.abbrev === "" || TEXT_ONLY.test(field.abbrev)) return null;
  // An expert item's value is its message: the filter names that message.
  if (field.abbrev === "_ws.expert" && typeof value === "string") return `_ws.expert.message == ${quoteFilterString(value)}`;
  const rhs = filterValueText(field, value);
  return rhs === null ? field.abbrev : `${field.abbrev} == ${rhs}`;
}

/** The six entries of Wireshark's "Apply as Filter" and "Prepare as Filter" submenus. */
export type FilterCombination = "selected" | "notSelected" | "andSelected" | "orSelected" | "andNotSelected" | "orNotSelected";

export const FILTER_COMBINATIONS: readonly { id: FilterCombination; label: string }[] = [
  { id: "selected", label: "Selected" },
  { id: "notSelected", label: "Not Selected" },
  { id: "andSelected", label: "…and Selected" },
  { id: "orSelected", label: "…or Selected" },
  { id: "andNotSelected", label: "…and not Selected" },
  { id: "orNotSelected", label: "…or not Selected" },
];

/**
 * The bar's new text for a combination of `filter` with what the bar holds
 * (`current`): "(current) && filter" and so on; with an empty bar the
 * "and"/"or" forms are the filter alone (negated for the "not" forms).
 */
export function combineFilter(current: string, filter: string, how: FilterCombination): string {
  const cur = current.trim();
  const not = `!(${filter})`;
  switch (how) {
    case "selected":
      return filter;
    case "notSelected":
      return not;
    case "andSelected":
      return cur ? `(${cur}) && ${filter}` : filter;
    case "orSelected":
      return cur ? `(${cur}) || ${filter}` : filter;
    case "andNotSelected":
      return cur ? `(${cur}) && ${not}` : not;
    case "orNotSelected":
      return cur ? `(${cur}) || ${not}` : not;
  }
}
