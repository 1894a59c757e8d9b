/**
 * One FTP control connection, parsed from its reassembled byte streams (both
 * directions interleaved in delivery order, as Follow TCP Stream gives them).
 *
 * What tshark 4.0 gets wrong and this file does not:
 * - every line counts, not only a segment's first; lines split across
 *   segments are joined (lines.ts);
 * - multi-line replies (RFC 959 §4.2: "230-" … "230 ") are one reply, their
 *   inner lines never mistaken for replies even when they start with digits
 *   (messages.ts);
 * - commands are matched case-insensitively (RFC 959 §5.3, messages.ts);
 * - replies are paired with the commands they answer (oldest command first;
 *   a transfer in progress lets the replies to commands sent meanwhile pass);
 * - the directory follows only CWD/CDUP successes and PWD's 257 (not MKD's);
 * - any AUTH answered by 234 switches the channel to TLS (RFC 4217 §4);
 *   after CCC (RFC 2228 §5.3, RFC 4217 §11) each direction comes back to
 *   cleartext where its TLS records end (tls-framing.ts), and is read again;
 * - announced addresses are range-checked (addresses.ts).
 *
 * Data connections are linked later (analyze.ts): this file records the
 * announcements (PORT/EPRT/LPRT commands accepted, PASV/EPSV/LPSV replies) and
 * the transfer commands, each with its position in the conversation.
 */
import { parseEprt, parseEpsvReply, parseHostPort, parseLongHostPort } from "./addresses";
import { FtpExchangeLog } from "./exchange-log";
import { LineSplitter, type Line } from "./lines";
import { parseCommand, ReplyAssembler, TRANSFER_COMMANDS } from "./messages";
import { TlsFraming } from "./tls-framing";
import { joinPath, parentPath, parse257 } from "./paths";
import type {
  FtpCommand,
  FtpDataMethod,
  FtpDirection,
  FtpLoginAttempt,
  FtpLoginResult,
  FtpReply,
  FtpTransferCommand,
} from "./types";

/** One piece of the control connection in delivery order; direction 0 is client→server. */
export type ControlPiece =
  | { kind: "data"; direction: 0 | 1; bytes: Uint8Array; frame: number; time: number; streamOffset: number }
  | { kind: "gap"; direction: 0 | 1 };

/** A data endpoint announced on the control channel. */
export interface Announcement {
  method: Exclude<FtpDataMethod, "none">;
  /** passive: the server listens (PASV/EPSV/LPSV reply); active: the client listens (PORT/EPRT/LPRT). */
  mode: "passive" | "active";
  /** The address announced; null for EPSV (the control connection's server address, RFC 2428 §3). */
  address: string | null;
  port: number;
  frame: number;
  /** Position in the conversation (commands and replies numbered in delivery order). */
  order: number;
  exchangeIndex: number;
  /** The server refused it (PORT answered 4yz/5yz). */
  rejected: boolean;
}

/** A transfer command as the control channel shows it. */
export interface TransferCommand {
  exchangeIndex: number;
  order: number;
  command: FtpTransferCommand;
  argument: string;
  path: string | null;
  direction: FtpDirection;
  restOffset: number;
  type: string;
  mode: string;
  structure: string;
  commandFrame: number;
  startReply: { code: number; text: string; frame: number } | null;
  endReply: { code: number; text: string; frame: number } | null;
  expectedSize: number | null;
  expectedSizeSource: "150" | "213" | "listing" | null;
  aborted: boolean;
  /** The announcement this command uses: the latest one before it not already used by a transfer that started. */
  announcement: number | null;
  /** PROT P in force: the data connection is TLS. */
  protectedData: boolean;
}

