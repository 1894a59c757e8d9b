/**
 * Microsoft Network Monitor 1.x and 2.x capture files, read as Wireshark's
 * wiretap (netmon.c) reads them; the 2.x layout is documented in Network
 * Monitor 3.x's help ("Capture File Format"). Everything is little-endian.
 *
 *   File header (128 bytes)
 *   +0  magic "RTSS" (1.x) or "GMBU" (2.x)
 *   +4  minor version u8, +5 major version u8, +6 network (media) type u16
 *   +8  capture start as a SYSTEMTIME: year, month, weekday, day, hour,
 *       minute, second, millisecond (u16 each), in the capturing machine's
 *       local time
 *   +24 frame table offset u32, +28 frame table length u32 (4 bytes a frame)
 *   +32 user data, +40 comments, +48 process info, +56 network info (offset, length/count)
 *
 *   Frame (at the offset the frame table gives: frames need not be in file order)
 *   1.x: +0 ms since start u32, +4 original length u16, +6 captured length u16, +8 data
 *   2.x: +0 µs since start u64, +8 original length u32, +12 captured length u32, +16 data
 *   2.1+: after the data a trailer: media type u16 (2.1), + process index u32
 *         (2.2), + UTC FILETIME u64 and time zone index u8 (2.3)
 *
 * Timestamps: start + offset. wiretap turns the SYSTEMTIME into seconds with
 * the reading machine's time zone (mktime); pcapscope takes it as UTC, which
 * is what tshark prints when it runs in UTC. The 2.x offset is scaled as
 * wiretap does (times 10, read as signed 100 ns units), so a "negative"
 * offset lands before the start. A 2.3 trailer's FILETIME replaces it.
 *
 * Media types per frame (2.1+): NDIS types 0-9, 0xE000 + LINKTYPE for
 * frames converted from pcap, and NetMon's own metadata frames: the
 * reassembly payload header, network info and DNS cache frames are skipped
 * (tshark does not count them); event, extended network info and filter
 * frames are kept with a link type of their own that pcapscope does not
 * dissect.
 *
 * Comment table (2.x, header +40 offset, +44 length): entries of
 *   +0 frames per comment u32 (unused), +4 frame offset u32 (the frame table's
 *   value for the frame), +8 title length u32, title in UTF-16LE, then
 *   description length u32 and the description (RTF, single-byte text).
 * A frame with a comment carries it in `rec.netmon` and keeps its own link
 * type; the frame layer then reports wiretap's WTAP_ENCAP_NETMON_HEADER (188)
 * and the netmon_header dissector shows the comment before the link layer
 * (wiretap's sub_encap). wiretap refuses the whole file when
 * an entry's lengths overrun the table; pcapscope keeps the packets and the
 * entries before the damage, and ignores a table that lies past the end of
 * the file (it is never read, so its length cannot make us allocate more
 * than the file holds).
 */
import type { ByteSource } from "../io/byte-source";
import { MAX_PACKET_SIZE } from "./pcap";
import { WindowReader } from "./window-reader";
import {
  CaptureError,
  LinkType,
  newPacketRecord,
  PAUSE_EVERY,
  pausedToStop,
  deliverPacket,
  type CaptureInfo,
  type NetmonComment,
  type PacketCallback,
  type ReadOptions,
  type ReadResult,
} from "./types";

const FILE_HEADER = 128;
const MAGIC_1X = 0x53535452; // "RTSS" read little-endian
const MAGIC_2X = 0x55424d47; // "GMBU"
/** wiretap's bound on the frame table (512 Mi entries). */
const MAX_FRAMES = 512 * 1024 * 1024;

