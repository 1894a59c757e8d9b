/**
 * The two SASL mechanisms that carry a password in the clear, as SMTP
 * (RFC 4954), POP3 (RFC 5034) and IMAP (RFC 3501 §6.2.2) run them:
 *
 * - PLAIN (RFC 4616): one base64 message `authzid NUL authcid NUL passwd`,
 *   either on the command line (initial response) or after the server's
 *   empty challenge (`334 `, `+ `).
 * - LOGIN (draft-murchison-sasl-login, what Outlook and Exim speak): the
 *   server asks "Username:" then "Password:" (base64 challenges), the
 *   client answers each with a base64 line; the user name may come as the
 *   initial response.
 *
 * A client line `*` cancels the exchange (RFC 4954 §4).
 */
import { base64Text } from "./base64";
import { type StreamContext, tcpFinding } from "./stream-text";
import type { CredentialFinding, CredentialKind, CredentialResult } from "./types";

export type SaslMechanism = "PLAIN" | "LOGIN";

/** What an exchange produced: the user (and password once sent), the frames that carried them. */
export interface SaslCredential {
  mechanism: SaslMechanism;
  user: string;
  password: string | null;
  frame: number;
  time: number;
}

/** `authzid NUL authcid NUL passwd` (RFC 4616 §2): the authentication identity is the user. */
export function parsePlain(message: string): { user: string; password: string } | null {
  const text = base64Text(message);
  if (text === null) return null;
  const parts = text.split("\0");
  if (parts.length !== 3) return null;
  return { user: parts[1]!, password: parts[2]! };
}

/**
 * One AUTH exchange, fed the client's lines after the command. `done()`
 * tells when the credential is complete (the next server reply is its result).
 */
export class SaslExchange {
  private readonly found: SaslCredential;
  private complete = false;

  /** `initial`: the initial response on the command line ("" when none, "=" for an empty one). */
  constructor(
    readonly mechanism: SaslMechanism,
    initial: string,
    frame: number,
    time: number,
  ) {
    this.found = { mechanism, user: "", password: null, frame, time };
    if (initial && initial !== "=") this.answer(initial, frame, time);
  }

  /** A client line of the exchange; false when it is not a SASL answer (the exchange is over). */
  answer(line: string, frame: number, time: number): boolean {
    const text = line.trim();
    if (text === "*" || this.complete) return false;
    if (this.mechanism === "PLAIN") {
      const plain = parsePlain(text);
      if (!plain) return false;
      Object.assign(this.found, plain, { frame, time });
      this.complete = true;
      return true;
    }
    const value = base64Text(text);
    if (value === null) return false;
    // LOGIN: the user name first, then the password.
    if (!this.found.user && this.found.password === null && !this.userSent) {
      this.found.user = value;
      Object.assign(this.found, { frame, time });
      this.userSent = true;
    } else {
      this.found.password = value;
      Object.assign(this.found, { frame, time });
      this.complete = true;
    }
    return true;
  }

  private userSent = false;

  done(): boolean {
    return this.complete;
  }

  /** What was sent so far (null: nothing usable, e.g. cancelled before the user name). */
  credential(): SaslCredential | null {
    return this.userSent || this.complete ? { ...this.found } : null;
  }
}

/** The mechanism named by an AUTH/AUTHENTICATE argument (`PLAIN dGVzdA==`), when it sends a password. */
export function saslCommand(argument: string): { mechanism: SaslMechanism; initial: string } | null {
  const [name = "", initial = ""] = argument.trim().split(/\s+/, 2);
  const upper = name.toUpperCase();
  return upper === "PLAIN" || upper === "LOGIN" ? { mechanism: upper, initial } : null;
}

/** How a protocol reads the server's reply during an exchange: a challenge, or the final word. */
export type SaslReply = "continue" | "success" | "failed";

/**
 * The AUTH exchange in progress on one connection (none most of the time):
 * started by the protocol's command, fed the client's answers, closed by the
 * server's final reply, which says whether the credential was accepted.
 */
export class SaslTracker {
  private exchange: SaslExchange | null = null;

  start(argument: string, frame: number, time: number): void {
    const cmd = saslCommand(argument);
    this.exchange = cmd ? new SaslExchange(cmd.mechanism, cmd.initial, frame, time) : null;
  }

  get active(): boolean {
    return this.exchange !== null;
  }

  /** A client line: true when it was an answer of the exchange. */
  clientLine(text: string, frame: number, time: number): boolean {
    if (!this.exchange) return false;
    if (this.exchange.answer(text, frame, time)) return true;
    return false;
  }

  /** The server's reply; the credential with its result when the exchange ends with it. */
  serverReply(reply: SaslReply): (SaslCredential & { result: "success" | "failed" }) | null {
    const x = this.exchange;
    if (!x || reply === "continue") return null;
    this.exchange = null;
    const c = x.credential();
    return c ? { ...c, result: reply } : null;
  }

  /** The stream ended during an exchange: what was sent, its result unknown. */
  flush(): SaslCredential | null {
    const c = this.exchange?.credential() ?? null;
    this.exchange = null;
    return c;
  }
}

/** The finding of an exchange: kind `${prefix} PLAIN` or `${prefix} LOGIN`. */
export function saslFinding(
  ctx: StreamContext,
  protocol: string,
  prefix: "SMTP AUTH" | "POP3 AUTH" | "IMAP AUTHENTICATE",
  c: SaslCredential & { result?: CredentialResult },
): CredentialFinding {
  return tcpFinding(ctx, protocol, `${prefix} ${c.mechanism}` as CredentialKind, { ...c, secret: c.password });
}
