/**
 * The FTP forensics model: what `analyzeFtp` (analyze.ts) finds in a capture.
 * Everything here is plain data (numbers, strings, arrays, objects): it
 * crosses the worker boundary by structured clone and can be written as JSON.
 *
 * Identity: every object has an `id` equal to its index in the array of
 * `FtpAnalysis` that holds it, and refers to others by id (`sessionId`,
 * `transferId`, `fileId`, ...), never by pointer.
 *
 * Frames are 1-based frame numbers (Wireshark's frame.number); streams are
 * tcp.stream indexes. Times are seconds since the Unix epoch as a float
 * (microsecond precision is kept for captures of this century).
 *
 * TEXT FROM THE CAPTURE IS DATA. Every string that comes from the wire (the
 * banner, user names, passwords, paths, reply text, listing entries) may hold
 * markup, Mermaid directives, quotes, control characters or invalid UTF-8
 * (decoded with U+FFFD). Render it as text (React children, `textContent`),
 * escape it for the output format you produce (Mermaid, CSV, HTML), and never
 * use it as a file name without `safeFileName` (export.ts).
 *
 * Specs: RFC 959 (FTP), 2228 (security extensions: AUTH, PBSZ, PROT, CCC),
 * 2389 (FEAT/OPTS), 2428 (EPRT/EPSV, IPv6), 3659 (SIZE, MDTM, REST in STREAM
 * mode, MLST/MLSD), 4217 (FTP over TLS), 1639 (LPRT/LPSV).
 */
import type { FtpExchangeLog } from "./exchange-log";

/** An address as the packet list shows it (dotted IPv4, RFC 5952 IPv6) and a port. */
export interface FtpEndpoint {
  address: string;
  port: number;
}

// ---------------------------------------------------------------------------
// Control channel: commands, replies, exchanges

/** One command line sent by the client (RFC 959 §5.3: `verb SP argument CRLF`). */
export interface FtpCommand {
  /** The verb in upper case (the wire may use any case: RFC 959 §5.3 says commands are case-insensitive). */
  verb: string;
  /** Everything after the first space, as sent (PASS arguments are here too: mask them in UIs). */
  argument: string;
  /** The line as sent, without CRLF. */
  raw: string;
  /** Frame holding the line's first byte / the frame that completed the line (same for one-segment lines). */
  frame: number;
  lastFrame: number;
  time: number;
  /** Byte offset of the line in the client→server control stream. */
  streamOffset: number;
}

/**
 * One reply (RFC 959 §4.2), multi-line replies (`230-` … `230 `) joined into
 * one: `lines` holds every line, the code stripped from the first and last.
 */
export interface FtpReply {
  code: number;
  /** Text of each line (the first and last without their "NNN-"/"NNN " prefix). */
  lines: string[];
  /** `lines` joined with "\n". */
  text: string;
  /** True when it was a multi-line reply. */
  multiline: boolean;
  frame: number;
  lastFrame: number;
  time: number;
  /** Byte offset of the reply's first line in the server→client control stream. */
  streamOffset: number;
}

/**
 * A command and the replies it got, in order: preliminary (1yz) replies, then
 * the completion (2yz–5yz), sometimes more (a 226 after 150). `command` is
 * null for replies nobody asked for (the 220 greeting, a 421 shutdown).
 * This is what a sequence diagram draws as request → response arrows.
 */
export interface FtpExchange {
  command: FtpCommand | null;
  replies: FtpReply[];
  /** The data channel this exchange announced (PORT/EPRT/LPRT command or PASV/EPSV/LPSV reply), if any. */
  announcesDataChannelId: number | null;
  /** The transfer this exchange started (RETR, STOR, LIST, ...), if any. */
  transferId: number | null;
}

// ---------------------------------------------------------------------------
// Sessions

export type FtpLoginResult =
  /** A 230 (or 232) after USER/PASS. */
  | "success"
  /** Only failures (530 and the like). */
  | "failed"
  /** Credentials sent, no reply seen (capture ends, encrypted afterwards). */
  | "unknown"
  /** No login attempted in cleartext (or the control channel became TLS first). */
  | "none";

/** One USER [PASS [ACCT]] attempt on a control channel. */
export interface FtpLoginAttempt {
  user: string;
  /** null when PASS was never sent (a 230 right after USER, or the attempt was abandoned). */
  password: string | null;
  result: "success" | "failed" | "unknown";
  /** Reply code that decided it (230, 530, ...), or null. */
  replyCode: number | null;
  userFrame: number;
  passFrame: number | null;
  replyFrame: number | null;
}

