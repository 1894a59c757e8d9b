/**
 * Softwire options (RFC 7598 §4: MAP-E, MAP-T and Lightweight 4over6
 * configuration). Data at [off, off + len), as in options.ts.
 */
import type { FieldDef } from "../../field";
import type { Ctx } from "./context";
import { dhcpv6Fields as F } from "./fields";
import { badOption } from "./option-checks";
import { walkOptions, type Msg } from "./walk";

/** An IPv6 prefix of `bits` bits stored in as few bytes as hold it (RFC 7598 §4.1), zero-filled. */
function s46Prefix(c: Ctx, f: FieldDef, off: number, bits: number): number {
  const n = ((bits + 7) & 0xf8) >> 3;
  c.need(off, n);
  const a = new Uint8Array(16);
  a.set(c.d.subarray(off, off + n));
  c.add(f, off, n, a);
  return n;
}

/** Softwire options (RFC 7598 §4). */
export function softwire(c: Ctx, code: number, off: number, len: number, m: Msg): boolean {
  switch (code) {
    case 89:
      s46Rule(c, off, len, m);
      return true;
    case 90: // §4.2 BR address
      if (len !== 16) badOption(c, off, len, "S46_BR: malformed option");
      else c.ip6(F["s46_br.address"], off);
      return true;
    case 91:
      s46Dmr(c, off, len);
      return true;
    case 92:
      s46Binding(c, off, len, m);
      return true;
    case 93:
      s46PortParams(c, off, len);
      return true;
    case 94: // §4.6 containers of the options above
    case 95:
    case 96:
      walkOptions(c, off, off + len, m);
      return true;
    default:
      return false;
  }
}

/** §4.1 S46 Rule: flags, EA length, IPv4 prefix length, IPv4 prefix, IPv6 prefix length, prefix, options. */
function s46Rule(c: Ctx, off: number, len: number, m: Msg): void {
  const bad = (): void => badOption(c, off, len, "S46_RULE: malformed option");
  if (len < 8) return bad();
  c.flags(F["s46_rule.flags"], [F["s46_rule.flags.reserved"], F["s46_rule.flags.fmr"]], off, 1);
  c.uint(F["s46_rule.ea_len"], off + 1, 1);
  if (c.uint(F["s46_rule.ipv4_pref_len"], off + 2, 1) > 32) return bad();
  c.ip4(F["s46_rule.ipv4_prefix"], off + 3);
  const bits = c.uint(F["s46_rule.ipv6_prefix_len"], off + 7, 1);
  if (bits > 128) return bad();
  const n = s46Prefix(c, F["s46_rule.ipv6_prefix"], off + 8, bits);
  walkOptions(c, off + 8 + n, off + len, m);
}

/** §4.3 DMR: prefix length, then the prefix. */
function s46Dmr(c: Ctx, off: number, len: number): void {
  const bad = (): void => badOption(c, off, len, "S46_DMR: malformed option");
  if (len < 1 || len > 17) return bad();
  const bits = c.uint(F["s46_dmr.dmr_pref_len"], off, 1);
  if (bits > 128) return bad();
  s46Prefix(c, F["s46_dmr.dmr_prefix"], off + 1, bits);
}

/** §4.4 IPv4/IPv6 binding: IPv4 address, prefix length, prefix, options. */
function s46Binding(c: Ctx, off: number, len: number, m: Msg): void {
  const bad = (): void => badOption(c, off, len, "S46_V4V6BIND: malformed option");
  if (len < 5) return bad();
  c.ip4(F["s46_v4v6bind.ipv4_address"], off);
  const bits = c.uint(F["s46_v4v6bind.ipv6_pref_len"], off + 4, 1);
  if (bits > 128) return bad();
  const n = s46Prefix(c, F["s46_v4v6bind.ipv6_prefix"], off + 5, bits);
  walkOptions(c, off + 5 + n, off + len, m);
}

/** §4.5 port parameters: offset, PSID length, PSID (left-aligned in 16 bits). */
function s46PortParams(c: Ctx, off: number, len: number): void {
  const bad = (): void => badOption(c, off, len, "S46_PORTPARAMS: malformed option");
  if (len !== 4) return bad();
  if (c.uint(F["s46_portparam.offset"], off, 1) > 15) return bad();
  const psidLen = c.uint(F["s46_portparam.psid_len"], off + 1, 1);
  if (psidLen > 16) return bad();
  c.add(F["s46_portparam.psid"], off + 2, 2, c.u16(off + 2) >> (16 - psidLen));
}
