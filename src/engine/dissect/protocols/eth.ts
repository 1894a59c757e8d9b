/**
 * Ethernet II and IEEE 802.3 (LINKTYPE_ETHERNET = 1).
 *
 *   +0 destination MAC (6)  +6 source MAC (6)  +12 EtherType or 802.3 length (2)  +14 payload
 *
 * A type/length value ≤ 1500 is an 802.3 length (payload is LLC); ≥ 0x0600 is
 * an EtherType (IEEE 802.3 clause 3.2.6). Bytes after what the payload's
 * dissector consumed are padding (frames are padded to 60 bytes) or a trailer.
 */
import { defineFields } from "../field";
import { register } from "../dissector";
import { enterLayer, expert, markMalformed, u16 } from "../common";
import { etherAt } from "../format";
import type { PacketInfo } from "../packet-info";
import { HIDDEN } from "../tree";
import { LinkType } from "../../capture/types";
import { ETHERTYPE_NAMES } from "./ethertype-names";
import { dissectEthertype } from "./ethertype";
import { dissect8023, IEEE_802_3_MAX_LEN, isRawIpx } from "./ieee8023";

export const ethFields = defineFields("eth", {
  "": { name: "Ethernet II", type: "protocol" },
  dst: { name: "Destination", type: "ether" },
  src: { name: "Source", type: "ether" },
  addr: { name: "Address", type: "ether" },
  lg: { name: "LG bit", type: "boolean", bitmask: 0x020000, bitWidth: 24, tfs: ["Locally administered address (this is NOT the factory default)", "Globally unique address (factory default)"] },
  ig: { name: "IG bit", type: "boolean", bitmask: 0x010000, bitWidth: 24, tfs: ["Group address (multicast/broadcast)", "Individual address (unicast)"] },
  type: { name: "Type", type: "uint16", base: "hex", vals: ETHERTYPE_NAMES },
  len: { name: "Length", type: "uint16" },
  padding: { name: "Padding", type: "bytes" },
  trailer: { name: "Trailer", type: "bytes" },
});

function addAddress(pinfo: PacketInfo, f: typeof ethFields.dst, data: Uint8Array, o: number): void {
  const tree = pinfo.tree;
  // The view is made only when the tree records the address.
  const mac = tree.wants(f) || tree.wants(ethFields.addr) ? data.subarray(o, o + 6) : null;
  tree.open(f, o, 6, mac);
  // IEEE 802.3 §3.2.3(b): a source address is never a group address.
  if (f === ethFields.src && data[o]! & 0x01) expert(pinfo, o, 6, "warn", "Source MAC must not be a group address: IEEE 802.3-2002, Section 3.2.3(b)", "Protocol", "Ethernet");
  tree.add(ethFields.addr, o, 6, mac, HIDDEN);
  tree.add(ethFields.lg, o, 3, (data[o]! & 0x02) !== 0);
  tree.add(ethFields.ig, o, 3, (data[o]! & 0x01) !== 0);
  tree.close();
}

export const ethernet = {
  name: "eth",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const tree = pinfo.tree;
    enterLayer(pinfo, "eth");
    if (end - offset < 14) {
      tree.open(ethFields[""], offset, end - offset);
      markMalformed(pinfo, "eth", offset, `frame is ${end - offset} bytes, shorter than an Ethernet header`);
      tree.close();
      return end - offset;
    }
    const typeOrLen = u16(data, offset + 12);
    pinfo.dlDst = etherAt(data, offset);
    pinfo.dlSrc = etherAt(data, offset + 6);
    const label = tree.detailed ? `Ethernet II, Src: ${pinfo.dlSrc}, Dst: ${pinfo.dlDst}` : undefined;
    tree.open(ethFields[""], offset, 14, null, label);
    addAddress(pinfo, ethFields.dst, data, offset);
    addAddress(pinfo, ethFields.src, data, offset + 6);
    // packet-eth.c: type 0 (ETHERTYPE_UNK) is taken as an Ethernet II type, not an 802.3 length.
    if (typeOrLen <= IEEE_802_3_MAX_LEN && typeOrLen !== 0) {
      // IEEE 802.3: LLC, or raw IPX. Wireshark's Info before the payload's dissector replaces it.
      if (pinfo.wantColumns) pinfo.info = isRawIpx(data, offset + 14, end) ? "IEEE 802.3 Ethernet Raw " : "IEEE 802.3 Ethernet ";
      dissect8023(typeOrLen, data, offset + 14, end, pinfo, ethFields.len, ethFields.trailer, "Ethernet", -1);
      return end - offset;
    }
    tree.add(ethFields.type, offset + 12, 2, typeOrLen);
    tree.close();
    // Wireshark's Info before the payload's dissector replaces it.
    if (pinfo.wantColumns) pinfo.info = "Ethernet II";
    // Captures rarely say whether the FCS is present: -1 lets the trailer logic guess.
    dissectEthertype(typeOrLen, data, offset + 14, end, pinfo, ethFields.trailer, -1);
    return end - offset;
  },
};

register("wtap_encap", LinkType.ETHERNET, ethernet);
