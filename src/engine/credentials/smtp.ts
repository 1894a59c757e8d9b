/**
 * SMTP AUTH (RFC 4954): `AUTH PLAIN` and `AUTH LOGIN` exchanges on a mail
 * submission connection. The server's 334 lines are challenges; its next
 * other reply ends the exchange: 235 accepted (§6), 4yz/5yz (454, 535…) not.
 */
import { saslFinding, SaslTracker, type SaslReply } from "./sasl";
import { LineStreamParser, type StreamContext, type StreamParser } from "./stream-text";
import type { CredentialFinding } from "./types";

function replyOf(text: string): SaslReply | null {
  const m = /^(\d)\d\d(?:[ -]|$)/.exec(text);
  if (!m) return null;
  if (text.startsWith("334")) return "continue";
  return m[1] === "2" ? "success" : "failed";
}

export function smtpCredentials(ctx: StreamContext): StreamParser {
  const found: CredentialFinding[] = [];
  const auth = new SaslTracker();
  return new LineStreamParser(
    (fromClient, text, frame, time) => {
      if (fromClient) {
        if (auth.clientLine(text, frame, time)) return;
        const m = /^AUTH\s+(.*)$/i.exec(text);
        if (m) auth.start(m[1]!, frame, time);
        return;
      }
      const reply = replyOf(text);
      // A multi-line reply's last line ("235 " not "235-") ends it.
      if (reply === null || /^\d{3}-/.test(text)) return;
      const c = auth.serverReply(reply);
      if (c) found.push(saslFinding(ctx, "SMTP", "SMTP AUTH", c));
    },
    () => {
      const c = auth.flush();
      if (c) found.push(saslFinding(ctx, "SMTP", "SMTP AUTH", c));
      return found;
    },
  );
}
