import type { ByteSource } from "../io/byte-source";
import { isGzip } from "../io/gzip";
import { looksLike } from "./looks-like";
import { readNetmon, sniffNetmon } from "./netmon";
import { readPcap, sniffPcap } from "./pcap";
import { readPcapng, sniffPcapng } from "./pcapng";
import { readSnoop, sniffSnoop } from "./snoop";
import { CaptureError, hexPrefix, type PacketCallback, type ReadOptions, type ReadResult } from "./types";

const READ = "pcap (and its older variants), pcapng, snoop and Network Monitor are read, also gzip-compressed";

/**
 * Reads any supported capture, choosing the reader by the magic bytes.
 * Throws CaptureError("not-a-capture") for anything else; damage later in the
 * file is reported in the result, after every packet before it was delivered.
 * A source inflated from a gzip file (io/gzip.ts) is read like any other;
 * if the compressed stream was damaged, the result says so.
 */
export async function readCapture(source: ByteSource, onPacket: PacketCallback, options: ReadOptions = {}): Promise<ReadResult> {
  const head = await source.read(0, 512);
  const compression = source.compression;
  if (compression) {
    const onInfo = options.onInfo;
    options = {
      ...options,
      onInfo: (info) => {
        info.formatDescription += ` (${compression.format} compressed)`;
        info.compressedSize = compression.compressedSize;
        onInfo?.(info);
      },
    };
  }
  const result = await readByMagic(source, head, onPacket, options);
  if (compression?.damage && (!result.error || result.error.kind === "truncated")) {
    const at = result.error ?? { packetNumber: result.packets + 1, byteOffset: compression.inflatedSize };
    result.error = new CaptureError(
      "truncated",
      `The ${compression.format} file breaks off after ${compression.inflatedSize} inflated bytes (${compression.damage}): ` +
        `the file ends in the middle of packet ${at.packetNumber} at byte ${at.byteOffset} of the inflated capture`,
      at.packetNumber,
      at.byteOffset,
    );
  }
  return result;
}

async function readByMagic(source: ByteSource, head: Uint8Array, onPacket: PacketCallback, options: ReadOptions): Promise<ReadResult> {
  if (sniffPcapng(head)) return readPcapng(source, onPacket, options);
  if (sniffPcap(head)) {
    if (head.length < 24) {
      throw new CaptureError("truncated", `The file ends inside the pcap file header (${head.length} of 24 bytes)`, 0, head.length);
    }
    return readPcap(source, onPacket, options);
  }
  if (sniffSnoop(head)) return readSnoop(source, onPacket, options);
  if (sniffNetmon(head)) return readNetmon(source, onPacket, options);
  if (head.length === 0)
    throw new CaptureError("not-a-capture", source.compression ? "The compressed file holds no data" : "The file is empty", 0, 0);
  if (isGzip(head) && source.compression) {
    throw new CaptureError("not-a-capture", "This is a gzip file inside a gzip file; decompress it once and open the result", 0, 0);
  }
  const like = looksLike(head);
  throw new CaptureError(
    "not-a-capture",
    `This is not a capture file${source.compression ? " inside the compression" : ""} (${like ? `it looks like ${like}; ` : ""}first bytes: ${hexPrefix(head)}); ${READ}`,
    0,
    0,
  );
}
