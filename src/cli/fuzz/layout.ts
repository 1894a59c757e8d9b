/**
 * Where the records of a valid capture are, found by parsing it here (not by
 * the readers under test): pcap is a 24-byte header then 16-byte record
 * headers with incl_len at +8 and orig_len at +12; pcapng is a list of blocks
 * whose total length sits at +4 and again in the last 4 bytes (pcapng spec
 * §3.1). The mutators aim at these fields; the truncation oracle counts the
 * packet records that end before a cut.
 */

export interface LengthField {
  offset: number;
  /** 2 (pcapng option length) or 4 bytes. */
  width: 2 | 4;
  /** End of the enclosing block: an option length past it is "past the block end". */
  blockEnd: number;
}

export interface RecordSpan {
  start: number;
  end: number;
  /** Delivers a packet (pcap record, pcapng EPB/SPB/obsolete PB). */
  packet: boolean;
  /** Where the packet's bytes are (packet records only). */
  data?: { start: number; end: number };
  /** pcapng EPB/PB interface id field. */
  interfaceField?: { offset: number; width: 2 | 4 };
}

export interface Layout {
  format: "pcap" | "pcapng" | "other";
  littleEndian: boolean;
  /** Bytes before the first record (the pcap file header; 0 for pcapng, whose header is the SHB block). */
  headerEnd: number;
  records: RecordSpan[];
  lengthFields: LengthField[];
  /** pcapng: how many interfaces the file describes (IDBs). */
  interfaces: number;
}

const PCAP_MAGICS = [0xa1b2c3d4, 0xa1b23c4d];
const SHB = 0x0a0d0d0a;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;

export function layoutOf(bytes: Uint8Array): Layout {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const other: Layout = { format: "other", littleEndian: true, headerEnd: 0, records: [], lengthFields: [], interfaces: 0 };
  if (bytes.length < 24) return other;
  for (const little of [true, false]) {
    if (PCAP_MAGICS.includes(view.getUint32(0, little))) return pcapLayout(view, little);
  }
  if (view.getUint32(0, true) === SHB) {
    const little = view.getUint32(8, true) === BYTE_ORDER_MAGIC;
    return pcapngLayout(view, little);
  }
  return other;
}

function pcapLayout(view: DataView, little: boolean): Layout {
  const layout: Layout = { format: "pcap", littleEndian: little, headerEnd: 24, records: [], lengthFields: [], interfaces: 1 };
  for (let at = 24; at + 16 <= view.byteLength; ) {
    const end = at + 16 + view.getUint32(at + 8, little);
    if (end > view.byteLength) break;
    layout.records.push({ start: at, end, packet: true, data: { start: at + 16, end } });
    layout.lengthFields.push({ offset: at + 8, width: 4, blockEnd: end }, { offset: at + 12, width: 4, blockEnd: end });
    at = end;
  }
  return layout;
}

/** Block types (pcapng spec §4): where their options start, and which deliver packets. */
const EPB = 6;
const SPB = 3;
const OBSOLETE_PB = 2;
const IDB = 1;
const OPTIONS_AT: Record<number, number> = { [SHB]: 24, [IDB]: 16 };

function pcapngLayout(view: DataView, little: boolean): Layout {
  const layout: Layout = { format: "pcapng", littleEndian: little, headerEnd: 0, records: [], lengthFields: [], interfaces: 0 };
  for (let at = 0; at + 12 <= view.byteLength; ) {
    const type = view.getUint32(at, little);
    const total = view.getUint32(at + 4, little);
    const end = at + total;
    if (total < 12 || total % 4 !== 0 || end > view.byteLength) break;
    const span: RecordSpan = { start: at, end, packet: type === EPB || type === SPB || type === OBSOLETE_PB };
    layout.lengthFields.push({ offset: at + 4, width: 4, blockEnd: end }, { offset: end - 4, width: 4, blockEnd: end });
    let options = OPTIONS_AT[type];
    if (type === IDB) layout.interfaces++;
    if (type === EPB || type === OBSOLETE_PB) {
      span.interfaceField = type === EPB ? { offset: at + 8, width: 4 } : { offset: at + 8, width: 2 };
      const capLen = view.getUint32(at + 20, little);
      layout.lengthFields.push({ offset: at + 20, width: 4, blockEnd: end }, { offset: at + 24, width: 4, blockEnd: end });
      options = 28 + ((capLen + 3) & ~3);
      span.data = { start: at + 28, end: Math.min(at + 28 + capLen, end - 4) };
    } else if (type === SPB) {
      layout.lengthFields.push({ offset: at + 8, width: 4, blockEnd: end });
      span.data = { start: at + 12, end: Math.min(at + 12 + view.getUint32(at + 8, little), end - 4) };
    }
    if (options !== undefined) optionLengths(view, little, at + options, end - 4, layout);
    layout.records.push(span);
    at = end;
  }
  return layout;
}

/** Each option is code(2) length(2) value padded to 4, up to opt_endofopt (code 0). */
function optionLengths(view: DataView, little: boolean, from: number, to: number, layout: Layout): void {
  for (let at = from; at + 4 <= to; ) {
    const code = view.getUint16(at, little);
    if (code === 0) return;
    layout.lengthFields.push({ offset: at + 2, width: 2, blockEnd: to + 4 });
    at += 4 + ((view.getUint16(at + 2, little) + 3) & ~3);
  }
}

/** Packets a reader must deliver from the first `cut` bytes: every packet record that ends at or before it. */
export function wholePacketsBefore(layout: Layout, cut: number): number {
  let n = 0;
  for (const r of layout.records) if (r.packet && r.end <= cut) n++;
  return n;
}

export const packetCount = (layout: Layout): number => layout.records.filter((r) => r.packet).length;
