/**
 * BSD loopback encapsulations (https://www.tcpdump.org/linktypes.html):
 * LINKTYPE_NULL (0), a 4-byte address family in the *capturing host's* byte
 * order, and LINKTYPE_LOOP (108), the same in network byte order (OpenBSD).
 *
 *   +0 family (4): AF_INET = 2; AF_INET6 = 24 (NetBSD/OpenBSD), 28 (FreeBSD),
 *                  30 (macOS/Darwin)   +4 the IP packet
 *
 * The host byte order is not recorded, so for LINKTYPE_NULL the order is
 * guessed as Wireshark's packet-null.c does: AF_ values are small, so the
 * non-zero byte tells where they sit. Old IRIX snoop headers (2-byte family
 * then 2 zero bytes) and old Linux ones (two zero bytes then an EtherType)
 * are recognised too; a value above 1500 is an EtherType ("null.type").
 */
import { defineFields, vals } from "../field";
import { register, table } from "../dissector";
import { dissectData, enterLayer, markMalformed, u16, u32, u32le } from "../common";
import type { PacketInfo } from "../packet-info";
import { LinkType } from "../../capture/types";
import { ETHERTYPE_NAMES } from "./ethertype-names";

/** BSD AF_ values Wireshark names (epan/aftypes.h BSD_AF_*). */
const FAMILY_NAMES = vals({
  2: "IP",
  7: "OSI",
  16: "Appletalk",
  23: "Netware IPX/SPX",
  24: "IPv6",
  28: "IPv6",
  30: "IPv6",
});

export const nullFields = defineFields("null", {
  "": { name: "Null/Loopback", type: "protocol" },
  type: { name: "Type", type: "uint16", base: "hex", vals: ETHERTYPE_NAMES },
  family: { name: "Family", type: "uint32", vals: FAMILY_NAMES },
});

/** Values up to this are AF_ families, above it EtherTypes (IEEE 802.3 clause 3.2.6 length/type split). */
const IEEE_802_3_MAX_LEN = 1500;

/** The "null.type" table: BSD address families Wireshark decodes, mapped to the dissector's EtherType. */
function familyEthertype(family: number): number {
  switch (family) {
    case 2: // BSD_AF_INET
      return 0x0800;
    case 24: // BSD_AF_INET6_BSD (NetBSD, OpenBSD, BSD/OS)
    case 28: // BSD_AF_INET6_FREEBSD
    case 30: // BSD_AF_INET6_DARWIN
      return 0x86dd;
    default:
      return -1;
  }
}

/** Columns until a network layer replaces them: Wireshark fills Source/Destination/Protocol with "N/A". */
function setColumns(pinfo: PacketInfo): void {
  pinfo.protocol = "N/A";
  pinfo.dlSrc = "N/A";
  pinfo.dlDst = "N/A";
  if (pinfo.wantColumns) pinfo.info = "Null/Loopback";
}

/** The packet after the 4-byte header, by family; `data` when no dissector takes it. */
function dissectFamily(family: number, data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): void {
  const etype = familyEthertype(family);
  const used = etype < 0 ? -1 : table("ethertype").tryCall(etype, data, offset, end, pinfo);
  if (used < 0) dissectData(data, offset, end, pinfo);
}

export const nullLoopback = {
  name: "null",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const tree = pinfo.tree;
    enterLayer(pinfo, "null");
    const avail = end - offset;
    if (avail < 2) {
      markMalformed(pinfo, "null", offset, "loopback header truncated");
      return avail;
    }
    // FF 03 is PPP in HDLC-like framing (RFC 1662 address and control), seen from a FreeBSD ISDN driver.
    // There is no PPP dissector yet: the frame is data.
    if (u16(data, offset) === 0xff03) {
      dissectData(data, offset, end, pinfo);
      return avail;
    }
    setColumns(pinfo);
    if (avail < 4) {
      markMalformed(pinfo, "null", offset, "loopback header truncated");
      return avail;
    }
    // Family, read as a little-endian host would (Wireshark reads it in its own byte order, and runs on
    // little-endian machines), then corrected: an AF_ value fits in the low byte of the right order.
    let h = u32le(data, offset);
    if ((h & 0xffff0000) !== 0) {
      if ((h & 0xff000000) === 0 && (h & 0x00ff0000) < 0x00060000) {
        // IRIX/UNICOS snoop header in our order: the 16-bit AF_ value is in the upper half.
        h >>>= 16;
      } else {
        // A big-endian header (or old Linux 00 00 + EtherType): byte-swap it.
        h = ((h & 0xff) << 24) | ((h & 0xff00) << 8) | ((h >>> 8) & 0xff00) | (h >>> 24);
        h >>>= 0;
      }
    } else if ((h & 0xff) === 0 && (h & 0xff00) < 0x0600) {
      // IRIX/UNICOS snoop header in the other order: swap the 16-bit AF_ value.
      h = ((h & 0xff) << 8) | ((h >> 8) & 0xff);
    }
    if (h > IEEE_802_3_MAX_LEN) {
      // An EtherType (old Linux DLT_NULL), dispatched straight to the EtherType table.
      const etype = h & 0xffff;
      tree.open(nullFields[""], offset, 4);
      tree.add(nullFields.type, offset, 4, etype);
      tree.close();
      if (table("ethertype").tryCall(etype, data, offset + 4, end, pinfo) < 0) dissectData(data, offset + 4, end, pinfo);
      return avail;
    }
    tree.open(nullFields[""], offset, 4);
    tree.add(nullFields.family, offset, 4, h);
    tree.close();
    dissectFamily(h, data, offset + 4, end, pinfo);
    return avail;
  },
};

export const loop = {
  name: "null",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const tree = pinfo.tree;
    enterLayer(pinfo, "null");
    setColumns(pinfo);
    const avail = end - offset;
    if (avail < 4) {
      markMalformed(pinfo, "null", offset, "loopback header truncated");
      return avail;
    }
    // Family in network byte order (OpenBSD DLT_LOOP).
    const family = u32(data, offset);
    tree.open(nullFields[""], offset, 4);
    tree.add(nullFields.family, offset, 4, family);
    tree.close();
    dissectFamily(family, data, offset + 4, end, pinfo);
    return avail;
  },
};

register("wtap_encap", LinkType.NULL, nullLoopback);
register("wtap_encap", LinkType.LOOP, loop);
