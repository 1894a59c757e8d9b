/**
 * Link types without a link-layer header (https://www.tcpdump.org/linktypes.html):
 * - LINKTYPE_RAW (101, and the historical DLT_RAW values 12 and 14): an IPv4
 *   or IPv6 packet, told apart by the version nibble (RFC 791 / RFC 8200).
 *   Wireshark shows a "raw" layer first (frame.protocols `raw:ip:...`) and
 *   also recognises some Linux PPP/ISDN leftovers in front of the packet.
 * - LINKTYPE_IPV4 (228) and LINKTYPE_IPV6 (229): the packet goes straight to
 *   the IPv4 / IPv6 dissector, with no layer of its own.
 * The IP dissectors are found under their EtherTypes 0x0800 / 0x86dd, called
 * directly (no `ethertype` layer, as Wireshark calls them by handle).
 */
import { defineFields } from "../field";
import { register, table } from "../dissector";
import { dissectData, enterLayer, markMalformed, u16 } from "../common";
import type { PacketInfo } from "../packet-info";
import { LinkType } from "../../capture/types";

export const rawFields = defineFields("raw", {
  "": { name: "Raw packet data", type: "protocol" },
});

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;

/** Calls the IP dissector registered under `etype`; the packet is data if there is none (yet). */
function callIp(etype: number, data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): void {
  if (table("ethertype").tryCall(etype, data, offset, end, pinfo) < 0) dissectData(data, offset, end, pinfo);
}

/** Ten zero bytes: what the Linux ISDN driver sends instead of a fake MAC + PPP header while the link is down. */
function tenZeros(data: Uint8Array, offset: number, end: number): boolean {
  if (end - offset < 10) return false;
  for (let i = 0; i < 10; i++) if (data[offset + i] !== 0) return false;
  return true;
}

export const rawIp = {
  name: "raw",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const tree = pinfo.tree;
    enterLayer(pinfo, "raw");
    // Columns until the network layer replaces them.
    pinfo.protocol = "N/A";
    pinfo.dlSrc = "N/A";
    pinfo.dlDst = "N/A";
    if (pinfo.wantColumns) pinfo.info = "Raw packet data";
    const avail = end - offset;
    tree.add(rawFields[""], offset, avail, null);
    // Wireshark's packet-raw.c reads bytes 0-1, 6-7 and 1-2 before looking at the version, so
    // anything shorter than 8 bytes is malformed there, IP or not.
    if (avail < 2) {
      markMalformed(pinfo, "raw", offset, "packet shorter than 2 bytes");
      return avail;
    }
    // FF 03: PPP in HDLC-like framing (RFC 1662) left by the Linux 2.1 PPP driver. No PPP dissector yet: data.
    if (u16(data, offset) === 0xff03) {
      dissectData(data, offset, end, pinfo);
      return avail;
    }
    if (avail < 8) {
      markMalformed(pinfo, "raw", offset + Math.min(avail, 6), "packet shorter than 8 bytes");
      return avail;
    }
    // A 6-byte fake MAC address, or a single byte, before an FF 03 PPP header (Linux ISDN ippp devices).
    if (u16(data, offset + 6) === 0xff03 || u16(data, offset + 1) === 0xff03) {
      dissectData(data, offset, end, pinfo);
      return avail;
    }
    if (tenZeros(data, offset, end)) {
      callIp(ETHERTYPE_IPV4, data, offset + 10, end, pinfo);
      return avail;
    }
    // IP version nibble: 4 (RFC 791 3.1) or 6 (RFC 8200 3).
    switch (data[offset]! & 0xf0) {
      case 0x40:
        callIp(ETHERTYPE_IPV4, data, offset, end, pinfo);
        break;
      case 0x60:
        callIp(ETHERTYPE_IPV6, data, offset, end, pinfo);
        break;
      default:
        dissectData(data, offset, end, pinfo);
    }
    return avail;
  },
};

/** LINKTYPE_IPV4 / LINKTYPE_IPV6: the IP dissector is the link layer. */
function direct(name: string, etype: number) {
  return {
    name,
    dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
      callIp(etype, data, offset, end, pinfo);
      return end - offset;
    },
  };
}

register("wtap_encap", [LinkType.RAW, LinkType.RAW_12, LinkType.RAW_14], rawIp);
register("wtap_encap", LinkType.IPV4, direct("ip", ETHERTYPE_IPV4));
register("wtap_encap", LinkType.IPV6, direct("ipv6", ETHERTYPE_IPV6));
