/**
 * The question and resource-record sections: one query (name, type, class)
 * and one RR's header (owner, type, class, TTL, RDLENGTH, or the OPT
 * pseudo-RR's EDNS header), in Wireshark 4.0's order of reads and Info text.
 * The RDATA goes to `rdata.ts`.
 */
import { bitsLabel, expertField } from "../../common";
import { GENERATED } from "../../tree";
import { g16, ensure } from "../../bytes";
import { dnsFields as F, dnsProtocolName, T, TEXT } from "./fields";
import { getDnsName, labelCount } from "./names";
import { className, ctx, info, itemU8, itemU16, itemU32, ttlLabel, typeName } from "./context";
import { rdata } from "./rdata";

export function dissectQuery(off: number): { used: number; multi: boolean } {
  const { d, end, msg, tree } = ctx;
  const n = getDnsName(d, off, 0, msg, end);
  const nameUsed = n.used;
  const nameText = n.text;
  const nameLen = n.len;
  const qtype = g16(d, off + nameUsed, end);
  let qclass = g16(d, off + nameUsed + 2, end);
  const used = nameUsed + 4;
  let qu = 0;
  if (ctx.mdns) {
    qu = qclass & 0x8000;
    qclass &= 0x7fff;
  }
  const tn = typeName(qtype);
  info(` ${tn} ${nameText}`);
  if (ctx.mdns) info(`, "${qu ? "QU" : "QM"}" question`);
  const label = ctx.detailed ? `${nameText}: type ${tn}, class ${className(qclass)}${ctx.mdns ? `, "${qu ? "QU" : "QM"}" question` : ""}` : undefined;
  tree.open(TEXT, off, used, null, label);
  tree.add(F["qry.name"], off, nameUsed, nameText);
  tree.add(F["qry.name.len"], off, nameUsed, nameLen > 1 ? nameLen : 0, GENERATED);
  tree.add(F["count.labels"], off, nameUsed, labelCount(nameText, nameLen), GENERATED);
  tree.add(F["qry.type"], off + nameUsed, 2, qtype);
  if (ctx.mdns) {
    tree.add(F["qry.class"], off + nameUsed + 2, 2, qclass);
    tree.add(F["qry.qu"], off + nameUsed + 2, 2, qu !== 0);
  } else {
    tree.add(F["qry.class"], off + nameUsed + 2, 2, qclass);
  }
  tree.close();
  return { used, multi: qtype === T.AXFR || qtype === T.IXFR };
}

/** dissect_dns_answer(): one resource record; returns the bytes it claims (header + RDLENGTH). */
export function dissectAnswer(start: number): number {
  const { d, end, msg, tree } = ctx;
  const n = getDnsName(d, start, 0, msg, end);
  const nameUsed = n.used;
  const ownerText = n.text;
  const ownerRaw = n.raw;
  const type = g16(d, start + nameUsed, end);
  let cls = g16(d, start + nameUsed + 2, end);
  let flush = 0;
  if (ctx.mdns) {
    flush = cls & 0x8000;
    cls &= 0x7fff;
  }
  const tn = typeName(type);
  const dataLen = g16(d, start + nameUsed + 8, end);
  const dataOff = start + nameUsed + 10;
  info(` ${tn}`);
  if (ctx.mdns && flush) info(", cache flush");

  const total = nameUsed + 10 + dataLen;
  // Wireshark 4.0 checks a subtree's byte range when it is added: RDLENGTH past the end stops here.
  // Only when there is a tree: without one (tshark -r, the packet list, -z
  // expert alone) the record's item is never made, and a PTR's name past a
  // bogus RDLENGTH still reaches Info with no exception (frame 409 of the
  // shared malformed-fuzz capture).
  if (ctx.tree.built) ensure(start, total, end);
  let label: string | undefined;
  if (ctx.detailed) label = type !== T.OPT ? `${ownerText}: type ${tn}, class ${className(cls)}` : `${ownerText}: type ${tn}`;
  tree.open(TEXT, start, total, null, label);
  const suffix: string[] = [];
  try {
    let o = start;
    if (type !== T.OPT) {
      if (type === T.SRV && ownerText.length > 0) {
        const parts = splitN(ownerText, ".", 3);
        tree.add(F["srv.service"], o, nameUsed, parts[0]!);
        if (parts.length > 1) {
          tree.add(F["srv.proto"], o, nameUsed, parts[1]!);
          if (parts.length > 2) tree.add(F["srv.name"], o, nameUsed, parts[2]!);
        }
      } else {
        tree.add(F["resp.name"], o, nameUsed, ownerText);
      }
      o += nameUsed;
      itemU16(F["resp.type"], o);
      o += 2;
      if (ctx.mdns) {
        tree.add(F["resp.class"], o, 2, cls);
        tree.add(F["resp.cache_flush"], o, 2, flush !== 0);
      } else {
        itemU16(F["resp.class"], o);
      }
      o += 2;
      const ttl = itemU32(F["resp.ttl"], o, ttlLabel("Time to live"));
      if (ttl & 0x80000000) expertField(ctx.pinfo, F["ttl.high_bit_set"], o, 4, "warn", "The uppermost bit of the TTL is set (RFC 2181, section 8)", "Protocol", dnsProtocolName(ctx.pinfo));
      o += 4;
      itemU16(F["resp.len"], o);
    } else {
      tree.add(F["resp.name"], o, nameUsed, ownerText);
      o += nameUsed;
      itemU16(F["resp.type"], o);
      o += 2;
      if (ctx.mdns) {
        const v = g16(d, o, end);
        tree.add(F["rr.udp_payload_size"], o, 2, v & 0x7fff);
        tree.add(F["resp.cache_flush"], o, 2, (v & 0x8000) !== 0);
      } else {
        itemU16(F["rr.udp_payload_size"], o);
      }
      o += 2;
      itemU8(F["resp.ext_rcode"], o);
      o++;
      itemU8(F["resp.edns0_version"], o);
      o++;
      const z = g16(d, o, end);
      tree.open(F["resp.z"], o, 2, z);
      tree.add(F["resp.z.do"], o, 2, (z & 0x8000) !== 0, 0, ctx.detailed ? bitsLabel(z, 0x8000, 16, `DO bit: ${z & 0x8000 ? "Accepts DNSSEC security RRs" : "Cannot handle DNSSEC security RRs"}`) : undefined);
      tree.add(F["resp.z.reserved"], o, 2, z & 0x7fff, 0, ctx.detailed ? bitsLabel(z, 0x7fff, 16, `Reserved: 0x${(z & 0x7fff).toString(16).padStart(4, "0")}`) : undefined);
      tree.close();
      o += 2;
      itemU16(F["resp.len"], o);
    }
    if (ctx.mdns && flush) suffix.push(", cache flush");
    if (dataLen !== 0) rdata(type, dataOff, dataLen, ownerRaw, suffix);
  } finally {
    if (ctx.detailed && suffix.length && label !== undefined) tree.setLabel(label + suffix.join(""));
    tree.close();
  }
  return total;
}

function splitN(s: string, sep: string, max: number): string[] {
  const out: string[] = [];
  let rest = s;
  while (out.length < max - 1) {
    const i = rest.indexOf(sep);
    if (i < 0) break;
    out.push(rest.slice(0, i));
    rest = rest.slice(i + sep.length);
  }
  out.push(rest);
  return out;
}
