/**
 * DHCP Unique Identifiers (RFC 8415 §11), the content of the Client
 * Identifier (§21.2), Server Identifier (§21.3) and Relay-ID (RFC 5460 §5.4)
 * options:
 *
 *   +0 DUID type (2)  then by type:
 *   1 DUID-LLT  +2 hardware type (2)  +4 time (4, seconds since 2000-01-01 UTC)  +8 link-layer address
 *   2 DUID-EN   +2 enterprise number (4)  +6 identifier
 *   3 DUID-LL   +2 hardware type (2)  +4 link-layer address
 *   4 DUID-UUID +2 UUID (16, RFC 6355)
 */
import type { Ctx } from "./context";
import { dhcpv6Fields as F } from "./fields";

/** Seconds from the Unix epoch to 2000-01-01 00:00 UTC, the DUID-LLT epoch (RFC 8415 §11.2). */
const Y2K = 946684800;

/**
 * The DUID at [off, off + len) of the option whose item spans
 * [optStart, optStart + optLen) (where a "malformed" note goes).
 */
export function duid(c: Ctx, off: number, len: number, optStart: number, optLen: number): void {
  const malformed = (): void => c.expert(F.malformed_option, optStart, optLen, "error", "DUID: malformed option");
  // The type alone takes two bytes.
  if (len < 2) return malformed();
  c.bytes(F["duid.bytes"], off, len);
  const type = c.uint(F["duid.type"], off, 2);
  switch (type) {
    case 1: {
      if (len < 8) return malformed();
      const hw = c.uint(F["duidllt.hwtype"], off + 2, 2);
      // The sum wraps at 32 bits as in tshark, so times past 2106 come out early.
      const secs = (c.u32(off + 4) + Y2K) >>> 0;
      c.add(F["duidllt.time"], off + 4, 4, [secs, 0]);
      if (len > 8) c.str(F["duidllt.link_layer_addr"], off + 8, len - 8, c.hwAddr(off + 8, len - 8, hw));
      return;
    }
    case 2:
      if (len < 6) return malformed();
      c.uint(F["duiden.enterprise"], off + 2, 4);
      if (len > 6) c.bytes(F["duiden.identifier"], off + 6, len - 6);
      return;
    case 3: {
      if (len < 4) return malformed();
      const hw = c.uint(F["duidll.hwtype"], off + 2, 2);
      if (len > 4) c.str(F["duidll.link_layer_addr"], off + 4, len - 4, c.hwAddr(off + 4, len - 4, hw));
      return;
    }
    case 4:
      // RFC 6355 §4: a UUID is exactly 16 bytes.
      if (len !== 18) return malformed();
      c.bytes(F["duiduuid.bytes"], off + 2, 16);
      return;
    default:
      return;
  }
}
