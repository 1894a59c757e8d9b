/**
 * Transmission Control Protocol (RFC 9293, formerly RFC 793), IP protocol 6.
 *
 *   +0 source port  +2 destination port  +4 sequence number  +8 acknowledgment number
 *   +12 data offset(4) reserved(3) AE(1, RFC 3540/AccECN)  +13 CWR ECE URG ACK PSH RST SYN FIN
 *   +14 window  +16 checksum  +18 urgent pointer  +20 options (data offset*4 - 20 bytes), then data
 *
 * Follows Wireshark 4.0's packet-tcp.c so that tshark's fields and columns
 * come out the same:
 * - Conversations and stream indexes (tcp.stream): the first packet of an
 *   address/port pair opens a stream; a SYN whose sequence number differs
 *   from the one the stream started with opens a new stream on the same pair
 *   ("TCP Port numbers reused").
 * - Relative sequence numbers from each direction's first sequence number
 *   (the SYN's, or one before the first segment seen), window scaling once
 *   both SYNs carried the option (RFC 7323 §2.2), the SEQ/ACK analysis
 *   (reassembly/tcp-analysis/) and its Info prefixes.
 * - Payload hand-off (decode_tcp_ports): a conversation announced by another
 *   protocol (FTP data connections), the tcp.port table for the SYN's server
 *   port, then the lower, then the higher port, the heuristics, then data.
 * - Desegmentation (desegment_tcp): a subdissector that sets
 *   pinfo.desegmentLen gets the bytes from desegmentOffset buffered until the
 *   PDU is whole; the segments in between read "[TCP segment of a reassembled
 *   PDU]".
 * - The header quoted in an ICMP error (pinfo.inErrorPacket) adds fields,
 *   finds or opens its stream like tshark, but has no length, no analysis,
 *   no desegmentation and never touches the columns.
 *
 * Wireshark reads the header field by field and stops with an exception at
 * the first one the capture does not hold; the `need` checks below stop at
 * the same places, so truncated headers show the same fields.
 *
 * The folder: `fields.ts` (fields, expert items, value names), `state.ts`
 * (what is kept between packets), `dissector.ts` (the header), `options.ts`,
 * `analysis.ts` (flags tree, SEQ/ACK analysis and its Info prefixes),
 * `payload.ts` (hand-off and desegmentation). Importers use this index.
 */
export { tcpFields } from "./fields";
export { setReassemblyBudget, tcpState } from "./state";
export { tcp } from "./dissector";
export { TcpAnalysis } from "../../../reassembly/tcp-analysis";
