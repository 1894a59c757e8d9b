/**
 * The display filter grammar of Wireshark 4.0 (epan/dfilter/grammar.lemon,
 * read for its rules), by recursive descent:
 *
 *   expr      := expr ("or"|"||") expr | expr ("and"|"&&") expr | ("not"|"!") expr
 *              | "(" expr ")" | relation | arith
 *   relation  := ["any"|"all"] ( arith cmp arith [cmp arith ...]
 *              | entity "contains" entity | entity ("matches"|"~") entity
 *              | entity ["not"] "in" "{" elem ("," elem)* "}" )
 *   arith     := arith ("&"|"+"|"-"|"*"|"/"|"%") arith | ["-"|"+"] entity | "{" arith "}"
 *   entity    := string | 'c' | literal | field ["#" layer] | entity "[" ranges "]"
 *              | name "(" [arith ("," arith)*] ")" | "${" field "}"
 *
 * Precedence, loosest first: or, and, not, comparisons, &, + -, * / %,
 * unary minus. 4.0 has no xor. `a < b <= c` means `a < b and b <= c`.
 * A word is a field when the registry knows it, else a literal whose type
 * the semantic check decides from the other side of the comparison.
 */
import { fieldByAbbrev, type FieldDef } from "../dissect/field";
import type { Arith, ArithOp, Entity, Expr, Match, RangeNode, RelOp, SetElement } from "./ast";
import { FilterError, type Location } from "./errors";
import { tokenize, type Token, type TokenKind } from "./lexer";

const CMP_OPS: Partial<Record<TokenKind, RelOp>> = { ANY_EQ: "ANY_EQ", ALL_NE: "ALL_NE", ALL_EQ: "ALL_EQ", ANY_NE: "ANY_NE", GT: "GT", GE: "GE", LT: "LT", LE: "LE" };

export interface ParseResult {
  /** null for an empty filter (every packet). */
  expr: Expr | null;
  warnings: string[];
}

/** Field names as the filter may spell them: the registry's, plus aliases (see `resolveField`). */
export type FieldResolver = (name: string) => FieldDef | undefined;

export function parseFilter(text: string, resolve: FieldResolver = fieldByAbbrev): ParseResult {
  const warnings: string[] = [];
  const p = new Parser(tokenize(text, warnings), resolve);
  const expr = p.sentence();
  return { expr, warnings };
}

const span = (a: Location, b: Location): Location => ({ start: a.start, length: b.start + b.length - a.start });

