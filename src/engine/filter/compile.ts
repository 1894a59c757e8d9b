/**
 * The semantic check and the compiler of a display filter, in one walk over
 * the syntax tree (Wireshark 4.0's semcheck.c and gencode.c/dfvm.c, read for
 * their rules): every literal gets the type of what it is compared with, the
 * errors are tshark's words at tshark's places, and the result is a tree of
 * closures over a packet's field values.
 *
 * Runtime semantics, as dfvm.c has them:
 * - A field names every occurrence in the packet (all layers, or those `#`
 *   selects). A test on an absent field is false: `!=` never makes one true.
 * - `==` holds when any pair of values is equal, `!=` when every pair
 *   differs (so `ip.addr != X` is not `!(ip.addr == X)`), `===` when every
 *   pair is equal, `!==` when any differs; the other tests are "any" unless
 *   prefixed with `all`.
 * - Slices and arithmetic act on every value; a function gets all values of
 *   its argument and a missing argument makes the test false.
 */
import type { FieldDef } from "../dissect/field";
import type { Arith, Entity, Expr, RangeNode, RelOp, SetElement } from "./ast";
import { isTest } from "./ast";
import { FilterError } from "./errors";
import { isPlaceholder } from "./names";
import { asciiCase, binary, compileRegex, filterRepr, isNegative, isZero, negate, sliceBytes, tester, unaryMinus, type Pred } from "./operations";
import {
  bytesOf,
  CAN,
  compare,
  compatible,
  fromCharconst,
  fromLiteral,
  fromString,
  fromValueName,
  isBytesKind,
  kindOf,
  lengthOf,
  matchText,
  prettyName,
  type Kind,
  type NameResolver,
  type Value,
} from "./values";

/** A packet's field values as the filter reads them. */
export interface PacketFields {
  /** Every occurrence of `f` (only in the layers `layers` selects, when given), or null when there is none. */
  read(f: FieldDef, layers: readonly RangeNode[] | null): Value[] | null;
  /** Whether `f` occurs (the bare `tcp`, `ftp.request`); `read` answers it when absent. */
  exists?(f: FieldDef, layers: readonly RangeNode[] | null): boolean;
}

/**
 * Thrown by a PacketFields that cannot tell (the packet index, for a field it
 * does not hold): `compileTri` turns it into "unknown".
 */
export const FIELD_UNKNOWN = new Error("field value unknown here");

export type Producer = (p: PacketFields) => Value[] | null;
export type Predicate = (p: PacketFields) => boolean;

interface Typed {
  kind: Kind;
  /** The field, when the entity is one (its size for len(), its names for literals). */
  field: FieldDef | null;
  produce: Producer;
}

export interface CompileContext {
  names: NameResolver | null;
  /** Every field the filter reads, collected as it compiles. */
  fields: Set<FieldDef>;
  layers: boolean;
}

const FT_NAME: Record<string, string> = {
  uint8: "FT_UINT8", uint16: "FT_UINT16", uint24: "FT_UINT24", uint32: "FT_UINT32", uint64: "FT_UINT64",
  int8: "FT_INT8", int16: "FT_INT16", int32: "FT_INT32", int64: "FT_INT64", framenum: "FT_FRAMENUM",
  boolean: "FT_BOOLEAN", ipv4: "FT_IPv4", ipv6: "FT_IPv6", ether: "FT_ETHER", string: "FT_STRING", bytes: "FT_BYTES",
  oid: "FT_OID", reltime: "FT_RELATIVE_TIME", abstime: "FT_ABSOLUTE_TIME", double: "FT_DOUBLE", float: "FT_FLOAT",
  protocol: "FT_PROTOCOL", none: "FT_NONE",
};
const KIND_FT: Record<Kind, string> = {
  uint: "FT_UINT32", int: "FT_INT32", bool: "FT_BOOLEAN", ipv4: "FT_IPv4", ipv6: "FT_IPv6", ether: "FT_ETHER", string: "FT_STRING",
  bytes: "FT_BYTES", oid: "FT_OID", reltime: "FT_RELATIVE_TIME", abstime: "FT_ABSOLUTE_TIME", double: "FT_DOUBLE", protocol: "FT_PROTOCOL", none: "FT_NONE",
};
const ftName = (t: Typed): string => (t.field ? FT_NAME[t.field.type]! : KIND_FT[t.kind]);
const pretty = (t: Typed): string => prettyName(t.field ?? t.kind);

