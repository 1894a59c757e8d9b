/**
 * The options RFC 8415 §21 defines (plus the Relay-ID of RFC 5460, which
 * carries a DUID too, and the Echo Request Option of RFC 4994, which reads
 * like the Option Request Option). Each decoder gets the option data at
 * [off, off + len); the option's own item spans [off - 4, off + len).
 *
 * Where an option's length is wrong for its kind, tshark 4.0 adds a
 * "malformed option" note to the option and shows nothing more of it; where
 * a length is right but a sub-field still runs past the captured data, the
 * read fails and the packet is marked malformed. Both are kept, as are
 * tshark's exact texts (some, like "IA_TA: malformed option" on an IA
 * Address, are its own).
 */
import type { FieldDef } from "../../field";
import { ipv6ToString } from "../../format";
import { hexShort, type Ctx } from "./context";
import { duid } from "./duid";
import { dhcpv6Fields as F } from "./fields";
import { clientFqdn } from "./fqdn";
import { dissectMessage } from "./message";
import { badOption } from "./option-checks";
import { walkOptions, type Msg } from "./walk";

/** RFC 8415 §7.7: a lifetime of all ones means "infinity". */
const INFINITY = 0xffffffff;

/** A 32-bit lifetime: all ones is shown as "infinity" (with `infinityLabel` as the whole line). */
function lifetime(c: Ctx, f: FieldDef, o: number, infinityLabel = `${f.name}: infinity`): void {
  if (c.u32(o) === INFINITY) c.add(f, o, 4, INFINITY, c.detailed ? infinityLabel : undefined);
  else c.uint(f, o, 4);
}

/** Decodes an RFC 8415 option's data; false when `code` is not one of them. */
export function coreOption(c: Ctx, code: number, off: number, len: number, m: Msg): boolean {
  switch (code) {
    case 1: // Client Identifier (§21.2); the Info column shows its DUID.
      if (len > 0) {
        // tshark reads the DUID for the column whether or not anyone shows it.
        c.need(off, len);
        if (c.cols) c.info(`CID: ${hexShort(c.d, off, len)} `);
      }
      duid(c, off, len, off - 4, len + 4);
      return true;
    case 2: // Server Identifier (§21.3)
    case 53: // Relay-ID (RFC 5460 §5.4.1)
      duid(c, off, len, off - 4, len + 4);
      return true;
    case 3: // IA_NA (§21.4): IAID, T1, T2, then IA options
    case 25: // IA_PD (§21.21): the same layout
      if (len < 12) {
        badOption(c, off, len, code === 3 ? "IA_NA: malformed option" : "IA_PD: malformed option");
        return true;
      }
      // The IAID is opaque; shown as hex.
      c.str(F.iaid, off, 4, c.hwAddr(off, 4, code));
      lifetime(c, F["iaid.t1"], off + 4);
      lifetime(c, F["iaid.t2"], off + 8);
      walkOptions(c, off + 12, off + len, m);
      return true;
    case 4: // IA_TA (§21.5): IAID, then IA options
      if (len < 4) {
        badOption(c, off, len, "IA_TA: malformed option");
        return true;
      }
      c.str(F.iata, off, 4, c.hwAddr(off, 4, code));
      walkOptions(c, off + 4, off + len, m);
      return true;
    case 5: // IA Address (§21.6): address, preferred and valid lifetimes, options
      iaAddress(c, off, len, m);
      return true;
    case 6: // Option Request (§21.7)
    case 43: // Echo Request (RFC 4994 §4)
      for (let i = 0; i < len; i += 2) c.uint(F.requested_option_code, off + i, 2);
      return true;
    case 7: // Preference (§21.8)
      if (len !== 1) badOption(c, off, len, "PREFERENCE: malformed option");
      else c.uint(F.option_preference, off, 1);
      return true;
    case 8: // Elapsed Time (§21.9), in hundredths of a second; shown in milliseconds.
      if (len !== 2) badOption(c, off, len, "ELAPSED-TIME: malformed option");
      else c.add(F.elapsed_time, off, 2, c.u16(off) * 10);
      return true;
    case 9: // Relay Message (§21.10): a whole DHCPv6 message
      if (len === 0) badOption(c, off, len, "RELAY-MSG: malformed option");
      else dissectMessage(c, off, off + len, m.hop);
      return true;
    case 11:
      authentication(c, off, len);
      return true;
    case 12: // Server Unicast (§21.12)
      if (len !== 16) badOption(c, off, len, "UNICAST: malformed option");
      else c.ip6(F.unicast, off);
      return true;
    case 13: // Status Code (§21.13): code, then a UTF-8 message (shown as ASCII, as tshark does)
      c.uint(F.status_code, off, 2);
      if (len > 2) c.ascii(F.status_msg, off + 2, len - 2);
      return true;
    case 20: // Reconfigure Accept (§21.20): no data
      if (len) badOption(c, off, len, "RECONF_ACCEPT: malformed option");
      return true;
    case 15:
      userClass(c, off, len);
      return true;
    case 16:
      vendorClass(c, off, len);
      return true;
    case 17:
      vendorOptions(c, off, len);
      return true;
    case 18: // Interface-Id (§21.18): opaque
      if (len === 0) badOption(c, off, len, "INTERFACE_ID: malformed option");
      else c.bytes(F.interface_id, off, len);
      return true;
    case 19: // Reconfigure Message (§21.19): the message type the client should send
      if (len !== 1) badOption(c, off, len, "RECONF_MSG: malformed option");
      else c.uint(F.reconf_msg, off, 1);
      return true;
    case 26: // IA Prefix (§21.22): lifetimes, prefix length, prefix, options
      if (len < 25) {
        badOption(c, off, len, "IAPREFIX: malformed option");
        return true;
      }
      lifetime(c, F["iaprefix.pref_lifetime"], off);
      lifetime(c, F["iaprefix.valid_lifetime"], off + 4);
      c.uint(F["iaprefix.pref_len"], off + 8, 1);
      c.ip6(F["iaprefix.pref_addr"], off + 9);
      walkOptions(c, off + 25, off + len, m);
      return true;
    case 39:
      clientFqdn(c, off, len, m.type);
      return true;
    default:
      return false;
  }
}

