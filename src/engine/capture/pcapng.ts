/**
 * pcapng (https://www.ietf.org/archive/id/draft-ietf-opsawg-pcapng-02.html).
 *
 * A file is a sequence of blocks, each framed the same way, so unknown blocks
 * are skipped by their length:
 *
 *   +0  block type         u32
 *   +4  block total length u32   (includes these 12 framing bytes, multiple of 4)
 *   +8  body ...
 *   +N-4 block total length u32  (repeated)
 *
 * Every Section Header Block (0x0A0D0D0A) starts a section with its own byte
 * order (the 0x1A2B3C4D magic at +8) and its own interface list; Interface
 * Description Blocks give each interface a link type, snap length and timestamp
 * unit (if_tsresol) and offset (if_tsoffset). Packets come in Enhanced Packet
 * Blocks, Simple Packet Blocks (interface 0, no timestamp) or the obsolete
 * Packet Block.
 */
import type { ByteSource } from "../io/byte-source";
import { WindowReader } from "./window-reader";
import {
  CaptureError,
  newPacketRecord,
  PAUSE_EVERY,
  type CaptureInfo,
  type InterfaceInfo,
  type PacketCallback,
  type ReadOptions,
  type ReadResult,
} from "./types";
import { MAX_PACKET_SIZE } from "./pcap";

export const BlockType = {
  SHB: 0x0a0d0d0a,
  IDB: 0x00000001,
  PB: 0x00000002,
  SPB: 0x00000003,
  NRB: 0x00000004,
  ISB: 0x00000005,
  EPB: 0x00000006,
  DSB: 0x0000000a,
} as const;

const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
/** Larger blocks are taken as damage (Wireshark uses a similar bound). */
const MAX_BLOCK_SIZE = 16 * 1024 * 1024 + 131072;

const OPT_ENDOFOPT = 0;
const OPT_COMMENT = 1;
const IF_NAME = 2;
const IF_DESCRIPTION = 3;
const IF_TSRESOL = 9;
const IF_TSOFFSET = 14;
const EPB_FLAGS = 2;

const utf8 = new TextDecoder("utf-8");

function untilNul(bytes: Uint8Array): Uint8Array {
  const nul = bytes.indexOf(0);
  return nul < 0 ? bytes : bytes.subarray(0, nul);
}

export function sniffPcapng(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x0a && head[1] === 0x0d && head[2] === 0x0d && head[3] === 0x0a;
}

interface OptionVisitor {
  (code: number, at: number, length: number): void;
}

/** Walks the options in [start, end) of the window; stops at opt_endofopt or damage. */
function forEachOption(view: DataView, le: boolean, start: number, end: number, visit: OptionVisitor): void {
  let p = start;
  while (p + 4 <= end) {
    const code = view.getUint16(p, le);
    const len = view.getUint16(p + 2, le);
    if (code === OPT_ENDOFOPT) return;
    if (p + 4 + len > end) return;
    visit(code, p + 4, len);
    p += 4 + ((len + 3) & ~3);
  }
}

const TWO_32 = 4294967296;

/**
 * Converts a 64-bit pcapng timestamp in the interface's unit to seconds and
 * nanoseconds. Plain number arithmetic while exact (< 2^53), BigInt beyond.
 */
export function convertTimestamp(high: number, low: number, iface: InterfaceInfo, out: { tsSec: number; tsNsec: number }): void {
  const { base, exponent } = iface.tsResolution;
  const unitsPerSecond = base === 10 ? 10 ** exponent : 2 ** exponent;
  const ts = high * TWO_32 + low;
  let sec: number;
  let frac: number;
  if (ts <= Number.MAX_SAFE_INTEGER && Number.isSafeInteger(unitsPerSecond)) {
    sec = Math.floor(ts / unitsPerSecond);
    frac = ts - sec * unitsPerSecond;
    if (frac < 0) {
      sec -= 1;
      frac += unitsPerSecond;
    } else if (frac >= unitsPerSecond) {
      sec += 1;
      frac -= unitsPerSecond;
    }
    out.tsNsec = nanosFromFraction(frac, base, exponent, unitsPerSecond);
  } else {
    const big = (BigInt(high) << 32n) | BigInt(low);
    const ups = base === 10 ? 10n ** BigInt(exponent) : 1n << BigInt(exponent);
    sec = Number(big / ups);
    const f = big % ups;
    out.tsNsec = Number((f * 1_000_000_000n) / ups);
  }
  out.tsSec = sec + iface.tsOffsetSeconds;
}

