/**
 * POP3 logins (RFC 1939 §7): `USER name` then `PASS secret`, or `APOP name
 * digest` (the digest is MD5 of the greeting's timestamp and the shared
 * secret: shown as sent, it is not the password), and SASL `AUTH PLAIN` /
 * `AUTH LOGIN` (RFC 5034). The server's `+OK` accepts, `-ERR` rejects;
 * `+ ` lines are SASL challenges.
 */
import { saslFinding, SaslTracker } from "./sasl";
import { LineStreamParser, type StreamContext, type StreamParser, tcpFinding } from "./stream-text";
import type { CredentialFinding, CredentialKind } from "./types";

interface Waiting {
  kind: CredentialKind;
  user: string;
  secret: string | null;
  frame: number;
  time: number;
}

export function pop3Credentials(ctx: StreamContext): StreamParser {
  const found: CredentialFinding[] = [];
  const auth = new SaslTracker();
  /** A command whose reply is awaited (USER's, PASS's or APOP's). */
  let waiting: Waiting | null = null;
  /** The user name a USER got +OK for. */
  let user: string | null = null;
  const settle = (result: "success" | "failed" | "unknown"): void => {
    if (waiting) found.push(tcpFinding(ctx, "POP3", waiting.kind, { ...waiting, result }));
    waiting = null;
  };
  return new LineStreamParser(
    (fromClient, text, frame, time) => {
      if (fromClient) {
        if (auth.clientLine(text, frame, time)) return;
        const m = /^([A-Za-z]{4})(?: (.*))?$/.exec(text);
        if (!m) return;
        const verb = m[1]!.toUpperCase();
        const arg = m[2] ?? "";
        if (verb === "USER") {
          // A USER with no PASS after it (the user gave up) still names an account.
          if (waiting?.kind === "POP3 USER/PASS" && waiting.secret === null) settle("unknown");
          waiting = { kind: "POP3 USER/PASS", user: arg, secret: null, frame, time };
        } else if (verb === "PASS") {
          const name = waiting?.kind === "POP3 USER/PASS" ? waiting.user : (user ?? "");
          waiting = { kind: "POP3 USER/PASS", user: name, secret: arg, frame, time };
        } else if (verb === "APOP") {
          const sp = arg.lastIndexOf(" ");
          waiting = { kind: "POP3 APOP", user: sp < 0 ? arg : arg.slice(0, sp), secret: sp < 0 ? "" : arg.slice(sp + 1), frame, time };
        } else if (verb === "AUTH") {
          auth.start(arg, frame, time);
        }
        return;
      }
      const ok = text.startsWith("+OK");
      const err = text.startsWith("-ERR");
      if (auth.active) {
        const c = ok || err ? auth.serverReply(ok ? "success" : "failed") : null;
        if (c) found.push(saslFinding(ctx, "POP3", "POP3 AUTH", c));
        return;
      }
      if (!waiting || !(ok || err)) return;
      if (waiting.secret === null) {
        // The reply to USER: the password comes next (or the name was refused).
        user = ok ? waiting.user : null;
        if (err) settle("failed");
        return;
      }
      settle(ok ? "success" : "failed");
    },
    () => {
      settle("unknown");
      const c = auth.flush();
      if (c) found.push(saslFinding(ctx, "POP3", "POP3 AUTH", c));
      return found;
    },
  );
}
