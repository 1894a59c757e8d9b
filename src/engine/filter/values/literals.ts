/**
 * How a literal, a quoted string, a character constant or a value name
 * becomes a value of a field's type, with tshark's message when it cannot
 * (ftypes' val_from_literal, val_from_string, val_from_charconst).
 */
import type { FieldDef } from "../../dissect/field";
import { FilterError } from "../errors";
import { type Kind, prettyName, type Value } from "./kinds";

const MAX_BY_TYPE: Record<string, bigint> = {
  uint8: 0xffn, uint16: 0xffffn, uint24: 0xffffffn, uint32: 0xffffffffn, framenum: 0xffffffffn, uint64: 0xffffffffffffffffn,
};
const RANGE_BY_TYPE: Record<string, [bigint, bigint]> = {
  int8: [-0x80n, 0x7fn], int16: [-0x8000n, 0x7fffn], int32: [-0x80000000n, 0x7fffffffn], int64: [-(1n << 63n), (1n << 63n) - 1n],
};

/** strtoul/strtol with base 0 (and 0b binary): the whole text must be the number. */
function parseCInteger(s: string): bigint | null {
  const m = s.match(/^[ \t\n\r\f\v]*([+-]?)(0[bB][01]+|0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/);
  if (!m) return null;
  const d = m[2]!;
  let v: bigint;
  if (/^0[bB]/.test(d)) v = BigInt("0b" + d.slice(2));
  else if (/^0[xX]/.test(d)) v = BigInt(d);
  else if (d.length > 1 && d[0] === "0") v = BigInt("0o" + d.slice(1));
  else v = BigInt(d);
  return m[1] === "-" ? -v : v;
}

/** An integer as the runtime form: a number when it fits exactly, else a bigint. */
export function intValue(v: bigint): number | bigint {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

function uintFromLiteral(f: FieldDef | null, s: string): Value {
  const v = parseCInteger(s);
  if (v === null) throw new FilterError(`"${s}" is not a valid number.`);
  const max = MAX_BY_TYPE[f?.type ?? "uint64"] ?? 0xffffffffffffffffn;
  // strtoul wraps a negative number around 2^64.
  const u = v < 0n ? (1n << 64n) + v : v;
  if (u >= 1n << 64n) throw new FilterError(`"${s}" causes an integer overflow.`);
  if (u > max) throw new FilterError(`"${s}" too big for this field, maximum ${max}.`);
  return intValue(u);
}

function intFromLiteral(f: FieldDef | null, s: string): Value {
  const v = parseCInteger(s);
  if (v === null) throw new FilterError(`"${s}" is not a valid number.`);
  const [min, max] = RANGE_BY_TYPE[f?.type ?? "int64"] ?? RANGE_BY_TYPE.int64!;
  if (v > (1n << 63n) - 1n) throw new FilterError(`"${s}" causes an integer overflow.`);
  if (v < -(1n << 63n)) throw new FilterError(`"${s}" causes an integer underflow.`);
  if (v > max) throw new FilterError(`"${s}" too big for this field, maximum ${max}.`);
  if (v < min) throw new FilterError(`"${s}" too small for this field, minimum ${min}.`);
  return intValue(v);
}

/** hex_str_to_bytes (no forced separators): "aabb", "aa:bb", "a:b", "aa-bb", "aa.bb"... */
export function hexToBytes(s0: string): Uint8Array | null {
  let s = s0.startsWith(":") ? s0.slice(1) : s0;
  if (s.length === 4 && /^0[xX]/.test(s)) s = s.slice(2);
  if (s.length === 10 && /^0[bB][01]/.test(s) && /^[01]{8}$/.test(s.slice(2))) return Uint8Array.of(parseInt(s.slice(2), 2));
  const out: number[] = [];
  const hex = /[0-9a-fA-F]/;
  const sep = (c: string | undefined): boolean => c === "-" || c === ":" || c === ".";
  let p = 0;
  while (p < s.length) {
    const [a, b, c, d] = [s[p], s[p + 1], s[p + 2], s[p + 3]];
    if (a && b && c && d && hex.test(a) && hex.test(b) && hex.test(c) && hex.test(d)) {
      out.push(parseInt(a + b, 16), parseInt(c + d, 16));
      p = sep(s[p + 4]) ? p + 5 : p + 4;
    } else if (a && b && hex.test(a) && hex.test(b)) {
      out.push(parseInt(a + b, 16));
      p = sep(s[p + 2]) ? p + 3 : p + 2;
    } else if (a && hex.test(a) && (b === undefined || sep(b))) {
      out.push(parseInt(a, 16));
      p += 2;
    } else return null;
  }
  return Uint8Array.from(out);
}

function bytesFromLiteral(s: string): Uint8Array {
  const b = hexToBytes(s);
  if (!b) throw new FilterError(`"${s.startsWith(":") ? s.slice(1) : s}" is not a valid byte string.`);
  return b;
}

/** Dotted-quad text to a number (inet_pton: exactly four decimal octets). */
export function parseIpv4(s: string): number | null {
  const m = s.match(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/);
  if (!m) return null;
  const o = m.slice(1).map(Number);
  if (o.some((x) => x > 255)) return null;
  return ((o[0]! << 24) | (o[1]! << 16) | (o[2]! << 8) | o[3]!) >>> 0;
}

/** RFC 4291 §2.2 text to 16 bytes (inet_pton), or null. */
export function parseIpv6(s: string): Uint8Array | null {
  let head = s;
  let v4: number | null = null;
  const lastColon = s.lastIndexOf(":");
  if (lastColon >= 0 && s.slice(lastColon + 1).includes(".")) {
    v4 = parseIpv4(s.slice(lastColon + 1));
    if (v4 === null) return null;
    head = s.slice(0, lastColon + 1) + "0:0";
  }
  const parts = head.split("::");
  if (parts.length > 2) return null;
  const group = (x: string): number[] | null => {
    if (x === "") return [];
    const gs = x.split(":");
    if (gs.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return null;
    return gs.map((g) => parseInt(g, 16));
  };
  const a = group(parts[0]!);
  const b = parts.length === 2 ? group(parts[1]!) : [];
  if (!a || !b) return null;
  const fill = 8 - a.length - b.length;
  if ((parts.length === 2 && fill < 1) || (parts.length === 1 && fill !== 0)) return null;
  const groups = [...a, ...new Array<number>(parts.length === 2 ? fill : 0).fill(0), ...b];
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    out[2 * i] = g >> 8;
    out[2 * i + 1] = g & 0xff;
  });
  if (v4 !== null) {
    out[12] = v4 >>> 24;
    out[13] = (v4 >>> 16) & 0xff;
    out[14] = (v4 >>> 8) & 0xff;
    out[15] = v4 & 0xff;
  }
  return out;
}

/** Names the capture itself resolved (DNS answers): the only name lookup pcapscope does. */
export interface NameResolver {
  ipv4(name: string): number | undefined;
  ipv6(name: string): Uint8Array | undefined;
  /** Every address the name was seen with, as text (for `ip.host == name`). */
  addressTexts(name: string): string[];
}

function ipv4FromLiteral(s: string, names: NameResolver | null): Value {
  const slash = s.indexOf("/");
  const host = slash >= 0 ? s.slice(0, slash) : s;
  const addr = parseIpv4(host) ?? names?.ipv4(host.toLowerCase());
  if (addr === undefined || addr === null) throw new FilterError(`"${host}" is not a valid hostname or IPv4 address.`);
  if (slash < 0) return addr;
  const bits = uintFromLiteral(null, s.slice(slash + 1));
  if (typeof bits !== "number" || bits > 32) throw new FilterError(`Netmask bits in a CIDR IPv4 address should be <= 32, not ${bits}`);
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return { addr, mask };
}

function ipv6FromLiteral(s: string, names: NameResolver | null): Value {
  const slash = s.indexOf("/");
  const host = slash >= 0 ? s.slice(0, slash) : s;
  const bytes = parseIpv6(host) ?? names?.ipv6(host.toLowerCase());
  if (!bytes) throw new FilterError(`"${host}" is not a valid hostname or IPv6 address.`);
  if (slash < 0) return bytes;
  const bits = uintFromLiteral(null, s.slice(slash + 1));
  if (typeof bits !== "number" || bits > 128) throw new FilterError(`Prefix in a IPv6 address should be <= 128, not ${bits}`);
  return { bytes, prefix: bits };
}

/** "1.3.6.1" to its BER contents octets (X.690 §8.19), or null. */
export function encodeOid(s: string): Uint8Array | null {
  if (!/^\d+(\.\d+)+$/.test(s)) return null;
  const arcs = s.split(".").map((x) => BigInt(x));
  if (arcs[0]! > 2n || (arcs[0]! < 2n && arcs[1]! >= 40n)) return null;
  const out: number[] = [];
  const push = (v: bigint): void => {
    const digits = [Number(v & 0x7fn)];
    for (v >>= 7n; v > 0n; v >>= 7n) digits.unshift(Number(v & 0x7fn) | 0x80);
    out.push(...digits);
  };
  push(arcs[0]! * 40n + arcs[1]!);
  for (const a of arcs.slice(2)) push(a);
  return Uint8Array.from(out);
}

/** Seconds with an optional fraction ("1.5", "-.25"): relative_val_from_literal. */
function reltimeFromLiteral(s: string): Value {
  const m = s.match(/^(-?)(\d*)(?:\.(\d*))?$/);
  if (!m || (m[2] === "" && m[3] === undefined) || (m[3] !== undefined && m[3].length > 9)) throw new FilterError(`"${s}" is not a valid time.`);
  const secs = BigInt(m[2] || "0");
  const frac = (m[3] ?? "").padEnd(9, "0");
  const ns = secs * 1_000_000_000n + BigInt(frac || "0");
  return m[1] === "-" ? -ns : ns;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * absolute_val_from_string: ISO 8601, "Mon DD, YYYY HH:MM:SS[.frac]" or
 * "YYYY-MM-DD[ HH[:MM[:SS[.frac]]]]", then optionally " UTC". Without UTC
 * Wireshark reads local time; pcapscope shows and reads UTC throughout.
 */
function abstimeFromText(s: string): Value {
  const fail = (why?: string): never => {
    throw new FilterError(why ?? `"${s}" is not a valid absolute time. Example: "Nov 12, 1999 08:55:44.123" or "2011-07-04 12:34:56"`);
  };
  let rest = s.trim();
  let date: [number, number, number, number, number, number] | null = null;
  let hasSeconds = true;
  let m = rest.match(/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/);
  if (m) {
    date = [+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0)];
    hasSeconds = m[6] !== undefined;
  } else if ((m = rest.match(/^([A-Za-z]{3}) +(\d{1,2}), *(\d{4}) +(\d{1,2}):(\d{1,2}):(\d{1,2})/)) && MONTHS.includes(m[1]![0]!.toUpperCase() + m[1]!.slice(1).toLowerCase())) {
    const mon = MONTHS.indexOf(m[1]![0]!.toUpperCase() + m[1]!.slice(1).toLowerCase());
    date = [+m[3]!, mon, +m[2]!, +m[4]!, +m[5]!, +m[6]!];
  } else if ((m = rest.match(/^(\d{4})-(\d{1,2})-(\d{1,2})(?: +(\d{1,2})(?::(\d{1,2})(?::(\d{1,2}))?)?)?/))) {
    date = [+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)];
    hasSeconds = m[6] !== undefined;
  }
  if (!date || !m) return fail();
  rest = rest.slice(m[0].length);
  let nsec = 0n;
  if (rest.startsWith(".")) {
    if (!hasSeconds) fail("Subsecond precision requires a seconds field.");
    const f = rest.slice(1).match(/^\d+/);
    if (!f) fail("Subseconds value is not a number.");
    if (f![0].length > 9) fail("Subseconds value is invalid.");
    nsec = BigInt(f![0].padEnd(9, "0"));
    rest = rest.slice(1 + f![0].length);
  }
  rest = rest.trim();
  if (rest === "Z") rest = "UTC";
  if (rest !== "" && rest !== "UTC") fail("Unexpected data after time value.");
  const ms = Date.UTC(date[0], date[1], date[2], date[3], date[4], date[5]);
  if (Number.isNaN(ms)) fail();
  return BigInt(ms / 1000) * 1_000_000_000n + nsec;
}