class Parser {
  private i = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly resolve: FieldResolver,
  ) {}

  private peek(k = 0): Token | undefined {
    return this.tokens[this.i + k];
  }
  private next(): Token {
    const t = this.tokens[this.i++];
    if (!t) throw new FilterError("Unexpected end of filter expression.");
    return t;
  }
  private unexpected(t: Token | undefined): never {
    if (!t) throw new FilterError("Unexpected end of filter expression.");
    throw new FilterError(`"${t.kind === "FIELD" ? "." + t.text : t.text}" was unexpected in this context.`, t.loc);
  }
  private expect(kind: TokenKind): Token {
    const t = this.peek();
    if (!t || t.kind !== kind) this.unexpected(t);
    this.i++;
    return t;
  }

  sentence(): Expr | null {
    if (this.tokens.length === 0) return null;
    const e = this.orExpr();
    if (this.i < this.tokens.length) this.unexpected(this.peek());
    return e;
  }

  private orExpr(): Expr {
    let left = this.andExpr();
    while (this.peek()?.kind === "OR") {
      this.i++;
      const right = this.andExpr();
      left = { kind: "or", left, right, loc: span(left.loc, right.loc) };
    }
    return left;
  }

  private andExpr(): Expr {
    let left = this.notExpr();
    while (this.peek()?.kind === "AND") {
      this.i++;
      const right = this.notExpr();
      left = { kind: "and", left, right, loc: span(left.loc, right.loc) };
    }
    return left;
  }

  private notExpr(): Expr {
    const t = this.peek();
    if (t?.kind === "NOT") {
      this.i++;
      const arg = this.notExpr();
      return { kind: "not", arg, loc: span(t.loc, arg.loc) };
    }
    if (t?.kind === "LPAREN") {
      this.i++;
      const e = this.orExpr();
      this.expect("RPAREN");
      return e;
    }
    return this.relation();
  }

  private relation(): Expr {
    let match: Match = "default";
    const t = this.peek();
    if (t?.kind === "ANY" || t?.kind === "ALL") {
      match = t.kind === "ANY" ? "any" : "all";
      this.i++;
    }
    const start = this.i;
    const left = this.arith();
    const op = this.peek();
    if (op && CMP_OPS[op.kind]) return this.comparison(left, match);
    if (op && (op.kind === "CONTAINS" || op.kind === "MATCHES" || op.kind === "IN" || op.kind === "NOT")) {
      // These take a single entity on the left, not arithmetic.
      if (left.kind === "arith") this.unexpected(op);
      if (op.kind === "NOT") {
        this.i++;
        const inTok = this.peek();
        if (inTok?.kind !== "IN") this.unexpected(inTok);
        this.i++;
        const set = this.set();
        const inner = { kind: "in" as const, left, set: set.elements, match, text: inTok.text, loc: inTok.loc };
        return { kind: "not", arg: inner, loc: op.loc };
      }
      this.i++;
      if (op.kind === "IN") {
        const set = this.set();
        return { kind: "in", left, set: set.elements, match, text: op.text, loc: op.loc };
      }
      const right = this.entity();
      return { kind: "relation", op: op.kind === "CONTAINS" ? "CONTAINS" : "MATCHES", left, right, match, text: op.text, loc: op.loc };
    }
    if (match !== "default") this.unexpected(op);
    void start;
    return left;
  }

  /** `a op b [op c ...]`: each comparison shares its operands with its neighbours, joined by "and". */
  private comparison(first: Arith, match: Match): Expr {
    const opTok = this.next();
    const right = this.arith();
    const test: Expr = { kind: "relation", op: CMP_OPS[opTok.kind]!, left: first, right, match, text: opTok.text, loc: opTok.loc };
    const more = this.peek();
    if (more && CMP_OPS[more.kind]) {
      const rest = this.comparison(right, "default");
      return { kind: "and", left: test, right: rest, loc: span(test.loc, rest.loc) };
    }
    return test;
  }

  private set(): { elements: SetElement[] } {
    this.expect("LBRACE");
    const elements: SetElement[] = [];
    for (;;) {
      const low = this.setEntity();
      let high: Arith | null = null;
      if (this.peek()?.kind === "DOTDOT") {
        this.i++;
        high = this.setEntity();
      }
      elements.push({ low, high });
      const t = this.peek();
      if (t?.kind === "COMMA") {
        this.i++;
        continue;
      }
      if (t?.kind === "RBRACE") {
        this.i++;
        return { elements };
      }
      this.unexpected(t);
    }
  }

  private setEntity(): Arith {
    const t = this.peek();
    if (t?.kind === "MINUS") {
      this.i++;
      const e = this.entity();
      return { kind: "arith", op: "UNARY_MINUS", left: e, right: null, text: "-", loc: span(t.loc, e.loc) };
    }
    if (t?.kind === "PLUS") this.i++;
    return this.entity();
  }

  // Arithmetic, by precedence climbing: & < + - < * / % < unary.
  private arith(): Arith {
    return this.binary(0);
  }

  private static readonly LEVELS: Partial<Record<TokenKind, [number, ArithOp]>> = {
    BITWISE_AND: [0, "BITWISE_AND"],
    PLUS: [1, "ADD"],
    MINUS: [1, "SUBTRACT"],
    STAR: [2, "MULTIPLY"],
    RSLASH: [2, "DIVIDE"],
    PERCENT: [2, "MODULO"],
  };

  private binary(min: number): Arith {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      const lvl = t && Parser.LEVELS[t.kind];
      if (!lvl || lvl[0] < min) return left;
      this.i++;
      const right = this.binary(lvl[0] + 1);
      left = { kind: "arith", op: lvl[1], left, right, text: t.text, loc: span(left.loc, right.loc) };
    }
  }

  private unary(): Arith {
    const t = this.peek();
    if (t?.kind === "MINUS") {
      this.i++;
      const e = this.entity();
      return { kind: "arith", op: "UNARY_MINUS", left: e, right: null, text: t.text, loc: span(t.loc, e.loc) };
    }
    if (t?.kind === "PLUS") {
      this.i++;
      return this.entity();
    }
    if (t?.kind === "LBRACE") {
      this.i++;
      const e = this.arith();
      this.expect("RBRACE");
      return e;
    }
    return this.entity();
  }

  private entity(): Entity {
    let e = this.atom();
    while (this.peek()?.kind === "LBRACKET") {
      const ranges = this.ranges();
      const close = this.tokens[this.i - 1]!;
      e = { kind: "slice", entity: e, ranges, text: e.text, loc: span(e.loc, close.loc) };
    }
    return e;
  }

  private atom(): Entity {
    const t = this.next();
    switch (t.kind) {
      case "STRING":
        return { kind: "string", bytes: t.bytes!, text: t.text, loc: t.loc };
      case "CHARCONST":
        return { kind: "charconst", value: t.value!, text: t.text, loc: t.loc };
      case "LITERAL":
        return { kind: "literal", text: t.text, loc: t.loc };
      case "FIELD": {
        const field = this.resolve(t.text);
        if (!field) throw new FilterError(`"${t.text}" is not a valid protocol or protocol field.`, t.loc);
        return { kind: "field", field, layers: this.layer(), text: t.text, loc: t.loc };
      }
      case "DOLLAR": {
        this.expect("LBRACE");
        const name = this.next();
        if (name.kind !== "UNPARSED" && name.kind !== "FIELD") this.unexpected(name);
        const field = this.resolve(name.text);
        if (!field) throw new FilterError(`${name.text} is not a valid field`, name.loc);
        const layers = this.layer();
        const close = this.expect("RBRACE");
        return { kind: "reference", field, layers, text: name.text, loc: span(t.loc, close.loc) };
      }
      case "UNPARSED": {
        const nxt = this.peek();
        if (nxt?.kind === "LPAREN") return this.call(t);
        const field = this.resolve(t.text);
        if (nxt?.kind === "HASH") {
          if (!field) throw new FilterError(`${t.text} is not a valid field`, t.loc);
          return { kind: "field", field, layers: this.layer(), text: t.text, loc: t.loc };
        }
        if (field) return { kind: "field", field, layers: null, text: t.text, loc: t.loc };
        return { kind: "literal", text: t.text, loc: t.loc };
      }
      default:
        this.i--;
        return this.unexpected(t);
    }
  }

  private call(name: Token): Entity {
    if (!FUNCTIONS.has(name.text)) throw new FilterError(`Function '${name.text}' does not exist`, name.loc);
    this.expect("LPAREN");
    const args: Arith[] = [];
    if (this.peek()?.kind !== "RPAREN") {
      for (;;) {
        args.push(this.arith());
        if (this.peek()?.kind === "COMMA") {
          this.i++;
          continue;
        }
        break;
      }
    }
    this.expect("RPAREN");
    // Errors about a call point at its name, as tshark's do.
    return { kind: "function", name: name.text, args, text: name.text, loc: name.loc };
  }

  /** `#N` or `#[ranges]` after a field: which layers' occurrences count. */
  private layer(): RangeNode[] | null {
    if (this.peek()?.kind !== "HASH") return null;
    this.i++;
    const t = this.peek();
    if (t?.kind === "INTEGER") {
      this.i++;
      return [rangeNode(t.text, t.loc)];
    }
    return this.ranges();
  }

  private ranges(): RangeNode[] {
    this.expect("LBRACKET");
    const nodes: RangeNode[] = [];
    for (;;) {
      const t = this.next();
      if (t.kind !== "RANGE_NODE") this.unexpected(t);
      nodes.push(rangeNode(t.text, t.loc));
      const sep = this.next();
      if (sep.kind === "RBRACKET") return nodes;
      if (sep.kind !== "COMMA") this.unexpected(sep);
    }
  }
}

