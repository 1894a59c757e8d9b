/**
 * IEEE 802.1Q VLAN tags (EtherType 0x8100, and 0x9100, the old non-standard
 * Q-in-Q type Wireshark also hands to its VLAN dissector) and IEEE 802.1ad
 * provider tags (0x88a8, Wireshark's "ieee8021ad" protocol).
 *
 *   +0 TCI (2): PCP (3 bits) | DEI (1 bit) | VID (12 bits)   +2 EtherType or 802.3 length (2)   +4 payload
 *
 * Tags stack: the inner EtherType is looked up in the "ethertype" table again,
 * so 0x8100 inside 0x8100 is simply a second VLAN layer (tshark:
 * `eth:ethertype:vlan:ethertype:vlan:ethertype:ip`), up to 20 tags.
 */
import { defineFields, vals, type FieldDef } from "../field";
import { register } from "../dissector";
import { bitPattern, enterLayer, expert, markMalformed, u16 } from "../common";
import type { PacketInfo } from "../packet-info";
import { ETHERTYPE_NAMES } from "./ethertype-names";
import { dissectEthertype } from "./ethertype";
import { dissect8023, IEEE_802_3_MAX_LEN } from "./ieee8023";

/** IEEE 802.1Q-2014 Table I-2 traffic types (Wireshark's default "802.1Q-2011, 8 priorities, 0 drop eligible"). */
const PRIORITY_NAMES = vals({
  0: "Best Effort (default)",
  1: "Background",
  2: "Excellent Effort",
  3: "Critical Applications",
  4: "Video, < 100ms latency and jitter",
  5: "Voice, < 10ms latency and jitter",
  6: "Internetwork Control",
  7: "Network Control",
});

export const vlanFields = defineFields("vlan", {
  "": { name: "802.1Q Virtual LAN", type: "protocol" },
  priority: { name: "Priority", type: "uint16", vals: PRIORITY_NAMES, bitmask: 0xe000, bitWidth: 16 },
  // tshark registers both; with its default "802.1Q-2011" preference only DEI is ever set.
  cfi: { name: "CFI", type: "boolean", bitmask: 0x1000, bitWidth: 16, tfs: ["Non-canonical", "Canonical"] },
  dei: { name: "DEI", type: "boolean", bitmask: 0x1000, bitWidth: 16, tfs: ["Eligible", "Ineligible"] },
  id: { name: "ID", type: "uint16", bitmask: 0x0fff, bitWidth: 16 },
  id_name: { name: "Name", type: "string" },
  etype: { name: "Type", type: "uint16", base: "hex", vals: ETHERTYPE_NAMES },
  len: { name: "Length", type: "uint16" },
  trailer: { name: "Trailer", type: "bytes" },
});

export const ieee8021adFields = defineFields("ieee8021ad", {
  "": { name: "IEEE 802.1ad", type: "protocol" },
  priority: { name: "Priority", type: "uint16", bitmask: 0xe000, bitWidth: 16 },
  dei: { name: "DEI", type: "uint16", bitmask: 0x1000, bitWidth: 16 },
  id: { name: "ID", type: "uint16", bitmask: 0x0fff, bitWidth: 16 },
  svid: { name: "ID", type: "uint16", bitmask: 0x0fff, bitWidth: 16 },
  cvid: { name: "ID", type: "uint16", bitmask: 0x0fff, bitWidth: 16 },
});

/** 802.1ad reuses two fields of Wireshark's 802.1ah dissector (packet-ieee8021ah.c). */
export const ieee8021ahFields = defineFields("ieee8021ah", {
  etype: { name: "Type", type: "uint16", base: "hex", vals: ETHERTYPE_NAMES },
  trailer: { name: "Trailer", type: "bytes" },
});

/** Wireshark stops after this many nested VLAN tags (packet-vlan.c VLAN_MAX_NESTED_TAGS). */
const VLAN_MAX_NESTED_TAGS = 20;