/** One FTP control connection (one TCP stream to the server's control port). */
export interface FtpSession {
  id: number;
  /** tcp.stream of the control connection. */
  controlStream: number;
  client: FtpEndpoint;
  server: FtpEndpoint;
  firstFrame: number;
  lastFrame: number;
  start: number;
  /** Seconds from the first to the last frame of the control connection. */
  duration: number;
  /** The 220 greeting text (all lines), or null when the capture starts later. */
  banner: string | null;
  /** SYST reply (215) text. */
  system: string | null;
  /** Features from FEAT (RFC 2389), one per line as listed. */
  features: string[];
  /** Last user name sent (USER), or null. */
  user: string | null;
  loginResult: FtpLoginResult;
  logins: FtpLoginAttempt[];
  /**
   * The control channel switched to TLS (AUTH TLS/SSL/TLS-C/TLS-P answered
   * with 234, RFC 4217 §4): everything after `tlsFrame` is unreadable.
   */
  encrypted: boolean;
  /** Frame of the 234 reply, when `encrypted`. */
  tlsFrame: number | null;
  /** AUTH mechanism asked for (TLS, SSL, ...), or null. */
  authMechanism: string | null;
  /**
   * CCC (RFC 2228 §5.3, RFC 4217 §11): the control channel went back to
   * cleartext after its TLS session closed; the commands from `clearFrame`
   * on are read like any others.
   */
  clearedCommandChannel: boolean;
  /** Frame of the first cleartext command after CCC, or null. */
  clearFrame: number | null;
  /** PROT level last accepted (C, S, E, P), or null: "P" means data connections are TLS too. */
  dataProtection: string | null;
  /**
   * Command/reply pairs in order, stored by column (exchange-log.ts: `at(i)`
   * builds one; a session can hold hundreds of thousands).
   */
  exchanges: FtpExchangeLog;
  /** Number of commands sent (exchanges with a command). */
  commandCount: number;
  /** Data connections of this session (ids into FtpAnalysis.dataChannels). */
  dataChannelIds: number[];
  /** Transfers (ids into FtpAnalysis.transfers), in command order. */
  transferIds: number[];
  /** Bytes on the control connection (client→server, server→client). */
  controlBytes: [number, number];
  /** Bytes carried by this session's data connections (both directions). */
  dataBytes: number;
  /** How the control connection ended. */
  end: "quit" | "closed" | "reset" | "open";
  /** The control stream has holes (lost segments): some lines may be missing or cut. */
  controlGaps: boolean;
  /** Alerts concerning this session (ids into FtpAnalysis.alerts). */
  alertIds: number[];
}

// ---------------------------------------------------------------------------
// Data channels

/** How a data connection was announced. "none": no announcement matched (see `unexplained`). */
export type FtpDataMethod = "PORT" | "EPRT" | "LPRT" | "PASV" | "EPSV" | "LPSV" | "none";

/**
 * One data connection (a TCP stream), linked to its session by the endpoint
 * the session announced and to a transfer by the command it served.
 */
export interface FtpDataChannel {
  id: number;
  /** tcp.stream of the data connection. */
  stream: number;
  /** null for a connection no announcement explains. */
  sessionId: number | null;
  method: FtpDataMethod;
  /** "passive": the client connected to the server; "active": the server connected to the client. */
  mode: "passive" | "active" | "unknown";
  /** The endpoint announced on the control channel (the listening side), and where. */
  announced: FtpEndpoint | null;
  announceFrame: number | null;
  /** The FTP client's and server's ends of the data connection. */
  client: FtpEndpoint;
  server: FtpEndpoint;
  /** First frame of the connection (its SYN when captured) and last frame. */
  firstFrame: number;
  lastFrame: number;
  /** First and last frames that carried payload, 0 when none. */
  firstDataFrame: number;
  lastDataFrame: number;
  start: number;
  end: number;
  /** Payload bytes seen client→server and server→client (captured, retransmissions counted once). */
  bytes: [number, number];
  /** Bytes the peer acknowledged but the capture does not hold (lost before the capture point), per direction. */
  missing: [number, number];
  /** The transfer it carried, or null. */
  transferId: number | null;
  /** The payload is TLS (PROT P was in force): the bytes are not the file. */
  encrypted: boolean;
  /** Announced-or-not but no transfer command claimed it (an "unexplained" data connection). */
  unexplained: boolean;
  /**
   * Set for a connection no readable command announces (the control channel
   * was TLS, or the capture started after the announcement) that behaves
   * like FTP data: "unattributed FTP data" (unattributed.ts).
   */
  attribution: FtpAttribution | null;
  /**
   * Hashes of what each direction (client→server, server→client) carried,
   * holes skipped: computed for unexplained connections only (a transfer's
   * payload has its own), null otherwise or when a direction carried nothing.
   */
  md5: [string | null, string | null];
  sha256: [string | null, string | null];
}

