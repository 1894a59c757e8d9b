/**
 * The RDATA of one resource record, by type: Wireshark 4.0's dissect_dns_answer
 * switch, with the same reads in the same order. The types are grouped by
 * family: the classic and address/mail/service types here, DNSSEC and keys in
 * `rdata-dnssec.ts`, the rest in `rdata-other.ts`, OPT/SVCB/DSO in `options.ts`.
 */
import { expertField } from "../../common";
import { ipv4ToString, ipv6ToString } from "../../format";
import { asciiString, ensure, g8, g16, g32 } from "../../bytes";
import { hostTable } from "../../hosts";
import { GENERATED } from "../../tree";
import { dnsFields as F, dnsProtocolName, T } from "./fields";
import { getDnsName } from "./names";
import { ctx, info, itemAscii, itemBytes, itemU8, itemU16, itemU32, nameItem, ttlLabel } from "./context";
import { optRdata } from "./options";
import { dnssecRdata } from "./rdata-dnssec";
import { otherRdata } from "./rdata-other";

/** The RDATA at `cur` (RDLENGTH `dataLen`); `suffix` collects what the RR's tree label gains ("addr 1.2.3.4"). */
export function rdata(type: number, cur: number, dataLen: number, ownerRaw: string, suffix: string[]): void {
  if (classicRdata(type, cur, dataLen, ownerRaw, suffix)) return;
  if (dnssecRdata(type, cur, dataLen, ownerRaw, suffix)) return;
  if (otherRdata(type, cur, dataLen, ownerRaw, suffix)) return;
  expertField(ctx.pinfo, F["undecoded.type"], cur, 0, "note", `Dissector for DNS Type (${type}) code not implemented, Contact Wireshark developers if you want this supported`, "Undecoded", dnsProtocolName(ctx.pinfo));
  itemBytes(F.data, cur, dataLen);
}

