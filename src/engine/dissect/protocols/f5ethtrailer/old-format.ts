/**
 * The old-format F5 trailer TLVs (BIG-IP 9.4.2 – 13.x), as Wireshark 4.0's
 * packet-f5ethtrailer.c reads them: a type (1 low, 2 medium, 3 high noise),
 * a length not counting the type and length bytes, a version, then the
 * values. Each reader first checks that the version and length are ones it
 * knows and returns 0 otherwise (the caller then shows a one-byte item and
 * stops); the bytes are within the trailer by then (the caller checked the
 * TLV's length against it).
 */
import { ascii, bitsLabel, u16, u32 } from "../../common";
import type { PacketInfo } from "../../packet-info";
import { HIDDEN } from "../../tree";
import { f5Fields as F } from "./fields";

/** What one trailer's TLVs tell the next ones and the Info column (f5eth_tap_data_t). */
export interface TrailerState {
  peerFlow: bigint;
}

/** A BASE_HEX FT_UINT64 value as Wireshark labels it: 0x and 16 digits. */
const hex64 = (v: bigint): string => `0x${v.toString(16).padStart(16, "0")}`;

const u64 = (d: Uint8Array, o: number): bigint => (BigInt(u32(d, o)) << 32n) | BigInt(u32(d, o + 4));

/** render_f5_legacy_hdr: type, length and version under "F5 Trailer Header, Type: N". */
function legacyHeader(data: Uint8Array, o: number, pinfo: PacketInfo): number {
  const tree = pinfo.tree;
  tree.open(F.header, o, 3, null, tree.detailed ? `F5 Trailer Header, Type: ${data[o]!}` : undefined);
  tree.add(F.type, o, 1, data[o]!);
  tree.add(F.length, o + 1, 1, data[o + 1]!);
  tree.add(F.version, o + 2, 1, data[o + 2]!);
  tree.close();
  return o + 3;
}

/** f5eth_set_info_col with the default "full" format and slots shown: "IN  s1/tmm2 : " before the Info text. */
function infoPrefix(pinfo: PacketInfo, ingress: number, slot: number, tmm: number): void {
  if (!pinfo.wantColumns) return;
  pinfo.info = `${ingress ? "IN " : "OUT"} s${slot}/tmm${String(tmm).padEnd(2)}: ${pinfo.info}`;
}

/** A flow ID (32 or 64 bits) with its hidden "any flow" twin. */
function flowId(data: Uint8Array, o: number, width: 4 | 8, pinfo: PacketInfo, field: typeof F.flowid): bigint {
  const v = width === 4 ? BigInt(u32(data, o)) : u64(data, o);
  pinfo.tree.add(field, o, width, v, 0, pinfo.tree.detailed ? `${field.name}: ${hex64(v)}` : undefined);
  pinfo.tree.add(F.anyflowid, o, width, v, HIDDEN);
  return v;
}

/** dissect_low_trailer: direction, slot, TMM, the v9.4 flow IDs, the virtual server's name. */
export function lowTrailer(data: Uint8Array, offset: number, len: number, ver: number, pinfo: PacketInfo): number {
  let vipLen = 16;
  let slot: number;
  // v9.4 (35 bytes) counts slots from 0, the others from 1 (the same field, another label).
  let zeroBased = false;
  if (ver === 0) {
    if (len !== 22 && len !== 35) return 0;
    zeroBased = len === 35;
    slot = data[offset + 4]! + (zeroBased ? 0 : 1);
  } else if (ver === 1) {
    if (len < 7) return 0;
    vipLen = data[offset + 6]!;
    if (vipLen + 7 !== len) return 0;
    slot = data[offset + 4]! + 1;
  } else return 0;
  const ingress = data[offset + 3]!;
  const tmm = data[offset + 5]!;
  infoPrefix(pinfo, ingress, slot, tmm);
  const tree = pinfo.tree;
  let o = legacyHeader(data, offset, pinfo);
  tree.add(F.ingress, o, 1, ingress !== 0, 0, tree.detailed ? `Ingress: ${ingress ? "True (IN)" : "False (OUT)"}` : undefined);
  o++;
  tree.add(F.slot, o, 1, slot, 0, tree.detailed ? `Slot (${zeroBased ? 0 : 1}-based): ${slot}` : undefined);
  o++;
  tree.add(F.tmm, o, 1, data[o]!);
  o++;
  if (len === 35 && ver === 0) {
    flowId(data, o, 4, pinfo, F.flowid);
    flowId(data, o + 4, 4, pinfo, F.peerid);
    tree.add(F.cfflags, o + 8, 4, u32(data, o + 8));
    tree.add(F.flowtype, o + 12, 1, data[o + 12]!);
    o += 13;
  }
  if (ver === 1) {
    tree.add(F.vipnamelen, o, 1, data[o]!, HIDDEN);
    o++;
  }
  const name = ascii(data, o, o + vipLen).replace(/\0.*$/s, "");
  tree.add(F.vip, o, vipLen, name, 0, tree.detailed ? `VIP Name: ${name}` : undefined);
  return len;
}

