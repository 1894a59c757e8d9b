/**
 * DECnet Phase IV routing layer (DNA Routing Functional Specification V2.0.0;
 * EtherType 0x6003), as Wireshark 4.0's packet-dec-dnart.c shows it:
 *
 *   +0 length (2, little-endian)  [+2 padding: 0x80 | count, then count-1 bytes]
 *   routing flags (1): 0x01 control message, type in bits 1–3; else a data
 *   packet with a long (0x06) or short (0x02) header before the NSP message
 *
 * Control messages: initialization, verification, hello and test, level 1
 * and level 2 routing, Ethernet router hello, Ethernet endnode hello. Info is
 * Wireshark's text ("Routing control, Endnode Hello message"; the router
 * hello's has two spaces before "message").
 *
 * A Phase IV node's Ethernet address is AA-00-04-00 followed by its DECnet
 * address (area << 10 | node, little-endian): Wireshark rewrites the Source
 * and Destination columns of such frames to "area.node" ("17.272"), leaving
 * other addresses (the multicast destinations) as they are.
 *
 * Not decoded: the NSP messages inside data packets (the NSP message type is
 * shown, the rest is data), and the router state list's entries.
 */
import { defineFields, vals, type FieldDef } from "../../field";
import { etherToString } from "../../format";
import { register, type Dissector } from "../../dissector";
import { bitsLabel, dissectData, enterLayer, markMalformed, u16le } from "../../common";
import type { PacketInfo } from "../../packet-info";
import { LinkType } from "../../../capture/types";
import { Truncated, ensure, g8 } from "../../bytes";
import { bitItem, bitmask } from "../bitmask";

const ETHERTYPE_DNA_RT = 0x6003;
const RT_FLAGS_CTRL_MSG = 0x01;
const RT_FLAGS_LONG_MSG = 0x04;
const NOP_MSG = 0x08;
const CONN_ACK_MSG = 0x24;

const CONTROL_TYPE_NAMES = vals({
  0: "Initialization message",
  1: "Verification message",
  2: "Hello and test message",
  3: "Level 1 routing message",
  4: "Level 2 routing message",
  5: "Ethernet router hello message",
  6: "Ethernet endnode hello message",
});
const NSP_TYPE_NAMES = vals({
  0x00: "Data segment continuation",
  0x04: "Data acknowledgement message",
  0x08: "NOP",
  0x10: "Link service message",
  0x14: "Other data acknowledgement message",
  0x18: "Connect initiate",
  0x20: "Beginning of segment message",
  0x24: "Connect acknowledgement message",
  0x28: "Connect confirm",
  0x30: "Interrupt message",
  0x38: "Disconnect initiate",
  0x40: "End of segment message",
  0x48: "Disconnect confirm",
  0x60: "Begin of segment / End of segment",
  0x68: "Retransmitted connect initiate",
});
const NODE_TYPE_NAMES = vals({ 1: "Level 2 router", 2: "Level 1 router", 3: "End node" });
const YES_NO = ["Yes", "No"] as const;

