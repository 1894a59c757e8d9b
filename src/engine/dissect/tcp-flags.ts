/**
 * TCP flags as text (RFC 9293 §3.1; AE from RFC 3540): what the packet list,
 * the details tree and the diagrams print. Apart from the dissector so that
 * the views can name flags without loading it.
 */
const FLAG_NAMES = ["FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "AE"];
const FLAG_LETTERS = "RRRACEUAPRSF";
const MIDDLE_DOT = "\u00b7";

/** "SYN, ACK" (tcp_flags_to_str; "<None>" when no flag is set). */
export function tcpFlagsText(flags: number): string {
  let s = "";
  for (let i = 0; i < 9; i++) if (flags & (1 << i)) s += (s ? ", " : "") + FLAG_NAMES[i];
  if (flags & 0xe00) s += (s ? ", " : "") + "Reserved";
  return s || "<None>";
}

/** "·······A··S·" (tcp.flags.str). */
export function tcpFlagLetters(flags: number): string {
  let s = "";
  for (let i = 0; i < 12; i++) s += (flags >> (11 - i)) & 1 ? FLAG_LETTERS[i] : MIDDLE_DOT;
  return s;
}
