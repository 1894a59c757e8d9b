/**
 * The display filter's tokens, as Wireshark 4.0's scanner produces them
 * (epan/dfilter/scanner.l, read for its rules): keywords and operators,
 * quoted strings with C escapes (raw r"..." strings keep backslashes),
 * character constants, slices' range text between brackets, the layer
 * operator, and "unparsed" words (field names, numbers, addresses, byte
 * strings) whose meaning the semantic check decides.
 *
 * Like flex, the longest match wins and a keyword wins a tie with a word:
 * `eq` is an operator, `equal` a word; `10.0.0.0/8` is one word.
 */
import { FilterError, type Location } from "./errors";

export type TokenKind =
  | "LPAREN" | "RPAREN" | "COMMA" | "LBRACE" | "RBRACE" | "DOTDOT" | "DOLLAR" | "ANY" | "ALL"
  | "ANY_EQ" | "ALL_NE" | "ALL_EQ" | "ANY_NE" | "GT" | "GE" | "LT" | "LE" | "CONTAINS" | "MATCHES"
  | "NOT" | "AND" | "OR" | "IN"
  | "PLUS" | "MINUS" | "STAR" | "RSLASH" | "PERCENT" | "BITWISE_AND"
  | "HASH" | "INTEGER" | "LBRACKET" | "RANGE_NODE" | "RBRACKET"
  | "STRING" | "CHARCONST" | "UNPARSED" | "LITERAL" | "FIELD";

export interface Token {
  kind: TokenKind;
  /** The token's text as written (for messages), or its value for STRING (bytes) and CHARCONST. */
  text: string;
  loc: Location;
  /** STRING: the bytes the quoted text stands for. */
  bytes?: Uint8Array;
  /** CHARCONST: the character's value. */
  value?: number;
}

/** Words that are operators (they win over an identifier of the same length). */
const KEYWORDS: Record<string, TokenKind> = {
  any: "ANY", all: "ALL",
  eq: "ANY_EQ", any_eq: "ANY_EQ", ne: "ALL_NE", all_ne: "ALL_NE", all_eq: "ALL_EQ", any_ne: "ANY_NE",
  gt: "GT", ge: "GE", lt: "LT", le: "LE", contains: "CONTAINS", matches: "MATCHES",
  not: "NOT", and: "AND", or: "OR", in: "IN", bitwise_and: "BITWISE_AND",
};

/** Punctuation and symbolic operators, longest first. */
const SYMBOLS: [string, TokenKind][] = [
  ["===", "ALL_EQ"], ["!==", "ANY_NE"],
  ["==", "ANY_EQ"], ["!=", "ALL_NE"], ["~=", "ANY_NE"], [">=", "GE"], ["<=", "LE"], ["&&", "AND"], ["||", "OR"], ["..", "DOTDOT"],
  ["(", "LPAREN"], [")", "RPAREN"], [",", "COMMA"], ["{", "LBRACE"], ["}", "RBRACE"], ["$", "DOLLAR"],
  [">", "GT"], ["<", "LT"], ["~", "MATCHES"], ["!", "NOT"],
  ["+", "PLUS"], ["-", "MINUS"], ["*", "STAR"], ["/", "RSLASH"], ["%", "PERCENT"], ["&", "BITWISE_AND"],
];

const H2 = "[0-9A-Fa-f]{2}";
const H4 = "[0-9A-Fa-f]{4}";
const H16 = "[0-9A-Fa-f]{1,4}";
const DEC_OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])";
const IPV4 = `${DEC_OCTET}\\.${DEC_OCTET}\\.${DEC_OCTET}\\.${DEC_OCTET}`;
const LS32 = `(?:${H16}:${H16}|${IPV4})`;
// RFC 3986 §3.2.2 IPv6address, as the scanner spells it.
const IPV6 = [
  `(?:${H16}:){6}${LS32}`,
  `::(?:${H16}:){5}${LS32}`,
  `(?:${H16})?::(?:${H16}:){4}${LS32}`,
  `(?:(?:${H16}:){0,1}${H16})?::(?:${H16}:){3}${LS32}`,
  `(?:(?:${H16}:){0,2}${H16})?::(?:${H16}:){2}${LS32}`,
  `(?:(?:${H16}:){0,3}${H16})?::${H16}:${LS32}`,
  `(?:(?:${H16}:){0,4}${H16})?::${LS32}`,
  `(?:(?:${H16}:){0,5}${H16})?::${H16}`,
  `(?:(?:${H16}:){0,6}${H16})?::`,
].join("|");