/** NDIS media types of the header and of 2.1+ trailers → LINKTYPE_ (null: not read). */
const MEDIA: readonly (number | null)[] = [
  LinkType.ETHERNET, // 0: seen on VPN captures whose frames are Ethernet
  LinkType.ETHERNET, // 1: Ethernet
  6, // 2: Token Ring
  null, // 3: FDDI, bit-swapped
  null, // 4: NDIS WAN, used for ATM
  null, // 5: LocalTalk / IP over IEEE 1394
  null, // 6: 802.11 with NetMon's radio header
  LinkType.RAW, // 7: tunnelling interfaces
  LinkType.RAW, // 8: wireless WAN
  LinkType.RAW, // 9: raw IP frames
];
const PCAP_BASE = 0xe000;
/** Metadata frames tshark skips. */
const SKIPPED = new Set([0xfffc, 0xfffd, 0xfffe]);
/** Metadata frames tshark keeps (event, extended network info, filter): link types outside LINKTYPE_'s range. */
const METADATA = new Set([0xffe0, 0xfffb, 0xffff]);
export const NETMON_METADATA_LINK_BASE = 0x10000;

export function sniffNetmon(head: Uint8Array): boolean {
  if (head.length < 4) return false;
  const magic = new DataView(head.buffer, head.byteOffset, 4).getUint32(0, true);
  return magic === MAGIC_1X || magic === MAGIC_2X;
}

/** LINKTYPE_ for a frame's media type; null: tshark skips the frame; a string: why it cannot be read. */
function linkTypeOf(media: number): number | null | string {
  if (SKIPPED.has(media)) return null;
  if (METADATA.has(media)) return NETMON_METADATA_LINK_BASE + media;
  if ((media & 0xf000) === PCAP_BASE && media < 0xe080) return media & 0x0fff;
  const known = MEDIA[media];
  return known ?? `NetMon media type ${media}`;
}

