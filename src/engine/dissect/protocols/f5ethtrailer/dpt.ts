/**
 * New-format F5 trailers (BIG-IP 14 and later, "DPT"), as Wireshark 4.0's
 * packet-f5ethtrailer.c reads them: a header (magic 0xf5deb0f5, length,
 * version 1), then TLVs of 8-byte headers (provider, type, length, version)
 * and values. Provider 1 is the noise (low: type 1 versions 2–4, medium:
 * type 2 version 4, high: type 3 version 1); any other TLV shows as an
 * unknown trailer with its data.
 *
 * Not done: provider 4 (TLS session secrets and keylog lines), which
 * Wireshark decodes and pcapscope shows as an unknown trailer.
 */
import { ascii, bitsLabel, expertField, u16, u32 } from "../../common";
import { formatText } from "../../format-text";
import type { PacketInfo } from "../../packet-info";
import { GENERATED } from "../../tree";
import { f5Fields as F, textField } from "./fields";
import { flowId, infoPrefix, peerConnection, rstCause, type TrailerState } from "./items";

const HEADER = 8;
const PROTOCOL = "F5 Ethernet trailer";

/** ei_f5eth_badlen: a length that runs past the trailer (Error/Malformed). */
function badLength(pinfo: PacketInfo, o: number, length: number): void {
  expertField(pinfo, F.badlen, o, length, "error", F.badlen.name, "Malformed", PROTOCOL);
}

/** A byte run as Wireshark labels F5's data (SEP_SPACE): "61 62", the first 24 bytes and "…" when longer. */
function dataItem(data: Uint8Array, o: number, end: number, pinfo: PacketInfo): void {
  const tree = pinfo.tree;
  let label: string | undefined;
  if (tree.detailed) {
    const shown = Array.from(data.subarray(o, Math.min(end, o + 24)), (b) => b.toString(16).padStart(2, "0")).join(" ");
    label = `Data: ${end - o > 24 ? `${shown} …` : shown || "<MISSING>"}`;
  }
  tree.add(F.data, o, end - o, tree.wants(F.data) ? data.subarray(o, end) : null, 0, label);
}

/** render_f5dptv1_tlvhdr: "F5 Trailer Header, Provider: P, Type: T" over the TLV's 8-byte header. */
function tlvHeader(data: Uint8Array, o: number, pinfo: PacketInfo): void {
  const tree = pinfo.tree;
  tree.open(F.header, o, HEADER, null, tree.detailed ? `F5 Trailer Header, Provider: ${u16(data, o)}, Type: ${u16(data, o + 2)}` : undefined);
  tree.add(F.provider, o, 2, u16(data, o));
  tree.add(F.type, o + 2, 2, u16(data, o + 2));
  tree.add(F.length, o + 4, 2, u16(data, o + 4));
  tree.add(F.version, o + 6, 2, u16(data, o + 6));
  tree.close();
}

/** dissect_dpt_trailer: the header, then the TLVs; the trailer's length. */
export function dptTrailer(data: Uint8Array, start: number, end: number, pinfo: PacketInfo, state: TrailerState): number {
  const tree = pinfo.tree;
  const length = u16(data, start + 4);
  const version = u16(data, start + 6);
  const stop = Math.min(start + length, end);
  tree.open(F.header, start, HEADER, null, tree.detailed ? `F5 Trailer Header - Version: ${version}` : undefined);
  tree.add(F.trailer_magic, start, 4, u32(data, start));
  tree.add(F.trailer_length, start + 4, 2, length);
  tree.add(F.trailer_version, start + 6, 2, version);
  tree.close();
  if (version !== 1) {
    dataItem(data, start + HEADER, stop, pinfo);
    return length;
  }
  let o = start + HEADER;
  while (stop - o >= HEADER && state.cut < 0) {
    const tlvLength = u16(data, o + 4);
    if (tlvLength < HEADER || tlvLength > stop - o) {
      tree.open(F.unknown_trailer, o, HEADER);
      tree.add(F.provider, o, 2, u16(data, o));
      tree.add(F.type, o + 2, 2, u16(data, o + 2));
      tree.open(F.length, o + 4, 2, tlvLength);
      badLength(pinfo, o + 4, 2);
      tree.close();
      if (tlvLength >= HEADER) tree.add(F.version, o + 6, 2, u16(data, o + 6));
      tree.close();
      break;
    }
    if (!(u16(data, o) === 1 && noise(data, o, o + tlvLength, pinfo, state))) {
      tree.open(F.unknown_trailer, o, tlvLength);
      tlvHeader(data, o, pinfo);
      dataItem(data, o + HEADER, o + tlvLength, pinfo);
      tree.close();
    }
    o += tlvLength;
  }
  return length;
}

