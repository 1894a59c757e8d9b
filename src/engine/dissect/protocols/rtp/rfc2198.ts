/**
 * RTP Payload for Redundant Audio Data (RFC 2198 §3), which Wireshark 4.0
 * dissects on dynamic payload type 99 by default (rtp.pt "99") and on any
 * type SDP names "red":
 *
 *   block headers: F(1) PT(7) [timestamp offset(14) block length(10) when F]
 *   then the blocks, the last one running to the end.
 *
 * Each header's payload type is an rtp.p_type, each block an rtp.payload.
 */
import { defineFields } from "../../field";
import { malformed, u16, view } from "../../common";
import type { PacketInfo } from "../../packet-info";
import { rtpFields } from "./fields";

export const rfc2198Fields = defineFields("rtp", {
  follow: { name: "Follow", type: "boolean", bitmask: 0x80, bitWidth: 8 },
  "timestamp-offset": { name: "Timestamp offset", type: "uint16", bitmask: 0xfffc, bitWidth: 16 },
  "block-length": { name: "Block length", type: "uint16", bitmask: 0x03ff, bitWidth: 16 },
});

export const RFC2198_DEFAULT_PT = 99;

/** The redundant blocks at [offset, end). */
export function dissectRfc2198(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): void {
  const tree = pinfo.tree;
  const lengths: number[] = [];
  let at = offset;
  for (;;) {
    if (at >= end) return truncated(pinfo, end);
    const b = data[at]!;
    const follow = (b & 0x80) !== 0;
    tree.add(rfc2198Fields.follow, at, 1, follow);
    tree.add(rtpFields.p_type, at, 1, b & 0x7f);
    at++;
    if (!follow) break;
    if (at + 3 > end) return truncated(pinfo, end);
    tree.add(rfc2198Fields["timestamp-offset"], at, 2, u16(data, at) >> 2);
    tree.add(rfc2198Fields["block-length"], at + 1, 2, u16(data, at + 1) & 0x03ff);
    lengths.push(u16(data, at + 1) & 0x03ff);
    at += 3;
  }
  lengths.push(end - at);
  for (const len of lengths) {
    const blockEnd = Math.min(end, at + len);
    if (blockEnd > at) tree.add(rtpFields.payload, at, blockEnd - at, view(tree, rtpFields.payload, data, at, blockEnd));
    if (at + len > end) return truncated(pinfo, end);
    at += len;
  }
}

function truncated(pinfo: PacketInfo, end: number): void {
  malformed(pinfo, "RTP", end, "RFC 2198 block truncated");
}
