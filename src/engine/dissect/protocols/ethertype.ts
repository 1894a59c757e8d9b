/**
 * Wireshark's "ethertype" dissector (packet-ethertype.c): the hand-off from a
 * link layer that carries an EtherType (Ethernet II, 802.1Q/802.1ad, Linux
 * SLL) to the payload's dissector, then the accounting of the bytes the payload
 * left over as padding, trailer and FCS (add_dix_trailer and packet-eth.c
 * add_ethernet_trailer).
 */
import { defineField, type FieldDef } from "../field";
import { heuristicsFor, table } from "../dissector";
import { dissectData, enterLayer, expert, markMalformed, reportedEnd, u32, view } from "../common";
import type { PacketInfo } from "../packet-info";
import { GENERATED } from "../tree";
import { ETHERTYPE_NAMES } from "./ethertype-names";

const ethPadding = defineField("eth.padding", { name: "Padding", type: "bytes" });
export const ethFcs = defineField("eth.fcs", { name: "Frame check sequence", type: "uint32", base: "hex" });
export const ethFcsStatus = defineField("eth.fcs.status", {
  name: "FCS Status",
  type: "uint8",
  base: "none",
  vals: { 0: "Bad", 1: "Good", 2: "Unverified", 3: "Not present", 4: "Illegal" },
});

const ETHERTYPE_TABLE = table("ethertype");

/** Minimum Ethernet frame without FCS: shorter frames are padded up to it (IEEE 802.3 clause 4.2.3.3). */
const ETH_MIN_FRAME = 60;

/**
 * Wireshark's "ethertype" dissector: adds the `ethertype` pseudo-layer, calls
 * the dissector registered for `type` on [offset, end), falls back to `data`
 * (Protocol column "0x%04x", Info the EtherType's name when it has one), then
 * accounts for the bytes the payload left over as padding/trailer/FCS. The
 * caller has already added its type field and closed its own subtree.
 * `fcsLen`: 0 no FCS (VLAN, SLL), 4 FCS present, -1 unknown (guess).
 */
export function dissectEthertype(
  type: number,
  data: Uint8Array,
  offset: number,
  end: number,
  pinfo: PacketInfo,
  trailerField: FieldDef,
  fcsLen = 0,
): number {
  enterLayer(pinfo, "ethertype");
  const used = ETHERTYPE_TABLE.tryCall(type, data, offset, end, pinfo);
  // -1: nothing registered; 0 with bytes present: the registered dissector rejected them
  // (e.g. IPv6 with another version nibble) and tshark shows them as data under "0x86dd".
  if (used < 0 || (used === 0 && offset < end)) {
    // No dissector for this EtherType: the rest is "data". With nothing captured after the type,
    // tshark 4.0 lists neither `data` nor the `ethertype` layer in frame.protocols (checked on crafted frames).
    if (offset >= end) pinfo.layers.pop();
    else dissectData(data, offset, end, pinfo);
    pinfo.protocol = `0x${type.toString(16).padStart(4, "0")}`;
    if (pinfo.wantColumns) {
      const name = ETHERTYPE_NAMES.get(type);
      if (name !== undefined) pinfo.info = name;
    }
    return end - offset;
  }
  addEthernetTrailer(data, offset + used, end, pinfo, trailerField, fcsLen);
  return end - offset;
}

/** Whether a trailer heuristic (Wireshark's "eth.trailer" list) claimed [start, end). */
function trailerHeuristics(data: Uint8Array, start: number, end: number, pinfo: PacketInfo): boolean {
  for (const h of heuristicsFor("eth.trailer")) if (h.dissect(data, start, end, pinfo) > 0) return true;
  return false;
}

/**
 * Bytes after the payload (from `trailerStart`): padding up to the 60-byte
 * minimum frame when they are zeros (Wireshark's default "padding: zeros"
 * preference), then an FCS when one is known or guessed (frame of 64 bytes or
 * more with at least 4 trailer bytes left), the rest as `trailerField`.
 */
export function addEthernetTrailer(
  data: Uint8Array,
  trailerStart: number,
  end: number,
  pinfo: PacketInfo,
  trailerField: FieldDef,
  fcsLen: number,
): void {
  // Wireshark only shows a trailer when at least one of its bytes was captured.
  if (trailerStart >= end) return;
  const tree = pinfo.tree;
  let trailerLen = end - trailerStart;
  let trailerRep = reportedEnd(data, end, pinfo) - trailerStart;
  const pktLen = pinfo.len;
  let padding = 0;
  // Padding is possible only in a frame of at least 60 bytes whose data before the trailer is shorter than that.
  const maybePadded = pktLen >= ETH_MIN_FRAME && pktLen - trailerRep < ETH_MIN_FRAME;
  if (maybePadded) {
    padding = ETH_MIN_FRAME - (pktLen - trailerRep);
    for (let i = 0; i < padding; i++) {
      if (trailerStart + i >= end) {
        markMalformed(pinfo, "eth", trailerStart + i, "padding runs past the captured data");
        return;
      }
      if (data[trailerStart + i] !== 0) {
        padding = 0;
        break;
      }
    }
    if (padding > 0) {
      tree.add(ethPadding, trailerStart, padding, view(tree, ethPadding, data, trailerStart, trailerStart + padding));
      trailerLen -= padding;
      trailerRep -= padding;
    }
  }
  const realTrailerRep = trailerRep;
  let hasFcs = false;
  if (fcsLen !== 0 && (fcsLen === 4 || (pktLen >= 64 && trailerRep >= 4))) {
    if (trailerLen < trailerRep) {
      trailerRep -= 4;
      if (trailerLen > trailerRep) trailerLen = trailerRep;
    } else {
      trailerLen -= 4;
      trailerRep -= 4;
    }
    hasFcs = true;
  }
  const start = trailerStart + padding;
  if ((fcsLen === 4 ? trailerRep : realTrailerRep) !== 0 && trailerLen > 0) {
    // packet-eth.c offers the trailer to its heuristics first (F5's); with an FCS only guessed,
    // the 4 bytes are offered too and, the trailer claimed, nothing is left for an FCS.
    const offered = hasFcs && fcsLen !== 4 ? Math.min(start + trailerLen + 4, end) : start + trailerLen;
    if (trailerHeuristics(data, start, offered, pinfo)) {
      if (fcsLen !== 4) return;
      trailerLen = 0;
    }
  }
  if ((fcsLen === 4 ? trailerRep : realTrailerRep) !== 0 && trailerLen > 0) {
    tree.add(trailerField, start, trailerLen, view(tree, trailerField, data, start, start + trailerLen));
    if (maybePadded && padding === 0) {
      expert(
        pinfo,
        start,
        trailerLen,
        "note",
        "Didn't find padding of zeros, and an undecoded trailer exists. There may be padding of non-zeros.", "Protocol", "Ethertype",
      );
    }
  }
  if (hasFcs) {
    const fcsAt = start + Math.max(trailerLen, 0);
    if (fcsAt + 4 > end) {
      markMalformed(pinfo, "eth", fcsAt, "frame check sequence not captured");
      return;
    }
    const fcs = u32(data, fcsAt);
    tree.add(
      ethFcs,
      fcsAt,
      4,
      fcs,
      0,
      tree.detailed ? `Frame check sequence: 0x${fcs.toString(16).padStart(8, "0")} [unverified]` : undefined,
    );
    tree.add(ethFcsStatus, fcsAt, 4, 2, GENERATED);
  }
}