export async function readNetmon(source: ByteSource, onPacket: PacketCallback, options: ReadOptions = {}): Promise<ReadResult> {
  const reader = new WindowReader(source, options.chunkSize);
  const fileSize = reader.fileSize;
  if (!(await reader.ensure(0, FILE_HEADER))) {
    throw new CaptureError(
      "truncated",
      `The file ends inside the Network Monitor file header (${fileSize} of ${FILE_HEADER} bytes)`,
      0,
      fileSize,
    );
  }
  const h = reader.view;
  const minor = h.getUint8(4);
  const major = h.getUint8(5);
  if (major !== 1 && major !== 2) throw new CaptureError("unsupported", `Network Monitor major version ${major}`, 0, 5);
  const headerMedia = h.getUint16(6, true);
  const fileLinkType = linkTypeOf(headerMedia);
  if (headerMedia >= MEDIA.length || typeof fileLinkType !== "number") {
    throw new CaptureError("unsupported", `Network Monitor network type ${headerMedia}`, 0, 6);
  }
  const startMs = Date.UTC(
    h.getUint16(8, true),
    h.getUint16(10, true) - 1,
    h.getUint16(14, true),
    h.getUint16(16, true),
    h.getUint16(18, true),
    h.getUint16(20, true),
  );
  const start = { sec: Math.floor(startMs / 1000), nsec: h.getUint16(22, true) * 1_000_000 };
  const tableOffset = h.getUint32(24, true);
  const tableLength = h.getUint32(28, true);
  if (tableLength % 4 !== 0 || tableLength === 0 || tableLength / 4 > MAX_FRAMES) {
    throw new CaptureError(
      "corrupt",
      `The Network Monitor frame table length ${tableLength} is not a whole, non-zero number of entries`,
      0,
      28,
    );
  }
  const table = await source.read(tableOffset, tableLength);
  if (table.length < tableLength) {
    throw new CaptureError(
      "truncated",
      `The file ends inside the frame table at byte ${tableOffset} (${table.length} of ${tableLength} bytes)`,
      0,
      tableOffset,
    );
  }
  const frames = new DataView(table.buffer, table.byteOffset, table.byteLength);
  const frameCount = tableLength / 4;
  const comments = major === 2 ? await readComments(source, h.getUint32(40, true), h.getUint32(44, true), fileSize) : null;
  const perFrameMedia = major === 2 && minor >= 1;
  const trailer = !perFrameMedia ? 0 : minor === 1 ? 2 : minor === 2 ? 6 : 15;
  const recordHeader = major === 1 ? 8 : 16;

  const info: CaptureInfo = {
    format: "netmon",
    formatDescription: major === 1 ? "Microsoft NetMon 1.x" : "Microsoft NetMon 2.x",
    littleEndian: true,
    nanosecond: major === 2,
    interfaces: [],
    sectionComments: [],
    fileSize,
  };
  // One interface per link type met: the session finds a row's link type through its interface.
  const interfaceOf = (linkType: number): number => {
    let i = info.interfaces.findIndex((x) => x.linkType === linkType);
    if (i < 0) {
      i = info.interfaces.length;
      info.interfaces.push({ linkType, snapLen: 0, tsResolution: { base: 10, exponent: major === 1 ? 3 : 9 }, tsOffsetSeconds: 0 });
    }
    return i;
  };
  interfaceOf(fileLinkType);
  options.onInfo?.(info);

  const rec = newPacketRecord();
  const limit = options.limit ?? Infinity;
  let count = 0;
  let error: CaptureError | null = null;
  let offset = FILE_HEADER;
  for (let k = 0; k < frameCount && count < limit; k++) {
    offset = frames.getUint32(k * 4, true);
    if (!reader.has(offset, recordHeader)) {
      if (options.shouldStop?.()) break;
      options.onProgress?.(offset, count);
      if (!(await reader.ensure(offset, recordHeader))) {
        error = new CaptureError(
          "truncated",
          `The file ends in the middle of the header of packet ${count + 1} at byte ${offset}`,
          count + 1,
          offset,
        );
        break;
      }
    }
    const v = reader.view;
    const at = offset - reader.base;
    const origLen = major === 1 ? v.getUint16(at + 4, true) : v.getUint32(at + 8, true);
    const capLen = major === 1 ? v.getUint16(at + 6, true) : v.getUint32(at + 12, true);
    if (capLen > MAX_PACKET_SIZE) {
      error = new CaptureError(
        "corrupt",
        `Packet ${count + 1} at byte ${offset} claims ${capLen} captured bytes, more than the maximum of ${MAX_PACKET_SIZE}; the file is damaged from here`,
        count + 1,
        offset,
      );
      break;
    }
    if (major === 1) addOffset(rec, start, v.getUint32(at, true) * 1_000_000);
    else addMicroseconds(rec, start, v.getUint32(at + 4, true), v.getUint32(at, true));
    const dataOffset = offset + recordHeader;
    if (!reader.has(dataOffset, capLen + trailer) && !(await reader.ensure(dataOffset, capLen + trailer))) {
      error = new CaptureError("truncated", `The file ends in the middle of packet ${count + 1} at byte ${offset}`, count + 1, offset);
      break;
    }
    let linkType = fileLinkType;
    if (perFrameMedia) {
      const t = reader.view;
      const tat = dataOffset + capLen - reader.base;
      const media = linkTypeOf(t.getUint16(tat, true));
      if (media === null) continue;
      if (typeof media === "string") {
        error = new CaptureError("unsupported", `${media} (packet ${count + 1} at byte ${offset})`, count + 1, offset);
        break;
      }
      linkType = media;
      if (trailer >= 15) fromFiletime(rec, t.getUint32(tat + 10, true), t.getUint32(tat + 6, true));
    }
    rec.netmon = comments?.get(offset) ?? null;
    rec.linkType = linkType;
    rec.interfaceId = interfaceOf(linkType);
    deliverPacket(onPacket, rec, ++count, dataOffset, origLen, reader.slice(dataOffset, capLen));
    if (count % PAUSE_EVERY === 0 && options.pause && (await pausedToStop(options))) break;
  }
  options.onProgress?.(Math.min(offset, fileSize), count);
  return { info, packets: count, error };
}

