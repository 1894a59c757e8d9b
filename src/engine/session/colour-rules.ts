/**
 * Wireshark's default colouring rules, evaluated once per packet in the
 * indexing pass. The rules are data (colorfilters.ts: the text of Wireshark
 * 4.0's data/colorfilters, the source of the rule texts, their order and
 * colours); each filter is compiled once, at module load, by the display
 * filter engine with `unknownFieldsAbsent`, so a protocol pcapscope does not
 * dissect (hsrp, sctp, smb...) is a field that is never present, as in
 * Wireshark on a capture without it. The first rule that matches wins; the
 * packet index keeps only its number (0 = none), so the packet list colours
 * millions of rows without re-dissecting any.
 *
 * Speed (this runs for every packet while a capture loads):
 * - from each rule's syntax tree comes a conservative gate, the
 *   frame.protocols layers one of which a packet must have for the rule to
 *   match at all (a rule on a protocol never dissected can match nothing);
 *   per protocol stack (consecutive packets mostly repeat it) the rules whose
 *   gate passes are listed once, and a packet tries only those, in order;
 * - a rule's outcome is remembered: per combination of present fields for a
 *   filter of presence tests ("tcp"), per recent set of values for one that
 *   compares numbers ("tcp.flags.reset eq 1"), so the compiled filter runs
 *   only for values not seen lately.
 */
import { layerName } from "../dissect/common";
import { fieldByAbbrev, type FieldDef, type FieldType } from "../dissect/field";
import type { PacketInfo } from "../dissect/packet-info";
import { FieldCollector } from "../dissect/tree";
import { CollectorFields, compileFilter, type DisplayFilter, type PacketFields } from "../filter";
import { isTest, type Arith, type Expr, type RangeNode } from "../filter/ast";
import { isPlaceholder } from "../filter/names";
import type { Value } from "../filter/values";
import { COLOUR_RULES, type ColourRule } from "./colorfilters";

export { COLOUR_RULES, DARK_BASE, contrast, darkVariant, luminance, type ColourRule, type RgbPair } from "./colorfilters";

/**
 * frame.protocols layers one of which a packet must have for a test to hold;
 * null when no such set is known (the test is tried on every packet), empty
 * when nothing can make it true.
 */
export type Gate = ReadonlySet<string> | null;
const NEVER: Gate = new Set<string>();

/*
 * Which layers a field occurs in, from the field definitions: a field
 * `p.x` belongs to protocol `p` when the registry defines `p` as a
 * protocol field (FT_PROTOCOL), and a protocol's dissector adds its items
 * after entering its layer (enterLayer: the layers are Wireshark's
 * frame.protocols, named after the protocols). Every protocol the
 * dissectors define therefore gates its fields on its own layer, and a new
 * dissector is gated without a line here. The exceptions are the fields
 * one dissector adds in another protocol's layer, or without a layer; they
 * were found by reading the dissectors' cross-protocol field uses and are
 * held to it by a test over every fixture and shared capture
 * (src/cli/colour-rule-gates-corpus.test.ts: every field a packet has
 * passes its gate).
 */

/** Layers other than its own that a protocol's fields occur in. */
const CARRIERS: ReadonlyMap<string, readonly string[]> = new Map([
  // One dissector for the three: mDNS and LLMNR messages carry dns.* fields.
  ["dns", ["mdns", "llmnr"]],
  // SSDP is HTTP over UDP: the HTTP dissector adds its http.* fields under the ssdp layer (http/dissector.ts).
  ["http", ["ssdp"]],
  // IPX's payload protocols add their items without a layer of their own, as in tshark (frame.protocols ends in ipx).
  ["ipxsap", ["ipx"]],
  ["ipxrip", ["ipx"]],
  ["nlsp", ["ipx"]],
  ["nbipx", ["ipx"]],
  // NetBIOS over IPX (nbipx.ts) adds netbios.nb_name and its type, in the ipx layer (its nmpi.* fields have no protocol: no gate).
  ["netbios", ["ipx"]],
  // RTMP's router node items are nbp.* fields, as packet-atalk.c registers them (appletalk/rtmp.ts).
  ["nbp", ["rtmp"]],
  // LANMAN's server type is the browser's field (lanman.ts adds browser.server_type).
  ["browser", ["lanman"]],
]);

/** Protocols whose items are in packets of any layers: the frame and its comments (frame.protocols has no such layer). */
const NO_LAYER: ReadonlySet<string> = new Set(["frame", "pkt_comment"]);

