import type { ByteSource } from "../io/byte-source";
import { readPcap, sniffPcap } from "./pcap";
import { readPcapng, sniffPcapng } from "./pcapng";
import { CaptureError, hexPrefix, type PacketCallback, type ReadOptions, type ReadResult } from "./types";

/**
 * Reads any supported capture, choosing the reader by the magic bytes.
 * Throws CaptureError("not-a-capture") for anything else; damage later in the
 * file is reported in the result, after every packet before it was delivered.
 */
export async function readCapture(source: ByteSource, onPacket: PacketCallback, options: ReadOptions = {}): Promise<ReadResult> {
  const head = await source.read(0, 24);
  if (sniffPcapng(head)) return readPcapng(source, onPacket, options);
  if (sniffPcap(head)) {
    if (head.length < 24) {
      throw new CaptureError("truncated", `The file ends inside the pcap file header (${head.length} of 24 bytes)`, 0, head.length);
    }
    return readPcap(source, onPacket, options);
  }
  if (head.length === 0) throw new CaptureError("not-a-capture", "The file is empty", 0, 0);
  throw new CaptureError(
    "not-a-capture",
    `This is not a capture file (first bytes: ${hexPrefix(head)}); pcap and pcapng are supported`,
    0,
    0,
  );
}
