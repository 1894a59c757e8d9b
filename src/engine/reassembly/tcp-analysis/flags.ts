/**
 * The bits and limits of TCP analysis (packet-tcp.c's TCP_A_*, tcp_flow_t
 * static flags, header flags, completeness) and sequence-number comparison
 * modulo 2^32 (RFC 9293 §3.4, Wireshark's GT_SEQ/LT_SEQ).
 */
/** Wireshark's TCP_A_* analysis bits (same values), also kept in PacketIndex flags >> 8. */
export const TcpAnalysis = {
  RETRANSMISSION: 0x0001,
  LOST_PACKET: 0x0002,
  ACK_LOST_PACKET: 0x0004,
  KEEP_ALIVE: 0x0008,
  DUPLICATE_ACK: 0x0010,
  ZERO_WINDOW: 0x0020,
  ZERO_WINDOW_PROBE: 0x0040,
  ZERO_WINDOW_PROBE_ACK: 0x0080,
  KEEP_ALIVE_ACK: 0x0100,
  OUT_OF_ORDER: 0x0200,
  FAST_RETRANSMISSION: 0x0400,
  WINDOW_UPDATE: 0x0800,
  WINDOW_FULL: 0x1000,
  REUSED_PORTS: 0x2000,
  SPURIOUS_RETRANSMISSION: 0x4000,
} as const;

/** Bits of the per-frame column beyond the analysis flags. */
export const F_TA = 1 << 20; // an analysis record exists for the frame (Wireshark's tcp_acked)
export const F_ACKED = 1 << 21; // ackedFrame/rtt are valid
export const F_RTO = 1 << 22; // rto/rtoFrame are valid
export const F_ANALYSIS_MASK = 0xffff;

/** TCP header flag bits (RFC 9293 §3.1, RFC 3168, RFC 3540/AccECN). */
export const TH = { FIN: 0x01, SYN: 0x02, RST: 0x04, PUSH: 0x08, ACK: 0x10, URG: 0x20, ECE: 0x40, CWR: 0x80, AE: 0x100 } as const;

/** tcp_flow_t static_flags. */
export const S_BASE_SEQ_SET = 0x01;
export const S_SAW_SYN = 0x03;
export const S_SAW_SYNACK = 0x05;

/** Wireshark's TCP_MAX_UNACKED_SEGMENTS: stop tracking when the ACKs are not seen. */
export const MAX_UNACKED = 1000;
/** MAX_TCP_SACK_RANGES: blocks 1..3 of a SACK option are kept for bytes in flight. */
export const MAX_SACK_RANGES = 4;

/** Conversation completeness bits (tcp.completeness). */
export const Completeness = { SYNSENT: 0x01, SYNACK: 0x02, ACK: 0x04, DATA: 0x08, FIN: 0x10, RST: 0x20 } as const;

export const seqGT = (a: number, b: number): boolean => ((b - a) | 0) < 0;
export const seqLT = (a: number, b: number): boolean => ((a - b) | 0) < 0;
export const seqGE = (a: number, b: number): boolean => ((b - a) | 0) <= 0;
export const seqLE = (a: number, b: number): boolean => ((a - b) | 0) <= 0;