/** The 2.x comment table: frame offset → title and description (see the file comment). */
async function readComments(
  source: ByteSource,
  at: number,
  length: number,
  fileSize: number,
): Promise<Map<number, NetmonComment> | null> {
  if (at === 0 || length === 0 || at + length > fileSize) return null;
  const table = await source.read(at, length);
  const v = new DataView(table.buffer, table.byteOffset, table.byteLength);
  const map = new Map<number, NetmonComment>();
  let o = 0;
  // wiretap reads entries while more than 16 bytes remain.
  while (table.length - o > 16) {
    const frameOffset = v.getUint32(o + 4, true);
    const titleLength = v.getUint32(o + 8, true);
    o += 12;
    if (titleLength === 0 || titleLength > table.length - o || table.length - o - titleLength < 4) break;
    const title = untilNul(utf16.decode(table.subarray(o, o + titleLength)));
    o += titleLength;
    const descLength = v.getUint32(o, true);
    o += 4;
    if (descLength > table.length - o) break;
    const description = untilNul(ascii(table.subarray(o, o + descLength)));
    o += descLength;
    map.set(frameOffset, { title, description });
  }
  return map;
}

const utf16 = new TextDecoder("utf-16le");

/** The description as Wireshark's ASCII strings read it: bytes past 0x7F become U+FFFD. */
function ascii(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += b < 0x80 ? String.fromCharCode(b) : "\ufffd";
  return s;
}

/** wiretap hands the strings on as C strings: they end at the first NUL. */
function untilNul(s: string): string {
  const i = s.indexOf("\0");
  return i < 0 ? s : s.slice(0, i);
}

interface Stamp {
  tsSec: number;
  tsNsec: number;
}

/** start + delta nanoseconds (delta may be negative), nanoseconds kept in 0..999999999. */
function addOffset(rec: Stamp, start: { sec: number; nsec: number }, deltaNs: number): void {
  const t = start.nsec + deltaNs;
  const sec = Math.floor(t / 1e9);
  rec.tsSec = start.sec + sec;
  rec.tsNsec = t - sec * 1e9;
}

/** The 2.x offset: microseconds as u64, times ten read as a signed count of 100 ns (wiretap's reading). */
function addMicroseconds(rec: Stamp, start: { sec: number; nsec: number }, hi: number, lo: number): void {
  if (hi < 0x100000) {
    // Below 2^52 µs: exact in a double, and times ten stays positive as an int64.
    const us = hi * 4294967296 + lo;
    const sec = Math.floor(us / 1e6);
    addOffset(rec, { sec: start.sec + sec, nsec: start.nsec }, (us - sec * 1e6) * 1000);
    return;
  }
  const units = BigInt.asIntN(64, ((BigInt(hi) << 32n) | BigInt(lo)) * 10n);
  const sec = units / 10_000_000n - (units % 10_000_000n < 0n ? 1n : 0n);
  addOffset(rec, { sec: start.sec + Number(sec), nsec: start.nsec }, Number(units - sec * 10_000_000n) * 100);
}

/** Seconds between 1601-01-01 (FILETIME's epoch) and 1970-01-01. */
const FILETIME_EPOCH_OFFSET = 11_644_473_600;

/** A FILETIME (100 ns units since 1601, u64 as hi/lo) as epoch seconds and nanoseconds. */
function fromFiletime(rec: Stamp, hi: number, lo: number): void {
  if (hi >= 0x40000000) {
    // Past the year 30000: exact in BigInt only.
    const units = (BigInt(hi) << 32n) | BigInt(lo);
    rec.tsSec = Number(units / 10_000_000n) - FILETIME_EPOCH_OFFSET;
    rec.tsNsec = Number(units % 10_000_000n) * 100;
    return;
  }
  // hi·2^32 = hi·429·10^7 + hi·4967296, split so every product stays exact in a double.
  const low = hi * 4967296 + lo;
  const sec = hi * 429 + Math.floor(low / 1e7);
  rec.tsSec = sec - FILETIME_EPOCH_OFFSET;
  rec.tsNsec = (low % 1e7) * 100;
}
