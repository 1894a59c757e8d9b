/**
 * Neighbor Discovery options (RFC 4861 §4.6), carried by router and neighbor
 * solicitations and advertisements and by redirects.
 */
import { expert, u32 } from "../../common";
import { etherToString, ipv6ToString } from "../../format";
import type { PacketInfo } from "../../packet-info";
import { HIDDEN } from "../../tree";
import { bitsLabel } from "../ipv4";
import { secondsText } from "../icmp";
import { dissectContained } from "./contained";
import { icmpv6Fields, LIFETIME_INFINITY, OPTION_NAMES } from "./fields";

const F = icmpv6Fields;

function lifetimeText(v: number): string {
  return v === LIFETIME_INFINITY ? "Infinity" : `${v} (${secondsText(v)})`;
}

/** Neighbor Discovery options (RFC 4861 §4.6, RFC 8106 RDNSS/DNSSL, RFC 4191 route information). */
export function dissectNdOptions(data: Uint8Array, o: number, end: number, pinfo: PacketInfo): boolean {
  const tree = pinfo.tree;
  const cols = pinfo.wantColumns && !pinfo.inErrorPacket;
  while (o < end) {
    if (end - o < 2) return false;
    const type = data[o]!;
    const optLen = data[o + 1]! * 8;
    const name = OPTION_NAMES[type] ?? `Unknown ${type}`;
    let summary = tree.detailed ? `ICMPv6 Option (${name}` : "";
    tree.open(F.opt, o, Math.min(optLen, end - o), null, summary || undefined);
    tree.add(F["opt.type"], o, 1, type);
    tree.add(F["opt.length"], o + 1, 1, data[o + 1]!, 0, tree.detailed ? `Length: ${data[o + 1]} (${optLen} bytes)` : undefined);
    if (optLen === 0) {
      expert(pinfo, o + 1, 1, "error", "Invalid option length (Zero)", "Malformed", "ICMPv6");
      tree.close();
      return true;
    }
    if (o + optLen > end) {
      tree.close();
      return false;
    }
    const d = o + 2;
    switch (type) {
      case 1:
      case 2: {
        const specific = type === 1 ? F["opt.src_linkaddr"] : F["opt.target_linkaddr"];
        if (optLen === 8) {
          const mac = data.subarray(d, d + 6);
          const text = etherToString(mac);
          tree.add(F["opt.linkaddr"], d, 6, mac);
          tree.add(specific, d, 6, mac, HIDDEN);
          if (cols) pinfo.info += type === 1 ? ` from ${text}` : ` is at ${text}`;
          if (tree.detailed) summary += ` : ${text}`;
        } else {
          tree.add(F["opt.linkaddr"], d, optLen - 2, data.subarray(d, o + optLen));
          tree.add(specific, d, optLen - 2, data.subarray(d, o + optLen), HIDDEN);
        }
        break;
      }
      case 3: {
        if (optLen < 32) break;
        const plen = data[d]!;
        tree.add(F["opt.prefix.length"], d, 1, plen);
        const fl = data[d + 1]!;
        tree.open(F["opt.prefix.flag"], d + 1, 1, fl);
        tree.add(F["opt.prefix.flag.l"], d + 1, 1, (fl & 0x80) !== 0, 0, bitsLabel(tree, F["opt.prefix.flag.l"], fl, (fl & 0x80) !== 0));
        tree.add(F["opt.prefix.flag.a"], d + 1, 1, (fl & 0x40) !== 0, 0, bitsLabel(tree, F["opt.prefix.flag.a"], fl, (fl & 0x40) !== 0));
        tree.add(F["opt.prefix.flag.r"], d + 1, 1, (fl & 0x20) !== 0, 0, bitsLabel(tree, F["opt.prefix.flag.r"], fl, (fl & 0x20) !== 0));
        tree.add(F["opt.prefix.flag.reserved"], d + 1, 1, fl & 0x1f, 0, bitsLabel(tree, F["opt.prefix.flag.reserved"], fl, fl & 0x1f));
        tree.close();
        const valid = u32(data, d + 2);
        const pref = u32(data, d + 6);
        tree.add(F["opt.prefix.valid_lifetime"], d + 2, 4, valid, 0, tree.detailed ? `Valid Lifetime: ${lifetimeText(valid)}` : undefined);
        tree.add(F["opt.prefix.preferred_lifetime"], d + 6, 4, pref, 0, tree.detailed ? `Preferred Lifetime: ${lifetimeText(pref)}` : undefined);
        tree.add(F["opt.reserved"], d + 10, 4, null);
        const prefix = data.subarray(d + 14, d + 30);
        tree.add(F["opt.prefix"], d + 14, 16, prefix);
        if (tree.detailed) summary += ` : ${ipv6ToString(prefix)}/${plen}`;
        break;
      }
      case 4:
        tree.add(F["opt.reserved"], d, 6, null);
        if (optLen > 8) {
          tree.add(F["opt.redirected_packet"], d + 6, optLen - 8, null);
          dissectContained(data, d + 6, o + optLen, pinfo);
        }
        break;
      case 5: {
        if (optLen < 8) break;
        tree.add(F["opt.reserved"], d, 2, null);
        const mtu = u32(data, d + 2);
        tree.add(F["opt.mtu"], d + 2, 4, mtu);
        if (tree.detailed) summary += ` : ${mtu}`;
        break;
      }
      case 24: {
        // Route Information (RFC 4191 §2.3)
        tree.add(F["opt.prefix.length"], d, 1, data[d]!);
        tree.add(F["opt.route_info.flag"], d + 1, 1, data[d + 1]!);
        if (optLen >= 8) tree.add(F["opt.route_lifetime"], d + 2, 4, u32(data, d + 2));
        if (optLen > 8) {
          const n = Math.min(16, optLen - 8);
          const prefix = new Uint8Array(16);
          prefix.set(data.subarray(d + 6, d + 6 + n));
          tree.add(F["opt.prefix"], d + 6, n, prefix);
        }
        break;
      }
      case 25: {
        // Recursive DNS Server (RFC 8106 §5.1)
        if (optLen < 8) break;
        tree.add(F["opt.reserved"], d, 2, null);
        const life = u32(data, d + 2);
        tree.add(F["opt.rdnss.lifetime"], d + 2, 4, life);
        for (let p = d + 6; p + 16 <= o + optLen; p += 16) {
          const a = data.subarray(p, p + 16);
          tree.add(F["opt.rdnss"], p, 16, a);
          if (tree.detailed) summary += ` ${ipv6ToString(a)}`;
        }
        break;
      }
      case 31: {
        // DNS Search List (RFC 8106 §5.2): uncompressed domain names, zero-padded.
        if (optLen < 8) break;
        tree.add(F["opt.reserved"], d, 2, null);
        tree.add(F["opt.dnssl.lifetime"], d + 2, 4, u32(data, d + 2));
        let p = d + 6;
        const oEnd = o + optLen;
        while (p < oEnd) {
          if (data[p] === 0) {
            tree.add(F["opt.padding"], p, oEnd - p, null);
            break;
          }
          const start = p;
          const labels: string[] = [];
          while (p < oEnd && data[p] !== 0) {
            const l = data[p]!;
            labels.push(String.fromCharCode(...data.subarray(p + 1, Math.min(p + 1 + l, oEnd))));
            p += 1 + l;
          }
          p = Math.min(p + 1, oEnd);
          const nameText = labels.join(".");
          tree.add(F["opt.dnssl"], start, p - start, nameText);
          if (tree.detailed) summary += ` ${nameText}`;
        }
        break;
      }
      default:
        break;
    }
    if (tree.detailed) tree.setLabel(`${summary})`);
    tree.close();
    o += optLen;
  }
  return true;
}
