/**
 * Classic libpcap files (https://www.ietf.org/archive/id/draft-ietf-opsawg-pcap-04.html).
 *
 *   File header (24 bytes)                 Record header (16 bytes)
 *   +0  magic          u32                 +0  ts_sec           u32
 *   +4  version_major  u16                 +4  ts_usec / ts_nsec u32
 *   +6  version_minor  u16                 +8  incl_len (captured) u32
 *   +8  thiszone       i32 (always 0)      +12 orig_len (on the wire) u32
 *   +12 sigfigs        u32                 +16 packet data (incl_len bytes)
 *   +16 snaplen        u32
 *   +20 linktype       u32 (low 16 bits; upper bits carry the FCS length)
 *
 * The magic's byte order gives the file's byte order; 0xa1b23c4d means the
 * second timestamp field counts nanoseconds instead of microseconds. The
 * older variants wiretap reads (longer record headers, lengths in the other
 * order, AIX) are told apart in `pcap-variants.ts`.
 */
import type { ByteSource } from "../io/byte-source";
import { WindowReader } from "./window-reader";
import {
  aixLinkType,
  detectVariant,
  lengthOrder,
  lengthsSwapped,
  PCAP_MAGIC_MODIFIED,
  pcapVariant,
  type PcapVariant,
} from "./pcap-variants";
import {
  CaptureError,
  newPacketRecord,
  PAUSE_EVERY,
  pausedToStop,
  deliverPacket,
  type CaptureInfo,
  type PacketCallback,
  type ReadOptions,
  type ReadResult,
} from "./types";

export const PCAP_MAGIC_US = 0xa1b2c3d4;
export const PCAP_MAGIC_NS = 0xa1b23c4d;
/** Wireshark refuses records above this (WTAP_MAX_PACKET_SIZE_STANDARD). */
export const MAX_PACKET_SIZE = 262144;

const FILE_HEADER = 24;
const RECORD_HEADER = 16;

/** Returns byte order and magic if `head` starts with a pcap magic (modified: Kuznetzov's 0xa1b2cd34). */
export function sniffPcap(head: Uint8Array): { littleEndian: boolean; nanosecond: boolean; modified: boolean } | null {
  if (head.length < 4) return null;
  const dv = new DataView(head.buffer, head.byteOffset, head.byteLength);
  for (const littleEndian of [true, false]) {
    const magic = dv.getUint32(0, littleEndian);
    if (magic === PCAP_MAGIC_US) return { littleEndian, nanosecond: false, modified: false };
    if (magic === PCAP_MAGIC_NS) return { littleEndian, nanosecond: true, modified: false };
    if (magic === PCAP_MAGIC_MODIFIED) return { littleEndian, nanosecond: false, modified: true };
  }
  return null;
}

export async function readPcap(source: ByteSource, onPacket: PacketCallback, options: ReadOptions = {}): Promise<ReadResult> {
  const reader = new WindowReader(source, options.chunkSize);
  const fileSize = reader.fileSize;
  const head = await reader.ensure(0, FILE_HEADER);
  const sniff = head ? sniffPcap(reader.bytes.subarray(0, 4)) : null;
  if (!head || !sniff) {
    throw new CaptureError("not-a-capture", "not a pcap file", 0, 0);
  }
  const { littleEndian: le } = sniff;
  const dv = reader.view;
  const major = dv.getUint16(4, le);
  const minor = dv.getUint16(6, le);
  if (major < 2) {
    throw new CaptureError("unsupported", `pcap version ${major}.${minor} is older than 2.0, the oldest Wireshark reads`, 0, 4);
  }
  const snapLen = dv.getUint32(16, le);
  const network = dv.getUint32(20, le);
  const aix = aixLinkType(sniff.modified, major, minor, network);
  const linkType = aix ?? network & 0xffff;
  const order = lengthOrder(major, minor);
  const variant: PcapVariant = sniff.nanosecond
    ? pcapVariant("nanosecond")
    : aix !== null
      ? pcapVariant("aix")
      : await detectVariant(sniff.modified, {
          source,
          littleEndian: le,
          firstRecord: FILE_HEADER,
          snapLen,
          maxCapLen: MAX_PACKET_SIZE,
          order,
        });
  const { nanosecond, recordHeader } = variant;
  const info: CaptureInfo = {
    format: "pcap",
    formatDescription: variant.description,
    standardRecords: recordHeader === RECORD_HEADER && order === "current",
    littleEndian: le,
    nanosecond,
    interfaces: [
      {
        linkType,
        snapLen,
        tsResolution: { base: 10, exponent: nanosecond ? 9 : 6 },
        tsOffsetSeconds: 0,
      },
    ],
    sectionComments: [],
    fileSize,
  };
  options.onInfo?.(info);

  const rec = newPacketRecord();
  rec.linkType = linkType;
  const fracScale = nanosecond ? 1 : 1000;
  const limit = options.limit ?? Infinity;
  let offset = FILE_HEADER;
  let count = 0;
  let error: CaptureError | null = null;
  let lastProgress = 0;

  while (offset < fileSize && count < limit) {
    // Fast path: the record header is in the window already.
    if (!reader.has(offset, recordHeader)) {
      if (options.shouldStop?.()) break;
      if (offset - lastProgress >= 1 << 20) {
        options.onProgress?.(offset, count);
        lastProgress = offset;
      }
      if (!(await reader.ensure(offset, recordHeader))) {
        error = new CaptureError(
          "truncated",
          `The file ends in the middle of the header of packet ${count + 1} at byte ${offset} ` +
            `(${fileSize - offset} of ${recordHeader} bytes present)`,
          count + 1,
          offset,
        );
        break;
      }
    }
    const v = reader.view;
    const at = offset - reader.base;
    const tsSec = v.getUint32(at, le);
    const tsFrac = v.getUint32(at + 4, le);
    // Per packet: no array for the two lengths (pre-2.3 files may swap them).
    const first = v.getUint32(at + 8, le);
    const second = v.getUint32(at + 12, le);
    const swapped = lengthsSwapped(order, first, second);
    const capLen = swapped ? second : first;
    const origLen = swapped ? first : second;
    if (capLen > MAX_PACKET_SIZE) {
      error = new CaptureError(
        "corrupt",
        `Packet ${count + 1} at byte ${offset} claims ${capLen} captured bytes, more than the maximum of ${MAX_PACKET_SIZE}; the file is damaged from here`,
        count + 1,
        offset,
      );
      break;
    }
    const dataOffset = offset + recordHeader;
    if (!reader.has(dataOffset, capLen) && !(await reader.ensure(dataOffset, capLen))) {
      error = new CaptureError(
        "truncated",
        `The file ends in the middle of packet ${count + 1} at byte ${offset} ` +
          `(${fileSize - dataOffset} of ${capLen} data bytes present)`,
        count + 1,
        offset,
      );
      break;
    }
    rec.tsSec = tsSec;
    rec.tsNsec = tsFrac * fracScale;
    deliverPacket(onPacket, rec, ++count, dataOffset, origLen, reader.slice(dataOffset, capLen));
    offset = dataOffset + capLen;
    if (count % PAUSE_EVERY === 0 && options.pause && (await pausedToStop(options))) break;
  }
  options.onProgress?.(Math.min(offset, fileSize), count);
  return { info, packets: count, error };
}
