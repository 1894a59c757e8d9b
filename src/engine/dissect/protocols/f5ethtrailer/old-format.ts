/**
 * The old-format F5 trailer TLVs (BIG-IP 9.4.2 – 13.x), as Wireshark 4.0's
 * packet-f5ethtrailer.c reads them: a type (1 low, 2 medium, 3 high noise),
 * a length not counting the type and length bytes, a version, then the
 * values. Each reader first checks that the version and length are ones it
 * knows and returns 0 otherwise (the caller then shows a one-byte item and
 * stops); the bytes are within the trailer by then (the caller checked the
 * TLV's length against it).
 */
import { ascii, u32 } from "../../common";
import { flowId, infoPrefix, peerConnection, rstCause, type TrailerState } from "./items";
import type { PacketInfo } from "../../packet-info";
import { HIDDEN } from "../../tree";
import { f5Fields as F } from "./fields";

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

/** dissect_high_trailer: the peer connection (protocol, VLAN, addresses, ports), known after a medium trailer's peer ID. */
export function highTrailer(data: Uint8Array, offset: number, len: number, ver: number, pinfo: PacketInfo, state: TrailerState): number {
  if (ver !== 0 || len !== 42) return 0;
  const tree = pinfo.tree;
  const o = legacyHeader(data, offset, pinfo);
  if (state.peerFlow === 0n) {
    tree.add(F.nopeer, o, len - 3, null);
    return len;
  }
  peerConnection(data, o, pinfo);
  return len;
}

