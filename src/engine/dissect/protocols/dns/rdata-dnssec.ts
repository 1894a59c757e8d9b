/**
 * RDATA of the DNSSEC types (RFC 4034, 5155, 7344), the older KEY/SIG/NXT
 * (RFC 2535), certificates and keys in DNS (CERT, SSHFP, IPSECKEY, TLSA, HIP,
 * OPENPGPKEY, DHCID, ZONEMD) and transaction signatures (TKEY, TSIG).
 */
import { expertField, PRESENT } from "../../common";
import { ensure, g8, g16, g32 } from "../../bytes";
import { GENERATED } from "../../tree";
import { dnsFields as F, dnsProtocolName, T, TYPE_DESCRIPTIONS } from "./fields";
import { getDnsName } from "./names";
import { ctx, info, item, itemAscii, itemBytes, itemIpv4, itemIpv6, itemU8, itemU16, itemU32, nameItem, ttlLabel } from "./context";

/** RDATA of the DNSSEC, key, certificate and transaction-signature types. */
export function dnssecRdata(type: number, cur: number, dataLen: number, ownerRaw: string, suffix: string[]): boolean {
  const { d, end, msg, tree } = ctx;
  switch (type) {
    case T.KEY: {
      let rrLen = dataLen;
      const flags = g16(d, cur, end);
      tree.open(F["key.flags"], cur, 2, flags);
      tree.add(F["key.flags.authentication"], cur, 2, (flags & 0x8000) !== 0);
      tree.add(F["key.flags.confidentiality"], cur, 2, (flags & 0x4000) !== 0);
      if ((flags & 0xc000) !== 0xc000) {
        tree.add(F["key.flags.required"], cur, 2, (flags & 0x2000) !== 0);
        tree.add(F["key.flags.associated_user"], cur, 2, (flags & 0x400) !== 0);
        tree.add(F["key.flags.associated_named_entity"], cur, 2, (flags & 0x200) !== 0);
        tree.add(F["key.flags.ipsec"], cur, 2, (flags & 0x80) !== 0);
        tree.add(F["key.flags.mime"], cur, 2, (flags & 0x40) !== 0);
        tree.add(F["key.flags.signatory"], cur, 2, flags & 0xf);
      }
      tree.close();
      cur += 2;
      rrLen -= 2;
      itemU8(F["key.protocol"], cur);
      cur++;
      rrLen--;
      const algo = itemU8(F["key.algorithm"], cur);
      cur++;
      rrLen--;
      const id = computeKeyId(cur - 4, rrLen + 4, algo);
      if (id !== null) tree.add(F["key.key_id"], 0, 0, id, GENERATED);
      if (rrLen !== 0) itemBytes(F["key.public_key"], cur, rrLen);
      break;
    }
    case T.NXT: {
      const r = getDnsName(d, cur, 0, msg, end);
      info(` ${r.text}`);
      suffix.push(`, next domain name ${r.text}`);
      tree.add(F["nxt.next_domain_name"], cur, r.used, r.text);
      cur += r.used;
      typeBitmapNxt(cur, dataLen - r.used);
      break;
    }
    case T.CERT: {
      let rrLen = dataLen;
      itemU16(F["cert.type"], cur);
      cur += 2;
      rrLen -= 2;
      itemU16(F["cert.key_tag"], cur);
      cur += 2;
      rrLen -= 2;
      itemU8(F["cert.algorithm"], cur);
      cur++;
      rrLen--;
      if (rrLen !== 0) itemBytes(F["cert.certificate"], cur, rrLen);
      break;
    }
    case T.DS:
    case T.CDS:
    case T.DLV: {
      itemU16(F["ds.key_id"], cur);
      cur += 2;
      itemU8(F["ds.algorithm"], cur);
      cur++;
      itemU8(F["ds.digest_type"], cur);
      cur++;
      itemBytes(F["ds.digest"], cur, dataLen - 4);
      break;
    }
    case T.SSHFP: {
      itemU8(F["sshfp.algorithm"], cur);
      itemU8(F["sshfp.fingerprint.type"], cur + 1);
      if (dataLen - 2 !== 0) itemBytes(F["sshfp.fingerprint"], cur + 2, dataLen - 2);
      break;
    }
    case T.IPSECKEY: {
      let rrLen = dataLen;
      itemU8(F["ipseckey.gateway_precedence"], cur);
      cur++;
      rrLen--;
      const gw = itemU8(F["ipseckey.gateway_type"], cur);
      cur++;
      rrLen--;
      itemU8(F["ipseckey.gateway_algorithm"], cur);
      cur++;
      rrLen--;
      if (gw === 1) {
        itemIpv4(F["ipseckey.gateway_ipv4"], cur);
        cur += 4;
        rrLen -= 4;
      } else if (gw === 2) {
        itemIpv6(F["ipseckey.gateway_ipv6"], cur);
        cur += 16;
        rrLen -= 16;
      } else if (gw === 3) {
        const r = nameItem(F["ipseckey.gateway_dns"], cur);
        cur += r.used;
        rrLen -= r.used;
      }
      if (rrLen !== 0) itemBytes(F["ipseckey.public_key"], cur, rrLen);
      break;
    }
    case T.RRSIG:
    case T.SIG: {
      let rrLen = dataLen;
      itemU16(F["rrsig.type_covered"], cur);
      cur += 2;
      rrLen -= 2;
      itemU8(F["rrsig.algorithm"], cur);
      cur++;
      rrLen--;
      itemU8(F["rrsig.labels"], cur);
      cur++;
      rrLen--;
      itemU32(F["rrsig.original_ttl"], cur, ttlLabel("Original TTL"));
      cur += 4;
      rrLen -= 4;
      const exp = g32(d, cur, end);
      tree.add(F["rrsig.signature_expiration"], cur, 4, [exp, 0]);
      cur += 4;
      rrLen -= 4;
      const inc = g32(d, cur, end);
      tree.add(F["rrsig.signature_inception"], cur, 4, [inc, 0]);
      cur += 4;
      rrLen -= 4;
      itemU16(F["rrsig.key_tag"], cur);
      cur += 2;
      rrLen -= 2;
      const r = nameItem(F["rrsig.signers_name"], cur);
      cur += r.used;
      rrLen -= r.used;
      if (rrLen !== 0) itemBytes(F["rrsig.signature"], cur, rrLen);
      break;
    }
    case T.NSEC: {
      const r = getDnsName(d, cur, 0, msg, end);
      info(` ${r.text}`);
      suffix.push(`, next domain name ${r.text}`);
      tree.add(F["nsec.next_domain_name"], cur, r.used, r.text);
      cur += r.used;
      typeBitmap(cur, dataLen - r.used);
      break;
    }
    case T.DNSKEY:
    case T.CDNSKEY: {
      let rrLen = dataLen;
      const flags = g16(d, cur, end);
      tree.open(F["dnskey.flags"], cur, 2, flags);
      tree.add(F["dnskey.flags.zone_key"], cur, 2, (flags & 0x100) !== 0);
      tree.add(F["dnskey.flags.key_revoked"], cur, 2, (flags & 0x80) !== 0);
      tree.add(F["dnskey.flags.secure_entry_point"], cur, 2, (flags & 0x1) !== 0);
      tree.add(F["dnskey.flags.reserved"], cur, 2, flags & 0xfe7e);
      tree.close();
      cur += 2;
      rrLen -= 2;
      itemU8(F["dnskey.protocol"], cur);
      cur++;
      rrLen--;
      const algo = itemU8(F["dnskey.algorithm"], cur);
      cur++;
      rrLen--;
      const id = computeKeyId(cur - 4, rrLen + 4, algo);
      if (id !== null) tree.add(F["dnskey.key_id"], 0, 0, id, GENERATED);
      itemBytes(F["dnskey.public_key"], cur, rrLen);
      break;
    }
    case T.DHCID:
      info(` ${ownerRaw}`);
      itemBytes(F["dhcid.rdata"], cur, dataLen);
      break;
    case T.NSEC3: {
      const initial = cur;
      itemU8(F["nsec3.algo"], cur);
      cur++;
      const fl = g8(d, cur, end);
      tree.open(F["nsec3.flags"], cur, 1, fl);
      tree.add(F["nsec3.flags.opt_out"], cur, 1, (fl & 1) !== 0);
      tree.close();
      cur++;
      itemU16(F["nsec3.iterations"], cur);
      cur += 2;
      const saltLen = itemU8(F["nsec3.salt_length"], cur);
      cur++;
      itemBytes(F["nsec3.salt_value"], cur, saltLen);
      cur += saltLen;
      const hashLen = itemU8(F["nsec3.hash_length"], cur);
      cur++;
      if (hashLen) {
        const alphabet = "0123456789abcdefghijklmnopqrstuv";
        let s = "";
        for (let bit = 0; bit / 8 < hashLen; bit += 5) s += alphabet[bits5(cur, bit)];
        tree.add(F["nsec3.hash_value"], cur, hashLen, s, GENERATED);
        cur += hashLen;
      }
      typeBitmap(cur, dataLen - (cur - initial));
      break;
    }
    case T.NSEC3PARAM: {
      info(` ${ownerRaw}`);
      itemU8(F["nsec3.algo"], cur);
      cur++;
      itemU8(F["nsec3.flags"], cur);
      cur++;
      itemU16(F["nsec3.iterations"], cur);
      cur += 2;
      const saltLen = itemU8(F["nsec3.salt_length"], cur);
      cur++;
      itemBytes(F["nsec3.salt_value"], cur, saltLen);
      break;
    }
    case T.TLSA: {
      info(` ${ownerRaw}`);
      itemU8(F["tlsa.certificate_usage"], cur);
      itemU8(F["tlsa.selector"], cur + 1);
      itemU8(F["tlsa.matching_type"], cur + 2);
      itemBytes(F["tlsa.certificate_association_data"], cur + 3, dataLen - 3);
      break;
    }
    case T.HIP: {
      info(` ${ownerRaw}`);
      let rrLen = dataLen;
      const hitLen = itemU8(F["hip.hit.length"], cur);
      cur++;
      rrLen--;
      itemU8(F["hip.hit.pk.algo"], cur);
      cur++;
      rrLen--;
      const pkLen = itemU16(F["hip.pk.length"], cur);
      cur += 2;
      rrLen -= 2;
      itemBytes(F["hip.hit"], cur, hitLen);
      cur += hitLen;
      rrLen -= hitLen;
      itemBytes(F["hip.pk"], cur, pkLen);
      cur += pkLen;
      rrLen -= pkLen;
      while (rrLen > 1) {
        const r = nameItem(F["hip.rendezvous_server"], cur);
        cur += r.used;
        rrLen -= r.used;
      }
      break;
    }
    case T.OPENPGPKEY:
      itemAscii(F.openpgpkey, cur, dataLen);
      break;
    case T.CSYNC: {
      const initial = cur;
      itemU32(F["csync.soa"], cur);
      cur += 4;
      const fl = g16(d, cur, end);
      tree.open(F["csync.flags"], cur, 2, fl);
      tree.add(F["csync.flags.immediate"], cur, 2, (fl & 1) !== 0);
      tree.add(F["csync.flags.soaminimum"], cur, 2, (fl & 2) !== 0);
      tree.close();
      cur += 2;
      const rrLen = dataLen - (cur - initial);
      itemBytes(F["csync.type_bitmap"], cur, rrLen);
      typeBitmap(cur, rrLen);
      break;
    }
    case T.ZONEMD:
      itemU32(F["zonemd.serial"], cur);
      itemU8(F["zonemd.scheme"], cur + 4);
      itemU8(F["zonemd.hash_algo"], cur + 5);
      itemBytes(F["zonemd.digest"], cur + 6, dataLen - 6);
      break;
    case T.TKEY: {
      const r = nameItem(F["tkey.algo_name"], cur);
      cur += r.used;
      const inc = g32(d, cur, end);
      tree.add(F["tkey.signature_inception"], cur, 4, [inc, 0]);
      cur += 4;
      const exp = g32(d, cur, end);
      tree.add(F["tkey.signature_expiration"], cur, 4, [exp, 0]);
      cur += 4;
      itemU16(F["tkey.mode"], cur);
      cur += 2;
      itemU16(F["tkey.error"], cur);
      cur += 2;
      const keyLen = itemU16(F["tkey.key_size"], cur);
      cur += 2;
      if (keyLen !== 0) {
        itemBytes(F["tkey.key_data"], cur, keyLen);
        cur += keyLen;
      }
      const otherLen = itemU16(F["tkey.other_size"], cur);
      cur += 2;
      if (otherLen !== 0) itemBytes(F["tkey.other_data"], cur, otherLen);
      break;
    }
    case T.TSIG: {
      const r = nameItem(F["tsig.algorithm_name"], cur);
      cur += r.used;
      ensure(cur, 6, end);
      const secs = g16(d, cur, end) * 2 ** 32 + g32(d, cur + 2, end);
      tree.add(F["tsig.time_signed"], cur, 6, [secs, 0]);
      cur += 6;
      itemU16(F["tsig.fudge"], cur);
      cur += 2;
      const macLen = itemU16(F["tsig.mac_size"], cur);
      cur += 2;
      if (macLen !== 0) {
        item(F["tsig.mac"], cur, macLen, PRESENT);
        cur += macLen;
      }
      itemU16(F["tsig.original_id"], cur);
      cur += 2;
      itemU16(F["tsig.error"], cur);
      cur += 2;
      const otherLen = itemU16(F["tsig.other_len"], cur);
      cur += 2;
      if (otherLen !== 0) itemBytes(F["tsig.other_data"], cur, otherLen);
      break;
    }
    default:
      return false;
  }
  return true;
}

