/**
 * The TLVs Cisco appends to PVST+ and Rapid-PVST+ BPDUs, from offset 36
 * (packet-bpdu.c dissect_bpdu_pvst_tlv): type (2), length (2), value. Type 0
 * is the originating VLAN (PVID), 2 bytes, which every PVST+ BPDU must carry.
 */
import { expert, reportedEnd, u16 } from "../../common";
import type { PacketInfo } from "../../packet-info";
import { stpFields as F, textField } from "./fields";

const PVST_TLV_OFFSET = 36;
const TLV_ORIGVLAN = 0;

export function dissectPvstTlvs(pinfo: PacketInfo, data: Uint8Array, bpdu: number, end: number): void {
  const tree = pinfo.tree;
  // Lengths are checked against the reported length, as tvb_reported_length_remaining does.
  const repEnd = reportedEnd(data, end, pinfo);
  let o = bpdu + PVST_TLV_OFFSET;
  let origVlanSeen = false;
  if (repEnd - o < 4) expert(pinfo, bpdu, 0, "error", "TLV record is truncated prematurely", "Malformed", "STP");
  while (repEnd - o >= 4 && o + 4 <= end) {
    const type = u16(data, o);
    const length = u16(data, o + 2);
    const name = type === TLV_ORIGVLAN ? "Originating VLAN" : `Unknown TLV type: 0x${type.toString(16).padStart(4, "0")}`;
    const valueAt = o + 4;
    const complete = repEnd - valueAt >= length && valueAt + length <= end;
    const label = tree.detailed ? (type === TLV_ORIGVLAN && length === 2 && complete ? `${name} (PVID): ${u16(data, valueAt)}` : name) : undefined;
    tree.open(textField, o, Math.min(4 + length, end - o), null, label);
    tree.add(F["pvst.tlvtype"], o, 2, type);
    tree.add(F["pvst.tlvlen"], o + 2, 2, length);
    if (!complete) {
      expert(pinfo, o + 2, 2, "error", "TLV record is truncated prematurely", "Malformed", "STP");
      tree.close();
      break;
    }
    if (type === TLV_ORIGVLAN) {
      if (length === 2) {
        tree.add(F["pvst.origvlan"], valueAt, 2, u16(data, valueAt));
        origVlanSeen = true;
      } else expert(pinfo, o + 2, 2, "error", "Indicated length is not valid for this record type", "Malformed", "STP");
    } else {
      tree.add(F["pvst.tlvval"], valueAt, length, tree.wants(F["pvst.tlvval"]) ? data.subarray(valueAt, valueAt + length) : null);
      // Wireshark adds "TLV type is unknown" here at its Comment level, which our expert items do not have.
    }
    tree.close();
    o = valueAt + length;
  }
  if (!origVlanSeen) expert(pinfo, bpdu, 0, "error", "Originating (PVID) VLAN TLV is missing or corrupt", "Malformed", "STP");
}
