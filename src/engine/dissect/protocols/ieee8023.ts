/**
 * The IEEE 802.3 length form of a type/length field (packet-ieee8023.c
 * dissect_802_3), shared by Ethernet and by VLAN tags: the length field, then
 * `length` bytes of 802.2 LLC, or of Novell's "raw 802.3" IPX when they start
 * 0xffff (handed to the dissector of IPX's EtherType 0x8137, with no
 * "ethertype" layer, as packet-ieee8023.c calls IPX directly), then
 * the padding and trailer after them (IEEE 802.3 clause 3.2.6: a value up to
 * 1500 is a length, from 0x0600 an EtherType).
 */
import type { FieldDef } from "../field";
import { table } from "../dissector";
import { dissectData, expert, reportedEnd, u16 } from "../common";
import type { PacketInfo } from "../packet-info";
import { addEthernetTrailer } from "./ethertype";
import { llc } from "./llc/llc";

const ETHERTYPE_TABLE = table("ethertype");
const ETHERTYPE_IPX = 0x8137;

/** Values up to this are IEEE 802.3 lengths, not EtherTypes (IEEE 802.3 clause 3.2.6). */
export const IEEE_802_3_MAX_LEN = 1500;

/** A raw 802.3 frame carries IPX directly: its checksum field, always 0xffff, comes where LLC's SAPs would. */
export function isRawIpx(data: Uint8Array, offset: number, end: number): boolean {
  return end - offset >= 2 && u16(data, offset) === 0xffff;
}

/**
 * Adds the length field (the caller's subtree is still open and is closed
 * here), dissects the payload and accounts for the bytes after it.
 * `expertProtocol` names the layer that reports a length past the payload
 * ("Ethernet", "VLAN"); `fcsLen` as `addEthernetTrailer`'s.
 */
export function dissect8023(
  length: number,
  data: Uint8Array,
  offset: number,
  end: number,
  pinfo: PacketInfo,
  lengthField: FieldDef,
  trailerField: FieldDef,
  expertProtocol: string,
  fcsLen: number,
): void {
  const tree = pinfo.tree;
  tree.add(lengthField, offset - 2, 2, length);
  let reported = reportedEnd(data, end, pinfo) - offset;
  if (fcsLen > 0 && reported >= fcsLen) reported -= fcsLen;
  if (length > reported) {
    expert(pinfo, offset - 2, 2, "error", "Length field value goes past the end of the payload", "Malformed", expertProtocol);
    length = reported;
  }
  tree.close();
  const payloadEnd = Math.min(end, offset + length);
  if (isRawIpx(data, offset, end)) {
    const ipx = ETHERTYPE_TABLE.get(ETHERTYPE_IPX);
    if (!ipx || ipx.dissect(data, offset, payloadEnd, pinfo) === 0) {
      pinfo.protocol = "IPX";
      dissectData(data, offset, payloadEnd, pinfo);
    }
  } else if (payloadEnd > offset) llc.dissect(data, offset, payloadEnd, pinfo);
  addEthernetTrailer(data, offset + length, end, pinfo, trailerField, fcsLen);
}
