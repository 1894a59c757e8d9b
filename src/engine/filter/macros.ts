/**
 * Display filter macros, expanded in the text before it is read (as
 * Wireshark's dfilter-macro does): `${name}` or `${name:arg1;arg2}` becomes
 * the macro's body with `$1`, `$2`… replaced by the arguments. A `${field}`
 * naming a field (not a protocol) is a field reference and stays as it is.
 *
 * The macros are the ones Wireshark 4.0 ships (its global dfilter_macros
 * file); tshark without a profile of its own knows exactly these.
 */
import type { FieldDef } from "../dissect/field";
import { FilterError } from "./errors";

/** Name → body, from Wireshark 4.0's global dfilter_macros. */
export const SHIPPED_MACROS: Readonly<Record<string, string>> = {
  private_ipv4: "$1 == 192.168.0.0/16 or $1 == 172.16.0.0/12 or $1 == 10.0.0.0/8",
  private_ethernet: "$1[0] & 0x0F == 2",
  private_ipv6: "ipv6 && $1 == fc00::/7",
};

/** Macro expansion nests at most this deep (tshark's limit). */
const MAX_DEPTH = 31;

/** The body split at its `$N` references: parts[0] arg[0] parts[1] arg[1] … */
interface Macro {
  parts: string[];
  argIndex: number[];
  argc: number;
}

function parseBody(body: string): Macro {
  const parts: string[] = [];
  const argIndex: number[] = [];
  let argc = 0;
  let part = "";
  for (let i = 0; i < body.length; ) {
    const c = body[i]!;
    if (c === "\\") {
      // A backslash keeps itself and the next character.
      part += body.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c === "$" && /[0-9]/.test(body[i + 1] ?? "")) {
      let j = i + 1;
      while (j < body.length && /[0-9]/.test(body[j]!)) j++;
      const n = Number(body.slice(i + 1, j));
      argc = Math.max(argc, n);
      parts.push(part);
      argIndex.push(n - 1);
      part = "";
      i = j;
      continue;
    }
    part += c;
    i++;
  }
  parts.push(part);
  return { parts, argIndex, argc };
}

const macros = new Map(Object.entries(SHIPPED_MACROS).map(([name, body]) => [name, parseBody(body)]));

function resolve(name: string, args: string[]): string {
  const m = macros.get(name);
  if (!m) throw new FilterError(`macro '${name}' does not exist`);
  if (args.length !== m.argc) throw new FilterError(`wrong number of arguments for macro '${name}', expecting ${m.argc} instead of ${args.length}`);
  let out = m.parts[0]!;
  for (let k = 0; k < m.argIndex.length; k++) out += args[m.argIndex[k]!]! + m.parts[k + 1]!;
  return out;
}

/**
 * Whether `${` at `start` opens a field reference: the name up to the first
 * `#` anywhere after it (else the first `}`) is a field that is not a protocol.
 */
function isFieldReference(text: string, start: number, field: (name: string) => FieldDef | undefined): boolean {
  let end = text.indexOf("#", start);
  if (end < 0) end = text.indexOf("}", start);
  if (end < 0) return false;
  const f = field(text.slice(start, end));
  return f !== undefined && f.type !== "protocol" && f.type !== "none";
}

const NAME_CHAR = /[A-Za-z0-9_.-]/;
const UNFINISHED = "end of filter in the middle of a macro expression";

/** `text` with its macros expanded (the same string when it has none). Throws tshark's message. */
export function expandMacros(text: string, field: (name: string) => FieldDef | undefined, depth = 0): string {
  if (depth > MAX_DEPTH) throw new FilterError("too much nesting in macros");
  if (!text.includes("$")) return text;
  let out = "";
  let changed = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c !== "$" || text[i + 1] !== "{" || isFieldReference(text, i + 2, field)) {
      // "${" of a field reference is copied as it is, and so is a lone "$".
      out += c === "$" && text[i + 1] === "{" ? "${" : c;
      i += c === "$" && text[i + 1] === "{" ? 2 : 1;
      continue;
    }
    i += 2;
    let name = "";
    for (;;) {
      const n = text[i];
      if (n === undefined) throw new FilterError(UNFINISHED);
      if (n === ":" || n === "}") break;
      if (!NAME_CHAR.test(n)) throw new FilterError("invalid character in macro name");
      name += n;
      i++;
    }
    const args: string[] = [];
    if (text[i] === ":") {
      i++;
      let arg = "";
      for (;;) {
        const a = text[i];
        if (a === undefined) throw new FilterError(UNFINISHED);
        if (a === "}") break;
        if (a === ";") {
          args.push(arg);
          arg = "";
        } else if (a === "\\") {
          i++;
          if (text[i] === undefined) throw new FilterError(UNFINISHED);
          arg += text[i];
        } else arg += a;
        i++;
      }
      args.push(arg);
    }
    i++; // the closing brace
    out += resolve(name, args);
    changed = true;
  }
  return changed ? expandMacros(out, field, depth + 1) : out;
}