function nanosFromFraction(frac: number, base: number, exponent: number, unitsPerSecond: number): number {
  if (base === 10) {
    if (exponent <= 9) return frac * 10 ** (9 - exponent);
    return Math.floor(frac / 10 ** (exponent - 9));
  }
  // Binary fractions: frac * 1e9 may exceed 2^53 for large exponents.
  const n = frac * 1e9;
  if (Number.isSafeInteger(n)) return Math.floor(n / unitsPerSecond);
  return Number((BigInt(frac) * 1_000_000_000n) / BigInt(unitsPerSecond));
}

export async function readPcapng(source: ByteSource, onPacket: PacketCallback, options: ReadOptions = {}): Promise<ReadResult> {
  const reader = new WindowReader(source, options.chunkSize);
  const fileSize = reader.fileSize;
  if (!(await reader.ensure(0, 12)) || !sniffPcapng(reader.bytes)) {
    throw new CaptureError("not-a-capture", "not a pcapng file", 0, 0);
  }
  const info: CaptureInfo = {
    format: "pcapng",
    formatDescription: "Wireshark/... - pcapng",
    littleEndian: true,
    nanosecond: false,
    interfaces: [],
    sectionComments: [],
    fileSize,
  };
  /** Interfaces of the current section; info.interfaces keeps all of them. */
  let sectionIfaces: number[] = [];
  let le = true;
  let infoAnnounced = false;

  const rec = newPacketRecord();
  const limit = options.limit ?? Infinity;
  let offset = 0;
  let count = 0;
  let error: CaptureError | null = null;
  let lastProgress = 0;
  let blocks = 0;

  const fail = (kind: "truncated" | "corrupt", why: string): CaptureError =>
    new CaptureError(kind, `${why} (packet ${count + 1}, byte ${offset})`, count + 1, offset);

  while (offset < fileSize && count < limit) {
    if (!reader.has(offset, 12)) {
      if (options.shouldStop?.()) break;
      if (offset - lastProgress >= 1 << 20) {
        options.onProgress?.(offset, count);
        lastProgress = offset;
      }
      if (!(await reader.ensure(offset, 12))) {
        error = fail("truncated", `The file ends in the middle of a block header`);
        break;
      }
    }
    let at = offset - reader.base;
    let view = reader.view;
    const type = view.getUint32(at, le);

    if (type === BlockType.SHB) {
      // The byte order of this section is whatever makes the magic read right.
      const magicLE = view.getUint32(at + 8, true);
      if (magicLE === BYTE_ORDER_MAGIC) le = true;
      else if (view.getUint32(at + 8, false) === BYTE_ORDER_MAGIC) le = false;
      else {
        error = fail("corrupt", `Section header block with a bad byte-order magic 0x${magicLE.toString(16)}`);
        break;
      }
      if (offset === 0) info.littleEndian = le;
      sectionIfaces = [];
    }
    const blockLen = view.getUint32(at + 4, le);
    if (blockLen < 12 || blockLen % 4 !== 0 || blockLen > MAX_BLOCK_SIZE) {
      error = fail("corrupt", `Block of type 0x${type.toString(16)} has an impossible length ${blockLen}`);
      break;
    }
    if (!reader.has(offset, blockLen)) {
      if (!(await reader.ensure(offset, blockLen))) {
        error = fail("truncated", `The file ends in the middle of a block of ${blockLen} bytes (${fileSize - offset} present)`);
        break;
      }
      // The new window may start before the block (a read-ahead overlaps the window before it).
      at = offset - reader.base;
      view = reader.view;
    }
    const trailer = view.getUint32(at + blockLen - 4, le);
    if (trailer !== blockLen) {
      error = fail("corrupt", `Block lengths disagree (${blockLen} at the start, ${trailer} at the end)`);
      break;
    }
    const body = at + 8;
    const bodyEnd = at + blockLen - 4;

    switch (type) {
      case BlockType.SHB: {
        // magic(4) major(2) minor(2) section length(8) options
        forEachOption(view, le, body + 16, bodyEnd, (code, o, n) => {
          if (code === OPT_COMMENT) info.sectionComments.push(utf8.decode(reader.bytes.subarray(o, o + n)));
        });
        break;
      }
      case BlockType.IDB: {
        const iface: InterfaceInfo = {
          linkType: view.getUint16(body, le),
          snapLen: view.getUint32(body + 4, le),
          tsResolution: { base: 10, exponent: 6 },
          tsOffsetSeconds: 0,
          block: { offset, length: blockLen, littleEndian: le },
        };
        forEachOption(view, le, body + 8, bodyEnd, (code, o, n) => {
          if (code === IF_NAME) iface.name = utf8.decode(reader.bytes.subarray(o, o + n)).replace(/\0+$/, "");
          else if (code === IF_DESCRIPTION) iface.description = utf8.decode(reader.bytes.subarray(o, o + n)).replace(/\0+$/, "");
          else if (code === IF_TSRESOL && n >= 1) {
            const r = view.getUint8(o);
            iface.tsResolution = r & 0x80 ? { base: 2, exponent: r & 0x7f } : { base: 10, exponent: r };
          } else if (code === IF_TSOFFSET && n >= 8) {
            iface.tsOffsetSeconds = Number(view.getBigInt64(o, le));
          }
        });
        if (iface.tsResolution.base === 10 && iface.tsResolution.exponent >= 9) info.nanosecond = true;
        sectionIfaces.push(info.interfaces.length);
        info.interfaces.push(iface);
        break;
      }
      case BlockType.EPB:
      case BlockType.PB:
      case BlockType.SPB: {
        if (!infoAnnounced) {
          options.onInfo?.(info);
          infoAnnounced = true;
        }
        let localIface: number;
        let capLen: number;
        let origLen: number;
        let data: number;
        let high = 0;
        let low = 0;
        if (type === BlockType.SPB) {
          localIface = 0;
          origLen = view.getUint32(body, le);
          data = body + 4;
          const iface = info.interfaces[sectionIfaces[0] ?? -1];
          capLen = Math.min(origLen, bodyEnd - data);
          if (iface && iface.snapLen > 0) capLen = Math.min(capLen, iface.snapLen);
        } else {
          localIface = type === BlockType.EPB ? view.getUint32(body, le) : view.getUint16(body, le);
          high = view.getUint32(body + 4, le);
          low = view.getUint32(body + 8, le);
          capLen = view.getUint32(body + 12, le);
          origLen = view.getUint32(body + 16, le);
          data = body + 20;
        }
        const ifaceIndex = sectionIfaces[localIface];
        if (ifaceIndex === undefined) {
          error = fail("corrupt", `Packet refers to interface ${localIface}, which the section never described`);
          break;
        }
        if (capLen > MAX_PACKET_SIZE || data + capLen > bodyEnd) {
          error = fail("corrupt", `Packet claims ${capLen} captured bytes, more than its block holds`);
          break;
        }
        const iface = info.interfaces[ifaceIndex]!;
        rec.comments = null;
        rec.flags = 0;
        if (type !== BlockType.SPB) {
          convertTimestamp(high, low, iface, rec);
          const optStart = data + ((capLen + 3) & ~3);
          if (optStart < bodyEnd) {
            forEachOption(view, le, optStart, bodyEnd, (code, o, n) => {
              // Wireshark reads a comment as a C string: bytes after a NUL are not part of it.
              if (code === OPT_COMMENT) (rec.comments ??= []).push(utf8.decode(untilNul(reader.bytes.subarray(o, o + n))));
              else if (code === EPB_FLAGS && n >= 4 && type === BlockType.EPB) rec.flags = view.getUint32(o, le);
            });
          }
        } else {
          rec.tsSec = 0;
          rec.tsNsec = 0;
        }
        count++;
        rec.number = count;
        rec.dataOffset = reader.base + data;
        rec.capLen = capLen;
        rec.origLen = origLen;
        rec.interfaceId = ifaceIndex;
        rec.hasInterfaceId = true;
        rec.linkType = iface.linkType;
        onPacket(rec, reader.bytes.subarray(data, data + capLen));
        break;
      }
      default:
        // NRB, ISB, DSB, custom and unknown blocks: skipped by their length.
        break;
    }
    if (error) break;
    offset += blockLen;
    if (++blocks % PAUSE_EVERY === 0 && options.pause) {
      const paused = options.pause();
      if (paused) {
        await paused;
        if (options.shouldStop?.()) break;
      }
    }
  }
  if (!infoAnnounced) options.onInfo?.(info);
  options.onProgress?.(Math.min(offset, fileSize), count);
  return { info, packets: count, error };
}
