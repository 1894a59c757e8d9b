/**
 * Cisco's Dynamic Trunking Protocol (SNAP OUI 00-00-0c, PID 0x2004), as
 * Wireshark 4.0's packet-dtp.c shows it:
 *
 *   +0 version (1)  +1 TLVs: type (2), length (2, counting the 4-byte header), value
 *   1 domain (VTP domain, NUL-terminated)  2 trunk status  3 trunk type  4 sender ID (MAC)
 *
 * Info is always "Dynamic Trunk Protocol". As in Wireshark, each TLV's summary
 * is appended to the protocol item's text, not the TLV's own.
 */
import { defineField, defineFields } from "../field";
import { bitsLabel, enterLayer, expert, reportedEnd, u16 } from "../common";
import { etherAt } from "../format";
import { formatText } from "../format-text";
import { asciiString } from "../bytes";
import type { PacketInfo } from "../packet-info";
import { registerCiscoPid } from "./llc/llc";

const TLV_DOMAIN = 1;
const TLV_TRUNK_STATUS = 2;
const TLV_TRUNK_TYPE = 3;
const TLV_SENDER_ID = 4;
const TLV_NAMES = { [TLV_DOMAIN]: "Domain", [TLV_TRUNK_STATUS]: "Trunk Status", [TLV_TRUNK_TYPE]: "Trunk Type", [TLV_SENDER_ID]: "Sender ID" };
const TOS_NAMES = { 0: "Access", 1: "Trunk" };
const TAS_NAMES = { 1: "On", 2: "Off", 3: "Desirable", 4: "Auto" };
const TOT_NAMES = { 1: "Native", 2: "ISL", 5: "802.1Q" };
const TAT_NAMES = { 0: "Negotiated", 1: "Native", 2: "ISL", 5: "802.1Q" };

export const dtpFields = defineFields("dtp", {
  "": { name: "Dynamic Trunk Protocol", type: "protocol" },
  version: { name: "Version", type: "uint8" },
  domain: { name: "Domain", type: "string" },
  tlv_type: { name: "Type", type: "uint16", base: "hex", vals: TLV_NAMES },
  tlv_len: { name: "Length", type: "uint16" },
  tos: { name: "Trunk Operating Status", type: "uint8", base: "hex", vals: TOS_NAMES, bitmask: 0x80, bitWidth: 8 },
  tas: { name: "Trunk Administrative Status", type: "uint8", base: "hex", vals: TAS_NAMES, bitmask: 0x07, bitWidth: 8 },
  tot: { name: "Trunk Operating Type", type: "uint8", base: "hex", vals: TOT_NAMES, bitmask: 0xe0, bitWidth: 8 },
  tat: { name: "Trunk Administrative Type", type: "uint8", base: "hex", vals: TAT_NAMES, bitmask: 0x07, bitWidth: 8 },
  senderid: { name: "Sender ID", type: "ether" },
  // Wireshark registers the catch-all value as FT_ETHER too.
  data: { name: "Data", type: "ether" },
});
const textField = defineField("_ws.text", { name: "Text item", type: "none" });

type Names = Record<number, string>;

/** A one-byte status or type TLV: "Value: Trunk/On (0x81)" over its two bit fields. */
function addPair(pinfo: PacketInfo, v: number, o: number, hi: typeof dtpFields.tos, lo: typeof dtpFields.tas, hiShift: number, hiNames: Names, loNames: Names, what: string): string {
  const tree = pinfo.tree;
  const hiValue = (v & hi.bitmask!) >> hiShift;
  const loValue = v & lo.bitmask!;
  const summary = `${hiNames[hiValue] ?? `Unknown operating ${what}`}/${loNames[loValue] ?? `Unknown administrative ${what}`} (0x${v.toString(16).padStart(2, "0")})`;
  tree.open(textField, o, 1, null, tree.detailed ? `Value: ${summary}` : undefined);
  tree.add(hi, o, 1, hiValue, 0, tree.detailed ? bitsLabel(v, hi.bitmask!, 8, `${hi.name}: ${hiNames[hiValue] ?? "Unknown"} (0x${hiValue.toString(16)})`) : undefined);
  tree.add(lo, o, 1, loValue, 0, tree.detailed ? bitsLabel(v, lo.bitmask!, 8, `${lo.name}: ${loNames[loValue] ?? "Unknown"} (0x${loValue.toString(16)})`) : undefined);
  tree.close();
  return ` (Operating/Administrative): ${summary}`;
}

