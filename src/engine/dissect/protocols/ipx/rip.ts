/**
 * IPX Routing Information Protocol (NetWare; IPX socket 0x0453), as Wireshark
 * 4.0's packet-ipx.c dissect_ipxrip shows it:
 *
 *   +0 operation (1 request, 2 response)
 *   then 8-byte route entries: network (4), hops (2), ticks (2; 1/18 s each)
 *
 * The entries are read only for a tree, as in Wireshark.
 */
import { defineFields, vals } from "../../field";
import { markMalformed, u16, u32 } from "../../common";
import type { PacketInfo } from "../../packet-info";
import { HIDDEN } from "../../tree";
import { ipxNetLabel, registerIpxSocket, type IpxSocketDissector } from "./ipx";

const RIP_PACKET_NAMES = vals({ 1: "Request", 2: "Response" });
const RIP_ENTRY_LEN = 8;

export const ripFields = defineFields("ipxrip", {
  "": { name: "IPX Routing Information Protocol", type: "protocol" },
  request: { name: "Request", type: "boolean" },
  response: { name: "Response", type: "boolean" },
  packet_type: { name: "RIP packet type", type: "uint16", vals: RIP_PACKET_NAMES },
  route_vector: { name: "Route Vector", type: "uint32", base: "hex" },
  hops: { name: "Hops", type: "uint16" },
  ticks: { name: "Ticks", type: "uint16" },
});

function addRoutes(pinfo: PacketInfo, data: Uint8Array, offset: number, end: number, op: number): void {
  const tree = pinfo.tree;
  for (let o = offset + 2; o < end; o += RIP_ENTRY_LEN) {
    if (o + RIP_ENTRY_LEN > end) {
      markMalformed(pinfo, "IPX RIP", end, "route entry cut short");
      return;
    }
    const net = u32(data, o);
    tree.add(ripFields.route_vector, o, 4, net, 0, ipxNetLabel(tree, ripFields.route_vector, net));
    tree.add(ripFields.hops, o + 4, 2, u16(data, o + 4));
    const ticks = u16(data, o + 6);
    // packet-ipx.c tests "operation == IPX_RIP_REQUEST - 1" (0), so every real request shows milliseconds too.
    const label = tree.detailed && op !== 0 ? `Ticks: ${Math.trunc((ticks * 1000) / 18)} ms` : undefined;
    tree.add(ripFields.ticks, o + 6, 2, ticks, 0, label);
  }
}

export const ipxRip: IpxSocketDissector = {
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): void {
    const tree = pinfo.tree;
    // No layer name: packet-ipx.c calls socket dissectors with add_proto_name FALSE (frame.protocols ends at "ipx").
    pinfo.protocol = "IPX RIP";
    if (pinfo.wantColumns) pinfo.info = "";
    if (end - offset < 2) {
      markMalformed(pinfo, "IPX RIP", end, "operation cut short");
      return;
    }
    const op = u16(data, offset);
    if (pinfo.wantColumns) pinfo.info = RIP_PACKET_NAMES.get(op) ?? "Unknown";
    tree.open(ripFields[""], offset, end - offset);
    tree.add(ripFields.packet_type, offset, 2, op);
    if (op === 1) tree.add(ripFields.request, offset, 2, true, HIDDEN);
    else if (op === 2) tree.add(ripFields.response, offset, 2, true, HIDDEN);
    if (tree.detailed || tree.wants(ripFields.route_vector) || tree.wants(ripFields.hops) || tree.wants(ripFields.ticks)) addRoutes(pinfo, data, offset, end, op);
    tree.close();
  },
};

registerIpxSocket(0x0453, ipxRip);
