/**
 * Ethernet II and IEEE 802.3 (LINKTYPE_ETHERNET = 1).
 *
 *   +0 destination MAC (6)  +6 source MAC (6)  +12 EtherType or 802.3 length (2)  +14 payload
 *
 * A type/length value ≤ 1500 is an 802.3 length (payload is LLC); ≥ 0x0600 is
 * an EtherType (IEEE 802.3 clause 3.2.6). Bytes after what the payload's
 * dissector consumed are padding (frames are padded to 60 bytes) or a trailer.
 */
import { defineFields, type FieldDef } from "../field";
import { register } from "../dissector";
import { bitsLabel, enterLayer, expert, markMalformed, u16 } from "../common";
import { etherNameAt, etherWithName, ouiLabel, ouiLongName } from "../mac-names";
import type { PacketInfo } from "../packet-info";
import { GENERATED, HIDDEN } from "../tree";
import { LinkType } from "../../capture/types";
import { ETHERTYPE_NAMES } from "./ethertype-names";
import { dissectEthertype } from "./ethertype";
import { dissect8023, IEEE_802_3_MAX_LEN, isRawIpx } from "./ieee8023";

const LG_BIT = { name: "LG bit", type: "boolean", bitmask: 0x020000, bitWidth: 24, tfs: ["Locally administered address (this is NOT the factory default)", "Globally unique address (factory default)"] } as const;
const IG_BIT = { name: "IG bit", type: "boolean", bitmask: 0x010000, bitWidth: 24, tfs: ["Group address (multicast/broadcast)", "Individual address (unicast)"] } as const;

export const ethFields = defineFields("eth", {
  "": { name: "Ethernet II", type: "protocol" },
  dst: { name: "Destination", type: "ether" },
  dst_resolved: { name: "Destination (resolved)", type: "string" },
  "dst.oui": { name: "Destination OUI", type: "uint24" },
  "dst.oui_resolved": { name: "Destination OUI (resolved)", type: "string" },
  "dst.lg": LG_BIT,
  "dst.ig": IG_BIT,
  src: { name: "Source", type: "ether" },
  src_resolved: { name: "Source (resolved)", type: "string" },
  "src.oui": { name: "Source OUI", type: "uint24" },
  "src.oui_resolved": { name: "Source OUI (resolved)", type: "string" },
  "src.lg": LG_BIT,
  "src.ig": IG_BIT,
  addr: { name: "Address", type: "ether" },
  addr_resolved: { name: "Address (resolved)", type: "string" },
  "addr.oui": { name: "Address OUI", type: "uint24" },
  "addr.oui_resolved": { name: "Address OUI (resolved)", type: "string" },
  lg: LG_BIT,
  ig: IG_BIT,
  type: { name: "Type", type: "uint16", base: "hex", vals: ETHERTYPE_NAMES },
  len: { name: "Length", type: "uint16" },
  padding: { name: "Padding", type: "bytes" },
  trailer: { name: "Trailer", type: "bytes" },
});

/** An address's generated name, OUI and vendor items (a function, not a closure: it runs twice per address of every frame). */
function addNames(tree: PacketInfo["tree"], o: number, name: string | null, oui: number, vendor: string | undefined, resolvedField: FieldDef, ouiF: FieldDef, vendorField: FieldDef): void {
  tree.add(resolvedField, o, 6, name, GENERATED | HIDDEN);
  tree.add(ouiF, o, 3, oui, GENERATED | HIDDEN, tree.detailed ? `${ouiF.name}: ${ouiLabel(oui)}` : undefined);
  if (vendor !== undefined) tree.add(vendorField, o, 6, vendor, GENERATED | HIDDEN);
}

/**
 * One address as packet-eth.c's dissect_address_data adds it: the address,
 * then hidden generated items with its name (get_ether_name: the address
 * itself with -n), its OUI and the OUI's vendor (only when the manuf table
 * has that exact OUI, whatever -n says), the same again as eth.addr*, then
 * the LG and IG bits (the eth.lg/eth.ig copies hidden).
 */
