/**
 * NetBIOS names (RFC 1001 §14, RFC 1002 §4.1): 16 bytes, the last one the
 * name's type ("suffix"), the first 15 space-padded. NBNS carries them
 * "first-level encoded" as 32 letters A-P (each byte split into two nibbles
 * plus 'A'), optionally followed by a DNS-style scope ("ENCODED.scope.id").
 * Shown as Wireshark 4.0 shows them (packet-netbios.c process_netbios_name,
 * packet-nbt.c get_nbns_name): printable bytes as they are, others as
 * "<XX>", trailing spaces dropped, then the type as "<xx>".
 */
import { vals } from "../../field";

export const NETBIOS_NAME_LEN = 16;

/** NetBIOS name types ("suffixes") with Wireshark's descriptions (nb_name_type_vals). */
export const NAME_TYPES = vals({
  0x00: "Workstation/Redirector",
  0x01: "Browser",
  0x02: "Workstation/Redirector",
  0x03: "Messenger service/Main name",
  0x05: "Forwarded name",
  0x06: "RAS Server service",
  0x1b: "Domain Master Browser",
  0x1c: "Domain Controllers",
  0x1d: "Local Master Browser",
  0x1e: "Browser Election Service",
  0x1f: "Net DDE Service",
  0x20: "Server service",
  0x21: "RAS client service",
  0x22: "Exchange Interchange (MSMail Connector)",
  0x23: "Exchange Store",
  0x24: "Exchange Directory",
  0x2b: "Lotus Notes Server service",
  0x30: "Modem sharing server service",
  0x31: "Modem sharing client service",
  0x43: "SMS Clients Remote Control",
  0x44: "SMS Administrators Remote Control Tool",
  0x45: "SMS Clients Remote Chat",
  0x46: "SMS Clients Remote Transfer",
  0x4c: "DEC Pathworks TCP/IP Service on Windows NT",
  0x52: "DEC Pathworks TCP/IP Service on Windows NT",
  0x6a: "Microsoft Exchange IMC",
  0x87: "Microsoft Exchange MTA",
  0xbe: "Network Monitor Agent",
  0xbf: "Network Monitor Analyzer",
});

/** netbios_name_type_descr(): "Unknown" for types without a name (and for -1, an undecodable name). */
export function nameTypeDescr(type: number): string {
  return NAME_TYPES.get(type) ?? "Unknown";
}

const HEX = "0123456789abcdef";

/** process_netbios_name() over the first 15 of 16 raw bytes: printable kept, others "<XX>", trailing spaces dropped. */
export function netbiosNameText(b: ArrayLike<number>, start: number): string {
  let s = "";
  for (let i = 0; i < NETBIOS_NAME_LEN - 1; i++) {
    const c = b[start + i]!;
    s += c >= 0x20 && c <= 0x7e ? String.fromCharCode(c) : `<${HEX[c >> 4]}${HEX[c & 15]}>`;
  }
  return s.replace(/ +$/, "");
}

/** A decoded first-level-encoded name: display text ("WPAD<00>" plus any scope) and the type (-1 when illegal). */
export interface FirstLevelName {
  text: string;
  type: number;
}

const scratch = new Uint8Array(NETBIOS_NAME_LEN);

/**
 * get_nbns_name()'s undoing of the first-level encoding of `encoded` (the
 * name as get_dns_name expanded it). Pairs of 'A'..'P' letters make one
 * byte; a '.' starts the scope, which is appended as it is. Anything else
 * gives Wireshark's "Illegal NetBIOS name (...)" text instead.
 */
export function decodeFirstLevel(encoded: string): FirstLevelName {
  let idx = 0;
  let i = 0;
  for (;;) {
    const c1 = i < encoded.length ? encoded.charCodeAt(i) : 0;
    if (c1 === 0 || c1 === 0x2e) break;
    if (c1 < 0x41 || c1 > 0x5a) return { text: "Illegal NetBIOS name (1st character not between A and Z in first-level encoding)", type: -1 };
    i++;
    const c2 = i < encoded.length ? encoded.charCodeAt(i) : 0;
    if (c2 === 0 || c2 === 0x2e) return { text: "Illegal NetBIOS name (odd number of bytes)", type: -1 };
    if (c2 < 0x41 || c2 > 0x5a) return { text: "Illegal NetBIOS name (2nd character not between A and Z in first-level encoding)", type: -1 };
    i++;
    // Letters past 'P' make values above 0xff in C's char arithmetic; the byte keeps the low 8 bits.
    if (idx < NETBIOS_NAME_LEN) scratch[idx++] = (((c1 - 0x41) << 4) | (c2 - 0x41)) & 0xff;
  }
  if (idx !== NETBIOS_NAME_LEN) return { text: `Illegal NetBIOS name (${idx} bytes long)`, type: -1 };
  const type = scratch[NETBIOS_NAME_LEN - 1]!;
  const scope = i < encoded.length && encoded.charCodeAt(i) === 0x2e ? encoded.slice(i) : "";
  return { text: `${netbiosNameText(scratch, 0)}<${HEX[type >> 4]}${HEX[type & 15]}>${scope}`, type };
}
