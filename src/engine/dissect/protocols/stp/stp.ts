/**
 * Spanning Tree BPDUs as Wireshark 4.0's packet-bpdu.c shows them: 802.1D
 * Configuration and Topology Change Notification BPDUs, RSTP (802.1w) and MSTP
 * (802.1s) BPDUs, and Cisco's PVST+/Rapid-PVST+ (SNAP OUI 00-00-0c, PID
 * 0x010b) with their trailing TLVs.
 *
 *   +0 protocol identifier (2)  +2 version (1)  +3 BPDU type (1)  +4 flags (1)
 *   +5 root identifier (8)  +13 root path cost (4)  +17 bridge identifier (8)
 *   +25 port identifier (2)  +27 message age, max age, hello time, forward delay (2 each, 1/256 s)
 *   RST/MST: +35 version 1 length (1); MST: +36 version 3 length (2) and the MST extension
 *
 * Bridge identifiers are read with 802.1t system ID extensions (Wireshark's
 * default): a 4-bit priority ×4096 and a 12-bit extension (the VLAN) before the MAC.
 * Info: "Conf. [TC + ]Root = P/E/MAC  Cost = N  Port = 0xNNNN", "RST. …", "MST. …",
 * "Topology Change Notification".
 */
import { ensure, g16, g32, g8, Truncated } from "../../bytes";
import { enterLayer, expert, markMalformed } from "../../common";
import { etherAt } from "../../format";
import type { PacketInfo } from "../../packet-info";
import { SAP_BPDU } from "../llc/fields";
import { registerCiscoPid, registerLlcSap } from "../llc/llc";
import { BPDU_TYPE_CONF, BPDU_TYPE_RST, BPDU_TYPE_TCN, stpFields } from "./fields";
import { addBridgeId, addFlags, hex } from "./identifiers";
import { dissectMstExtension } from "./mstp";
import { dissectPvstTlvs } from "./pvst";

const F = stpFields;

/** Cisco PIDs that carry plain BPDUs (RLQ request/response, VLAN bridge) and PVST+ (cisco_pid.h). */
const CISCO_PID_RLQ_REQ = 0x0108;
const CISCO_PID_RLQ_RESP = 0x0109;
const CISCO_PID_PVSTPP = 0x010b;
const CISCO_PID_VLAN_BRIDGE = 0x010c;

/** Offsets in the BPDU (packet-bpdu.c BPDU_*). */
const ROOT_ID = 5;
const ROOT_COST = 13;
const BRIDGE_ID = 17;
const PORT_ID = 25;
const MESSAGE_AGE = 27;
const VERSION_1_LENGTH = 35;

/** Sets Info from the header fields, before anything is added (Wireshark fills the column first). */
function setInfo(pinfo: PacketInfo, data: Uint8Array, offset: number, end: number, type: number, version: number): void {
  if (type === BPDU_TYPE_TCN) {
    pinfo.info = "Topology Change Notification";
    return;
  }
  if (type !== BPDU_TYPE_CONF && type !== BPDU_TYPE_RST) {
    pinfo.info = `Unknown BPDU type (${type})`;
    return;
  }
  const flags = g8(data, offset + 4, end);
  const rootId = g16(data, offset + ROOT_ID, end);
  ensure(offset + ROOT_ID + 2, 6, end);
  const cost = g32(data, offset + ROOT_COST, end);
  const port = g16(data, offset + PORT_ID, end);
  const kind = type === BPDU_TYPE_CONF ? "Conf" : version === 3 ? "MST" : version === 4 ? "SPT" : "RST";
  // cost is printed with %d in packet-bpdu.c: a cost above 2^31 shows negative.
  pinfo.info = `${kind}. ${flags & 1 ? "TC + " : ""}Root = ${rootId & 0xf000}/${rootId & 0x0fff}/${etherAt(data, offset + ROOT_ID + 2)}  Cost = ${cost | 0}  Port = ${hex(port, 4)}`;
}

