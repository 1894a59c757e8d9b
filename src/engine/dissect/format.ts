/**
 * Value formatting, in two flavours:
 * - `formatFieldValue`: exactly what `tshark -T fields -e X` prints (tshark 4.0):
 *   hex integers padded to their container width, booleans as 1/0, IPv6
 *   compressed per RFC 5952, times with nine decimals, bytes as bare hex.
 * - `displayValue`: what the details pane shows after "Name: ", with value
 *   names ("Echo (ping) request (8)") like Wireshark's tree.
 */
import type { FieldDef, FieldValue } from "./field";
import { formatTextString } from "./format-text";

const HEX_DIGITS: Record<string, number> = {
  uint8: 2,
  int8: 2,
  uint16: 4,
  int16: 4,
  uint24: 6,
  uint32: 8,
  int32: 8,
  uint64: 16,
  int64: 16,
};

/**
 * Address texts repeat from packet to packet, so the last few thousand are
 * kept in direct-mapped caches (slot by hash, key checked): a hit returns the
 * same string again, with no allocation and its hash already computed for
 * the Map lookups that follow (string tables, conversations).
 */
const V4_SLOTS = 4096;
const v4Keys = new Int32Array(V4_SLOTS);
const v4Texts = new Array<string | undefined>(V4_SLOTS).fill(undefined);

export function ipv4ToString(v: number): string {
  const u = v >>> 0;
  const slot = Math.imul(u, 0x9e3779b1) >>> 20;
  const hit = v4Texts[slot];
  if (hit !== undefined && v4Keys[slot] === (u | 0)) return hit;
  const text = `${u >>> 24}.${(u >>> 16) & 0xff}.${(u >>> 8) & 0xff}.${u & 0xff}`;
  v4Keys[slot] = u | 0;
  v4Texts[slot] = text;
  return text;
}

const HEX2: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

const MAC_SLOTS = 1024;
const macHi = new Int32Array(MAC_SLOTS);
const macLo = new Int32Array(MAC_SLOTS);
const macTexts = new Array<string | undefined>(MAC_SLOTS).fill(undefined);

/** The 6-byte MAC address at b[o] as "aa:bb:cc:dd:ee:ff" (cached like ipv4ToString). */
export function etherAt(b: Uint8Array, o: number): string {
  const hi = (b[o]! << 8) | b[o + 1]!;
  const lo = (b[o + 2]! << 24) | (b[o + 3]! << 16) | (b[o + 4]! << 8) | b[o + 5]!;
  const slot = Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1) >>> 22;
  const hit = macTexts[slot];
  if (hit !== undefined && macLo[slot] === lo && macHi[slot] === hi) return hit;
  const text = `${HEX2[b[o]!]}:${HEX2[b[o + 1]!]}:${HEX2[b[o + 2]!]}:${HEX2[b[o + 3]!]}:${HEX2[b[o + 4]!]}:${HEX2[b[o + 5]!]}`;
  macHi[slot] = hi;
  macLo[slot] = lo;
  macTexts[slot] = text;
  return text;
}

export function etherToString(b: Uint8Array): string {
  if (b.length === 6) return etherAt(b, 0);
  let s = "";
  for (let i = 0; i < b.length; i++) s += (i ? ":" : "") + HEX2[b[i]!];
  return s;
}

export function bytesToHex(b: Uint8Array, sep = ""): string {
  let s = "";
  for (let i = 0; i < b.length; i++) s += (i && sep ? sep : "") + HEX2[b[i]!];
  return s;
}

/** RFC 5952 text form: lower case, longest run (≥2) of zero groups compressed, IPv4-mapped kept dotted. */
export function ipv6ToString(b: Uint8Array): string {
  const g: number[] = [];
  for (let i = 0; i < 16; i += 2) g.push((b[i]! << 8) | b[i + 1]!);
  // ::ffff:a.b.c.d and ::a.b.c.d (deprecated compatible, as inet_ntop prints it)
  if (g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && (g[5] === 0xffff || (g[5] === 0 && g[6] !== 0))) {
    const v4 = `${b[12]}.${b[13]}.${b[14]}.${b[15]}`;
    if (g[5] === 0xffff) return `::ffff:${v4}`;
    return `::${v4}`;
  }
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestLen < 2) return g.map((x) => x.toString(16)).join(":");
  const head = g.slice(0, bestStart).map((x) => x.toString(16)).join(":");
  const tail = g.slice(bestStart + bestLen).map((x) => x.toString(16)).join(":");
  return `${head}::${tail}`;
}

/** Seconds (possibly fractional, possibly negative) with nine decimals, as tshark prints relative times. */
export function relTimeToString(secs: number, nsecs: number): string {
  const neg = secs < 0 || nsecs < 0;
  const s = Math.abs(secs);
  const n = Math.abs(nsecs);
  return `${neg ? "-" : ""}${s}.${String(n).padStart(9, "0")}`;
}

