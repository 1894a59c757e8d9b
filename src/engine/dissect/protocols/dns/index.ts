/**
 * DNS (RFC 1034/1035), multicast DNS (RFC 6762) and LLMNR (RFC 4795), over UDP
 * and over TCP with the two-byte length prefix (RFC 1035 §4.2.2, RFC 7766 §8).
 *
 *   +0 ID (2)  +2 flags (2)  +4 QDCOUNT  +6 ANCOUNT  +8 NSCOUNT  +10 ARCOUNT  +12 questions, RRs
 *
 * The dissector follows Wireshark 4.0's packet-dns.c step by step, because the
 * Info column, the field occurrences and the point where a damaged message
 * turns "[Malformed Packet]" all depend on the order in which it reads: Info
 * text for a record is appended only after the record's name, type, class and
 * length were read, every `proto_tree_add_item` checks that its bytes exist,
 * and a read past the end abandons the rest of the message (Wireshark's
 * ReportedBoundsError). Reads here go through bounds-checked helpers that throw
 * a private sentinel; `dissect` catches it and marks the packet malformed, so
 * nothing escapes to the caller.
 *
 * Request/response matching (dns.response_in / dns.response_to / dns.time) is
 * per conversation and transaction ID, with Wireshark's retransmission rules.
 *
 * The folder, in reading order: `fields.ts` (fields and value tables),
 * `names.ts` (name expansion), `context.ts` (the message being read and the
 * item helpers), `message.ts` (header, sections, transactions, UDP/TCP),
 * `records.ts` (one question, one RR header), `rdata.ts` with
 * `rdata-dnssec.ts` and `rdata-other.ts` (RDATA by type), `options.ts` (EDNS
 * options, SVCB parameters, DSO TLVs), `dissector.ts` (registration).
 */
export { CLASSES, dnsFields, llmnrFields, mdnsFields, TEXT } from "./fields";
export { getDnsName } from "./names";
export { dns, llmnr, mdns } from "./message";
export { dnsHeuristic } from "./dissector";
