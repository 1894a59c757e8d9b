/**
 * The ICMP dissector (packet-icmp.c's dissect_icmp): type, code, checksum,
 * the second four bytes by type, then the rest of the message by type, and
 * registration.
 */
import { register } from "../../dissector";
import { dissectData, enterLayer, markMalformed, u16, u32 } from "../../common";
import type { PacketInfo } from "../../packet-info";
import { GENERATED } from "../../tree";
import { addChecksum, finishChecksum, onesSum } from "./checksum";
import { addEchoMatch, addressPairKey, type EchoTransaction, matcher } from "./echo";
import { dissectExtensions } from "./extensions";
import {
  codeName,
  ICMP_ALTHOST,
  ICMP_ECHO,
  ICMP_ECHOREPLY,
  ICMP_EXTECHO,
  ICMP_EXTECHOREPLY,
  ICMP_FRAG_NEEDED,
  ICMP_IREQ,
  ICMP_IREQREPLY,
  ICMP_MASKREPLY,
  ICMP_MASKREQ,
  ICMP_PARAMPROB,
  ICMP_REDIRECT,
  ICMP_RTRADVERT,
  ICMP_SOURCEQUENCH,
  ICMP_TIMXCEED,
  ICMP_TSTAMP,
  ICMP_TSTAMPREPLY,
  ICMP_UNREACH,
  icmpFields,
  typeName,
} from "./fields";
import { dissectQuoted } from "./quoted";
import { addDataTime, bestGuessMsOfDay, int32, msecondsText, secondsText } from "./time";