/** The noise provider's TLVs by type and version; false when it knows neither. */
function noise(data: Uint8Array, o: number, end: number, pinfo: PacketInfo, state: TrailerState): boolean {
  const type = u16(data, o + 2);
  const version = u16(data, o + 6);
  const tree = pinfo.tree;
  const open = (item: typeof F.low): void => {
    tree.open(item, o, end - o);
    tlvHeader(data, o, pinfo);
  };
  if (type === 1 && version >= 2 && version <= 4) {
    open(F.low);
    lowNoise(data, o + HEADER, end, version, pinfo, state);
  } else if (type === 2 && version === 4) {
    open(F.medium);
    mediumNoise(data, o + HEADER, end, pinfo, state);
  } else if (type === 3 && version === 1) {
    open(F.high);
    if (state.peerFlow === 0n) tree.add(F.nopeer, o + HEADER, end - o - HEADER, null);
    else peerConnection(data, o + HEADER, pinfo);
  } else return false;
  tree.close();
  return true;
}

/** dissect_dpt_trailer_noise_low: direction (a flags byte from version 3), slot, TMM, then names. */
function lowNoise(data: Uint8Array, o: number, end: number, version: number, pinfo: PacketInfo, state: TrailerState): void {
  const tree = pinfo.tree;
  const flags = data[o]!;
  const ingress = version === 2 ? flags : flags & 1;
  tree.add(F.ingress, o, 1, ingress !== 0, version > 2 ? GENERATED : 0, tree.detailed ? `Ingress: ${ingress ? "True (IN)" : "False (OUT)"}` : undefined);
  if (version > 2) {
    const action = F["flags.hwaction"].vals!.get((flags & 6) >> 1) ?? "Unknown";
    const inOut = flags & 1 ? "In" : "Out";
    tree.open(F.flags, o, 1, flags, tree.detailed ? `Flags: 0x${flags.toString(16).padStart(2, "0")}, Ingress: ${inOut}, Hardware Action: ${action}` : undefined);
    tree.add(F["flags.ingress"], o, 1, flags & 1, 0, tree.detailed ? bitsLabel(flags, 1, 8, `Ingress: ${inOut} (${flags & 1})`) : undefined);
    tree.add(F["flags.hwaction"], o, 1, (flags & 6) >> 1, 0, tree.detailed ? bitsLabel(flags, 6, 8, `Hardware Action: ${action} (${(flags & 6) >> 1})`) : undefined);
    tree.close();
  }
  const slot = data[o + 1]! + 1;
  const tmm = data[o + 2]!;
  tree.add(F.slot, o + 1, 1, slot, 0, tree.detailed ? `Slot (1-based): ${slot}` : undefined);
  tree.add(F.tmm, o + 2, 1, tmm);
  infoPrefix(pinfo, ingress, slot, tmm);
  o += 3;
  if (version < 4) {
    const len = data[o]!;
    if (end - (o + 1) < len) {
      tree.add(F.vip, o, 0, "");
      badLength(pinfo, o, 0);
      return;
    }
    objectName(data, o - 1, len, "Virtual Server", F.vipnamelen, F.vip, pinfo, false);
    return;
  }
  // Version 4: a block of config object names (type, length, name) behind its length.
  const blockLen = data[o]!;
  tree.open(F.data, o, 1, tree.wants(F.data) ? data.subarray(o, o + 1) : null, "Associated config object names");
  tree.add(F.objnamelen, o, 1, blockLen);
  if (end - (o + 1) < blockLen) {
    badLength(pinfo, o, 1);
    tree.close();
    return;
  }
  tree.close(blockLen + 1);
  const blockEnd = o + 1 + blockLen;
  for (let at = o + 1; at < blockEnd; ) {
    const t = data[at]!;
    if (at + 1 >= blockEnd) {
      // The name's length byte lies past the block: Wireshark's read throws.
      state.cut = at + 1;
      return;
    }
    const l = data[at + 1]!;
    const known = NAME_KINDS[t];
    if (at + 2 + l > blockEnd) {
      // packet-f5ethtrailer.c: the subtree with the type and length only, and "badlen".
      tree.open(textField, at, 2, null, known ? `${known[0]}: ` : "Unknown type");
      tree.add(F.objnametype, at, 1, t);
      tree.add(known ? known[1] : F.objnamelen, at + 1, 1, l);
      badLength(pinfo, at + 1, 1);
      tree.close();
      return;
    }
    if (known) objectName(data, at, l, known[0], known[1], known[2], pinfo, true);
    else objectName(data, at, l, "Unknown type", F.objnamelen, F["data.string"], pinfo, true);
    at += l + 2;
  }
}

