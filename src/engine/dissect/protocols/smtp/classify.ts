/**
 * SMTP's first pass over a segment (the line loop at the top of Wireshark
 * 4.0's dissect_smtp): follows the conversation's state from line to line —
 * commands (RFC 5321 §4.1), DATA up to the "<CRLF>.<CRLF>" that ends the
 * message (§4.1.1.4), BDAT chunks (RFC 3030), AUTH exchanges (RFC 4954) and
 * STARTTLS (RFC 3207) — and says what a client frame holds: commands,
 * message data or the end of the message. Also asks TCP for the next segment
 * when the first line is not complete.
 */
import type { PacketInfo } from "../../packet-info";
import { findLineEnd, line, SP, startsWith, startsWithCi } from "../text-lines";
import { AuthState, FACT_MORE, FACT_SET, Pdu, type SmtpSession, SmtpState } from "./state";

/** Commands that are not four letters (Wireshark's list: RFC 2487 and Microsoft Exchange's). */
const LONG_COMMANDS = ["STARTTLS", "X-EXPS", "X-LINK2STATE", "XEXCH50"];

function isAlpha(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** line_is_smtp_command: four letters, or one of the longer commands Wireshark lists. */
export function isSmtpCommand(data: Uint8Array, at: number, len: number): boolean {
  if (len === 4 && isAlpha(data[at]!) && isAlpha(data[at + 1]!) && isAlpha(data[at + 2]!) && isAlpha(data[at + 3]!)) return true;
  for (const c of LONG_COMMANDS) if (len === c.length && startsWithCi(data, at, at + len, c)) return true;
  return false;
}

/** What the first pass found: the frame's fact byte, and where the end-of-message line starts. */
export const classified = { fact: 0, eomAt: 0 };

/**
 * Returns false when TCP was asked for more bytes (the first line goes on in
 * the next segment). `request`: the segment goes to the SMTP port.
 */
export function classify(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo, s: SmtpSession, request: boolean): boolean {
  let pdu = Pdu.CMD;
  let more = true;
  let lo = offset;
  classified.eomAt = 0;
  while (lo < end) {
    if (!findLineEnd(data, lo, end, pinfo.canDesegment)) {
      if (lo === offset) {
        pinfo.desegmentOffset = lo - offset;
        pinfo.desegmentLen = -1;
        classified.fact = FACT_SET | FACT_MORE | Pdu.CMD;
        return false;
      }
      line.len = end - lo;
      line.next = end;
    }
    const linelen = line.len;
    let next = line.next;
    let eom = false;
    if (s.state === SmtpState.READING_DATA) {
      // "<CRLF>.<CRLF>": a line "." after a segment that ended in CRLF, or the CRLF and the dot together.
      if ((s.crlfSeen && startsWith(data, lo, end, ".\r\n")) || startsWith(data, lo, end, "\r\n.\r\n")) eom = true;
      // Wireshark asks whether the whole segment (not this line) ends with CRLF.
      s.crlfSeen = end - offset >= 2 && data[end - 2] === 0x0d && data[end - 1] === 0x0a;
    }
    if (request) {
      if (s.state === SmtpState.READING_DATA) {
        if (eom) {
          pdu = Pdu.EOM;
          s.state = SmtpState.READING_CMDS;
          classified.eomAt = lo - offset;
          break;
        }
        pdu = Pdu.MESSAGE;
        if (s.msgTotLen > 0) {
          // A BDAT chunk: the rest of the segment is data.
          s.msgReadLen += end - lo;
          next = end;
          if (s.msgReadLen === s.msgTotLen) {
            s.state = SmtpState.READING_CMDS;
            if (s.msgLast) more = false;
            break;
          }
        }
      } else {
        let c = lo;
        while (c < lo + linelen && data[c] !== SP) c++;
        const cmdlen = c - lo;
        const lineEnd = lo + linelen;
        if (isSmtpCommand(data, lo, cmdlen)) {
          pdu = Pdu.CMD;
          if (startsWithCi(data, lo, lineEnd, "DATA")) {
            s.state = SmtpState.READING_DATA;
            s.dataSeen = true;
          } else if (startsWithCi(data, lo, lineEnd, "BDAT")) {
            const len = leadingNumber(data, lo + 5, lineEnd);
            s.dataSeen = true;
            s.msgTotLen += len;
            s.state = len === 0 ? SmtpState.READING_CMDS : SmtpState.READING_DATA;
            if (linelen >= 4 && startsWithCi(data, lineEnd - 4, lineEnd, "LAST")) {
              s.msgLast = true;
              if (len === 0) more = false;
            } else s.msgLast = false;
          } else if (startsWithCi(data, lo, lineEnd, "AUTH LOGIN")) {
            s.state = SmtpState.READING_CMDS;
            s.firstAuthFrame = pinfo.num;
            if (linelen <= 11) s.auth = AuthState.START;
            else {
              // The user name follows on the command line.
              s.auth = AuthState.USERNAME_RSP;
              s.usernameCmdFrame = pinfo.num;
            }
          } else if (startsWithCi(data, lo, lineEnd, "AUTH PLAIN")) {
            s.state = SmtpState.READING_CMDS;
            s.firstAuthFrame = pinfo.num;
            if (linelen <= 11) s.auth = AuthState.PLAIN_START_REQ;
            else {
              s.auth = AuthState.PLAIN_CRED_REQ;
              s.userPassCmdFrame = pinfo.num;
            }
          } else if (startsWithCi(data, lo, lineEnd, "AUTH NTLM") && linelen > 10) {
            s.state = SmtpState.READING_CMDS;
            s.auth = AuthState.NTLM_REQ;
            s.ntlmReqFrame = pinfo.num;
          } else if (startsWithCi(data, lo, lineEnd, "STARTTLS")) {
            s.state = SmtpState.AWAITING_STARTTLS_RESPONSE;
          }
        } else if (s.auth === AuthState.USERNAME_REQ) {
          s.auth = AuthState.USERNAME_RSP;
          s.usernameFrame = pinfo.num;
        } else if (s.auth === AuthState.PASSWORD_REQ) {
          s.auth = AuthState.PASSWORD_RSP;
          s.passwordFrame = pinfo.num;
        } else if (s.auth === AuthState.PLAIN_REQ) {
          s.auth = AuthState.PLAIN_RSP;
          s.userPassFrame = pinfo.num;
        } else if (s.auth === AuthState.NTLM_CHALLENGE) {
          s.auth = AuthState.NTLM_RSP;
          s.ntlmRspFrame = pinfo.num;
        } else {
          // Not a command: message data when a DATA was seen (or nothing at all yet).
          pdu = s.dataSeen || s.state === SmtpState.START ? Pdu.MESSAGE : Pdu.CMD;
        }
      }
    }
    lo = next;
  }
  classified.fact = FACT_SET | (more ? FACT_MORE : 0) | pdu;
  return true;
}

/** strtoul(line + 5, NULL, 10) as BDAT's size: the leading digits (0 when none). */
function leadingNumber(data: Uint8Array, at: number, end: number): number {
  let i = at;
  while (i < end && (data[i] === SP || data[i] === 0x09)) i++;
  let n = 0;
  while (i < end && data[i]! >= 0x30 && data[i]! <= 0x39) n = n * 10 + data[i++]! - 0x30;
  return n >>> 0;
}