function iaAddress(c: Ctx, off: number, len: number, m: Msg): void {
  if (len < 24) {
    badOption(c, off, len, "IA_TA: malformed option");
    return;
  }
  c.ip6(F["iaaddr.ip"], off);
  if (c.cols) c.info(`IAA: ${ipText(c, off)} `);
  lifetime(c, F["iaaddr.pref_lifetime"], off + 16);
  // tshark labels an infinite valid lifetime "Preferred lifetime: infinity".
  lifetime(c, F["iaaddr.valid_lifetime"], off + 20, "Preferred lifetime: infinity");
  walkOptions(c, off + 24, off + len, m);
}

function ipText(c: Ctx, o: number): string {
  return ipv6ToString(c.d.subarray(o, o + 16));
}

/**
 * Authentication (§21.11): protocol, algorithm, RDM, replay detection (8),
 * then the information. With algorithm 1 (RFC 3315 §21.4's HMAC-MD5 delayed
 * authentication) and room for more than key ID and digest, the information
 * is realm, key ID (4) and HMAC-MD5 (16).
 */
function authentication(c: Ctx, off: number, len: number): void {
  if (len < 11) {
    badOption(c, off, len, "AUTH: malformed option");
    return;
  }
  c.uint(F["auth.protocol"], off, 1);
  const algorithm = c.uint(F["auth.algorithm"], off + 1, 1);
  c.uint(F["auth.rdm"], off + 2, 1);
  c.bytes(F["auth.replay_detection"], off + 3, 8);
  if (len > 11 + 20 && algorithm === 1) {
    if (len - 11 - 20 < 256) c.ascii(F["auth.realm"], off + 11, len - 11 - 20);
    else badOption(c, off, len, "DHCP realm: probably malformed option");
    c.uint(F["auth.key_id"], off + len - 20, 4);
    c.bytes(F["auth.md5_data"], off + len - 16, 16);
  } else {
    c.bytes(F["auth.info"], off + 11, len - 11);
  }
}

/** User Class (§21.15): instances of (length (2), opaque data). */
function userClass(c: Ctx, off: number, len: number): void {
  for (let t = 0; len > t; ) {
    const n = c.u16(off + t);
    if (n > len - t) {
      badOption(c, off, len, "User Class: suboption too long");
      return;
    }
    c.openText(off + t, n, "User Class suboption");
    c.uint(F["userclass.length"], off + t, 2);
    c.bytes(F["userclass.opaque_data"], off + t + 2, n);
    c.close();
    t += n + 2;
  }
}

/**
 * Vendor Class (§21.16): enterprise number (4), then vendor-class-data, a
 * list of (length (2), opaque). tshark skips the first length and shows the
 * rest as one NUL-terminated string.
 */
function vendorClass(c: Ctx, off: number, len: number): void {
  if (len < 4) {
    badOption(c, off, len, "VENDOR_CLASS: malformed option");
    return;
  }
  c.uint(F["vendorclass.enterprise"], off, 4);
  if (len <= 4) return;
  if (len - 6 >= 0) {
    c.ascii(F["vendorclass.data"], off + 6, len - 6);
    return;
  }
  // Five bytes: the string runs from off + 6 to the next NUL, wherever that is.
  let nul = off + 6;
  while (c.u8(nul) !== 0) nul++;
  c.ascii(F["vendorclass.data"], off + 6, nul + 1 - (off + 6));
}

/**
 * Vendor-specific Information (§21.17): enterprise number (4), then
 * (code (2), length (2), data) suboptions. CableLabs' (4491) are not decoded.
 */
function vendorOptions(c: Ctx, off: number, len: number): void {
  if (len < 4) {
    badOption(c, off, len, "VENDOR_OPTS: malformed option");
    return;
  }
  const enterprise = c.uint(F["vendoropts.enterprise"], off, 4);
  if (enterprise === 4491) return;
  for (let o = off + 4; off + len - o > 0; ) {
    const n = c.u16(o + 2);
    c.openText(o, 4 + n, "option");
    c.uint(F["vendoropts.enterprise.option_code"], o, 2);
    c.uint(F["vendoropts.enterprise.option_length"], o + 2, 2);
    c.bytes(F["vendoropts.enterprise.option_data"], o + 4, n);
    c.close();
    o += 4 + n;
  }
}
