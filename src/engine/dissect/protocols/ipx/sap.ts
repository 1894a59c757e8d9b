/**
 * IPX Service Advertising Protocol (NetWare; IPX socket 0x0452), as Wireshark
 * 4.0's packet-ipx.c dissect_ipxsap shows it:
 *
 *   +0 packet type (1 general query, 2 general response, 3 nearest query,
 *      4 nearest response)
 *   queries: +2 server type
 *   responses: 64-byte entries from +2: server type (2), name (48, NUL
 *      padded), network (4), node (6), socket (2), intermediate networks (2)
 *
 * Wireshark reads the entries only when it builds a tree; so does this.
 */
import { defineFields, vals } from "../../field";
import { markMalformed, u16, u32 } from "../../common";
import { asciiString } from "../../bytes";
import type { PacketInfo } from "../../packet-info";
import { HIDDEN } from "../../tree";
import { IPX_SOCKET_NAMES, ipxNetLabel, registerIpxSocket, type IpxSocketDissector } from "./ipx";

const SAP_PACKET_NAMES = vals({ 1: "General Query", 2: "General Response", 3: "Nearest Query", 4: "Nearest Response" });
const SAP_ENTRY_LEN = 64;

export const sapFields = defineFields("ipxsap", {
  "": { name: "Service Advertisement Protocol", type: "protocol" },
  packet_type: { name: "SAP packet type", type: "uint16", vals: SAP_PACKET_NAMES },
  request: { name: "Request", type: "boolean" },
  response: { name: "Response", type: "boolean" },
  server: { name: "Server", type: "none" },
  "server.type": { name: "Server Type", type: "uint16", base: "hex" },
  "server.name": { name: "Server Name", type: "string" },
  "server.network": { name: "Network", type: "uint32", base: "hex" },
  "server.node": { name: "Node", type: "ether" },
  "server.socket": { name: "Socket", type: "uint16", base: "hex", vals: IPX_SOCKET_NAMES },
  "server.intermediate_networks": { name: "Intermediate Networks", type: "uint16" },
});

function addEntries(pinfo: PacketInfo, data: Uint8Array, offset: number, end: number): void {
  const tree = pinfo.tree;
  const F = sapFields;
  for (let o = offset + 2; o < end; o += SAP_ENTRY_LEN) {
    if (o + SAP_ENTRY_LEN > end) {
      markMalformed(pinfo, "IPX SAP", end, "server entry cut short");
      return;
    }
    const name = asciiString(data, o + 2, o + 50);
    tree.open(F.server, o, SAP_ENTRY_LEN, null, tree.detailed ? `Server: ${name}` : undefined);
    tree.add(F["server.type"], o, 2, u16(data, o));
    tree.add(F["server.name"], o + 2, 48, name);
    const net = u32(data, o + 50);
    tree.add(F["server.network"], o + 50, 4, net, 0, ipxNetLabel(tree, F["server.network"], net));
    tree.add(F["server.node"], o + 54, 6, tree.wants(F["server.node"]) ? data.subarray(o + 54, o + 60) : null);
    tree.add(F["server.socket"], o + 60, 2, u16(data, o + 60));
    tree.add(F["server.intermediate_networks"], o + 62, 2, u16(data, o + 62));
    tree.close();
  }
}

export const ipxSap: IpxSocketDissector = {
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): void {
    const tree = pinfo.tree;
    // No layer name: packet-ipx.c calls socket dissectors with add_proto_name FALSE (frame.protocols ends at "ipx").
    pinfo.protocol = "IPX SAP";
    if (pinfo.wantColumns) pinfo.info = "";
    // The packet type and the query's server type are read before anything is shown.
    if (end - offset < 4) {
      markMalformed(pinfo, "IPX SAP", end, "header cut short");
      return;
    }
    const type = u16(data, offset);
    if (pinfo.wantColumns) pinfo.info = SAP_PACKET_NAMES.get(type) ?? "Unknown Packet Type";
    tree.open(sapFields[""], offset, end - offset);
    tree.add(sapFields.packet_type, offset, 2, type);
    // packet-ipx.c marks queries "response" and responses "request" (sic).
    if (type === 1 || type === 3) tree.add(sapFields.response, offset, 2, true, HIDDEN);
    else if (type === 2 || type === 4) tree.add(sapFields.request, offset, 2, true, HIDDEN);
    if (type === 2 || type === 4) {
      if (tree.detailed || tree.wants(sapFields["server.name"]) || tree.wants(sapFields["server.type"])) addEntries(pinfo, data, offset, end);
    } else tree.add(sapFields["server.type"], offset + 2, 2, u16(data, offset + 2));
    tree.close();
  },
};

registerIpxSocket(0x0452, ipxSap);
