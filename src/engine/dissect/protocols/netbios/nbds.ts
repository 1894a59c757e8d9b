/**
 * NetBIOS Datagram Service (RFC 1002 §4.4), UDP port 138, as Wireshark 4.0's
 * packet-nbt.c dissects it:
 *
 *   +0 message type  +1 flags (M, F, SNT)  +2 datagram ID  +4 source IP  +8 source port
 *   direct/broadcast datagrams: +10 datagram length  +12 packet offset
 *        +14 source name, destination name (first-level encoded), user data
 *   error: +10 error code      queries/responses: +10 destination name
 *
 * Info is the message type ("Direct_group datagram"). The user data goes to
 * Wireshark's NetBIOS heuristics: SMB when it starts with 0xFF "SMB" (the
 * browser's mailslots), data otherwise.
 */
import { defineFields, vals } from "../../field";
import { register } from "../../dissector";
import { dissectData, enterLayer, malformed } from "../../common";
import { g16, g32, g8, Truncated } from "../../bytes";
import type { PacketInfo } from "../../packet-info";
import type { ProtoTree } from "../../tree";
import { getDnsName } from "../dns";
import { bitmask } from "../bitmask";
import { decodeFirstLevel, nameTypeDescr } from "./names";
import { dissectSmb, isSmb } from "../smb/smb";

const MESSAGE_TYPES = vals({
  0x10: "Direct_unique datagram",
  0x11: "Direct_group datagram",
  0x12: "Broadcast datagram",
  0x13: "Datagram error",
  0x14: "Datagram query request",
  0x15: "Datagram positive query response",
  0x16: "Datagram negative query response",
});
const YES_NO: readonly [string, string] = ["Yes", "No"];

export const nbdsFields = defineFields("nbdgm", {
  "": { name: "NetBIOS Datagram Service", type: "protocol" },
  type: { name: "Message Type", type: "uint8", vals: MESSAGE_TYPES },
  flags: { name: "Flags", type: "uint8", base: "hex" },
  next: { name: "More fragments follow", type: "boolean", bitmask: 0x01, bitWidth: 8, tfs: YES_NO },
  first: { name: "This is first fragment", type: "boolean", bitmask: 0x02, bitWidth: 8, tfs: YES_NO },
  node_type: { name: "Node Type", type: "uint8", vals: { 0: "B node", 1: "P node", 2: "M node", 3: "NBDD" }, bitmask: 0x0c, bitWidth: 8 },
  dgram_id: { name: "Datagram ID", type: "uint16", base: "hex" },
  "src.ip": { name: "Source IP", type: "ipv4" },
  "src.port": { name: "Source Port", type: "uint16" },
  dgram_len: { name: "Datagram length", type: "uint16", unit: " bytes" },
  pkt_offset: { name: "Packet offset", type: "uint16", unit: " bytes" },
  error_code: { name: "Error code", type: "uint8", base: "hex", vals: { 0x82: "Destination name not present", 0x83: "Invalid source name format", 0x84: "Invalid destination name format" } },
  source_name: { name: "Source name", type: "string" },
  destination_name: { name: "Destination name", type: "string" },
});
const F = nbdsFields;
const FLAG_FIELDS = [F.next, F.first, F.node_type];

/** A first-level encoded name (compression pointers count from the name itself, as Wireshark reads them). */
function nameItem(tree: ProtoTree, f: (typeof F)[keyof typeof F], data: Uint8Array, off: number, end: number): number {
  const r = getDnsName(data, off, 0, off, end);
  const used = r.used;
  const n = decodeFirstLevel(r.raw);
  tree.add(f, off, used, n.text, 0, tree.detailed ? `${f.name}: ${n.text}${n.type >= 0 ? ` (${nameTypeDescr(n.type)})` : ""}` : undefined);
  return used;
}

export const nbds = {
  name: "nbdgm",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    enterLayer(pinfo, "nbdgm");
    const tree = pinfo.tree;
    const cols = pinfo.wantColumns && !pinfo.inErrorPacket;
    if (!pinfo.inErrorPacket) pinfo.protocol = "NBDS";
    if (cols) pinfo.info = "";
    let opened = false;
    let payload = -1;
    try {
      tree.open(F[""], offset, end - offset, null, tree.detailed || tree.wants(F[""]) ? "NetBIOS Datagram Service" : undefined);
      opened = true;
      const type = g8(data, offset, end);
      tree.add(F.type, offset, 1, type);
      if (cols) pinfo.info = MESSAGE_TYPES.get(type) ?? `Unknown message type (0x${type.toString(16).toUpperCase().padStart(2, "0")})`;
      bitmask(tree, F.flags, offset + 1, 1, g8(data, offset + 1, end), FLAG_FIELDS);
      tree.add(F.dgram_id, offset + 2, 2, g16(data, offset + 2, end));
      tree.add(F["src.ip"], offset + 4, 4, g32(data, offset + 4, end));
      tree.add(F["src.port"], offset + 8, 2, g16(data, offset + 8, end));
      let cur = offset + 10;
      if (type >= 0x10 && type <= 0x12) {
        tree.add(F.dgram_len, cur, 2, g16(data, cur, end));
        tree.add(F.pkt_offset, cur + 2, 2, g16(data, cur + 2, end));
        cur += 4;
        cur += nameItem(tree, F.source_name, data, cur, end);
        cur += nameItem(tree, F.destination_name, data, cur, end);
        payload = cur;
      } else if (type === 0x13) {
        tree.add(F.error_code, cur, 1, g8(data, cur, end));
        cur += 1;
      } else if (type >= 0x14 && type <= 0x16) {
        cur += nameItem(tree, F.destination_name, data, cur, end);
      }
      tree.close(Math.min(cur, end) - offset);
      opened = false;
    } catch (e) {
      if (!(e instanceof Truncated)) throw e;
      malformed(pinfo, "NBDS", offset, "datagram runs past the end of the data");
      payload = -1;
    } finally {
      if (opened) tree.close();
    }
    if (payload >= 0 && payload < end) {
      if (isSmb(data, payload, end)) dissectSmb(data, payload, end, pinfo);
      else dissectData(data, payload, end, pinfo);
    }
    return end - offset;
  },
};

register("udp.port", 138, nbds);
