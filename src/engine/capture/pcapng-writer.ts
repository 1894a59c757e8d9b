/**
 * pcapng output (the block framing is drawn in pcapng.ts), little-endian,
 * one section. Blocks are built whole except Enhanced Packet Blocks, whose
 * packet data is left out: `epbHead` and `epbTail` go on either side of it,
 * so the data can be a slice of the original file (a Blob part) rather than
 * a copy.
 *
 *   EPB: type 6 | total length | interface id | timestamp high | timestamp low
 *        | captured length | original length | data, padded to 4 | options | total length
 */
import { LinkType, type InterfaceInfo } from "./types";
import { BlockType } from "./pcapng";

export const OPT_ENDOFOPT = 0;
export const OPT_COMMENT = 1;
export const SHB_USERAPPL = 4;
export const IF_NAME = 2;
export const IF_DESCRIPTION = 3;
export const IF_TSRESOL = 9;
export const IF_TSOFFSET = 14;

const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const EPB_HEAD = 28;
const utf8 = new TextEncoder();

export interface PcapngOption {
  code: number;
  value: Uint8Array;
}

const pad4 = (n: number): number => (n + 3) & ~3;

/**
 * The link type a file is written with: wiretap reads LINKTYPE 12 and 14
 * (raw IP on some BSDs) as raw IP and writes that as LINKTYPE_RAW (101).
 */
export function writtenLinkType(linkType: number): number {
  return linkType === LinkType.RAW_12 || linkType === LinkType.RAW_14 ? LinkType.RAW : linkType;
}

/** Options as they are written: each padded to 4 bytes, then opt_endofopt (nothing at all when there are none). */
export function encodeOptions(options: readonly PcapngOption[]): Uint8Array {
  if (options.length === 0) return new Uint8Array(0);
  const out = new Uint8Array(options.reduce((n, o) => n + 4 + pad4(o.value.length), 4));
  const v = new DataView(out.buffer);
  let p = 0;
  for (const o of options) {
    v.setUint16(p, o.code, true); // option code
    v.setUint16(p + 2, o.value.length, true); // option length (unpadded)
    out.set(o.value, p + 4);
    p += 4 + pad4(o.value.length);
  }
  // the last four bytes are opt_endofopt (0, 0), already zero
  return out;
}

/** Whether encoded options hold one with `code`. */
function hasOption(options: Uint8Array, code: number): boolean {
  const v = new DataView(options.buffer, options.byteOffset, options.byteLength);
  for (let p = 0; p + 4 <= options.length; p += 4 + pad4(v.getUint16(p + 2, true))) {
    const c = v.getUint16(p, true);
    if (c === OPT_ENDOFOPT) return false;
    if (c === code) return true;
  }
  return false;
}

/** Encoded options with one more before opt_endofopt. */
function appendOption(options: Uint8Array, option: PcapngOption): Uint8Array {
  const added = encodeOptions([option]);
  const v = new DataView(options.buffer, options.byteOffset, options.byteLength);
  let end = 0;
  while (end + 4 <= options.length && v.getUint16(end, true) !== OPT_ENDOFOPT) end += 4 + pad4(v.getUint16(end + 2, true));
  const out = new Uint8Array(Math.min(end, options.length) + added.length);
  out.set(options.subarray(0, end));
  out.set(added, end);
  return out;
}

export function textOption(code: number, text: string): PcapngOption {
  return { code, value: utf8.encode(text) };
}

/** A whole block: type, total length, `fixed` body fields, options (already encoded), total length. */
function block(type: number, fixed: Uint8Array, options: Uint8Array): Uint8Array {
  const length = 12 + pad4(fixed.length) + options.length;
  const out = new Uint8Array(length);
  const v = new DataView(out.buffer);
  v.setUint32(0, type, true); // block type
  v.setUint32(4, length, true); // block total length
  out.set(fixed, 8);
  out.set(options, 8 + pad4(fixed.length));
  v.setUint32(length - 4, length, true); // block total length, again
  return out;
}

/**
 * Section Header Block: version 1.0, section length unknown (-1), with
 * `options` (encoded, little-endian) and, when they have none,
 * shb_userappl `application` (as tshark adds its own).
 */
