/**
 * The BOOTP header (RFC 951) and the two walks over the options: the first
 * looks only for the message type, overload and vendor class (which decide
 * "DHCP" or "BOOTP" and the Info column), the second builds the tree; then
 * DHCP's places in the udp.port table.
 */
import type { FieldDef, FieldValue } from "../../field";
import { register } from "../../dissector";
import { enterLayer, bitsLabel, expertField, malformed } from "../../common";
import { etherNameAt } from "../../mac-names";
import type { PacketInfo } from "../../packet-info";
import { HIDDEN, type ProtoTree } from "../../tree";
import { Truncated, ensure, g8, g16, g32 } from "../../bytes";
import { type Walk, addBytes, addIp, addString, addU16, addU32, addU8, arphrdAddr, ctx } from "./context";
import { MAGIC, dhcpFields as F } from "./fields";
import { dhcpOption } from "./options";

function dissectBootp(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo, proxy: boolean): number {
  const tree = pinfo.tree;
  const d = offset === 0 ? data : data.subarray(offset, end);
  const e = end - offset;
  ctx.d = d;
  ctx.end = e;
  ctx.base = offset;
  ctx.pinfo = pinfo;
  ctx.tree = tree;
  ctx.detailed = tree.detailed;
  const cols = pinfo.wantColumns && !pinfo.inErrorPacket;
  if (proxy && (e < 240 || g32Safe(d, 236) !== MAGIC)) return 0;

  enterLayer(pinfo, "dhcp");
  if (!pinfo.inErrorPacket) pinfo.protocol = "BOOTP";
  if (cols) pinfo.info = "";
  // The tree uses offsets relative to this message; shift them back to the data's coordinates.
  const shifted = offset === 0 ? tree : shiftTree(tree, offset);
  ctx.tree = shifted;
  let opened = false;
  try {
    const op = g8(d, 0, e);
    const htype = g8(d, 1, e);
    const hlen = g8(d, 2, e);
    if (op === 1) {
      if ((htype === 1 || htype === 6) && hlen === 6) {
        const a = arphrdAddr(28, hlen, htype);
        // packet-dhcp.c: the address, then its name (tvb_get_ether_name: the address again with -n).
        if (cols) pinfo.info = `Boot Request from ${a} (${etherNameAt(d, 28)})`;
      } else {
        const a = arphrdAddr(28, hlen, htype);
        if (cols) pinfo.info = `Boot Request from ${a}`;
      }
    } else if (op === 2) {
      if (cols) pinfo.info = "Boot Reply";
    } else if (cols) pinfo.info = `Unknown BOOTP message type (${op})`;

    const magic = e >= 240 && g32Safe(d, 236) === MAGIC;
    let voff = magic ? 240 : 300;
    const eoff = e;

    // First pass: the message type decides DHCP vs BOOTP (and the protocol item's text).
    const w: Walk = { dhcpType: null, overload: 0, atEnd: false, searchBlocks: 0, searchIndex: 0, searchData: [] };
    for (let t = voff; t < eoff && !w.atEnd; ) t += dhcpOption(t, eoff, true, w);
    const wantLabel = tree.detailed || tree.wants(F[""]);
    const label = wantLabel ? `Dynamic Host Configuration Protocol${w.dhcpType !== null ? ` (${w.dhcpType})` : ""}` : undefined;
    shifted.open(F[""], 0, e, label ?? null, label);
    opened = true;
    if (w.dhcpType !== null) {
      if (!pinfo.inErrorPacket) pinfo.protocol = "DHCP";
      const xid = g32(d, 4, e);
      if (cols) pinfo.info = `${proxy ? "proxy" : ""}DHCP ${w.dhcpType.padEnd(8)} - Transaction ID 0x${xid.toString(16)}`;
    }

    const t = shifted;
    t.add(F.type, 0, 1, op);
    t.add(F["hw.type"], 1, 1, htype);
    t.add(F["hw.len"], 2, 1, hlen);
    addU8(F.hops, 3);
    addU32(F.id, 4);
    const secsLe = g8(d, 8, e) | (g8(d, 9, e) << 8);
    if (secsLe > 0 && secsLe <= 0xff) {
      t.add(F.secs, 8, 2, secsLe);
      expertField(pinfo, F.secs_le, 8 + offset, 2, "note", "Seconds elapsed appears to be encoded as little-endian", "Protocol", "DHCP/BOOTP");
    } else addU16(F.secs, 8);
    const flags = g16(d, 10, e);
    t.open(F.flags, 10, 2, flags, tree.detailed ? `Bootp flags: 0x${flags.toString(16).padStart(4, "0")} (${flags & 0x8000 ? "Broadcast" : "Unicast"})` : undefined);
    t.add(F["flags.bc"], 10, 2, (flags & 0x8000) !== 0, 0, tree.detailed ? bitsLabel(flags, 0x8000, 16, `Broadcast flag: ${flags & 0x8000 ? "Broadcast" : "Unicast"}`) : undefined);
    t.add(F["flags.reserved"], 10, 2, flags & 0x7fff, 0, tree.detailed ? bitsLabel(flags, 0x7fff, 16, `Reserved flags: 0x${(flags & 0x7fff).toString(16).padStart(4, "0")}`) : undefined);
    t.close();
    addIp(F["ip.client"], 12);
    addIp(F["ip.your"], 16);
    addIp(F["ip.server"], 20);
    addIp(F["ip.relay"], 24);
    if (hlen > 0 && hlen <= 16) {
      if ((htype === 1 || htype === 6) && hlen === 6) {
        ensure(28, 6, e);
        t.add(F["hw.mac_addr"], 28, 6, d.subarray(28, 34));
      } else {
        const text = arphrdAddr(28, hlen, htype);
        ensure(28, 16, e);
        t.add(F["hw.addr"], 28, 16, d.subarray(28, 44), 0, tree.detailed ? `Client hardware address: ${text}` : undefined);
      }
      if (16 - hlen > 0) addBytes(F["hw.addr_padding"], 28 + hlen, 16 - hlen);
    } else {
      expertField(pinfo, F.client_address_not_given, 28 + offset, 16, "note", "Client address not given", "Protocol", "DHCP/BOOTP");
    }
    if (w.overload & 2) expertField(pinfo, F.server_name_overloaded_by_dhcp, 44 + offset, 64, "note", "Server name option overloaded by DHCP", "Protocol", "DHCP/BOOTP");
    else if (g8(d, 44, e) !== 0) addString(F.server, 44, 64);
    else t.add(F.server, 44, 64, "", 0, tree.detailed ? "Server host name not given" : undefined);
    if (w.overload & 1) expertField(pinfo, F.boot_filename_overloaded_by_dhcp, 108 + offset, 128, "note", "Boot file name option overloaded by DHCP", "Protocol", "DHCP/BOOTP");
    else if (g8(d, 108, e) !== 0) addString(F.file, 108, 128);
    else t.add(F.file, 108, 128, "", 0, tree.detailed ? "Boot file name not given" : undefined);

    voff = 236;
    if (w.dhcpType === null) t.add(F.bootp, 0, 0, true, HIDDEN);
    if (magic) {
      t.add(F.cookie, voff, 4, MAGIC, 0, tree.detailed ? "Magic cookie: DHCP" : undefined);
      voff += 4;
    } else {
      addBytes(F.vendor_specific_options, voff, 64);
      voff += 64;
    }
    const w2: Walk = { dhcpType: w.dhcpType, overload: w.overload, atEnd: false, searchBlocks: w.searchBlocks, searchIndex: 0, searchData: [] };
    while (voff < eoff && !w2.atEnd) voff += dhcpOption(voff, eoff, false, w2);
    if (w.dhcpType !== null && !w2.atEnd) expertField(pinfo, F.end_option_missing, offset, e, "error", "End option missing", "Protocol", "DHCP/BOOTP");
    if (voff < eoff) addBytes(F["option.padding"], voff, eoff - voff);
  } catch (err) {
    if (!(err instanceof Truncated)) throw err;
    if (!opened) {
      shifted.open(F[""], 0, e, null);
      opened = true;
    }
    malformed(pinfo, "DHCP", offset, "message runs past the end of the data");
  } finally {
    if (opened) shifted.close();
  }
  return end - offset;
}

