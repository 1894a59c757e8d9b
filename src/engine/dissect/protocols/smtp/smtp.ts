/**
 * The SMTP dissector (Wireshark 4.0's dissect_smtp, RFC 5321): client lines
 * as "C: …" (several joined by " | "), the message after DATA as
 * "C: DATA fragment, N bytes" until the end-of-message line, whose frame
 * hands the whole message to IMF ("SMTP/IMF"); server replies as "S: …", a
 * multi-line reply's continuation lines without their code. AUTH LOGIN/PLAIN
 * lines are shown as tshark shows them with its default preferences (base64
 * decoding off): "User: <base64>", "Pass: <base64>". After STARTTLS and its
 * 220 the connection is TLS's.
 */
import { register } from "../../dissector";
import { enterLayer, expert } from "../../common";
import { formatText } from "../../format-text";
import type { PacketInfo } from "../../packet-info";
import { GENERATED, HIDDEN } from "../../tree";
import { callImf } from "../imf";
import { startTls, tls } from "../tls";
import { findLineEnd, line, textValue } from "../text-lines";
import { classified, classify } from "./classify";
import { SMTP_PORTS, smtpFields } from "./fields";
import { AuthState, FACT_MORE, FACT_SET, Pdu, SmtpCapture, type SmtpSession, SmtpState } from "./state";

const PORT_SET = new Set<number>(SMTP_PORTS);

/** Wireshark: a request when the port the table matched is the destination. */
function isRequest(pinfo: PacketInfo): boolean {
  return PORT_SET.has(pinfo.dstPort) && !(PORT_SET.has(pinfo.srcPort) && pinfo.srcPort < pinfo.dstPort);
}

function text(data: Uint8Array, start: number, end: number): string {
  return formatText(data, start, end);
}

export const smtp = {
  name: "smtp",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const c = pinfo.state.get("smtp", () => new SmtpCapture());
    const s = c.sessions.get(pinfo);
    if (s.tlsFromFrame !== 0 && pinfo.num >= s.tlsFromFrame) return tls.dissect(data, offset, end, pinfo);
    const request = isRequest(pinfo);
    // Quoted in an ICMP error, the segment still goes through the state and
    // into the message (Wireshark does not tell them apart): only the
    // columns are left alone.
    const quoted = pinfo.inErrorPacket;

    let fact = request ? c.frames.get(pinfo.num) : 0;
    let eomAt = 0;
    if (!pinfo.visited && fact === 0) {
      if (!classify(data, offset, end, pinfo, s, request)) {
        if (request) c.frames.set(pinfo.num, classified.fact);
        return end - offset;
      }
      fact = classified.fact;
      eomAt = classified.eomAt;
      if (request) c.frames.set(pinfo.num, fact);
    }
    if (!(fact & FACT_SET)) fact = FACT_SET | FACT_MORE | Pdu.CMD;

    const columns = pinfo.wantColumns && !quoted;
    if (!quoted) {
      pinfo.protocol = "SMTP";
      if (columns) pinfo.info = "";
    }
    enterLayer(pinfo, "smtp");
    const tree = pinfo.tree;
    tree.open(smtpFields[""], offset, end - offset);
    let message: Uint8Array | null = null;
    if (request) {
      const key = s;
      const more = (fact & FACT_MORE) !== 0;
      const firstPass = !pinfo.visited;
      switch ((fact & 0x0f) as Pdu) {
        case Pdu.MESSAGE: {
          const n = end - offset;
          if (columns) pinfo.info = `C: DATA fragment, ${n} byte${n === 1 ? "" : "s"}`;
          if (firstPass) message = c.messages.add(key, pinfo.num, data.subarray(offset, end), more);
          break;
        }
        case Pdu.EOM:
          if (columns) pinfo.info = "C: .";
          tree.add(smtpFields.eom, offset + eomAt, 0, null, 0, tree.detailed ? "C: ." : undefined);
          if (firstPass) {
            if (eomAt) c.messages.add(key, pinfo.num, data.subarray(offset, offset + eomAt), more);
            message = c.messages.end(key, pinfo.num);
          }
          break;
        default:
          commandLines(data, offset, end, pinfo, s, columns);
          if (firstPass && !more) message = c.messages.end(key, pinfo.num);
      }
      if (!firstPass) message = c.messages.finishedIn(pinfo.num);
    } else {
      replyLines(data, offset, end, pinfo, s, columns, !pinfo.visited);
    }
    // process_reassembled_data puts the message's length in SMTP's tree; IMF gets the tree SMTP was given.
    if (message) tree.add(smtpFields["data.reassembled.length"], offset, 0, message.length, GENERATED);
    tree.close();
    if (message) callImf(message, data, offset, end, pinfo, "Reassembled SMTP");
    return end - offset;
  },
};