/** The functions of 4.0 (dfunctions.c). */
export const FUNCTIONS = new Set(["lower", "upper", "len", "count", "string", "max", "min", "abs"]);

/** strtol(s, &end, 0): sign, then 0x hex, 0 octal or decimal. Returns the value and what follows. */
function strtol(s: string): { value: number; rest: string } | null {
  const m = s.match(/^\s*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/);
  if (!m) return null;
  const digits = m[2]!;
  const v = /^0[xX]/.test(digits) ? parseInt(digits.slice(2), 16) : digits.length > 1 && digits[0] === "0" ? parseInt(digits, 8) : parseInt(digits, 10);
  return { value: m[1] === "-" ? -v : v, rest: s.slice(m[0].length) };
}

/** drange_node_from_str: `i:j` (offset, length), `i-j` (offset, inclusive end), `i`, `:j`, `i:`. */
export function rangeNode(text: string, loc: Location): RangeNode {
  const fail = (msg: string): never => {
    throw new FilterError(msg, loc);
  };
  const num = (s: string): { value: number; rest: string } => {
    const r = strtol(s);
    if (!r) return fail(`"${s}" is not a valid number.`);
    if (r.value > 0x7fffffff || r.value < -0x80000000) fail(`"${s}" causes an integer overflow.`);
    return r;
  };
  let s = text;
  let start = 0;
  if (!s.startsWith(":")) {
    const r = num(s);
    start = r.value;
    s = r.rest;
  }
  s = s.trimStart();
  let node: RangeNode;
  if (s.startsWith("-")) {
    const r = num(s.slice(1));
    s = r.rest;
    node = { start, kind: "end", value: r.value, loc };
  } else if (s.startsWith(":")) {
    if (s.length === 1) {
      node = { start, kind: "toEnd", value: 0, loc };
      s = "";
    } else {
      const r = num(s.slice(1));
      s = r.rest;
      node = { start, kind: "length", value: r.value, loc };
    }
  } else if (s === "") {
    node = { start, kind: "single", value: 1, loc };
  } else return fail(`"${text}" is not a valid range.`);
  if (s.trim() !== "") fail(`"${text}" is not a valid range.`);
  if (node.kind === "length" && node.value <= 0) fail(`Range ${text} isn't valid because length ${node.value} isn't positive`);
  if (node.kind === "end") {
    if ((start < 0 && node.value > 0) || (start > 0 && node.value < 0)) fail(`Range ${text} isn't valid because ${start} and ${node.value} have different signs`);
    if (node.value <= start) fail(`Range ${text} isn't valid because ${start} is greater or equal than ${node.value}`);
  }
  return node;
}
