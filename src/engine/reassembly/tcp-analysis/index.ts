/**
 * TCP conversation state and SEQ/ACK analysis, following Wireshark 4.0's
 * packet-tcp.c (get_tcp_conversation_data, tcp_analyze_sequence_number) so
 * that stream indexes, relative sequence numbers and the analysis flags come
 * out the same.
 *
 * Everything lives in typed-array columns: per stream (index s), per
 * direction (index 2s + d, d from EndpointPairTable.direction) and per frame
 * (FrameColumn*, for re-dissection). The only objects are the lists of
 * not-yet-acknowledged segments, pooled and reused, one per direction that
 * has data in flight.
 *
 * Sequence arithmetic is modulo 2^32 (RFC 9293 §3.4): comparisons go
 * through the signed difference, as Wireshark's GT_SEQ/LT_SEQ macros do.
 *
 * The folder: `flags.ts` (analysis bits, header flags, limits, sequence
 * comparisons), `records.ts` (unacknowledged segment lists, the analysis
 * record, time deltas), `conversations.ts` (the columns and the analysis).
 */
export { Completeness, MAX_SACK_RANGES, seqGE, seqGT, seqLE, seqLT, TcpAnalysis, TH } from "./flags";
export { AckedRecord, normDelta } from "./records";
export { TcpConversations } from "./conversations";
