/**
 * NetBIOS over IPX (IPX socket 0x0455), as Wireshark 4.0's packet-nbipx.c
 * decodes it (there is no public specification; Wireshark's layout is its
 * own reading of the traffic):
 *
 *   [+0 eight IPX networks of the WAN broadcast path (32 bytes): in WAN
 *    broadcasts (IPX type 20), and in 50-byte packets whose byte 33 is a
 *    name operation]
 *   +0 name type flags (name operations) or connection control
 *   +1 data stream type (1 find name ... 11 directed datagram)
 *   +2 name operations: the 16-byte NetBIOS name; session packets: the
 *      session header; directed datagrams: receiver's and sender's names
 *
 * Info: "Find name <01><02>__MSBROWSE__<02><01>" (the name as
 * process_netbios_name writes it, then its type byte in hex). Wireshark
 * registers this protocol's fields under "nmpi.*".
 */
import { defineField, defineFields, vals } from "../../field";
import { dissectData, markMalformed, u32 } from "../../common";
import type { PacketInfo } from "../../packet-info";
import { NETBIOS_NAME_LEN, nameTypeDescr, netbiosNameText } from "../netbios/names";
import { ipxNetLabel, registerIpxSocket, type IpxHeader, type IpxSocketDissector } from "./ipx";
import { bitItem } from "../bitmask";

const IPX_PACKET_TYPE_WANBCAST = 20;
const FIND_NAME = 1;
const DEREGISTER_NAME = 5;
const SESSION_DATA = 6;
const SESSION_END_ACK = 8;
const DIRECTED_DATAGRAM = 11;
const ROUTES_LEN = 32;
/** Length of a PEP name reply that carries the 8 networks (packet-nbipx.c). */
const NAME_REPLY_WITH_ROUTES_LEN = 50;

const STREAM_TYPE_NAMES = vals({
  1: "Find name",
  2: "Name recognized",
  3: "Check name",
  4: "Name in use",
  5: "Deregister name",
  6: "Session data",
  7: "Session end",
  8: "Session end ACK",
  9: "Status query",
  10: "Status response",
  11: "Directed datagram",
});

/** Wireshark's text-only subtrees (the NetBIOS name lines). */
const textField = defineField("_ws.text", { name: "Text item", type: "none" });

export const nbipxFields = defineFields("nmpi", {
  packettype: { name: "Packet Type", type: "uint8", base: "hex", vals: STREAM_TYPE_NAMES },
  name_flags: { name: "Name type flag", type: "uint8", base: "hex" },
  "name_flags.group": { name: "Name", type: "boolean", bitmask: 0x80, bitWidth: 8, tfs: ["Group name", "Unique name"] },
  "name_flags.in_use": { name: "In use", type: "boolean", bitmask: 0x40, bitWidth: 8, tfs: ["Used", "Not used"] },
  "name_flags.registered": { name: "Registered", type: "boolean", bitmask: 0x04, bitWidth: 8, tfs: ["Yes", "No"] },
  "name_flags.duplicated": { name: "Duplicated", type: "boolean", bitmask: 0x02, bitWidth: 8, tfs: ["Yes", "No"] },
  "name_flags.deregistered": { name: "Deregistered", type: "boolean", bitmask: 0x01, bitWidth: 8, tfs: ["Yes", "No"] },
  conn_control: { name: "Connection control", type: "uint8", base: "hex" },
  ipx_network: { name: "IPX Network", type: "uint32", base: "hex" },
});
const NAME_FLAG_BITS = [
  nbipxFields["name_flags.group"],
  nbipxFields["name_flags.in_use"],
  nbipxFields["name_flags.registered"],
  nbipxFields["name_flags.duplicated"],
  nbipxFields["name_flags.deregistered"],
];
const nbipxProto = defineField("nbipx", { name: "NetBIOS over IPX", type: "protocol" });

/** Whether the 8 networks of a WAN broadcast come first (packet-nbipx.c's guess, see above). */
function hasRoutes(data: Uint8Array, offset: number, end: number, ipx: IpxHeader): boolean {
  if (ipx.type === IPX_PACKET_TYPE_WANBCAST) return true;
  if (end - offset !== NAME_REPLY_WITH_ROUTES_LEN) return false;
  const t = data[offset + ROUTES_LEN + 1]!;
  return t >= FIND_NAME && t <= DEREGISTER_NAME;
}

// netbios_add_name's items (packet-netbios.c registers them; shared by every protocol that shows a raw NetBIOS name).
const nbNameField = defineField("netbios.nb_name", { name: "NetBIOS Name", type: "string" });
const nbNameTypeField = defineField("netbios.nb_name_type", { name: "NetBIOS Name Type", type: "uint8", base: "hex" });