/** stnode_todisplay: what a node was written as. */
function display(n: Arith): string {
  return n.text;
}

function fail(node: { loc: { start: number; length: number } } | null, message: string): never {
  throw new FilterError(message, node ? node.loc : null);
}

/** Re-throws a literal conversion error at the literal's place. */
function at<T>(node: Entity, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof FilterError && !e.loc) throw new FilterError(e.message, node.loc);
    throw e;
  }
}

// ---------------------------------------------------------------------------
// Entities
// ---------------------------------------------------------------------------

function fieldProducer(ctx: CompileContext, f: FieldDef, layers: RangeNode[] | null): Producer {
  ctx.fields.add(f);
  if (layers) ctx.layers = true;
  return (p) => p.read(f, layers);
}

const constant = (v: Value): Producer => {
  const list = [v];
  return () => list;
};

/** A literal, string or character constant as a value of `kind` (with the field's value names, if any). */
function constantValue(ctx: CompileContext, node: Entity, kind: Kind, field: FieldDef | null, partial: boolean): Value {
  return at(node, () => {
    try {
      if (node.kind === "string") return fromString(kind, field, node.bytes);
      if (node.kind === "literal") return fromLiteral(kind, field, node.text, partial, ctx.names);
      if (node.kind === "charconst") return fromCharconst(kind, field, node.value);
    } catch (e) {
      if (!(e instanceof FilterError) || !field || node.kind === "charconst") throw e;
      const named = fromValueName(field, node.kind === "string" ? new TextDecoder().decode(node.bytes) : node.text);
      if (named === undefined) throw e;
      return named;
    }
    throw new FilterError(`${node.text} is not a constant.`);
  });
}

/** check_slice_sanity, then the slice's producer (bytes). */
function slice(ctx: CompileContext, node: Extract<Entity, { kind: "slice" }>, lhsKind: Kind): Typed {
  const inner = node.entity;
  let t: Typed;
  if (inner.kind === "field" || inner.kind === "reference") {
    t = entityOf(ctx, inner, lhsKind);
    if (!CAN.slice(t.kind)) fail(inner, `"${inner.field.abbrev}" is a ${prettyName(inner.field)} and cannot be sliced into a sequence of bytes.`);
  } else if (inner.kind === "function") {
    t = callFunction(ctx, inner, lhsKind);
    if (!CAN.slice(t.kind)) fail(inner, `Return value of function "${inner.name}" is a ${pretty(t)} and cannot be converted into a sequence of bytes.`);
  } else if (inner.kind === "slice") {
    t = slice(ctx, inner, lhsKind);
  } else {
    fail(inner, `Range is not supported for entity ${display(inner)}`);
  }
  const src = t.produce;
  const k = t.kind;
  const ranges = node.ranges;
  return {
    kind: "bytes",
    field: null,
    produce: (p) => {
      const vs = src(p);
      if (!vs) return null;
      return vs.map((v) => sliceBytes(bytesOf(k, v), ranges));
    },
  };
}

/** A whole value as bytes (convert_to_bytes: the slice [0:]). */
function asBytes(t: Typed): Typed {
  const src = t.produce;
  const k = t.kind;
  return { kind: "bytes", field: null, produce: (p) => src(p)?.map((v) => bytesOf(k, v)) ?? null };
}