/** Difference a - b of two (sec, nsec) times, normalised so both parts share a sign. */
export function timeDiff(aSec: number, aNsec: number, bSec: number, bNsec: number): [number, number] {
  let sec = aSec - bSec;
  let nsec = aNsec - bNsec;
  if (sec > 0 && nsec < 0) {
    sec -= 1;
    nsec += 1e9;
  } else if (sec < 0 && nsec > 0) {
    sec += 1;
    nsec -= 1e9;
  }
  return [sec, nsec];
}

function intToString(def: FieldDef, v: number | bigint): string {
  switch (def.base) {
    case "hex":
    case "hex_dec": {
      const digits = HEX_DIGITS[def.type] ?? 2;
      const n = typeof v === "bigint" ? v : BigInt.asUintN(digits * 4, BigInt(v));
      return "0x" + n.toString(16).padStart(digits, "0");
    }
    case "oct":
      return "0" + v.toString(8);
    default:
      return v.toString();
  }
}

/** The text tshark -T fields prints for one occurrence of a field. */
export function formatFieldValue(def: FieldDef, value: FieldValue): string {
  // Items without a value (FT_NONE) print as "1": "present".
  if (def.type === "none") return "1";
  if (value === null) return "";
  switch (def.type) {
    case "uint8":
    case "uint16":
    case "uint24":
    case "uint32":
    case "uint64":
    case "int8":
    case "int16":
    case "int32":
    case "int64":
      return intToString(def, value as number | bigint);
    case "framenum":
      return String(value);
    case "boolean":
      return value === true || (typeof value === "number" && value !== 0) ? "1" : "0";
    case "ipv4":
      return typeof value === "number" ? ipv4ToString(value) : String(value);
    case "ipv6":
      return value instanceof Uint8Array ? ipv6ToString(value) : String(value);
    case "ether":
      return value instanceof Uint8Array ? etherToString(value) : String(value);
    case "bytes":
      return value instanceof Uint8Array ? bytesToHex(value, def.sep) : String(value);
    case "reltime":
      if (Array.isArray(value)) return relTimeToString(value[0]!, value[1]!);
      return (value as number).toFixed(9);
    case "abstime":
      if (Array.isArray(value)) return formatAbsTime(def, value[0]!, value[1]!);
      return String(value);
    case "double":
    case "float":
      return formatDouble(value as number);
    case "string":
    case "oid":
      return value as string;
    default:
      return value instanceof Uint8Array ? bytesToHex(value) : String(value);
  }
}

/** "0x" + hex padded to `digits`, for the small widths, cached (eth.type, tcp.flags... repeat a lot). */
const HEX_PADDED: ((string | undefined)[] | undefined)[] = [];
function hexPadded(v: number, digits: number): string {
  if (digits > 4) return "0x" + v.toString(16).padStart(digits, "0");
  // Allocated at full size up front so the array keeps fast (non-dictionary) elements.
  const cache = (HEX_PADDED[digits] ??= new Array<string | undefined>(1 << (digits * 4)).fill(undefined));
  return (cache[v] ??= "0x" + v.toString(16).padStart(digits, "0"));
}

/**
 * `formatFieldValue` specialised for one field, chosen once: what the CLI's
 * -T fields writer calls per value. Gives exactly formatFieldValue's text
 * (values of an unexpected shape go through formatFieldValue itself).
 */
export function fieldFormatter(def: FieldDef): (value: FieldValue) => string {
  const generic = (v: FieldValue): string => formatFieldValue(def, v);
  switch (def.type) {
    case "none":
      return () => "1";
    case "uint8":
    case "uint16":
    case "uint24":
    case "uint32":
    case "uint64":
    case "int8":
    case "int16":
    case "int32":
    case "int64": {
      if (def.base === "hex" || def.base === "hex_dec") {
        const digits = HEX_DIGITS[def.type] ?? 2;
        if (digits > 8) return generic;
        // BigInt.asUintN(bits, v) of a safe integer: ToUint32 for 32 bits, the low bits below.
        const mask = digits === 8 ? 0 : 2 ** (digits * 4) - 1;
        return (v) =>
          typeof v === "number" && Number.isSafeInteger(v) ? hexPadded(mask === 0 ? v >>> 0 : v & mask, digits) : generic(v);
      }
      if (def.base === "oct") return generic;
      return (v) => (typeof v === "number" ? String(v) : generic(v));
    }
    case "framenum":
      return (v) => (v === null ? "" : String(v));
    case "ipv4":
      return (v) => (typeof v === "number" ? ipv4ToString(v) : generic(v));
    case "ether":
      return (v) => (v instanceof Uint8Array ? etherToString(v) : generic(v));
    case "reltime":
      return (v) => (Array.isArray(v) ? relTimeToString(v[0]!, v[1]!) : generic(v));
    case "abstime":
      if (def.base !== "none") return generic;
      return (v) => (Array.isArray(v) ? `${v[0]!}.${String(v[1]!).padStart(9, "0")}` : generic(v));
    case "string":
      return (v) => (typeof v === "string" ? v : generic(v));
    default:
      return generic;
  }
}