function dissectBpdu(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo, pvst: boolean): number {
  const tree = pinfo.tree;
  enterLayer(pinfo, "stp");
  pinfo.protocol = "STP";
  if (pinfo.wantColumns) pinfo.info = "";
  tree.open(F[""], offset, end - offset, null, "Spanning Tree Protocol");
  try {
    const type = g8(data, offset + 3, end);
    const version = data[offset + 2]!;
    if (pinfo.wantColumns) setInfo(pinfo, data, offset, end, type, version);
    tree.add(F.protocol, offset, 2, g16(data, offset, end));
    tree.add(F.version, offset + 2, 1, version);
    if (version !== 0 && version !== 2 && version !== 3 && version !== 4) {
      expert(pinfo, offset + 2, 1, "warn", "This version of Wireshark only knows about versions 0, 2, 3 & 4", "Protocol", "STP");
    }
    tree.add(F.type, offset + 3, 1, type);
    if (type === BPDU_TYPE_TCN) {
      // set_actual_length(4): the rest of the frame is the Ethernet padding.
      tree.close(4);
      return 4;
    }
    if (type !== BPDU_TYPE_CONF && type !== BPDU_TYPE_RST) {
      expert(pinfo, offset + 3, 1, "warn", "Unknown BPDU type data", "Protocol", "STP");
      tree.close();
      return end - offset;
    }
    addFlags(pinfo, offset + 4, g8(data, offset + 4, end), type === BPDU_TYPE_RST);
    addBridgeId(pinfo, data, offset + ROOT_ID, end, "Root Identifier", F["root.prio"], F["root.ext"], F["root.hw"]);
    tree.add(F["root.cost"], offset + ROOT_COST, 4, g32(data, offset + ROOT_COST, end));
    addBridgeId(pinfo, data, offset + BRIDGE_ID, end, "Bridge Identifier", F["bridge.prio"], F["bridge.ext"], F["bridge.hw"]);
    tree.add(F.port, offset + PORT_ID, 2, g16(data, offset + PORT_ID, end));
    const timers = [F.msg_age, F.max_age, F.hello, F.forward] as const;
    for (let i = 0; i < 4; i++) tree.add(timers[i]!, offset + MESSAGE_AGE + 2 * i, 2, g16(data, offset + MESSAGE_AGE + 2 * i, end) / 256);
    if (type === BPDU_TYPE_CONF) {
      if (pvst) dissectPvstTlvs(pinfo, data, offset, end);
      // set_actual_length(35): what follows belongs to the frame's padding.
      const used = pvst ? end - offset : 35;
      tree.close(Math.min(used, end - offset));
      return Math.min(used, end - offset);
    }
    const v1len = g8(data, offset + VERSION_1_LENGTH, end);
    tree.add(F.version_1_length, offset + VERSION_1_LENGTH, 1, v1len);
    let used = end - offset;
    if (version >= 3 && v1len === 0 && end - offset >= 102) used = dissectMstExtension(pinfo, data, offset, end, version);
    else if (pvst) dissectPvstTlvs(pinfo, data, offset, end);
    tree.close(used);
    return used;
  } catch (e) {
    if (!(e instanceof Truncated)) throw e;
    tree.close();
    markMalformed(pinfo, "STP", end, "BPDU cut short");
    return end - offset;
  }
}

export const stp = {
  name: "stp",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    return dissectBpdu(data, offset, end, pinfo, false);
  },
};

/** Cisco's PVST+ BPDUs: a BPDU followed by TLVs (the originating VLAN). */
export const stpPvst = {
  name: "stp",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    return dissectBpdu(data, offset, end, pinfo, true);
  },
};

registerLlcSap(SAP_BPDU, stp);
registerCiscoPid(CISCO_PID_RLQ_REQ, stp);
registerCiscoPid(CISCO_PID_RLQ_RESP, stp);
registerCiscoPid(CISCO_PID_VLAN_BRIDGE, stp);
registerCiscoPid(CISCO_PID_PVSTPP, stpPvst);
