/**
 * Sun snoop files, version 2 (RFC 1761), as Wireshark's wiretap (snoop.c)
 * reads them. Everything is big-endian.
 *
 *   File header (16 bytes)               Record header (24 bytes)
 *   +0  "snoop\0\0\0"                    +0  original length       u32
 *   +8  version   u32 (2; 3-5 Shomiti)   +4  included length       u32
 *   +12 datalink  u32 (DLPI DL_* type)   +8  record length         u32 (header + data + pad)
 *                                        +12 cumulative drops      u32
 *                                        +16 seconds               u32
 *                                        +20 microseconds          u32
 *                                        +24 data, then padding to the record length
 *
 * Records are padded (snoop pads to 4 bytes); the record length, not the
 * included length, says where the next record starts. A file whose first
 * record has room for a 16-byte trailer in its padding is a Shomiti/Finisar
 * Surveyor capture (Ethernet frames with their FCS, other datalink numbers):
 * wiretap's rule, and a flavour pcapscope does not read. The cumulative drop
 * count is not shown by tshark (wiretap does not report it), nor here.
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
  type PacketCallback,
  type ReadOptions,
  type ReadResult,
} from "./types";

const MAGIC = [0x73, 0x6e, 0x6f, 0x6f, 0x70, 0, 0, 0]; // "snoop\0\0\0"
const FILE_HEADER = 16;
const RECORD_HEADER = 24;
const SHOMITI_TRAILER = 16;
const PRIVATE_BIT = 0x80000000;

/** DLPI datalink types (RFC 1761 and Solaris dlpi.h) → LINKTYPE_, for those pcapscope reads. */
const DATALINKS: ReadonlyMap<number, number> = new Map([
  [0x00, LinkType.ETHERNET], // DL_CSMACD, IEEE 802.3
  [0x02, 6], // DL_TPR, IEEE 802.5 Token Ring (LINKTYPE_IEEE802_5)
  [0x04, LinkType.ETHERNET], // DL_ETHER
  [0x09, LinkType.NULL], // DL_OTHER: wiretap reads it as BSD loopback
  [0x0e, LinkType.NULL], // DL_LOOP, software loopback
  [PRIVATE_BIT | 0x05, 226], // DL_IPNET, Solaris ipnet(7D) (LINKTYPE_IPNET)
]);

export function sniffSnoop(head: Uint8Array): boolean {
  return head.length >= MAGIC.length && MAGIC.every((b, i) => head[i] === b);
}

export async function readSnoop(source: ByteSource, onPacket: PacketCallback, options: ReadOptions = {}): Promise<ReadResult> {
  const reader = new WindowReader(source, options.chunkSize);
  const fileSize = reader.fileSize;
  if (!(await reader.ensure(0, FILE_HEADER)) || !sniffSnoop(reader.bytes)) {
    throw new CaptureError("truncated", `The file ends inside the snoop file header (${fileSize} of ${FILE_HEADER} bytes)`, 0, fileSize);
  }
  const version = reader.view.getUint32(8);
  const datalink = reader.view.getUint32(12);
  if (version < 2 || version > 5) throw new CaptureError("unsupported", `snoop version ${version} (only versions 2 to 5 exist)`, 0, 8);
  if (await isShomiti(reader, fileSize)) {
    throw new CaptureError("unsupported", "a Shomiti/Finisar Surveyor capture (snoop with trailers in the record padding)", 0, FILE_HEADER);
  }
  const linkType = DATALINKS.get(datalink);
  if (linkType === undefined) {
    throw new CaptureError(
      "unsupported",
      `snoop datalink type ${datalink} (${datalink >>> 0 >= PRIVATE_BIT ? "private " : ""}DLPI type)`,
      0,
      12,
    );
  }
  const info: CaptureInfo = {
    format: "snoop",
    formatDescription: "Sun snoop",
    littleEndian: false,
    nanosecond: false,
    interfaces: [{ linkType, snapLen: 0, tsResolution: { base: 10, exponent: 6 }, tsOffsetSeconds: 0 }],
    sectionComments: [],
    fileSize,
  };
  options.onInfo?.(info);

  const rec = newPacketRecord();
  rec.linkType = linkType;
  const limit = options.limit ?? Infinity;
  let offset = FILE_HEADER;
  let count = 0;
  let error: CaptureError | null = null;
  let lastProgress = 0;
  const damaged = (why: string): CaptureError =>
    new CaptureError("corrupt", `Packet ${count + 1} at byte ${offset} ${why}; the file is damaged from here`, count + 1, offset);
  const cutShort = (what: string): CaptureError =>
    new CaptureError("truncated", `The file ends in the middle of ${what} of packet ${count + 1} at byte ${offset}`, count + 1, offset);

  while (offset < fileSize && count < limit) {
    if (!reader.has(offset, RECORD_HEADER)) {
      if (options.shouldStop?.()) break;
      if (offset - lastProgress >= 1 << 20) {
        options.onProgress?.(offset, count);
        lastProgress = offset;
      }
      if (!(await reader.ensure(offset, RECORD_HEADER))) {
        error = cutShort("the header");
        break;
      }
    }
    const v = reader.view;
    const at = offset - reader.base;
    const origLen = v.getUint32(at);
    const capLen = v.getUint32(at + 4);
    const recordLen = v.getUint32(at + 8);
    // wiretap's checks, in its order.
    if (origLen > MAX_PACKET_SIZE) error = damaged(`claims ${origLen} bytes on the wire, more than the maximum of ${MAX_PACKET_SIZE}`);
    else if (capLen > MAX_PACKET_SIZE) error = damaged(`claims ${capLen} captured bytes, more than the maximum of ${MAX_PACKET_SIZE}`);
    else if (capLen > recordLen) error = damaged(`claims ${capLen} captured bytes in a record of ${recordLen}`);
    else if (recordLen < RECORD_HEADER + capLen)
      error = damaged(`has a ${recordLen}-byte record too short for its ${capLen} bytes of data`);
    if (error) break;
    // Read before the data is ensured: that may move the window (and hand this one back to the source).
    rec.tsSec = v.getUint32(at + 16);
    rec.tsNsec = v.getUint32(at + 20) * 1000;
    const dataOffset = offset + RECORD_HEADER;
    if (!reader.has(dataOffset, capLen) && !(await reader.ensure(dataOffset, capLen))) {
      error = cutShort("the data");
      break;
    }
    // The padding is skipped by reading it: a file that ends inside it loses this packet too, as in tshark.
    if (offset + recordLen > fileSize) {
      error = cutShort("the padding");
      break;
    }
    deliverPacket(onPacket, rec, ++count, dataOffset, origLen, reader.slice(dataOffset, capLen));
    offset += recordLen;
    if (count % PAUSE_EVERY === 0 && options.pause && (await pausedToStop(options))) break;
  }
  options.onProgress?.(Math.min(offset, fileSize), count);
  return { info, packets: count, error };
}

/** Whether the first record's padding could hold a Shomiti trailer (wiretap's test). */
async function isShomiti(reader: WindowReader, fileSize: number): Promise<boolean> {
  if (!(await reader.ensure(FILE_HEADER, Math.min(RECORD_HEADER, fileSize - FILE_HEADER)))) return false;
  if (fileSize - FILE_HEADER < RECORD_HEADER) return false;
  const v = reader.view;
  const at = FILE_HEADER - reader.base;
  const capLen = v.getUint32(at + 4);
  const recordLen = v.getUint32(at + 8);
  return recordLen > RECORD_HEADER + capLen && recordLen - (RECORD_HEADER + capLen) >= SHOMITI_TRAILER;
}
