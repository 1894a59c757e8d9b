/**
 * Operations on filter values that need no compiling context: slices, the
 * functions' per-value work, integer arithmetic with Wireshark's widths and
 * overflow rules, the relational tests, and regular expressions with PCRE2's
 * messages.
 */
import type { FieldDef } from "../dissect/field";
import type { Entity, RangeNode } from "./ast";
import { FilterError } from "./errors";
import { bytesOf, compare, contains, intValue, kindOf, matchText, type Kind, type Value } from "./values";

/** slice_func over every value: each range node's bytes, concatenated; a node out of range ends the slice there. */
export function sliceBytes(b: Uint8Array, ranges: readonly RangeNode[]): Uint8Array {
  const n = b.length;
  const parts: Uint8Array[] = [];
  for (const r of ranges) {
    let start = r.start;
    if (start < 0) {
      start += n;
      if (start < 0) break;
    }
    let len: number;
    if (r.kind === "toEnd") {
      len = n - start;
      if (len <= 0) break;
    } else if (r.kind === "length" || r.kind === "single") {
      len = r.value;
      if (start + len > n) break;
    } else {
      let end = r.value;
      if (end < 0) {
        end += n;
        if (end < start) break;
      } else if (end >= n) break;
      len = end - start + 1;
    }
    parts.push(b.subarray(start, start + len));
  }
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function asciiCase(s: string, up: boolean): string {
  return s.replace(up ? /[a-z]+/g : /[A-Z]+/g, (m) => (up ? m.toUpperCase() : m.toLowerCase()));
}

/** fvalue_to_string_repr(FTREPR_DFILTER): the text a filter would use for the value. */
export function filterRepr(f: FieldDef, v: Value): string {
  const k = kindOf(f);
  if (k === "ipv4" && typeof v === "number") return `${v >>> 24}.${(v >>> 16) & 0xff}.${(v >>> 8) & 0xff}.${v & 0xff}`;
  if (k === "ipv6" || k === "ether" || k === "oid" || k === "bytes") {
    const b = bytesOf(k, v);
    if (k === "ipv6") {
      const g: string[] = [];
      for (let i = 0; i < 16; i += 2) g.push(((b[i]! << 8) | b[i + 1]!).toString(16));
      return g.join(":").replace(/\b(?:0:){2,}0?\b|(?:^|:)(?:0:)+0(?:$)/, "::");
    }
    return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join(":");
  }
  return String(v);
}

export function isNegative(v: Value): boolean {
  return (typeof v === "number" || typeof v === "bigint") && v < 0;
}

export function negate(k: Kind, v: Value): Value {
  if (typeof v === "bigint") return intValue(-v);
  if (typeof v === "number") return k === "uint" ? v : -v;
  return v;
}

/** 64-bit integer types compute in 64 bits, the others in 32 (ftype-integer.c's uint/sint vs uint64/sint64). */
const WIDE = new Set(["uint64", "int64"]);

/**
 * Integer arithmetic as Wireshark does it: in 32 bits (64 for 64-bit
 * fields); a result that overflows is dropped (the operation fails), and an
 * unsigned subtraction going below zero or an unsigned negation gives a
 * signed 32-bit result.
 */
export function integerResult(k: Kind, f: FieldDef | null, r: bigint, signedOk: boolean): Value | null {
  const wide = f !== null && WIDE.has(f.type);
  if (k === "uint" && !(signedOk && r < 0n)) return r >= 0n && r <= (wide ? 0xffffffffffffffffn : 0xffffffffn) ? intValue(r) : null;
  const lim = wide ? 1n << 63n : 1n << 31n;
  return r >= -lim && r < lim ? intValue(r) : null;
}

export function unaryMinus(k: Kind, f: FieldDef | null, v: Value): Value | null {
  if (k === "double") return -(v as number);
  const x = BigInt(v as number | bigint);
  if (k === "uint" && x > 0x7fffffffn && !(f && WIDE.has(f.type))) return null;
  return integerResult(k, f, -x, true);
}

export function binary(op: string, k: Kind, f: FieldDef | null, x: Value, y: Value): Value | null {
  if (k === "double") {
    const a = x as number;
    const b = y as number;
    return op === "ADD" ? a + b : op === "SUBTRACT" ? a - b : op === "MULTIPLY" ? a * b : op === "DIVIDE" ? (b === 0 ? null : a / b) : null;
  }
  if (k === "reltime") {
    const a = x as bigint;
    const b = y as bigint;
    return op === "ADD" ? a + b : op === "SUBTRACT" ? a - b : null;
  }
  if (op === "BITWISE_AND" && (x instanceof Uint8Array || (typeof x === "object" && x !== null))) {
    const a = bytesOf(k, x);
    const b = bytesOf(k, y);
    const out = new Uint8Array(Math.min(a.length, b.length));
    for (let i = 0; i < out.length; i++) out[i] = a[i]! & b[i]!;
    if (k === "ipv4") return ((out[0]! << 24) | (out[1]! << 16) | (out[2]! << 8) | out[3]!) >>> 0;
    return out;
  }
  const a = BigInt(x as number | bigint);
  const b = BigInt(y as number | bigint);
  switch (op) {
    case "ADD":
      return integerResult(k, f, a + b, false);
    case "SUBTRACT":
      if (k === "uint" && b > a && (a > 0x7fffffffn || b > 0x7fffffffn) && !(f && WIDE.has(f.type))) return null;
      return integerResult(k, f, a - b, true);
    case "MULTIPLY":
      return integerResult(k, f, a * b, false);
    case "DIVIDE":
      return b === 0n ? null : integerResult(k, f, a / b, false);
    case "MODULO":
      return b === 0n ? null : integerResult(k, f, a % b, false);
    default:
      return intValue(a & b);
  }
}

/** Case-insensitive unless the pattern asks otherwise with a leading (?-i), as PCRE2 with CASELESS. */
export function compileRegex(node: Extract<Entity, { kind: "string" }>): RegExp {
  let source = matchText("bytes", node.bytes);
  let flags = "i";
  const lead = source.match(/^\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?\)/);
  if (lead) {
    for (const c of lead[1] ?? "") if (c === "s" && !flags.includes("s")) flags += "s";
    if ((lead[2] ?? "").includes("i")) flags = flags.replace("i", "");
    if ((lead[1] ?? "").includes("m")) flags += "m";
    source = source.slice(lead[0].length);
  }
  try {
    return new RegExp(source, flags);
  } catch (e) {
    const why = (e as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, "");
    throw new FilterError(`Regex compilation error: ${PCRE_MESSAGES[why] ?? why}.`);
  }
}