function entityOf(ctx: CompileContext, node: Entity, lhsKind: Kind): Typed {
  switch (node.kind) {
    case "field":
      return { kind: kindOf(node.field), field: node.field, produce: fieldProducer(ctx, node.field, node.layers) };
    case "reference":
      // ${field}: a value of the packet selected in the GUI; tshark has none, so it is always absent.
      ctx.fields.add(node.field);
      return { kind: kindOf(node.field), field: node.field, produce: () => null };
    case "slice":
      return slice(ctx, node, lhsKind);
    case "function":
      return callFunction(ctx, node, lhsKind);
    default:
      if (lhsKind === "none") fail(node, `${display(node)} is not a valid arithmetic operand.`);
      if (node.kind === "string") fail(node, `${display(node)} is not a valid arithmetic operand.`);
      return { kind: lhsKind, field: null, produce: constant(constantValue(ctx, node, lhsKind, null, false)) };
  }
}

// ---------------------------------------------------------------------------
// Functions (dfunctions.c)
// ---------------------------------------------------------------------------

const ARG_COUNTS: Record<string, [number, number]> = { lower: [1, 1], upper: [1, 1], len: [1, 1], count: [1, 1], string: [1, 1], max: [1, 0], min: [1, 0], abs: [1, 1] };
const STRINGABLE = new Set(["uint8", "uint16", "uint24", "uint32", "uint64", "int8", "int16", "int32", "int64", "ipv4", "ipv6", "double", "float", "ether", "framenum", "oid"]);

function onlyField(node: Extract<Entity, { kind: "function" }>): Extract<Entity, { kind: "field" }> | null {
  const a = node.args[0]!;
  return a.kind === "field" ? a : null;
}

function callFunction(ctx: CompileContext, node: Extract<Entity, { kind: "function" }>, lhsKind: Kind): Typed {
  const [min, max] = ARG_COUNTS[node.name]!;
  if (node.args.length < min) fail(node, `Function ${node.name} needs at least ${min} arguments.`);
  if (max > 0 && node.args.length > max) fail(node, `Function ${node.name} can only accept ${max} arguments.`);
  const arg0 = node.args[0]!;
  switch (node.name) {
    case "lower":
    case "upper": {
      const f = onlyField(node);
      if (!f || kindOf(f.field) !== "string") fail(arg0, `Only string type fields can be used as parameter for ${node.name}()`);
      const src = fieldProducer(ctx, f.field, f.layers);
      const up = node.name === "upper";
      return { kind: "string", field: null, produce: (p) => src(p)?.map((v) => asciiCase(v as string, up)) ?? null };
    }
    case "len":
    case "count": {
      const f = onlyField(node);
      if (!f) fail(arg0, `Only fields can be used as parameter for ${node.name}()`);
      const src = fieldProducer(ctx, f.field, f.layers);
      const k = kindOf(f.field);
      const def = f.field;
      if (node.name === "count") return { kind: "uint", field: null, produce: (p) => { const vs = src(p); return vs ? [vs.length] : null; } };
      return { kind: "uint", field: null, produce: (p) => src(p)?.map((v) => lengthOf(def, k, v)) ?? null };
    }
    case "string": {
      const f = onlyField(node);
      if (!f) fail(arg0, `Only fields can be used as parameter for ${node.name}()`);
      if (!STRINGABLE.has(f.field.type)) fail(arg0, `String conversion for field "${f.field.abbrev}" is not supported`);
      const src = fieldProducer(ctx, f.field, f.layers);
      const def = f.field;
      return { kind: "string", field: null, produce: (p) => src(p)?.map((v) => filterRepr(def, v)) ?? null };
    }
    case "max":
    case "min": {
      let kind: Kind = lhsKind;
      let field: FieldDef | null = null;
      const producers: Producer[] = [];
      node.args.forEach((a, i) => {
        let t: Typed;
        if (a.kind === "arith") t = arithmetic(ctx, a, kind);
        else if (a.kind === "literal" && kind !== "none") t = entityOf(ctx, a, kind);
        else if (a.kind === "function") t = callFunction(ctx, a, kind);
        else if (a.kind === "field" || a.kind === "reference") t = entityOf(ctx, a, kind);
        else fail(a, `Argument '${display(a)}' is not valid for ${node.name}()`);
        if (i > 0) {
          if (kind === "none") kind = t.kind;
          if (t.kind !== kind) fail(a, `Arguments to '${node.name}' must have the same type (expected ${KIND_FT[kind]}, got ${ftName(t)})`);
          if (!CAN.cmp(t.kind)) fail(a, `Argument '${display(a)}' to '${node.name}' cannot be ordered`);
        } else {
          kind = t.kind;
          field = t.field;
        }
        producers.push(t.produce);
      });
      const k = kind;
      const sign = node.name === "max" ? 1 : -1;
      return {
        kind: k,
        field,
        produce: (p) => {
          let best: Value | undefined;
          for (const pr of producers) for (const v of pr(p) ?? []) if (best === undefined || sign * compare(k, v, best) > 0) best = v;
          return best === undefined ? null : [best];
        },
      };
    }
    default: {
      // abs
      let t: Typed;
      if (arg0.kind === "arith") t = arithmetic(ctx, arg0, lhsKind);
      else if (arg0.kind === "literal") {
        if (lhsKind === "none") fail(arg0, "Need a field or field-like value on the LHS.");
        t = entityOf(ctx, arg0, lhsKind);
      } else if (arg0.kind === "function") t = callFunction(ctx, arg0, lhsKind);
      else if (arg0.kind === "field") t = entityOf(ctx, arg0, lhsKind);
      else fail(arg0, `Type ${arg0.kind === "string" ? "STRING" : arg0.kind.toUpperCase()} is not valid for abs`);
      if (!CAN.isNegative(t.kind)) fail(arg0, `'${display(arg0)}' is not a valid argument to 'abs'()`);
      const src = t.produce;
      const k = t.kind;
      return { kind: k, field: t.field, produce: (p) => src(p)?.map((v) => (isNegative(v) ? negate(k, v) : v)) ?? null };
    }
  }
}