/** Fields added outside their protocol's layer (null: anywhere). */
const FIELD_LAYERS: ReadonlyMap<string, readonly string[] | null> = new Map<string, readonly string[] | null>([
  // IPv6 adds a hidden ip.version, as Wireshark does, so that "ip.version == 6" matches.
  ["ip.version", ["ip", "ipv6"]],
  // Added by the Ethertype code, which SLL, VLAN and GRE run too.
  ["eth.padding", null],
  ["eth.trailer", null],
  ["eth.fcs", null],
  ["eth.fcs.status", null],
]);

/** The layers protocol `p`'s fields occur in; null for a name the registry has no protocol of (_ws, text...) or one in no layer. */
export function protocolLayers(p: string): readonly string[] | null {
  if (NO_LAYER.has(p) || fieldByAbbrev(p)?.type !== "protocol") return null;
  return [p, ...(CARRIERS.get(p) ?? [])];
}

/** The layers one of which a packet has when `f` is in it (null: no such set is known); exported for the tests. */
export function fieldGate(f: FieldDef): Gate {
  if (isPlaceholder(f)) return NEVER;
  const layers = FIELD_LAYERS.has(f.abbrev) ? FIELD_LAYERS.get(f.abbrev) : protocolLayers(f.abbrev.split(".", 1)[0]!);
  return layers ? new Set(layers) : null;
}

/** Either gate holds (`and`, or both sides must be present): the smaller one. */
function narrower(a: Gate, b: Gate): Gate {
  if (a === null) return b;
  if (b === null) return a;
  return b.size < a.size ? b : a;
}

/** One of the gates holds (`or`). */
function union(a: Gate, b: Gate): Gate {
  return a === null || b === null ? null : new Set([...a, ...b]);
}

/** What a value needs to exist: every operand of a slice or arithmetic (a missing one gives no value). */
function valueGate(n: Arith): Gate {
  switch (n.kind) {
    case "field":
      return fieldGate(n.field);
    case "slice":
      return valueGate(n.entity);
    case "arith":
      return n.right ? narrower(valueGate(n.left), valueGate(n.right)) : valueGate(n.left);
    default:
      // Constants need nothing; functions (max/min take any argument present) and ${references}: unclear.
      return null;
  }
}

/** The gate of a filter's syntax tree (see Gate); `not` and anything unclear give none. */
export function gateOf(e: Expr): Gate {
  if (!isTest(e)) return valueGate(e);
  switch (e.kind) {
    case "and":
      return narrower(gateOf(e.left), gateOf(e.right));
    case "or":
      return union(gateOf(e.left), gateOf(e.right));
    case "not":
      return null;
    case "in":
      return valueGate(e.left);
    case "relation":
      // A relation is false when either side has no value.
      return narrower(valueGate(e.left), valueGate(e.right));
  }
}

export interface CompiledColourRule {
  rule: Pick<ColourRule, "name" | "filter">;
  /** What the packet index stores for it: its place in the list + 1. */
  number: number;
  filter: DisplayFilter;
  gate: Gate;
}

/**
 * One rule's filter, compiled as Wireshark compiles colouring rules (a
 * field it does not know is absent); `number` is what rows matching it
 * store. Throws a FilterError for filter text that does not compile.
 */
export function compileColourRule(rule: Pick<ColourRule, "name" | "filter">, number: number): CompiledColourRule {
  const filter = compileFilter(rule.filter, { unknownFieldsAbsent: true });
  // Layer numbers would need the dissection's pinfo while collecting; Wireshark's rules use none.
  if (filter.layers) throw new Error(`colouring rule "${rule.name}": layer operators (#) are not supported`);
  return { rule, number, filter, gate: filter.expr ? gateOf(filter.expr) : null };
}

export function compileColourRules(rules: readonly ColourRule[]): CompiledColourRule[] {
  return rules.map((rule, i) => compileColourRule(rule, i + 1));
}

/** COLOUR_RULES, compiled. */
export const COMPILED_COLOUR_RULES: readonly CompiledColourRule[] = compileColourRules(COLOUR_RULES);

/** Indexes of the rules that can match a packet with `layers`, in order. */
function candidatesFor(rules: readonly CompiledColourRule[], layers: readonly string[]): Int32Array {
  const out: number[] = [];
  rules.forEach((r, i) => {
    if (r.gate === null || layers.some((l) => r.gate!.has(layerName(l)))) out.push(i);
  });
  return Int32Array.from(out);
}

