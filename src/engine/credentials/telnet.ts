/**
 * Telnet logins (RFC 854): what the user typed after the server's `login:`
 * and `Password:` prompts, as NetworkMiner shows it. Both directions are read
 * with the protocol's commands removed (IAC WILL/WONT/DO/DONT option,
 * IAC SB … IAC SE subnegotiations, IAC IAC a literal 0xff); the server's echo
 * of the typed characters is its own direction, so the user's input is the
 * client's bytes alone, up to CR or LF (RFC 854: CR NUL / CR LF), with
 * backspace (BS, DEL) applied. The prompt a line answers is the server's
 * last line before the line's first character.
 *
 * Result: the server's text after the password says it when it says
 * "incorrect", "failed", "denied" or prompts for a login again (rejected),
 * or shows "Last login" or a shell prompt (accepted).
 */
import { type StreamContext, type StreamParser, tcpFinding } from "./stream-text";
import type { CredentialFinding } from "./types";

const IAC = 0xff;
const SB = 0xfa;
const SE = 0xf0;
const WILL = 0xfb;
const DONT = 0xfe;

/** Removes Telnet commands from one direction, byte by byte (the state survives segment boundaries). */
class TelnetText {
  /** 0 data, 1 after IAC, 2 option byte, 3 in SB, 4 IAC in SB. */
  private state = 0;

  /** Calls `emit` with each data byte. */
  push(bytes: Uint8Array, emit: (c: number) => void): void {
    for (const c of bytes) {
      switch (this.state) {
        case 1:
          if (c === IAC) {
            this.state = 0;
            emit(c);
          } else this.state = c >= WILL && c <= DONT ? 2 : c === SB ? 3 : 0;
          continue;
        case 2:
          this.state = 0;
          continue;
        case 3:
          if (c === IAC) this.state = 4;
          continue;
        case 4:
          this.state = c === SE ? 0 : 3;
          continue;
        default:
          if (c === IAC) this.state = 1;
          else emit(c);
      }
    }
  }

  reset(): void {
    this.state = 0;
  }
}

const USER_PROMPT = /(?:login|username|user name|user)\s*:\s*$/i;
const PASSWORD_PROMPT = /password\s*:\s*$/i;
const REJECTED = /incorrect|failed|denied|invalid|(?:login|username)\s*:\s*$/i;
const ACCEPTED = /last login|[$#>%]\s*$/i;
/** Server text kept to find the prompt, and to judge a login. */
const KEEP = 512;

export function telnetCredentials(ctx: StreamContext): StreamParser {
  const found: CredentialFinding[] = [];
  const text = [new TelnetText(), new TelnetText()];
  /** The server's text since the client's last line. */
  let server = "";
  /** The line being typed, and the server's last line when it began. */
  let typed: number[] = [];
  let prompt: string | null = null;
  let user = "";
  let userAt = { frame: 0, time: 0 };
  /** A login whose result the server's next words will tell. */
  let judging: CredentialFinding | null = null;
  let afterPassword = "";

  const lineDone = (frame: number, time: number): void => {
    const p = prompt ?? lastLine(server);
    const value = new TextDecoder("utf-8").decode(Uint8Array.from(typed));
    typed = [];
    prompt = null;
    server = "";
    if (PASSWORD_PROMPT.test(p)) {
      judging = tcpFinding(ctx, "Telnet", "Telnet login", { user, secret: value, frame, time });
      found.push(judging);
      afterPassword = "";
      user = "";
    } else if (USER_PROMPT.test(p)) {
      user = value;
      userAt = { frame, time };
    }
  };

  return {
    data(fromClient, bytes, frame, time) {
      if (!fromClient) {
        // The segment's text at once (a session's output can be megabytes: no string per byte). Of a
        // long segment only its start can tell a login's result, and only its end be a prompt.
        const long = bytes.length > KEEP * 4;
        let head = "";
        text[0]!.push(long ? bytes.subarray(0, KEEP) : bytes, (c) => (head += String.fromCharCode(c)));
        let tail = head;
        if (long) {
          text[0]!.reset();
          tail = "";
          text[0]!.push(bytes.subarray(bytes.length - KEEP), (c) => (tail += String.fromCharCode(c)));
        }
        server = (server + tail).slice(-KEEP);
        if (judging) afterPassword += head;
        if (judging) {
          const said = afterPassword.trim();
          if (REJECTED.test(said)) judging.result = "failed";
          else if (ACCEPTED.test(said)) judging.result = "success";
          if (judging.result !== "unknown" || afterPassword.length > KEEP) judging = null;
        }
        return;
      }
      let lastWasCr = false;
      text[1]!.push(bytes, (c) => {
        if (c === 0x0d || (c === 0x0a && !lastWasCr)) {
          if (typed.length > 0 || prompt !== null) lineDone(frame, time);
        } else if (c === 0x08 || c === 0x7f) typed.pop();
        else if (c >= 0x20 || c === 0x09) {
          if (typed.length === 0 && prompt === null) prompt = lastLine(server);
          if (typed.length < KEEP) typed.push(c);
        }
        lastWasCr = c === 0x0d;
      });
    },
    gap(fromClient) {
      text[fromClient ? 1 : 0]!.reset();
      if (fromClient) {
        typed = [];
        prompt = null;
      }
    },
    finish() {
      // A user name typed at the prompt with no password after it still names an account.
      if (user) found.push(tcpFinding(ctx, "Telnet", "Telnet login", { user, secret: null, ...userAt }));
      return found;
    },
  };
}

/** The last non-blank line of the server's text. */
function lastLine(s: string): string {
  const lines = s.split(/[\r\n]+/).filter((l) => l.trim() !== "");
  return lines[lines.length - 1] ?? "";
}