/** Why a connection no command announces is taken for FTP data, and how sure that is. */
export interface FtpAttribution {
  /** high: one session, inside its unreadable (TLS) stretch, opened and closed as FTP data is; medium/low: less of that. */
  confidence: "high" | "medium" | "low";
  /** The session it most likely belongs to is `sessionId` of the channel; this many sessions were candidates. */
  candidates: number;
  /** One plain sentence per piece of evidence (capture text inside: render as text). */
  reasons: string[];
  /** Which way the file went: "download" server→client, "upload" client→server. */
  direction: FtpDirection;
  /** Content type guessed from the first bytes (magic.ts). */
  mime: string;
}

// ---------------------------------------------------------------------------
// Transfers and files

/** Commands that move a file or a listing over a data connection. */
export type FtpTransferCommand = "RETR" | "STOR" | "STOU" | "APPE" | "LIST" | "NLST" | "MLSD";

/** "download": server→client (RETR and listings); "upload": client→server (STOR, STOU, APPE). */
export type FtpDirection = "download" | "upload";

/** A half-open byte range [start, end). */
export type ByteRange = [number, number];

/**
 * One transfer command and what its data connection carried in the
 * transfer's direction (its "payload", byte-exact as on the wire).
 */
export interface FtpTransfer {
  id: number;
  sessionId: number;
  command: FtpTransferCommand;
  /** The command's argument as sent (may be empty: LIST with no argument). */
  argument: string;
  /**
   * Full path on the server: the session's current directory joined with the
   * argument (absolute arguments kept); STOU takes the name from the reply
   * (RFC 1123 §4.1.2.9 "FILE: name"). null for listings without an argument
   * and unknown directory.
   */
  path: string | null;
  direction: FtpDirection;
  /** Frame of the command. */
  commandFrame: number;
  /** Preliminary (1yz) and final replies, null when not seen. */
  startReply: { code: number; text: string; frame: number } | null;
  endReply: { code: number; text: string; frame: number } | null;
  /** Data channel used (id), or null when none was found. */
  dataChannelId: number | null;
  dataStream: number | null;
  /** REST offset in force for this command (RFC 3659 §5), 0 when none. */
  restOffset: number;
  /** TYPE (RFC 959 §3.1.1): "A" ASCII, "I" image, "E" EBCDIC, "L" local byte size; with its second parameter, as sent ("A N", "L 8"). */
  type: string;
  /** MODE (S stream, B block, C compressed) and STRU (F, R, P) in force. */
  mode: string;
  structure: string;
  /**
   * Expected size: the "(N bytes)" of the 150 reply, else the last SIZE 213
   * for this path, else the size a listing of its directory gave (earlier in
   * the capture, same server); null if unknown.
   */
  expectedSize: number | null;
  expectedSizeSource: "150" | "213" | "listing" | null;
  /** Payload bytes captured in the transfer's direction (holes not counted). */
  payloadSize: number;
  /** Holes in the payload (relative to its start) where the capture lost bytes. */
  payloadMissing: ByteRange[];
  /** Hashes of the payload as it crossed the wire (holes skipped), null when there is no payload. */
  payloadMd5: string | null;
  payloadSha256: string | null;
  firstDataFrame: number;
  lastDataFrame: number;
  /** ABOR sent while the transfer ran (lftp's pget ends segments that way). */
  aborted: boolean;
  /** The file or listing this transfer contributes to, or null (no payload, encrypted). */
  fileId: number | null;
}

/** One entry of a directory listing (LIST in `ls -l` or DOS style, NLST names, MLSD facts). */
export interface FtpListingEntry {
  name: string;
  /** "file", "dir", "link", "cdir"/"pdir" (MLSD), or "unknown" (NLST, unparsed LIST lines). */
  type: "file" | "dir" | "link" | "cdir" | "pdir" | "unknown";
  size: number | null;
  /** As written in the listing ("Jan 02 03:04", "2024-01-02T03:04:05Z" for MLSD's 20240102030405). */
  date: string | null;
  /** Unix mode string or MLSD perm fact, when given. */
  permissions: string | null;
  /** The line as sent. */
  raw: string;
}

/**
 * A reconstructed object: a file (from RETR/STOR/STOU/APPE transfers of one
 * path, stitched at their REST offsets) or a listing (LIST/NLST/MLSD).
 *
 * Content: each part's payload placed at `offset` (its REST offset); where
 * parts overlap the earliest part's bytes win (they must agree: a
 * disagreement is an alert); holes are zero-filled in exports and listed in
 * `missingRanges`. TYPE A parts are converted from the wire's CRLF to LF
 * (the host's representation, RFC 959 §3.1.1.1), so `sha256` is the file as
 * stored on a Unix host; `wireSha256` of the transfer payload stays the
 * byte-exact evidence.
 */
