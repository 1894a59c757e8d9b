/**
 * Classic pcap output (the layout is drawn in pcap.ts). Like tshark's
 * `-F pcap` and `-F nsecpcap`, files are written little-endian, version 2.4,
 * thiszone and sigfigs 0; "pcap" counts microseconds (nanoseconds are
 * truncated, as wiretap does) and "nsecpcap" nanoseconds.
 */
import { PCAP_MAGIC_NS, PCAP_MAGIC_US } from "./pcap";

export const PCAP_FILE_HEADER = 24;
export const PCAP_RECORD_HEADER = 16;

export interface PcapHeaderOptions {
  linkType: number;
  snapLen: number;
  nanosecond: boolean;
}

export function pcapFileHeader(opts: PcapHeaderOptions): Uint8Array {
  const out = new Uint8Array(PCAP_FILE_HEADER);
  const v = new DataView(out.buffer);
  v.setUint32(0, opts.nanosecond ? PCAP_MAGIC_NS : PCAP_MAGIC_US, true); // magic
  v.setUint16(4, 2, true); // version major
  v.setUint16(6, 4, true); // version minor
  // +8 thiszone and +12 sigfigs stay 0
  v.setUint32(16, opts.snapLen, true); // snaplen
  v.setUint32(20, opts.linkType, true); // linktype
  return out;
}

/** A record header for a packet at `tsSec`.`tsNsec` (seconds must fit in 32 bits, as the format says). */
export function writePcapRecordHeader(
  out: Uint8Array,
  at: number,
  tsSec: number,
  tsNsec: number,
  capLen: number,
  origLen: number,
  nanosecond: boolean,
): void {
  const v = new DataView(out.buffer, out.byteOffset + at, PCAP_RECORD_HEADER);
  v.setUint32(0, tsSec >>> 0, true); // ts_sec
  v.setUint32(4, nanosecond ? tsNsec : Math.floor(tsNsec / 1000), true); // ts_usec or ts_nsec
  v.setUint32(8, capLen, true); // incl_len
  v.setUint32(12, origLen, true); // orig_len
}
