/**
 * RDATA of the remaining types: SVCB/HTTPS (parameters in `options.ts`),
 * ILNP (NID, L32, L64, LP), EUI48/EUI64, CAA, Microsoft's WINS/WINS-R and XPF.
 */
import { asciiString, ensure, g8, g32 } from "../../bytes";
import { formatText } from "../../format-text";
import { dnsFields as F, T } from "./fields";
import { ctx, info, itemBytes, itemIpv4, itemIpv6, itemU8, itemU16, itemU32, nameItem } from "./context";
import { svcbRdata } from "./options";

/** RDATA of the SVCB/HTTPS, ILNP, EUI, CAA, WINS and XPF types. */
export function otherRdata(type: number, cur: number, dataLen: number, _ownerRaw: string, suffix: string[]): boolean {
  const { d, end, tree } = ctx;
  switch (type) {
    case T.SVCB:
    case T.HTTPS:
      svcbRdata(cur, dataLen);
      break;
    case T.NID:
      itemU16(F["ilnp.nid.preference"], cur);
      itemBytes(F["ilnp.nid"], cur + 2, 8);
      break;
    case T.L32:
      itemU16(F["ilnp.l32.preference"], cur);
      itemIpv4(F["ilnp.l32"], cur + 2);
      break;
    case T.L64:
      itemU16(F["ilnp.l64.preference"], cur);
      itemBytes(F["ilnp.l64"], cur + 2, 8);
      break;
    case T.LP:
      itemU16(F["ilnp.lp.preference"], cur);
      nameItem(F["ilnp.lp"], cur + 2);
      break;
    case T.EUI48:
      ensure(cur, 6, end);
      tree.add(F.eui48, cur, 6, d.subarray(cur, cur + 6));
      break;
    case T.EUI64:
      itemBytes(F.eui64, cur, 8);
      break;
    case T.CAA: {
      const fl = g8(d, cur, end);
      tree.open(F["caa.flags"], cur, 1, fl);
      tree.add(F["caa.flags.issuer_critical"], cur, 1, (fl & 0x80) !== 0);
      tree.close();
      cur++;
      const tagLen = g8(d, cur, end);
      ensure(cur + 1, tagLen, end);
      const tag = asciiString(d, cur + 1, cur + 1 + tagLen);
      const valueLen = (dataLen - (tagLen + 2)) & 0xffff;
      ensure(cur + 1 + tagLen, valueLen, end);
      const value = caaValue(cur + 1 + tagLen, valueLen);
      const f = strncmpEq(tag, "issue", tagLen) ? F["caa.issue"] : strncmpEq(tag, "issuewild", tagLen) ? F["caa.issuewild"] : strncmpEq(tag, "iodef", tagLen) ? F["caa.iodef"] : F["caa.unknown"];
      tree.open(f, cur, 1 + tagLen + valueLen, value);
      tree.add(F["caa.tag_length"], cur, 1, tagLen);
      tree.add(F["caa.tag"], cur + 1, tagLen, tag);
      tree.add(F["caa.value"], cur + 1 + tagLen, valueLen, value);
      tree.close();
      break;
    }
    case T.WINS: {
      let rrLen = dataLen;
      const lf = g32(d, cur, end);
      tree.add(F["wins.local_flag"], cur, 4, (lf & 1) !== 0);
      cur += 4;
      rrLen -= 4;
      itemU32(F["wins.lookup_timeout"], cur);
      cur += 4;
      rrLen -= 4;
      itemU32(F["wins.cache_timeout"], cur);
      cur += 4;
      rrLen -= 4;
      let ns = itemU32(F["wins.nb_wins_servers"], cur);
      cur += 4;
      rrLen -= 4;
      while (rrLen !== 0 && ns !== 0) {
        itemIpv4(F["wins.wins_server"], cur);
        cur += 4;
        rrLen -= 4;
        ns--;
      }
      break;
    }
    case T.WINS_R: {
      const lf = g32(d, cur, end);
      tree.add(F["winsr.local_flag"], cur, 4, (lf & 1) !== 0);
      cur += 4;
      itemU32(F["winsr.lookup_timeout"], cur);
      cur += 4;
      itemU32(F["winsr.cache_timeout"], cur);
      cur += 4;
      const r = nameItem(F["winsr.name_result_domain"], cur);
      info(` ${r.text}`);
      suffix.push(`, name result domain ${r.text}`);
      break;
    }
    case T.XPF: {
      const ver = g8(d, cur, end);
      tree.add(F["xpf.ip_version"], cur, 1, ver);
      cur++;
      if (ver === 4) {
        itemU8(F["xpf.protocol"], cur);
        cur++;
        itemIpv4(F["xpf.source_ipv4"], cur);
        cur += 4;
        itemIpv4(F["xpf.destination_ipv4"], cur);
        cur += 4;
        itemU16(F["xpf.sport"], cur);
        cur += 2;
        itemU16(F["xpf.dport"], cur);
      } else if (ver === 6) {
        itemU8(F["xpf.protocol"], cur);
        cur++;
        itemIpv6(F["xpf.source_ipv6"], cur);
        cur += 16;
        itemIpv6(F["xpf.destination_ipv6"], cur);
        cur += 16;
        itemU16(F["xpf.sport"], cur);
        cur += 2;
        itemU16(F["xpf.dport"], cur);
      }
      break;
    }
    default:
      return false;
  }
  return true;
}

/** strncmp(a, b, n) == 0 on C strings. */
function strncmpEq(a: string, b: string, n: number): boolean {
  for (let i = 0; i < n; i++) {
    const ca = i < a.length ? a.charCodeAt(i) : 0;
    const cb = i < b.length ? b.charCodeAt(i) : 0;
    if (ca !== cb) return false;
    if (ca === 0) return true;
  }
  return true;
}

/** CAA value: the ENC_ASCII string (high bytes as U+FFFD) passed through format_text with the byte length. */
function caaValue(off: number, len: number): string {
  const parts: number[] = [];
  for (let i = off; i < off + len; i++) {
    const c = ctx.d[i]!;
    if (c < 0x80) parts.push(c);
    else parts.push(0xef, 0xbf, 0xbd);
  }
  const b = Uint8Array.from(parts.slice(0, len));
  return formatText(b, 0, b.length);
}