/** A NetBIOS name subtree as netbios_add_name draws it: "Name: X<20> (Server service)", then the name and its type. */
function addName(pinfo: PacketInfo, data: Uint8Array, o: number, label: string): void {
  const tree = pinfo.tree;
  if (!tree.detailed && !tree.wants(nbNameField) && !tree.wants(nbNameTypeField)) return;
  const type = data[o + NETBIOS_NAME_LEN - 1]!;
  const name = netbiosNameText(data, o);
  const typeText = `0x${hex2(type)} (${nameTypeDescr(type)})`;
  tree.open(textField, o, NETBIOS_NAME_LEN, null, tree.detailed ? `${label}: ${name}<${hex2(type)}> (${nameTypeDescr(type)})` : undefined);
  tree.add(nbNameField, o, NETBIOS_NAME_LEN - 1, name, 0, tree.detailed ? name : undefined);
  tree.add(nbNameTypeField, o + NETBIOS_NAME_LEN - 1, 1, type, 0, tree.detailed ? typeText : undefined);
  tree.close();
}

function hex2(v: number): string {
  return v.toString(16).padStart(2, "0");
}

function addFlags(pinfo: PacketInfo, o: number, flags: number): void {
  const tree = pinfo.tree;
  const F = nbipxFields;
  tree.open(F.name_flags, o, 1, flags);
  for (const f of NAME_FLAG_BITS) bitItem(tree, f, o, 1, flags);
  tree.close();
}

export const nbipx: IpxSocketDissector = {
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo, ipx: IpxHeader): void {
    const tree = pinfo.tree;
    pinfo.protocol = "NBIPX";
    if (pinfo.wantColumns) pinfo.info = "";
    tree.open(nbipxProto, offset, end - offset);
    let o = offset;
    if (hasRoutes(data, offset, end, ipx)) {
      // Only the networks that are set are listed.
      for (let i = 0; i < 8 && o + 4 <= end; i++, o += 4) {
        const net = u32(data, o);
        if (net !== 0) tree.add(nbipxFields.ipx_network, o, 4, net, 0, ipxNetLabel(tree, nbipxFields.ipx_network, net));
      }
      o = offset + ROUTES_LEN;
    }
    if (o + 2 > end) {
      tree.close();
      markMalformed(pinfo, "NBIPX", end, "data stream type missing");
      return;
    }
    const streamType = data[o + 1]!;
    const typeName = STREAM_TYPE_NAMES.get(streamType) ?? "Unknown";
    let payload = -1;
    if (streamType >= FIND_NAME && streamType <= DEREGISTER_NAME) {
      if (o + 2 + NETBIOS_NAME_LEN > end) {
        tree.close();
        markMalformed(pinfo, "NBIPX", end, "NetBIOS name cut short");
        return;
      }
      const nameType = data[o + 2 + NETBIOS_NAME_LEN - 1]!;
      if (pinfo.wantColumns) pinfo.info = `${typeName} ${netbiosNameText(data, o + 2)}<${hex2(nameType)}>`;
      addFlags(pinfo, o, data[o]!);
      tree.add(nbipxFields.packettype, o + 1, 1, streamType);
      addName(pinfo, data, o + 2, "Name");
      o += 2 + NETBIOS_NAME_LEN;
    } else {
      if (pinfo.wantColumns) pinfo.info = typeName;
      const session = streamType >= SESSION_DATA && streamType <= SESSION_END_ACK;
      if (session || streamType === DIRECTED_DATAGRAM) tree.add(nbipxFields.conn_control, o, 1, data[o]!);
      tree.add(nbipxFields.packettype, o + 1, 1, streamType);
      o += 2;
      // Session header (16 bytes) or the two names: what follows is NetBIOS payload (SMB); shown as data here.
      if (session) payload = o + 16;
      else if (streamType === DIRECTED_DATAGRAM) {
        if (o + 2 * NETBIOS_NAME_LEN <= end) {
          addName(pinfo, data, o, "Receiver's Name");
          addName(pinfo, data, o + NETBIOS_NAME_LEN, "Sender's Name");
        }
        payload = o + 2 * NETBIOS_NAME_LEN;
      }
    }
    tree.close(Math.min(payload >= 0 ? payload : o, end) - offset);
    if (payload >= 0 && payload < end) dissectData(data, payload, end, pinfo);
  },
};

registerIpxSocket(0x0455, nbipx);