export const dnaFields = defineFields("dec_dna", {
  "": { name: "DEC DNA Routing Protocol", type: "protocol" },
  flags: { name: "Routing flags", type: "uint8", base: "hex" },
  "flags.control": { name: "Control packet", type: "boolean", bitmask: 0x01, bitWidth: 8, tfs: YES_NO },
  "flags.msglen": { name: "Long data packet format", type: "uint8", base: "hex", bitmask: 0x06, bitWidth: 8, vals: { 0x02: "Short format", 0x06: "Long format" } },
  "flags.RQR": { name: "Return to Sender Request", type: "boolean", bitmask: 0x08, bitWidth: 8, tfs: YES_NO },
  "flags.RTS": { name: "Packet on return trip", type: "boolean", bitmask: 0x10, bitWidth: 8, tfs: YES_NO },
  "flags.intra_eth": { name: "Intra-ethernet packet", type: "boolean", bitmask: 0x20, bitWidth: 8, tfs: YES_NO },
  "flags.discard": { name: "Discarded packet", type: "boolean", bitmask: 0x40, bitWidth: 8, tfs: YES_NO },
  "dst.address": { name: "Destination Address", type: "ether" },
  "src.addr": { name: "Source Address", type: "ether" },
  nl2: { name: "Next level 2 router", type: "uint8", base: "hex" },
  visit_cnt: { name: "Visit count", type: "uint8", base: "hex" },
  svc_cls: { name: "Service class", type: "uint8", base: "hex" },
  proto_type: { name: "Protocol type", type: "uint8", base: "hex" },
  dst_node: { name: "Destination node", type: "uint16", base: "hex" },
  src_node: { name: "Source node", type: "uint16", base: "hex" },
  vst_node: { name: "Nodes visited ty this package", type: "uint8" },
  "rt.msg_type": { name: "Routing control message", type: "uint8", base: "hex", bitmask: 0x0e, bitWidth: 8, vals: CONTROL_TYPE_NAMES },
  "nsp.msg_type": { name: "DNA NSP message", type: "uint8", base: "hex", vals: NSP_TYPE_NAMES },
  "ctl.tiinfo": { name: "Routing information", type: "uint8", base: "hex" },
  "ctl.blk_size": { name: "Block size", type: "uint16" },
  "ctl.version": { name: "Version", type: "none" },
  "ctl.timer": { name: "Hello timer(seconds)", type: "uint16" },
  "ctl.reserved": { name: "Reserved", type: "bytes" },
  "ctl.fcnval": { name: "Verification message function value", type: "bytes" },
  "ctl.test_data": { name: "Test message data", type: "bytes" },
  "ctl.id": { name: "Transmitting system ID", type: "ether" },
  "ctl.iinfo.node_type": { name: "Node type", type: "uint8", base: "hex", bitmask: 0x03, bitWidth: 8, vals: NODE_TYPE_NAMES },
  "ctl.iinfo.vrf": { name: "Verification required", type: "boolean", bitmask: 0x04, bitWidth: 8, tfs: YES_NO },
  "ctl.iinfo.rej": { name: "Rejected", type: "boolean", bitmask: 0x08, bitWidth: 8, tfs: YES_NO },
  "ctl.iinfo.verf": { name: "Verification failed", type: "boolean", bitmask: 0x10, bitWidth: 8, tfs: YES_NO },
  "ctl.iinfo.mta": { name: "Accepts multicast traffic", type: "boolean", bitmask: 0x20, bitWidth: 8, tfs: YES_NO },
  "ctl.iinfo.blkreq": { name: "Blocking requested", type: "boolean", bitmask: 0x40, bitWidth: 8, tfs: YES_NO },
  "ctl.prio": { name: "Routing priority", type: "uint8", base: "hex" },
  ctl_neighbor: { name: "Neighbor", type: "ether" },
  "ctl.seed": { name: "Verification seed", type: "bytes" },
  "ctl.elist": { name: "List of router states", type: "none" },
  "ctl.ename": { name: "Ethernet name", type: "bytes" },
  "ctl.router_id": { name: "Router ID", type: "ether" },
  "ctl.router_state": { name: "Router state", type: "string" },
  "ctl.router_prio": { name: "Router priority", type: "uint8", base: "hex", bitmask: 0x7f, bitWidth: 8 },
});
const IINFO_BITS = [
  dnaFields["ctl.iinfo.node_type"],
  dnaFields["ctl.iinfo.vrf"],
  dnaFields["ctl.iinfo.rej"],
  dnaFields["ctl.iinfo.verf"],
  dnaFields["ctl.iinfo.mta"],
  dnaFields["ctl.iinfo.blkreq"],
];