/** How many VLAN layers this packet has so far (Wireshark's p_get_proto_depth for proto_vlan). */
function vlanDepth(pinfo: PacketInfo): number {
  let n = 0;
  for (const l of pinfo.layers) if (l === "vlan") n++;
  return n;
}

export const vlan = {
  name: "vlan",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const tree = pinfo.tree;
    enterLayer(pinfo, "vlan");
    pinfo.protocol = "VLAN";
    if (pinfo.wantColumns) pinfo.info = "";
    if (end - offset < 2) {
      markMalformed(pinfo, "vlan", offset, "VLAN tag shorter than its 2-byte TCI");
      return end - offset;
    }
    // IEEE 802.1Q-2014 9.6: Tag Control Information = PCP (3 bits), DEI (1 bit), VID (12 bits).
    const tci = u16(data, offset);
    const pri = tci >> 13;
    const dei = (tci >> 12) & 1;
    const vid = tci & 0x0fff;
    if (pinfo.wantColumns) pinfo.info = `PRI: ${pri}  DEI: ${dei}  ID: ${vid}`;
    const detailed = tree.detailed;
    tree.open(
      vlanFields[""],
      offset,
      Math.min(4, end - offset),
      null,
      detailed ? `802.1Q Virtual LAN, PRI: ${pri}, DEI: ${dei}, ID: ${vid}` : undefined,
    );
    if (vlanDepth(pinfo) > VLAN_MAX_NESTED_TAGS) {
      // Wireshark gives up on the 21st nested tag: the layer is shown, its fields are not.
      expert(pinfo, offset, 4, "warn", "Too many nested VLAN tags", "Undecoded", "VLAN");
      tree.close();
      return end - offset;
    }
    // PCP: priority code point, IEEE 802.1Q-2014 6.9.3 / Table I-2 traffic types.
    tree.add(
      vlanFields.priority,
      offset,
      2,
      pri,
      0,
      detailed ? `${bitPattern(tci, 0xe000, 16)} = Priority: ${PRIORITY_NAMES.get(pri)} (${pri})` : undefined,
    );
    // DEI: drop eligible indicator (was CFI before 802.1Q-2011), IEEE 802.1Q-2014 6.9.3.
    tree.add(
      vlanFields.dei,
      offset,
      2,
      dei === 1,
      0,
      detailed ? `${bitPattern(tci, 0x1000, 16)} = DEI: ${dei ? "Eligible" : "Ineligible"}` : undefined,
    );
    // VID: VLAN identifier, IEEE 802.1Q-2014 9.6 (0 = priority tag only, 4095 reserved).
    tree.add(vlanFields.id, offset, 2, vid, 0, detailed ? `${bitPattern(tci, 0x0fff, 16)} = ID: ${vid}` : undefined);
    if (end - offset < 4) {
      tree.close();
      markMalformed(pinfo, "vlan", offset + 2, "VLAN tag has no EtherType/length");
      return end - offset;
    }
    // The tag is followed by the original frame's EtherType, or an 802.3 length (IEEE 802.1Q-2014 9.5).
    const typeOrLen = u16(data, offset + 2);
    if (typeOrLen <= IEEE_802_3_MAX_LEN) {
      dissect8023(typeOrLen, data, offset + 4, end, pinfo, vlanFields.len, vlanFields.trailer, "VLAN", 0);
      return end - offset;
    }
    tree.add(vlanFields.etype, offset + 2, 2, typeOrLen);
    tree.close();
    dissectEthertype(typeOrLen, data, offset + 4, end, pinfo, vlanFields.trailer, 0);
    return end - offset;
  },
};

/** EtherType of IEEE 802.1ad S-tags (IEEE 802.1Q-2014 Table 9-1). */
const ETHERTYPE_IEEE_802_1AD = 0x88a8;

/**
 * IEEE 802.1ad S-tag (packet-ieee8021ah.c dissect_ieee8021ad). An S-tag
 * followed directly by another 0x88a8 tag is shown as one S-VID/C-VID layer;
 * any other inner type (0x8100 included) goes back to the EtherType table.
 * 802.1ah I-tags (0x88e7) after the S-tag are not decoded and become data.
 */