export interface FtpFile {
  id: number;
  kind: "file" | "listing";
  /** Full FTP path (listings: the directory listed, or the argument). */
  name: string;
  /** Last path component (may be anything, including "", "..", markup: see safeFileName). */
  baseName: string;
  command: FtpTransferCommand;
  direction: FtpDirection;
  /** Transfers whose payloads make up this object, in offset order. */
  transferIds: number[];
  /** Session of the first part (parts of a pget come from several sessions: see `sessionIds`). */
  sessionId: number;
  sessionIds: number[];
  controlStream: number;
  dataStream: number | null;
  commandFrame: number;
  firstFrame: number;
  lastFrame: number;
  /** Length of the content: the end of the last byte known (offset + payload of the furthest part). */
  size: number;
  expectedSize: number | null;
  /** Every byte of [0, max(size, expectedSize)) is known and sizes agree (when an expected size is known). */
  complete: boolean;
  /** Unknown ranges of [0, max(size, expectedSize ?? 0)). */
  missingRanges: ByteRange[];
  /** Hashes of the content (holes as zero bytes), lower-case hex. */
  md5: string;
  sha256: string;
  /** MIME type from the first bytes (magic numbers), "text/plain" for text, else "application/octet-stream". */
  mime: string;
  /** TYPE of the transfer(s) ("I", "A", ...) and the mode (e.g. "passive EPSV"). */
  type: string;
  transferMode: string;
  /** Listings: the entries parsed (empty for files). */
  entries: FtpListingEntry[];
  /** Ranges where two parts overlap and disagree (the earlier part's bytes are kept). */
  conflictingRanges: ByteRange[];
  /** True when content differs from a part's wire bytes (TYPE A conversion, REST offset, several parts): the parts are exported too. */
  derived: boolean;
}

// ---------------------------------------------------------------------------
// Credentials and alerts

/** Credentials seen in cleartext (NetworkMiner's Credentials tab). */
export interface FtpCredential {
  id: number;
  protocol: "FTP";
  sessionId: number;
  client: FtpEndpoint;
  server: FtpEndpoint;
  user: string;
  /** null when only USER was seen. */
  password: string | null;
  result: "success" | "failed" | "unknown";
  userFrame: number;
  passFrame: number | null;
  time: number;
}

export type FtpAlertKind =
  /** USER/PASS sent in cleartext. */
  | "cleartext-credentials"
  /** 5 or more failed logins from one client address, across its sessions. */
  | "brute-force"
  /** A session used AUTH TLS/SSL (FTPS): its commands and files cannot be read. */
  | "ftps"
  /** Bytes received differ from the expected size (150 "(N bytes)" or SIZE). */
  | "size-mismatch"
  /** A data connection (announced or on port 20) that no transfer command explains. */
  | "unexplained-data-connection"
  /**
   * A connection no readable command announces that behaves like FTP data of
   * a session whose commands cannot be read (FTPS, a capture started
   * mid-session): one per connection, with the likely session and confidence.
   */
  | "unattributed-data"
  /** The capture lost bytes of a file (holes), or parts of a stitched file disagree. */
  | "incomplete-file"
  | "overlap-mismatch";

export interface FtpAlert {
  id: number;
  kind: FtpAlertKind;
  severity: "info" | "warning" | "critical";
  /** One sentence in plain words (contains capture text: render as text). */
  message: string;
  sessionIds: number[];
  /** Client address concerned (brute force: the guessing client). */
  client: string | null;
  fileId: number | null;
  dataChannelId: number | null;
  /** Frames that show it (the failing PASS replies, the data connection's first frame...). */
  frames: number[];
}

// ---------------------------------------------------------------------------
// The whole result

export interface FtpAnalysis {
  sessions: FtpSession[];
  dataChannels: FtpDataChannel[];
  transfers: FtpTransfer[];
  files: FtpFile[];
  credentials: FtpCredential[];
  alerts: FtpAlert[];
}

/**
 * Where the bytes of a file come from, for reading them again (downloads,
 * exports) without the analysis holding them: a range of one transfer's
 * content placed at `fileOffset`. Between pieces (and after the last, up to
 * the file's size) the content is unknown and reads as zeros.
 */
export interface FtpFilePiece {
  fileOffset: number;
  length: number;
  transferId: number;
  /**
   * Offset in the transfer's content: the data connection's stream offset
   * for "none"; for "crlf" (TYPE A), the offset after CRLF→LF conversion.
   */
  payloadOffset: number;
  transform: "none" | "crlf";
}
