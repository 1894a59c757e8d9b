/**
 * Linux "cooked" captures (libpcap's pseudo link layer for `any` and for
 * devices without a usable header): LINKTYPE_LINUX_SLL (113) and
 * LINKTYPE_LINUX_SLL2 (276), https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL.html
 *
 *   v1 (16 bytes): +0 packet type (2) +2 ARPHRD_ type (2) +4 address length (2)
 *                  +6 address (8, zero-padded) +14 protocol (2)
 *   v2 (20 bytes): +0 protocol (2) +2 reserved (2) +4 interface index (4)
 *                  +8 ARPHRD_ type (2) +10 packet type (1) +11 address length (1)
 *                  +12 address (8, zero-padded)
 *
 * The protocol is an EtherType when above 1536, else a Linux ETH_P_* value
 * (the "sll.ltype" table). Only the sender's address is recorded, so only the
 * Source column comes from this layer (Wireshark's pinfo->dl_src).
 */
import { GRE_TYPE_NAMES } from "./gre/fields";
import { defineFields, vals, type FieldDef } from "../field";
import { register, table } from "../dissector";
import { dissectData, enterLayer, markMalformed, u16, u32 } from "../common";
import { ipv4ToString } from "../format";
import { etherNameAt } from "../mac-names";
import type { PacketInfo } from "../packet-info";
import { LinkType } from "../../capture/types";
import { ETHERTYPE_NAMES } from "./ethertype-names";
import { ARPHRD_NAMES } from "./arp";
import { dissectEthertype } from "./ethertype";
import { view } from "../common";

/** Linux PACKET_* values (linux/if_packet.h) for the packet type. */
const PKTTYPE_NAMES = vals({
  0: "Unicast to us",
  1: "Broadcast",
  2: "Multicast",
  3: "Unicast to another host",
  4: "Sent by us",
});

/** Linux ETH_P_* "protocols" that are not EtherTypes (linux/if_ether.h), as Wireshark names them. */
const LTYPE_NAMES = vals({
  0x0001: "Raw 802.3",
  0x0003: "Ethernet",
  0x0004: "802.2 LLC",
  0x0007: "PPP (HDLC)",
  0x000c: "CAN",
  0x000d: "CAN FD",
  0x0017: "IrDA LAP",
  0x00f5: "ISI",
  0x00f6: "IEEE 802.15.4",
});


export const sllFields = defineFields("sll", {
  "": { name: "Linux cooked-mode capture", type: "protocol" },
  pkttype: { name: "Packet type", type: "uint16", vals: PKTTYPE_NAMES },
  hatype: { name: "Link-layer address type", type: "uint16", vals: ARPHRD_NAMES },
  halen: { name: "Link-layer address length", type: "uint16" },
  "src.eth": { name: "Source", type: "ether" },
  "src.ipv4": { name: "Source", type: "ipv4" },
  "src.other": { name: "Source", type: "bytes" },
  unused: { name: "Unused", type: "bytes" },
  ltype: { name: "Protocol", type: "uint16", base: "hex", vals: LTYPE_NAMES },
  gretype: { name: "Protocol", type: "uint16", base: "hex", vals: GRE_TYPE_NAMES },
  etype: { name: "Protocol", type: "uint16", base: "hex", vals: ETHERTYPE_NAMES },
  trailer: { name: "Trailer", type: "bytes" },
  ifindex: { name: "Interface index", type: "uint32" },
});

/** Protocol values up to this are Linux ETH_P_* codes, not EtherTypes ("yes, 1536 - that's how Linux does it"). */
const MAX_LINUX_PROTOCOL = 1536;
/** The address field is 8 bytes whatever the address length says. */
const SLL_ADDRLEN = 8;
/** ARPHRD_IPGRE (linux/if_arp.h): the protocol is a GRE protocol type. */
const ARPHRD_IPGRE = 778;

