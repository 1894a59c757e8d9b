/**
 * What capture readers produce. One `PacketRecord` object is reused for every
 * packet (readers call `onPacket(record, bytes)` and move on), so no per-packet
 * objects survive the read.
 */

/** LINKTYPE_* values (https://www.tcpdump.org/linktypes.html). */
export const LinkType = {
  NULL: 0,
  ETHERNET: 1,
  RAW_12: 12,
  RAW_14: 14,
  RAW: 101,
  LOOP: 108,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
  /**
   * The netmon_header dissector's key in the wtap_encap table (WTAP_ENCAP_NETMON_HEADER, which has no LINKTYPE_:
   * outside LINKTYPE_'s range). No record has it: a NetMon frame with a comment keeps its own link type (so it is
   * written as the frame it is) and carries `netmon`, which makes the frame layer report and call this one.
   */
  NETMON_HEADER: 0x20000,
} as const;

export type CaptureFormat = "pcap" | "pcapng" | "snoop" | "netmon";

export interface InterfaceInfo {
  linkType: number;
  snapLen: number;
  name?: string;
  description?: string;
  /** Timestamp unit: a power of 10 (negative exponent) or of 2 (pcapng if_tsresol). */
  tsResolution: { base: 10 | 2; exponent: number };
  /** pcapng if_tsoffset, seconds added to every timestamp. */
  tsOffsetSeconds: number;
  /** pcapng: where the Interface Description Block is in the file (a writer copies its options from there). */
  block?: { offset: number; length: number; littleEndian: boolean };
}

export interface PacketRecord {
  /** 1-based frame number. */
  number: number;
  /** File offset of the first captured byte of packet data. */
  dataOffset: number;
  capLen: number;
  origLen: number;
  /** Whole seconds since the epoch (may be negative or huge for odd captures). */
  tsSec: number;
  /** Nanoseconds within the second, 0..999_999_999. */
  tsNsec: number;
  interfaceId: number;
  /** Whether the file says which interface captured the packet (pcapng does, pcap does not): frame.interface_id exists only then. */
  hasInterfaceId: boolean;
  linkType: number;
  /** pcapng opt_comment values of this packet, if any. */
  comments: string[] | null;
  /** pcapng epb_flags, 0 if absent. */
  flags: number;
  /** A NetMon 2.x comment on this frame (shown as a Network Monitor Header before its link layer); absent or null: none. */
  netmon?: NetmonComment | null;
}

/** A NetMon 2.x frame comment, as wiretap's pseudo_header.netmon carries it to the netmon_header dissector. */
export interface NetmonComment {
  title: string;
  description: string;
}

export interface CaptureInfo {
  format: CaptureFormat;
  /** "Wireshark/tcpdump/... - pcap" style description, as capinfos says it. */
  formatDescription: string;
  /**
   * pcap: whether every record header is the standard 16 bytes with the
   * lengths in today's order, so a pcap writer may copy records whole
   * (false for the 1999 variants and files older than version 2.4).
   */
  standardRecords?: boolean;
  /** Set when the file was gzip-compressed: its compressed size (fileSize is then the inflated size). */
  compressedSize?: number;
  littleEndian: boolean;
  /** pcap: from the magic; pcapng: per interface. */
  nanosecond: boolean;
  interfaces: InterfaceInfo[];
  sectionComments: string[];
  fileSize: number;
}

export type CaptureErrorKind = "not-a-capture" | "truncated" | "corrupt" | "unsupported";

/**
 * Where and why reading stopped early. Every packet before `packetNumber` was
 * delivered; `byteOffset` is the file offset of the damaged record.
 */
export class CaptureError extends Error {
  constructor(
    readonly kind: CaptureErrorKind,
    message: string,
    readonly packetNumber: number,
    readonly byteOffset: number,
  ) {
    super(message);
    this.name = "CaptureError";
  }
}

/**
 * One packet: `record` is reused for the next one, and `data` lies in the
 * reader's window, which goes back to the source once the reader moves past
 * it (window-reader.ts): both are valid during the call only.
 */
export type PacketCallback = (record: PacketRecord, data: Uint8Array) => void;

export interface ReadResult {
  info: CaptureInfo;
  packets: number;
  /** Set when reading stopped on damage; packets before it were all delivered. */
  error: CaptureError | null;
}

export interface ReadOptions {
  /** Stop after this many packets. */
  limit?: number;
  /** Checked between chunks; returning true stops reading (cancel). */
  shouldStop?: () => boolean;
  /** Called between chunks with the bytes consumed so far. */
  onProgress?: (bytesRead: number, packets: number) => void;
  /** Read window size in bytes (tests use tiny ones to force records across window edges). */
  chunkSize?: number;
  /** Called once the header (and for pcapng the first interfaces) are known. */
  onInfo?: (info: CaptureInfo) => void;
  /**
   * Asked every PAUSE_EVERY records: a promise to wait for (a pause that
   * lets other work in, such as a worker's requests while a capture loads)
   * or null to go on. Windows are large, so a pause between them alone
   * would leave the requests waiting too long.
   */
  pause?: () => Promise<void> | null;
}

/**
 * How many records readers parse between two questions to `pause` (which
 * costs a clock read). At the start of a load a record takes 0.1–0.4 ms
 * (code not yet optimised, a busy machine): 1024 of them kept the packet
 * list's first request waiting 160–400 ms.
 */
export const PAUSE_EVERY = 128;

/**
 * Asks `options.pause` (readers call this every PAUSE_EVERY records) and
 * waits on it; true when reading should stop after the wait.
 */
export async function pausedToStop(options: ReadOptions): Promise<boolean> {
  const paused = options.pause?.();
  if (!paused) return false;
  await paused;
  return options.shouldStop?.() === true;
}

/** Sets a record's position and lengths (readers set the timestamp and link type) and hands it with its bytes to `onPacket`. */
export function deliverPacket(
  onPacket: PacketCallback,
  rec: PacketRecord,
  number: number,
  dataOffset: number,
  origLen: number,
  data: Uint8Array,
): void {
  rec.number = number;
  rec.dataOffset = dataOffset;
  rec.capLen = data.length;
  rec.origLen = origLen;
  onPacket(rec, data);
}

export function newPacketRecord(): PacketRecord {
  return {
    number: 0,
    dataOffset: 0,
    capLen: 0,
    origLen: 0,
    tsSec: 0,
    tsNsec: 0,
    interfaceId: 0,
    hasInterfaceId: false,
    linkType: 0,
    comments: null,
    flags: 0,
  };
}

export function hexPrefix(bytes: Uint8Array, n = 8): string {
  return Array.from(bytes.subarray(0, n), (b) => b.toString(16).padStart(2, "0")).join(" ");
}