/** RDATA of the RFC 1035-era types and the address, mail and service types that followed (Wireshark 4.0's switch, same reads in the same order). */
function classicRdata(type: number, cur: number, dataLen: number, ownerRaw: string, suffix: string[]): boolean {
  const { d, end, msg, tree } = ctx;
  switch (type) {
    case T.A: {
      const v = g32(d, cur, end);
      const s = ipv4ToString(v);
      info(` ${s}`);
      suffix.push(`, addr ${s}`);
      tree.add(F.a, cur, 4, v);
      if (!ctx.pinfo.visited && !ctx.pinfo.inErrorPacket) hostTable(ctx.pinfo.state).addV4(ownerRaw, v);
      break;
    }
    case T.NS: {
      const r = getDnsName(d, cur, 0, msg, end);
      info(` ${r.text}`);
      suffix.push(`, ns ${r.text}`);
      tree.add(F.ns, cur, r.used, r.text);
      break;
    }
    case T.MD:
    case T.MF:
    case T.MB:
    case T.MG:
    case T.MR: {
      info(` ${ownerRaw}`);
      const f = type === T.MD ? F.md : type === T.MF ? F.mf : type === T.MB ? F.mb : type === T.MG ? F.mg : F.mr;
      nameItem(f, cur);
      break;
    }
    case T.CNAME: {
      const r = getDnsName(d, cur, 0, msg, end);
      info(` ${r.text}`);
      suffix.push(`, cname ${r.text}`);
      tree.add(F.cname, cur, r.used, r.text);
      break;
    }
    case T.SOA: {
      let r = getDnsName(d, cur, 0, msg, end);
      info(` ${r.text}`);
      suffix.push(`, mname ${r.text}`);
      tree.add(F["soa.mname"], cur, r.used, r.text);
      cur += r.used;
      r = nameItem(F["soa.rname"], cur);
      cur += r.used;
      itemU32(F["soa.serial_number"], cur);
      cur += 4;
      itemU32(F["soa.refresh_interval"], cur, ttlLabel("Refresh Interval"));
      cur += 4;
      itemU32(F["soa.retry_interval"], cur, ttlLabel("Retry Interval"));
      cur += 4;
      itemU32(F["soa.expire_limit"], cur, ttlLabel("Expire limit"));
      cur += 4;
      itemU32(F["soa.minimum_ttl"], cur, ttlLabel("Minimum TTL"));
      break;
    }
    case T.NULL:
      info(` ${ownerRaw}`);
      itemBytes(F.null, cur, dataLen);
      break;
    case T.WKS: {
      let rrLen = dataLen;
      const v = g32(d, cur, end);
      const s = ipv4ToString(v);
      info(` ${s}`);
      suffix.push(`, addr ${s}`);
      tree.add(F["wks.address"], cur, 4, v);
      cur += 4;
      rrLen -= 4;
      itemU8(F["wks.protocol"], cur);
      cur++;
      rrLen--;
      while (rrLen !== 0) {
        const bits = g8(d, cur, end);
        if (bits !== 0) tree.add(F["wks.bits"], cur, 1, bits);
        cur++;
        rrLen--;
      }
      break;
    }
    case T.PTR: {
      const r = getDnsName(d, cur, 0, msg, end);
      info(` ${r.text}`);
      suffix.push(`, ${r.text}`);
      tree.add(F["ptr.domain_name"], cur, r.used, r.text);
      break;
    }
    case T.HINFO: {
      const cpuLen = g8(d, cur, end);
      ensure(cur + 1, cpuLen, end);
      const cpu = asciiString(d, cur + 1, cur + 1 + cpuLen);
      const osOff = cur + 1 + cpuLen;
      const osLen = g8(d, osOff, end);
      ensure(osOff + 1, osLen, end);
      const os = asciiString(d, osOff + 1, osOff + 1 + osLen);
      info(` ${cpu} ${os}`);
      suffix.push(`, CPU ${cpu}, OS ${os}`);
      tree.add(F["hinfo.cpu_length"], cur, 1, cpuLen);
      tree.add(F["hinfo.cpu"], cur + 1, cpuLen, cpu);
      tree.add(F["hinfo.os_length"], osOff, 1, osLen);
      tree.add(F["hinfo.os"], osOff + 1, osLen, os);
      break;
    }
    case T.MINFO: {
      info(` ${ownerRaw}`);
      const r = nameItem(F["minfo.r"], cur);
      nameItem(F["minfo.e"], cur + r.used);
      break;
    }
    case T.MX: {
      const pref = g16(d, cur, end);
      const r = getDnsName(d, cur + 2, 0, msg, end);
      info(` ${pref} ${r.text}`);
      suffix.push(`, preference ${pref}, mx ${r.text}`);
      tree.add(F["mx.preference"], cur, 2, pref);
      tree.add(F["mx.mail_exchange"], cur + 2, r.used, r.text);
      break;
    }
    case T.TXT:
    case T.SPF: {
      const lenF = type === T.TXT ? F["txt.length"] : F["spf.length"];
      const txtF = type === T.TXT ? F.txt : F.spf;
      let rrLen = dataLen;
      let o = cur;
      while (rrLen !== 0) {
        const l = itemU8(lenF, o);
        o++;
        rrLen--;
        itemAscii(txtF, o, l, type === T.TXT && ctx.mdns);
        o += l;
        rrLen -= l;
      }
      break;
    }
    case T.RP: {
      info(` ${ownerRaw}`);
      const r = nameItem(F["rp.mailbox"], cur);
      nameItem(F["rp.txt_rr"], cur + r.used);
      break;
    }
    case T.AFSDB:
    case T.RT: {
      info(` ${ownerRaw}`);
      const r = getDnsName(d, cur + 2, 0, msg, end);
      itemU16(type === T.AFSDB ? F["afsdb.subtype"] : F["rt.subtype"], cur);
      tree.add(type === T.AFSDB ? F["afsdb.hostname"] : F["rt.intermediate_host"], cur + 2, r.used, r.text);
      break;
    }
    case T.X25: {
      info(` ${ownerRaw}`);
      const l = itemU8(F["x25.length"], cur);
      itemAscii(F["x25.psdn_address"], cur + 1, l);
      break;
    }
    case T.ISDN: {
      info(` ${ownerRaw}`);
      let rrLen = dataLen;
      const l = itemU8(F["idsn.length"], cur);
      cur++;
      rrLen--;
      itemAscii(F["idsn.address"], cur, l);
      cur += l;
      rrLen -= l;
      if (rrLen > 1) {
        const sl = itemU8(F["idsn.sa.length"], cur);
        cur++;
        itemAscii(F["idsn.sa.address"], cur, sl);
      }
      break;
    }
    case T.NSAP:
      info(` ${ownerRaw}`);
      itemBytes(F["nsap.rdata"], cur, dataLen);
      break;
    case T.NSAP_PTR:
      info(` ${ownerRaw}`);
      nameItem(F["nsap_ptr.owner"], cur);
      break;
    case T.PX: {
      info(` ${ownerRaw}`);
      itemU16(F["px.preference"], cur);
      cur += 2;
      const r = nameItem(F["px.map822"], cur);
      nameItem(F["px.map400"], cur + r.used);
      break;
    }
    case T.GPOS: {
      info(` ${ownerRaw}`);
      const l1 = itemU8(F["gpos.longitude_length"], cur);
      cur++;
      itemAscii(F["gpos.longitude"], cur, l1);
      cur += l1;
      const l2 = itemU8(F["gpos.latitude_length"], cur);
      cur++;
      itemAscii(F["gpos.latitude"], cur, l2);
      cur += l2;
      const l3 = itemU8(F["gpos.altitude_length"], cur);
      cur++;
      itemAscii(F["gpos.altitude"], cur, l3);
      break;
    }
    case T.AAAA: {
      ensure(cur, 16, end);
      const v = d.subarray(cur, cur + 16);
      const s = ipv6ToString(v);
      info(` ${s}`);
      suffix.push(`, addr ${s}`);
      tree.add(F.aaaa, cur, 16, v);
      if (!ctx.pinfo.visited && !ctx.pinfo.inErrorPacket) hostTable(ctx.pinfo.state).addV6(ownerRaw, v);
      break;
    }
    case T.LOC: {
      const version = itemU8(F["loc.version"], cur);
      if (version === 0) {
        cur++;
        itemU8(F["loc.size"], cur);
        cur++;
        itemU8(F["loc.horizontal_precision"], cur);
        cur++;
        itemU8(F["loc.vertical_precision"], cur);
        cur++;
        itemU32(F["loc.latitude"], cur);
        cur += 4;
        itemU32(F["loc.longitude"], cur);
        cur += 4;
        itemU32(F["loc.altitude"], cur);
      } else {
        itemBytes(F["loc.unknown_data"], cur, dataLen);
      }
      break;
    }
    case T.SRV: {
      const prio = itemU16(F["srv.priority"], cur);
      cur += 2;
      const weight = itemU16(F["srv.weight"], cur);
      cur += 2;
      const port = itemU16(F["srv.port"], cur);
      cur += 2;
      const r = nameItem(F["srv.target"], cur);
      info(` ${prio} ${weight} ${port} ${r.text}`);
      suffix.push(`, priority ${prio}, weight ${weight}, port ${port}, target ${r.text}`);
      break;
    }
    case T.NAPTR: {
      let o = cur;
      const order = itemU16(F["naptr.order"], o);
      o += 2;
      const pref = itemU16(F["naptr.preference"], o);
      o += 2;
      const fl = itemU8(F["naptr.flags_length"], o);
      o++;
      const flags = itemAscii(F["naptr.flags"], o, fl);
      o += fl;
      const sl = itemU8(F["naptr.service_length"], o);
      o++;
      itemAscii(F["naptr.service"], o, sl);
      o += sl;
      const rl = itemU8(F["naptr.regex_length"], o);
      o++;
      itemAscii(F["naptr.regex"], o, rl);
      o += rl;
      const r = getDnsName(d, o, 0, msg, end);
      tree.add(F["naptr.replacement_length"], o, 0, r.len & 0xff, GENERATED);
      tree.add(F["naptr.replacement"], o, r.used, r.text);
      info(` ${order} ${pref} ${flags}`);
      suffix.push(`, order ${order}, preference ${pref}, flags ${flags}`);
      break;
    }
    case T.KX: {
      const r = getDnsName(d, cur + 2, 0, msg, end);
      const pref = g16(d, cur, end);
      info(` ${pref} ${r.text}`);
      suffix.push(`, preference ${pref}, kx ${r.text}`);
      tree.add(F["kx.preference"], cur, 2, pref);
      tree.add(F["kx.key_exchange"], cur + 2, r.used, r.text);
      break;
    }
    case T.A6: {
      const a6 = cur;
      const preLen = g8(d, cur, end);
      cur++;
      // Wireshark keeps these in unsigned shorts: a prefix over 128 bits wraps around.
      const sufLen = (128 - preLen) & 0xffff;
      const sufBytes = sufLen ? Math.trunc((sufLen - 1) / 8) + 1 : 0;
      const suffixAddr = new Uint8Array(16);
      let k = 0;
      for (; k < 16 - sufBytes; k++) suffixAddr[k] = 0;
      for (; k < 16; k++) {
        suffixAddr[k] = g8(d, cur, end);
        cur++;
      }
      let pname = "";
      let used = 0;
      if (preLen > 0) {
        const r = getDnsName(d, cur, 0, msg, end);
        pname = r.text;
        used = r.used;
      }
      const s = ipv6ToString(suffixAddr);
      info(` ${preLen} ${s} ${pname}`);
      tree.add(F["a6.prefix_len"], a6, 1, preLen);
      if (sufLen) tree.add(F["a6.address_suffix"], a6 + 1, sufBytes, suffixAddr);
      if (preLen > 0) tree.add(F["a6.prefix_name"], a6 + 1 + sufBytes, used, pname);
      suffix.push(`, addr ${preLen} ${s} ${pname}`);
      break;
    }
    case T.DNAME: {
      const r = getDnsName(d, cur, 0, msg, end);
      info(` ${r.text}`);
      suffix.push(`, dname ${r.text}`);
      tree.add(F.dname, cur, r.used, r.text);
      break;
    }
    case T.OPT:
      optRdata(cur, dataLen);
      break;
    case T.APL: {
      info(` ${ownerRaw}`);
      let rrLen = dataLen;
      while (rrLen > 1) {
        const af = itemU16(F["apl.address_family"], cur);
        cur += 2;
        rrLen -= 2;
        itemU8(F["apl.coded_prefix"], cur);
        cur++;
        rrLen--;
        const b = g8(d, cur, end);
        const afd = b & 0x7f;
        tree.add(F["apl.negation"], cur, 1, (b & 0x80) !== 0);
        tree.add(F["apl.afdlength"], cur, 1, afd);
        cur++;
        rrLen--;
        if (af === 1 && afd <= 4) {
          ensure(cur, afd, end);
          let v = 0;
          for (let i = 0; i < 4; i++) v = v * 256 + (i < afd ? d[cur + i]! : 0);
          tree.add(F["apl.afdpart.ipv4"], cur, afd, v);
        } else if (af === 2 && afd <= 16) {
          ensure(cur, afd, end);
          const a = new Uint8Array(16);
          a.set(d.subarray(cur, cur + afd));
          tree.add(F["apl.afdpart.ipv6"], cur, afd, a);
        } else {
          itemBytes(F["apl.afdpart.data"], cur, afd);
        }
        cur += afd;
        rrLen -= afd;
      }
      break;
    }
    default:
      return false;
  }
  return true;
}
