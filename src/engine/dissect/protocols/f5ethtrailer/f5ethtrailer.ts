/**
 * Wireshark 4.0's F5 Ethernet trailer (packet-f5ethtrailer.c), a heuristic
 * on the bytes an Ethernet frame carries after its payload: BIG-IP's tcpdump
 * appends per-packet details there (direction, slot and TMM, flow IDs, the
 * virtual server, the peer connection, a reset's cause).
 *
 * The heuristic skips leading zeros (padding added before the trailer), wants
 * at least 7 bytes, then looks for a new-format trailer (magic 0xf5deb0f5,
 * BIG-IP 14 and later) or an old-format TLV whose type, length and version
 * are plausible. Old-format TLVs are then read one after another until one
 * is not known; such a TLV shows as a one-byte item and ends the trailer.
 * Wireshark adds the items to the frame's top level even when the trailer
 * turns out not to be one (0 bytes read): the Ethernet layer then shows the
 * bytes as its Trailer too, and only a trailer read counts in
 * frame.protocols.
 *
 * New-format trailers: dpt.ts.
 */
import { registerHeuristic } from "../../dissector";
import { enterLayer, enterUnlistedLayer, malformed, u16, u32 } from "../../common";
import type { PacketInfo } from "../../packet-info";
import { f5Fields as F } from "./fields";
import { dptTrailer } from "./dpt";
import { highTrailer, lowTrailer, mediumTrailer } from "./old-format";
import type { TrailerState } from "./items";

const MAGIC = 0xf5deb0f5;
/** The protocol as Wireshark names it in expert items. */
const PROTOCOL = "F5 Ethernet trailer";
/** F5_LOWV1_LENMIN: the shortest trailer, a low-noise TLV with no virtual server name. */
const MIN_TRAILER = 7;
/** F5_MIN_SANE and F5_MAX_SANE: the TLV lengths (type and length bytes included) the heuristic believes. */
const MIN_TLV = 7;
const MAX_TLV = 140;
/** F5TRAILER_VER_MAX: medium trailers go up to version 3. */
const MAX_VERSION = 3;

/** An old-format TLV at `o`: its length (type and length bytes included), or 0 when it is not plausible. */
function plausibleTlv(data: Uint8Array, o: number, end: number): number {
  if (o + 3 > end) return 0;
  const type = data[o]!;
  const len = data[o + 1]! + 2;
  const ver = data[o + 2]!;
  return len <= end - o && type >= 1 && type <= 3 && len >= MIN_TLV && len <= MAX_TLV && ver <= MAX_VERSION ? len : 0;
}

/** Where a trailer starts and in which format; `fcs`: a new-format one found 4 bytes on, after an FCS. */
interface Found {
  format: "new" | "old";
  at: number;
  fcs: boolean;
}

/** The heuristic: which format starts at `o` (after the leading zeros), checking the FCS-shifted magic too. */
function detect(data: Uint8Array, start: number, o: number, end: number): Found | null {
  const length = end - o;
  // Wireshark compares the remaining length less the offset of the first non-zero byte again (sic).
  if (length - (o - start) >= 12 && o + 8 <= end) {
    if (u32(data, o) === MAGIC) return u16(data, o + 4) > length ? null : { format: "new", at: o, fcs: false };
    // A trailer added after the FCS: the magic 4 bytes on, or fewer when the FCS began with zeros.
    for (let i = 0; i <= o - start && i <= 4; i++) {
      const at = o + 4 - i;
      if (at + 8 <= end && u32(data, at) === MAGIC) return u16(data, at + 4) > length ? null : { format: "new", at, fcs: true };
    }
  }
  return plausibleTlv(data, o, end) ? { format: "old", at: o, fcs: false } : null;
}

/** dissect_old_trailer: the TLVs from `o`; how many bytes they took (0: the first was not one Wireshark knows). */
function oldTrailer(data: Uint8Array, o: number, end: number, pinfo: PacketInfo, state: TrailerState): number {
  const tree = pinfo.tree;
  let at = o;
  while (at < end) {
    const len = plausibleTlv(data, at, end);
    if (len === 0) break;
    const type = data[at]!;
    const ver = data[at + 2]!;
    const item = type === 1 ? F.low : type === 2 ? F.medium : F.high;
    tree.open(item, at, len);
    const used =
      type === 1 ? lowTrailer(data, at, len, ver, pinfo) : type === 2 ? mediumTrailer(data, at, len, ver, pinfo, state) : highTrailer(data, at, len, ver, pinfo, state);
    if (used === 0) {
      tree.close(1);
      break;
    }
    tree.close();
    at += used;
  }
  return at - o;
}

/** The heuristic dissector on an Ethernet trailer [start, end): bytes it read as a trailer (0: not one). */
export const f5ethtrailer = {
  name: "f5ethtrailer",
  dissect(data: Uint8Array, start: number, end: number, pinfo: PacketInfo): number {
    // Only a whole trailer helps: none when the frame was cut short.
    if (end === data.length && pinfo.capLen < pinfo.len) return 0;
    let o = start;
    while (o < end && data[o] === 0) o++;
    if (end - o < MIN_TRAILER) return 0;
    const found = detect(data, start, o, end);
    if (found === null) return 0;
    const tree = pinfo.tree;
    const state: TrailerState = { peerFlow: 0n, cut: -1 };
    tree.enterRoot?.();
    tree.open(F[""], found.at, 0);
    if (found.fcs) tree.add(F.orig_fcs, found.at - 4, 4, u32(data, found.at - 4));
    let used = found.format === "new" ? dptTrailer(data, found.at, end, pinfo, state) : oldTrailer(data, found.at, end, pinfo, state);
    // An exception leaves the item over the rest of the trailer and the frame malformed.
    if (state.cut >= 0) used = end - found.at;
    tree.close(used);
    if (state.cut >= 0) malformed(pinfo, PROTOCOL, state.cut, "a name's length runs past the object names");
    tree.leaveRoot?.();
    // Claimed, it is a layer of the frame; not, its items are there all the same (-Y f5ethtrailer finds them).
    if (used > 0) enterLayer(pinfo, "f5ethtrailer");
    else enterUnlistedLayer(pinfo, "f5ethtrailer");
    return used;
  },
};

registerHeuristic("eth.trailer", f5ethtrailer);