function addAddress(pinfo: PacketInfo, dir: "dst" | "src", data: Uint8Array, o: number): void {
  const tree = pinfo.tree;
  const F = ethFields;
  const f = dir === "dst" ? F.dst : F.src;
  const resolved = dir === "dst" ? F.dst_resolved : F.src_resolved;
  const ouiField = dir === "dst" ? F["dst.oui"] : F["src.oui"];
  const ouiResolved = dir === "dst" ? F["dst.oui_resolved"] : F["src.oui_resolved"];
  // Views, names and labels are made only when the tree records them.
  const mac = tree.wants(f) || tree.wants(F.addr) ? data.subarray(o, o + 6) : null;
  const name = tree.wants(resolved) || tree.wants(F.addr_resolved) ? etherNameAt(data, o) : null;
  const oui = (data[o]! << 16) | (data[o + 1]! << 8) | data[o + 2]!;
  const wantVendor = tree.detailed || tree.wants(ouiResolved) || tree.wants(F["addr.oui_resolved"]);
  const vendor = wantVendor ? ouiLongName(oui) : undefined;
  // Labels ("Destination: Broadcast (ff:ff:ff:ff:ff:ff)") come from the ether type's default label.
  tree.open(f, o, 6, mac);
  // IEEE 802.3 §3.2.3(b): a source address is never a group address.
  if (dir === "src" && data[o]! & 0x01) expert(pinfo, o, 6, "warn", "Source MAC must not be a group address: IEEE 802.3-2002, Section 3.2.3(b)", "Protocol", "Ethernet");
  addNames(tree, o, name, oui, vendor, resolved, ouiField, ouiResolved);
  tree.add(F.addr, o, 6, mac);
  addNames(tree, o, name, oui, vendor, F.addr_resolved, F["addr.oui"], F["addr.oui_resolved"]);
  const lg = (data[o]! & 0x02) !== 0;
  const ig = (data[o]! & 0x01) !== 0;
  const lgLabel = tree.detailed ? bitsLabel(oui, 0x020000, 24, `LG bit: ${LG_BIT.tfs[lg ? 0 : 1]}`) : undefined;
  const igLabel = tree.detailed ? bitsLabel(oui, 0x010000, 24, `IG bit: ${IG_BIT.tfs[ig ? 0 : 1]}`) : undefined;
  tree.add(dir === "dst" ? F["dst.lg"] : F["src.lg"], o, 3, lg, 0, lgLabel);
  tree.add(F.lg, o, 3, lg, HIDDEN, lgLabel);
  tree.add(dir === "dst" ? F["dst.ig"] : F["src.ig"], o, 3, ig, 0, igLabel);
  tree.add(F.ig, o, 3, ig, HIDDEN, igLabel);
  tree.close();
}

export const ethernet = {
  name: "eth",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const tree = pinfo.tree;
    enterLayer(pinfo, "eth");
    // packet-eth.c sets the Protocol column first: a payload that sets none leaves "Ethernet".
    pinfo.protocol = "Ethernet";
    if (end - offset < 14) {
      tree.open(ethFields[""], offset, end - offset);
      markMalformed(pinfo, "eth", offset, `frame is ${end - offset} bytes, shorter than an Ethernet header`);
      tree.close();
      return end - offset;
    }
    const typeOrLen = u16(data, offset + 12);
    // The Source/Destination columns when no network layer follows (ARP, STP, LLC…): names as tshark's.
    pinfo.dlDst = etherNameAt(data, offset);
    pinfo.dlSrc = etherNameAt(data, offset + 6);
    const label = tree.detailed ? `Ethernet II, Src: ${etherWithName(data, offset + 6)}, Dst: ${etherWithName(data, offset)}` : undefined;
    tree.open(ethFields[""], offset, 14, null, label);
    addAddress(pinfo, "dst", data, offset);
    addAddress(pinfo, "src", data, offset + 6);
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
