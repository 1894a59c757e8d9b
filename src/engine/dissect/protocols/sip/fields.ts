/**
 * SIP's fields (tshark 4.0's sip.* names) and the headers Wireshark knows by
 * name, long and compact forms (RFC 3261 §7.3.3: i, m, e, l, c, f, s, k, t, v).
 */
import { defineFields } from "../../field";

export const sipFields = defineFields("sip", {
  "": { name: "Session Initiation Protocol", type: "protocol" },
  "Request-Line": { name: "Request-Line", type: "string" },
  Method: { name: "Method", type: "string" },
  "r-uri": { name: "Request-URI", type: "string" },
  "Status-Line": { name: "Status-Line", type: "string" },
  "Status-Code": { name: "Status-Code", type: "uint32" },
  msg_hdr: { name: "Message Header", type: "string" },
  From: { name: "From", type: "string" },
  To: { name: "To", type: "string" },
  "Call-ID": { name: "Call-ID", type: "string" },
  CSeq: { name: "CSeq", type: "string" },
  "CSeq.seq": { name: "Sequence Number", type: "uint32" },
  "CSeq.method": { name: "Method", type: "string" },
  Via: { name: "Via", type: "string" },
  Contact: { name: "Contact", type: "string" },
  "Content-Type": { name: "Content-Type", type: "string" },
  "Content-Length": { name: "Content-Length", type: "uint32" },
  Expires: { name: "Expires", type: "uint32" },
  "Max-Forwards": { name: "Max-Forwards", type: "uint32" },
  "User-Agent": { name: "User-Agent", type: "string" },
  Server: { name: "Server", type: "string" },
  Allow: { name: "Allow", type: "string" },
  msg_body: { name: "Message Body", type: "none" },
});

export type SipHeaderField = keyof typeof sipFields;

/** Lower-cased header names (and compact forms) to the field that carries them. */
export const KNOWN_HEADERS: ReadonlyMap<string, SipHeaderField> = new Map<string, SipHeaderField>([
  ["from", "From"],
  ["f", "From"],
  ["to", "To"],
  ["t", "To"],
  ["call-id", "Call-ID"],
  ["i", "Call-ID"],
  ["cseq", "CSeq"],
  ["via", "Via"],
  ["v", "Via"],
  ["contact", "Contact"],
  ["m", "Contact"],
  ["content-type", "Content-Type"],
  ["c", "Content-Type"],
  ["content-length", "Content-Length"],
  ["l", "Content-Length"],
  ["expires", "Expires"],
  ["max-forwards", "Max-Forwards"],
  ["user-agent", "User-Agent"],
  ["server", "Server"],
  ["allow", "Allow"],
]);

/** Wireshark's sip_methods: a request line whose method is not one of these is an "Unknown request". */
export const KNOWN_METHODS: ReadonlySet<string> = new Set([
  "ACK",
  "BYE",
  "CANCEL",
  "DO",
  "INFO",
  "INVITE",
  "MESSAGE",
  "NOTIFY",
  "OPTIONS",
  "PRACK",
  "QAUTH",
  "REFER",
  "REGISTER",
  "SPRACK",
  "SUBSCRIBE",
  "UPDATE",
  "PUBLISH",
]);
