/**
 * Writing some packets of a capture as a new pcap or pcapng file, as
 * tshark's `-w` does (and Wireshark's "Export Specified Packets"), without
 * holding the packets: the file comes out as a sequence of parts, either
 * bytes made here (file header, record headers, options) or a range of the
 * input file (packet data), which the caller copies from the file (the CLI)
 * or turns into a Blob slice (the browser). Parts next to each other are
 * merged: made bytes into chunks of up to 64 KiB, contiguous ranges into one
 * range, so a pcap written from a pcap of the same kind is its file header
 * and a range per run of consecutive packets.
 *
 * What is kept: each packet's interface (pcapng), timestamp, captured and
 * original length, data and comments; the input's interfaces with their
 * link types, snap lengths and timestamp units. From a little-endian pcapng
 * the section header's and interfaces' options are copied as they are (so
 * the output matches tshark's byte for byte); otherwise they are made from
 * what the reader kept. Not kept: epb_flags and other packet options
 * besides comments, name resolution and statistics blocks (tshark drops
 * the last two as well).
 */
import type { ByteSource } from "../io/byte-source";
import type { CaptureInfo, InterfaceInfo } from "./types";
import { PCAP_RECORD_HEADER, pcapFileHeader, writePcapRecordHeader } from "./pcap-writer";
import {
  encodeOptions,
  epbParts,
  interfaceBlock,
  OPT_COMMENT,
  sectionHeaderBlock,
  textOption,
  timestampUnits,
  writtenLinkType,
} from "./pcapng-writer";
import { MAX_PACKET_SIZE } from "./pcap";

/** tshark's `-F` names for the formats written. */
export type OutputFormat = "pcap" | "nsecpcap" | "pcapng";
export const OUTPUT_FORMATS: readonly OutputFormat[] = ["pcap", "nsecpcap", "pcapng"];

export interface SourceRange {
  offset: number;
  length: number;
}
export type CapturePart = Uint8Array | SourceRange;

/** The per-packet columns a writer needs (the packet index has them). */
export interface FrameColumns {
  offset: ArrayLike<number>;
  capLen: ArrayLike<number>;
  origLen: ArrayLike<number>;
  tsSec: ArrayLike<number>;
  tsNsec: ArrayLike<number>;
  iface: ArrayLike<number>;
}

/** What a pcapng output copies from the input's own header blocks (see `readInputHeaders`). */
export interface InputHeaders {
  /** The first section header's options, encoded little-endian. */
  sectionOptions: Uint8Array | null;
  /** Each interface's options, encoded little-endian (null: made from InterfaceInfo). */
  interfaceOptions: (Uint8Array | null)[];
}

export interface WriteRequest {
  info: CaptureInfo;
  frames: FrameColumns;
  /** Rows (frame number - 1) to write, ascending. */
  rows: ArrayLike<number>;
  format: OutputFormat;
  comments?: (row: number) => readonly string[] | null;
  headers?: InputHeaders;
  /** shb_userappl of a section made here. */
  application?: string;
}

/** A packet the format cannot hold (a pcap file has one link type); `row` is its row. */
export class CaptureWriteError extends Error {
  constructor(
    message: string,
    readonly row: number,
  ) {
    super(message);
    this.name = "CaptureWriteError";
  }
}

const CHUNK = 64 * 1024;

/** Merges parts as they come: small made bytes into chunks, contiguous ranges into one. */
class PartMerger {
  private bytes: Uint8Array[] = [];
  private byteCount = 0;
  private range: SourceRange | null = null;
  readonly out: CapturePart[] = [];

  add(part: CapturePart): void {
    if (part instanceof Uint8Array) {
      if (part.length === 0) return;
      this.flushRange();
      this.bytes.push(part);
      this.byteCount += part.length;
      if (this.byteCount >= CHUNK) this.flushBytes();
    } else {
      if (part.length === 0) return;
      this.flushBytes();
      if (this.range && this.range.offset + this.range.length === part.offset) this.range.length += part.length;
      else {
        this.flushRange();
        this.range = { ...part };
      }
    }
  }
  /** Takes the parts ready so far. */
  take(): CapturePart[] {
    return this.out.splice(0);
  }
  finish(): CapturePart[] {
    this.flushBytes();
    this.flushRange();
    return this.take();
  }
  private flushRange(): void {
    if (this.range) this.out.push(this.range);
    this.range = null;
  }
  private flushBytes(): void {
    if (this.bytes.length === 0) return;
    if (this.bytes.length === 1) this.out.push(this.bytes[0]!);
    else {
      const chunk = new Uint8Array(this.byteCount);
      let at = 0;
      for (const b of this.bytes) {
        chunk.set(b, at);
        at += b.length;
      }
      this.out.push(chunk);
    }
    this.bytes = [];
    this.byteCount = 0;
  }
}

/** The parts of the output file, in order (a generator: nothing is built ahead of what is taken). */
export function* captureParts(req: WriteRequest): Generator<CapturePart, void, undefined> {
  const merger = new PartMerger();
  // The writers pause every BATCH packets to hand over what they made.
  try {
    for (const _ of req.format === "pcapng" ? pcapngParts(req, merger) : pcapParts(req, merger)) yield* merger.take();
  } catch (e) {
    // The packets before one the format cannot hold are written, as tshark writes them.
    yield* merger.finish();
    throw e;
  }
  yield* merger.finish();
}

const BATCH = 4096;