// ---------------------------------------------------------------------------
// Arithmetic
// ---------------------------------------------------------------------------

function arithmetic(ctx: CompileContext, node: Arith, lhsKind: Kind): Typed {
  if (node.kind !== "arith") return entityOf(ctx, node, lhsKind);
  const isConst = (n: Arith): boolean => n.kind === "literal" || n.kind === "string" || n.kind === "charconst";
  if (lhsKind === "none" && isConst(node.left)) fail(node.left, "Constant arithmetic expression on the LHS is invalid.");
  if (node.op === "UNARY_MINUS") {
    const t = entityOf(ctx, node.left as Entity, lhsKind);
    if (!CAN.unaryMinus(t.kind)) fail(node.left, `${ftName(t)} cannot ${node.text}.`);
    const src = t.produce;
    const k = t.kind;
    const f = t.field;
    return { kind: k, field: f, produce: (p) => src(p)?.flatMap((v) => { const r = unaryMinus(k, f, v); return r === null ? [] : [r]; }) ?? null };
  }
  const can = { ADD: CAN.add, SUBTRACT: CAN.subtract, MULTIPLY: CAN.multiply, DIVIDE: CAN.divide, MODULO: CAN.modulo, BITWISE_AND: CAN.bitwiseAnd }[node.op];
  const a = arithmetic(ctx, node.left, lhsKind);
  if (!can(a.kind)) fail(node.left, `${ftName(a)} cannot ${node.text}.`);
  const b = arithmetic(ctx, node.right!, a.kind);
  if (!can(b.kind)) fail(node.right!, `${ftName(b)} cannot ${node.text}.`);
  if (!compatible(a.kind, b.kind)) fail(node.right!, `${display(node.left)} and ${display(node.right!)} are not type compatible.`);
  const op = node.op;
  const k = a.kind;
  const f = a.field;
  const pa = a.produce;
  const pb = b.produce;
  return {
    kind: k,
    field: f,
    produce: (p) => {
      const xs = pa(p);
      if (!xs) return null;
      const ys = pb(p);
      if (!ys) return null;
      const out: Value[] = [];
      for (const x of xs) for (const y of ys) {
        const r = binary(op, k, f, x, y);
        if (r !== null) out.push(r);
      }
      return out;
    },
  };
}

// ---------------------------------------------------------------------------
// Relations
// ---------------------------------------------------------------------------

