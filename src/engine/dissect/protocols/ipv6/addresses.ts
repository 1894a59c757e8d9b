/**
 * The source and destination addresses as fields, and the generated fields for
 * addresses that embed others (6to4, Teredo, SLAAC, ISATAP, RFC 6052).
 */
import { u16, u32 } from "../../common";
import { ipv6ToString } from "../../format";
import type { PacketInfo } from "../../packet-info";
import { GENERATED, HIDDEN } from "../../tree";
import { ipv6Fields } from "./fields";

/**
 * The last few addresses' texts: a capture's packets go between few hosts,
 * and formatting an IPv6 address (RFC 5952) costs more than comparing 16
 * bytes. Per capture (pinfo.state), so dissections never share it.
 */
class AddressTexts {
  private readonly bytes = new Uint8Array(16 * 4);
  private readonly texts = ["", "", "", ""];
  private next = 0;

  text(a: Uint8Array): string {
    const b = this.bytes;
    for (let k = 0; k < 4; k++) {
      const at = k * 16;
      let i = 0;
      while (i < 16 && b[at + i] === a[i]) i++;
      if (i === 16 && this.texts[k] !== "") return this.texts[k]!;
    }
    const text = ipv6ToString(a);
    const k = this.next;
    this.next = (k + 1) & 3;
    b.set(a.subarray(0, 16), k * 16);
    this.texts[k] = text;
    return text;
  }
}

export function addAddress(pinfo: PacketInfo, f: typeof ipv6Fields.src, host: typeof ipv6Fields.src_host, a: Uint8Array, o: number): string {
  const tree = pinfo.tree;
  const text = pinfo.state.get("ipv6-address-texts", () => new AddressTexts()).text(a);
  tree.add(f, o, 16, a);
  tree.add(ipv6Fields.addr, o, 16, a, HIDDEN);
  tree.add(host, o, 16, text, HIDDEN | GENERATED);
  tree.add(ipv6Fields.host, o, 16, text, HIDDEN | GENERATED);
  return text;
}

/** Generated fields for addresses that embed other addresses (6to4, Teredo, SLAAC, ISATAP, RFC 6052). */
export function addEmbeddedAddresses(pinfo: PacketInfo, data: Uint8Array, s: number, d: number): void {
  const tree = pinfo.tree;
  const F = ipv6Fields;
  // Each specific field is generated; the direction-less twin is also hidden (ADDRESS_SET_GENERATED_HIDDEN).
  const pair = (o: number, mine: typeof F.src_6to4_gw_ipv4, generic: typeof F.src_6to4_gw_ipv4, off: number, len: number, v: number | Uint8Array): void => {
    tree.add(mine, o + off, len, v, GENERATED);
    tree.add(generic, o + off, len, v, GENERATED | HIDDEN);
  };
  for (const [o, gw, sla] of [[s, F.src_6to4_gw_ipv4, F.src_6to4_sla_id], [d, F.dst_6to4_gw_ipv4, F.dst_6to4_sla_id]] as const) {
    // RFC 3056 §2: 2002:V4ADDR::/48.
    if (u16(data, o) !== 0x2002) continue;
    tree.add(gw, o + 2, 4, u32(data, o + 2), GENERATED);
    tree.add(sla, o + 6, 2, u16(data, o + 6), GENERATED);
    tree.add(F["6to4_gw_ipv4"], o + 2, 4, u32(data, o + 2), GENERATED | HIDDEN);
    tree.add(F["6to4_sla_id"], o + 6, 2, u16(data, o + 6), GENERATED | HIDDEN);
  }
  for (const [o, srv, port, cli] of [[s, F.src_ts_ipv4, F.src_tc_port, F.src_tc_ipv4], [d, F.dst_ts_ipv4, F.dst_tc_port, F.dst_tc_ipv4]] as const) {
    // RFC 4380 §4: 2001:0000:server:flags:~port:~client.
    if (u32(data, o) !== 0x20010000) continue;
    const p = u16(data, o + 10) ^ 0xffff;
    const c = (u32(data, o + 12) ^ 0xffffffff) >>> 0;
    tree.add(srv, o + 4, 4, u32(data, o + 4), GENERATED);
    tree.add(port, o + 10, 2, p, GENERATED);
    tree.add(cli, o + 12, 4, c, GENERATED);
    tree.add(F.ts_ipv4, o + 4, 4, u32(data, o + 4), GENERATED | HIDDEN);
    tree.add(F.tc_port, o + 10, 2, p, GENERATED | HIDDEN);
    tree.add(F.tc_ipv4, o + 12, 4, c, GENERATED | HIDDEN);
  }
  for (const [o, mac] of [[s, F.src_slaac_mac], [d, F.dst_slaac_mac]] as const) {
    // RFC 4291 appendix A: modified EUI-64 interface identifier xx:xx:xx:ff:fe:xx:xx:xx with the U/L bit set.
    if (!(data[o + 8]! & 0x02) || u16(data, o + 11) !== 0xfffe) continue;
    const m = new Uint8Array([data[o + 8]! & ~0x02, data[o + 9]!, data[o + 10]!, data[o + 13]!, data[o + 14]!, data[o + 15]!]);
    pair(o, mac, F.slaac_mac, 8, 8, m);
  }
  for (const [o, v4] of [[s, F.src_isatap_ipv4], [d, F.dst_isatap_ipv4]] as const) {
    // RFC 5214 §6.1: interface identifier [0200:]5efe:V4ADDR.
    if ((u32(data, o + 8) & 0xfcffffff) !== 0x00005efe) continue;
    pair(o, v4, F.isatap_ipv4, 12, 4, u32(data, o + 12));
  }
  for (const [o, v4] of [[s, F.src_embed_ipv4], [d, F.dst_embed_ipv4]] as const) {
    // RFC 6052 §2.1: the well-known prefix 64:ff9b::/96.
    if (u32(data, o) !== 0x0064ff9b || u32(data, o + 4) !== 0 || u32(data, o + 8) !== 0) continue;
    tree.add(F.embed_ipv4_prefix, o, 12, data.subarray(o, o + 12), GENERATED);
    tree.add(v4, o + 12, 4, u32(data, o + 12), GENERATED);
    tree.add(F.embed_ipv4, o + 12, 4, u32(data, o + 12), GENERATED);
  }
}

/** The fields addEmbeddedAddresses reports: skipped unless someone reads them. */
export const EMBEDDED_ADDRESS_FIELDS = [
  "src_slaac_mac", "src_isatap_ipv4", "src_6to4_gw_ipv4", "src_6to4_sla_id", "src_ts_ipv4", "src_tc_port", "src_tc_ipv4", "src_embed_ipv4",
  "dst_slaac_mac", "dst_isatap_ipv4", "dst_6to4_gw_ipv4", "dst_6to4_sla_id", "dst_ts_ipv4", "dst_tc_port", "dst_tc_ipv4", "dst_embed_ipv4",
  "slaac_mac", "isatap_ipv4", "6to4_gw_ipv4", "6to4_sla_id", "ts_ipv4", "tc_port", "tc_ipv4", "embed_ipv4_prefix", "embed_ipv4",
].map((k) => ipv6Fields[k as keyof typeof ipv6Fields]);