/**
 * decode_plain_auth with the SMTP preference "decode AUTH parameters" off
 * (its default): the AUTH PLAIN credentials (RFC 4616) as the base64 text
 * they are, under the expert warning Wireshark adds to them.
 */
function plainAuth(pinfo: PacketInfo, start: number, end: number, value: string | null): void {
  const tree = pinfo.tree;
  tree.open(smtpFields["auth.username_password"], start, end - start, value);
  expert(pinfo, start, end - start, "warn", "base64 decode failed or is not enabled (check SMTP preferences)", "Protocol", "SMTP");
  tree.close();
}

/** The client's command lines (SMTP_PDU_CMD). */
function commandLines(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo, s: SmtpSession, columns: boolean): void {
  const tree = pinfo.tree;
  const num = pinfo.num;
  let info = "";
  for (let lo = offset; lo < end; ) {
    findLineEnd(data, lo, end, false);
    const linelen = line.len;
    const next = line.next;
    const lineEnd = lo + linelen;
    info += lo === offset ? "C: " : " | ";
    tree.add(smtpFields.req, 0, 0, true, HIDDEN);
    if (s.usernameFrame === num) {
      tree.add(smtpFields["auth.username"], lo, linelen, textValue(tree, smtpFields["auth.username"], data, lo, lineEnd));
      info += `User: ${text(data, lo, lineEnd)}`;
    } else if (s.passwordFrame === num) {
      tree.add(smtpFields["auth.password"], lo, linelen, textValue(tree, smtpFields["auth.password"], data, lo, lineEnd));
      info += `Pass: ${text(data, lo, lineEnd)}`;
    } else if (s.ntlmRspFrame === num) {
      tree.add(smtpFields.command_line, lo, linelen, textValue(tree, smtpFields.command_line, data, lo, lineEnd));
      info += text(data, lo, lineEnd);
    } else if (s.userPassFrame === num) {
      plainAuth(pinfo, lo, lineEnd, textValue(tree, smtpFields["auth.username_password"], data, lo, lineEnd));
      info += text(data, lo, lineEnd);
    } else {
      const cmdlen = Math.min(linelen, 4);
      tree.open(smtpFields.command_line, lo, next - lo, textValue(tree, smtpFields.command_line, data, lo, next));
      tree.add(smtpFields["req.command"], lo, cmdlen, textValue(tree, smtpFields["req.command"], data, lo, lo + cmdlen));
      if (linelen > 5) tree.add(smtpFields["req.parameter"], lo + 5, linelen - 5, textValue(tree, smtpFields["req.parameter"], data, lo + 5, lineEnd));
      if (linelen > 5 && s.usernameCmdFrame === num) {
        // "AUTH LOGIN <base64 user>" (RFC 4954 §4 initial response).
        if (linelen >= 11) {
          tree.add(smtpFields["auth.username"], lo + 11, linelen - 11, textValue(tree, smtpFields["auth.username"], data, lo + 11, lineEnd));
          info += `${text(data, lo, lo + 11)}User: ${text(data, lo + 11, lineEnd)}`;
        }
      } else if (linelen > 5 && s.ntlmReqFrame === num) {
        if (linelen >= 10) info += text(data, lo, lo + 10) + text(data, lo + 10, lineEnd);
      } else if (linelen > 5 && s.userPassCmdFrame === num) {
        plainAuth(pinfo, Math.min(lo + 11, lineEnd), lineEnd, text(data, Math.min(lo + 11, lineEnd), lineEnd));
        info += text(data, lo, Math.min(lo + 11, lineEnd)) + text(data, Math.min(lo + 11, lineEnd), lineEnd);
      } else {
        info += text(data, lo, lineEnd);
      }
      tree.close();
    }
    lo = next;
  }
  if (columns) pinfo.info = info;
}