function* pcapngParts(req: WriteRequest, merger: PartMerger): Generator<void, void, undefined> {
  const { frames: f, rows, info } = req;
  merger.add(sectionHeaderBlock(req.headers?.sectionOptions ?? new Uint8Array(0), req.application ?? "pcapscope"));
  info.interfaces.forEach((iface, k) => merger.add(interfaceBlock(iface, req.headers?.interfaceOptions[k] ?? undefined)));
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k]!;
    const ifaceId = f.iface[row]!;
    const iface = info.interfaces[ifaceId] ?? info.interfaces[0]!;
    const comments = req.comments?.(row) ?? null;
    const options = comments?.length ? encodeOptions(comments.map((c) => textOption(OPT_COMMENT, c))) : EMPTY;
    const capLen = f.capLen[row]!;
    const { head, tail } = epbParts(ifaceId, timestampUnits(iface, f.tsSec[row]!, f.tsNsec[row]!), capLen, f.origLen[row]!, options);
    merger.add(head);
    merger.add({ offset: f.offset[row]!, length: capLen });
    merger.add(tail);
    if (k % BATCH === BATCH - 1) yield;
  }
}

const EMPTY = new Uint8Array(0);

function* pcapParts(req: WriteRequest, merger: PartMerger): Generator<void, void, undefined> {
  const { frames: f, rows, info } = req;
  const nanosecond = req.format === "nsecpcap";
  const linkTypeOf = (row: number): number => writtenLinkType((info.interfaces[f.iface[row]!] ?? info.interfaces[0])?.linkType ?? 1);
  const linkType = rows.length ? linkTypeOf(rows[0]!) : writtenLinkType(info.interfaces[0]?.linkType ?? 1);
  // A pcap input's own records are copied whole when they are already what we write.
  const sameRecords = info.format === "pcap" && info.standardRecords !== false && info.littleEndian && info.nanosecond === nanosecond;
  const snapLen = info.format === "pcap" ? (info.interfaces[0]?.snapLen ?? MAX_PACKET_SIZE) : MAX_PACKET_SIZE;
  merger.add(pcapFileHeader({ linkType, snapLen, nanosecond }));
  let headers = new Uint8Array(0);
  let used = 0;
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k]!;
    if (linkTypeOf(row) !== linkType) {
      throw new CaptureWriteError(
        `Frame ${row + 1} has a network type that differs from the network type of earlier packets, which isn't supported in a "${formatDescription(req.format)}" file.`,
        row,
      );
    }
    const capLen = f.capLen[row]!;
    const offset = f.offset[row]!;
    if (sameRecords) merger.add({ offset: offset - PCAP_RECORD_HEADER, length: PCAP_RECORD_HEADER + capLen });
    else {
      // Record headers are cut from one buffer per batch rather than made one by one.
      if (used === headers.length) {
        headers = new Uint8Array(PCAP_RECORD_HEADER * BATCH);
        used = 0;
      }
      writePcapRecordHeader(headers, used, f.tsSec[row]!, f.tsNsec[row]!, capLen, f.origLen[row]!, nanosecond);
      merger.add(headers.subarray(used, used + PCAP_RECORD_HEADER));
      used += PCAP_RECORD_HEADER;
      merger.add({ offset, length: capLen });
    }
    if (k % BATCH === BATCH - 1) yield;
  }
}

/** How capinfos and tshark's messages name a format. */
export function formatDescription(format: OutputFormat): string {
  return format === "pcapng"
    ? "Wireshark/... - pcapng"
    : format === "nsecpcap"
      ? "Wireshark/tcpdump/... - nanosecond pcap"
      : "Wireshark/tcpdump/... - pcap";
}

/**
 * Reads the header blocks a pcapng output copies from a little-endian pcapng
 * input: the first section header's options and each interface's (a
 * big-endian input's are made anew: their fields would need swapping one
 * option type at a time).
 */
export async function readInputHeaders(source: ByteSource, info: CaptureInfo): Promise<InputHeaders> {
  if (info.format !== "pcapng") return { sectionOptions: null, interfaceOptions: info.interfaces.map(() => null) };
  const optionsOf = async (at: number, length: number, fixed: number): Promise<Uint8Array | null> => {
    const bytes = await source.read(at, length);
    return bytes.length === length ? bytes.slice(8 + fixed, length - 4) : null;
  };
  let sectionOptions: Uint8Array | null = null;
  if (info.littleEndian) {
    const head = await source.read(0, 8);
    if (head.length === 8) sectionOptions = await optionsOf(0, new DataView(head.buffer, head.byteOffset).getUint32(4, true), 16);
  }
  const interfaceOptions = await Promise.all(
    info.interfaces.map((i: InterfaceInfo) =>
      i.block?.littleEndian ? optionsOf(i.block.offset, i.block.length, 8) : Promise.resolve(null),
    ),
  );
  return { sectionOptions, interfaceOptions };
}

/**
 * The output's bytes in chunks, reading the ranges from `source` through a
 * forward window (ranges come in file order, so most share a read). Chunks
 * are valid until the next one is asked for.
 */
export async function* captureChunks(parts: Iterable<CapturePart>, source: ByteSource, windowSize = 4 << 20): AsyncGenerator<Uint8Array> {
  let block: Uint8Array = new Uint8Array(0);
  let base = 0;
  for (const part of parts) {
    if (part instanceof Uint8Array) {
      yield part;
      continue;
    }
    let { offset, length } = part;
    while (length > 0) {
      if (offset < base || offset >= base + block.length) {
        base = offset;
        block = await source.read(offset, windowSize);
        if (block.length === 0) throw new Error(`The capture ends before byte ${offset}: it changed since it was read`);
      }
      const n = Math.min(length, base + block.length - offset);
      yield block.subarray(offset - base, offset - base + n);
      offset += n;
      length -= n;
    }
  }
}