function formatDouble(v: number): string {
  // tshark uses %g-like shortest representation for doubles.
  return Number.isInteger(v) ? String(v) : String(v);
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * frame.time_epoch style ("1781126451.277051000") when the field's base is
 * "none"; otherwise "Oct  8, 2012 14:08:49.579511000 UTC" (tshark's absolute time;
 * we always print UTC, which is what tshark prints when TZ is UTC).
 */
export function formatAbsTime(def: FieldDef, sec: number, nsec: number): string {
  if (def.base === "none") return `${sec}.${String(nsec).padStart(9, "0")}`;
  return formatUtcDate(sec, nsec) + " UTC";
}

export function formatUtcDate(sec: number, nsec: number): string {
  const d = new Date(sec * 1000);
  if (Number.isNaN(d.getTime())) return `(${sec}.${String(nsec).padStart(9, "0")})`;
  const day = String(d.getUTCDate()).padStart(2, " ");
  const hh = String(d.getUTCHours()).padStart(2, "0");
  const mm = String(d.getUTCMinutes()).padStart(2, "0");
  const ss = String(d.getUTCSeconds()).padStart(2, "0");
  return `${MONTHS[d.getUTCMonth()]} ${day}, ${d.getUTCFullYear()} ${hh}:${mm}:${ss}.${String(nsec).padStart(9, "0")}`;
}

/** The value part of a details-pane line ("Echo (ping) request (8)", "0x0800 (IPv4)"...). */
export function displayValue(def: FieldDef, value: FieldValue): string {
  if (value === null) return "";
  if (def.type === "boolean") {
    const on = value === true || (typeof value === "number" && value !== 0);
    return def.tfs ? def.tfs[on ? 0 : 1] : on ? "True" : "False";
  }
  // Wireshark's format_text, not JSON: a quote or backslash in capture text is shown as sent.
  if (def.type === "string") return typeof value === "string" ? formatTextString(value) : value instanceof Uint8Array ? bytesToHex(value, ":") : String(value);
  if (def.type === "bytes" && value instanceof Uint8Array) return bytesToHex(value, def.sep);
  const raw = def.type === "uint64" || def.type === "int64" ? String(value) : formatFieldValue(def, value);
  let text = raw;
  if ((def.base === "hex_dec" || def.base === "dec_hex") && typeof value === "number") {
    text = def.base === "hex_dec" ? `${intToString(def, value)} (${value})` : `${value} (${intToString({ ...def, base: "hex" }, value)})`;
  }
  if (def.vals && typeof value === "number") {
    const name = def.vals.get(value);
    return name === undefined ? `Unknown (${raw})` : `${name} (${raw})`;
  }
  return def.unit ? text + def.unit : text;
}

/**
 * How a 6-byte address reads in a label: Wireshark labels FT_ETHER items with
 * address_with_resolution_to_str ("Broadcast (ff:ff:ff:ff:ff:ff)"). The MAC
 * name tables install it (mac-names/index.ts, loaded with the dissectors),
 * so this module, which the page loads too, does not carry them.
 */
let etherLabelText: (b: Uint8Array) => string = etherToString;
export function setEtherLabelText(text: (b: Uint8Array) => string): void {
  etherLabelText = text;
}

/** "Name: value" line for a field node without custom text. */
export function defaultLabel(def: FieldDef, value: FieldValue): string {
  if (def.type === "none" || def.type === "protocol") return def.name;
  if (def.type === "ether" && value instanceof Uint8Array && value.length === 6) return `${def.name}: ${etherLabelText(value)}`;
  return `${def.name}: ${displayValue(def, value)}`;
}

/** unsigned_time_secs_to_str(): "1 day, 2 hours, 3 minutes, 4 seconds"; 0 → "0 seconds". */
export function timeSecsToStr(t: number): string {
  if (t === 0) return "0 seconds";
  const parts: string[] = [];
  const secs = t % 60;
  let rest = Math.floor(t / 60);
  const mins = rest % 60;
  rest = Math.floor(rest / 60);
  const hours = rest % 24;
  const days = Math.floor(rest / 24);
  if (days) parts.push(`${days} day${days === 1 ? "" : "s"}`);
  if (hours) parts.push(`${hours} hour${hours === 1 ? "" : "s"}`);
  if (mins) parts.push(`${mins} minute${mins === 1 ? "" : "s"}`);
  if (secs) parts.push(`${secs} second${secs === 1 ? "" : "s"}`);
  return parts.join(", ");
}
