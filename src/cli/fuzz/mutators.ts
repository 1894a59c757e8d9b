/**
 * Seeded, deterministic mutations of a valid capture. The same (seed, case)
 * always yields the same bytes, so a failure is replayed from two numbers.
 * Each mutant says what was done and, when the result is still well defined,
 * how many packets a reader must deliver (`expectPackets`, with
 * `expectIntact` when the file is still entirely valid).
 */
import { gunzipSync, gzipSync, constants } from "node:zlib";
import { layoutOf, packetCount, wholePacketsBefore, type Layout } from "./layout";

/** mulberry32: a 32-bit seeded PRNG, enough for picking offsets (no Math.random anywhere). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Mutant {
  kind: string;
  /** What was done, precise enough to read in a failure report. */
  detail: string;
  bytes: Uint8Array;
  /** Packets every reader must deliver (truncations, duplicated records). */
  expectPackets?: number;
  /** The mutant is a whole valid capture: no problem may be reported. */
  expectIntact?: boolean;
  /** At most this many packets (a cut gzip stream delivers a prefix). */
  maxPackets?: number;
}

/** A corpus input, parsed once: gzip inputs keep their inflated capture beside them. */
export interface Input {
  name: string;
  bytes: Uint8Array;
  /** The capture itself (inflated when `bytes` is gzip). */
  capture: Uint8Array;
  gzip: boolean;
  layout: Layout;
}

export function inputOf(name: string, bytes: Uint8Array): Input {
  const gzip = bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  const capture = gzip ? new Uint8Array(gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH })) : bytes;
  return { name, bytes, capture, gzip, layout: layoutOf(capture) };
}

type Rand = () => number;
const int = (r: Rand, n: number): number => Math.floor(r() * n);
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[int(r, xs.length)]!;

type Mutator = (input: Input, r: Rand, corpus: readonly Input[]) => Mutant;

const bitFlips: Mutator = ({ capture }, r) => {
  const bytes = capture.slice();
  const flips = 1 + int(r, 8);
  const at: number[] = [];
  for (let i = 0; i < flips; i++) {
    const off = int(r, bytes.length);
    bytes[off]! ^= 1 << int(r, 8);
    at.push(off);
  }
  return { kind: "bit-flip", detail: `flipped a bit at ${at.join(", ")}`, bytes };
};

/** A few bytes of one packet's protocol headers (its first 96 bytes) set at random: where dissectors parse. */
const headerBytes: Mutator = (input, r, corpus) => {
  const packets = input.layout.records.filter((x) => x.data && x.data.end > x.data.start);
  if (!packets.length) return bitFlips(input, r, corpus);
  const rec = pick(r, packets);
  const bytes = input.capture.slice();
  const { start, end } = rec.data!;
  const room = Math.min(96, end - start);
  const at: string[] = [];
  for (let i = 0, n = 1 + int(r, 4); i < n; i++) {
    const off = start + int(r, room);
    bytes[off] = pick(r, [0, 0xff, 1, 0x7f, 0x80, int(r, 256)]);
    at.push(`${off}=${bytes[off]}`);
  }
  return { kind: "header-bytes", detail: `packet bytes set: ${at.join(", ")}`, bytes, expectPackets: packetCount(input.layout) };
};

const truncateAtBoundary: Mutator = ({ capture, layout }, r) => {
  const cuts = [layout.headerEnd, ...layout.records.map((x) => x.start), capture.length];
  const cut = pick(r, cuts);
  return {
    kind: "truncate-boundary",
    detail: `cut at record boundary ${cut} of ${capture.length}`,
    bytes: capture.slice(0, cut),
    ...(layout.format === "other" ? {} : { expectPackets: wholePacketsBefore(layout, cut) }),
  };
};

const truncateRandom: Mutator = ({ capture, layout }, r) => {
  const cut = int(r, capture.length);
  return {
    kind: "truncate-random",
    detail: `cut at ${cut} of ${capture.length}`,
    bytes: capture.slice(0, cut),
    ...(layout.format === "other" ? {} : { expectPackets: wholePacketsBefore(layout, cut) }),
  };
};

const duplicateRecord: Mutator = ({ capture, layout }, r) => {
  const packets = layout.records.filter((x) => x.packet);
  if (!packets.length) return bitFlips({ capture } as Input, r, []);
  const rec = pick(r, packets);
  const bytes = concat(capture.subarray(0, rec.end), capture.subarray(rec.start, rec.end), capture.subarray(rec.end));
  return {
    kind: "duplicate-record",
    detail: `record at ${rec.start}..${rec.end} repeated after itself`,
    bytes,
    expectPackets: packetCount(layout) + 1,
    expectIntact: true,
  };
};

