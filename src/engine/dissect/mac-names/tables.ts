/**
 * Wireshark's MAC name tables (manuf + wka, see data.ts), decoded on first
 * use into sorted typed arrays searched by bisection: nothing is decoded
 * until the first Ethernet address is named, and then about 50k entries in a
 * few milliseconds, with no object per entry.
 */
import { EXACT, LONG_NAMES, OUIS, RANGES, SHORT_NAMES } from "./data";
import { VarintReader } from "./varint";

interface Table {
  /** Sorted keys (24-bit OUIs, or 48-bit addresses as exact doubles). */
  keys: Float64Array;
  names: Uint16Array;
  longNames: Uint16Array | null;
}

function decode(text: string, withLong: boolean): Table {
  const keys: number[] = [];
  const names: number[] = [];
  const longNames: number[] = [];
  const r = new VarintReader(text);
  let key = 0;
  while (!r.done) {
    key += r.next();
    keys.push(key);
    names.push(r.next());
    if (withLong) longNames.push(r.next());
  }
  return { keys: Float64Array.from(keys), names: Uint16Array.from(names), longNames: withLong ? Uint16Array.from(longNames) : null };
}

let tables: { oui: Table; ranges: Table; exact: Table; short: string[]; long: string[] } | null = null;

function load(): NonNullable<typeof tables> {
  tables ??= {
    oui: decode(OUIS, true),
    ranges: decode(RANGES, false),
    exact: decode(EXACT, false),
    short: SHORT_NAMES.split("\n"),
    long: LONG_NAMES.split("\n"),
  };
  return tables;
}

function find(t: Table, key: number): number {
  let lo = 0;
  let hi = t.keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const k = t.keys[mid]!;
    if (k === key) return mid;
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The short name at `key` in one of the tables, or undefined. */
function shortName(pick: (t: NonNullable<typeof tables>) => Table, key: number): string | undefined {
  const t = load();
  const table = pick(t);
  const i = find(table, key);
  return i < 0 ? undefined : t.short[table.names[i]!];
}

/** The name of exactly this 48-bit address (wka's and manuf's full addresses), or undefined. */
export const exactName = (addr48: number): string | undefined => shortName((t) => t.exact, addr48);

/** The name of a masked range whose masked address is `masked48`, or undefined. */
export const rangeName = (masked48: number): string | undefined => shortName((t) => t.ranges, masked48);

/** The short vendor name of a 24-bit OUI, or undefined. */
export const ouiShortName = (oui: number): string | undefined => shortName((t) => t.oui, oui);

/** The full vendor name of a 24-bit OUI (Wireshark's get_manuf_name_if_known), or undefined. */
export function ouiLongName(oui: number): string | undefined {
  const t = load();
  const i = find(t.oui, oui);
  return i < 0 ? undefined : t.long[t.oui.longNames![i]!];
}

/** Every key of the three tables (tests build addresses from them to compare with tshark). */
export function tableKeys(): { ouis: Float64Array; ranges: Float64Array; exact: Float64Array } {
  const t = load();
  return { ouis: t.oui.keys, ranges: t.ranges.keys, exact: t.exact.keys };
}