/** The word-like patterns; each yields UNPARSED (a leading ':' a LITERAL, a leading '.' a FIELD). */
const WORDS: RegExp[] = [
  new RegExp(`${H2}:${H2}:${H2}:${H2}:${H2}:${H2}|${H2}-${H2}-${H2}-${H2}-${H2}-${H2}|${H2}\\.${H2}\\.${H2}\\.${H2}\\.${H2}\\.${H2}|${H4}\\.${H4}\\.${H4}`, "y"),
  new RegExp(`${IPV4}(?:\\/[0-9]{1,2})?`, "y"),
  new RegExp(`(?:${IPV6})(?:\\/[0-9]{1,3})?`, "y"),
  new RegExp(`:?(?:${H2}(?::${H2})+|${H2}(?:\\.${H2})+|${H2}(?:-${H2})+)`, "y"),
  /:[0-9A-Fa-f]+/y,
  /\.?[A-Za-z0-9_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*/y,
];
const IDENTIFIER = /[A-Za-z0-9_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*/y;

const ESCAPES: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, "\\": 92, "'": 39, '"': 34 };

const utf8 = new TextEncoder();

/** The tokens of `text`; deprecated spellings add a warning (tshark's, word for word). */
export function tokenize(text: string, warnings: string[] = []): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;
  const at = (start: number, end: number): Location => ({ start, length: end - start });
  const push = (kind: TokenKind, start: number, end: number, extra: Partial<Token> = {}): void => {
    tokens.push({ kind, text: text.slice(start, end), loc: at(start, end), ...extra });
  };
  while (i < n) {
    const c = text[i]!;
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
      continue;
    }
    if (c === '"' || ((c === "r" || c === "R") && text[i + 1] === '"')) {
      i = quotedString(text, i, tokens);
      continue;
    }
    if (c === "'") {
      i = charConst(text, i, tokens);
      continue;
    }
    if (c === "#") {
      push("HASH", i, i + 1);
      i++;
      // After '#': digits (a layer number) or '[' (a layer range).
      const m = /[0-9]+/y;
      m.lastIndex = i;
      const d = m.exec(text);
      if (d) {
        push("INTEGER", i, i + d[0].length);
        i += d[0].length;
      } else if (text[i] !== "[") {
        if (i >= n) throw new FilterError("Unexpected end of filter expression.");
        throw new FilterError(`Expected digit or "[", not "${text[i]}"`, at(i, i + 1));
      }
      continue;
    }
    if (c === "[") {
      i = rangeNodes(text, i, tokens);
      continue;
    }
    // Words: the longest match of the word patterns, unless a keyword takes it.
    let best = "";
    for (const re of WORDS) {
      re.lastIndex = i;
      const m = re.exec(text);
      if (m && m[0].length > best.length) best = m[0];
    }
    if (best) {
      IDENTIFIER.lastIndex = i;
      const id = IDENTIFIER.exec(text)?.[0];
      const kw = KEYWORDS[best];
      if (kw && id === best) push(kw, i, i + best.length);
      else if (best.startsWith(":")) push("LITERAL", i, i + best.length);
      else if (best.startsWith(".")) tokens.push({ kind: "FIELD", text: best.slice(1), loc: at(i, i + best.length) });
      else push("UNPARSED", i, i + best.length);
      i += best.length;
      continue;
    }
    const sym = SYMBOLS.find(([s]) => text.startsWith(s, i));
    if (sym) {
      if (sym[0] === "~=") warnings.push('The operator "~=" is deprecated, use "!==" instead.');
      push(sym[1], i, i + sym[0].length);
      i += sym[0].length;
      continue;
    }
    const code = c.charCodeAt(0);
    if (code < 0x20 || code > 0x7e) throw new FilterError("Non-printable ASCII characters may only appear inside double-quotes.", at(i, i + 1));
    throw new FilterError(`"${c}" was unexpected in this context.`, at(i, i + 1));
  }
  return tokens;
}

