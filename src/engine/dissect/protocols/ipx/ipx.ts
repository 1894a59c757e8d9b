/**
 * Novell IPX (NetWare IPX Router Specification), as Wireshark 4.0's
 * packet-ipx.c dissects it:
 *
 *   +0 checksum (0xffff: none)  +2 length (header included)
 *   +4 transport control (hops)  +5 packet type
 *   +6 destination network (4), node (6), socket (2)
 *   +18 source network (4), node (6), socket (2)  +30 data
 *
 * The Source/Destination columns become the IPX addresses, network and node in
 * hex joined by a dot ("13000001.0020af3979e2", Wireshark's ipx_to_str). The
 * data goes to the dissector of the lower socket number first, then the
 * higher (packet-ipx.c explains why neither order alone is right), then the
 * packet type's, then data. Wireshark adds no layer name for these socket
 * dissectors (frame.protocols stops at "ipx").
 *
 * Reached by EtherType 0x8137, LLC SAPs 0x10 and 0xe0 (NetWare), and Novell's
 * raw 802.3 frames (an 802.3 length, then 0xffff where LLC's SAPs would be),
 * which ieee8023.ts recognises.
 */
import { defineFields, vals, type FieldDef } from "../../field";
import { register, type Dissector } from "../../dissector";
import { dissectData, enterLayer, markMalformed, u16, u32 } from "../../common";
import type { PacketInfo } from "../../packet-info";
import { HIDDEN } from "../../tree";
import { registerLlcSap } from "../llc/llc";

export const ETHERTYPE_IPX = 0x8137;
const IPX_HEADER_LEN = 30;
/** NWLink's name query socket: Wireshark tries only it when it is the higher socket (NMPI queries). */
const IPX_SOCKET_NWLINK_SMB_NAMEQUERY = 0x0551;

/** Socket names (packet-ipx.c ipx_socket_vals): the Info column until a socket dissector rewrites it. */
export const IPX_SOCKET_NAMES = vals({
  0x0002: "CISCO PING",
  0x0451: "NCP",
  0x0452: "SAP",
  0x0453: "RIP",
  0x0455: "NetBIOS",
  0x0456: "Diagnostic",
  0x0457: "Serialization",
  0x0550: "NWLink SMB Server",
  0x0551: "NWLink SMB Name Query",
  0x0552: "NWLink SMB Redirector",
  0x0553: "NWLink SMB Mailslot Datagram",
  0x0554: "NWLink SMB Messenger",
  0x0555: "NWLink SMB Browse",
  0x055d: "Attachmate Gateway",
  0x4001: "IPX Message",
  0x4003: "IPX Message",
  0x4006: "NetWare Directory Server",
  0x400c: "HP LaserJet/QuickSilver",
  0x8104: "NetWare 386",
  0x8522: "ADSM",
  0x85be: "Cisco EIGRP for IPX",
  0x8f83: "Powerchute UPS Monitoring",
  0x9001: "NetWare Link Services Protocol",
  0x9004: "IPX WAN",
  0x900f: "SNMP Agent",
  0x9010: "SNMP Sink",
  0x907b: "SMS Testing and Development",
  0x9086: "Novell PING",
  0x9091: "TCP Tunnel",
  0x9092: "UDP Tunnel",
  0x90b2: "NDPS Printer Agent/PSM",
  0x90b3: "NDPS Broker",
  0x90b4: "NDPS Service Registry Service",
  0x90b5: "NDPS Event Notification Service",
  0x90b6: "NDPS Remote Management Service",
  0x90b7: "NDPS Notify Listener",
  0xe885: "NT Server-RPC/GW",
});

const PACKET_TYPE_NAMES = new Map<number, string>([
  [0, "IPX"],
  [1, "RIP"],
  [2, "Echo"],
  [3, "Error"],
  [4, "PEP"],
  [5, "SPX"],
  [17, "NCP"],
  [20, "NetBIOS Broadcast"],
  // 16, 18, 19 and 21–31 are reserved for experiments.
  ...[16, 18, 19, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31].map((t): [number, string] => [t, "Experimental Protocol"]),
]);

