/**
 * Field definitions: every value a dissector reports carries one, named as in
 * Wireshark (tshark 4.0 "header field" abbreviations such as `ip.src`), so the
 * CLI's `-e ip.src`, display filters and the details pane speak the same names.
 */

export type FieldType =
  | "none" // a text-only or grouping item (FT_NONE)
  | "protocol" // a protocol layer (FT_PROTOCOL)
  | "uint8"
  | "uint16"
  | "uint24"
  | "uint32"
  | "uint64"
  | "int8"
  | "int16"
  | "int32"
  | "int64"
  | "boolean"
  | "ipv4"
  | "ipv6"
  | "ether"
  | "string"
  | "bytes"
  | "oid" // an OBJECT IDENTIFIER, held as its dotted text ("1.3.6.1.2.1.1.5.0")
  | "framenum"
  | "reltime" // seconds as a number, printed with 9 decimals
  | "abstime" // [seconds, nanoseconds]
  | "double"
  | "float";

/** Integer display base, as Wireshark's BASE_*. */
export type FieldBase = "dec" | "hex" | "hex_dec" | "dec_hex" | "oct" | "none";

export interface FieldDef {
  /** Index in the global field table, assigned by `defineField`. */
  readonly id: number;
  /** Wireshark abbreviation, e.g. `tcp.srcport`. */
  readonly abbrev: string;
  /** Human name, e.g. "Source Port". */
  readonly name: string;
  readonly type: FieldType;
  readonly base: FieldBase;
  /** Value names for enumerations (value_string). */
  readonly vals?: ReadonlyMap<number, string>;
  /** Bit mask within the containing integer (for flag fields). */
  readonly bitmask?: number;
  /** Width in bits of the containing integer when `bitmask` is set (for the "..1. ...." display). */
  readonly bitWidth?: number;
  /** True/false strings for booleans (Wireshark's tfs). */
  readonly tfs?: readonly [string, string];
  /** Unit suffix for display, e.g. " bytes". */
  readonly unit?: string;
  /**
   * False where Wireshark names the values some other way than a value
   * string (icmp.type's names come from a function): a display filter then
   * cannot say `icmp.type == "Echo (ping) request"`, as in tshark.
   */
  readonly filterNames?: false;
  /** Between the bytes of an FT_BYTES value (Wireshark's SEP_SPACE, SEP_COLON…); none by default. */
  readonly sep?: string;
}

export type FieldValue = number | bigint | string | boolean | Uint8Array | readonly [number, number] | null;

const byAbbrev = new Map<string, FieldDef>();
const byId: FieldDef[] = [];

export interface FieldSpec {
  name: string;
  type: FieldType;
  base?: FieldBase;
  vals?: Record<number, string> | ReadonlyMap<number, string>;
  bitmask?: number;
  bitWidth?: number;
  tfs?: readonly [string, string];
  unit?: string;
  filterNames?: false;
  sep?: string;
}

/**
 * Registers a field once (at module load) and returns its definition. Defining
 * the same abbreviation twice returns the first definition (a protocol may
 * reach for another's field, e.g. ICMP reusing ip.*).
 */
export function defineField(abbrev: string, spec: FieldSpec): FieldDef {
  const existing = byAbbrev.get(abbrev);
  if (existing) return existing;
  const vals =
    spec.vals === undefined
      ? undefined
      : spec.vals instanceof Map
        ? spec.vals
        : new Map(Object.entries(spec.vals).map(([k, v]) => [Number(k), v] as [number, string]));
  // Every definition has the same properties (absent ones undefined), so all
  // FieldDefs share one object shape and `f.id`/`f.type` stay fast loads in
  // the per-field hot paths (tree.add, the CLI's writers).
  const def: FieldDef = {
    id: byId.length,
    abbrev,
    name: spec.name,
    type: spec.type,
    base: spec.base ?? defaultBase(spec.type),
    vals,
    bitmask: spec.bitmask,
    bitWidth: spec.bitWidth,
    tfs: spec.tfs || undefined,
    unit: spec.unit || undefined,
    filterNames: spec.filterNames,
    sep: spec.sep,
  };
  byAbbrev.set(abbrev, def);
  byId.push(def);
  return def;
}

/** Defines many fields of one protocol at once: `fields("tcp", { srcport: {...} })` → `tcp.srcport`. */
export function defineFields<K extends string>(prefix: string, specs: Record<K, FieldSpec>): Record<K, FieldDef> {
  const entries: [K, FieldDef][] = [];
  for (const key of Object.keys(specs) as K[]) {
    const abbrev = key === ("" as K) ? prefix : `${prefix}.${key}`;
    entries.push([key, defineField(abbrev, specs[key])]);
  }
  // Built in one go: an object filled key by key turns into a hash table in V8
  // past about twenty keys, which makes every `tcpFields.x` in the
  // dissectors' per-packet code a hash lookup instead of a constant.
  return Object.fromEntries(entries) as Record<K, FieldDef>;
}

function defaultBase(type: FieldType): FieldBase {
  switch (type) {
    case "uint8":
    case "uint16":
    case "uint24":
    case "uint32":
    case "uint64":
    case "int8":
    case "int16":
    case "int32":
    case "int64":
      return "dec";
    default:
      return "none";
  }
}

export function fieldByAbbrev(abbrev: string): FieldDef | undefined {
  return byAbbrev.get(abbrev);
}

export function fieldById(id: number): FieldDef {
  return byId[id]!;
}

export function fieldCount(): number {
  return byId.length;
}

export function allFields(): readonly FieldDef[] {
  return byId;
}

/** Well-known value names shared by several protocols. */
export function vals(record: Record<number, string>): ReadonlyMap<number, string> {
  return new Map(Object.entries(record).map(([k, v]) => [Number(k), v] as [number, string]));
}