/** Where a medium trailer's RST cause length byte is, by version (F5_MEDVn_LENMIN - 1). */
const RST_LENGTH_AT: Record<number, number> = { 1: 29, 2: 30, 3: 34 };

/** dissect_med_trailer: flow and peer IDs, connection flags, HA unit, priority, the RST cause. */
export function mediumTrailer(data: Uint8Array, offset: number, len: number, ver: number, pinfo: PacketInfo, state: TrailerState): number {
  let rstLen = 0;
  let rstVer = 0xff;
  if (ver === 0) {
    if (len !== 29 && len !== 21 && len !== 8) return 0;
  } else if (ver >= 1 && ver <= 3) {
    const at = RST_LENGTH_AT[ver]!;
    if (len < at + 1) return 0;
    rstLen = data[offset + at]!;
    if (rstLen + at + 1 !== len) return 0;
    if (rstLen) rstVer = (data[offset + at + 1]! & 0xfe) >> 1;
    if (rstLen && rstVer === 0 && pinfo.wantColumns) {
      // The reset's reason, after its version byte and 8 bytes of value and line.
      const peer = data[offset + at + 1]! & 1 ? "(peer)" : "";
      pinfo.info += ` [F5RST${peer}: ${ascii(data, offset + at + 10, offset + at + 1 + rstLen)}]`;
    }
  } else return 0;
  const tree = pinfo.tree;
  let o = legacyHeader(data, offset, pinfo);
  if (len !== 8 || ver > 0) {
    const width = len === 21 && ver === 0 ? 4 : 8;
    flowId(data, o, width, pinfo, F.flowid);
    state.peerFlow = flowId(data, o + width, width, pinfo, F.peerid);
    o += 2 * width;
    if (ver >= 3) {
      tree.add(F.cfflags2, o, 4, u32(data, o));
      o += 4;
    }
    tree.add(F.cfflags, o, 4, u32(data, o));
    tree.add(F.flowtype, o + 4, 1, data[o + 4]!);
    o += 5;
  }
  tree.add(F.haunit, o, 1, data[o]!);
  tree.add(F.reserved, o + 1, 4, u32(data, o + 1));
  o += 5;
  if (ver >= 2) tree.add(F.priority, o++, 1, data[o - 1]!);
  if (ver >= 1 && rstLen) rstCause(data, o, rstLen, rstVer, pinfo);
  return len;
}

/** The RST cause: its length, version and peer bits, a 48-bit value and line, the text. */
function rstCause(data: Uint8Array, o: number, rstLen: number, rstVer: number, pinfo: PacketInfo): void {
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

/** dissect_high_trailer: the peer connection (protocol, VLAN, addresses, ports), known after a medium trailer's peer ID. */
export function highTrailer(data: Uint8Array, offset: number, len: number, ver: number, pinfo: PacketInfo, state: TrailerState): number {
  if (ver !== 0 || len !== 42) return 0;
  const tree = pinfo.tree;
  let o = legacyHeader(data, offset, pinfo);
  if (state.peerFlow === 0n) {
    tree.add(F.nopeer, o, len - 3, null);
    return len;
  }
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
  return len;
}