/** One TLV's value; returns the text Wireshark appends to the protocol item, or "". */
function addValue(pinfo: PacketInfo, data: Uint8Array, type: number, o: number, len: number, lenAt: number): string {
  const tree = pinfo.tree;
  const invalid = (): string => {
    expert(pinfo, lenAt, 2, "error", "Indicated length does not correspond to this record type", "Malformed", "DTP");
    return "";
  };
  switch (type) {
    case TLV_DOMAIN:
      // A VTP domain name: at most 32 bytes and a NUL.
      if (len > 33) return invalid();
      tree.add(dtpFields.domain, o, len, asciiString(data, o, o + len));
      return `: ${formatText(data, o, o + len - 1)}`;
    case TLV_TRUNK_STATUS:
      if (len !== 1) return invalid();
      return addPair(pinfo, data[o]!, o, dtpFields.tos, dtpFields.tas, 7, TOS_NAMES, TAS_NAMES, "status");
    case TLV_TRUNK_TYPE:
      if (len !== 1) return invalid();
      return addPair(pinfo, data[o]!, o, dtpFields.tot, dtpFields.tat, 5, TOT_NAMES, TAT_NAMES, "type");
    case TLV_SENDER_ID:
      if (len !== 6) return invalid();
      tree.add(dtpFields.senderid, o, 6, data.subarray(o, o + 6));
      return `: ${etherAt(data, o)}`;
    default:
      tree.add(dtpFields.data, o, len, data.subarray(o, o + len));
      return "";
  }
}

export const dtp = {
  name: "dtp",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const tree = pinfo.tree;
    enterLayer(pinfo, "dtp");
    pinfo.protocol = "DTP";
    if (pinfo.wantColumns) pinfo.info = "Dynamic Trunk Protocol";
    tree.open(dtpFields[""], offset, end - offset);
    tree.add(dtpFields.version, offset, 1, data[offset]!);
    const repEnd = reportedEnd(data, end, pinfo);
    let protoText = "";
    let o = offset + 1;
    while (o < repEnd) {
      if (repEnd - o < 4 || o + 4 > end) {
        expert(pinfo, offset, 0, "error", "DTP message is truncated prematurely", "Malformed", "DTP");
        break;
      }
      const type = u16(data, o);
      const length = u16(data, o + 2);
      tree.open(textField, o, Math.min(length, end - o), null, tree.detailed ? TLV_NAMES[type as 1] ?? `Unknown TLV type: 0x${type.toString(16).padStart(2, "0")}` : undefined);
      tree.add(dtpFields.tlv_type, o, 2, type);
      tree.add(dtpFields.tlv_len, o + 2, 2, length);
      // The length counts the 4-byte header, and no known TLV has an empty value.
      if (length <= 4) {
        expert(pinfo, o + 2, 2, "error", "Indicated length is less than the minimum length", "Malformed", "DTP");
        tree.close();
        break;
      }
      const valueLen = length - 4;
      if (o + 4 + valueLen > end) {
        tree.close();
        expert(pinfo, offset, 0, "error", "DTP message is truncated prematurely", "Malformed", "DTP");
        break;
      }
      protoText += addValue(pinfo, data, type, o + 4, valueLen, o + 2);
      tree.close();
      o += length;
    }
    if (protoText && tree.detailed) tree.setLabel(`Dynamic Trunk Protocol${protoText}`);
    tree.close();
    return end - offset;
  },
};

registerCiscoPid(0x2004, dtp);
