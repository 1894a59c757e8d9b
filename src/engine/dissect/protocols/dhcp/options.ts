/**
 * One option (RFC 2132 and later): its code, length and value, in Wireshark
 * 4.0's order, with the values of the options it knows beyond the basic ones
 * (message type, parameter request list, client identifier, FQDN, classless
 * routes, relay agent information, ...).
 */
import { expertField } from "../../common";
import { ipv4ToString, timeSecsToStr } from "../../format";
import { HIDDEN } from "../../tree";
import { asciiString, ensure, g8, g16, g32 } from "../../bytes";
import { getDnsName, TEXT } from "../dns";
import { type Walk, addBytes, addIp, addString, addU16, addU32, addU8, arphrdAddr, badLength, ctx } from "./context";
import { OPT53, OPT_NAMES, basicByCode, dhcpFields as F } from "./fields";

/**
 * dhcp_option(): one option at `voff` below `eoff`. The first pass (no tree)
 * never throws while reading what it needs; the second builds the tree.
 * Returns the bytes the option takes.
 */
export function dhcpOption(voff: number, eoff: number, first: boolean, w: Walk): number {
  const { d, tree } = ctx;
  const end = ctx.end;
  const code = g8(d, voff, end);
  if (code === 0) {
    let i = voff + 1;
    for (; i < eoff; i++) if (g8(d, i, end) !== 0) break;
    const n = i - voff;
    if (!first) {
      tree.open(F["option.type"], voff, 1, 0, ctx.detailed ? "Option: (0) Padding" : undefined);
      addBytes(F["option.padding"], voff, n);
      tree.close();
    }
    return n;
  }
  if (code === 255) {
    if (!first) {
      tree.open(F["option.type"], voff, 1, 0, ctx.detailed ? "Option: (255) End" : undefined);
      addU8(F["option.end"], voff);
      tree.close();
    }
    w.atEnd = true;
    return 1;
  }
  if (first) {
    if (voff + 2 > end) return 1;
    const optlen = d[voff + 1]!;
    if (voff + 2 + optlen <= end) {
      if (code === 52) w.overload = d[voff + 2]!;
      else if (code === 53) {
        const t = voff + 2 < end ? d[voff + 2]! : 0;
        w.dhcpType = OPT53.get(t) ?? `Unknown Message Type (0x${t.toString(16).padStart(2, "0")})`;
      } else if (code === 119) w.searchBlocks++;
    }
    return optlen + 2;
  }
  const optlen = g8(d, voff + 1, end);
  const consumed = optlen + 2;
  const name = OPT_NAMES[code] ?? "unknown";
  const label = ctx.detailed ? `Option: (${code}) ${name}` : undefined;
  tree.open(F["option.type"], voff, consumed, code, label);
  try {
    addU8(F["option.length"], voff + 1);
    addBytes(F["option.value"], voff + 2, optlen, HIDDEN);
    // The option's own dissector sees only the option data (a sub-tvb): reads past it throw.
    const pktEnd = ctx.end;
    ctx.end = voff + 2 + optlen;
    try {
      optionValue(code, voff + 2, optlen, w, label, pktEnd);
    } finally {
      ctx.end = pktEnd;
    }
  } finally {
    tree.close();
  }
  return consumed;
}