export interface ParsedControl {
  exchanges: FtpExchangeLog;
  announcements: Announcement[];
  transfers: TransferCommand[];
  logins: FtpLoginAttempt[];
  banner: string | null;
  system: string | null;
  features: string[];
  user: string | null;
  loginResult: FtpLoginResult;
  encrypted: boolean;
  tlsFrame: number | null;
  authMechanism: string | null;
  clearedCommandChannel: boolean;
  /** Frame of the first cleartext command after the TLS session closed (CCC), or null. */
  clearFrame: number | null;
  dataProtection: string | null;
  end: "quit" | "open";
  controlGaps: boolean;
  commandCount: number;
  /** Exchange index → transfer index, and exchange index → announcement index. */
  transferOfExchange: Map<number, number>;
  announcementOfExchange: Map<number, number>;
}

/** Codes that end a transfer in progress (RFC 959 §4.2, §5.4): the rest pass to commands sent meanwhile. */
function endsTransfer(code: number): boolean {
  return code === 226 || code === 250 || code >= 400;
}

interface Pending {
  exchange: number;
  command: FtpCommand;
  gotPreliminary: boolean;
}

/** Incremental parser: feed pieces with `push`, then `finish`. */
export class ControlParser {
  private readonly exchanges = new FtpExchangeLog();
  private readonly announcements: Announcement[] = [];
  private readonly transfers: TransferCommand[] = [];
  private readonly logins: FtpLoginAttempt[] = [];
  private readonly transferOfExchange = new Map<number, number>();
  private readonly announcementOfExchange = new Map<number, number>();
  private readonly pending: Pending[] = [];
  private readonly sizes = new Map<string, number>();
  private readonly commandSplitter = new LineSplitter((l) => this.onCommandLine(l));
  private readonly replies = new ReplyAssembler((r) => this.pairReply(r));
  private readonly replySplitter = new LineSplitter((l) => this.onReplyLine(l));
  private order = 0;
  private lastFrame = 0;

  private cwd: string | null = null;
  private type = "A";
  private mode = "S";
  private structure = "F";
  private restOffset = 0;
  private banner: string | null = null;
  private system: string | null = null;
  private features: string[] = [];
  private user: string | null = null;
  /** Per direction (0 client→server, 1 server→client): its TLS records while the channel is TLS, else null. */
  private readonly tls: [TlsFraming | null, TlsFraming | null] = [null, null];
  private clearFrame: number | null = null;
  private tlsFrame: number | null = null;
  private authMechanism: string | null = null;
  private authRequested: string | null = null;
  private ccc = false;
  private prot: string | null = null;
  private quit = false;
  private gaps = false;
  private commandCount = 0;
  /** Announcements already used by a transfer that started (a 1yz or 2yz reply). */
  private readonly used = new Set<number>();

  push(piece: ControlPiece): void {
    if (piece.kind === "gap") this.pushGap(piece.direction);
    else this.pushData(piece.direction, piece.bytes, piece.frame, piece.time, piece.streamOffset);
  }

  /** Bytes the capture lacks in one direction. */
  pushGap(direction: 0 | 1): void {
    this.gaps = true;
    const tls = this.tls[direction];
    if (tls) tls.gap();
    else (direction === 0 ? this.commandSplitter : this.replySplitter).gapOf();
  }

  /** `push` without a piece object (a control connection can carry a million segments). */
  pushData(direction: 0 | 1, bytes: Uint8Array, frame: number, time: number, streamOffset: number): void {
    const tls = this.tls[direction];
    this.lastFrame = Math.max(this.lastFrame, frame);
    if (tls) {
      const r = tls.feed(bytes);
      if (!r.clear) return;
      // The TLS session is over in this direction (CCC): the rest is cleartext again.
      this.tls[direction] = null;
      this.ccc = true;
      bytes = bytes.subarray(r.offset);
      streamOffset += r.offset;
    }
    if (direction === 0) this.commandSplitter.push(bytes, frame, time, streamOffset);
    else this.replySplitter.push(bytes, frame, time, streamOffset);
  }

