/**
 * The flavours of classic pcap that Wireshark's wiretap (libpcap.c) reads,
 * told apart as it tells them apart.
 *
 * Two magics exist besides the standard one: 0xa1b23c4d (nanosecond
 * timestamps, otherwise standard) and 0xa1b2cd34, Alexey Kuznetzov's
 * "modified" libpcap, whose records carry more after the usual 16 bytes.
 * Patched libpcaps of 1999 wrote longer record headers, some under the
 * standard magic, so the magic alone does not say how long a record header
 * is:
 *
 *   variant          magic     record header  written by
 *   standard         a1b2c3d4  16             tcpdump/libpcap
 *   ss990417         a1b2c3d4  24 (+ifindex, protocol, pkt_type, pad)   Red Hat 6.1
 *   nokia            a1b2c3d4  20 (+4 bytes of Nokia IPSO data)         Nokia firewalls
 *   ss991029         a1b2cd34  24 (like ss990417)                       "Modified tcpdump"
 *   ss990915         a1b2cd34  28 (+cpu1, cpu2, 3 bytes of pad)         SuSE 6.3
 *
 * As wiretap does, each candidate of a magic is tried on the first three
 * records: a record header that "reads sanely" has a fraction under one
 * second, a captured length within the maximum, the snap length and the
 * original length, and an original length under 128 MiB; the first
 * candidate with no fault wins, else the one with the fewest.
 *
 * Before version 2.3 the record's captured and original lengths came in
 * the other order; in 2.3 files they were swapped back only when the
 * captured length exceeds the original one (some 2.3 writers kept the old
 * order). AIX's libpcap (version 2.2, standard magic) used RFC 1573 ifType
 * values for the link type and nanosecond timestamps.
 */
import type { ByteSource } from "../io/byte-source";

export const PCAP_MAGIC_MODIFIED = 0xa1b2cd34;

export type PcapVariantName = "standard" | "nanosecond" | "aix" | "ss990417" | "nokia" | "ss991029" | "ss990915";

export interface PcapVariant {
  name: PcapVariantName;
  recordHeader: number;
  /** The second timestamp field counts nanoseconds. */
  nanosecond: boolean;
  /** As capinfos names the file type. */
  description: string;
}

const VARIANTS: Record<PcapVariantName, PcapVariant> = {
  standard: { name: "standard", recordHeader: 16, nanosecond: false, description: "Wireshark/tcpdump/... - pcap" },
  nanosecond: { name: "nanosecond", recordHeader: 16, nanosecond: true, description: "Wireshark/tcpdump/... - nanosecond pcap" },
  aix: { name: "aix", recordHeader: 16, nanosecond: true, description: "AIX tcpdump - pcap" },
  ss990417: { name: "ss990417", recordHeader: 24, nanosecond: false, description: "RedHat 6.1 tcpdump - pcap" },
  nokia: { name: "nokia", recordHeader: 20, nanosecond: false, description: "Nokia tcpdump - pcap" },
  ss991029: { name: "ss991029", recordHeader: 24, nanosecond: false, description: "Modified tcpdump - pcap" },
  ss990915: { name: "ss990915", recordHeader: 28, nanosecond: false, description: "SuSE 6.3 tcpdump - pcap" },
};

export function pcapVariant(name: PcapVariantName): PcapVariant {
  return VARIANTS[name];
}

/** How a file's record header orders its two lengths (from the file's version). */
export type LengthOrder = "current" | "swapped" | "maybe-swapped";

export function lengthOrder(major: number, minor: number): LengthOrder {
  if (major === 2) return minor < 3 ? "swapped" : minor === 3 ? "maybe-swapped" : "current";
  // DG/UX's tcpdump wrote version 543.0 with the old order.
  return major === 543 ? "swapped" : "current";
}

/** Whether the record header's two length fields hold the original length first (else: captured, then original). */
export function lengthsSwapped(order: LengthOrder, first: number, second: number): boolean {
  return !(order === "current" || (order === "maybe-swapped" && first <= second));
}

/** AIX wrote RFC 1573 ifType values where LINKTYPE_ values belong: these four, in a version 2.2 file. */
const AIX_LINK_TYPES: ReadonlyMap<number, number> = new Map([
  [6, 1], // ethernetCsmacd → Ethernet
  [9, 6], // iso88025TokenRing → IEEE 802.5
  [15, 10], // fddi → FDDI
  [24, 0], // softwareLoopback → NULL
]);

/** The link type an AIX file means, or null when the header is not AIX's. */
export function aixLinkType(modified: boolean, major: number, minor: number, network: number): number | null {
  if (modified || major !== 2 || minor !== 2) return null;
  return AIX_LINK_TYPES.get(network) ?? null;
}

/** Records tried per candidate (wiretap's MAX_RECORDS_TO_TRY). */
const RECORDS_TO_TRY = 3;
const MAX_ORIGINAL = 128 * 1024 * 1024;

export interface VariantProbe {
  source: ByteSource;
  littleEndian: boolean;
  /** File offset of the first record. */
  firstRecord: number;
  snapLen: number;
  maxCapLen: number;
  order: LengthOrder;
}

/** Picks the variant of a standard-magic (modified = false) or modified-magic file by reading its first records. */
export async function detectVariant(modified: boolean, probe: VariantProbe): Promise<PcapVariant> {
  const candidates: PcapVariantName[] = modified ? ["ss991029", "ss990915"] : ["standard", "ss990417", "nokia"];
  let best = candidates[0]!;
  let fewest = Infinity;
  for (const name of candidates) {
    const faults = await faultsOf(VARIANTS[name].recordHeader, probe);
    if (faults === 0) return VARIANTS[name];
    if (faults < fewest) {
      fewest = faults;
      best = name;
    }
  }
  return VARIANTS[best];
}

/** How many things are wrong with the first records read with `recordHeader`-byte headers (0: all sane, or the file ended). */
async function faultsOf(recordHeader: number, probe: VariantProbe): Promise<number> {
  const { source, littleEndian: le } = probe;
  const size = source.size();
  let offset = probe.firstRecord;
  for (let i = 0; i < RECORDS_TO_TRY; i++) {
    if (offset >= size) return 0;
    const head = await source.read(offset, recordHeader);
    if (head.length < recordHeader) return 1;
    const v = new DataView(head.buffer, head.byteOffset, head.byteLength);
    const first = v.getUint32(8, le);
    const second = v.getUint32(12, le);
    const swapped = lengthsSwapped(probe.order, first, second);
    const capLen = swapped ? second : first;
    const origLen = swapped ? first : second;
    let faults = 0;
    if (v.getUint32(4, le) >= 1_000_000) faults++;
    if (capLen > probe.maxCapLen) faults++;
    if (origLen > MAX_ORIGINAL) faults++;
    if (capLen > probe.snapLen) faults++;
    if (capLen > origLen) faults++;
    if (faults) return faults;
    offset += recordHeader + capLen;
    if (offset > size) return 1;
  }
  return 0;
}
