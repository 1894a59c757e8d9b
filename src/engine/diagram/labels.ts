/**
 * Arrow labels: protocol and meaning, as the examples write them:
 * `TCP [SYN, ACK]`, `FTP [Request: PORT]`, `FTP [Response: 226]`,
 * `FTP-DATA [1448 bytes]`. Arguments and reply text are optional (cut to a
 * few dozen characters), and a password is masked unless revealed.
 */
import { tcpFlagsText } from "../dissect/tcp-flags";
import { TcpAnalysis, TH } from "../reassembly/tcp-analysis";
import { MAX_ARGUMENT_CHARS, mm, raw, type MermaidText } from "./mermaid";
import type { PacketFact } from "./packets";

export interface LabelOptions {
  /** Show command arguments and reply text (default: verbs and codes only). */
  arguments?: boolean;
  /** Show PASS arguments instead of "••••". */
  revealPasswords?: boolean;
  /** Characters of capture text kept per label before "…". */
  maxArgument?: number;
}

export const PASSWORD_MASK = "••••";

/** Commands whose argument is a secret (RFC 959 §4.1.1 PASS; RFC 2228 ADAT carries security data). */
const SECRET_VERBS = new Set(["PASS", "ADAT"]);

/** A command's argument as shown: masked for secrets, cut when long. */
export function shownArgument(verb: string, argument: string, options: LabelOptions): { text: string; max: number } | null {
  if (!options.arguments || argument === "") return null;
  if (SECRET_VERBS.has(verb.toUpperCase()) && !options.revealPasswords) return { text: PASSWORD_MASK, max: Infinity };
  return { text: argument, max: options.maxArgument ?? MAX_ARGUMENT_CHARS };
}

/** `FTP [Request: USER]`, with the argument when asked for. */
export function requestLabel(verb: string, argument: string, options: LabelOptions): MermaidText {
  const arg = shownArgument(verb, argument, options);
  return arg ? mm`FTP [Request: ${verb} ${arg}]` : mm`FTP [Request: ${verb}]`;
}

/** `FTP [Response: 230]`, with the reply text when asked for; continuation lines of a multi-line reply say so. */
export function responseLabel(code: number | null, text: string, options: LabelOptions): MermaidText {
  const max = options.maxArgument ?? MAX_ARGUMENT_CHARS;
  const withText = options.arguments && text !== "";
  if (code === null) return withText ? mm`FTP [Response (continued): ${{ text, max }}]` : mm`FTP [Response (continued)]`;
  return withText ? mm`FTP [Response: ${code} ${{ text, max }}]` : mm`FTP [Response: ${code}]`;
}

/** Flags worth naming beside a payload (a data segment's PSH/ACK go without saying). */
const NOTABLE = TH.SYN | TH.FIN | TH.RST | TH.URG;

/** Analysis remarks, in Wireshark's words, most telling first. */
const REMARKS: readonly [number, string][] = [
  [TcpAnalysis.SPURIOUS_RETRANSMISSION, "spurious retransmission"],
  [TcpAnalysis.FAST_RETRANSMISSION, "fast retransmission"],
  [TcpAnalysis.RETRANSMISSION, "retransmission"],
  [TcpAnalysis.OUT_OF_ORDER, "out-of-order"],
  [TcpAnalysis.LOST_PACKET, "previous segment not captured"],
  [TcpAnalysis.DUPLICATE_ACK, "dup ACK"],
  [TcpAnalysis.ZERO_WINDOW, "zero window"],
  [TcpAnalysis.KEEP_ALIVE, "keep-alive"],
  [TcpAnalysis.WINDOW_UPDATE, "window update"],
];

function remark(analysis: number): string | null {
  for (const [bit, text] of REMARKS) if (analysis & bit) return text;
  return null;
}

/**
 * The label of one packet's arrow: the FTP line it carries, else its payload
 * size under its protocol, else its TCP flags; with a TCP analysis remark
 * ("(retransmission)") when there is one.
 */
export function packetLabel(f: PacketFact, options: LabelOptions = {}): MermaidText {
  let main: MermaidText;
  if (f.ftpRequest) main = requestLabel(f.ftpRequest.command, f.ftpRequest.arg, options);
  else if (f.ftpResponse) main = responseLabel(f.ftpResponse.code, f.ftpResponse.arg, options);
  else if (f.len === 0) main = mm`TCP [${tcpFlagsText(f.flags)}]`;
  else main = mm`${f.protocol || "TCP"} [${f.len} bytes]`;
  if (f.len > 0 && f.flags & NOTABLE) main = mm`${raw(main)} [${tcpFlagsText(f.flags)}]`;
  const r = remark(f.analysis);
  return r ? mm`${raw(main)} (${r})` : main;
}
