/**
 * Cisco Discovery Protocol (SNAP OUI 00-00-0c PID 0x2000 on LANs, GRE
 * protocol type 0x2000 on tunnels), as Wireshark 4.0's packet-cdp.c shows it:
 *
 *   +0 version (1)  +1 TTL (1, seconds)  +2 checksum (2)  +4 TLVs: type (2), length (2, with the header), value
 *
 * Info lists the Device ID and Port ID TLVs' text, each followed by two
 * spaces ("Device ID: R1  Port ID: Tunnel40  ").
 */
import { Truncated, truncated } from "../../bytes";
import { dissectData, enterLayer, expert, markMalformed, reportedEnd, u16 } from "../../common";
import type { PacketInfo } from "../../packet-info";
import { GENERATED } from "../../tree";
import { checksumShouldBe, finishChecksum, onesSum } from "../icmp/checksum";
import { registerGreType } from "../gre/payload";
import { registerCiscoPid } from "../llc/llc";
import { cdpFields as F, textField } from "./fields";
import { dissectTlv } from "./tlvs";

const CISCO_PID_CDP = 0x2000;
const GRE_TYPE_CDP = 0x2000;

/**
 * CDP's own variant of the Internet checksum (packet-cdp.c): an odd-length
 * message has its last byte summed as the low byte of a final word (big-endian
 * senders' habit), and when that byte has its top bit set the word is taken
 * one less in both bytes, to match the off-by-one of Cisco's signed addition.
 */
export function cdpChecksum(data: Uint8Array, start: number, end: number): number {
  const len = end - start;
  if ((len & 1) === 0) return finishChecksum(onesSum(data, start, end));
  const last = data[end - 1]!;
  let hi = 0;
  let lo = last;
  if (lo & 0x80) {
    lo = (lo - 1) & 0xff;
    hi = (hi - 1) & 0xff;
  }
  return finishChecksum(onesSum(data, start, end - 1, (hi << 8) | lo));
}

function addChecksumItems(pinfo: PacketInfo, data: Uint8Array, offset: number, end: number): void {
  const tree = pinfo.tree;
  const o = offset + 2;
  const received = u16(data, o);
  const hex = (v: number): string => `0x${v.toString(16).padStart(4, "0")}`;
  // The checksum covers the whole message as reported: with bytes missing it cannot be checked.
  if (reportedEnd(data, end, pinfo) > end) {
    tree.add(F.checksum, o, 2, received, 0, tree.detailed ? `Checksum: ${hex(received)} [unverified]` : undefined);
    tree.add(F["checksum.status"], o, 0, 2, GENERATED, tree.detailed ? "Checksum Status: Unverified" : undefined);
    return;
  }
  const computed = cdpChecksum(data, offset, end);
  if (computed === 0) {
    tree.add(F.checksum, o, 2, received, 0, tree.detailed ? `Checksum: ${hex(received)} [correct]` : undefined);
    tree.add(F["checksum.status"], o, 0, 1, GENERATED, tree.detailed ? "Checksum Status: Good" : undefined);
    return;
  }
  const should = checksumShouldBe(received, computed);
  tree.add(F.checksum, o, 2, received, 0, tree.detailed ? `Checksum: ${hex(received)} incorrect, should be ${hex(should)}` : undefined);
  tree.add(F["checksum.status"], o, 0, 0, GENERATED, tree.detailed ? "Checksum Status: Bad" : undefined);
  expert(pinfo, o, 2, "error", `Bad checksum [should be ${hex(should)}]`, "Checksum", "CDP");
}

export const cdp = {
  name: "cdp",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const tree = pinfo.tree;
    enterLayer(pinfo, "cdp");
    pinfo.protocol = "CDP";
    if (pinfo.wantColumns) pinfo.info = "";
    tree.open(F[""], offset, end - offset);
    if (end - offset < 4) {
      if (end - offset >= 1) tree.add(F.version, offset, 1, data[offset]!);
      if (end - offset >= 2) tree.add(F.ttl, offset + 1, 1, data[offset + 1]!);
      tree.close();
      markMalformed(pinfo, "CDP", end, "header cut short");
      return end - offset;
    }
    tree.add(F.version, offset, 1, data[offset]!);
    tree.add(F.ttl, offset + 1, 1, data[offset + 1]!);
    addChecksumItems(pinfo, data, offset, end);
    const repEnd = reportedEnd(data, end, pinfo);
    let o = offset + 4;
    try {
      while (o < repEnd) {
        if (o + 4 > end) truncated();
        const type = u16(data, o);
        const length = u16(data, o + 2);
        if (length < 4) {
          tree.open(textField, o, 4, null, tree.detailed ? `TLV with invalid length ${length} (< 4)` : undefined);
          tree.add(F["tlv.type"], o, 2, type);
          tree.add(F["tlv.len"], o + 2, 2, length);
          tree.close();
          o += 4;
          break;
        }
        o += dissectTlv(pinfo, data, o, type, length, end, repEnd);
      }
    } catch (e) {
      if (!(e instanceof Truncated)) throw e;
      tree.close();
      markMalformed(pinfo, "CDP", end, "TLV runs past the data");
      return end - offset;
    }
    // Anything after a TLV of invalid length goes to the data dissector, inside CDP's tree.
    if (o < end) dissectData(data, o, end, pinfo);
    tree.close();
    return end - offset;
  },
};

registerCiscoPid(CISCO_PID_CDP, cdp);
registerGreType(GRE_TYPE_CDP, cdp);