/** dnet_ntoa: "area.node" for an AA-00-04-00 address, else null. */
export function dnetAddressText(b: Uint8Array, o: number): string | null {
  if (b[o] !== 0xaa || b[o + 1] !== 0x00 || b[o + 2] !== 0x04 || b[o + 3] !== 0x00) return null;
  const a = u16le(b, o + 4);
  return `${a >> 10}.${a & 0x3ff}`;
}

/** An Ethernet address field, labelled with its DECnet address as Wireshark appends it. */
function addEther(pinfo: PacketInfo, f: (typeof dnaFields)["src.addr"], data: Uint8Array, o: number, end: number): void {
  ensure(o, 6, end);
  const tree = pinfo.tree;
  if (tree.wants(f)) tree.add(f, o, 6, data.subarray(o, o + 6), 0, etherLabel(tree, f, data, o));
}

/** "Name: aa:00:04:00:10:45 (17.272)" for a DECnet node's address (details only; else the default label). */
function etherLabel(tree: PacketInfo["tree"], f: FieldDef, data: Uint8Array, o: number): string | undefined {
  const dnet = tree.detailed ? dnetAddressText(data, o) : null;
  return dnet ? `${f.name}: ${etherToString(data.subarray(o, o + 6))} (${dnet})` : undefined;
}

function addBytes(pinfo: PacketInfo, f: (typeof dnaFields)["ctl.seed"], data: Uint8Array, o: number, len: number, end: number): void {
  ensure(o, len, end);
  pinfo.tree.add(f, o, len, pinfo.tree.wants(f) ? data.subarray(o, o + len) : null);
}

function g16le(data: Uint8Array, o: number, end: number): number {
  ensure(o, 2, end);
  return u16le(data, o);
}

function setInfo(pinfo: PacketInfo, text: string): void {
  if (pinfo.wantColumns) pinfo.info = text;
}

/** Ethernet router (5) and endnode (6) hellos (do_hello_msg). */
function hello(pinfo: PacketInfo, data: Uint8Array, o: number, end: number, type: number): void {
  const tree = pinfo.tree;
  const F = dnaFields;
  const version = g8(data, o, end);
  const eco = g8(data, o + 1, end);
  const userEco = g8(data, o + 2, end);
  tree.add(F["ctl.version"], o, 3, null, 0, tree.detailed ? `Routing Layer Version: ${version}.${eco}.${userEco}` : undefined);
  addEther(pinfo, F["ctl.id"], data, o + 3, end);
  bitmask(tree, F["ctl.tiinfo"], o + 9, 1, g8(data, o + 9, end), IINFO_BITS);
  tree.add(F["ctl.blk_size"], o + 10, 2, g16le(data, o + 10, end));
  o += 12;
  if (type === 5) {
    setInfo(pinfo, "Routing control, Ethernet Router Hello  message");
    tree.add(F["ctl.prio"], o, 1, g8(data, o, end));
    o++;
  }
  o++; // the area field, reserved in Phase IV
  if (type === 6) {
    setInfo(pinfo, "Routing control, Endnode Hello message");
    addBytes(pinfo, F["ctl.seed"], data, o, 8, end);
    addEther(pinfo, F.ctl_neighbor, data, o + 8, end);
    o += 14;
  }
  tree.add(F["ctl.timer"], o, 2, g16le(data, o, end));
  o += 3; // timer, then the reserved MPD byte
  if (type === 5) routerStates(pinfo, data, o, end);
}

/**
 * The router hello's list of router states: a byte count, then 7-byte
 * Ethernet names, each followed by a byte count and 7-byte entries (router
 * ID, then priority with 0x80 set when the adjacency is known two-way).
 */
