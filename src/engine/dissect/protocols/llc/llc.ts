/**
 * IEEE 802.2 Logical Link Control and the SNAP header (IEEE 802-2014 §10.3,
 * RFC 1042), as Wireshark 4.0's packet-llc.c and xdlc.c show them:
 *
 *   +0 DSAP (1)  +1 SSAP (1)  +2 control (1, or 2 for I and S frames: LLC type 2 uses extended operation)
 *   SNAP (DSAP = SSAP = 0xaa): +3 OUI (3)  +6 protocol ID (2)  +8 payload
 *
 * The payload goes to the dissector registered for the DSAP (only for I and UI
 * frames), or for SNAP to the one registered for (OUI, PID): OUI 00-00-00 and
 * 00-00-f8 carry an EtherType (called straight from the "ethertype" table,
 * with no "ethertype" layer, as dissect_snap does), Cisco's 00-00-0c has its
 * own PIDs (PVST+, CDP, DTP...). Anything else is data.
 */
import { register, table, type Dissector } from "../../dissector";
import { bitsLabel, dissectData, enterLayer, markMalformed, u16, u24 } from "../../common";
import type { PacketInfo } from "../../packet-info";
import { ETHERTYPE_NAMES } from "../ethertype-names";
import {
  llcFields,
  OUI_APPLE_ATALK,
  OUI_CISCO,
  OUI_CISCO_90,
  OUI_ENCAP_ETHER,
  OUI_NAMES,
  S_FTYPE_SHORT,
  SAP_NAMES,
  SAP_SNAP,
  U_MODIFIER_SHORT_CMD,
  U_MODIFIER_SHORT_RESP,
} from "./fields";

const bySap = new Map<number, Dissector>();
const byCiscoPid = new Map<number, Dissector>();
const ETHERTYPE_TABLE = table("ethertype");
/** AppleTalk DDP and AARP: the PIDs under Apple's OUI that Wireshark dissects. */
const APPLE_ATALK_PIDS = new Set([0x809b, 0x80f3]);

/** Registers a dissector for a DSAP (Wireshark's "llc.dsap" table). */
export function registerLlcSap(sap: number, d: Dissector): void {
  bySap.set(sap, d);
}

/** Registers a dissector for a PID under Cisco's OUI 00-00-0c (Wireshark's "llc.cisco_pid" table). */
export function registerCiscoPid(pid: number, d: Dissector): void {
  byCiscoPid.set(pid, d);
}

/** I and UI frames carry data for the layer above (XDLC_IS_INFORMATION). */
function isInformation(control: number): boolean {
  return (control & 0x01) === 0 || control === 0x03;
}

/**
 * The control field's items and the Info text xdlc.c writes for it ("U, func=UI",
 * "I, N(R)=1, N(S)=2", "S F, func=RR, N(R)=5"). Returns the control value and its length.
 */
