/**
 * The `frame` pseudo-protocol: capture metadata (number, lengths, times,
 * interface, comments), then the link layer chosen by the record's link type
 * through the `wtap_encap` table.
 */
import { defineFields } from "./field";
import { table } from "./dissector";
import { dissectData, expert, listedProtocols, markMalformed } from "./common";
import { relTimeToString, timeDiff, formatUtcDate } from "./format";
import type { PacketInfo } from "./packet-info";
import { GENERATED, TeeTree, TreeBuilder } from "./tree";
import { LinkType, type PacketRecord } from "../capture/types";

export const frameFields = defineFields("frame", {
  "": { name: "Frame", type: "protocol" },
  interface_id: { name: "Interface id", type: "uint32" },
  encap_type: { name: "Encapsulation type", type: "int16" },
  time: { name: "Arrival Time", type: "abstime", base: "dec" },
  time_epoch: { name: "Epoch Time", type: "reltime" },
  time_delta: { name: "Time delta from previous captured frame", type: "reltime" },
  time_delta_displayed: { name: "Time delta from previous displayed frame", type: "reltime" },
  time_relative: { name: "Time since reference or first frame", type: "reltime" },
  number: { name: "Frame Number", type: "uint32" },
  len: { name: "Frame Length", type: "uint32", unit: " bytes" },
  cap_len: { name: "Capture Length", type: "uint32", unit: " bytes" },
  marked: { name: "Frame is marked", type: "boolean" },
  ignored: { name: "Frame is ignored", type: "boolean" },
  protocols: { name: "Protocols in frame", type: "string" },
  comment: { name: "Comment", type: "string" },
  "comment.expert": { name: "Formatted comment", type: "none" },
});

/** The "Packet comments" item packet-frame.c adds before the frame's own (proto_pkt_comment). */
export const pktCommentFields = defineFields("pkt_comment", {
  "": { name: "Packet comments", type: "protocol" },
});

/** Link types Wireshark maps to its WTAP_ENCAP numbers (frame.encap_type). */
const WTAP_ENCAP: Record<number, number> = {
  0: 15,
  1: 1,
  12: 7,
  14: 7,
  101: 7,
  108: 174,
  113: 25,
  228: 129,
  229: 130,
  276: 210,
  [LinkType.NETMON_HEADER]: 188,
};

const WTAP_ENCAP_TABLE = table("wtap_encap");

