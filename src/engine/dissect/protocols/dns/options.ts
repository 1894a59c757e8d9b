/**
 * Option lists inside a message: EDNS(0) options of the OPT pseudo-RR
 * (RFC 6891 §6.1.2), SVCB/HTTPS service parameters (RFC 9460) and the TLVs of
 * DNS Stateful Operations (RFC 8490 §5.4).
 */
import { expertField, PRESENT } from "../../common";
import { ensure, g16 } from "../../bytes";
import { dnsFields as F, dnsProtocolName, EDNS_OPT_CODES } from "./fields";
import { getDnsName } from "./names";
import { ctx, itemAscii, itemBytes, itemIpv4, itemIpv6, itemU8, itemU16, itemU32 } from "./context";
import { vals } from "../../field";

/** OPT pseudo-RR options (RFC 6891 §6.1.2). */
export function optRdata(cur: number, dataLen: number): void {
  const { d, end, tree } = ctx;
  let rr = dataLen;
  while (rr > 0) {
    const code = g16(d, cur, end);
    rr -= 2;
    let optLen = g16(d, cur + 2, end);
    rr -= 2;
    ensure(cur, 4 + optLen, end);
    tree.open(F.opt, cur, 4 + optLen, PRESENT, ctx.detailed ? `Option: ${EDNS_OPT_CODES.get(code) ?? `Unknown (${code})`}` : undefined);
    try {
      tree.add(F["opt.code"], cur, 2, code);
      cur += 2;
      tree.add(F["opt.len"], cur, 2, optLen);
      cur += 2;
      itemBytes(F["opt.data"], cur, optLen);
      switch (code) {
        case 5:
        case 6:
        case 7: {
          const f = code === 5 ? F["opt.dau"] : code === 6 ? F["opt.dhu"] : F["opt.n3u"];
          while (optLen !== 0) {
            itemU8(f, cur);
            cur++;
            rr--;
            optLen--;
          }
          break;
        }
        case 0x50fa:
        case 8: {
          if (code === 0x50fa) expertField(ctx.pinfo, F["depr.opc"], cur - 4, 2, "warn", "Deprecated opcode. Client subnet OPT assigned as 8.", "Protocol", dnsProtocolName(ctx.pinfo));
          let addrLen = (optLen - 4) & 0xffff;
          const family = itemU16(F["opt.client.family"], cur);
          cur += 2;
          itemU8(F["opt.client.netmask"], cur);
          cur++;
          itemU8(F["opt.client.scope"], cur);
          cur++;
          if (addrLen > 16) {
            expertField(ctx.pinfo, F["rr.opt.bad_length"], cur - 6, 2, "error", "Length too long for any type of IP address.", "Malformed", dnsProtocolName(ctx.pinfo));
            addrLen = 16;
          }
          ensure(cur, addrLen, end);
          const a = new Uint8Array(16);
          a.set(d.subarray(cur, cur + addrLen));
          if (family === 1) tree.add(F["opt.client.addr4"], cur, addrLen, (((a[0]! << 24) | (a[1]! << 16) | (a[2]! << 8) | a[3]!) >>> 0));
          else if (family === 2) tree.add(F["opt.client.addr6"], cur, addrLen, a);
          else itemBytes(F["opt.client.addr"], cur, optLen - 4);
          cur += optLen - 4;
          rr -= optLen;
          break;
        }
        case 10:
          itemBytes(F["opt.cookie.client"], cur, 8);
          cur += 8;
          rr -= 8;
          optLen = (optLen - 8) & 0xffff;
          itemBytes(F["opt.cookie.server"], cur, optLen);
          cur += optLen;
          rr -= optLen;
          break;
        case 11:
          if (optLen === 2) itemU16(F["opt.edns_tcp_keepalive.timeout"], cur);
          cur += optLen;
          rr -= optLen;
          break;
        case 12:
          itemBytes(F["opt.padding"], cur, optLen);
          cur += optLen;
          rr -= optLen;
          break;
        case 13:
          if (optLen) itemAscii(F["opt.chain.fqdn"], cur, optLen);
          cur += optLen;
          rr -= optLen;
          break;
        case 15:
          if (optLen >= 2) {
            itemU16(F["opt.ext_error.info_code"], cur);
            cur += 2;
            rr -= 2;
            if (optLen > 2) {
              itemAscii(F["opt.ext_error.extra_text"], cur, optLen - 2, true);
              cur += optLen - 2;
              rr -= optLen - 2;
            }
          }
          break;
        default:
          cur += optLen;
          rr -= optLen;
      }
    } finally {
      tree.close();
    }
  }
}