function addControl(pinfo: PacketInfo, data: Uint8Array, o: number, isResponse: boolean): [number, number] {
  const tree = pinfo.tree;
  const detailed = tree.detailed;
  const first = data[o]!;
  const pfText = isResponse ? " F" : " P";
  if ((first & 0x03) === 0x03) {
    // Unnumbered: one byte even in extended operation.
    const control = first;
    const modifier = control & 0xec;
    const name = (isResponse ? U_MODIFIER_SHORT_RESP : U_MODIFIER_SHORT_CMD).get(modifier) ?? "Unknown";
    const info = `U${control & 0x10 ? pfText : ""}, func=${name}`;
    if (pinfo.wantColumns) pinfo.info = info;
    tree.open(llcFields.control, o, 1, control, detailed ? `Control field: ${info} (0x${hex2(control)})` : undefined);
    if (control & 0x10) tree.add(isResponse ? llcFields["control.f"] : llcFields["control.p"], o, 1, true);
    const modField = isResponse ? llcFields["control.u_modifier_resp"] : llcFields["control.u_modifier_cmd"];
    const modValue = modifier >> 2;
    tree.add(modField, o, 1, modValue, 0, detailed ? bitsLabel(control, 0xec, 8, `${modField.name}: ${modField.vals!.get(modValue) ?? "Unknown"} (0x${hex2(modValue)})`) : undefined);
    tree.add(llcFields["control.ftype"], o, 1, 3, 0, detailed ? bitsLabel(control, 0x03, 8, "Frame type: Unnumbered frame (0x3)") : undefined);
    tree.close();
    return [control, 1];
  }
  // I and S frames: two bytes, little-endian (extended operation); the caller checked both are there.
  const control = data[o]! | (data[o + 1]! << 8);
  const pf = (control & 0x0100) !== 0;
  const nr = control >> 9;
  let info: string;
  if ((first & 0x01) === 0) info = `I${pf ? " P" : ""}, N(R)=${nr}, N(S)=${(control & 0xfe) >> 1}`;
  else info = `S${pf ? pfText : ""}, func=${S_FTYPE_SHORT[(control & 0x0c) >> 2]}, N(R)=${nr}`;
  if (pinfo.wantColumns) pinfo.info = info;
  tree.open(llcFields.control, o, 2, control, detailed ? `Control field: ${info} (0x${control.toString(16).toUpperCase().padStart(4, "0")})` : undefined);
  tree.add(llcFields["control.n_r"], o, 2, nr);
  if ((first & 0x01) === 0) tree.add(llcFields["control.n_s"], o, 2, (control & 0xfe) >> 1);
  if (pf) tree.add(isResponse && (first & 0x01) !== 0 ? llcFields["control.f"] : llcFields["control.p"], o, 2, true);
  if ((first & 0x01) !== 0) tree.add(llcFields["control.s_ftype"], o, 2, (control & 0x0c) >> 2);
  tree.add(llcFields["control.ftype"], o, 2, first & 0x01 ? 1 : 0);
  tree.close();
  return [control, 2];
}

function hex2(v: number): string {
  return v.toString(16).toUpperCase().padStart(2, "0");
}

function addSap(pinfo: PacketInfo, data: Uint8Array, o: number, isDsap: boolean): void {
  const tree = pinfo.tree;
  const sap = data[o]!;
  const f = isDsap ? llcFields.dsap : llcFields.ssap;
  const name = SAP_NAMES.get(sap) ?? "Unknown";
  tree.open(f, o, 1, sap, tree.detailed ? `${f.name}: ${name} (0x${sap.toString(16).padStart(2, "0")})` : undefined);
  const sapField = isDsap ? llcFields["dsap.sap"] : llcFields["ssap.sap"];
  tree.add(sapField, o, 1, sap >> 1, 0, tree.detailed ? bitsLabel(sap, 0xfe, 8, `SAP: ${SAP_NAMES.get(sap & 0xfe) ?? "Unknown"}`) : undefined);
  tree.add(isDsap ? llcFields["dsap.ig"] : llcFields["ssap.cr"], o, 1, (sap & 1) !== 0);
  tree.close();
}

/** Calls `d`, falling back to data when it is absent or turns the bytes down. */
function callOrData(d: Dissector | undefined, data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): void {
  if (offset >= end) return;
  if (d && d.dissect(data, offset, end, pinfo) > 0) return;
  dissectData(data, offset, end, pinfo);
}