/** PCRE2's words for the errors JavaScript's RegExp reports differently (tshark prints PCRE2's). */
const PCRE_MESSAGES: Record<string, string> = {
  "Unterminated group": "missing closing parenthesis",
  "Unmatched ')'": "unmatched closing parenthesis",
  "Nothing to repeat": "quantifier does not follow a repeatable item",
  "Unterminated character class": "missing terminating ] for character class",
  "\\ at end of pattern": "\\ at end of pattern",
  "numbers out of order in {} quantifier": "numbers out of order in {} quantifier",
  "Range out of order in character class": "range out of order in character class",
  "Invalid group": "unrecognized character after (? or (?-",
};

export type Pred = "eq" | "ne" | "gt" | "ge" | "lt" | "le" | "contains" | "matches";

export function test(pred: Pred, kind: Kind, a: Value, b: Value): boolean {
  switch (pred) {
    case "eq":
      return compare(kind, a, b) === 0;
    case "ne":
      return compare(kind, a, b) !== 0;
    case "gt":
      return compare(kind, a, b) > 0;
    case "ge":
      return compare(kind, a, b) >= 0;
    case "lt":
      return compare(kind, a, b) < 0;
    case "le":
      return compare(kind, a, b) <= 0;
    default:
      return contains(kind, a, b);
  }
}

/** Kinds whose values are plain numbers (IPv4: unless a network) where ordering is the numbers' own. */
const PLAIN_NUMBERS: ReadonlySet<Kind> = new Set<Kind>(["uint", "int", "reltime", "abstime", "ipv4"]);

/**
 * `test` for one predicate and kind, decided once at compile time: a filter
 * runs it per value per packet, over millions of rows from the packet index.
 * Two plain numbers compare directly; anything else goes through `compare`.
 */
export function tester(pred: Pred, kind: Kind): (a: Value, b: Value) => boolean {
  if (kind === "bool" && (pred === "eq" || pred === "ne")) {
    const want = pred === "eq";
    return (a, b) => (typeof a === "number" && typeof b === "number" ? ((a !== 0) === (b !== 0)) === want : test(pred, kind, a, b));
  }
  if (!PLAIN_NUMBERS.has(kind) || pred === "contains" || pred === "matches") return (a, b) => test(pred, kind, a, b);
  const order = (a: Value, b: Value): number => compare(kind, a, b);
  switch (pred) {
    case "eq":
      return (a, b) => (typeof a === "number" && typeof b === "number" ? a === b : order(a, b) === 0);
    case "ne":
      return (a, b) => (typeof a === "number" && typeof b === "number" ? a !== b : order(a, b) !== 0);
    case "gt":
      return (a, b) => (typeof a === "number" && typeof b === "number" ? a > b : order(a, b) > 0);
    case "ge":
      return (a, b) => (typeof a === "number" && typeof b === "number" ? a >= b : order(a, b) >= 0);
    case "lt":
      return (a, b) => (typeof a === "number" && typeof b === "number" ? a < b : order(a, b) < 0);
    case "le":
      return (a, b) => (typeof a === "number" && typeof b === "number" ? a <= b : order(a, b) <= 0);
  }
}

export function isZero(k: Kind, v: Value): boolean {
  if (v instanceof Uint8Array) return v.every((b) => b === 0);
  if (typeof v === "number") return v === 0;
  if (typeof v === "bigint") return v === 0n;
  if (typeof v === "string") return v.length === 0;
  return k === "ipv4" ? (v as { addr: number }).addr === 0 : false;
}