/**
 * Which rules a packet's protocol stack lets through their gates, listed
 * once per stack.
 */
export class ColourMatcher {
  private readonly byStack = new Map<string, Int32Array>();
  /** The previous packet's stack and its candidates: most packets repeat it. */
  private lastLayers: string[] = [];
  private last: Int32Array;

  constructor(readonly rules: readonly CompiledColourRule[] = COMPILED_COLOUR_RULES) {
    this.last = candidatesFor(rules, []);
  }

  /** Indexes into `rules` of those whose gate `layers` passes, in order. */
  candidates(layers: readonly string[]): Int32Array {
    const last = this.lastLayers;
    if (last.length === layers.length) {
      let i = 0;
      while (i < layers.length && last[i] === layers[i]) i++;
      if (i === layers.length) return this.last;
    }
    const key = layers.join(":");
    let c = this.byStack.get(key);
    if (!c) {
      // Stacks repeat; a capture with endless distinct ones only costs recomputing.
      if (this.byStack.size >= 4096) this.byStack.clear();
      c = candidatesFor(this.rules, layers);
      this.byStack.set(key, c);
    }
    this.lastLayers = layers.slice();
    this.last = c;
    return c;
  }

  /** The number of the first rule that matches (index + 1), or 0. */
  match(p: PacketFields, layers: readonly string[]): number {
    const c = this.candidates(layers);
    for (let i = 0; i < c.length; i++) {
      const r = this.rules[c[i]!]!;
      if (r.filter.matches(p)) return r.number;
    }
    return 0;
  }
}

/**
 * The packet's fields as the rules read them (CollectorFields), with two
 * shortcuts for a pass over every packet: presence is answered from the
 * collector without converting values, and a field is read at most once per
 * packet ("TTL low or unexpected" reads ip.dst in both halves).
 */
class ColourFields implements PacketFields {
  private readonly inner: CollectorFields;
  private frame: Uint8Array = new Uint8Array(0);
  private pinfo: PacketInfo | null = null;
  /** Whether `inner` still has to be pointed at this packet (only reads of bytes need it). */
  private pending = false;
  private packet = 0;
  /** Per field id: the packet whose values `cached` holds. */
  private readonly readIn: Float64Array;
  private readonly cached: (Value[] | null)[];
  /** Per field id: 1 when its values are numbers or text, which CollectorFields reads without the packet's bytes. */
  private readonly plain: Uint8Array;

  constructor(
    private readonly c: FieldCollector,
    fields: readonly FieldDef[],
  ) {
    this.inner = new CollectorFields(c);
    const size = fields.reduce((m, f) => Math.max(m, f.id + 1), 0);
    this.readIn = new Float64Array(size).fill(-1);
    this.cached = new Array<Value[] | null>(size).fill(null);
    this.plain = new Uint8Array(size);
    for (const f of fields) if (f.id >= 0 && VALUE_TYPES.has(f.type)) this.plain[f.id] = 1;
  }

  setPacket(frame: Uint8Array, pinfo: PacketInfo): void {
    this.frame = frame;
    this.pinfo = pinfo;
    this.pending = true;
    this.packet++;
  }

  exists(f: FieldDef, layers: readonly RangeNode[] | null): boolean {
    return layers === null ? this.c.head(f) >= 0 : this.read(f, layers) !== null;
  }

  read(f: FieldDef, layers: readonly RangeNode[] | null): Value[] | null {
    if (this.c.head(f) < 0) return null;
    const id = f.id;
    const memo = layers === null && id >= 0 && id < this.readIn.length;
    if (memo && this.readIn[id] === this.packet) return this.cached[id]!;
    if (this.pending && this.plain[id] !== 1) {
      this.inner.setPacket(this.frame, this.pinfo!);
      this.pending = false;
    }
    const v = this.inner.read(f, layers);
    if (memo) {
      this.readIn[id] = this.packet;
      this.cached[id] = v;
    }
    return v;
  }
}

/** Field types whose filter value is a function of the value the collector recorded (not of the packet's bytes). */
const VALUE_TYPES = new Set<FieldType>([
  "none",
  "uint8",
  "uint16",
  "uint24",
  "uint32",
  "uint64",
  "int8",
  "int16",
  "int32",
  "int64",
  "boolean",
  "ipv4",
  "string",
  "framenum",
  "double",
  "float",
]);

/** The fields (placeholders left out) a filter reads the values of (relations, sets, slices, arithmetic, functions), and those it only tests for presence. */
interface FieldUses {
  values: Set<FieldDef>;
  presence: Set<FieldDef>;
}

