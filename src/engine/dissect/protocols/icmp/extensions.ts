/**
 * ICMP extension objects after the quoted datagram (RFC 4884), with RFC 4950
 * MPLS label stacks.
 */
import { u16, u32 } from "../../common";
import type { PacketInfo } from "../../packet-info";
import { GENERATED } from "../../tree";
import { textField } from "../ipv4";
import { addChecksum, finishChecksum, onesSum, statusLabel } from "./checksum";
import { icmpFields } from "./fields";

/** RFC 4884 multi-part extension structure, with RFC 4950 MPLS label stack objects. */
export function dissectExtensions(data: Uint8Array, start: number, end: number, pinfo: PacketInfo): void {
  const tree = pinfo.tree;
  const total = end - start;
  tree.open(icmpFields.ext, start, total, null, tree.detailed ? "ICMP Multi-Part Extensions" : undefined);
  if (total < 4) {
    tree.close();
    return;
  }
  const version = data[start]! >> 4;
  tree.add(icmpFields["ext.version"], start, 1, version);
  tree.add(icmpFields["ext.res"], start, 2, u16(data, start) & 0x0fff);
  const ck = u16(data, start + 2);
  if (ck === 0) {
    tree.add(icmpFields["ext.checksum"], start + 2, 2, ck, 0, tree.detailed ? "Checksum: 0x0000 [missing]" : undefined);
    tree.add(icmpFields["ext.checksum.status"], start + 2, 0, 3, GENERATED, statusLabel(tree.detailed, 3));
  } else {
    addChecksum(pinfo, { checksum: icmpFields["ext.checksum"], status: icmpFields["ext.checksum.status"] }, start + 2, ck, finishChecksum(onesSum(data, start, end)), "");
  }
  if (version !== 1 && version !== 2) {
    if (tree.detailed) tree.setLabel("ICMP Multi-Part Extensions (unsupported version)");
    tree.close();
    return;
  }
  let o = start + 4;
  while (end - o >= 4) {
    const objLen = u16(data, o);
    const trunc = Math.min(objLen, end - o);
    const cls = data[o + 2]!;
    const ctype = data[o + 3]!;
    tree.open(textField, o, Math.max(trunc, 4), null, tree.detailed ? "Unknown object" : undefined);
    tree.add(icmpFields["ext.length"], o, 2, objLen);
    tree.add(icmpFields["ext.class"], o + 2, 1, cls);
    if (objLen < 4) {
      if (tree.detailed) tree.setLabel("Object with bad length");
      tree.close();
      break;
    }
    if (cls === 1 && ctype === 1) {
      tree.add(icmpFields["ext.ctype"], o + 3, 1, ctype);
      if (tree.detailed) tree.setLabel("MPLS Stack Entry");
      for (let e = o + 4; e + 4 <= o + trunc; e += 4) {
        const v = u32(data, e);
        tree.add(icmpFields["mpls.label"], e, 3, v >>> 12);
        tree.add(icmpFields["mpls.exp"], e + 2, 1, (v >>> 9) & 7);
        tree.add(icmpFields["mpls.s"], e + 2, 1, ((v >>> 8) & 1) !== 0);
        tree.add(icmpFields["mpls.ttl"], e + 3, 1, v & 0xff);
      }
    } else {
      tree.add(icmpFields["ext.ctype"], o + 3, 1, ctype);
      if (tree.detailed) tree.setLabel(`Unknown object (${cls}/${ctype})`);
      if (trunc > 4) tree.add(icmpFields["ext.data"], o + 4, trunc - 4, data.subarray(o + 4, o + trunc));
    }
    tree.close();
    o += trunc;
  }
  tree.close();
}