export const ieee8021ad = {
  name: "ieee8021ad",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const tree = pinfo.tree;
    enterLayer(pinfo, "ieee8021ad");
    pinfo.protocol = "802.1ad";
    if (pinfo.wantColumns) pinfo.info = "";
    if (end - offset < 2) {
      markMalformed(pinfo, "ieee8021ad", offset, "S-tag shorter than its 2-byte TCI");
      return end - offset;
    }
    // IEEE 802.1Q-2014 9.6: the S-tag TCI has the C-tag layout (PCP, DEI, VID).
    const tci = u16(data, offset);
    if (pinfo.wantColumns) pinfo.info = `PRI: ${tci >> 13}  DROP: ${(tci >> 12) & 1} ID: ${tci & 0x0fff}`;
    const detailed = tree.detailed;
    tree.open(ieee8021adFields[""], offset, Math.min(4, end - offset));
    if (end - offset < 4) {
      tree.close();
      markMalformed(pinfo, "ieee8021ad", offset + 2, "S-tag has no EtherType");
      return end - offset;
    }
    const encap = u16(data, offset + 2);
    if (encap === ETHERTYPE_IEEE_802_1AD) {
      // Two stacked 802.1ad tags: S-VID then C-VID in one layer (Wireshark's Q-in-Q display).
      if (end - offset < 6) {
        tree.close();
        markMalformed(pinfo, "ieee8021ad", offset + 4, "second tag truncated");
        return end - offset;
      }
      const ctci = u16(data, offset + 4);
      addTci(pinfo, tci, offset, ieee8021adFields.svid);
      addTci(pinfo, ctci, offset + 4, ieee8021adFields.cvid);
      if (detailed) tree.setLabel(`IEEE 802.1ad, S-VID: ${tci & 0x0fff}, C-VID: ${ctci & 0x0fff}`);
      if (end - offset < 8) {
        tree.close();
        markMalformed(pinfo, "ieee8021ad", offset + 6, "tag has no EtherType");
        return end - offset;
      }
      const etype = u16(data, offset + 6);
      tree.add(ieee8021ahFields.etype, offset + 6, 2, etype);
      tree.close();
      dissectEthertype(etype, data, offset + 8, end, pinfo, ieee8021ahFields.trailer, 0);
      return end - offset;
    }
    addTci(pinfo, tci, offset, ieee8021adFields.id);
    if (detailed) tree.setLabel(`IEEE 802.1ad, ID: ${tci & 0x0fff}`);
    tree.add(ieee8021ahFields.etype, offset + 2, 2, encap);
    tree.close();
    dissectEthertype(encap, data, offset + 4, end, pinfo, ieee8021ahFields.trailer, 0);
    return end - offset;
  },
};

/** PCP, DEI and VID of one 802.1ad tag (Wireshark shows the two bit fields over the first byte only). */
function addTci(pinfo: PacketInfo, tci: number, o: number, idField: FieldDef): void {
  const tree = pinfo.tree;
  const detailed = tree.detailed;
  tree.add(ieee8021adFields.priority, o, 1, tci >> 13, 0, detailed ? `${bitPattern(tci, 0xe000, 16)} = Priority: ${tci >> 13}` : undefined);
  tree.add(
    ieee8021adFields.dei,
    o,
    1,
    (tci >> 12) & 1,
    0,
    detailed ? `${bitPattern(tci, 0x1000, 16)} = DEI: ${(tci >> 12) & 1}` : undefined,
  );
  tree.add(idField, o, 2, tci & 0x0fff, 0, detailed ? `${bitPattern(tci, 0x0fff, 16)} = ID: ${tci & 0x0fff}` : undefined);
}

// 0x8100: IEEE 802.1Q C-tag; 0x9100: pre-standard Q-in-Q, Wireshark's default "qinq_ethertype" preference.
register("ethertype", [0x8100, 0x9100], vlan);
// 0x88a8: IEEE 802.1ad S-tag.
register("ethertype", ETHERTYPE_IEEE_802_1AD, ieee8021ad);
