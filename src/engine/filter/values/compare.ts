/**
 * How two values of a kind compare, contain and match, and a value's length
 * and bytes (ftypes' cmp_order, cmp_contains, len, and the bytes slices and
 * matches read).
 */
import type { FieldDef } from "../../dissect/field";
import { type Ipv4Net, type Ipv6Net, type Kind, PROTOCOL_TAIL, type ProtocolBytes, type Value } from "./kinds";
import { latin1 } from "./literals";

function cmpNumbers(a: number | bigint, b: number | bigint): number {
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function cmpBytes(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

function v4(x: Value): Ipv4Net {
  return typeof x === "number" ? { addr: x, mask: 0xffffffff } : (x as Ipv4Net);
}
function v6(x: Value): Ipv6Net {
  return x instanceof Uint8Array ? { bytes: x, prefix: 128 } : (x as Ipv6Net);
}

/** cmp_order of two values of one kind: negative, zero or positive. */
export function compare(kind: Kind, a: Value, b: Value): number {
  switch (kind) {
    case "uint":
    case "int":
    case "reltime":
    case "abstime":
    case "double":
      return cmpNumbers(a as number | bigint, b as number | bigint);
    case "bool": {
      const x = a !== 0 && a !== 0n;
      const y = b !== 0 && b !== 0n;
      return x === y ? 0 : x ? 1 : -1;
    }
    case "ipv4": {
      // Plain addresses (the packet's side, always) compare without building a network.
      if (typeof a === "number" && typeof b === "number") return a === b ? 0 : a < b ? -1 : 1;
      const x = v4(a);
      const y = v4(b);
      const mask = Math.min(x.mask >>> 0, y.mask >>> 0);
      const p = (x.addr & mask) >>> 0;
      const q = (y.addr & mask) >>> 0;
      return p === q ? 0 : p < q ? -1 : 1;
    }
    case "ipv6": {
      const x = v6(a);
      const y = v6(b);
      let prefix = Math.min(x.prefix, y.prefix, 128);
      for (let i = 0; prefix > 0; i++, prefix -= 8) {
        const m = prefix >= 8 ? 0xff : (0xff << (8 - prefix)) & 0xff;
        const d = (x.bytes[i]! & m) - (y.bytes[i]! & m);
        if (d !== 0) return d;
      }
      return 0;
    }
    case "string":
      return a < b ? -1 : a > b ? 1 : 0;
    default:
      return cmpBytes(a as Uint8Array, b as Uint8Array);
  }
}

function indexOfBytes(hay: Uint8Array, needle: Uint8Array): number {
  if (needle.length === 0) return -1;
  const first = needle[0]!;
  outer: for (let i = hay.indexOf(first); i >= 0 && i + needle.length <= hay.length; i = hay.indexOf(first, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** cmp_contains: an empty needle never matches. */
export function contains(kind: Kind, a: Value, b: Value): boolean {
  if (kind === "string") return (b as string).length > 0 && (a as string).includes(b as string);
  const hay = kind === "protocol" ? ((a as ProtocolBytes)[PROTOCOL_TAIL] ?? (a as Uint8Array)) : (a as Uint8Array);
  return indexOfBytes(hay, b as Uint8Array) >= 0;
}

/** The text a regular expression runs over: strings as they are, bytes one character per byte. */
export function matchText(kind: Kind, a: Value): string {
  if (kind === "string") return a as string;
  const bytes = kind === "protocol" ? ((a as ProtocolBytes)[PROTOCOL_TAIL] ?? (a as Uint8Array)) : (a as Uint8Array);
  return latin1.decode(bytes);
}

/** fvalue_length: bytes and strings their length, the fixed-size types their wire size. */
export function lengthOf(f: FieldDef | null, kind: Kind, v: Value): number {
  switch (kind) {
    case "string":
      return utf8Length(v as string);
    case "bytes":
    case "ether":
    case "oid":
    case "protocol":
      return (v as Uint8Array).length;
    case "ipv4":
      return 4;
    case "ipv6":
      return 16;
    default: {
      const size: Record<string, number> = { uint8: 1, uint16: 2, uint24: 3, uint32: 4, uint64: 8, int8: 1, int16: 2, int32: 4, int64: 8, framenum: 4 };
      return f ? (size[f.type] ?? 0) : 0;
    }
  }
}

const encoder = new TextEncoder();
function utf8Length(s: string): number {
  let latin = true;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) latin = false;
  return latin ? s.length : encoder.encode(s).length;
}

/** A value's bytes, for slices (fvalue_slice over the whole value). */
export function bytesOf(kind: Kind, v: Value): Uint8Array {
  switch (kind) {
    case "ipv4": {
      const a = v4(v).addr;
      return Uint8Array.of(a >>> 24, (a >>> 16) & 0xff, (a >>> 8) & 0xff, a & 0xff);
    }
    case "ipv6":
      return v6(v).bytes;
    case "string": {
      const s = v as string;
      for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return encoder.encode(s);
      const out = new Uint8Array(s.length);
      for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
      return out;
    }
    default:
      return v as Uint8Array;
  }
}
