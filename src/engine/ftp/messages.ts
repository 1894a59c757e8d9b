/**
 * The lines of a control connection (lines.ts) read as FTP commands and
 * replies, before any pairing or state (control.ts does that):
 * - a client line is a verb and, after exactly one space, an argument
 *   (RFC 959 §5.3; verbs case-insensitive); after a hole, what is left of a
 *   cut line ("TR file" of "RETR file") is not a command;
 * - server lines are replies; a multi-line reply (RFC 959 §4.2: "230-" …
 *   "230 ") is one reply, its inner lines never mistaken for replies even
 *   when they start with digits; a line with no code is kept as a reply with
 *   code 0 for the transcript.
 */
import { decodeText, type Line } from "./lines";
import type { FtpCommand, FtpReply, FtpTransferCommand } from "./types";

/** The commands that move data over a data connection. */
export const TRANSFER_COMMANDS: Record<string, FtpTransferCommand> = {
  RETR: "RETR",
  STOR: "STOR",
  STOU: "STOU",
  APPE: "APPE",
  LIST: "LIST",
  NLST: "NLST",
  MLSD: "MLSD",
};

/** Commands of RFC 959, 2228, 2389, 2428, 2640, 3659, 1639 and common extensions (to tell a command from the tail of a cut line). */
const KNOWN_VERBS = new Set(
  (
    "ABOR ACCT ADAT ALLO APPE AUTH CCC CDUP CONF CWD DELE ENC EPRT EPSV FEAT HELP HOST LANG LIST LPRT LPSV MDTM MFMT MIC MKD MLSD MLST MODE NLST NOOP " +
    "OPTS PASS PASV PBSZ PORT PROT PWD QUIT REIN REST RETR RMD RNFR RNTO SITE SIZE SMNT STAT STOR STOU STRU SYST TYPE USER XCUP XCWD XMKD XPWD XRMD CLNT"
  ).split(" "),
);

/** A client line as a command; null for an empty line or the tail of a line a hole cut. */
export function parseCommand(line: Line): FtpCommand | null {
  if (line.bytes.length === 0) return null;
  const raw = decodeText(line.bytes);
  // After a hole, what is left of a cut line ("TR file" of "RETR file") is not a command.
  if (line.afterGap && !KNOWN_VERBS.has((/^[A-Za-z]+/.exec(raw)?.[0] ?? "").toUpperCase())) return null;
  const sp = raw.indexOf(" ");
  const verb = (sp < 0 ? raw : raw.slice(0, sp)).toUpperCase();
  // RFC 959 §5.3: exactly one space before the argument; what follows is the argument, spaces included.
  const argument = sp < 0 ? "" : raw.slice(sp + 1);
  return {
    verb,
    argument,
    raw,
    frame: line.frame,
    lastFrame: line.lastFrame,
    time: line.time,
    streamOffset: line.streamOffset,
  };
}

interface PartialReply {
  code: number;
  lines: string[];
  frame: number;
  lastFrame: number;
  time: number;
  streamOffset: number;
}

/** Server lines assembled into replies, handed to `onReply` as each completes: feed lines with `push`, then `finish`. */
export class ReplyAssembler {
  private partial: PartialReply | null = null;

  constructor(private readonly onReply: (reply: FtpReply) => void) {}

  push(line: Line): void {
    const text = decodeText(line.bytes);
    const code = /^[1-5]\d\d/.test(text) ? Number(text.slice(0, 3)) : -1;
    const p = this.partial;
    if (line.afterGap && code < 0 && !p) return;
    if (!p && text === "") return;
    if (p) {
      // RFC 959 §4.2: a multi-line reply ends with a line starting with the same code and a space (or nothing).
      if (code === p.code && (text.length === 3 || text[3] === " ")) {
        p.lines.push(text.slice(4));
        p.lastFrame = line.lastFrame;
        this.partial = null;
        this.complete(p);
      } else {
        // Inner lines are text whatever they start with; servers often repeat "NNN-".
        p.lines.push(code === p.code && text[3] === "-" ? text.slice(4) : text);
        p.lastFrame = line.lastFrame;
      }
      return;
    }
    if (code < 0) {
      // Not a reply line: keep it in the transcript as a reply without a code.
      this.complete({
        code: 0,
        lines: [text],
        frame: line.frame,
        lastFrame: line.lastFrame,
        time: line.time,
        streamOffset: line.streamOffset,
      });
      return;
    }
    const r: PartialReply = {
      code,
      lines: [text.slice(4)],
      frame: line.frame,
      lastFrame: line.lastFrame,
      time: line.time,
      streamOffset: line.streamOffset,
    };
    if (text[3] === "-") this.partial = r;
    else this.complete(r);
  }

  /** A multi-line reply the capture cut off: keep what was seen. */
  finish(): void {
    const p = this.partial;
    this.partial = null;
    if (p) this.complete(p);
  }

  private complete(p: PartialReply): void {
    this.onReply({
      code: p.code,
      lines: p.lines,
      text: p.lines.join("\n"),
      multiline: p.lines.length > 1,
      frame: p.frame,
      lastFrame: p.lastFrame,
      time: p.time,
      streamOffset: p.streamOffset,
    });
  }
}