function routerStates(pinfo: PacketInfo, data: Uint8Array, o: number, end: number): void {
  const tree = pinfo.tree;
  const F = dnaFields;
  let imageLen = g8(data, o, end);
  o++;
  tree.open(F["ctl.elist"], o, imageLen, null);
  // packet-dec-dnart.c counts these down in 8-bit variables: a count that is no multiple of 7 wraps and reads on until the data ends.
  while (imageLen > 0) {
    ensure(o, 7, end);
    tree.open(F["ctl.ename"], o, 7, tree.wants(F["ctl.ename"]) ? data.subarray(o, o + 7) : null);
    o += 7;
    imageLen = (imageLen - 7) & 0xff;
    let itemLen = g8(data, o, end);
    o++;
    imageLen = (imageLen - 1) & 0xff;
    while (itemLen > 0) {
      ensure(o, 6, end);
      tree.open(F["ctl.router_id"], o, 6, tree.wants(F["ctl.router_id"]) ? data.subarray(o, o + 6) : null, etherLabel(tree, F["ctl.router_id"], data, o));
      const state = g8(data, o + 6, end);
      tree.add(F["ctl.router_state"], o + 6, 1, state & 0x80 ? "known 2-way" : "unknown");
      bitItem(tree, F["ctl.router_prio"], o + 6, 1, state);
      tree.close();
      o += 7;
      itemLen = (itemLen - 7) & 0xff;
      imageLen = (imageLen - 7) & 0xff;
    }
    tree.close();
  }
  tree.close();
}

function control(pinfo: PacketInfo, data: Uint8Array, o: number, end: number, flags: number): void {
  const tree = pinfo.tree;
  const F = dnaFields;
  const type = (flags >> 1) & 0x7;
  o++;
  switch (type) {
    case 0: {
      setInfo(pinfo, "Routing control, initialization message");
      tree.add(F.src_node, o, 2, g16le(data, o, end));
      tree.add(F["ctl.tiinfo"], o + 2, 2, g16le(data, o + 2, end));
      tree.add(F["ctl.blk_size"], o + 4, 2, g16le(data, o + 4, end));
      const v = [g8(data, o + 6, end), g8(data, o + 7, end), g8(data, o + 8, end)];
      tree.add(F["ctl.version"], o + 6, 3, null, 0, tree.detailed ? `Routing Layer version: ${v[0]}.${v[1]}.${v[2]}.` : undefined);
      tree.add(F["ctl.timer"], o + 9, 2, g16le(data, o + 9, end));
      const rest = g8(data, o + 11, end);
      if (rest) addBytes(pinfo, F["ctl.reserved"], data, o + 11, rest, end);
      return;
    }
    case 1: {
      setInfo(pinfo, "Routing control, verification message");
      tree.add(F.src_node, o, 2, g16le(data, o, end));
      const rest = g8(data, o + 2, end);
      if (rest) addBytes(pinfo, F["ctl.fcnval"], data, o + 2, rest, end);
      return;
    }
    case 2:
      setInfo(pinfo, "Routing control, hello/test message");
      tree.add(F.src_node, o, 2, g16le(data, o, end));
      if (o + 2 < end) addBytes(pinfo, F["ctl.test_data"], data, o + 2, end - o - 2, end);
      return;
    case 3:
    case 4:
      // Each segment's Info is the same; the segments themselves are only labels (not decoded here).
      tree.add(F.src_node, o, 2, g16le(data, o, end));
      ensure(o + 3, 6, end);
      setInfo(pinfo, type === 3 ? "Routing control, Level 1 routing message" : "Routing control, Level 2 routing message");
      return;
    case 5:
    case 6:
      hello(pinfo, data, o, end, type);
      return;
  }
}