/** This capture's head up to one record boundary, then another corpus capture's tail from one of its boundaries. */
const spliceRecords: Mutator = (input, r, corpus) => {
  const other = pick(r, corpus);
  const cutA = pick(r, [input.layout.headerEnd, ...input.layout.records.map((x) => x.start), input.capture.length]);
  const fromB = pick(r, [other.layout.headerEnd, ...other.layout.records.map((x) => x.start), other.capture.length]);
  return {
    kind: "splice",
    detail: `bytes 0..${cutA} then ${other.name} from ${fromB}`,
    bytes: concat(input.capture.subarray(0, cutA), other.capture.subarray(fromB)),
  };
};

const zeroRange: Mutator = ({ capture }, r) => {
  const bytes = capture.slice();
  const from = int(r, bytes.length);
  const length = 1 + int(r, 64);
  bytes.fill(0, from, from + length);
  return { kind: "zero-range", detail: `zeroed ${from}..${Math.min(bytes.length, from + length)}`, bytes };
};

/** A record length, block total length, caplen or option length set to 0, 1, 0x7fffffff, the file size or just past its block. */
const lengthField: Mutator = ({ capture, layout }, r) => {
  if (!layout.lengthFields.length) return zeroRange({ capture } as Input, r, []);
  const field = pick(r, layout.lengthFields);
  const bytes = capture.slice();
  const view = new DataView(bytes.buffer);
  const max = field.width === 2 ? 0xffff : 0x7fffffff;
  const value = Math.min(max, pick(r, [0, 1, 0x7fffffff, bytes.length, field.blockEnd - field.offset + 4]));
  if (field.width === 2) view.setUint16(field.offset, value, layout.littleEndian);
  else view.setUint32(field.offset, value, layout.littleEndian);
  return { kind: "length-field", detail: `${field.width}-byte length at ${field.offset} set to ${value}`, bytes };
};

const interfaceOutOfRange: Mutator = ({ capture, layout }, r) => {
  const withId = layout.records.filter((x) => x.interfaceField);
  if (!withId.length) return lengthField({ capture, layout } as Input, r, []);
  const { offset, width } = pick(r, withId).interfaceField!;
  const bytes = capture.slice();
  const view = new DataView(bytes.buffer);
  const value = pick(r, [layout.interfaces, layout.interfaces + 1 + int(r, 1000), width === 2 ? 0xffff : 0xffffffff]);
  if (width === 2) view.setUint16(offset, value, layout.littleEndian);
  else view.setUint32(offset, value, layout.littleEndian);
  return { kind: "interface-id", detail: `interface id at ${offset} set to ${value} (${layout.interfaces} interfaces)`, bytes };
};

/** The capture gzip-compressed and the compressed stream cut short: at most the packets before the cut come back. */
const gzipCut: Mutator = ({ capture, layout }, r) => {
  const gz = gzipSync(capture);
  const cut = 10 + int(r, gz.length - 10);
  return {
    kind: "gzip-cut",
    detail: `gzip of ${capture.length} bytes (${gz.length} compressed) cut at ${cut}`,
    bytes: new Uint8Array(gz.subarray(0, cut)),
    ...(layout.format === "other" ? {} : { maxPackets: packetCount(layout) }),
  };
};

/** Another mutation, then gzip-compressed: damage inside a compressed capture. */
const gzipOfMutant: Mutator = (input, r, corpus) => {
  const inner = pick(r, [bitFlips, truncateRandom, lengthField, zeroRange])(input, r, corpus);
  return { ...inner, kind: `gzip(${inner.kind})`, detail: `gzip of: ${inner.detail}`, bytes: new Uint8Array(gzipSync(inner.bytes)) };
};

export const MUTATORS: readonly Mutator[] = [
  bitFlips,
  headerBytes,
  headerBytes,
  headerBytes,
  truncateAtBoundary,
  truncateRandom,
  duplicateRecord,
  spliceRecords,
  zeroRange,
  lengthField,
  lengthField,
  interfaceOutOfRange,
  gzipCut,
  gzipOfMutant,
];

/** Case `index` of `seed` over `corpus`: which input and which mutation are fixed by the two numbers alone. */
export function mutantFor(seed: number, index: number, corpus: readonly Input[]): { input: Input; mutant: Mutant } {
  const r = prng((Math.imul(seed, 0x9e3779b1) + index) >>> 0);
  const input = pick(r, corpus);
  return { input, mutant: pick(r, MUTATORS)(input, r, corpus) };
}

const concat = (...parts: Uint8Array[]): Uint8Array => new Uint8Array(Buffer.concat(parts));
