/**
 * The display filter's syntax tree, as the parser builds it (before the
 * semantic check gives the literals their types). Node kinds follow
 * Wireshark 4.0's syntax tree: tests (logical and relational), arithmetic,
 * and the entities tests compare: fields, slices, function calls, strings,
 * character constants and literals (words that are not field names).
 */
import type { FieldDef } from "../dissect/field";
import type { Location } from "./errors";

/** One `[...]` range node (drange syntax: `i:j` offset and length, `i-j` start and end, `i`, `:j`, `i:`). */
export interface RangeNode {
  start: number;
  kind: "length" | "end" | "toEnd" | "single";
  /** kind length: the count; kind end: the inclusive end offset. */
  value: number;
  loc: Location;
}

export type RelOp = "ANY_EQ" | "ALL_NE" | "ALL_EQ" | "ANY_NE" | "GT" | "GE" | "LT" | "LE" | "CONTAINS" | "MATCHES" | "IN";
export type ArithOp = "ADD" | "SUBTRACT" | "MULTIPLY" | "DIVIDE" | "MODULO" | "BITWISE_AND" | "UNARY_MINUS";
/** `any` / `all` before a relation overrides its operator's own quantifier. */
export type Match = "default" | "any" | "all";

export type Entity =
  | { kind: "field"; field: FieldDef; layers: RangeNode[] | null; text: string; loc: Location }
  | { kind: "reference"; field: FieldDef; layers: RangeNode[] | null; text: string; loc: Location }
  | { kind: "literal"; text: string; loc: Location }
  | { kind: "string"; bytes: Uint8Array; text: string; loc: Location }
  | { kind: "charconst"; value: number; text: string; loc: Location }
  | { kind: "slice"; entity: Entity; ranges: RangeNode[]; text: string; loc: Location }
  | { kind: "function"; name: string; args: Arith[]; text: string; loc: Location };

export type Arith = Entity | { kind: "arith"; op: ArithOp; left: Arith; right: Arith | null; text: string; loc: Location };

/** One element of a set: a value, or a `low..high` range. */
export interface SetElement {
  low: Arith;
  high: Arith | null;
}

export type Test =
  | { kind: "and" | "or"; left: Expr; right: Expr; loc: Location }
  | { kind: "not"; arg: Expr; loc: Location }
  | { kind: "relation"; op: RelOp; left: Arith; right: Arith; match: Match; text: string; loc: Location }
  | { kind: "in"; left: Arith; set: SetElement[]; match: Match; text: string; loc: Location };

/** A whole filter, or a part of one: a test, or an entity/arithmetic tested for presence / non-zero. */
export type Expr = Test | Arith;

export function isTest(e: Expr): e is Test {
  return e.kind === "and" || e.kind === "or" || e.kind === "not" || e.kind === "relation" || e.kind === "in";
}