  finish(): ParsedControl {
    if (!this.tls[0]) this.commandSplitter.finish(this.lastFrame);
    if (!this.tls[1]) this.replySplitter.finish(this.lastFrame);
    // A multi-line reply the capture cut off: keep what was seen.
    this.replies.finish();
    this.exchanges.trim();
    let loginResult: FtpLoginResult = "none";
    if (this.logins.some((l) => l.result === "success")) loginResult = "success";
    else if (this.logins.some((l) => l.result === "failed")) loginResult = "failed";
    else if (this.logins.length) loginResult = "unknown";
    return {
      exchanges: this.exchanges,
      announcements: this.announcements,
      transfers: this.transfers,
      logins: this.logins,
      banner: this.banner,
      system: this.system,
      features: this.features,
      user: this.user,
      loginResult,
      encrypted: this.tlsFrame !== null,
      tlsFrame: this.tlsFrame,
      authMechanism: this.authMechanism,
      clearedCommandChannel: this.ccc,
      clearFrame: this.clearFrame,
      dataProtection: this.prot,
      end: this.quit ? "quit" : "open",
      controlGaps: this.gaps,
      commandCount: this.commandCount,
      transferOfExchange: this.transferOfExchange,
      announcementOfExchange: this.announcementOfExchange,
    };
  }

  // -------------------------------------------------------------------------
  // Commands

  private onCommandLine(line: Line): void {
    if (this.tls[0]) return;
    const command = parseCommand(line);
    if (!command) return;
    if (this.tlsFrame !== null && this.clearFrame === null) this.clearFrame = command.frame;
    const index = this.exchanges.add(command);
    this.commandCount++;
    const order = this.order++;
    this.pending.push({ exchange: index, command, gotPreliminary: false });
    this.onCommand(command, index, order);
  }

  /** State changes that happen when the command is sent (the reply may confirm them later). */
  private onCommand(c: FtpCommand, exchange: number, order: number): void {
    const arg = c.argument;
    switch (c.verb) {
      case "USER":
        this.user = arg;
        this.logins.push({
          user: arg,
          password: null,
          result: "unknown",
          replyCode: null,
          userFrame: c.frame,
          passFrame: null,
          replyFrame: null,
        });
        break;
      case "PASS": {
        let attempt = this.logins[this.logins.length - 1];
        if (!attempt || attempt.passFrame !== null) {
          // PASS without USER (or a second PASS): still a credential.
          attempt = {
            user: this.user ?? "",
            password: null,
            result: "unknown",
            replyCode: null,
            userFrame: c.frame,
            passFrame: null,
            replyFrame: null,
          };
          this.logins.push(attempt);
        }
        attempt.password = arg;
        attempt.passFrame = c.frame;
        break;
      }
      case "PORT":
      case "EPRT":
      case "LPRT": {
        const a = c.verb === "PORT" ? parseHostPort(arg) : c.verb === "EPRT" ? parseEprt(arg) : parseLongHostPort(arg);
        if (a) this.announce(c.verb, "active", a.address, a.port, c.frame, order, exchange);
        break;
      }
      case "ABOR":
        for (let i = this.transfers.length - 1; i >= 0; i--) {
          const t = this.transfers[i]!;
          if (t.endReply === null || t.endReply.frame >= c.frame) {
            t.aborted = true;
            break;
          }
        }
        break;
      case "QUIT":
        this.quit = true;
        break;
      case "AUTH":
        this.authRequested = arg.trim().toUpperCase();
        break;
      default: {
        const transfer = TRANSFER_COMMANDS[c.verb];
        if (transfer) this.startTransfer(transfer, c, exchange, order);
      }
    }
  }

  private announce(
    method: Announcement["method"],
    mode: "passive" | "active",
    address: string | null,
    port: number,
    frame: number,
    order: number,
    exchange: number,
  ): void {
    this.announcementOfExchange.set(exchange, this.announcements.length);
    this.announcements.push({ method, mode, address, port, frame, order, exchangeIndex: exchange, rejected: false });
  }