const OPS: Record<Exclude<RelOp, "IN">, [Pred, "any" | "all"]> = {
  ANY_EQ: ["eq", "any"], ALL_NE: ["ne", "all"], ALL_EQ: ["eq", "all"], ANY_NE: ["ne", "any"],
  GT: ["gt", "any"], GE: ["ge", "any"], LT: ["lt", "any"], LE: ["le", "any"], CONTAINS: ["contains", "any"], MATCHES: ["matches", "any"],
};

type Can = (k: Kind) => boolean;

/** ip.host, ip.src_host, ipv6.dst_host...: text fields holding an address, or a name. */
const HOST_FIELDS = /^ipv?6?\.(?:host|src_host|dst_host)$/;

/** The right side typed against the left (check_relation_LHS_*), both as producers of one kind. */
function relationOperands(ctx: CompileContext, opText: string, can: Can, partial: boolean, leftNode: Arith, rightNode: Arith, regexRight: boolean): [Typed, Typed] {
  // Arithmetic on the left: its first operand decides how the right side reads.
  let entity: Arith = leftNode;
  while (entity.kind === "arith") entity = entity.left;
  const arith = leftNode.kind === "arith";
  // Arithmetic is checked first: a constant leading it is its own error.
  const arithLeft = arith ? arithmetic(ctx, leftNode, "none") : null;
  if (entity.kind === "slice") {
    const left = arithLeft ?? slice(ctx, entity as Extract<Entity, { kind: "slice" }>, "none");
    return [left, rightOf(ctx, "bytes", null, can, partial, rightNode, regexRight, true)];
  }
  let left: Typed;
  let name: string;
  if (entity.kind === "field" || entity.kind === "reference") {
    const f = entity.field;
    if (!can(kindOf(f))) fail(entity, `${f.abbrev} (type=${prettyName(f)}) cannot participate in ${opText} comparison.`);
    left = arithLeft ?? entityOf(ctx, entity, "none");
    name = f.abbrev;
  } else if (entity.kind === "function") {
    left = arithLeft ?? callFunction(ctx, entity, "none");
    if (!can(left.kind)) fail(entity, `Function ${entity.name} (type=${pretty(left)}) cannot participate in ${opText} comparison.`);
    name = entity.name;
  } else {
    return fail(leftNode, `Left side of "${opText}" expression must be a field or function, not ${display(leftNode)}.`);
  }
  const isField = entity.kind !== "function";
  const right = rightOf(ctx, left.kind, isField ? left.field : null, can, partial, rightNode, regexRight, false);
  // A slice on the right compares bytes: the left side becomes its bytes.
  if (rightNode.kind === "slice" && !isBytesKind(left.kind)) {
    if (!CAN.slice(left.kind)) fail(entity, `"${name}" is a ${pretty(left)} and cannot be converted into a sequence of bytes.`);
    return [asBytes(left), right];
  }
  return [left, right];
}

