/**
 * SMTP's fields (packet-smtp.c) and the reply codes Wireshark 4.0 names
 * (RFC 2821 §4.2.3, RFC 4954 §6).
 */
import { defineFields, vals } from "../../field";

const RESPONSE_CODES = vals({
  211: "System status, or system help reply",
  214: "Help message",
  220: "<domain> Service ready",
  221: "<domain> Service closing transmission channel",
  235: "Authentication successful",
  250: "Requested mail action okay, completed",
  251: "User not local; will forward to <forward-path>",
  252: "Cannot VRFY user, but will accept message and attempt delivery",
  334: "AUTH input",
  354: "Start mail input; end with <CRLF>.<CRLF>",
  421: "<domain> Service not available, closing transmission channel",
  432: "A password transition is needed",
  450: "Requested mail action not taken: mailbox unavailable",
  451: "Requested action aborted: local error in processing",
  452: "Requested action not taken: insufficient system storage",
  454: "Temporary authentication failed",
  500: "Syntax error, command unrecognized",
  501: "Syntax error in parameters or arguments",
  502: "Command not implemented",
  503: "Bad sequence of commands",
  504: "Command parameter not implemented",
  530: "Authentication required",
  534: "Authentication mechanism is too weak",
  535: "Authentication credentials invalid",
  538: "Encryption required for requested authentication mechanism",
  550: "Requested action not taken: mailbox unavailable",
  551: "User not local; please try <forward-path>",
  552: "Requested mail action aborted: exceeded storage allocation",
  553: "Requested action not taken: mailbox name not allowed",
  554: "Transaction failed",
});

export const smtpFields = defineFields("smtp", {
  "": { name: "Simple Mail Transfer Protocol", type: "protocol" },
  req: { name: "Request", type: "boolean" },
  rsp: { name: "Response", type: "boolean" },
  message: { name: "Message", type: "string" },
  command_line: { name: "Command Line", type: "string" },
  "req.command": { name: "Command", type: "string" },
  "req.parameter": { name: "Request parameter", type: "string" },
  response: { name: "Response", type: "string" },
  "response.code": { name: "Response code", type: "uint32", vals: RESPONSE_CODES },
  "rsp.parameter": { name: "Response parameter", type: "string" },
  "auth.username": { name: "Username", type: "string" },
  "auth.password": { name: "Password", type: "string" },
  "auth.username_password": { name: "Username/Password", type: "string" },
  eom: { name: "EOM", type: "none" },
  "data.fragment.count": { name: "DATA fragment count", type: "uint32" },
  "data.reassembled.in": { name: "Reassembled DATA in frame", type: "framenum" },
  "data.reassembled.length": { name: "Reassembled DATA length", type: "uint32" },
});

/** RFC 5321 §4.5.4.2 port 25 and RFC 6409 submission (587), as Wireshark registers them. */
export const SMTP_PORTS = [25, 587] as const;