function doubleFromLiteral(s: string): Value {
  const v = Number(s);
  if (s.trim() === "" || Number.isNaN(v)) throw new FilterError(`"${s}" is not a valid floating point number.`);
  return v;
}

/** An unquoted word as a value of `kind` (fvalue_from_literal). `partial`: a MAC prefix is enough (contains). */
export function fromLiteral(kind: Kind, f: FieldDef | null, s: string, partial: boolean, names: NameResolver | null): Value {
  switch (kind) {
    case "uint":
      return uintFromLiteral(f, s);
    case "int":
      return intFromLiteral(f, s);
    case "bool":
      if (s === "True" || s === "TRUE") return 1;
      if (s === "False" || s === "FALSE") return 0;
      return uintFromLiteral(null, s);
    case "ipv4":
      return ipv4FromLiteral(s, names);
    case "ipv6":
      return ipv6FromLiteral(s, names);
    case "ether": {
      const b = hexToBytes(s);
      if (!b) throw new FilterError(`"${s}" is not a valid Ethernet address.`);
      if (b.length > 6) throw new FilterError(`"${s}" contains too many bytes to be a valid Ethernet address.`);
      if (b.length < 6 && !partial) throw new FilterError(`"${s}" contains too few bytes to be a valid Ethernet address.`);
      return b;
    }
    case "bytes":
    case "protocol":
      return bytesFromLiteral(s);
    case "oid": {
      const b = encodeOid(s);
      if (!b) throw new FilterError(`"${s}" is not a valid OBJECT IDENTIFIER.`);
      return b;
    }
    case "string":
      return s;
    case "reltime":
      return reltimeFromLiteral(s);
    case "abstime":
      return abstimeFromText(s);
    case "double":
      return doubleFromLiteral(s);
    case "none":
      throw new FilterError(`"${s}" cannot be converted to ${prettyName(kind)}.`);
  }
}