export const icmp = {
  name: "icmp",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const tree = pinfo.tree;
    const inError = pinfo.inErrorPacket;
    const len = end - offset;
    enterLayer(pinfo, "icmp");
    if (!inError) {
      pinfo.protocol = "ICMP";
      if (pinfo.wantColumns) pinfo.info = "";
    }
    // Wireshark reads the RFC 4884 length byte (+5) before anything else.
    if (len < 6) {
      markMalformed(pinfo, "ICMP", offset + len, "ICMP header truncated");
      return len;
    }
    const type = data[offset]!;
    const code = data[offset + 1]!;
    let origLen = data[offset + 5]!;
    const tName = typeName(type, code);
    const cName = codeName(type, code);
    if (type === ICMP_ALTHOST) origLen = 0;
    if (!inError && pinfo.wantColumns) pinfo.info = tName.padEnd(20) + (cName ? ` (${cName})` : "");

    tree.open(icmpFields[""], offset, len);
    tree.add(icmpFields.type, offset, 1, type, 0, tree.detailed ? `Type: ${type} (${tName})` : undefined);
    tree.add(icmpFields.code, offset + 1, 1, code, 0, tree.detailed ? `Code: ${code}${cName ? ` (${cName})` : ""}` : undefined);
    const cksum = u16(data, offset + 2);
    let computed: number | null = null;
    let why = "";
    if (pinfo.ipCarrier.fragmented) why = "fragmented datagram";
    else if (inError) why = "in ICMP error packet";
    else if (!pinfo.ipCarrier.truncated) computed = finishChecksum(onesSum(data, offset, end));
    else why = "fragmented datagram";
    addChecksum(pinfo, { checksum: icmpFields.checksum, status: icmpFields["checksum.status"] }, offset + 2, cksum, computed, why);

    const short = (): number => {
      markMalformed(pinfo, "ICMP", end, "ICMP message truncated");
      tree.close();
      return len;
    };
    // The second four bytes.
    switch (type) {
      case ICMP_ECHOREPLY:
      case ICMP_ECHO:
      case ICMP_TSTAMP:
      case ICMP_TSTAMPREPLY:
      case ICMP_IREQ:
      case ICMP_IREQREPLY:
      case ICMP_MASKREQ:
      case ICMP_MASKREPLY: {
        const id = u16(data, offset + 4);
        tree.add(icmpFields.ident, offset + 4, 2, id);
        tree.add(icmpFields.ident_le, offset + 4, 2, ((id & 0xff) << 8) | (id >> 8));
        if (len < 8) return short();
        const seq = u16(data, offset + 6);
        const seqLe = ((seq & 0xff) << 8) | (seq >> 8);
        tree.add(icmpFields.seq, offset + 6, 2, seq);
        tree.add(icmpFields.seq_le, offset + 6, 2, seqLe);
        if (!inError && pinfo.wantColumns) {
          pinfo.info += ` id=0x${id.toString(16).padStart(4, "0")}, seq=${seq}/${seqLe}`;
          if (pinfo.ipCarrier.version === 4) pinfo.info += `, ttl=${pinfo.ipCarrier.ttl}`;
        }
        break;
      }
      case ICMP_UNREACH:
      case ICMP_TIMXCEED:
        if (origLen > 0) {
          tree.add(icmpFields.unused, offset + 4, 1, data.subarray(offset + 4, offset + 5));
          tree.add(icmpFields.length, offset + 5, 1, origLen);
          tree.add(icmpFields["length.original_datagram"], offset + 5, 1, origLen * 4, GENERATED);
          if (len < 8) return short();
          if (type === ICMP_UNREACH && code === ICMP_FRAG_NEEDED) tree.add(icmpFields.mtu, offset + 6, 2, u16(data, offset + 6));
          else tree.add(icmpFields.unused, offset + 6, 2, data.subarray(offset + 6, offset + 8));
        } else if (type === ICMP_UNREACH && code === ICMP_FRAG_NEEDED) {
          tree.add(icmpFields.unused, offset + 4, 2, data.subarray(offset + 4, offset + 6));
          if (len < 8) return short();
          tree.add(icmpFields.mtu, offset + 6, 2, u16(data, offset + 6));
        } else {
          if (len < 8) return short();
          tree.add(icmpFields.unused, offset + 4, 4, data.subarray(offset + 4, offset + 8));
        }
        break;
      case ICMP_RTRADVERT: {
        tree.add(icmpFields.num_addrs, offset + 4, 1, data[offset + 4]!);
        tree.add(icmpFields.addr_entry_size, offset + 5, 1, data[offset + 5]!);
        if (len < 8) return short();
        const life = u16(data, offset + 6);
        tree.add(icmpFields.lifetime, offset + 6, 2, life, 0, tree.detailed ? `Lifetime: ${life} (${secondsText(life)})` : undefined);
        break;
      }
      case ICMP_PARAMPROB:
        tree.add(icmpFields.pointer, offset + 4, 1, data[offset + 4]!);
        if (origLen > 0) {
          tree.add(icmpFields.length, offset + 5, 1, origLen);
          tree.add(icmpFields["length.original_datagram"], offset + 5, 1, origLen * 4, GENERATED);
          if (len < 8) return short();
          tree.add(icmpFields.unused, offset + 6, 2, data.subarray(offset + 6, offset + 8));
        } else {
          if (len < 8) return short();
          tree.add(icmpFields.unused, offset + 5, 3, data.subarray(offset + 5, offset + 8));
        }
        break;
      case ICMP_REDIRECT:
        if (len < 8) return short();
        tree.add(icmpFields.redir_gw, offset + 4, 4, u32(data, offset + 4));
        break;
      case ICMP_EXTECHO:
      case ICMP_EXTECHOREPLY: {
        const id = u16(data, offset + 4);
        tree.add(icmpFields.ident, offset + 4, 2, id);
        tree.add(icmpFields.ident_le, offset + 4, 2, ((id & 0xff) << 8) | (id >> 8));
        tree.add(icmpFields["ext.echo.seq"], offset + 6, 1, data[offset + 6]!);
        if (len < 8) return short();
        const b = data[offset + 7]!;
        if (type === ICMP_EXTECHO) {
          tree.add(icmpFields["ext.echo.req.res"], offset + 7, 1, b >> 1);
          tree.add(icmpFields["ext.echo.req.local"], offset + 7, 1, (b & 1) !== 0);
        } else {
          tree.add(icmpFields["ext.echo.rsp.state"], offset + 7, 1, b >> 5);
          tree.add(icmpFields["ext.echo.rsp.res"], offset + 7, 1, (b >> 3) & 3);
          tree.add(icmpFields["ext.echo.rsp.active"], offset + 7, 1, (b & 4) !== 0);
          tree.add(icmpFields["ext.echo.rsp.ipv4"], offset + 7, 1, (b & 2) !== 0);
          tree.add(icmpFields["ext.echo.rsp.ipv6"], offset + 7, 1, (b & 1) !== 0);
        }
        break;
      }
    }

    // The rest of the message.
    switch (type) {
      case ICMP_UNREACH:
      case ICMP_TIMXCEED:
      case ICMP_PARAMPROB:
      case ICMP_SOURCEQUENCH:
      case ICMP_REDIRECT: {
        if (len < 8) return short();
        // The quoted datagram (RFC 792: IP header + 64 bits; RFC 1812 §4.3.2.3: as much as fits;
        // RFC 4884: `origLen` 32-bit words, then extension objects).
        let qEnd = end;
        const innerHlen = len > 8 ? (data[offset + 8]! & 0x0f) * 4 : 0;
        const innerLen = len >= 12 ? u16(data, offset + 10) : 0;
        if (type === ICMP_REDIRECT) qEnd = Math.min(end, offset + 8 + innerHlen + 8);
        else if (origLen && len > 8 + origLen * 4 && innerLen > origLen * 4) qEnd = Math.min(end, offset + 8 + innerHlen + origLen * 4);
        dissectQuoted(data, offset + 8, qEnd, pinfo, 0x0800);
        // RFC 4884 / RFC 4950 extensions when the payload goes past 128 bytes and the
        // quoted datagram is shorter than that (Wireshark's MPLS-extension heuristic).
        if (len > 8 + 128 && innerLen <= 128) {
          const ext = offset + (origLen ? origLen * 4 : 128) + 8;
          if (ext > end) {
            markMalformed(pinfo, "ICMP", end, "extension offset past the end of the packet");
            break;
          }
          dissectExtensions(data, ext, end, pinfo);
        }
        break;
      }
      case ICMP_ECHOREPLY:
      case ICMP_ECHO: {
        if (len < 8) return short();
        let t: EchoTransaction | undefined;
        if (!inError) {
          const id = u16(data, offset + 4);
          const seq = u16(data, offset + 6);
          let k0: number;
          if (type === ICMP_ECHOREPLY) {
            k0 = cksum === 0xffff ? 0 : cksum;
          } else {
            // The reply's checksum is the request's plus 0x0800 (type 8 → 0):
            // ip_checksum over (~cksum, ~0x0800).
            k0 = finishChecksum((~cksum & 0xffff) + (~0x0800 & 0xffff));
          }
          const key = `${addressPairKey(pinfo)} ${k0} ${id} ${seq}`;
          const m = matcher(pinfo);
          t = type === ICMP_ECHOREPLY ? m.reply(pinfo, key) : m.request(pinfo, key);
          const dst = pinfo.dstAddr;
          const nonUnicast = dst && dst.length === 4 ? (dst[0] === 255 && dst[1] === 255 && dst[2] === 255 && dst[3] === 255 ? "broadcast" : (dst[0]! & 0xf0) === 0xe0 ? "multicast" : "") : "";
          addEchoMatch(pinfo, t, type === ICMP_ECHOREPLY, icmpFields, nonUnicast, "ICMP");
        }
        if (len - 8 < 8) {
          if (len > 8) dissectData(data, offset + 8, end, pinfo);
          break;
        }
        if (addDataTime(pinfo, data, offset + 8)) dissectData(data, offset + 16, end, pinfo);
        else dissectData(data, offset + 8, end, pinfo);
        break;
      }
      case ICMP_RTRADVERT: {
        const n = data[offset + 4]!;
        const size = data[offset + 5]!;
        if (size === 2) {
          for (let i = 0; i < n; i++) {
            const o = offset + 8 + i * 8;
            if (o + 8 > end) return short();
            tree.add(icmpFields.router_address, o, 4, u32(data, o));
            tree.add(icmpFields.pref_level, o + 4, 4, int32(u32(data, o + 4)));
          }
        } else {
          dissectData(data, offset + 8, end, pinfo);
        }
        break;
      }
      case ICMP_TSTAMP:
      case ICMP_TSTAMPREPLY: {
        const frameMs = (pinfo.tsSec * 1000 + Math.floor(pinfo.tsNsec / 1e6)) % 86400000;
        const names = [icmpFields.originate_timestamp, icmpFields.receive_timestamp, icmpFields.transmit_timestamp];
        for (let i = 0; i < 3; i++) {
          const o = offset + 8 + i * 4;
          if (o + 4 > end) return short();
          const f = names[i]!;
          const v = u32(data, o);
          tree.add(f, o, 4, v, 0, tree.detailed ? `${f.name}: ${v} (${msecondsText(bestGuessMsOfDay(data, o, frameMs))} after midnight UTC)` : undefined);
        }
        break;
      }
      case ICMP_MASKREQ:
      case ICMP_MASKREPLY:
        if (offset + 12 > end) return short();
        tree.add(icmpFields.address_mask, offset + 8, 4, u32(data, offset + 8));
        break;
      case ICMP_EXTECHO:
        if (len > 8) dissectExtensions(data, offset + 8, end, pinfo);
        break;
    }
    tree.close();
    return len;
  },
};

register("ip.proto", 1, icmp);
