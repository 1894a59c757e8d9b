/**
 * NetWare Link Services Protocol (IPX socket 0x9001; Novell's IS-IS for IPX),
 * as Wireshark 4.0's packet-nlsp.c shows its fixed headers:
 *
 *   +0 protocol discriminator (0x83)  +1 header length  +2 minor version
 *   +3 reserved  +4 packet type (low 5 bits; 15 L1 Hello, 17 WAN Hello,
 *   18 L1 LSP, 24 L1 CSNP, 26 L1 PSNP)  +5 major version  +6 reserved (2)
 *   Hellos then: +8 flags (multicast or state, circuit type)
 *   +9 sending router's system ID (6)  +15 holding timer  +17 packet length
 *   +19 priority  +20 designated router's system ID (6) and pseudonode (1),
 *   or the local WAN circuit ID in WAN Hellos
 *
 * Info: "L1 Hello, System ID: 02:00:32:f8:95:cc". Not decoded here: the
 * CLVs after a Hello (area addresses, local MTU...) and the LSP/SNP packets'
 * bodies (only their type is named).
 */
import { defineFields, vals } from "../../field";
import { expert, markMalformed, u16 } from "../../common";
import { etherToString } from "../../format";
import type { PacketInfo } from "../../packet-info";
import { registerIpxSocket, type IpxSocketDissector } from "./ipx";
import { bitItem } from "../bitmask";

const L1_HELLO = 15;
const WAN_HELLO = 17;
const L1_LSP = 18;
const PACKET_TYPE_NAMES = vals({ 15: "L1 Hello", 17: "WAN Hello", 18: "L1 LSP", 24: "L1 CSNP", 26: "L1 PSNP" });
const CIRCUIT_TYPE_NAMES = vals({ 0: "Reserved 0 (discard PDU)", 1: "Level 1 only", 2: "Level 2 only", 3: "Level 1 and 2" });
const HELLO_STATE_NAMES = vals({ 0: "Up", 1: "Initializing", 2: "Down" });
/** Fixed header, then a Hello's fixed part: the bytes read before the CLVs. */
const HEADER_LEN = 8;

export const nlspFields = defineFields("nlsp", {
  "": { name: "NetWare Link Services Protocol", type: "protocol" },
  irpd: { name: "NetWare Link Services Protocol Discriminator", type: "uint8", base: "hex" },
  header_length: { name: "PDU Header Length", type: "uint8" },
  minor_version: { name: "Minor Version", type: "uint8" },
  nr: { name: "Multi-homed Non-routing Server", type: "boolean", bitmask: 0x80, bitWidth: 8 },
  type: { name: "Packet Type", type: "uint8", bitmask: 0x1f, bitWidth: 8, vals: PACKET_TYPE_NAMES },
  major_version: { name: "Major Version", type: "uint8" },
  packet_length: { name: "Packet Length", type: "uint16" },
  "hello.state": { name: "State", type: "uint8", bitmask: 0xc0, bitWidth: 8, vals: HELLO_STATE_NAMES },
  "hello.multicast": { name: "Multicast Routing", type: "boolean", bitmask: 0x10, bitWidth: 8, tfs: ["Supported", "Not supported"] },
  "hello.circuit_type": { name: "Circuit Type", type: "uint8", bitmask: 0x03, bitWidth: 8, vals: CIRCUIT_TYPE_NAMES },
  "hello.sending_router_system_id": { name: "Sending Router System ID", type: "ether" },
  "hello.holding_timer": { name: "Holding Timer", type: "uint16" },
  "hello.priority": { name: "Priority", type: "uint8", bitmask: 0x7f, bitWidth: 8 },
  "hello.local_wan_circuit_id": { name: "Local WAN Circuit ID", type: "uint8" },
  "hello.designated_router_system_id": { name: "Designated Router System ID", type: "ether" },
  "hello.designated_router_pseudonode_id": { name: "Designated Router Pseudonode ID", type: "uint8" },
});

function addHello(pinfo: PacketInfo, data: Uint8Array, o: number, end: number, type: number): boolean {
  const tree = pinfo.tree;
  const F = nlspFields;
  const wan = type === WAN_HELLO;
  const fixed = wan ? 13 : 19;
  if (o + fixed > end) return false;
  const flags = data[o]!;
  bitItem(tree, wan ? F["hello.state"] : F["hello.multicast"], o, 1, flags);
  bitItem(tree, F["hello.circuit_type"], o, 1, flags);
  const id = data.subarray(o + 1, o + 7);
  tree.add(F["hello.sending_router_system_id"], o + 1, 6, tree.wants(F["hello.sending_router_system_id"]) ? id : null);
  if (pinfo.wantColumns) pinfo.appendInfo(`, System ID: ${etherToString(id)}`);
  const holding = u16(data, o + 7);
  tree.add(F["hello.holding_timer"], o + 7, 2, holding, 0, tree.detailed ? `Holding Timer: ${holding}s` : undefined);
  tree.add(F.packet_length, o + 9, 2, u16(data, o + 9));
  bitItem(tree, F["hello.priority"], o + 11, 1, data[o + 11]!);
  if (wan) tree.add(F["hello.local_wan_circuit_id"], o + 12, 1, data[o + 12]!);
  else {
    const dr = F["hello.designated_router_system_id"];
    tree.add(dr, o + 12, 6, tree.wants(dr) ? data.subarray(o + 12, o + 18) : null);
    tree.add(F["hello.designated_router_pseudonode_id"], o + 18, 1, data[o + 18]!);
  }
  return true;
}

export const nlsp: IpxSocketDissector = {
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): void {
    const tree = pinfo.tree;
    const F = nlspFields;
    pinfo.protocol = "NLSP";
    if (pinfo.wantColumns) pinfo.info = "";
    tree.open(F[""], offset, end - offset);
    if (end - offset < HEADER_LEN) {
      tree.close();
      markMalformed(pinfo, "NLSP", end, "header cut short");
      return;
    }
    tree.add(F.irpd, offset, 1, data[offset]!);
    tree.add(F.header_length, offset + 1, 1, data[offset + 1]!);
    tree.add(F.minor_version, offset + 2, 1, data[offset + 2]!);
    const typeFlags = data[offset + 4]!;
    const type = typeFlags & 0x1f;
    if (pinfo.wantColumns) pinfo.info = PACKET_TYPE_NAMES.get(type) ?? `Unknown (${type})`;
    if (type === L1_LSP) bitItem(tree, F.nr, offset + 4, 1, typeFlags);
    bitItem(tree, F.type, offset + 4, 1, typeFlags);
    const major = data[offset + 5]!;
    tree.add(F.major_version, offset + 5, 1, major);
    if (major !== 1) expert(pinfo, offset + 5, 1, "warn", `Unknown NLSP version (${major} vs 1)`, "Undecoded", "NLSP");
    if (type === L1_HELLO || type === WAN_HELLO) {
      if (!addHello(pinfo, data, offset + HEADER_LEN, end, type)) {
        tree.close();
        markMalformed(pinfo, "NLSP", end, "Hello cut short");
        return;
      }
    }
    tree.close();
  },
};

registerIpxSocket(0x9001, nlsp);