function g32Safe(d: Uint8Array, o: number): number {
  return o + 4 <= d.length ? ((d[o]! << 24) | (d[o + 1]! << 16) | (d[o + 2]! << 8) | d[o + 3]!) >>> 0 : -1;
}

/** A view of `tree` whose offsets are relative to `base` (the DHCP message inside the data). */
function shiftTree(tree: ProtoTree, base: number): ProtoTree {
  return {
    get detailed() {
      return tree.detailed;
    },
    get built() {
      return tree.built;
    },
    wants: (f) => tree.wants(f),
    add: (f: FieldDef, o: number, l: number, v: FieldValue, fl?: number, lb?: string) => tree.add(f, o + base, l, v, fl, lb),
    open: (f: FieldDef, o: number, l: number, v?: FieldValue, lb?: string, fl?: number) => tree.open(f, o + base, l, v, lb, fl),
    close: (l?: number) => tree.close(l),
    setLabel: (s: string) => tree.setLabel(s),
    expert: (o, l, s, m, g, f) => tree.expert(o + base, l, s, m, g, f),
    setSource: (i: number) => tree.setSource(i),
  };
}

/** DHCP/BOOTP on the server and client ports (RFC 2131 §4.1). */
export const dhcp = {
  name: "dhcp",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const proxy = pinfo.srcPort === 4011 || pinfo.dstPort === 4011;
    return dissectBootp(data, offset, end, pinfo, proxy);
  },
};

register("udp.port", [67, 68, 4011], dhcp);
