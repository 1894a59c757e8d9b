/**
 * DEC Local Area Transport (LAT; EtherType 0x6004), as Wireshark 4.0's
 * packet-lat.c shows it: the first byte holds the message type (bits 2–7),
 * the master flag (bit 1) and RRF (bit 0); Info is the type's name.
 *
 * Decoded here: that header for every message, and the body of the service
 * announcement (the multicast a terminal server or host sends every few
 * seconds, the only LAT message in the LAN captures we have):
 *
 *   +1 server circuit timer (10 ms units)  +2 highest, lowest, current
 *   protocol version, ECO  +6 message incarnation  +7 change flags
 *   +8 frame size (2, little-endian)  +10 multicast timer (s)  +11 node status
 *   +12 group length, groups bitmap; node name, description (counted
 *   strings); service count, then per service: rating, name, description;
 *   then the count of service classes and the classes
 *
 * Like Wireshark it reads the body only when it builds a tree. The bodies of
 * the circuit, start, stop, command, status and information messages are not
 * decoded (they stay inside the LAT item).
 */
import { defineFields, vals } from "../../field";
import { register, type Dissector } from "../../dissector";
import { enterLayer, markMalformed, u16le } from "../../common";
import type { PacketInfo } from "../../packet-info";
import { Truncated, asciiString, ensure, g8 } from "../../bytes";
import { bitItem } from "../bitmask";

const ETHERTYPE_LAT = 0x6004;
const SERVICE_ANNOUNCEMENT = 10;

const MSG_TYPE_NAMES = vals({
  0: "Run",
  1: "Start",
  2: "Stop",
  10: "Service announcement",
  12: "Command",
  13: "Status",
  14: "Solicit information",
  15: "Response information",
});

export const latFields = defineFields("lat", {
  "": { name: "Local Area Transport", type: "protocol" },
  rrf: { name: "RRF", type: "boolean", bitmask: 0x01, bitWidth: 8 },
  master: { name: "Master", type: "boolean", bitmask: 0x02, bitWidth: 8 },
  msg_typ: { name: "Message type", type: "uint8", bitmask: 0xfc, bitWidth: 8, vals: MSG_TYPE_NAMES },
  server_circuit_timer: { name: "Server circuit timer", type: "uint8" },
  high_prtcl_ver: { name: "Highest protocol version supported", type: "uint8" },
  low_prtcl_ver: { name: "Lowest protocol version supported", type: "uint8" },
  cur_prtcl_ver: { name: "Protocol version of this message", type: "uint8" },
  cur_prtcl_eco: { name: "ECO level of current protocol version", type: "uint8" },
  msg_inc: { name: "Message incarnation", type: "uint8" },
  change_flags: { name: "Change flags", type: "uint8", base: "hex" },
  data_link_rcv_frame_size: { name: "Maximum LAT message size", type: "uint16" },
  node_multicast_timer: { name: "Node multicast timer", type: "uint8" },
  node_status: { name: "Node status", type: "uint8", vals: { 2: "Accepting connections", 3: "Not accepting connections" } },
  node_group_len: { name: "Node group length", type: "uint8" },
  node_groups: { name: "Node groups", type: "bytes" },
  node_name: { name: "Node name", type: "string" },
  node_description: { name: "Node description", type: "string" },
  service_name_count: { name: "Number of service names", type: "uint8" },
  "service.rating": { name: "Service rating", type: "uint8" },
  "service.name": { name: "Service name", type: "string" },
  "service.description": { name: "Service description", type: "string" },
  node_service_len: { name: "Node service classes length", type: "uint8" },
  node_service_class: { name: "Node service classes", type: "uint8", vals: { 0: "Reserved", 1: "Application and interactive terminals" } },
});

/** A counted string (dissect_lat_string: a length byte, then ASCII); returns the offset after it. */
function addString(pinfo: PacketInfo, f: (typeof latFields)["node_name"], data: Uint8Array, o: number, end: number): number {
  const len = g8(data, o, end);
  ensure(o + 1, len, end);
  const tree = pinfo.tree;
  if (tree.wants(f)) tree.add(f, o, 1 + len, asciiString(data, o + 1, o + 1 + len, false));
  return o + 1 + len;
}

