/**
 * What SMTP keeps per connection (Wireshark's smtp_session_state) and per
 * client frame (smtp_proto_data: whether it held commands, message data or
 * the end of the message, fixed on the first pass).
 */
import { FrameColumnU8 } from "../../../reassembly/frame-columns";
import { MessageFragments } from "../imf";
import { ConnectionTable } from "../text-lines";

export const enum SmtpState {
  START,
  READING_CMDS,
  READING_DATA,
  AWAITING_STARTTLS_RESPONSE,
}

/** RFC 4954 AUTH exchanges, as Wireshark follows them. */
export const enum AuthState {
  NONE,
  START,
  USERNAME_REQ,
  USERNAME_RSP,
  PASSWORD_REQ,
  PASSWORD_RSP,
  PLAIN_START_REQ,
  PLAIN_CRED_REQ,
  PLAIN_REQ,
  PLAIN_RSP,
  NTLM_REQ,
  NTLM_CHALLENGE,
  NTLM_RSP,
  SUCCESS,
  FAILED,
}

/** A client frame's kind (smtp_proto_data.pdu_type). */
export const enum Pdu {
  CMD = 0,
  MESSAGE = 1,
  EOM = 2,
}

/** Per-frame byte: bit 7 says the frame was classified, bit 6 that more fragments follow, the low bits the Pdu. */
export const FACT_SET = 0x80;
export const FACT_MORE = 0x40;

export class SmtpSession {
  state = SmtpState.START;
  auth = AuthState.NONE;
  crlfSeen = false;
  dataSeen = false;
  /** BDAT (RFC 3030) chunk accounting. */
  msgTotLen = 0;
  msgReadLen = 0;
  msgLast = true;
  firstAuthFrame = 0;
  lastAuthFrame = 0;
  usernameFrame = 0;
  passwordFrame = 0;
  usernameCmdFrame = 0;
  userPassFrame = 0;
  userPassCmdFrame = 0;
  ntlmReqFrame = 0;
  ntlmRspFrame = 0;
  /** First frame carried by TLS after STARTTLS and its 220 (0: never). */
  tlsFromFrame = 0;
}

export class SmtpCapture {
  readonly sessions = new ConnectionTable(() => new SmtpSession());
  readonly frames = new FrameColumnU8();
  readonly messages = new MessageFragments();
}

