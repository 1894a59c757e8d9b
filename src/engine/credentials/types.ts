/**
 * One credential sent in cleartext, whatever the protocol: the record the
 * Credentials view, `--credentials` and their tests share. Plain data (it
 * crosses the worker boundary); every string in it comes from the capture
 * and is rendered as text, never as markup.
 */
import type { FollowEndpoint } from "../follow/types";

/** How the secret was sent (one entry per way; the view and the CLI print it as is). */
export type CredentialKind =
  | "FTP USER/PASS"
  | "HTTP Basic"
  | "HTTP form"
  | "SMTP AUTH PLAIN"
  | "SMTP AUTH LOGIN"
  | "POP3 USER/PASS"
  | "POP3 APOP"
  | "POP3 AUTH PLAIN"
  | "POP3 AUTH LOGIN"
  | "IMAP LOGIN"
  | "IMAP AUTHENTICATE PLAIN"
  | "IMAP AUTHENTICATE LOGIN"
  | "Telnet login"
  | "SNMP community";

/** What the server's reply said: accepted, rejected, or nothing that tells (no reply, an SNMP request without answer). */
export type CredentialResult = "success" | "failed" | "unknown";

export interface CredentialRecord {
  /** Position in the capture's list (by frame), stable for a capture. */
  id: number;
  /** The application protocol: FTP, HTTP, SMTP, POP3, IMAP, Telnet, SNMP. */
  protocol: string;
  kind: CredentialKind;
  client: FollowEndpoint;
  server: FollowEndpoint;
  transport: "tcp" | "udp";
  /** tcp.stream or udp.stream (-1 when the pass did not number it). */
  stream: number;
  /** Frame (1-based) that carried the secret (or the user name when no secret was sent). */
  frame: number;
  /** Capture time of `frame`, seconds since the epoch. */
  time: number;
  /** User name ("" where the protocol has none: SNMP). */
  user: string;
  /**
   * The password, community or digest as sent (null: only a user name was
   * seen). APOP's is an MD5 digest, not a password (RFC 1939 §7).
   */
  secret: string | null;
  result: CredentialResult;
  /** Where it was used: an HTTP request's host and path, an SNMP version (capture text). */
  detail: string;
}

/** A record before it is numbered (the gatherer sorts every protocol's by frame, then numbers them). */
export type CredentialFinding = Omit<CredentialRecord, "id">;