function fieldUses(expr: Expr): FieldUses {
  const values = new Set<FieldDef>();
  const presence = new Set<FieldDef>();
  const valuesOf = (n: Arith): void => {
    if (n.kind === "field" || n.kind === "reference") values.add(n.field);
    else if (n.kind === "slice") valuesOf(n.entity);
    else if (n.kind === "function") n.args.forEach(valuesOf);
    else if (n.kind === "arith") {
      valuesOf(n.left);
      if (n.right) valuesOf(n.right);
    }
  };
  const walk = (e: Expr): void => {
    if (!isTest(e)) {
      if (e.kind === "field") presence.add(e.field);
      else valuesOf(e);
      return;
    }
    switch (e.kind) {
      case "and":
      case "or":
        walk(e.left);
        walk(e.right);
        return;
      case "not":
        walk(e.arg);
        return;
      case "in":
        valuesOf(e.left);
        for (const el of e.set) {
          valuesOf(el.low);
          if (el.high) valuesOf(el.high);
        }
        return;
      case "relation":
        valuesOf(e.left);
        valuesOf(e.right);
    }
  };
  walk(expr);
  for (const set of [values, presence]) for (const f of set) if (isPlaceholder(f)) set.delete(f);
  return { values, presence };
}

/** At most this many fields for a PresenceTable (2^n outcomes). */
const PRESENCE_FIELDS = 10;

/**
 * The outcomes of a filter that only tests which fields are present
 * ("tcp", "arp", Bad TCP's analysis flags): one per combination, filled in
 * as the combinations come.
 */
class PresenceTable {
  /** Per combination of present fields (bit i: fields[i]): -1 not known yet, else 0 / 1. */
  private readonly outcomes: Int8Array;

  private constructor(private readonly fields: readonly FieldDef[]) {
    this.outcomes = new Int8Array(1 << fields.length).fill(-1);
  }

  static of(uses: FieldUses): PresenceTable | null {
    if (uses.values.size > 0 || uses.presence.size > PRESENCE_FIELDS) return null;
    return new PresenceTable([...uses.presence]);
  }

  test(c: FieldCollector, filter: DisplayFilter, p: PacketFields): boolean {
    let bits = 0;
    for (let i = 0; i < this.fields.length; i++) if (c.head(this.fields[i]!) >= 0) bits |= 1 << i;
    let o = this.outcomes[bits]!;
    if (o < 0) this.outcomes[bits] = o = filter.matches(p) ? 1 : 0;
    return o === 1;
  }
}

/** How many recent sets of values a rule remembers its outcome for. */
const MEMO_ENTRIES = 8;

/**
 * A rule's outcome for the last sets of values it saw. When every field the
 * filter reads the values of has a VALUE_TYPES type, the outcome depends
 * only on those values (and on which other fields are present), and they
 * repeat from packet to packet: flags, TTLs, checksum states, the two
 * directions of a conversation. Keys are compared with ===, and a value
 * that is not a primitive never matches: the filter runs.
 */
class OutcomeMemo {
  private readonly fields: FieldDef[] = [];
  /** Per field: whether its values are in the key (else only its presence). */
  private readonly valued: boolean[] = [];
  /** The key being built; then the entries, most recently used first (empty: unused). */
  private key: unknown[] = [];
  private readonly keys: (unknown[] | null)[] = new Array<unknown[] | null>(MEMO_ENTRIES).fill(null);
  private readonly outs: boolean[] = new Array<boolean>(MEMO_ENTRIES).fill(false);

  /** Null when the filter reads no values, or reads bytes (protocols, byte fields, addresses other than IPv4) or times. */
  static of(uses: FieldUses): OutcomeMemo | null {
    const memo = new OutcomeMemo();
    for (const f of uses.values) {
      if (!VALUE_TYPES.has(f.type)) return null;
      memo.fields.push(f);
      memo.valued.push(true);
    }
    if (memo.fields.length === 0) return null;
    for (const f of uses.presence) {
      if (uses.values.has(f)) continue;
      memo.fields.push(f);
      memo.valued.push(false);
    }
    return memo;
  }