function u8(pinfo: PacketInfo, f: (typeof latFields)["msg_inc"], data: Uint8Array, o: number, end: number, label?: (v: number) => string): number {
  const v = g8(data, o, end);
  pinfo.tree.add(f, o, 1, v, 0, label && pinfo.tree.detailed ? label(v) : undefined);
  return v;
}

function serviceAnnouncement(pinfo: PacketInfo, data: Uint8Array, o: number, end: number): void {
  const tree = pinfo.tree;
  const F = latFields;
  u8(pinfo, F.server_circuit_timer, data, o, end, (v) => `Server circuit timer: ${v * 10} milliseconds`);
  u8(pinfo, F.high_prtcl_ver, data, o + 1, end);
  u8(pinfo, F.low_prtcl_ver, data, o + 2, end);
  u8(pinfo, F.cur_prtcl_ver, data, o + 3, end);
  u8(pinfo, F.cur_prtcl_eco, data, o + 4, end);
  u8(pinfo, F.msg_inc, data, o + 5, end);
  u8(pinfo, F.change_flags, data, o + 6, end);
  ensure(o + 7, 2, end);
  tree.add(F.data_link_rcv_frame_size, o + 7, 2, u16le(data, o + 7));
  u8(pinfo, F.node_multicast_timer, data, o + 9, end, (v) => `Multicast timer: ${v} seconds`);
  u8(pinfo, F.node_status, data, o + 10, end);
  const groupLen = u8(pinfo, F.node_group_len, data, o + 11, end);
  ensure(o + 12, groupLen, end);
  tree.add(F.node_groups, o + 12, groupLen, tree.wants(F.node_groups) ? data.subarray(o + 12, o + 12 + groupLen) : null);
  o = addString(pinfo, F.node_name, data, o + 12 + groupLen, end);
  o = addString(pinfo, F.node_description, data, o, end);
  const services = u8(pinfo, F.service_name_count, data, o, end);
  o++;
  for (let i = 0; i < services; i++) {
    u8(pinfo, F["service.rating"], data, o, end);
    o = addString(pinfo, F["service.name"], data, o + 1, end);
    o = addString(pinfo, F["service.description"], data, o, end);
  }
  const classes = u8(pinfo, F.node_service_len, data, o, end);
  o++;
  // packet-lat.c adds every class item at the same offset (it never advances): so does this.
  for (let i = 0; i < classes; i++) u8(pinfo, F.node_service_class, data, o, end);
}

export const lat: Dissector = {
  name: "lat",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const tree = pinfo.tree;
    enterLayer(pinfo, "lat");
    pinfo.protocol = "LAT";
    if (pinfo.wantColumns) pinfo.info = "";
    if (offset >= end) {
      markMalformed(pinfo, "LAT", offset, "message type missing");
      return 0;
    }
    const first = data[offset]!;
    const type = first >> 2;
    if (pinfo.wantColumns) pinfo.info = MSG_TYPE_NAMES.get(type) ?? `Unknown command (${type})`;
    tree.open(latFields[""], offset, end - offset);
    bitItem(tree, latFields.rrf, offset, 1, first);
    bitItem(tree, latFields.master, offset, 1, first);
    bitItem(tree, latFields.msg_typ, offset, 1, first);
    const wantBody = tree.detailed || tree.wants(latFields.node_name) || tree.wants(latFields["service.name"]);
    if (type === SERVICE_ANNOUNCEMENT && wantBody) {
      try {
        serviceAnnouncement(pinfo, data, offset + 1, end);
      } catch (err) {
        if (!(err instanceof Truncated)) throw err;
        tree.close();
        markMalformed(pinfo, "LAT", end, "service announcement cut short");
        return end - offset;
      }
    }
    tree.close();
    return end - offset;
  },
};

register("ethertype", ETHERTYPE_LAT, lat);