const SVCB_KEYS = vals({ 0: "mandatory", 1: "alpn", 2: "no-default-alpn", 3: "port", 4: "ipv4hint", 5: "echconfig", 6: "ipv6hint", 32769: "odohconfig", 65535: "key65535" });

/** SVCB/HTTPS (RFC 9460) parameters, displayed like Wireshark 4.0. */
export function svcbRdata(cur: number, dataLen: number): void {
  const { d, end, msg, tree } = ctx;
  const start = cur;
  itemU16(F["svcb.svcpriority"], cur);
  cur += 2;
  const r = getDnsName(d, cur, 0, msg, end);
  tree.add(F["svcb.targetname"], cur, r.used, r.text);
  cur += r.used;
  while (dataLen > cur - start) {
    ensure(cur, 0, end);
    tree.open(F["svcb.svcparam"], cur, Math.max(0, end - cur), PRESENT);
    try {
      const key = itemU16(F["svcb.svcparam.key"], cur);
      cur += 2;
      const len = itemU16(F["svcb.svcparam.value.length"], cur);
      cur += 2;
      tree.setLabel(`SvcParam: ${SVCB_KEYS.get(key) ?? `key${key}`}`);
      switch (key) {
        case 0:
          for (let i = 0; i < len; i += 2, cur += 2) itemU16(F["svcb.svcparam.mandatory.key"], cur);
          break;
        case 1:
          for (let i = 0; i < len; ) {
            const l = itemU8(F["svcb.svcparam.alpn.length"], cur);
            cur++;
            itemAscii(F["svcb.svcparam.alpn"], cur, l);
            cur += l;
            i += 1 + l;
          }
          break;
        case 2:
          break;
        case 3:
          itemU16(F["svcb.svcparam.port"], cur);
          cur += 2;
          break;
        case 4:
          for (let i = 0; i < len; i += 4, cur += 4) itemIpv4(F["svcb.svcparam.ipv4hint.ip"], cur);
          break;
        case 5:
          itemBytes(F["svcb.svcparam.echconfig"], cur, len);
          cur += len;
          break;
        case 6:
          for (let i = 0; i < len; i += 16, cur += 16) itemIpv6(F["svcb.svcparam.ipv6hint.ip"], cur);
          break;
        case 32769:
          itemBytes(F["svcb.svcparam.odohconfig"], cur, len);
          cur += len;
          break;
        default:
          if (len > 0) {
            itemBytes(F["svcb.svcparam.value"], cur, len);
            cur += len;
          }
      }
    } finally {
      tree.close();
    }
  }
}

/** DNS Stateful Operations TLVs (RFC 8490 §5.4). */
export function dsoData(off: number): number {
  const { d, end, tree } = ctx;
  const start = off;
  tree.open(F.dso, off, Math.max(0, end - off), PRESENT);
  try {
    while (end - off >= 4) {
      const len = g16(d, off + 2, end);
      tree.open(F["dso.tlv"], off, len + 4, PRESENT);
      try {
        const type = itemU16(F["dso.tlv.type"], off);
        off += 2;
        itemU16(F["dso.tlv.length"], off);
        off += 2;
        if (type === 1) {
          itemU32(F["dso.tlv.keepalive.inactivity"], off);
          off += 4;
          itemU32(F["dso.tlv.keepalive.interval"], off);
          off += 4;
        } else if (type === 2) {
          itemU32(F["dso.tlv.retrydelay.retrydelay"], off);
          off += 4;
        } else if (len > 0) {
          itemBytes(type === 3 ? F["dso.tlv.encpad.padding"] : F["dso.tlv.data"], off, len);
          off += len;
        }
      } finally {
        tree.close();
      }
    }
  } finally {
    tree.close(off - start);
  }
  return off - start;
}
