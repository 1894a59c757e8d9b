/**
 * Small helpers every dissector uses: layer bookkeeping, malformed marking and
 * the generic `data` layer for bytes nobody claims.
 */
import { shortAscii } from "./bytes";
import { defineFields } from "./field";
import type { PacketInfo } from "./packet-info";
import type { ProtoTree, Severity } from "./tree";
import type { FieldDef } from "./field";
import { EXPERT_GROUPS, SUMMARY_MAX, expertGroupCode, expertProtocolName, type ExpertGroup } from "./expert-info";

export const wsFields = defineFields("_ws", {
  malformed: { name: "Malformed Packet", type: "none" },
  // A protocol item in Wireshark (proto_expert): -T fields prints its text, "Expert Info (Warning/Sequence): …".
  expert: { name: "Expert Info", type: "protocol" },
  short: { name: "Packet size limited during capture", type: "none" },
});

export const expertFields = defineFields("_ws.expert", {
  message: { name: "Message", type: "string" },
  // Wireshark's PI_COMMENT..PI_ERROR severity codes.
  severity: {
    name: "Severity level",
    type: "uint32",
    base: "dec",
    vals: { 0x100000: "Comment", 0x200000: "Chat", 0x400000: "Note", 0x600000: "Warning", 0x800000: "Error" },
  },
  // Wireshark's PI_CHECKSUM..PI_DEPRECATED group codes.
  group: { name: "Group", type: "uint32", base: "dec", vals: Object.fromEntries(EXPERT_GROUPS.map((g) => [expertGroupCode(g), g])) },
});

export const dataFields = defineFields("data", {
  "": { name: "Data", type: "protocol" },
  data: { name: "Data", type: "bytes" },
  len: { name: "Length", type: "int32" },
});

/** Appends a layer name to frame.protocols. */
export function enterLayer(pinfo: PacketInfo, name: string): void {
  pinfo.layers.push(name);
}

/** Marks, in `pinfo.layers`, a protocol frame.protocols does not list (enterUnlistedLayer). */
const UNLISTED = "~";

/**
 * A protocol present in the packet (its item, its filter, its colour gate) that
 * frame.protocols does not list: Wireshark lists a protocol when it is called
 * through a dissector handle (call_dissector's add_layer), not one its parent
 * calls as a function, as SMB does the mailslot header, the pipe header and
 * LANMAN, and DCERPC the interfaces it binds (SRVSVC).
 */
export function enterUnlistedLayer(pinfo: PacketInfo, name: string): void {
  pinfo.layers.push(UNLISTED + name);
}

/** A `pinfo.layers` entry's protocol name, listed or not. */
export function layerName(layer: string): string {
  return layer.startsWith(UNLISTED) ? layer.slice(1) : layer;
}

/** Whether frame.protocols lists the layer. */
export function isListedLayer(layer: string): boolean {
  return !layer.startsWith(UNLISTED);
}

/** frame.protocols: the listed layers, colon-separated. */
export function listedProtocols(layers: readonly string[]): string {
  let out = "";
  for (const l of layers) if (isListedLayer(l)) out = out ? `${out}:${l}` : l;
  return out;
}

/** tap-expert.c's levels (ExpertLevel): a comment ranks below every other item. */
const SEVERITY_RANK: Record<Severity, number> = { comment: 0, chat: 1, note: 2, warn: 3, error: 4 };

/**
 * Adds an expert item and keeps the packet's highest severity (for colouring
 * and filters). `group` and `protocol` are what Wireshark registered the item
 * with (its ei_register_info entry) and the short name of the protocol adding
 * it; the pass's expert sink, when there is one, records all four. `field`
 * is the item's own filterable name, when the caller has it.
 */
export function expert(
  pinfo: PacketInfo,
  offset: number,
  length: number,
  severity: Severity,
  message: string,
  group: ExpertGroup,
  protocol: string,
  field?: FieldDef,
): void {
  pinfo.tree.expert(offset, length, severity, message, group, field);
  const rank = SEVERITY_RANK[severity];
  if (rank > pinfo.expertSeverity) pinfo.expertSeverity = rank;
  // tshark's expert tap skips what is queued inside an ICMP error's quoted datagram.
  if (pinfo.expertSink !== null && !pinfo.inErrorPacket) {
    pinfo.expertSink.add(pinfo.num, rank, group, protocol, message.length > SUMMARY_MAX ? message.slice(0, SUMMARY_MAX) : message);
  }
}

/**
 * Marks the current layer malformed with a reason (Wireshark's "[Malformed
 * Packet]" expert item and Info suffix). When the frame was cut short by the
 * snap length the data is not wrong, only missing, and Wireshark says so
 * instead: "[Packet size limited during capture]".
 */