/** The SNAP header after an LLC header (packet-llc.c dissect_snap), and the hand-off of its payload. */
function dissectSnap(data: Uint8Array, o: number, end: number, pinfo: PacketInfo, control: number): void {
  const tree = pinfo.tree;
  const oui = u24(data, o);
  const pid = u16(data, o + 3);
  tree.add(llcFields.oui, o, 3, oui, 0, tree.detailed ? `Organization Code: ${ouiText(data, o)} (${OUI_NAMES.get(oui) ?? "Unknown"})` : undefined);
  if (pinfo.wantColumns) {
    const ouiHex = oui.toString(16).toUpperCase().padStart(6, "0");
    const pidHex = pid.toString(16).toUpperCase().padStart(4, "0");
    pinfo.appendInfo(`; SNAP, OUI 0x${ouiHex} (${OUI_NAMES.get(oui) ?? "Unknown"}), PID 0x${pidHex}`);
  }
  const info = isInformation(control);
  const payload = o + 5;
  if (oui === OUI_ENCAP_ETHER || oui === OUI_CISCO_90) {
    if (!info) {
      tree.close();
      dissectData(data, payload, end, pinfo);
      return;
    }
    tree.add(llcFields.type, o + 3, 2, pid, 0, tree.detailed ? `Type: ${ETHERTYPE_NAMES.get(pid) ?? "Unknown"} (0x${pid.toString(16).padStart(4, "0")})` : undefined);
    tree.close();
    callOrData(ETHERTYPE_TABLE.get(pid), data, payload, end, pinfo);
    return;
  }
  if (oui === OUI_CISCO) {
    tree.add(llcFields.cisco_pid, o + 3, 2, pid);
    tree.close();
    if (info) callOrData(byCiscoPid.get(pid), data, payload, end, pinfo);
    else dissectData(data, payload, end, pinfo);
    return;
  }
  if (oui === OUI_APPLE_ATALK) {
    // Wireshark's "llc.apple_atalk_pid" table holds DDP and AARP, whose PIDs are their EtherTypes (packet-atalk.c,
    // packet-aarp.c): the dissectors registered for those EtherTypes take them.
    tree.add(llcFields.apple_atalk_pid, o + 3, 2, pid);
    tree.close();
    const d = info && APPLE_ATALK_PIDS.has(pid) ? ETHERTYPE_TABLE.get(pid) : undefined;
    callOrData(d, data, payload, end, pinfo);
    return;
  }
  tree.add(llcFields.pid, o + 3, 2, pid);
  tree.close();
  dissectData(data, payload, end, pinfo);
}

function ouiText(data: Uint8Array, o: number): string {
  return `${hexByte(data[o]!)}:${hexByte(data[o + 1]!)}:${hexByte(data[o + 2]!)}`;
}
function hexByte(b: number): string {
  return b.toString(16).padStart(2, "0");
}

export const llc: Dissector = {
  name: "llc",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const tree = pinfo.tree;
    enterLayer(pinfo, "llc");
    pinfo.protocol = "LLC";
    if (pinfo.wantColumns) pinfo.info = "";
    const avail = end - offset;
    const dsap = data[offset]!;
    const ssap = avail >= 2 ? data[offset + 1]! : 0;
    const isSnap = dsap === SAP_SNAP && ssap === SAP_SNAP;
    tree.open(llcFields[""], offset, Math.min(avail, 3 + (isSnap ? 5 : 0)));
    if (avail < 3) {
      if (avail >= 1) addSap(pinfo, data, offset, true);
      if (avail >= 2) addSap(pinfo, data, offset + 1, false);
      tree.close();
      markMalformed(pinfo, "LLC", offset + avail, "header cut short");
      return avail;
    }
    addSap(pinfo, data, offset, true);
    addSap(pinfo, data, offset + 1, false);
    if ((data[offset + 2]! & 0x03) !== 0x03 && avail < 4) {
      tree.close();
      markMalformed(pinfo, "LLC", end, "control field cut short");
      return avail;
    }
    const [control, controlLen] = addControl(pinfo, data, offset + 2, (ssap & 1) !== 0);
    const headerEnd = offset + 2 + controlLen;
    if (isSnap) {
      if (headerEnd + 5 > end) {
        tree.close();
        markMalformed(pinfo, "LLC", end, "SNAP header cut short");
        return avail;
      }
      dissectSnap(data, headerEnd, end, pinfo, control);
      return avail;
    }
    tree.close();
    if (pinfo.wantColumns) {
      const d = `${SAP_NAMES.get(dsap & 0xfe) ?? `0x${hexByte(dsap & 0xfe)}`} ${dsap & 1 ? "Group" : "Individual"}`;
      const s = `${SAP_NAMES.get(ssap & 0xfe) ?? `0x${hexByte(ssap & 0xfe)}`} ${ssap & 1 ? "Response" : "Command"}`;
      pinfo.appendInfo(`; DSAP ${d}, SSAP ${s}`);
    }
    // Only I and UI frames go to the SAP's dissector; XID, TEST and the rest are data here.
    if (isInformation(control)) callOrData(bySap.get(dsap), data, headerEnd, end, pinfo);
    else if (headerEnd < end) dissectData(data, headerEnd, end, pinfo);
    return avail;
  },
};

/** Linux cooked captures mark an 802.2 frame with protocol ETH_P_802_2 (packet-llc.c registers on sll.ltype too). */
const LINUX_SLL_P_802_2 = 0x0004;
register("sll.ltype", LINUX_SLL_P_802_2, llc);
