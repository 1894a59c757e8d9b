/**
 * RTP payload type names (RFC 3551 §6 and IANA's registry) as Wireshark 4.0's
 * rtp_payload_type_vals gives them; numbers it does not list print
 * "Unknown (n)" (none in 0-127: every gap is "Unassigned").
 */
const STATIC: ReadonlyMap<number, string> = new Map([
  [0, "ITU-T G.711 PCMU"],
  [1, "USA Federal Standard FS-1016"],
  [2, "ITU-T G.721"],
  [3, "GSM 06.10"],
  [4, "ITU-T G.723"],
  [5, "DVI4 8000 samples/s"],
  [6, "DVI4 16000 samples/s"],
  [7, "Experimental linear predictive encoding from Xerox PARC"],
  [8, "ITU-T G.711 PCMA"],
  [9, "ITU-T G.722"],
  [10, "16-bit uncompressed audio, stereo"],
  [11, "16-bit uncompressed audio, monaural"],
  [12, "Qualcomm Code Excited Linear Predictive coding"],
  [13, "Comfort noise"],
  [14, "MPEG-I/II Audio"],
  [15, "ITU-T G.728"],
  [16, "DVI4 11025 samples/s"],
  [17, "DVI4 22050 samples/s"],
  [18, "ITU-T G.729"],
  [19, "Comfort noise (old)"],
  [25, "Sun CellB video encoding"],
  [26, "JPEG-compressed video"],
  [28, "'nv' program"],
  [31, "ITU-T H.261"],
  [32, "MPEG-I/II Video"],
  [33, "MPEG-II transport streams"],
  [34, "ITU-T H.263"],
]);

export function payloadTypeName(pt: number): string {
  const s = STATIC.get(pt);
  if (s !== undefined) return s;
  if (pt >= 72 && pt <= 76) return "Reserved for RTCP conflict avoidance";
  if (pt >= 96 && pt <= 127) return `DynamicRTP-Type-${pt}`;
  if (pt <= 127) return "Unassigned";
  return `Unknown (${pt})`;
}
