/**
 * ASN.1 Basic Encoding Rules (ITU-T X.690) primitives for the dissectors that
 * carry BER (SNMP today): identifier and length octets, INTEGER, OBJECT
 * IDENTIFIER. Every read is bounds-checked against the caller's end and
 * throws `BerError` past it; a dissector catches that and marks its layer
 * malformed, so nothing escapes the engine.
 */

export class BerError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

export const BerClass = { UNIVERSAL: 0, APPLICATION: 1, CONTEXT: 2, PRIVATE: 3 } as const;

/** Universal tags (X.680 §8.4) the dissectors use. */
export const UniversalTag = { INTEGER: 2, OCTET_STRING: 4, NULL: 5, OID: 6, SEQUENCE: 16 } as const;

/** One TLV header: where the contents start and how long they are. */
export interface BerHeader {
  cls: number;
  constructed: boolean;
  tag: number;
  /** Offset of the first identifier octet. */
  start: number;
  /** Offset of the contents. */
  contents: number;
  /** Length of the contents (for an indefinite length, what remains up to `end`). */
  length: number;
  indefinite: boolean;
}

/**
 * Reads the identifier and length octets at `offset` (X.690 §8.1.2, §8.1.3).
 * A definite length running past `end` is an error, as Wireshark reports it.
 */
export function readHeader(b: Uint8Array, offset: number, end: number): BerHeader {
  let o = offset;
  if (o >= end) throw new BerError("BER identifier past the end", o);
  const id = b[o++]!;
  const cls = id >> 6;
  const constructed = (id & 0x20) !== 0;
  let tag = id & 0x1f;
  if (tag === 0x1f) {
    // High tag number form: base-128 digits, the last without bit 8.
    tag = 0;
    for (let n = 0; ; n++) {
      if (o >= end || n > 4) throw new BerError("BER tag too long", o);
      const c = b[o++]!;
      tag = tag * 128 + (c & 0x7f);
      if ((c & 0x80) === 0) break;
    }
  }
  if (o >= end) throw new BerError("BER length past the end", o);
  const first = b[o++]!;
  let length: number;
  let indefinite = false;
  if (first < 0x80) length = first;
  else if (first === 0x80) {
    indefinite = true;
    length = end - o;
  } else {
    const n = first & 0x7f;
    if (n > 4 || o + n > end) throw new BerError("BER length octets past the end", o);
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + b[o++]!;
  }
  if (o + length > end) throw new BerError(`BER length ${length} longer than the data`, o);
  return { cls, constructed, tag, start: offset, contents: o, length, indefinite };
}

/** A two's-complement INTEGER of any length (X.690 §8.3) as a number, or a bigint past 2^53. */
export function readInteger(b: Uint8Array, offset: number, length: number): number | bigint {
  if (length === 0) return 0;
  if (length <= 6) {
    let v = b[offset]! & 0x80 ? -1 : 0;
    for (let i = 0; i < length; i++) v = v * 256 + b[offset + i]!;
    return v;
  }
  let v = BigInt(b[offset]! & 0x80 ? -1 : 0);
  for (let i = 0; i < length; i++) v = v * 256n + BigInt(b[offset + i]!);
  return Number.isSafeInteger(Number(v)) ? Number(v) : v;
}

/**
 * An INTEGER item for a field: sign-extended only when the field's type is
 * signed, as Wireshark's dissect_ber_integer does (so a sloppy one-octet 0xdd
 * reads 221 for an unsigned field, -35 for a signed one).
 */
export function berInteger(f: { type: string }, b: Uint8Array, offset: number, length: number): number {
  return Number(f.type.startsWith("int") ? readInteger(b, offset, length) : readUnsigned(b, offset, length));
}

/** An unsigned integer (Counter32, Gauge32, TimeTicks, Counter64: RFC 2578 §7.1) as a number or bigint. */
export function readUnsigned(b: Uint8Array, offset: number, length: number): number | bigint {
  let v = 0n;
  for (let i = 0; i < length; i++) v = v * 256n + BigInt(b[offset + i]!);
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

/**
 * OBJECT IDENTIFIER contents (X.690 §8.19) as its arcs. The first octets
 * encode the first two arcs together (40 × X + Y); arcs may exceed 2^32.
 */
export function readOid(b: Uint8Array, offset: number, length: number): (number | bigint)[] {
  const arcs: (number | bigint)[] = [];
  let v = 0n;
  let first = true;
  for (let i = 0; i < length; i++) {
    const c = b[offset + i]!;
    v = v * 128n + BigInt(c & 0x7f);
    if (c & 0x80) continue;
    if (first) {
      const x = v < 40n ? 0n : v < 80n ? 1n : 2n;
      arcs.push(Number(x), small(v - 40n * x));
      first = false;
    } else arcs.push(small(v));
    v = 0n;
  }
  return arcs;
}

function small(v: bigint): number | bigint {
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

/** Dotted text of an OID's arcs ("1.3.6.1.2.1.1.5.0"). */
export function oidToString(arcs: readonly (number | bigint)[]): string {
  return arcs.join(".");
}
