/**
 * IMAP logins (RFC 3501): `tag LOGIN user password` (§6.2.3), whose two
 * arguments are atoms, quoted strings (`"…"` with `\"` and `\\`) or literals
 * (`{n}` at the end of a line, then n octets on the next: §4.3), and
 * `tag AUTHENTICATE PLAIN|LOGIN` (§6.2.2) with base64 answers to the
 * server's `+` continuations (or an initial response: RFC 4959). The tagged
 * reply says it: `tag OK` accepted, `tag NO`/`tag BAD` not.
 */
import { saslFinding, SaslTracker } from "./sasl";
import { LineStreamParser, type StreamContext, type StreamParser, tcpFinding } from "./stream-text";
import type { CredentialFinding } from "./types";

/** A LOGIN awaiting its tagged reply. */
interface Waiting {
  tag: string;
  user: string;
  secret: string;
  frame: number;
  time: number;
}

/** The arguments of a command line (literals already joined: `{n}\r\n` then n characters). */
export function imapArguments(text: string): string[] {
  const args: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === " ") {
      i++;
      continue;
    }
    if (c === '"') {
      let v = "";
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === "\\" && i + 1 < text.length) i++;
        v += text[i++];
      }
      args.push(v);
      i++;
      continue;
    }
    const literal = /^\{(\d+)\+?\}\r\n/.exec(text.slice(i, i + 24));
    if (literal) {
      const n = Number(literal[1]);
      const start = i + literal[0].length;
      args.push(text.slice(start, start + n));
      i = start + n;
      continue;
    }
    let end = text.indexOf(" ", i);
    if (end < 0) end = text.length;
    args.push(text.slice(i, end));
    i = end;
  }
  return args;
}

const LITERAL_AT_END = /\{\d+\+?\}$/;
/** A LOGIN never needs more than this many continuation lines (user and password literals). */
const MAX_PARTS = 3;

export function imapCredentials(ctx: StreamContext): StreamParser {
  const found: CredentialFinding[] = [];
  const auth = new SaslTracker();
  let authTag = "";
  let waiting: Waiting | null = null;
  /** A command line that ended with a literal's announcement: the next client line continues it. */
  let partial: { text: string; parts: number } | null = null;

  const command = (text: string, frame: number, time: number): void => {
    const [tag = "", verb = "", ...rest] = imapArguments(text);
    const upper = verb.toUpperCase();
    if (upper === "LOGIN" && rest.length >= 2) waiting = { tag, user: rest[0]!, secret: rest[1]!, frame, time };
    else if (upper === "AUTHENTICATE") {
      authTag = tag;
      auth.start(rest.join(" "), frame, time);
    }
  };

  return new LineStreamParser(
    (fromClient, text, frame, time) => {
      if (fromClient) {
        if (partial) {
          text = `${partial.text}\r\n${text}`;
          partial = LITERAL_AT_END.test(text) && partial.parts < MAX_PARTS ? { text, parts: partial.parts + 1 } : null;
          if (!partial) command(text, frame, time);
          return;
        }
        if (auth.clientLine(text, frame, time)) return;
        if (LITERAL_AT_END.test(text)) partial = { text, parts: 1 };
        else command(text, frame, time);
        return;
      }
      const [tag = "", status = ""] = text.split(" ", 2);
      const verdict = status.toUpperCase() === "OK" ? "success" : status.toUpperCase() === "NO" || status.toUpperCase() === "BAD" ? "failed" : null;
      if (auth.active && tag === authTag && verdict) {
        const c = auth.serverReply(verdict);
        if (c) found.push(saslFinding(ctx, "IMAP", "IMAP AUTHENTICATE", c));
        return;
      }
      if (waiting && tag === waiting.tag && verdict) {
        found.push(tcpFinding(ctx, "IMAP", "IMAP LOGIN", { ...waiting, result: verdict }));
        waiting = null;
      }
    },
    () => {
      if (waiting) found.push(tcpFinding(ctx, "IMAP", "IMAP LOGIN", waiting));
      const c = auth.flush();
      if (c) found.push(saslFinding(ctx, "IMAP", "IMAP AUTHENTICATE", c));
      return found;
    },
  );
}