/** Object name types of low noise v4: their title and length and name fields. */
const NAME_KINDS: Record<number, [string, typeof F.vip, typeof F.vip]> = {
  0: ["Virtual Server", F.vipnamelen, F.vip],
  1: ["Port", F.portnamelen, F.phys_port],
  2: ["Trunk", F.trunknamelen, F.trunk],
};

/** One name in a subtree "Title: name": its type byte (when `typed`), length and text. */
function objectName(data: Uint8Array, at: number, len: number, title: string, lengthField: typeof F.vip, nameField: typeof F.vip, pinfo: PacketInfo, typed: boolean): void {
  const tree = pinfo.tree;
  const o = at + 1;
  const text = formatText(data, o + 1, o + 1 + len);
  const unknown = title === "Unknown type";
  tree.open(textField, typed ? at : o, len + (typed ? 2 : 1), null, unknown ? title : `${title}: ${text}`);
  if (typed) {
    const t = data[at]!;
    tree.open(F.objnametype, at, 1, t, tree.detailed ? `Type: ${unknown ? "Unknown" : title} (${t})` : undefined);
    if (unknown) expertField(pinfo, F.undecoded, at, 1, "note", F.undecoded.name, "Undecoded", PROTOCOL);
    tree.close();
  }
  tree.add(lengthField, o, 1, len);
  tree.add(nameField, o + 1, len, ascii(data, o + 1, o + 1 + len));
  tree.close();
}

/** dissect_dpt_trailer_noise_med: flow and peer IDs, flags, HA unit, priority, the reset cause. */
function mediumNoise(data: Uint8Array, o: number, end: number, pinfo: PacketInfo, state: TrailerState): void {
  const tree = pinfo.tree;
  let rstLen = data[o + 31] ?? 0;
  const bad = end - (o + 32) < rstLen;
  if (bad) rstLen = 0;
  const rstVer = rstLen ? (data[o + 32]! & 0xfe) >> 1 : 0xff;
  if (rstLen && rstVer === 0 && pinfo.wantColumns) {
    const peer = data[o + 32]! & 1 ? "(peer)" : "";
    pinfo.info += ` [F5RST${peer}: ${ascii(data, o + 41, o + 32 + rstLen)}]`;
  }
  flowId(data, o, 8, pinfo, F.flowid);
  state.peerFlow = flowId(data, o + 8, 8, pinfo, F.peerid);
  tree.add(F.cfflags2, o + 16, 4, u32(data, o + 16));
  tree.add(F.cfflags, o + 20, 4, u32(data, o + 20));
  tree.add(F.flowtype, o + 24, 1, data[o + 24]!);
  tree.add(F.haunit, o + 25, 1, data[o + 25]!);
  tree.add(F.reserved, o + 26, 4, u32(data, o + 26));
  tree.add(F.priority, o + 30, 1, data[o + 30]!);
  if (bad) {
    tree.open(F.rstcause, o + 31, end - (o + 31));
    tree.open(F.rstcauselen, o + 31, 1, data[o + 31]!);
    badLength(pinfo, o + 31, 1);
    tree.close();
    tree.close();
  } else if (rstLen) rstCause(data, o + 31, rstLen, rstVer, pinfo);
}

