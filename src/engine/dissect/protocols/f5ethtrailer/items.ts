/**
 * Items both trailer formats show the same way (packet-f5ethtrailer.c):
 * flow IDs, the Info prefix, a reset cause, the peer connection.
 */
import { ascii, bitsLabel, u16, u32 } from "../../common";
import type { PacketInfo } from "../../packet-info";
import { HIDDEN } from "../../tree";
import { f5Fields as F } from "./fields";

/** What one trailer's TLVs tell the next ones (f5eth_tap_data_t). */
export interface TrailerState {
  peerFlow: bigint;
  /** Where a read ran past the data (Wireshark's exception ends the trailer, "[Malformed Packet]"); -1 none. */
  cut: number;
}

/** A BASE_HEX FT_UINT64 value as Wireshark labels it: 0x and 16 digits. */
const hex64 = (v: bigint): string => `0x${v.toString(16).padStart(16, "0")}`;

export const u64 = (d: Uint8Array, o: number): bigint => (BigInt(u32(d, o)) << 32n) | BigInt(u32(d, o + 4));

/** f5eth_set_info_col with the default "full" format and slots shown: "IN  s1/tmm2 : " before the Info text. */
export function infoPrefix(pinfo: PacketInfo, ingress: number, slot: number, tmm: number): void {
  if (!pinfo.wantColumns) return;
  pinfo.info = `${ingress ? "IN " : "OUT"} s${slot}/tmm${String(tmm).padEnd(2)}: ${pinfo.info}`;
}

/** A flow ID (32 or 64 bits) with its hidden "any flow" twin. */
export function flowId(data: Uint8Array, o: number, width: 4 | 8, pinfo: PacketInfo, field: typeof F.flowid): bigint {
  const v = width === 4 ? BigInt(u32(data, o)) : u64(data, o);
  pinfo.tree.add(field, o, width, v, 0, pinfo.tree.detailed ? `${field.name}: ${hex64(v)}` : undefined);
  pinfo.tree.add(F.anyflowid, o, width, v, HIDDEN);
  return v;
}

/** The RST cause: its length, version and peer bits, a 48-bit value and line, the text. */
export function rstCause(data: Uint8Array, o: number, rstLen: number, rstVer: number, pinfo: PacketInfo): void {
  const tree = pinfo.tree;
  const start = o + 1;
  let summary = "";
  if (rstVer === 0 && tree.detailed) {
    const raw = u64(data, start + 1);
    const peer = data[start]! & 1 ? " {peer}" : "";
    summary = `: [${(raw >> 16n).toString(16)}:${raw & 0xffffn}]${peer} ${ascii(data, start + 9, start + rstLen)}`;
  }
  tree.open(F.rstcause, o, rstLen + 1, null, tree.detailed ? `RST cause${summary}` : undefined);
  tree.add(F.rstcauselen, o, 1, rstLen);
  if (rstVer === 0) {
    const b = data[start]!;
    tree.add(F.rstcausever, start, 1, b >> 1, 0, tree.detailed ? bitsLabel(b, 0xfe, 8, `Version: ${b >> 1} (0x${(b >> 1).toString(16).padStart(2, "0")})`) : undefined);
    tree.add(F.rstcausepeer, start, 1, b & 1, 0, tree.detailed ? bitsLabel(b, 0x01, 8, `Peer: ${b & 1}`) : undefined);
    const value = u64(data, start + 1) >> 16n;
    tree.add(F.rstcauseval, start + 1, 6, value, 0, tree.detailed ? `Value: 0x${value.toString(16).padStart(12, "0")}` : undefined);
    tree.add(F.rstcauseline, start + 7, 2, u16(data, start + 7));
    tree.add(F.rstcausetxt, start + 9, rstLen - 9, ascii(data, start + 9, start + rstLen));
  }
  tree.close();
}

const V4_IN_V6 = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];
/** The prefix under which BIG-IP writes an IPv4 address with its route domain (F5 solution 10511). */
const RTDOM_PREFIX = [0x26, 0x20, 0, 0, 0x0c, 0x10, 0xf5, 0x01, 0, 0];

const startsWith = (d: Uint8Array, o: number, prefix: readonly number[]): boolean => prefix.every((b, i) => d[o + i] === b);

/** displayIPv6as4: an IPv4 address (and route domain) inside the IPv6 one, in IPv4 fields. */
function v6as4(data: Uint8Array, o: number, pinfo: PacketInfo, addr: typeof F.peeraddr, rtdom: typeof F.peerrtdom, flags: number): void {
  const tree = pinfo.tree;
  if (startsWith(data, o, V4_IN_V6)) tree.add(addr, o + 12, 4, u32(data, o + 12), flags);
  else if (startsWith(data, o, RTDOM_PREFIX)) {
    tree.add(addr, o + 12, 4, u32(data, o + 12), flags);
    tree.add(rtdom, o + 10, 2, u16(data, o + 10), flags);
  }
}

/** One peer address: as IPv4 where it is one, as IPv6, and both again in the hidden "remote or local" fields. */
function peerAddress(data: Uint8Array, o: number, pinfo: PacketInfo, v4: typeof F.peeraddr, rtdom: typeof F.peerrtdom, v6: typeof F.peeraddr6): void {
  const tree = pinfo.tree;
  v6as4(data, o, pinfo, v4, rtdom, 0);
  v6as4(data, o, pinfo, F.peeraddr, F.peerrtdom, HIDDEN);
  tree.add(v6, o, 16, tree.wants(v6) || tree.detailed ? data.subarray(o, o + 16) : null);
  tree.add(F.peeraddr6, o, 16, tree.wants(F.peeraddr6) ? data.subarray(o, o + 16) : null, HIDDEN);
}

/** The peer connection of a high-noise trailer: IP protocol, VLAN, remote and local address and port. */
export function peerConnection(data: Uint8Array, o: number, pinfo: PacketInfo): void {
  const tree = pinfo.tree;
  tree.add(F.peeripproto, o, 1, data[o]!);
  tree.add(F.peervlan, o + 1, 2, u16(data, o + 1));
  o += 3;
  peerAddress(data, o, pinfo, F.peerremoteaddr, F.peerremotertdom, F.peerremoteaddr6);
  peerAddress(data, o + 16, pinfo, F.peerlocaladdr, F.peerlocalrtdom, F.peerlocaladdr6);
  o += 32;
  tree.add(F.peerremoteport, o, 2, u16(data, o));
  tree.add(F.peerport, o, 2, u16(data, o), HIDDEN);
  tree.add(F.peerlocalport, o + 2, 2, u16(data, o + 2));
  tree.add(F.peerport, o + 2, 2, u16(data, o + 2), HIDDEN);
}