/** A "..." or r"..." string (scanner.l's DQUOTE state): C escapes, or none but \\ and \" when raw. */
function quotedString(text: string, start: number, tokens: Token[]): number {
  const raw = text[start] !== '"';
  let i = start + (raw ? 2 : 1);
  const out: number[] = [];
  const pushText = (s: string): void => {
    for (const b of utf8.encode(s)) out.push(b);
  };
  while (true) {
    if (i >= text.length) throw new FilterError("The final quote was missing from a quoted string.", { start: text.length, length: 0 });
    const c = text[i]!;
    if (c === '"') {
      i++;
      break;
    }
    if (c !== "\\") {
      let j = i;
      while (j < text.length && text[j] !== '"' && text[j] !== "\\") j++;
      pushText(text.slice(i, j));
      i = j;
      continue;
    }
    // An escape.
    const rest = text.slice(i);
    let m: RegExpMatchArray | null;
    if ((m = rest.match(/^\\([0-7]{1,3})/))) {
      if (raw) pushText(m[0]);
      else {
        const v = parseInt(m[1]!, 8);
        if (v > 0xff) throw new FilterError(`${m[0]} is larger than 255.`, { start: i, length: m[0].length });
        out.push(v);
      }
    } else if ((m = rest.match(/^\\x([0-9A-Fa-f]{1,2})/))) {
      if (raw) pushText(m[0]);
      else out.push(parseInt(m[1]!, 16));
    } else if ((m = rest.match(/^\\u([0-9A-Fa-f]{0,4})/)) || (m = rest.match(/^\\U([0-9A-Fa-f]{0,8})/))) {
      if (raw) pushText(m[0]);
      else {
        const want = m[0][1] === "u" ? 4 : 8;
        const v = parseInt(m[1]!, 16);
        if (m[1]!.length !== want || !(v <= 0x10ffff) || (v >= 0xd800 && v <= 0xdfff))
          throw new FilterError(`${m[0]} is not a valid universal character name`, { start: i, length: m[0].length });
        pushText(String.fromCodePoint(v));
      }
    } else if (rest.length >= 2) {
      m = [rest.slice(0, 2)] as RegExpMatchArray;
      if (raw) pushText(m[0]);
      else {
        const v = ESCAPES[rest[1]!];
        if (v === undefined) throw new FilterError(`\\${rest[1]} is not a valid character escape sequence`, { start: i, length: 2 });
        out.push(v);
      }
    } else {
      throw new FilterError("The final quote was missing from a quoted string.", { start, length: text.length - start });
    }
    i += m[0].length;
  }
  tokens.push({ kind: "STRING", text: text.slice(start, i), loc: { start, length: i - start }, bytes: Uint8Array.from(out) });
  return i;
}

/** A 'c' character constant (scanner.l's SQUOTE state and parse_charconst). */
function charConst(text: string, start: number, tokens: Token[]): number {
  let i = start + 1;
  while (i < text.length && text[i] !== "'") i += text[i] === "\\" ? 2 : 1;
  if (i >= text.length) throw new FilterError("The final quote was missing from a character constant.", { start, length: text.length - start });
  const s = text.slice(start, i + 1);
  const loc = { start, length: s.length };
  const body = s.slice(1, -1);
  if (body === "") throw new FilterError("Empty character constant.", loc);
  let value: number;
  let used: number;
  if (body[0] === "\\") {
    const e = body.slice(1);
    let m: RegExpMatchArray | null;
    if (e === "") throw new FilterError(`${s} isn't a valid character constant.`, loc);
    if ((m = e.match(/^x([0-9A-Fa-f]{1,2})/))) {
      value = parseInt(m[1]!, 16);
      used = 1 + m[0].length;
    } else if ((m = e.match(/^[0-7]{1,3}/))) {
      value = parseInt(m[0], 8);
      if (value > 0xff) throw new FilterError(`${s} is too large to be a valid character constant.`, loc);
      used = 1 + m[0].length;
    } else if (ESCAPES[e[0]!] !== undefined) {
      value = ESCAPES[e[0]!]!;
      used = 2;
    } else throw new FilterError(`${s} isn't a valid character constant.`, loc);
  } else {
    value = body.charCodeAt(0);
    if (value < 0x20 || value > 0x7e) throw new FilterError(`Non-printable value '0x${value.toString(16).padStart(2, "0")}' in character constant.`, loc);
    used = 1;
  }
  if (used !== body.length) throw new FilterError(`${s} is too long to be a valid character constant.`, loc);
  tokens.push({ kind: "CHARCONST", text: s, loc, value });
  return i + 1;
}

/** `[` range-node ( `,` range-node )* `]`: the nodes' text is parsed later (drange syntax). */
function rangeNodes(text: string, start: number, tokens: Token[]): number {
  tokens.push({ kind: "LBRACKET", text: "[", loc: { start, length: 1 } });
  let i = start + 1;
  while (true) {
    if (i >= text.length) throw new FilterError("The right bracket was missing from a slice.", { start: i, length: 0 });
    const c = text[i]!;
    if (c === "]") {
      tokens.push({ kind: "RBRACKET", text: "]", loc: { start: i, length: 1 } });
      return i + 1;
    }
    if (c === ",") {
      tokens.push({ kind: "COMMA", text: ",", loc: { start: i, length: 1 } });
      i++;
      continue;
    }
    let j = i;
    while (j < text.length && text[j] !== "]" && text[j] !== ",") j++;
    tokens.push({ kind: "RANGE_NODE", text: text.slice(i, j), loc: { start: i, length: j - i } });
    i = j;
  }
}
