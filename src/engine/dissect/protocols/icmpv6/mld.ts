/**
 * Multicast Listener Discovery messages (RFC 2710, RFC 3810).
 */
import { u16 } from "../../common";
import { ipv6ToString } from "../../format";
import type { PacketInfo } from "../../packet-info";
import { bitsLabel } from "../ipv4";
import { icmpv6Fields } from "./fields";

const F = icmpv6Fields;

/** MLDv1 (RFC 2710 §3) and the MLDv2 query (RFC 3810 §5.1, at least 28 bytes). */
export function dissectMld(data: Uint8Array, o: number, end: number, pinfo: PacketInfo, type: number, len: number): boolean {
  const tree = pinfo.tree;
  if (type === 130 && len >= 28) {
    if (end - o < 24) return false;
    let mrc = u16(data, o);
    if (mrc >= 32768) mrc = ((mrc & 0x0fff) | 0x1000) * 2 ** (((mrc & 0x7000) >> 12) + 3);
    tree.add(F["mld.maximum_response_code"], o, 2, mrc);
    tree.add(F.reserved, o + 2, 2, data.subarray(o + 2, o + 4));
    tree.add(F["mld.multicast_address"], o + 4, 16, data.subarray(o + 4, o + 20));
    const fl = data[o + 20]!;
    tree.open(F["mld.flag"], o + 20, 1, fl);
    tree.add(F["mld.flag.s"], o + 20, 1, (fl & 0x08) !== 0, 0, bitsLabel(tree, F["mld.flag.s"], fl, (fl & 0x08) !== 0));
    tree.add(F["mld.flag.qrv"], o + 20, 1, fl & 0x07, 0, bitsLabel(tree, F["mld.flag.qrv"], fl, fl & 0x07));
    tree.add(F["mld.flag.reserved"], o + 20, 1, fl >> 4, 0, bitsLabel(tree, F["mld.flag.reserved"], fl, fl >> 4));
    tree.close();
    let qqi = data[o + 21]!;
    if (qqi >= 128) qqi = ((qqi & 0x0f) | 0x10) << (((qqi & 0x70) >> 4) + 3);
    tree.add(F["mld.qqi"], o + 21, 1, qqi);
    const n = u16(data, o + 22);
    tree.add(F["mld.nb_sources"], o + 22, 2, n);
    let p = o + 24;
    for (let i = 0; i < n; i++, p += 16) {
      if (p + 16 > end) return false;
      tree.add(F["mld.source_address"], p, 16, data.subarray(p, p + 16));
    }
    return true;
  }
  if (end - o < 20) return false;
  tree.add(F["mld.maximum_response_delay"], o, 2, u16(data, o));
  tree.add(F.reserved, o + 2, 2, data.subarray(o + 2, o + 4));
  tree.add(F["mld.multicast_address"], o + 4, 16, data.subarray(o + 4, o + 20));
  return true;
}

/** MLDv2 report (RFC 3810 §5.2): multicast address records. */
export function dissectMldv2Report(data: Uint8Array, o: number, end: number, pinfo: PacketInfo): boolean {
  const tree = pinfo.tree;
  if (end - o < 4) return false;
  tree.add(F.reserved, o, 2, data.subarray(o, o + 2));
  tree.add(F["mldr.nb_mcast_records"], o + 2, 2, u16(data, o + 2));
  let p = o + 4;
  while (p < end) {
    if (end - p < 20) return false;
    const rtype = data[p]!;
    const aux = data[p + 1]!;
    const n = u16(data, p + 2);
    const recLen = 20 + 16 * n + aux * 4;
    const maddr = data.subarray(p + 4, p + 20);
    const rname = F["mldr.mar.record_type"].vals!.get(rtype) ?? `Unknown Record Type (${rtype})`;
    tree.open(F["mldr.mar"], p, Math.min(recLen, end - p), null, tree.detailed ? `Multicast Address Record ${rname}: ${ipv6ToString(maddr)}` : undefined);
    tree.add(F["mldr.mar.record_type"], p, 1, rtype);
    tree.add(F["mldr.mar.aux_data_len"], p + 1, 1, aux);
    tree.add(F["mldr.mar.nb_sources"], p + 2, 2, n);
    tree.add(F["mldr.mar.multicast_address"], p + 4, 16, maddr);
    let q = p + 20;
    for (let i = 0; i < n; i++, q += 16) {
      if (q + 16 > end) {
        tree.close();
        return false;
      }
      tree.add(F["mldr.mar.source_address"], q, 16, data.subarray(q, q + 16));
    }
    if (aux) {
      if (q + aux * 4 > end) {
        tree.close();
        return false;
      }
      tree.add(F["mldr.mar.auxiliary_data"], q, aux * 4, data.subarray(q, q + aux * 4));
    }
    tree.close();
    p += recLen;
  }
  return true;
}