/** tvb_get_bits8(tvb, byteOffset*8 + bitOffset, 5): five bits, big-endian. */
function bits5(byteOff: number, bitOff: number): number {
  const first = byteOff + (bitOff >> 3);
  const shift = bitOff & 7;
  const hi = g8(ctx.d, first, ctx.end);
  let v = hi << 8;
  if (shift > 3) v |= g8(ctx.d, first + 1, ctx.end);
  return (v >> (11 - shift)) & 0x1f;
}

/** compute_key_id() (RFC 4034 Appendix B); null when the buffer is too short (Wireshark adds an expert item then). */
function computeKeyId(off: number, size: number, algo: number): number | null {
  const { d, end } = ctx;
  if (size < 4) {
    expertField(ctx.pinfo, F.key_id_buffer_too_short, off, size, "warn", "Buffer too short to compute a key id", "Protocol", dnsProtocolName(ctx.pinfo));
    return null;
  }
  if (algo === 1) return ((g8(d, off + size - 3, end) << 8) + g8(d, off + size - 2, end)) & 0xffff;
  let ac = 0;
  let o = off;
  let s = size;
  for (; s > 1; s -= 2, o += 2) ac += (g8(d, o, end) << 8) + g8(d, o + 1, end);
  if (s > 0) ac += g8(d, o, end) << 8;
  ac += (ac >>> 16) & 0xffff;
  return ac & 0xffff;
}

