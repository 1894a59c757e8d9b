/**
 * Internet Protocol version 4 (RFC 791), EtherType 0x0800, IP protocol 4
 * (IP-in-IP, RFC 2003).
 *
 *   +0 version(4) IHL(4)  +1 DS field (DSCP 6 | ECN 2, RFC 2474/3168)
 *   +2 total length       +4 identification
 *   +6 flags(3: reserved, DF, MF) fragment offset(13, in 8-byte units)
 *   +8 TTL  +9 protocol  +10 header checksum  +12 source  +16 destination
 *   +20 options (IHL*4 - 20 bytes), then the payload up to the total length.
 *
 * Follows Wireshark 4.0's packet-ip.c: the payload ends at min(total length,
 * captured bytes); a total length below the header length stops dissection
 * ("Bogus IP length"); fragments are reassembled (ip-fragments.ts) when the
 * whole fragment was captured, the first fragment of a datagram that cannot
 * be reassembled is still handed to the payload's dissector, later ones are
 * shown as data with "Fragmented IP protocol (...)" in Info. Header checksums
 * are not verified (tshark 4.0's default: "[validation disabled]").
 *
 * The folder: `values.ts` (DSCP/ECN names, bit-field labels, checksum status:
 * shared with IPv6, ICMP and GRE), `fields.ts` (fields and header numbers),
 * `header-items.ts` (flags and address items), `options.ts` (the options),
 * `dissector.ts` (the header, reassembly, payload, registration).
 */
export { bitsLabel, CHECKSUM_STATUS, DSCP_NAMES, dsSummary, ECN_NAMES, textField } from "./values";
export { IPV4_FRAGMENT_FIELDS, ipFields } from "./fields";
export { dissectPayload, ipv4 } from "./dissector";