export function markMalformed(pinfo: PacketInfo, protocol: string, offset: number, reason: string): void {
  const snapped = pinfo.capLen < pinfo.len;
  if (!pinfo.malformed) pinfo.malformed = `${protocol}: ${reason}`;
  if (snapped) {
    pinfo.tree.add(wsFields.short, offset, 0, null, 0, `[Packet size limited during capture: ${protocol} truncated]`);
    if (pinfo.wantColumns && !pinfo.info.endsWith("[Packet size limited during capture]")) pinfo.appendInfo("[Packet size limited during capture]");
    return;
  }
  pinfo.tree.add(wsFields.malformed, offset, 0, null, 0, `[Malformed Packet: ${protocol}: ${reason}]`);
  // Wireshark's show_exception adds ei_malformed under the protocol that threw; the reason stays in the line above.
  expert(pinfo, offset, 0, "error", "Malformed Packet (Exception occurred)", "Malformed", expertProtocolName(protocol));
  // tshark appends the marker with no separator ("Name query[Malformed Packet]").
  if (pinfo.wantColumns && !pinfo.info.endsWith("[Malformed Packet]")) pinfo.appendInfo("[Malformed Packet]");
}

/** The `data` layer: payload bytes no dissector claimed. */
export function dissectData(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
  if (end <= offset) return 0;
  enterLayer(pinfo, "data");
  const tree = pinfo.tree;
  // The label is the item's text in the tree and its -T fields value (a protocol item): built only for those.
  tree.open(dataFields[""], offset, end - offset, null, tree.detailed || tree.wants(dataFields[""]) ? `Data (${end - offset} bytes)` : undefined);
  tree.add(dataFields.data, offset, end - offset, view(tree, dataFields.data, data, offset, end));
  tree.add(dataFields.len, offset, 0, end - offset, 1);
  tree.close();
  return end - offset;
}

/** Big-endian readers over a Uint8Array (network byte order), bounds unchecked: callers check lengths first. */
export function u16(b: Uint8Array, o: number): number {
  return (b[o]! << 8) | b[o + 1]!;
}
export function u24(b: Uint8Array, o: number): number {
  return (b[o]! << 16) | (b[o + 1]! << 8) | b[o + 2]!;
}
export function u32(b: Uint8Array, o: number): number {
  return ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
}
export function u16le(b: Uint8Array, o: number): number {
  return b[o]! | (b[o + 1]! << 8);
}
export function u32le(b: Uint8Array, o: number): number {
  return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
}

const latin1 = new TextDecoder("latin1");
const utf8 = new TextDecoder("utf-8");
/** Bytes as text, one char per byte (what Wireshark's ENC_ASCII shows for protocol lines). */
export function ascii(b: Uint8Array, start: number, end: number): string {
  return shortAscii(b, start, end) ?? latin1.decode(b.subarray(start, end));
}
export function utf8Text(b: Uint8Array, start: number, end: number): string {
  return shortAscii(b, start, end) ?? utf8.decode(b.subarray(start, end));
}

/** tshark's bit-field prefix, e.g. mask 0xe000 of 0x007b over 16 bits: "000. .... .... ....". */
export function bitPattern(value: number, mask: number, width: number): string {
  let s = "";
  for (let i = width - 1; i >= 0; i--) {
    const bit = 2 ** i;
    s += Math.floor(mask / bit) % 2 ? (Math.floor(value / bit) % 2 ? "1" : "0") : ".";
    if (i > 0 && i % 4 === 0) s += " ";
  }
  return s;
}

/** "..1. .... .... .... = Name: text" as Wireshark draws a bit field of a `width`-bit integer. */
export function bitsLabel(value: number, mask: number, width: number, text: string): string {
  return `${bitPattern(value, mask, width)} = ${text}`;
}

/** The value FT_NONE items carry: tshark prints "1" for them (their presence). */
export const PRESENT = 1;

/** What tshark prints for an FT_BYTES item of length zero added from the packet. */
export const MISSING = "<MISSING>";

/**
 * An expert item with its own FT_NONE field (e.g. dns.retransmit_request),
 * which tshark -T fields prints as "1" like any other field and its tree
 * shows inside the item, labelled with the message.
 */
export function expertField(pinfo: PacketInfo, f: FieldDef, offset: number, length: number, severity: Severity, message: string, group: ExpertGroup, protocol: string): void {
  expert(pinfo, offset, length, severity, message, group, protocol, f);
}

/**
 * Marks the layer malformed with Wireshark's Info text: "[Malformed Packet]"
 * is appended with no space before it (show_exception uses col_append_str).
 */
export function malformed(pinfo: PacketInfo, proto: string, offset: number, reason: string): void {
  if (pinfo.inErrorPacket) return;
  if (pinfo.wantColumns && pinfo.capLen >= pinfo.len && !pinfo.info.endsWith("[Malformed Packet]")) pinfo.info += "[Malformed Packet]";
  markMalformed(pinfo, proto, offset, reason);
}

/** A byte-field value, made only when the tree records that field (no view object on the indexing pass). */
export function view(tree: ProtoTree, f: FieldDef, data: Uint8Array, start: number, end: number): Uint8Array | null {
  return tree.wants(f) ? data.subarray(start, end) : null;
}

/** End of the data as the wire had it: the frame's reported length when [.., end) reaches the captured end. */
export function reportedEnd(data: Uint8Array, end: number, pinfo: PacketInfo): number {
  return end === data.length && data.length === pinfo.capLen && pinfo.len > pinfo.capLen ? end + (pinfo.len - pinfo.capLen) : end;
}

