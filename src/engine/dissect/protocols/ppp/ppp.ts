/**
 * PPP frames as GRE carries them for PPTP (RFC 2637 §4: enhanced GRE,
 * protocol type 0x880b), dissected as Wireshark 4.0's packet-ppp.c does
 * (dissect_ppp_hdlc_common, no FCS):
 *
 *   [+0 address 0xff, +1 control 0x03: absent when compressed (RFC 1661 §6.6)]
 *   protocol (2, or 1 when its low bit is set: protocol field compression) then the payload
 *
 * IPv4 and IPv6 go to their dissectors; LCP, IPCP, IPv6CP and CCP to
 * control.ts; compressed datagrams (MPPE/MPPC, 0x00fd) are "PPP Comp";
 * anything else is data under Protocol "0x%04x".
 */
import { table } from "../../dissector";
import { dissectData, enterLayer, markMalformed } from "../../common";
import type { PacketInfo } from "../../packet-info";
import { registerGreType } from "../gre/payload";
import { CCP, dissectControl, IPCP, IPV6CP, LCP } from "./control";
import { compDataField, PPP_CCP, PPP_COMP, PPP_IP, PPP_IPCP, PPP_IPV6, PPP_IPV6CP, PPP_LCP, PPP_PROTOCOL_NAMES, pppFields } from "./fields";

const GRE_TYPE_PPP = 0x880b;
const ETHERTYPE_TABLE = table("ethertype");
const CONTROL = new Map([
  [PPP_LCP, LCP],
  [PPP_IPCP, IPCP],
  [PPP_IPV6CP, IPV6CP],
  [PPP_CCP, CCP],
]);

/** The payload of protocol `prot`: returns false when nothing dissects it. */
function dissectPayload(prot: number, data: Uint8Array, o: number, end: number, pinfo: PacketInfo): boolean {
  const control = CONTROL.get(prot);
  if (control) {
    dissectControl(control, data, o, end, pinfo);
    return true;
  }
  if (prot === PPP_IP || prot === PPP_IPV6) {
    const d = ETHERTYPE_TABLE.get(prot === PPP_IP ? 0x0800 : 0x86dd);
    return d !== undefined && d.dissect(data, o, end, pinfo) > 0;
  }
  if (prot === PPP_COMP) {
    enterLayer(pinfo, "comp_data");
    pinfo.protocol = "PPP Comp";
    if (pinfo.wantColumns) pinfo.info = "Compressed data";
    pinfo.tree.add(compDataField, o, end - o, null);
    return true;
  }
  return false;
}

export const ppp = {
  name: "ppp",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const tree = pinfo.tree;
    enterLayer(pinfo, "ppp");
    const hdlc = data[offset] === 0xff;
    let o = offset + (hdlc ? 2 : 0);
    if (o >= end) {
      tree.open(pppFields[""], offset, end - offset);
      tree.close();
      markMalformed(pinfo, "PPP", end, "no protocol field");
      return end - offset;
    }
    const compressed = (data[o]! & 0x01) !== 0;
    if (!compressed && o + 2 > end) {
      tree.open(pppFields[""], offset, end - offset);
      tree.close();
      markMalformed(pinfo, "PPP", end, "protocol field cut short");
      return end - offset;
    }
    const prot = compressed ? data[o]! : (data[o]! << 8) | data[o + 1]!;
    const protLen = compressed ? 1 : 2;
    tree.open(pppFields[""], offset, o + protLen - offset);
    if (hdlc) {
      tree.add(pppFields.address, offset, 1, data[offset]!);
      tree.add(pppFields.control, offset + 1, 1, data[offset + 1]!);
    }
    tree.add(pppFields.protocol, o, protLen, prot);
    tree.close();
    o += protLen;
    if (!dissectPayload(prot, data, o, end, pinfo)) {
      pinfo.protocol = `0x${prot.toString(16).padStart(4, "0")}`;
      if (pinfo.wantColumns) pinfo.info = `PPP ${PPP_PROTOCOL_NAMES.get(prot) ?? "Unknown"} (0x${prot.toString(16).padStart(4, "0")})`;
      dissectData(data, o, end, pinfo);
    }
    return end - offset;
  },
};

registerGreType(GRE_TYPE_PPP, ppp);
