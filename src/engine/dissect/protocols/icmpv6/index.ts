/**
 * Internet Control Message Protocol for IPv6 (RFC 4443), IP protocol 58, with
 * Neighbor Discovery (RFC 4861) and Multicast Listener Discovery (RFC 2710,
 * RFC 3810).
 *
 *   +0 type  +1 code  +2 checksum (over the RFC 8200 §8.1 pseudo-header)  +4 body
 *
 * Follows Wireshark 4.0's packet-icmpv6.c: Info is the type name, the code
 * name in parentheses for error and a few other types, then type details
 * ("Echo (ping) request id=0x0009, seq=1, hop limit=64", "Neighbor
 * Solicitation for 2001:db8::1 from 00:11:22:33:44:55"); echo requests and
 * replies are matched per address pair by (checksum, identifier, sequence);
 * error messages (types 1-4) quote the offending packet, dissected by the IPv6
 * dissector with `pinfo.inErrorPacket` set.
 *
 * The folder: `fields.ts` (fields, type/code/option names), `dissector.ts`
 * (the message by type, registration), `contained.ts` (the invoking packet
 * an error quotes), `mld.ts` (Multicast Listener Discovery), `nd-options.ts`
 * (Neighbor Discovery options).
 */
export { icmpv6Fields } from "./fields";
export { icmpv6 } from "./dissector";
