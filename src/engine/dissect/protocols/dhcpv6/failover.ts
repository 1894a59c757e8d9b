/**
 * DHCPv6 failover options (RFC 8156 §5), exchanged between failover
 * partners. Data at [off, off + len), as in options.ts.
 */
import type { FieldDef } from "../../field";
import { getDnsName } from "../dns";
import type { Ctx } from "./context";
import { dhcpv6Fields as F } from "./fields";
import { badOption, fixed } from "./option-checks";

/** §5.2 connect flags, §5.7 DNS flags, §5.19 server flags: the bits under each. */
const CONNECT_FLAGS = [F["failover.connect.flags.reserved"], F["failover.connect.flags.f"]];
const DNS_FLAGS = [
  F["failover.dns.flags.reserved"], F["failover.dns.flags.u"], F["failover.dns.flags.s"], F["failover.dns.flags.r"],
  F["failover.dns.flags.f"],
];
const SERVER_FLAGS = [
  F["failover.server.flags.reserved"], F["failover.server.flags.a"], F["failover.server.flags.s"], F["failover.server.flags.c"],
];

/** A DNS wire-format name read as a DNS name (RFC 8156 §5.5, §5.6). */
function dnsName(c: Ctx, f: FieldDef, off: number, len: number): void {
  const r = getDnsName(c.d, off, len, off, c.end);
  c.str(f, off, len, r.text);
}

/** Failover options (RFC 8156 §5). */
export function failover(c: Ctx, code: number, off: number, len: number): boolean {
  const what = "Failover: malformed option";
  switch (code) {
    case 114:
      fixed(c, F["failover.binding_status"], off, len, 1, what);
      return true;
    case 115:
      if (len !== 2) badOption(c, off, len, what);
      else c.flags(F["failover.connect.flags"], CONNECT_FLAGS, off, 2);
      return true;
    case 117:
      dnsName(c, F["failover.dns_hostname"], off, len);
      return true;
    case 118:
      dnsName(c, F["failover.dns_zonename"], off, len);
      return true;
    case 119:
      if (len !== 2) badOption(c, off, len, what);
      else c.flags(F["failover.dns.flags"], DNS_FLAGS, off, 2);
      return true;
    case 127:
      if (len !== 4) {
        badOption(c, off, len, what);
      } else {
        c.uint(F["failover.protocol.major_version"], off, 2);
        c.uint(F["failover.protocol.minor_version"], off + 2, 2);
      }
      return true;
    case 129:
      if (len < 4) {
        badOption(c, off, len, what);
      } else {
        c.uint(F["failover.reconfigure_time"], off, 4);
        c.bytes(F["failover.reconfigure_key"], off + 4, len - 4);
      }
      return true;
    case 130:
      c.utf8(F["failover.relationship_name"], off, len);
      return true;
    case 131:
      if (len !== 1) badOption(c, off, len, what);
      else c.flags(F["failover.server.flags"], SERVER_FLAGS, off, 1);
      return true;
    case 132:
      fixed(c, F["failover.server_state"], off, len, 1, what);
      return true;
    default: {
      // The 32-bit time and count options.
      const f = FAILOVER_U32[code];
      if (!f) return false;
      fixed(c, F[f], off, len, 4, what);
      return true;
    }
  }
}

const FAILOVER_U32: Record<number, keyof typeof F> = {
  120: "failover.expiration_time", 121: "failover.max_unacked_bndupd", 122: "failover.mclt",
  123: "failover.partner_lifetime", 124: "failover.partner_lifetime_sent", 125: "failover.partner_down_time",
  126: "failover.partner_raw_clt_time", 128: "failover.keepalive_time", 133: "failover.start_time_of_state",
  134: "failover.state_expiration_time",
};