export function sectionHeaderBlock(options: Uint8Array, application: string): Uint8Array {
  if (!hasOption(options, SHB_USERAPPL)) options = appendOption(options, textOption(SHB_USERAPPL, application));
  const fixed = new Uint8Array(16);
  const v = new DataView(fixed.buffer);
  v.setUint32(0, BYTE_ORDER_MAGIC, true); // byte-order magic
  v.setUint16(4, 1, true); // major version
  v.setUint16(6, 0, true); // minor version
  v.setBigInt64(8, -1n, true); // section length: not given
  return block(BlockType.SHB, fixed, options);
}

/**
 * Interface Description Block. `options`: encoded options to write as they
 * are (an input file's own, copied); else those of `iface` that we keep:
 * if_name, if_description, if_tsresol (when not microseconds), if_tsoffset.
 */
export function interfaceBlock(iface: InterfaceInfo, options?: Uint8Array): Uint8Array {
  const fixed = new Uint8Array(8);
  const v = new DataView(fixed.buffer);
  v.setUint16(0, writtenLinkType(iface.linkType), true); // link type
  // +2 reserved
  v.setUint32(4, iface.snapLen, true); // snap length
  return block(BlockType.IDB, fixed, options ?? encodeOptions(interfaceOptions(iface)));
}

function interfaceOptions(iface: InterfaceInfo): PcapngOption[] {
  const opts: PcapngOption[] = [];
  if (iface.name !== undefined) opts.push(textOption(IF_NAME, iface.name));
  if (iface.description !== undefined) opts.push(textOption(IF_DESCRIPTION, iface.description));
  const { base, exponent } = iface.tsResolution;
  if (base !== 10 || exponent !== 6) opts.push({ code: IF_TSRESOL, value: Uint8Array.of(base === 2 ? 0x80 | exponent : exponent) });
  if (iface.tsOffsetSeconds !== 0) {
    const value = new Uint8Array(8);
    new DataView(value.buffer).setBigInt64(0, BigInt(iface.tsOffsetSeconds), true);
    opts.push({ code: IF_TSOFFSET, value });
  }
  return opts;
}

/**
 * A timestamp in the interface's units (if_tsresol), less its if_tsoffset:
 * exact for decimal resolutions down to nanoseconds, which is what packets
 * read from such interfaces carry; finer or binary units are rounded down
 * from the nanoseconds the reader kept.
 */
export function timestampUnits(iface: InterfaceInfo, tsSec: number, tsNsec: number): bigint {
  const { base, exponent } = iface.tsResolution;
  const sec = BigInt(tsSec - iface.tsOffsetSeconds);
  const nsec = BigInt(tsNsec);
  if (base === 10) {
    if (exponent <= 9) return sec * 10n ** BigInt(exponent) + nsec / 10n ** BigInt(9 - exponent);
    return (sec * 1_000_000_000n + nsec) * 10n ** BigInt(exponent - 9);
  }
  const units = 1n << BigInt(exponent);
  return sec * units + (nsec * units) / 1_000_000_000n;
}

export interface EpbParts {
  /** Block header and fixed fields, up to the packet data. */
  head: Uint8Array;
  /** The data's padding, the options and the closing length. */
  tail: Uint8Array;
}

/** An Enhanced Packet Block around `capLen` bytes of data the caller places between head and tail. */
export function epbParts(interfaceId: number, units: bigint, capLen: number, origLen: number, options: Uint8Array): EpbParts {
  const padding = pad4(capLen) - capLen;
  const length = EPB_HEAD + capLen + padding + options.length + 4;
  const head = new Uint8Array(EPB_HEAD);
  const v = new DataView(head.buffer);
  v.setUint32(0, BlockType.EPB, true); // block type
  v.setUint32(4, length, true); // block total length
  v.setUint32(8, interfaceId, true); // interface id
  v.setUint32(12, Number((units >> 32n) & 0xffffffffn), true); // timestamp high
  v.setUint32(16, Number(units & 0xffffffffn), true); // timestamp low
  v.setUint32(20, capLen, true); // captured length
  v.setUint32(24, origLen, true); // original length
  const tail = new Uint8Array(padding + options.length + 4);
  tail.set(options, padding);
  new DataView(tail.buffer).setUint32(tail.length - 4, length, true); // block total length, again
  return { head, tail };
}