  /** Whether `filter` matches `p`, evaluated only for values not among the remembered ones (`c`: p's collector). */
  test(c: FieldCollector, filter: DisplayFilter, p: PacketFields): boolean {
    const keys = this.keys;
    const outs = this.outs;
    // Mostly the values are those of the entry used last: compared in place.
    if (this.isEntry(c, keys[0]!)) return outs[0]!;
    const key = this.key;
    let n = 0;
    for (let i = 0; i < this.fields.length; i++) {
      const f = this.fields[i]!;
      if (!this.valued[i]) {
        key[n++] = c.head(f) >= 0;
        continue;
      }
      key[n++] = c.count(f);
      for (let k = c.head(f); k >= 0; k = c.next(k)) {
        const v = c.valueAt(k);
        // NaN equals nothing: a value that is an object is never taken for the same again.
        key[n++] = typeof v === "object" && v !== null ? NaN : v;
      }
    }
    if (key.length !== n) key.length = n;
    for (let e = 1; e < MEMO_ENTRIES; e++) {
      if (!same(key, keys[e]!)) continue;
      const out = outs[e]!;
      this.toFront(e, keys[e]!, out);
      return out;
    }
    const out = filter.matches(p);
    // The oldest entry's array becomes the next key's.
    this.key = keys[MEMO_ENTRIES - 1] ?? [];
    this.toFront(MEMO_ENTRIES - 1, key, out);
    return out;
  }

  /** Whether the packet's values are `entry`'s: the key test() would build, compared as it is read. */
  private isEntry(c: FieldCollector, entry: readonly unknown[] | null): boolean {
    if (entry === null) return false;
    let n = 0;
    for (let i = 0; i < this.fields.length; i++) {
      const f = this.fields[i]!;
      if (!this.valued[i]) {
        const present = c.head(f) >= 0;
        if (entry[n++] !== present) return false;
        continue;
      }
      // The count comes first in the key; values compared past the entry's count are a mismatch anyway.
      const at = n++;
      let count = 0;
      for (let k = c.head(f); k >= 0; k = c.next(k), count++) if (entry[n++] !== c.valueAt(k)) return false;
      if (entry[at] !== count) return false;
    }
    return true;
  }

  private toFront(e: number, key: unknown[], out: boolean): void {
    const keys = this.keys;
    const outs = this.outs;
    for (; e > 0; e--) {
      keys[e] = keys[e - 1]!;
      outs[e] = outs[e - 1]!;
    }
    keys[0] = key;
    outs[0] = out;
  }
}

function same(x: readonly unknown[], y: readonly unknown[] | null): boolean {
  if (y === null || x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/**
 * Colours packets during a dissection pass: pass `collector` as the tree,
 * call `reset()` before each packet and `classify(pinfo, frame)` right after
 * it is dissected (field values may point into the packet's bytes).
 */
export class ColourClassifier {
  readonly collector: FieldCollector;
  private readonly fields: ColourFields;
  private readonly matcher: ColourMatcher;
  private readonly rules: readonly CompiledColourRule[];
  /** Per rule: how its outcome is remembered (null: the filter runs for every packet). */
  private readonly memos: (PresenceTable | OutcomeMemo | null)[];

  /**
   * `extra`: fields someone else reads from the same collector in the same
   * pass (Follow Stream's, with their byte positions), so one dissection
   * serves both.
   */
  constructor(extra: readonly FieldDef[] = [], rules: readonly CompiledColourRule[] = COMPILED_COLOUR_RULES) {
    const wanted = new Set<FieldDef>();
    for (const r of rules) for (const f of r.filter.fields) if (!isPlaceholder(f)) wanted.add(f);
    // Positions: protocol and byte values are the bytes their item covers (eth[0]).
    this.collector = new FieldCollector([...wanted, ...extra], { positions: true });
    this.fields = new ColourFields(this.collector, [...wanted]);
    this.matcher = new ColourMatcher(rules);
    this.rules = rules;
    this.memos = rules.map((r) => {
      if (!r.filter.expr) return null;
      const uses = fieldUses(r.filter.expr);
      return PresenceTable.of(uses) ?? OutcomeMemo.of(uses);
    });
  }

  /** Call before dissecting each packet. */
  reset(): void {
    this.collector.reset();
  }

  /** The packet's colouring rule number (0: none); `frame`: the bytes it was dissected from. */
  classify(pinfo: PacketInfo, frame: Uint8Array): number {
    const p = this.fields;
    p.setPacket(frame, pinfo);
    const c = this.matcher.candidates(pinfo.layers);
    for (let i = 0; i < c.length; i++) {
      const k = c[i]!;
      const r = this.rules[k]!;
      const memo = this.memos[k];
      if (memo ? memo.test(this.collector, r.filter, p) : r.filter.matches(p)) return r.number;
    }
    return 0;
  }
}