function rightOf(ctx: CompileContext, kind: Kind, field: FieldDef | null, can: Can, partial: boolean, node: Arith, regex: boolean, lhsSlice: boolean): Typed {
  if (regex) return { kind, field, produce: () => null };
  switch (node.kind) {
    case "field":
    case "reference": {
      const t = entityOf(ctx, node, kind);
      if (lhsSlice) {
        if (isBytesKind(t.kind)) return t;
        if (!CAN.slice(t.kind)) fail(node, `"${display(node)}" is a ${pretty(t)} and cannot be converted into a sequence of bytes.`);
        return asBytes(t);
      }
      if (!compatible(kind, t.kind)) fail(node, `${field?.abbrev ?? "?"} and ${display(node)} are not of compatible types.`);
      if (!can(t.kind)) fail(node, `${display(node)} (type=${pretty(t)}) cannot participate in specified comparison.`);
      return t;
    }
    case "string":
    case "literal":
    case "charconst": {
      const v = constantValue(ctx, node, kind, lhsSlice ? null : field, partial);
      // A host field holds addresses as text (no name resolution); a name the capture's DNS answered stands for its addresses.
      if (field && HOST_FIELDS.test(field.abbrev) && typeof v === "string" && ctx.names) {
        const texts = ctx.names.addressTexts(v);
        if (texts.length) {
          const list: Value[] = [v, ...texts];
          return { kind, field, produce: () => list };
        }
      }
      return { kind, field, produce: constant(v) };
    }
    case "slice":
      return slice(ctx, node, kind);
    case "function": {
      const t = callFunction(ctx, node, kind);
      if (lhsSlice) {
        if (isBytesKind(t.kind)) return t;
        if (!CAN.slice(t.kind)) fail(node, `Return value of function "${node.name}" is a ${pretty(t)} and cannot be converted into a sequence of bytes.`);
        return asBytes(t);
      }
      if (!compatible(kind, t.kind)) fail(node, `${field?.abbrev ?? "?"} (type=${prettyName(field ?? kind)}) and return value of ${node.name}() (type=${pretty(t)}) are not of compatible types.`);
      if (!can(t.kind)) fail(node, `return value of ${node.name}() (type=${pretty(t)}) cannot participate in specified comparison.`);
      return t;
    }
    default: {
      const t = arithmetic(ctx, node, kind);
      if (!compatible(kind, t.kind)) fail(node, `${field?.abbrev ?? "?"} and ${display(node)} are not of compatible types.`);
      if (!can(t.kind)) fail(node, `${display(node)} (type=${pretty(t)}) cannot participate in specified comparison.`);
      return t;
    }
  }
}

/** Whether an operand names a field no dissector of ours adds (see names.ts): the test is then false. */
function mentionsPlaceholder(n: Arith): boolean {
  switch (n.kind) {
    case "field":
    case "reference":
      return isPlaceholder(n.field);
    case "slice":
      return mentionsPlaceholder(n.entity);
    case "function":
      return n.args.some(mentionsPlaceholder);
    case "arith":
      return mentionsPlaceholder(n.left) || (n.right !== null && mentionsPlaceholder(n.right));
    default:
      return false;
  }
}

function relation(ctx: CompileContext, node: Extract<Expr, { kind: "relation" }>): Predicate {
  if (mentionsPlaceholder(node.left) || mentionsPlaceholder(node.right)) return () => false;
  const [pred, defaultHow] = OPS[node.op as Exclude<RelOp, "IN">];
  const how = node.match === "default" ? defaultHow : node.match;
  const isMatches = node.op === "MATCHES";
  if (isMatches && node.right.kind !== "string") fail(node.right, "Matches requires a double quoted string on the right side.");
  const regex = isMatches ? compileRegex(node.right as Extract<Entity, { kind: "string" }>) : null;
  if (node.op === "CONTAINS" || node.op === "MATCHES") {
    if (node.left.kind !== "field" && node.left.kind !== "reference" && node.left.kind !== "function" && node.left.kind !== "slice")
      fail(node.left, `Left side of ${node.text} expression must be a field or function, not ${display(node.left)}.`);
  }
  const can: Can = pred === "contains" ? CAN.contains : pred === "matches" ? CAN.matches : pred === "eq" || pred === "ne" ? CAN.eq : CAN.cmp;
  const [left, right] = relationOperands(ctx, node.text, can, pred === "contains" || pred === "matches", node.left, node.right, isMatches);
  const kind = left.kind;
  const pa = left.produce;
  if (regex) {
    return (p) => {
      const xs = pa(p);
      if (!xs) return false;
      for (const x of xs) {
        regex.lastIndex = 0;
        const m = regex.test(matchText(kind, x));
        if (how === "any" && m) return true;
        if (how === "all" && !m) return false;
      }
      return how === "all";
    };
  }
  const pb = right.produce;
  const holds = tester(pred, kind);
  if (how === "any") {
    return (p) => {
      const xs = pa(p);
      if (!xs) return false;
      const ys = pb(p);
      if (!ys) return false;
      for (let i = 0; i < xs.length; i++) for (let j = 0; j < ys.length; j++) if (holds(xs[i]!, ys[j]!)) return true;
      return false;
    };
  }
  return (p) => {
    const xs = pa(p);
    if (!xs) return false;
    const ys = pb(p);
    if (!ys) return false;
    for (let i = 0; i < xs.length; i++) for (let j = 0; j < ys.length; j++) if (!holds(xs[i]!, ys[j]!)) return false;
    return true;
  };
}

