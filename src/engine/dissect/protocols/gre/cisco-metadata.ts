/**
 * Cisco MetaData ("cmd", EtherType 0x8909): the Cisco TrustSec header that
 * carries a Security Group Tag in front of a packet (draft-smith-kandula-sxp,
 * "inline tagging"). It comes in two layouts, as Wireshark 4.0's
 * packet-cisco-metadata.c reads them:
 *
 *   after Ethernet:  +0 version  +1 length  +2 options(2)  +4 SGT(2)  +6 EtherType(2)  +8 payload
 *   after GRE:       +0 EtherType(2)  +2 version  +3 length  +4 options(2)  +6 SGT(2)  +8 payload
 *
 * In both the layer's own item covers 6 bytes (Wireshark's choice, kept for
 * the byte highlighting). The Ethernet form goes on through the EtherType
 * hand-off (with a "cmd.trailer"); the GRE form goes back to GRE's
 * protocol-type table, so an IPv4 packet inside reads "gre:cmd:ip".
 */
import { register } from "../../dissector";
import { enterLayer, markMalformed, u16 } from "../../common";
import type { PacketInfo } from "../../packet-info";
import { dissectEthertype } from "../ethertype";
import { cmdFields } from "./fields";
import { dissectGreTypeOrData, registerGreType } from "./payload";

/** Bytes of either layout up to the payload. */
const CMD_HEADER_LEN = 8;
/** Length of the layer's item in the tree: version, length, options and SGT (packet-cisco-metadata.c). */
const CMD_ITEM_LEN = 6;

/** Starts the layer: columns as Wireshark sets them ("CMD", Info cleared for the payload to fill). */
function enter(pinfo: PacketInfo): void {
  enterLayer(pinfo, "cmd");
  if (pinfo.inErrorPacket) return;
  pinfo.protocol = "CMD";
  if (pinfo.wantColumns) pinfo.info = "";
}

/**
 * Version, length, options, SGT from `o` (4 fields, 6 bytes), stopping with a
 * malformed mark at the first one not captured. Returns false if it stopped.
 */
function addTagFields(data: Uint8Array, o: number, end: number, pinfo: PacketInfo): boolean {
  const tree = pinfo.tree;
  if (o + 1 > end) return stop(pinfo, o);
  tree.add(cmdFields.version, o, 1, data[o]!);
  if (o + 2 > end) return stop(pinfo, o + 1);
  tree.add(cmdFields.length, o + 1, 1, data[o + 1]!);
  if (o + 4 > end) return stop(pinfo, o + 2);
  tree.add(cmdFields.options, o + 2, 2, u16(data, o + 2));
  if (o + 6 > end) return stop(pinfo, o + 4);
  // The Security Group Tag (Cisco TrustSec): the source's group, for SGACL policy.
  tree.add(cmdFields.sgt, o + 4, 2, u16(data, o + 4));
  return true;
}

/** The header ends early: Wireshark's bounds exception inside the layer. */
function stop(pinfo: PacketInfo, at: number): false {
  pinfo.tree.close();
  markMalformed(pinfo, "Cisco MetaData", at, "Cisco MetaData header truncated");
  return false;
}

/** The Ethernet form (EtherType 0x8909): tag fields, then the payload's EtherType. */
export const ciscoMetadataEth = {
  name: "cmd",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    enter(pinfo);
    // The layer's item is added even when fewer bytes were captured; its fields then stop where the bytes do.
    pinfo.tree.open(cmdFields[""], offset, Math.min(CMD_ITEM_LEN, end - offset));
    if (!addTagFields(data, offset, end, pinfo)) return end - offset;
    if (end - offset < CMD_HEADER_LEN) {
      stop(pinfo, offset + 6);
      return end - offset;
    }
    const etype = u16(data, offset + 6);
    pinfo.tree.add(cmdFields.type, offset + 6, 2, etype);
    pinfo.tree.close();
    // Wireshark's packet-cisco-metadata.c leaves 802.3 lengths undecoded: every value is an EtherType here.
    dissectEthertype(etype, data, offset + CMD_HEADER_LEN, end, pinfo, cmdFields.trailer, 0);
    return end - offset;
  },
};

/** The GRE form (GRE protocol type 0x8909): the payload's type first, then the tag fields. */
export const ciscoMetadataGre = {
  name: "cmd",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    enter(pinfo);
    const tree = pinfo.tree;
    tree.open(cmdFields[""], offset, Math.min(CMD_ITEM_LEN, end - offset));
    if (end - offset < 2) {
      stop(pinfo, offset);
      return end - offset;
    }
    const etype = u16(data, offset);
    tree.add(cmdFields.type, offset, 2, etype);
    if (!addTagFields(data, offset + 2, end, pinfo)) return end - offset;
    tree.close();
    // The payload's data, if nothing takes it, sits beside this layer, not inside it.
    dissectGreTypeOrData(etype, data, offset + CMD_HEADER_LEN, end, pinfo);
    return end - offset;
  },
};

register("ethertype", 0x8909, ciscoMetadataEth);
registerGreType(0x8909, ciscoMetadataGre);