export function dissectFrame(rec: PacketRecord, data: Uint8Array, pinfo: PacketInfo): void {
  const { tree, state } = pinfo;
  pinfo.num = rec.number;
  pinfo.tsSec = rec.tsSec;
  pinfo.tsNsec = rec.tsNsec;
  pinfo.capLen = rec.capLen;
  pinfo.len = rec.origLen;
  pinfo.linkType = rec.linkType;
  pinfo.interfaceId = rec.interfaceId;
  pinfo.netmon = rec.netmon ?? null;
  if (Number.isNaN(state.firstSec)) {
    state.firstSec = rec.tsSec;
    state.firstNsec = rec.tsNsec;
  }
  if (Number.isNaN(state.prevSec)) {
    state.prevSec = rec.tsSec;
    state.prevNsec = rec.tsNsec;
  }
  // The time values are tuples: made only when the tree records them.
  const wantRel = tree.wants(frameFields.time_relative);
  const wantDelta = tree.wants(frameFields.time_delta) || tree.wants(frameFields.time_delta_displayed);
  const rel = wantRel ? timeDiff(rec.tsSec, rec.tsNsec, state.firstSec, state.firstNsec) : null;
  const delta = wantDelta ? timeDiff(rec.tsSec, rec.tsNsec, state.prevSec, state.prevNsec) : null;
  state.prevSec = rec.tsSec;
  state.prevNsec = rec.tsNsec;

  const label = tree.detailed
    ? `Frame ${rec.number}: ${rec.origLen} bytes on wire (${rec.origLen * 8} bits), ${rec.capLen} bytes captured (${rec.capLen * 8} bits)`
    : undefined;
  // pcapng packet comments come first, each with an expert item of severity Comment (packet-frame.c's
  // frame_add_comment, ei_comments_text): the item is top-level, so the Protocol Hierarchy counts it too.
  const comments = rec.comments !== null && rec.comments.length > 0;
  if (rec.comments !== null && comments) {
    tree.open(pktCommentFields[""], 0, 0);
    for (const c of rec.comments) {
      tree.open(frameFields.comment, 0, 0, c, c);
      expert(pinfo, 0, 0, "comment", c, "Comment", "Frame", frameFields["comment.expert"]);
      tree.close();
    }
    tree.close();
  }
  tree.open(frameFields[""], 0, rec.capLen, null, label);
  if (rec.hasInterfaceId) tree.add(frameFields.interface_id, 0, 0, rec.interfaceId);
  // A NetMon frame with a comment is wiretap's WTAP_ENCAP_NETMON_HEADER around its own link type.
  const encap = rec.netmon ? LinkType.NETMON_HEADER : rec.linkType;
  tree.add(frameFields.encap_type, 0, 0, WTAP_ENCAP[encap] ?? -1);
  const abs: [number, number] | null = tree.wants(frameFields.time) || tree.wants(frameFields.time_epoch) ? [rec.tsSec, rec.tsNsec] : null;
  tree.add(frameFields.time, 0, 0, abs, 0, tree.detailed ? `Arrival Time: ${formatUtcDate(rec.tsSec, rec.tsNsec)} UTC` : undefined);
  tree.add(frameFields.time_epoch, 0, 0, abs, 0, tree.detailed ? `Epoch Time: ${rec.tsSec}.${String(rec.tsNsec).padStart(9, "0")} seconds` : undefined);
  tree.add(frameFields.time_delta, 0, 0, delta, 0, tree.detailed && delta ? `Time delta from previous captured frame: ${relTimeToString(delta[0], delta[1])} seconds` : undefined);
  tree.add(frameFields.time_delta_displayed, 0, 0, delta, 0, tree.detailed && delta ? `Time delta from previous displayed frame: ${relTimeToString(delta[0], delta[1])} seconds` : undefined);
  tree.add(frameFields.time_relative, 0, 0, rel, 0, tree.detailed && rel ? `Time since reference or first frame: ${relTimeToString(rel[0], rel[1])} seconds` : undefined);
  tree.add(frameFields.number, 0, 0, rec.number);
  tree.add(frameFields.len, 0, 0, rec.origLen);
  tree.add(frameFields.cap_len, 0, 0, rec.capLen);
  tree.add(frameFields.marked, 0, 0, false);
  tree.add(frameFields.ignored, 0, 0, false);
  tree.close();

  const consumed = WTAP_ENCAP_TABLE.tryCall(encap, data, 0, data.length, pinfo);
  if (consumed < 0) {
    pinfo.protocol = "UNKNOWN";
    if (pinfo.wantColumns) pinfo.info = `WTAP_ENCAP = ${rec.linkType}`;
    dissectData(data, 0, data.length, pinfo);
  } else if (consumed === 0 && data.length > 0) {
    markMalformed(pinfo, "frame", 0, "link layer could not be dissected");
  }
  // frame.protocols is known only now; tshark lists it among the frame fields (the frame item follows the comments').
  const frameRoot = comments ? 1 : 0;
  if (tree instanceof TreeBuilder) tree.addToRoot(frameRoot, frameFields.protocols, 0, 0, listedProtocols(pinfo.layers), GENERATED);
  else if (tree instanceof TeeTree) {
    const protocols = listedProtocols(pinfo.layers);
    tree.builder.addToRoot(frameRoot, frameFields.protocols, 0, 0, protocols, GENERATED);
    tree.collector.add(frameFields.protocols, 0, 0, protocols);
  } else if (tree.wants(frameFields.protocols)) tree.add(frameFields.protocols, 0, 0, listedProtocols(pinfo.layers));
}