  private startTransfer(command: FtpTransferCommand, c: FtpCommand, exchange: number, order: number): void {
    const arg = c.argument;
    let path: string | null;
    const listing = command === "LIST" || command === "NLST" || command === "MLSD";
    if (listing) {
      // LIST -la /pub: options are not a path (a common server extension).
      const target = arg
        .split(" ")
        .filter((w) => w !== "" && !w.startsWith("-"))
        .join(" ");
      path = joinPath(this.cwd ?? "/", target);
    } else if (command === "STOU") {
      path = null; // named by the reply
    } else {
      path = arg ? joinPath(this.cwd ?? "/", arg) : null;
    }
    let announcement: number | null = null;
    for (let i = this.announcements.length - 1; i >= 0; i--) {
      const a = this.announcements[i]!;
      if (a.order >= order) continue;
      if (a.rejected) continue;
      if (this.used.has(i)) break;
      announcement = i;
      break;
    }
    const t: TransferCommand = {
      exchangeIndex: exchange,
      order,
      command,
      argument: arg,
      path,
      direction: command === "STOR" || command === "STOU" || command === "APPE" ? "upload" : "download",
      restOffset: this.restOffset,
      type: this.type,
      mode: this.mode,
      structure: this.structure,
      commandFrame: c.frame,
      startReply: null,
      endReply: null,
      expectedSize: null,
      expectedSizeSource: null,
      aborted: false,
      announcement,
      protectedData: this.prot === "P" || this.prot === "S" || this.prot === "E",
    };
    if (command === "RETR" && path !== null && this.sizes.has(path)) {
      t.expectedSize = this.sizes.get(path)!;
      t.expectedSizeSource = "213";
    }
    this.restOffset = 0;
    this.transferOfExchange.set(exchange, this.transfers.length);
    this.transfers.push(t);
  }

  // -------------------------------------------------------------------------
  // Replies

  private onReplyLine(line: Line): void {
    if (this.tls[1]) return;
    this.replies.push(line);
  }

  /** Pairs a reply with the command it answers and applies what it confirms. */
  private pairReply(reply: FtpReply): void {
    const order = this.order++;
    // The oldest command still waiting gets the reply, except that a transfer
    // in progress (preliminary reply seen) lets replies to later commands pass.
    let target = -1;
    if (reply.code > 0) {
      for (let i = 0; i < this.pending.length; i++) {
        const pe = this.pending[i]!;
        const isTransfer = TRANSFER_COMMANDS[pe.command.verb] !== undefined;
        if (isTransfer && pe.gotPreliminary && !endsTransfer(reply.code) && i + 1 < this.pending.length) continue;
        target = i;
        break;
      }
    }
    if (target < 0) {
      const index = this.exchanges.add(null);
      this.exchanges.addReply(index, reply);
      this.onUnsolicited(reply, index, order);
      return;
    }
    const pe = this.pending[target]!;
    this.exchanges.addReply(pe.exchange, reply);
    const preliminary = reply.code >= 100 && reply.code < 200;
    if (preliminary) pe.gotPreliminary = true;
    else this.pending.splice(target, 1);
    this.onReply(pe.command, reply, pe.exchange, order, preliminary);
  }

  private onUnsolicited(reply: FtpReply, _exchange: number, _order: number): void {
    if (reply.code === 220 && this.banner === null) this.banner = reply.text;
  }

