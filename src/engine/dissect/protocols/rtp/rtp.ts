/**
 * Real-time Transport Protocol (RFC 3550) on the UDP conversations SDP
 * announced, as Wireshark 4.0's packet-rtp.c shows it (its RTP heuristic is
 * off by default, so nothing else reaches it):
 *
 *   +0 V(2) P(1) X(1) CC(4)  +1 M(1) PT(7)  +2 sequence number
 *   +4 timestamp  +8 SSRC  +12 CC CSRC identifiers  [extension header]
 *   payload [padding, its last byte the padding count]
 *
 * Info is "PT=<payload type>, SSRC=0x<SSRC>, Seq=<n>, Time=<ts>[, Mark]"; a
 * dynamic payload type (96-127) takes its name from the SDP's rtpmap.
 */
import type { Dissector } from "../../dissector";
import { enterLayer, malformed, u16, u32, view } from "../../common";
import { matchConversation } from "../../conversation";
import type { PacketInfo } from "../../packet-info";
import { GENERATED, HIDDEN } from "../../tree";
import { payloadTypeName } from "./payload-types";
import { rtpFields, type RtpSetup } from "./fields";
import { dissectRfc2198, RFC2198_DEFAULT_PT } from "./rfc2198";

const F = rtpFields;

const isRtpSetup = (d: unknown): d is RtpSetup => typeof d === "object" && d !== null && "payloadNames" in d;

function setupOf(pinfo: PacketInfo): RtpSetup | undefined {
  const e = matchConversation(pinfo, "udp", (x) => x.dissector !== rtp);
  return e && isRtpSetup(e.data) ? e.data : undefined;
}

export const rtp: Dissector = {
  name: "rtp",
  dissect(data, offset, end, pinfo) {
    if (end - offset < 1) return 0;
    enterLayer(pinfo, "rtp");
    pinfo.protocol = "RTP";
    const tree = pinfo.tree;
    const b0 = data[offset]!;
    const version = b0 >> 6;
    tree.open(F[""], offset, end - offset, null, tree.detailed || tree.wants(F[""]) ? "Real-Time Transport Protocol" : undefined);
    const setup = setupOf(pinfo);
    if (setup) {
      tree.open(F.setup, offset, 0, `${setup.method} (frame ${setup.frame})`, tree.detailed ? `[Stream setup by ${setup.method} (frame ${setup.frame})]` : undefined, GENERATED);
      tree.add(F["setup-frame"], offset, 0, setup.frame, GENERATED);
      tree.add(F["setup-method"], offset, 0, setup.method, GENERATED);
      tree.close();
    }
    if (version !== 2) {
      if (pinfo.wantColumns) pinfo.info = `Unknown RTP version ${version}`;
      tree.add(F.version, offset, 1, version);
      tree.close();
      return end - offset;
    }
    if (end - offset < 12) {
      tree.close();
      malformed(pinfo, "RTP", end, "header truncated");
      return end - offset;
    }
    const padding = (b0 & 0x20) !== 0;
    const extension = (b0 & 0x10) !== 0;
    const cc = b0 & 0x0f;
    const b1 = data[offset + 1]!;
    const marker = (b1 & 0x80) !== 0;
    const pt = b1 & 0x7f;
    const seq = u16(data, offset + 2);
    const ts = u32(data, offset + 4);
    const ssrc = u32(data, offset + 8);
    if (pinfo.wantColumns) {
      const name = (pt >= 96 && pt <= 127 ? setup?.payloadNames.get(pt) : undefined) ?? payloadTypeName(pt);
      pinfo.info = `PT=${name}, SSRC=0x${ssrc.toString(16).toUpperCase()}, Seq=${seq}, Time=${ts}${marker ? ", Mark" : ""}`;
    }
    tree.add(F.version, offset, 1, version);
    tree.add(F.padding, offset, 1, padding);
    tree.add(F.ext, offset, 1, extension);
    tree.add(F.cc, offset, 1, cc);
    tree.add(F.marker, offset + 1, 1, marker);
    tree.add(F.p_type, offset + 1, 1, pt);
    tree.add(F.seq, offset + 2, 2, seq);
    tree.add(F.timestamp, offset + 4, 4, ts);
    tree.add(F.ssrc, offset + 8, 4, ssrc);
    let at = offset + 12;
    for (let i = 0; i < cc; i++, at += 4) {
      if (at + 4 > end) return truncated(pinfo, end, offset);
      tree.add(F.csrc_item, at, 4, u32(data, at));
    }
    if (extension) {
      if (at + 4 > end) return truncated(pinfo, end, offset);
      const words = u16(data, at + 2);
      tree.add(F["ext.profile"], at, 2, u16(data, at));
      tree.add(F["ext.len"], at + 2, 2, words);
      at += 4 + words * 4;
      if (at > end) return truncated(pinfo, end, offset);
    }
    let payloadEnd = end;
    if (padding) {
      // The last byte counts the padding; a count larger than what is left is clipped (packet-rtp.c).
      let count = data[end - 1]!;
      if (count > end - at) count = end - at;
      payloadEnd = end - count;
    }
    const sdpName = pt >= 96 && pt <= 127 ? setup?.payloadNames.get(pt) : undefined;
    // A dynamic type SDP named goes by its name; unnamed, type 99 is RFC 2198 redundancy (Wireshark's rtp.pt default).
    if (sdpName?.toLowerCase() === "red" || (sdpName === undefined && pt === RFC2198_DEFAULT_PT)) {
      // A payload a subdissector takes is also RTP's own hidden rtp.payload (tshark -T fields lists it first).
      if (payloadEnd > at) tree.add(F.payload, at, payloadEnd - at, view(tree, F.payload, data, at, payloadEnd), HIDDEN);
      dissectRfc2198(data, at, payloadEnd, pinfo);
    } else if (payloadEnd > at) tree.add(F.payload, at, payloadEnd - at, view(tree, F.payload, data, at, payloadEnd));
    if (padding && end > payloadEnd) {
      if (end - payloadEnd > 1) tree.add(F.padding_data, payloadEnd, end - payloadEnd - 1, view(tree, F.padding_data, data, payloadEnd, end - 1));
      tree.add(F.padding_count, end - 1, 1, data[end - 1]!);
    }
    tree.close();
    return end - offset;
  },
};

function truncated(pinfo: PacketInfo, end: number, offset: number): number {
  pinfo.tree.close();
  malformed(pinfo, "RTP", end, "header truncated");
  return end - offset;
}