export const latin1 = new TextDecoder("latin1");
const utf8 = new TextDecoder("utf-8", { fatal: true });

/** A quoted string's bytes as text: UTF-8 when they are, else one character per byte. */
export function bytesToText(b: Uint8Array): string {
  try {
    return utf8.decode(b);
  } catch {
    return latin1.decode(b);
  }
}

/** A quoted string as a value of `kind` (fvalue_from_string); only strings, bytes, protocols and times take one. */
export function fromString(kind: Kind, f: FieldDef | null, bytes: Uint8Array): Value {
  switch (kind) {
    case "string":
      return bytesToText(bytes);
    case "bytes":
    case "protocol":
      return bytes;
    case "abstime":
      return abstimeFromText(bytesToText(bytes));
    default:
      throw new FilterError(`${prettyName(f ?? kind)} cannot be converted from a string ("${bytesToText(bytes)}").`);
  }
}

/** A 'c' character constant as a value of `kind` (fvalue_from_charconst). */
export function fromCharconst(kind: Kind, f: FieldDef | null, n: number): Value {
  switch (kind) {
    case "uint":
    case "int":
    case "bool":
      return n;
    case "string":
      return String.fromCharCode(n);
    case "bytes":
    case "protocol":
      return Uint8Array.of(n);
    default: {
      const c = n <= 0x7f && n >= 0x20 && n < 0x7f ? `'${String.fromCharCode(n)}' (0x${n.toString(16)})` : `0x${n.toString(16)}`;
      throw new FilterError(`Character constant ${c} cannot be converted to ${prettyName(f ?? kind)}.`);
    }
  }
}

/**
 * A value string's name ("Echo (ping) request"), case-insensitive, or a
 * boolean's true/false text, as the number it names (mk_fvalue_from_val_string).
 * Returns undefined when the field has no names; throws when the name is not one of them.
 */
export function fromValueName(f: FieldDef, s: string): Value | undefined {
  if (f.type === "boolean") {
    const [t, fl] = f.tfs ?? ["True", "False"];
    if (s.toLowerCase() === t.toLowerCase()) return 1;
    if (s.toLowerCase() === fl.toLowerCase()) return 0;
    throw new FilterError(`"${s}" cannot be found among the possible values for ${f.abbrev}.`);
  }
  if (!f.vals || f.filterNames === false) return undefined;
  const want = s.toLowerCase();
  for (const [k, v] of f.vals) if (v.toLowerCase() === want) return k;
  throw new FilterError(`"${s}" cannot be found among the possible values for ${f.abbrev}.`);
}