  /** State changes a reply confirms. */
  private onReply(c: FtpCommand, r: FtpReply, exchange: number, order: number, preliminary: boolean): void {
    const ok = r.code >= 200 && r.code < 300;
    const failed = r.code >= 400;
    const arg = c.argument;
    const ti = this.transferOfExchange.get(exchange);
    if (ti !== undefined) {
      this.onTransferReply(this.transfers[ti]!, ti, r, preliminary);
      return;
    }
    switch (c.verb) {
      case "USER":
      case "PASS":
      case "ACCT": {
        const attempt = this.logins[this.logins.length - 1];
        if (!attempt) break;
        if (r.code === 230 || r.code === 232 || (c.verb === "PASS" && r.code === 202)) {
          attempt.result = "success";
          attempt.replyCode = r.code;
          attempt.replyFrame = r.frame;
        } else if (r.code === 530 || (failed && r.code !== 500 && r.code !== 502)) {
          attempt.result = "failed";
          attempt.replyCode = r.code;
          attempt.replyFrame = r.frame;
        }
        break;
      }
      case "CWD":
      case "XCWD":
        if (ok) this.cwd = joinPath(this.cwd ?? "/", arg);
        break;
      case "CDUP":
      case "XCUP":
        if (ok) this.cwd = parentPath(this.cwd ?? "/");
        break;
      case "PWD":
      case "XPWD":
        if (r.code === 257) {
          const dir = parse257(r.lines[0] ?? "");
          if (dir !== null && dir.startsWith("/")) this.cwd = joinPath("/", dir);
        }
        break;
      case "TYPE":
        if (ok) this.type = arg.trim().toUpperCase() || "A";
        break;
      case "MODE":
        if (ok) this.mode = arg.trim().toUpperCase();
        break;
      case "STRU":
        if (ok) this.structure = arg.trim().toUpperCase();
        break;
      case "REST":
        if (r.code === 350) {
          const n = Number(arg.trim());
          if (Number.isSafeInteger(n) && n >= 0) this.restOffset = n;
        }
        break;
      case "SIZE":
        if (r.code === 213) {
          const n = Number(r.lines[0]!.trim());
          if (Number.isSafeInteger(n) && n >= 0 && arg) this.sizes.set(joinPath(this.cwd ?? "/", arg), n);
        }
        break;
      case "PORT":
      case "EPRT":
      case "LPRT": {
        const ai = this.announcementOfExchange.get(exchange);
        if (ai !== undefined && failed) this.announcements[ai]!.rejected = true;
        break;
      }
      case "PASV": {
        const a = r.code === 227 ? parseHostPort(r.text) : null;
        if (a) this.announce("PASV", "passive", a.address, a.port, r.frame, order, exchange);
        break;
      }
      case "EPSV": {
        const a = r.code === 229 ? parseEpsvReply(r.text) : null;
        if (a) this.announce("EPSV", "passive", null, a.port, r.frame, order, exchange);
        break;
      }
      case "LPSV": {
        const a = r.code === 228 ? parseLongHostPort(r.text) : null;
        if (a) this.announce("LPSV", "passive", a.address, a.port, r.frame, order, exchange);
        break;
      }
      case "AUTH":
        // RFC 4217 §4 (TLS, SSL, TLS-C, TLS-P): 234 and the handshake starts right after.
        if (r.code === 234) {
          this.authMechanism = this.authRequested ?? arg.trim().toUpperCase();
          this.tlsFrame = r.frame;
          this.tls[0] = new TlsFraming();
          this.tls[1] = new TlsFraming();
        }
        break;
      case "PROT":
        if (ok) this.prot = arg.trim().toUpperCase();
        break;
      case "CCC":
        if (ok) this.ccc = true;
        break;
      case "FEAT":
        if (r.code === 211 && r.lines.length > 1)
          this.features = r.lines
            .slice(1, -1)
            .map((l) => l.trim())
            .filter((l) => l !== "");
        break;
      case "SYST":
        if (r.code === 215) this.system = r.text;
        break;
    }
  }

  private onTransferReply(t: TransferCommand, index: number, r: FtpReply, preliminary: boolean): void {
    const brief = { code: r.code, text: r.text, frame: r.frame };
    if (preliminary) {
      if (!t.startReply) t.startReply = brief;
      // "150 Opening BINARY mode data connection for x (1234 bytes)."
      const m = /\((\d+) bytes?\)/i.exec(r.text);
      if (m) {
        const n = Number(m[1]);
        if (Number.isSafeInteger(n)) {
          t.expectedSize = n;
          t.expectedSizeSource = "150";
        }
      }
    } else {
      t.endReply = brief;
    }
    if (t.announcement !== null && (preliminary || r.code < 300)) this.used.add(t.announcement);
    if (t.command === "STOU" && t.path === null) {
      // RFC 1123 §4.1.2.9: "FILE: name" in the preliminary reply; some servers say it in the final one.
      const m = /FILE:\s*(.+?)\s*$/i.exec(r.lines[0] ?? "") ?? /unique file ?name:?\s*"?([^")]+)"?/i.exec(r.text);
      if (m) t.path = joinPath(this.cwd ?? "/", m[1]!);
    }
    void index;
  }
}
