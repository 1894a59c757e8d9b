/**
 * Internet Control Message Protocol (RFC 792), IP protocol 1.
 *
 *   +0 type  +1 code  +2 checksum  +4 four type-specific bytes  +8 data
 *
 * Follows Wireshark 4.0's packet-icmp.c: Info is the type name padded to 20
 * characters ("%-20s", hence "Echo (ping) request  id=...") and the code name
 * in parentheses; echo requests and replies are matched by checksum,
 * identifier and sequence number within an address pair; error messages
 * (destination unreachable, source quench, redirect, time exceeded, parameter
 * problem) quote the offending datagram, which is dissected by the IP
 * dissector with `pinfo.inErrorPacket` set so that it adds fields without
 * touching the columns or the packet's addresses. RFC 4884 extension objects
 * (e.g. RFC 4950 MPLS label stacks) after the quoted datagram are decoded.
 *
 * The folder: `fields.ts` (fields, type and code names), `checksum.ts` (the
 * Internet checksum and its items), `quoted.ts` (the datagram an error
 * quotes), `echo.ts` (request/reply matching), `time.ts` (timestamps and
 * their texts), `extensions.ts` (RFC 4884 objects), `dissector.ts` (the
 * message, registration). ICMPv6 and GRE use the checksum, quoting, echo and
 * time helpers through this index.
 */
export { icmpFields } from "./fields";
export { icmp } from "./dissector";
export { addChecksum, checksumShouldBe, finishChecksum, onesSum } from "./checksum";
export { dissectQuoted } from "./quoted";
export { addEchoMatch, addressPairKey, EchoMatcher, type EchoTransaction, responseTimeMs } from "./echo";
export { secondsText } from "./time";
