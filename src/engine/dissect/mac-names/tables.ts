/**
 * Wireshark's MAC name tables (manuf + wka, see data.ts), decoded on first
 * use into sorted typed arrays searched by bisection: nothing is decoded
 * until the first Ethernet address is named, and then about 50k entries in a
 * few milliseconds, with no object per entry.
 */
import { EXACT, LONG_NAMES, OUIS, RANGES, SHORT_NAMES } from "./data";
import { countVarints, VarintReader } from "./varint";

interface Table {
  /** Sorted keys (24-bit OUIs, or 48-bit addresses as exact doubles). */
  keys: Float64Array;
  names: Uint16Array;
  longNames: Uint16Array | null;
}

/**
 * One table: `perEntry` varints an entry (key delta, then name indexes). Two
 * passes over the string, the first counting the entries (one final digit
 * per varint), so the arrays are allocated once at their size.
 */
function decode(text: string, perEntry: 2 | 3): Table {
  const n = countVarints(text) / perEntry;
  const keys = new Float64Array(n);
  const names = new Uint16Array(n);
  const longNames = perEntry === 3 ? new Uint16Array(n) : null;
  const r = new VarintReader(text);
  let key = 0;
  for (let i = 0; i < n; i++) {
    key += r.next();
    keys[i] = key;
    names[i] = r.next();
    if (longNames) longNames[i] = r.next();
  }
  return { keys, names, longNames };
}

let tables: { oui: Table; ranges: Table; exact: Table; short: string[] } | null = null;
/** The vendors' full names, split only when an OUI field or label first asks. */
let longNames: string[] | null = null;

/**
 * Decodes the tables now rather than at the first address resolved: a
 * worker started ahead of a file calls it while idle, since decoding them
 * (about 100 ms in a cold worker) was a third of the time to the first rows.
 */
export function preloadMacTables(): void {
  load();
}

/**
 * Splits the vendors' full names now rather than at the first packet shown
 * in detail (an OUI's vendor label): the page's first details after a Follow
 * Stream click spent about 70 ms in chromium's worker on it. Called once a
 * capture is indexed, not at the worker's start, which the first rows wait on.
 */
export function preloadVendorNames(): void {
  vendorNames();
}

function vendorNames(): string[] {
  return (longNames ??= LONG_NAMES.split("\n"));
}

function load(): NonNullable<typeof tables> {
  tables ??= {
    oui: decode(OUIS, 3),
    ranges: decode(RANGES, 2),
    exact: decode(EXACT, 2),
    short: SHORT_NAMES.split("\n"),
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
  if (i < 0) return undefined;
  return vendorNames()[t.oui.longNames![i]!];
}

/** Every key of the three tables (tests build addresses from them to compare with tshark). */
export function tableKeys(): { ouis: Float64Array; ranges: Float64Array; exact: Float64Array } {
  const t = load();
  return { ouis: t.oui.keys, ranges: t.ranges.keys, exact: t.exact.keys };
}