/** NSEC/NSEC3/CSYNC window-block type bitmap (RFC 4034 §4.1.2). */
function typeBitmap(cur: number, rrLen: number): void {
  const { d, end, tree } = ctx;
  while (rrLen !== 0) {
    const base = g8(d, cur, end);
    let size = g8(d, cur + 1, end);
    cur += 2;
    rrLen -= 2;
    let t = base * 256;
    for (; size; size--) {
      const b = g8(d, cur, end);
      for (let mask = 0x80; mask; mask >>= 1, t++) {
        if (b & mask) tree.add(F["resp.type"], cur, 1, t, 0, ctx.detailed ? `RR type in bit map: ${TYPE_DESCRIPTIONS.get(t) ?? `Unknown (${t})`}` : undefined);
      }
      cur++;
      rrLen--;
    }
  }
}

/** NXT's flat type bitmap (RFC 2535 §5.2). */
function typeBitmapNxt(cur: number, rrLen: number): void {
  const { d, end, tree } = ctx;
  let t = 0;
  while (rrLen !== 0) {
    const b = g8(d, cur, end);
    for (let mask = 0x80; mask; mask >>= 1, t++) {
      if (b & mask) tree.add(F["resp.type"], cur, 1, t, 0, ctx.detailed ? `RR type in bit map: ${TYPE_DESCRIPTIONS.get(t) ?? `Unknown (${t})`}` : undefined);
    }
    cur++;
    rrLen--;
  }
}