/** The server's reply lines (RFC 5321 §4.2: "250-..." continues, "250 ..." ends a multi-line reply). */
function replyLines(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo, s: SmtpSession, columns: boolean, firstPass: boolean): void {
  const tree = pinfo.tree;
  tree.add(smtpFields.rsp, 0, 0, true, HIDDEN);
  let info = "";
  // 0 none, 1 start, 2 continue, 3 end (smtp_multiline_state_t).
  let multiline = 0;
  let multilineCode = 0;
  let open = false;
  for (let lo = offset; lo < end; ) {
    findLineEnd(data, lo, end, false);
    const linelen = line.len;
    const next = line.next;
    info += lo === offset ? "S: " : " | ";
    if (linelen >= 3 && isDigit(data[lo]!) && isDigit(data[lo + 1]!) && isDigit(data[lo + 2]!)) {
      const code = (data[lo]! - 0x30) * 100 + (data[lo + 1]! - 0x30) * 10 + (data[lo + 2]! - 0x30);
      if (linelen > 3 && data[lo + 3] === 0x2d) {
        if (multiline === 0) {
          multiline = 1;
          multilineCode = code;
        } else multiline = 2;
      } else if (multiline === 1 || multiline === 2) multiline = 3;
      if (firstPass) followReply(pinfo, s, code);
      const continued = multiline === 2 || multiline === 3;
      if (!continued) {
        if (open) tree.close();
        tree.open(smtpFields.response, lo, next - lo, textValue(tree, smtpFields.response, data, lo, next));
        open = true;
        tree.add(smtpFields["response.code"], lo, 3, code);
      } else if (multilineCode !== code) {
        tree.expert(lo, 3, "warn", `Unexpected response code ${code} in multiline response. Expected ${multilineCode}`);
      }
      if (linelen >= 4) {
        tree.add(smtpFields["rsp.parameter"], lo + 4, linelen - 4, textValue(tree, smtpFields["rsp.parameter"], data, lo + 4, lo + linelen));
        info += continued ? text(data, lo + 4, lo + linelen) : text(data, lo, lo + linelen);
      } else info += text(data, lo, lo + linelen);
      if (multiline === 3) multiline = 0;
    }
    lo = next;
  }
  if (open) tree.close();
  if (columns) pinfo.info = info;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** The reply's effect on STARTTLS and AUTH (first pass only). */
function followReply(pinfo: PacketInfo, s: SmtpSession, code: number): void {
  if (s.state === SmtpState.AWAITING_STARTTLS_RESPONSE) {
    // RFC 3207 §4: after "220 Ready to start TLS" the connection is TLS's.
    if (code === 220) {
      s.tlsFromFrame = pinfo.num + 1;
      startTls(pinfo, "smtp");
    }
    s.state = SmtpState.READING_CMDS;
  }
  if (code === 334) {
    switch (s.auth) {
      case AuthState.START:
        s.auth = AuthState.USERNAME_REQ;
        break;
      case AuthState.USERNAME_RSP:
        s.auth = AuthState.PASSWORD_REQ;
        break;
      case AuthState.PLAIN_REQ:
        s.auth = AuthState.PLAIN_RSP;
        break;
      case AuthState.PLAIN_START_REQ:
        s.auth = AuthState.PLAIN_REQ;
        break;
      case AuthState.NTLM_REQ:
        s.auth = AuthState.NTLM_CHALLENGE;
        break;
      default:
        break;
    }
  } else if (s.auth === AuthState.PASSWORD_RSP || s.auth === AuthState.PLAIN_RSP || s.auth === AuthState.NTLM_RSP || s.auth === AuthState.PLAIN_CRED_REQ) {
    s.auth = code === 235 ? AuthState.SUCCESS : AuthState.FAILED;
    s.lastAuthFrame = pinfo.num;
  }
}

register("tcp.port", SMTP_PORTS, smtp);