/** `in`: the left field read once, each element an equality or a range test, the first match wins. */
function membership(ctx: CompileContext, node: Extract<Expr, { kind: "in" }>): Predicate {
  if (mentionsPlaceholder(node.left)) return () => false;
  if (node.left.kind !== "field") fail(node.left, "Only a field may be tested for membership in a set.");
  const field = node.left.field;
  const left = entityOf(ctx, node.left, "none");
  const kind = left.kind;
  const element = (e: Arith, can: Can, opText: string): Producer => {
    if (e.kind === "slice") fail(e, "A slice may not appear inside a set.");
    if (!can(kind)) fail(node.left, `${field.abbrev} (type=${prettyName(field)}) cannot participate in ${opText} comparison.`);
    return rightOf(ctx, kind, field, can, false, e, false, false).produce;
  };
  const tests = node.set.map((el: SetElement) =>
    el.high ? { low: element(el.low, CAN.cmp, node.text), high: element(el.high, CAN.cmp, node.text) } : { low: element(el.low, CAN.eq, node.text), high: null },
  );
  const how = node.match === "all" ? "all" : "any";
  const pa = left.produce;
  return (p) => {
    const xs = pa(p);
    if (!xs) return false;
    for (const t of tests) {
      const lows = t.low(p);
      if (!lows) continue;
      if (t.high) {
        const highs = t.high(p);
        if (!highs) continue;
        const lo = lows[0]!;
        const hi = highs[0]!;
        const inRange = (x: Value): boolean => compare(kind, x, lo) >= 0 && compare(kind, x, hi) <= 0;
        if (how === "any" ? xs.some(inRange) : xs.every(inRange)) return true;
      } else {
        const eq = (x: Value): boolean => lows.some((y) => compare(kind, x, y) === 0);
        if (how === "any" ? xs.some(eq) : xs.every((x) => lows.every((y) => compare(kind, x, y) === 0))) return true;
      }
    }
    return false;
  };
}

/** A bare entity: a field's presence, a slice's non-zero length, arithmetic's non-zero value. */
function existence(ctx: CompileContext, node: Arith): Predicate {
  if (mentionsPlaceholder(node)) return () => false;
  switch (node.kind) {
    case "field": {
      const f = node.field;
      const layers = node.layers;
      ctx.fields.add(f);
      if (layers) ctx.layers = true;
      return (p) => (p.exists ? p.exists(f, layers) : p.read(f, layers) !== null);
    }
    case "slice": {
      const t = slice(ctx, node, "none");
      return (p) => (t.produce(p) ?? []).some((v) => (v as Uint8Array).length !== 0);
    }
    case "arith": {
      const t = arithmetic(ctx, node, "none");
      const k = t.kind;
      return (p) => (t.produce(p) ?? []).some((v) => !isZero(k, v));
    }
    case "function":
      return fail(node, "You cannot test whether a function is present.");
    case "string":
      return fail(node, `"${new TextDecoder().decode(node.bytes)}" is neither a field nor a protocol name.`);
    default:
      return fail(node, `${display(node)} is neither a field nor a protocol name.`);
  }
}

export function compileExpr(ctx: CompileContext, e: Expr): Predicate {
  if (!isTest(e)) return existence(ctx, e);
  switch (e.kind) {
    case "and": {
      const a = compileExpr(ctx, e.left);
      const b = compileExpr(ctx, e.right);
      return (p) => a(p) && b(p);
    }
    case "or": {
      const a = compileExpr(ctx, e.left);
      const b = compileExpr(ctx, e.right);
      return (p) => a(p) || b(p);
    }
    case "not": {
      const a = compileExpr(ctx, e.arg);
      return (p) => !a(p);
    }
    case "in":
      return membership(ctx, e);
    default:
      return relation(ctx, e);
  }
}

