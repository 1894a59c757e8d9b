/**
 * RTP Payload for Redundant Audio Data (RFC 2198 §3), which Wireshark 4.0
 * dissects on dynamic payload type 99 by default (rtp.pt "99") and on any
 * type SDP names "red":
 *
 *   block headers: F(1) PT(7) [timestamp offset(14) block length(10) when F]
 *   then the blocks, the last one running to the end.
 *
 * Each header's payload type is an rtp.p_type, each block an rtp.payload.
 * RTP hands its payload to the rtp.pt table with the top-level tree
 * (process_rtp_payload), so "RFC 2198: Redundant Audio Data" is a top-level
 * text item beside RTP's, as tshark's tree and Protocol Hierarchy have it
 * ("text" under rtp), with a "Header n: PT=<type>" item per block header.
 */
import { defineField, defineFields } from "../../field";
import { malformed, u16, view } from "../../common";
import type { PacketInfo } from "../../packet-info";
import { rtpFields } from "./fields";
import { payloadTypeName } from "./payload-types";

export const rfc2198Fields = defineFields("rtp", {
  follow: { name: "Follow", type: "boolean", bitmask: 0x80, bitWidth: 8 },
  "timestamp-offset": { name: "Timestamp offset", type: "uint16", bitmask: 0xfffc, bitWidth: 16 },
  "block-length": { name: "Block length", type: "uint16", bitmask: 0x03ff, bitWidth: 16 },
});

export const RFC2198_DEFAULT_PT = 99;

const textField = defineField("_ws.text", { name: "Text item", type: "none" });

/** The redundant blocks at [offset, end), as a top-level item. */
export function dissectRfc2198(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): void {
  const tree = pinfo.tree;
  tree.enterRoot?.();
  tree.open(textField, offset, end - offset, null, tree.detailed ? "RFC 2198: Redundant Audio Data" : undefined);
  const complete = blocks(data, offset, end, pinfo);
  tree.close();
  tree.leaveRoot?.();
  if (!complete) malformed(pinfo, "RTP", end, "RFC 2198 block truncated");
}

/** The headers, then the blocks; false when they run past the end. */
function blocks(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): boolean {
  const tree = pinfo.tree;
  const lengths: number[] = [];
  let at = offset;
  for (let n = 1; ; n++) {
    if (at >= end) return false;
    const b = data[at]!;
    const follow = (b & 0x80) !== 0;
    const withLength = follow && at + 4 <= end;
    let label: string | undefined;
    if (tree.detailed) label = `Header ${n}: PT=${payloadTypeName(b & 0x7f)}${withLength ? `, len=${u16(data, at + 2) & 0x03ff}` : ""}`;
    tree.open(textField, at, follow ? 4 : 1, null, label);
    tree.add(rfc2198Fields.follow, at, 1, follow);
    tree.add(rtpFields.p_type, at, 1, b & 0x7f);
    at++;
    if (withLength) {
      tree.add(rfc2198Fields["timestamp-offset"], at, 2, u16(data, at) >> 2);
      tree.add(rfc2198Fields["block-length"], at + 1, 2, u16(data, at + 1) & 0x03ff);
      lengths.push(u16(data, at + 1) & 0x03ff);
    }
    tree.close();
    if (!follow) break;
    if (at + 3 > end) return false;
    at += 3;
  }
  // The primary block (the last header's, with no length) is what the redundant ones leave.
  lengths.push(end - at - lengths.reduce((a, b) => a + b, 0));
  for (const len of lengths) {
    // A block past the end throws before its item is added.
    if (at + len > end) return false;
    if (len > 0) tree.add(rtpFields.payload, at, len, view(tree, rtpFields.payload, data, at, at + len));
    at += len;
  }
  return true;
}