/** Data packets: the long or short routing header, then the NSP message's type; its body stays data. */
function dataPacket(pinfo: PacketInfo, data: Uint8Array, o: number, end: number, flags: number): number {
  const tree = pinfo.tree;
  const F = dnaFields;
  if (flags & RT_FLAGS_LONG_MSG) {
    for (const f of [F["flags.msglen"], F["flags.RQR"], F["flags.RTS"], F["flags.intra_eth"], F["flags.discard"]]) bitItem(tree, f, o, 1, flags);
    tree.close();
    // Flags, then 2 bytes of destination area/subarea before the address.
    addEther(pinfo, F["dst.address"], data, o + 3, end);
    addEther(pinfo, F["src.addr"], data, o + 11, end);
    o += 17;
    // packet-dec-dnart.c shows the next level 2 router, service class and protocol type as 0, reading only the visit count.
    tree.add(F.nl2, o, 1, 0);
    tree.add(F.visit_cnt, o + 1, 1, g8(data, o + 1, end));
    tree.add(F.svc_cls, o + 2, 1, 0);
    tree.add(F.proto_type, o + 3, 1, 0);
    o += 4;
  } else {
    for (const f of [F["flags.msglen"], F["flags.RQR"], F["flags.RTS"]]) bitItem(tree, f, o, 1, flags);
    tree.close();
    tree.add(F.dst_node, o + 1, 2, g16le(data, o + 1, end));
    tree.add(F.src_node, o + 3, 2, g16le(data, o + 3, end));
    tree.add(F.vst_node, o + 5, 1, g8(data, o + 5, end));
    o += 6;
  }
  const nspType = g8(data, o, end);
  tree.add(F["nsp.msg_type"], o, 1, nspType);
  if (nspType === CONN_ACK_MSG) setInfo(pinfo, "NSP connect acknowledgement");
  return nspType === NOP_MSG ? o : o + 1;
}

/** The frame's Ethernet addresses (Wireshark's dl_src/dl_dst), when the capture is Ethernet. */
function setDnetColumns(pinfo: PacketInfo, data: Uint8Array): void {
  if (!pinfo.wantColumns || pinfo.linkType !== LinkType.ETHERNET || pinfo.source !== 0 || data.length < 12) return;
  const dst = dnetAddressText(data, 0);
  const src = dnetAddressText(data, 6);
  if (src !== null) pinfo.netSrc = src;
  if (dst !== null) pinfo.netDst = dst;
}

export const decDna: Dissector = {
  name: "dec_dna",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const tree = pinfo.tree;
    enterLayer(pinfo, "dec_dna");
    pinfo.protocol = "DEC DNA";
    if (pinfo.wantColumns) pinfo.info = "";
    setDnetColumns(pinfo, data);
    tree.open(dnaFields[""], offset, end - offset);
    let flagsOpen = false;
    try {
      let o = offset + 2;
      let flags = g8(data, o, end);
      // Padding: 0x80 | its length (the flags byte included).
      if (flags & 0x80) o += flags & 0x7f;
      flags = g8(data, o, end);
      tree.open(dnaFields.flags, o, 1, flags);
      flagsOpen = true;
      if (flags & RT_FLAGS_CTRL_MSG) {
        bitItem(tree, dnaFields["flags.control"], o, 1, flags);
        bitItem(tree, dnaFields["rt.msg_type"], o, 1, flags);
        tree.close();
        flagsOpen = false;
        // Wireshark adds the message type again as the head of the message's items, passing the type already
        // shifted down through the field's 0x0e mask (so it shows (type & 0x0e) >> 1: an endnode hello reads as type 3).
        const type = (flags >> 1) & 0x7;
        const shown = (type & 0x0e) >> 1;
        const label = tree.detailed ? bitsLabel(type, 0x0e, 8, `Routing control message: ${CONTROL_TYPE_NAMES.get(shown) ?? "Unknown"} (0x${shown.toString(16)})`) : undefined;
        tree.open(dnaFields["rt.msg_type"], o, 1, shown, label);
        control(pinfo, data, o, end, flags);
        tree.close();
        tree.close();
        return end - offset;
      }
      flagsOpen = false;
      const nspEnd = dataPacket(pinfo, data, o, end, flags);
      tree.close();
      if (nspEnd < end) dissectData(data, nspEnd, end, pinfo);
    } catch (err) {
      if (!(err instanceof Truncated)) throw err;
      if (flagsOpen) tree.close();
      tree.close();
      markMalformed(pinfo, "DEC DNA", end, "message cut short");
    }
    return end - offset;
  },
};

register("ethertype", ETHERTYPE_DNA_RT, decDna);