function dissectSll(version: 1 | 2, data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
  const tree = pinfo.tree;
  enterLayer(pinfo, "sll");
  const avail = end - offset;
  const headerSize = version === 1 ? 16 : 20;
  // Wireshark reads the packet type first, as 16 bits in both versions (in v2 that takes in the address length too).
  const pkttypeAt = version === 1 ? 0 : 10;
  if (avail < pkttypeAt + 2) {
    markMalformed(pinfo, "sll", offset, "cooked header truncated");
    return avail;
  }
  const pkttype16 = u16(data, offset + pkttypeAt);
  const hatypeAt = version === 1 ? 2 : 8;
  if (avail < hatypeAt + 2) {
    markMalformed(pinfo, "sll", offset + hatypeAt, "cooked header truncated");
    return avail;
  }
  // ARPHRD_ type of the capturing device (linux/if_arp.h), e.g. 1 Ethernet, 772 loopback.
  const hatype = u16(data, offset + hatypeAt);
  pinfo.protocol = "SLL";
  if (pinfo.wantColumns) pinfo.info = PKTTYPE_NAMES.get(pkttype16) ?? `Unknown (${pkttype16})`;
  tree.open(sllFields[""], offset, Math.min(headerSize, avail), null, tree.detailed ? `Linux cooked capture v${version}` : undefined);

  let protocol: number;
  if (version === 1) {
    // Packet type (PACKET_HOST, PACKET_BROADCAST, ... linux/if_packet.h), 16 bits in v1.
    tree.add(sllFields.pkttype, offset, 2, pkttype16);
    tree.add(sllFields.hatype, offset + 2, 2, hatype);
    if (!addAddress(data, offset + 4, 2, end, pinfo)) return truncated(pinfo, offset + 4, avail);
    if (avail < 16) return truncated(pinfo, offset + 14, avail);
    protocol = u16(data, offset + 14);
    addProtocol(pinfo, offset + 14, protocol, hatype);
  } else {
    // Protocol first in v2: EtherType or ETH_P_* value, as in v1's last field.
    protocol = u16(data, offset);
    addProtocol(pinfo, offset, protocol, hatype);
    // Interface index of the capturing device (if_nametoindex), new in v2.
    tree.add(sllFields.ifindex, offset + 4, 4, u32(data, offset + 4));
    tree.add(sllFields.hatype, offset + 8, 2, hatype);
    // Packet type, 8 bits in v2.
    tree.add(sllFields.pkttype, offset + 10, 1, data[offset + 10]!);
    if (!addAddress(data, offset + 11, 1, end, pinfo)) return truncated(pinfo, offset + 11, avail);
  }
  tree.close();

  const payload = offset + headerSize;
  if (protocol <= MAX_LINUX_PROTOCOL) {
    // Linux protocol number: Ethernet frames (ETH_P_ALL-style 0x0003), 802.2 LLC, CAN... by the sll.ltype table.
    if (table("sll.ltype").tryCall(protocol, data, payload, end, pinfo) < 0) dissectData(data, payload, end, pinfo);
  } else if (hatype === ARPHRD_IPGRE) {
    // An IPv4 GRE device hands up the GRE payload: its protocol type is looked up directly (no EtherType layer).
    table("ethertype").tryCall(protocol, data, payload, end, pinfo);
  } else {
    dissectEthertype(protocol, data, payload, end, pinfo, sllFields.trailer, 0);
  }
  return avail;
}

/** The header ends early: close the layer and mark it (Wireshark's exception inside the SLL header). */
function truncated(pinfo: PacketInfo, at: number, avail: number): number {
  pinfo.tree.close();
  markMalformed(pinfo, "sll", at, "cooked header truncated");
  return avail;
}

/**
 * Address length, then the sender's link-layer address: 4 bytes is taken as
 * IPv4, 6 as Ethernet (they become the Source column), anything else as bytes;
 * the rest of the 8-byte field is "unused". False when the frame ends first.
 */
function addAddress(data: Uint8Array, lenAt: number, lenSize: number, end: number, pinfo: PacketInfo): boolean {
  const tree = pinfo.tree;
  if (lenAt + lenSize > end) return false;
  // Length of the sender address (sll_halen).
  const halen = lenSize === 2 ? u16(data, lenAt) : data[lenAt]!;
  tree.add(sllFields.halen, lenAt, lenSize, halen);
  const at = lenAt + lenSize;
  if (halen === 4 || halen === 6) {
    if (at + halen > end) return false;
    if (halen === 4) {
      const ip = u32(data, at);
      // Always: the packet index stores Source even when no Info is built.
      pinfo.dlSrc = ipv4ToString(ip);
      tree.add(sllFields["src.ipv4"], at, 4, ip);
    } else {
      // packet-sll.c sets an AT_ETHER dl_src: the column shows its name, as Ethernet's.
      pinfo.dlSrc = etherNameAt(data, at);
      tree.add(sllFields["src.eth"], at, 6, view(tree, sllFields["src.eth"], data, at, at + 6));
    }
  } else if (halen !== 0) {
    // Addresses longer than the 8-byte field are cut to it.
    const n = Math.min(halen, SLL_ADDRLEN);
    if (at + n > end) return false;
    tree.add(sllFields["src.other"], at, n, view(tree, sllFields["src.other"], data, at, at + n));
  }
  if (halen < SLL_ADDRLEN) {
    const unusedAt = at + halen;
    if (at + SLL_ADDRLEN > end) return false;
    tree.add(sllFields.unused, unusedAt, SLL_ADDRLEN - halen, view(tree, sllFields.unused, data, unusedAt, at + SLL_ADDRLEN));
  }
  return true;
}

/** The protocol field under the name Wireshark gives it: ltype (Linux), gretype (GRE device) or etype. */
function addProtocol(pinfo: PacketInfo, at: number, protocol: number, hatype: number): void {
  let f: FieldDef = sllFields.etype;
  if (protocol <= MAX_LINUX_PROTOCOL) f = sllFields.ltype;
  else if (hatype === ARPHRD_IPGRE) f = sllFields.gretype;
  pinfo.tree.add(f, at, 2, protocol);
}

export const sllV1 = {
  name: "sll",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    return dissectSll(1, data, offset, end, pinfo);
  },
};

export const sllV2 = {
  name: "sll",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    return dissectSll(2, data, offset, end, pinfo);
  },
};

register("wtap_encap", LinkType.LINUX_SLL, sllV1);
register("wtap_encap", LinkType.LINUX_SLL2, sllV2);
// LINUX_SLL_P_ETHERNET (0x0003): a whole Ethernet frame follows the cooked header.
register("sll.ltype", 0x0003, {
  name: "eth",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    return table("wtap_encap").tryCall(LinkType.ETHERNET, data, offset, end, pinfo);
  },
});
