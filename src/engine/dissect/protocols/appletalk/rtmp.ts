/**
 * AppleTalk Routing Table Maintenance Protocol (Inside AppleTalk, 2nd ed.,
 * chapter 5), as Wireshark 4.0's packet-atalk.c shows it: requests (DDP type
 * 5: one function byte) and data/responses (DDP type 1):
 *
 *   +0 router's net (2)  +2 ID length in bits (1)  +3 router's node ID (1, or 2 past 8 bits)
 *   then routing tuples: net (2), distance (1; 0x80 = extended: range end (2), version (1))
 *   a first "tuple" whose net is 0 is a non-extended network's version indicator (3 bytes)
 *
 * Info reads "Net: 43  Node Len: 8  Node: 13" or the request's function.
 */
import { defineField, defineFields, vals } from "../../field";
import type { Dissector } from "../../dissector";
import { enterLayer, markMalformed } from "../../common";
import type { PacketInfo } from "../../packet-info";
import { Truncated, g8, g16 } from "../../bytes";
import { registerDdpType } from "./ddp";

const RTMP_FUNCTION_NAMES = vals({
  1: "Request",
  2: "Route Data Request (split horizon processed)",
  3: "Route Data Request (no split horizon processing)",
});

/** Wireshark's text-only subtrees ("Tuple 1:  Net: 43  Dist: 0"). */
const textField = defineField("_ws.text", { name: "Text item", type: "none" });

export const rtmpFields = defineFields("rtmp", {
  "": { name: "Routing Table Maintenance Protocol", type: "protocol" },
  net: { name: "Net", type: "uint16" },
  "tuple.net": { name: "Net", type: "uint16" },
  "tuple.range_start": { name: "Range Start", type: "uint16" },
  "tuple.range_end": { name: "Range End", type: "uint16" },
  "tuple.dist": { name: "Distance", type: "uint16" },
  version: { name: "Version", type: "uint8", base: "hex" },
  function: { name: "Function", type: "uint8", vals: RTMP_FUNCTION_NAMES },
});
// packet-atalk.c registers the router's node and its length under nbp.* names.
const nodeField = defineField("nbp.nodeid", { name: "Node", type: "uint8" });
const nodeLenField = defineField("nbp.nodeid.length", { name: "Node Length", type: "uint8" });

export const rtmpRequest: Dissector = {
  name: "rtmp",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    enterLayer(pinfo, "rtmp");
    pinfo.protocol = "RTMP";
    if (pinfo.wantColumns) pinfo.info = "";
    if (offset >= end) {
      markMalformed(pinfo, "RTMP", offset, "function missing");
      return 0;
    }
    const fn = data[offset]!;
    if (pinfo.wantColumns) pinfo.info = RTMP_FUNCTION_NAMES.get(fn) ?? `Unknown function (${fn.toString(16).padStart(2, "0")})`;
    const tree = pinfo.tree;
    tree.open(rtmpFields[""], offset, 1);
    tree.add(rtmpFields.function, offset, 1, fn);
    tree.close();
    return end - offset;
  },
};

/** The routing tuples after the sender's address (only read for a tree, as Wireshark does). */
function addTuples(pinfo: PacketInfo, data: Uint8Array, o: number, end: number): void {
  const tree = pinfo.tree;
  const detailed = tree.detailed;
  if (g16(data, o, end) === 0) {
    tree.add(rtmpFields.version, o + 2, 1, g8(data, o + 2, end));
    o += 3;
  }
  for (let i = 1; o < end; i++) {
    const net = g16(data, o, end);
    const dist = g8(data, o + 2, end);
    if (dist & 0x80) {
      const rangeEnd = g16(data, o + 3, end);
      const version = g8(data, o + 5, end);
      let label: string | undefined;
      if (detailed) {
        label = `Tuple ${i}:  Range Start: ${net}  Dist: ${dist & 0x7f}  Range End: ${rangeEnd}`;
        if (i === 1) label += `  Version: 0x${version.toString(16).padStart(2, "0")}`;
      }
      tree.open(textField, o, 6, null, label);
      tree.add(rtmpFields["tuple.range_start"], o, 2, net);
      tree.add(rtmpFields["tuple.dist"], o + 2, 1, dist & 0x7f);
      tree.add(rtmpFields["tuple.range_end"], o + 3, 2, rangeEnd);
      if (i === 1) tree.add(rtmpFields.version, o + 5, 1, version);
      tree.close();
      o += 6;
    } else {
      tree.open(textField, o, 3, null, detailed ? `Tuple ${i}:  Net: ${net}  Dist: ${dist}` : undefined);
      tree.add(rtmpFields["tuple.net"], o, 2, net);
      tree.add(rtmpFields["tuple.dist"], o + 2, 1, dist);
      tree.close();
      o += 3;
    }
  }
}

export const rtmpData: Dissector = {
  name: "rtmp",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const tree = pinfo.tree;
    enterLayer(pinfo, "rtmp");
    pinfo.protocol = "RTMP";
    if (pinfo.wantColumns) pinfo.info = "";
    let opened = false;
    try {
      const net = g16(data, offset, end);
      const nodeLenBits = g8(data, offset + 2, end);
      // An ID longer than 8 bits takes two bytes.
      const nodeLen = nodeLenBits <= 8 ? 1 : 2;
      const node = nodeLen === 1 ? g8(data, offset + 3, end) : g16(data, offset + 3, end);
      if (pinfo.wantColumns) pinfo.info = `Net: ${net}  Node Len: ${nodeLenBits}  Node: ${node}`;
      tree.open(rtmpFields[""], offset, end - offset);
      opened = true;
      tree.add(rtmpFields.net, offset, 2, net);
      tree.add(nodeLenField, offset + 2, 1, nodeLenBits);
      tree.add(nodeField, offset + 3, nodeLen, node);
      // Wireshark reads the tuples only when it builds a tree: the summary line never sees them cut short.
      if (tree.detailed || tree.wants(rtmpFields["tuple.net"]) || tree.wants(rtmpFields["tuple.range_start"])) addTuples(pinfo, data, offset + 3 + nodeLen, end);
      tree.close();
    } catch (err) {
      if (!(err instanceof Truncated)) throw err;
      if (opened) tree.close();
      markMalformed(pinfo, "RTMP", end, "routing tuple cut short");
    }
    return end - offset;
  },
};

registerDdpType(5, rtmpRequest);
registerDdpType(1, rtmpData);