export const ipxFields = defineFields("ipx", {
  "": { name: "Internetwork Packet eXchange", type: "protocol" },
  src: { name: "Source Address", type: "string" },
  dst: { name: "Destination Address", type: "string" },
  addr: { name: "Src/Dst Address", type: "string" },
  checksum: { name: "Checksum", type: "uint16", base: "hex" },
  len: { name: "Length", type: "uint16" },
  hops: { name: "Transport Control (Hops)", type: "uint8" },
  packet_type: { name: "Packet Type", type: "uint8", base: "hex", vals: PACKET_TYPE_NAMES },
  // FT_IPXNET prints as 0x-prefixed hex in -T fields, as a hex uint32 does.
  "dst.net": { name: "Destination Network", type: "uint32", base: "hex" },
  "dst.node": { name: "Destination Node", type: "ether" },
  "dst.socket": { name: "Destination Socket", type: "uint16", base: "hex", vals: IPX_SOCKET_NAMES },
  "src.net": { name: "Source Network", type: "uint32", base: "hex" },
  "src.node": { name: "Source Node", type: "ether" },
  "src.socket": { name: "Source Socket", type: "uint16", base: "hex", vals: IPX_SOCKET_NAMES },
  net: { name: "Source or Destination Network", type: "uint32", base: "hex" },
  node: { name: "Source or Destination Node", type: "ether" },
  socket: { name: "Source or Destination Socket", type: "uint16", base: "hex", vals: IPX_SOCKET_NAMES },
});

/** What socket dissectors learn of the IPX header (packet-ipx.c's ipxhdr_t). */
export interface IpxHeader {
  type: number;
  srcSocket: number;
  dstSocket: number;
}

/** A dissector on an IPX socket: like `Dissector`, with the IPX header beside the bytes. */
export interface IpxSocketDissector {
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo, ipx: IpxHeader): void;
}

const bySocket = new Map<number, IpxSocketDissector>();

/** Registers a dissector for an IPX socket (Wireshark's "ipx.socket" table). */
export function registerIpxSocket(socket: number, d: IpxSocketDissector): void {
  bySocket.set(socket, d);
}

const HEX = "0123456789abcdef";
/** ipx_to_str: 4 network bytes and 6 node bytes in hex, joined by a dot. */
export function ipxAddressText(b: Uint8Array, o: number): string {
  let s = "";
  for (let i = 0; i < 10; i++) {
    if (i === 4) s += ".";
    s += HEX[b[o + i]! >> 4]! + HEX[b[o + i]! & 15]!;
  }
  return s;
}

/**
 * The label of an FT_IPXNET item as tshark 4.0 prints it in details: the
 * network's name (with no ipxnets file, Wireshark's lookup yields the first
 * byte in hex), then the number ("13 (0x13000001)").
 */
export function ipxNetLabel(tree: PacketInfo["tree"], f: FieldDef, net: number): string | undefined {
  if (!tree.detailed) return undefined;
  return `${f.name}: ${(net >>> 24).toString(16).padStart(2, "0")} (0x${net.toString(16).toUpperCase().padStart(8, "0")})`;
}

// One header object reused for every packet: socket dissectors read it during the call only.
const header: IpxHeader = { type: 0, srcSocket: 0, dstSocket: 0 };

function addEndpoint(pinfo: PacketInfo, data: Uint8Array, o: number, dst: boolean): void {
  const tree = pinfo.tree;
  const F = ipxFields;
  const net = u32(data, o);
  const netField = dst ? F["dst.net"] : F["src.net"];
  tree.add(netField, o, 4, net, 0, ipxNetLabel(tree, netField, net));
  tree.add(F.net, o, 4, net, HIDDEN);
  const nodeField = dst ? F["dst.node"] : F["src.node"];
  tree.add(nodeField, o + 4, 6, tree.wants(nodeField) ? data.subarray(o + 4, o + 10) : null);
  tree.add(F.node, o + 4, 6, tree.wants(F.node) ? data.subarray(o + 4, o + 10) : null, HIDDEN);
  const socket = u16(data, o + 10);
  tree.add(dst ? F["dst.socket"] : F["src.socket"], o + 10, 2, socket);
  tree.add(F.socket, o + 10, 2, socket, HIDDEN);
}

