/**
 * Internet Protocol version 6 (RFC 8200), EtherType 0x86dd, IP protocol 41
 * (IPv6-in-IP, RFC 4213), with its extension headers.
 *
 *   +0 version(4) traffic class(8: DSCP 6 | ECN 2) flow label(20)
 *   +4 payload length  +6 next header  +7 hop limit  +8 source  +24 destination
 *   +40 extension headers (hop-by-hop 0, routing 43, fragment 44, destination
 *       options 60), then the upper-layer payload.
 *
 * Follows Wireshark 4.0's packet-ipv6.c: extension headers are their own
 * layers (frame.protocols "ipv6:ipv6.hopopts:ipv6.routing:udp") but sit inside
 * the IPv6 subtree; `ipv6.nxt` is only the fixed header's next header (each
 * extension header has its own `.nxt`); the datagram ends at 40 + payload
 * length when the frame holds that much (a zero payload length without a
 * Jumbo option is taken at face value, so following headers run out of bytes
 * and are malformed, as in tshark); a Routing header with segments left makes
 * its final address the packet's destination (columns, conversations,
 * pseudo-header), like pinfo->dst in Wireshark. Fragments are reassembled
 * through ip-fragments.ts when the whole fragment was captured; fragments that
 * are not (yet) reassembled are shown as data with "IPv6 fragment (...)" Info.
 *
 * The folder: `fields.ts` (fields, value names, extension header numbers),
 * `context.ts` (per-datagram facts, the bounds error), `addresses.ts`
 * (addresses and the addresses embedded in them), `dissector.ts` (the fixed
 * header, registration), `extensions.ts` (the extension header chain and the
 * hand-off to the payload).
 */
export { fraghdrFields, IPV6_FRAGMENT_FIELDS, ipv6Fields, routingFields } from "./fields";
export { ipv6 } from "./dissector";