/** The value of one option (Wireshark's per-option dissectors). `o` and `len` bound the option data. */
function optionValue(code: number, o: number, len: number, w: Walk, label: string | undefined, pktEnd: number): void {
  const { d, tree, end } = ctx;
  const oend = o + len;
  const rd8 = (p: number): number => g8(d, p, end);
  const basic = basicByCode.get(code);
  if (basic) {
    const f = basic.field;
    switch (basic.kind) {
      case "ipv4":
        if (len !== 4) return badLength(o, len, "length isn't 4");
        addIp(f, o);
        if (label !== undefined) tree.setLabel(`${label} (${ipv4ToString(g32(d, o, end))})`);
        return;
      case "ipv4_list":
        for (let i = o, left = len; left > 0; i += 4, left -= 4) {
          if (left < 4) return badLength(o, len, "Option length isn't a multiple of 4");
          addIp(f, i);
        }
        return;
      case "string":
        addString(f, o, len);
        return;
      case "bool":
        if (len !== 1) return badLength(o, len, "length isn't 1");
        tree.add(f, o, 1, g8(d, o, end) !== 0);
        return;
      case "u8":
        if (len !== 1) return badLength(o, len, "length isn't 1");
        addU8(f, o);
        return;
      case "u16":
        if (len !== 2) return badLength(o, len, "length isn't 2");
        addU16(f, o);
        return;
      case "u16_list":
        for (let i = o, left = len; left > 0; i += 2, left -= 2) {
          if (left < 2) return badLength(o, len, "Option length isn't a multiple of 2");
          addU16(f, i);
        }
        return;
      case "time_s": {
        if (len !== 4) return badLength(o, len, "length isn't 4");
        const v = g32(d, o, end) | 0;
        tree.add(f, o, 4, v, 0, ctx.detailed ? `${f.name}: (${v}s) ${v < 0 ? "-" + timeSecsToStr(-v) : timeSecsToStr(v)}` : undefined);
        return;
      }
      case "time_u": {
        if (len !== 4) return badLength(o, len, "length isn't 4");
        const v = g32(d, o, end);
        tree.add(f, o, 4, v, 0, ctx.detailed ? `${f.name}: (${v}s) ${v === 0xffffffff ? "infinity" : timeSecsToStr(v)}` : undefined);
        return;
      }
    }
  }
  switch (code) {
    case 21:
    case 33: {
      const [a, b] = code === 21 ? [F["option.policy_filter.ip"], F["option.policy_filter.subnet_mask"]] : [F["option.static_route.ip"], F["option.static_route.router"]];
      let i = o;
      for (; oend - i >= 8; i += 8) {
        addIp(a, i);
        addIp(b, i + 4);
      }
      if (oend - i > 0) badLength(o, len, "Option length isn't a multiple of 8");
      return;
    }
    case 43:
      addBytes(F["option.vendor.value"], o, len);
      return;
    case 52: {
      if (len < 1) return badLength(o, len, "length isn't >= 1");
      const byte = addU8(F["option.option_overload"], o);
      if (w.overload >= 1 && w.overload <= 3) {
        const sub = (start: number, size: number, text: string): void => {
          ensure(start, size, pktEnd);
          tree.open(TEXT, start, size, null, text);
          const saved = ctx.end;
          ctx.end = pktEnd;
          try {
            const sw: Walk = { ...w, overload: 0, atEnd: false, searchIndex: 0 };
            for (let p = start; p < start + size && !sw.atEnd; ) p += dhcpOption(p, start + size, false, sw);
          } finally {
            ctx.end = saved;
            tree.close();
          }
        };
        if (byte & 2) sub(44, 64, "Server host name option overload");
        if (byte & 1) sub(108, 128, "Boot file name option overload");
        w.overload = 0;
      }
      return;
    }
    case 53: {
      const t = rd8(o);
      tree.add(F["option.dhcp"], o, 1, t);
      if (label !== undefined) tree.setLabel(`${label} (${OPT53.get(t) ?? `Unknown Message Type (0x${t.toString(16).padStart(2, "0")})`})`);
      return;
    }
    case 55:
      for (let i = o; i < oend; i++) {
        const b = rd8(i);
        tree.add(F["option.request_list_item"], i, 1, b, 0, ctx.detailed ? `Parameter Request List Item: (${b}) ${OPT_NAMES[b] ?? "unknown"}` : undefined);
      }
      return;
    case 60:
      addString(F["option.vendor_class_id"], o, len);
      return;
    case 61: {
      const byte = len > 0 ? rd8(o) : 0;
      if (len === 7 && byte > 0 && byte < 48) {
        tree.add(F["hw.type"], o, 1, byte);
        if (byte === 1 || byte === 6) {
          ensure(o + 1, 6, end);
          tree.add(F["hw.mac_addr"], o + 1, 6, d.subarray(o + 1, o + 7));
        } else tree.add(F.client_hardware_address, o + 1, 6, arphrdAddr(o + 1, 6, byte));
      } else if (len === 17 && byte === 0) {
        addBytes(F["client_id.uuid"], o + 1, 16);
      } else if (byte === 255) {
        tree.add(F["client_id.iaid"], o + 1, 4, arphrdAddr(o + 1, 4, byte));
        const p = o + 5;
        const duid = g16(d, p, end);
        tree.add(F["client_id.duid_type"], p, 2, duid);
        if (duid === 1 && len >= 8) {
          const hw = g16(d, p + 2, end);
          tree.add(F["client_id.duid_llt_hw_type"], p + 2, 2, hw);
          addU32(F["client_id.time"], p + 4);
          if (len > 8) tree.add(F["client_id.link_layer_address"], p + 8, len - 13, arphrdAddr(p + 8, len - 13, hw));
        } else if (duid === 2 && len >= 6) {
          addU32(F["client_id.enterprise_num"], p + 2);
          if (len > 6) addBytes(F.client_id, p + 6, len - 11);
        } else if (duid === 3 && len >= 4) {
          const hw = g16(d, p + 2, end);
          tree.add(F["client_id.duid_ll_hw_type"], p + 2, 2, hw);
          if (len > 4) tree.add(F["client_id.link_layer_address"], p + 4, len - 9, arphrdAddr(p + 4, len - 9, hw));
        }
      } else if (byte === 0 && len > 1) {
        addU8(F["client_id.type"], o);
        addString(F["client_id.undef"], o + 1, len - 1);
      }
      return;
    }
    case 77: {
      if (len < 2) return badLength(o, len, "length isn't >= 2");
      if (!(oend - o >= 4 && d[o] === 0x69 && d[o + 1] === 0x50 && d[o + 2] === 0x58 && d[o + 3] === 0x45)) {
        // "iPXE" violates RFC 3004; Wireshark shows the whole value as data then.
        let idx = 0;
        let p = o;
        while (p < oend) {
          if (oend - p >= 14 && asciiString(d, p, p + 14, false) === "RRAS.Microsoft") {
            tree.open(F["option.user_class"], p, 1, idx, ctx.detailed ? `Instance of User Class: [${idx}]` : undefined);
            addString(F["option.user_class.text"], p, 14);
            tree.close();
            p += 14;
          } else {
            tree.open(F["option.user_class"], p, 1, idx, ctx.detailed ? `Instance of User Class: [${idx}]` : undefined);
            let cl: number;
            try {
              cl = addU8(F["option.user_class.length"], p);
              p++;
              if (cl !== 0) addBytes(F["option.user_class.data"], p, cl);
            } finally {
              tree.close();
            }
            if (cl === 0) break;
            p += cl;
          }
          idx++;
        }
      } else {
        addBytes(F["option.user_class.data"], o, len);
      }
      return;
    }
    case 81: {
      if (len < 3) return badLength(o, len, "length isn't >= 3");
      const fl = rd8(o);
      tree.open(F["fqdn.flags"], o, 1, fl);
      tree.add(F["fqdn.mbz"], o, 1, fl & 0xf0);
      tree.add(F["fqdn.n"], o, 1, (fl & 8) !== 0);
      tree.add(F["fqdn.e"], o, 1, (fl & 4) !== 0);
      tree.add(F["fqdn.o"], o, 1, (fl & 2) !== 0);
      tree.add(F["fqdn.s"], o, 1, (fl & 1) !== 0);
      tree.close();
      addU8(F["fqdn.rcode1"], o + 1);
      addU8(F["fqdn.rcode2"], o + 2);
      if (len > 3) {
        if (fl & 4) {
          const r = getDnsName(d, o + 3, len - 3, o + 3, end);
          tree.add(F["fqdn.name"], o + 3, len - 3, r.text);
        } else addString(F["fqdn.name"], o + 3, len - 3);
      }
      return;
    }
    case 85: {
      let i = o;
      for (; oend - i >= 4; i += 4) addIp(F["option.novell_dss.ip"], i);
      if (oend - i > 0) badLength(o, len, "Option length isn't a multiple of 4");
      return;
    }
    case 93: {
      let i = o;
      for (; oend - i > 1; i += 2) {
        if (addU16(F["option.client_system_architecture"], i) === 9) {
          expertField(ctx.pinfo, F["option.client_architecture.ambiguous"], i + ctx.base, 2, "warn", "Client Architecture ID 9 is often incorrectly used for EFI x64", "Protocol", "DHCP/BOOTP");
        }
      }
      if (oend - i > 0) badLength(o, len, "Option length isn't a multiple of 2");
      return;
    }
    case 94: {
      const t = rd8(o);
      if (t === 1) {
        tree.add(F.client_network_id_major, o + 1, 1, rd8(o + 1));
        tree.add(F.client_network_id_minor, o + 2, 1, rd8(o + 2));
      }
      return;
    }
    case 97: {
      const byte = len > 0 ? rd8(o) : 0;
      if (len === 7 && byte > 0 && byte < 48) {
        tree.add(F["hw.type"], o, 1, byte);
        if (byte === 1 || byte === 6) {
          ensure(o + 1, 6, end);
          tree.add(F["hw.mac_addr"], o + 1, 6, d.subarray(o + 1, o + 7));
        } else tree.add(F.client_hardware_address, o + 1, 6, arphrdAddr(o + 1, 6, byte));
      } else if (len === 17 && byte === 0) addBytes(F["client_id.uuid"], o + 1, 16);
      return;
    }
    case 117: {
      if (len < 2) return badLength(o, len, "length isn't >= 2");
      if (len & 1) return badLength(o, len, `length (${len}) isn't even number`);
      const names: Record<number, string> = {
        0: "Local naming information (e.g., an /etc/hosts file on a UNIX machine) (0)", 6: "Domain Name Server Option (6)",
        41: "Network Information Servers Option (41)", 44: "NetBIOS over TCP/IP Name Server Option (44)",
        65: "Network Information Service+ Servers Option (65)",
      };
      for (let i = o; i < oend; i += 2) {
        const ns = g16(d, i, end);
        if (names[ns]) tree.add(F["option.dhcp_name_service_search_option"], i, 2, names[ns]!);
        else expertField(ctx.pinfo, F["option.dhcp_name_service.invalid"], i + ctx.base, 2, "error", `Invalid Name Service (${ns}). RFC 2937 defines only 0, 6, 41, 44, and 65 as possible values.`, "Protocol", "DHCP/BOOTP");
      }
      return;
    }
    case 119: {
      // RFC 3396: long options arrive split; names are decoded once all blocks are in.
      w.searchIndex++;
      if (w.searchBlocks > 1) {
        tree.add(F["option.dhcp_dns_domain_search_list_rfc_3396_detected"], o, len, `${w.searchIndex}/${w.searchBlocks}`);
        if (w.searchIndex !== w.searchBlocks) tree.add(F["option.dhcp_dns_domain_search_list_refer_last_option"], o, len, `${w.searchBlocks}/${w.searchBlocks}`);
      }
      if (len) {
        ensure(o, len, end);
        for (let i = o; i < oend; i++) w.searchData.push(d[i]!);
      }
      if (w.searchIndex === w.searchBlocks && w.searchData.length) {
        const buf = Uint8Array.from(w.searchData);
        w.searchData = [];
        for (let p = 0; p < buf.length; ) {
          const r = getDnsName(buf, p, buf.length, 0, buf.length);
          if (w.searchBlocks === 1) tree.add(F["option.dhcp_dns_domain_search_list_fqdn"], o + p, r.used, r.raw);
          else tree.add(F["option.dhcp_dns_domain_search_list_fqdn"], 0, 0, r.raw);
          p += r.used;
        }
      }
      return;
    }
    case 121:
    case 249: {
      if (len < 5) return badLength(o, len, "length isn't >= 5");
      let p = o;
      while (p < oend) {
        const mw = rd8(p);
        if (mw > 32) {
          expertField(ctx.pinfo, F["option.classless_static.route"], o + ctx.base, len, "error", `Mask width (${mw}) > 32`, "Protocol", "DHCP/BOOTP");
          return;
        }
        const sig = Math.trunc((mw + 7) / 8);
        let text = "";
        const itemLen = 1 + sig + 4;
        p++;
        if (oend - (p + sig + 4) < 0) {
          tree.add(F["option.classless_static_route"], p - 1, itemLen, d.subarray(p - 1, Math.min(end, p - 1 + itemLen)));
          return;
        }
        if (mw === 0) text = "default";
        else {
          const parts: number[] = [];
          for (let i = 0; i < sig; i++) parts.push(rd8(p++));
          for (let i = sig; i < 4; i++) parts.push(0);
          text = `${parts.join(".")}/${mw}`;
        }
        text += `-${ipv4ToString(g32(d, p, end))}`;
        ensure(p - 1 - (mw === 0 ? 0 : sig), itemLen, end);
        const start = p - 1 - (mw === 0 ? 0 : sig);
        tree.add(F["option.classless_static_route"], start, itemLen, d.subarray(start, start + itemLen), 0, ctx.detailed ? `Subnet/MaskWidth-Router: ${text}` : undefined);
        p += 4;
      }
      return;
    }
    case 124: {
      if (len === 1) return;
      let p = o;
      while (oend - p >= 5) {
        addU32(F["option.vi_class.enterprise"], p);
        p += 4;
        const dl = addU8(F["option.vi_class.length"], p);
        p++;
        addString(F["option.vi_class.data"], p, dl);
        p += dl;
      }
      return;
    }
    case 145:
      for (let i = o; i < oend; i++) tree.add(F["option.forcerenew_nonce.algorithm"], i, 1, rd8(i));
      return;
    default:
      return;
  }
}