function addAddressStrings(pinfo: PacketInfo, data: Uint8Array, offset: number): void {
  const tree = pinfo.tree;
  const F = ipxFields;
  if (!tree.wants(F.src) && !tree.wants(F.dst) && !tree.wants(F.addr)) return;
  const src = ipxAddressText(data, offset + 18);
  const dst = ipxAddressText(data, offset + 6);
  tree.add(F.src, offset, 0, src, HIDDEN);
  tree.add(F.addr, offset, 0, src, HIDDEN);
  tree.add(F.dst, offset, 0, dst, HIDDEN);
  tree.add(F.addr, offset, 0, dst, HIDDEN);
}

export const ipx: Dissector = {
  name: "ipx",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const tree = pinfo.tree;
    enterLayer(pinfo, "ipx");
    pinfo.protocol = "IPX";
    if (pinfo.wantColumns) pinfo.info = "";
    if (end - offset < IPX_HEADER_LEN) {
      markMalformed(pinfo, "IPX", end, "header cut short");
      return end - offset;
    }
    const length = u16(data, offset + 2);
    const type = data[offset + 5]!;
    const dstSocket = u16(data, offset + 16);
    const srcSocket = u16(data, offset + 28);
    pinfo.srcPort = srcSocket;
    pinfo.dstPort = dstSocket;
    // set_actual_length: the datagram ends where its length says (only ever shortens).
    const ipxEnd = length < end - offset ? offset + length : end;
    if (pinfo.wantColumns) {
      pinfo.netSrc = ipxAddressText(data, offset + 18);
      pinfo.netDst = ipxAddressText(data, offset + 6);
      pinfo.info = IPX_SOCKET_NAMES.get(dstSocket) ?? `Unknown (0x${dstSocket.toString(16).padStart(4, "0")})`;
    }
    tree.open(ipxFields[""], offset, IPX_HEADER_LEN);
    addAddressStrings(pinfo, data, offset);
    tree.add(ipxFields.checksum, offset, 2, u16(data, offset));
    tree.add(ipxFields.len, offset + 2, 2, length, 0, tree.detailed ? `Length: ${length} bytes` : undefined);
    const hops = data[offset + 4]!;
    tree.add(ipxFields.hops, offset + 4, 1, hops, 0, tree.detailed ? `Transport Control: ${hops} hops` : undefined);
    tree.add(ipxFields.packet_type, offset + 5, 1, type);
    addEndpoint(pinfo, data, offset + 6, true);
    addEndpoint(pinfo, data, offset + 18, false);
    tree.close();

    const payload = offset + IPX_HEADER_LEN;
    header.type = type;
    header.srcSocket = srcSocket;
    header.dstSocket = dstSocket;
    const first = Math.min(srcSocket, dstSocket);
    const second = Math.max(srcSocket, dstSocket);
    const d = (second !== IPX_SOCKET_NWLINK_SMB_NAMEQUERY ? bySocket.get(first) : undefined) ?? bySocket.get(second);
    if (d) d.dissect(data, payload, ipxEnd, pinfo, header);
    else if (payload < ipxEnd) dissectData(data, payload, ipxEnd, pinfo);
    return ipxEnd - offset;
  },
};

register("ethertype", ETHERTYPE_IPX, ipx);
// NetWare's LLC SAPs (Wireshark's SAP_NETWARE1 and SAP_NETWARE2).
registerLlcSap(0x10, ipx);
registerLlcSap(0xe0, ipx);
