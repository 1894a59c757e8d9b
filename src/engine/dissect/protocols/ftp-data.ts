/**
 * FTP data connections (RFC 959 §3.2-3.3), as Wireshark 4.0's dissect_ftpdata
 * (packet-ftp.c) shows them.
 *
 * TCP hands a stream here when FTP announced it (PORT/EPRT requests, 227/229
 * replies: see `ftp.ts`, which puts an `FtpDataConv` in the expectation's
 * `data`) or when one end uses port 20 (ftp-data's well-known port). The
 * payload itself has no structure: Wireshark only counts it, labels it with
 * how the connection was set up and which control-channel command it answers,
 * and shows it line by line when its first 20 bytes look like text.
 *
 * The command is Wireshark's guess, not the truth: 4.0 takes the first request
 * seen on the control channel after the setup frame, whatever it is (SIZE
 * before RETR gives "(SIZE /README)"). We repeat the guess to agree with
 * tshark; the forensics layer does better.
 */
import { defineField, defineFields } from "../field";
import { register } from "../dissector";
import { enterLayer, reportedEnd } from "../common";
import { matchConversation, type Expectation } from "../conversation";
import type { PacketInfo } from "../packet-info";
import { GENERATED } from "../tree";

/**
 * The control connection's current working directory, shared by reference:
 * Wireshark's data conversations point at the control conversation's string
 * buffer, and one path (a relative CWD while the directory is still unknown)
 * appends to that buffer in place, so a data connection set up earlier sees the
 * change. A box reproduces that aliasing.
 */
export interface CwdBox {
  value: string;
}

/** What FTP-DATA knows about one announced data connection (Wireshark's ftp_data_conversation_t). */
export class FtpDataConv {
  /** Request line this data answers (the first request after the setup frame), or null before any. */
  command: string | null = null;
  commandFrame = 0;
  /**
   * Frame of the announcement, copied in by FTP-DATA when it first sees data
   * (as Wireshark does): stays 0 when no data packet was ever dissected.
   */
  setupFrame = 0;
  /** Summary of the data seen, for the command frame's ftp.command-response.* fields. */
  firstFrameNum = 0;
  firstSec = 0;
  firstNsec = 0;
  lastFrameNum = 0;
  lastSec = 0;
  lastNsec = 0;
  framesSeen = 0;
  bytesSeen = 0;

  constructor(
    /** "PORT", "PASV", "EPRT" or "EPASV" (Wireshark's spelling for EPSV). */
    readonly setupMethod: string,
    /** Frame where the control channel announced the connection. */
    readonly announcedFrame: number,
    readonly cwd: CwdBox,
  ) {}
}

export const ftpDataFields = defineFields("ftp-data", {
  "": { name: "FTP Data", type: "protocol" },
  "setup-frame": { name: "Setup frame", type: "framenum" },
  "setup-method": { name: "Setup method", type: "string" },
  command: { name: "Command", type: "string" },
  "command-frame": { name: "Command frame", type: "framenum" },
  "current-working-directory": { name: "Current working directory", type: "string" },
});

/** Wireshark's "Line-based text data" (packet-text-media.c): a protocol item with one text line per line. */
export const textLinesField = defineField("data-text-lines", { name: "Line-based text data", type: "protocol" });
/** Text-only tree items (Wireshark's proto_tree_add_format_text); never a -T fields column. */
export const textItemField = defineField("_ws.text", { name: "Text item", type: "none" });

/** Non-printable code points for GLib's g_unichar_isprint: control, format, unassigned, surrogate. */
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cn}\p{Cs}]/u;
const OCTAL_ESCAPES: Record<number, string> = { 7: "\\a", 8: "\\b", 9: "\\t", 10: "\\n", 11: "\\v", 12: "\\f", 13: "\\r" };

function escapeAscii(c: number): string {
  return OCTAL_ESCAPES[c] ?? `\\${(c >> 6) & 3}${(c >> 3) & 7}${c & 7}`;
}

/**
 * Bytes as Wireshark 4.0's format_text shows them (Info column, text items):
 * printable ASCII as is, other ASCII as C escapes (\r, \t, \000), UTF-8
 * sequences decoded when printable, invalid sequences as U+FFFD (a byte that
 * breaks a sequence starts the next character), non-printable non-ASCII code
 * points as \uXXXX or \UXXXXXXXX in upper-case hex.
 *
 * Used by FTP and FTP-DATA (dns.ts has its own copy); belongs in format.ts.
 */
export function formatText(b: Uint8Array, start: number, end: number): string {
  let plain = true;
  for (let i = start; i < end; i++) {
    const c = b[i]!;
    if (c < 0x20 || c > 0x7e) {
      plain = false;
      break;
    }
  }
  if (plain) return latin1.decode(b.subarray(start, end));
  let out = "";
  let i = start;
  while (i < end) {
    let c = b[i++]!;
    if (c >= 0x20 && c <= 0x7e) {
      out += String.fromCharCode(c);
      continue;
    }
    if (c < 0x80) {
      out += escapeAscii(c);
      continue;
    }
    let more: number;
    let uc: number;
    if ((c & 0xe0) === 0xc0) [more, uc] = [1, c & 0x1f];
    else if ((c & 0xf0) === 0xe0) [more, uc] = [2, c & 0x0f];
    else if ((c & 0xf8) === 0xf0) [more, uc] = [3, c & 0x07];
    else if ((c & 0xfc) === 0xf8) [more, uc] = [4, c & 0x03];
    else if ((c & 0xfe) === 0xfc) [more, uc] = [5, c & 0x01];
    else [more, uc] = [-1, UNREPL];
    if (more > 0) {
      for (let k = 0; k < more; k++) {
        if (i >= end) {
          uc = UNREPL;
          break;
        }
        c = b[i]!;
        if ((c & 0xc0) !== 0x80) {
          // Not a continuation byte: replacement character, and this byte
          // starts the next character.
          uc = UNREPL;
          break;
        }
        i++;
        uc = uc * 64 + (c & 0x3f);
      }
      // g_unichar_validate: below U+110000 and not a surrogate.
      if (uc >= 0x110000 || (uc >= 0xd800 && uc <= 0xdfff)) uc = UNREPL;
    }
    const ch = String.fromCodePoint(uc);
    if (!NON_PRINTABLE.test(ch)) out += ch;
    else if (c < 0x80) out += escapeAscii(c);
    else out += uc <= 0xffff ? `\\u${uc.toString(16).toUpperCase().padStart(4, "0")}` : `\\U${uc.toString(16).toUpperCase().padStart(8, "0")}`;
  }
  return out;
}

const UNREPL = 0xfffd;
const latin1 = new TextDecoder("latin1");

/**
 * A string field read with ENC_ASCII, as Wireshark 4.0 stores it: bytes with
 * the high bit set become U+FFFD, and the value ends at the first NUL (field
 * values are C strings). See `hasStrayAfterNul` for what Wireshark says about
 * the bytes after that NUL.
 */
export function asciiField(b: Uint8Array, start: number, end: number): string {
  let stop = start;
  let plain = true;
  while (stop < end && b[stop] !== 0) {
    if (b[stop]! >= 0x80) plain = false;
    stop++;
  }
  if (plain) return latin1.decode(b.subarray(start, stop));
  let out = "";
  for (let i = start; i < stop; i++) out += b[i]! < 0x80 ? String.fromCharCode(b[i]!) : "\ufffd";
  return out;
}

/** True when a NUL ends the string early and non-NUL bytes follow it (Wireshark's "Trailing stray characters"). */
export function hasStrayAfterNul(b: Uint8Array, start: number, end: number): boolean {
  let i = start;
  while (i < end && b[i] !== 0) i++;
  for (; i < end; i++) if (b[i] !== 0) return true;
  return false;
}

const utf8 = new TextDecoder("utf-8");
/** Raw bytes kept by Wireshark as a C string (wmem_strndup): up to the first NUL, shown as UTF-8. */
export function cString(b: Uint8Array, start: number, end: number): string {
  let stop = start;
  while (stop < end && b[stop] !== 0) stop++;
  return utf8.decode(b.subarray(start, stop));
}

/** Wireshark's ftp-data checks this many leading bytes to decide whether the payload is text. */
const TEXT_CHECK_CHARS = 20;

/** True when the first 20 bytes are printable ASCII, CR or LF (Wireshark's is_text test). */
function looksLikeText(data: Uint8Array, offset: number, end: number): boolean {
  const stop = Math.min(end, offset + TEXT_CHECK_CHARS);
  for (let i = offset; i < stop; i++) {
    const c = data[i]!;
    if (c !== 0x0d && c !== 0x0a && (c < 0x20 || c > 0x7e)) return false;
  }
  return true;
}

/**
 * Line-based text data: one text item per line, each with its terminator
 * (tvb_find_line_end without desegmentation: CR, LF or CRLF ends a line; the
 * last line may have none).
 *
 * XXX Wireshark hands payloads longer than 38 bytes that start with "<?xml"
 * (any case) to its XML dissector instead; we have none yet, so they are shown
 * as lines (frame.protocols then says data-text-lines where tshark says xml).
 */
export function dissectTextLines(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
  enterLayer(pinfo, "data-text-lines");
  const tree = pinfo.tree;
  if (!tree.detailed) {
    tree.open(textLinesField, offset, end - offset);
    tree.close();
    return end - offset;
  }
  tree.open(textLinesField, offset, end - offset);
  let lines = 0;
  let o = offset;
  while (o < end) {
    let eol = o;
    while (eol < end && data[eol] !== 0x0d && data[eol] !== 0x0a) eol++;
    let next = eol;
    if (eol < end) {
      next = eol + 1;
      if (data[eol] === 0x0d && next < end && data[next] === 0x0a) next++;
    }
    tree.add(textItemField, o, next - o, null, 0, formatText(data, o, next));
    lines++;
    o = next;
  }
  tree.setLabel(`Line-based text data (${lines} lines)`);
  tree.close();
  return end - offset;
}

/**
 * The announcement a data stream belongs to. Wireshark binds a wildcard
 * conversation to the first connection that matches it, so a stream keeps the
 * announcement it started with even when a later 227 reuses the server port:
 * remember it per TCP stream (TCP binds the same way for its hand-off).
 */
function announcementFor(pinfo: PacketInfo): Expectation | undefined {
  const s = pinfo.tcpStream;
  if (s < 0) return matchConversation(pinfo, "tcp");
  const bound = pinfo.state.get("ftp-data", () => new Map<number, Expectation | null>());
  let e = bound.get(s);
  if (e === undefined) {
    e = matchConversation(pinfo, "tcp") ?? null;
    if (!pinfo.inErrorPacket) bound.set(s, e);
  }
  return e ?? undefined;
}

export const ftpData = {
  name: "ftp-data",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const tree = pinfo.tree;
    const length = end - offset;
    // tvb_reported_length: a segment cut by the snap length counts what the wire carried.
    const reported = reportedEnd(data, end, pinfo) - offset;
    const columns = pinfo.wantColumns && !pinfo.inErrorPacket;
    if (!pinfo.inErrorPacket) pinfo.protocol = "FTP-DATA";
    enterLayer(pinfo, "ftp-data");
    let info = columns ? `FTP Data: ${reported} bytes` : "";

    tree.open(ftpDataFields[""], offset, length, null, tree.detailed ? `FTP Data (${length} bytes data)` : undefined);
    tree.close();

    // Wireshark adds the ftp-data.* items to the parent tree, beside the
    // protocol item rather than under it.
    const e = announcementFor(pinfo);
    const conv = e && e.data instanceof FtpDataConv ? e.data : null;
    if (e && conv) {
      tree.add(ftpDataFields["setup-frame"], offset, 0, e.setupFrame, GENERATED);
      if (!pinfo.visited && !pinfo.inErrorPacket) {
        if (conv.firstFrameNum === 0) {
          conv.firstFrameNum = pinfo.num;
          conv.firstSec = pinfo.tsSec;
          conv.firstNsec = pinfo.tsNsec;
        }
        if (pinfo.num > conv.lastFrameNum) {
          conv.lastFrameNum = pinfo.num;
          conv.lastSec = pinfo.tsSec;
          conv.lastNsec = pinfo.tsNsec;
        }
        conv.framesSeen++;
        conv.bytesSeen = (conv.bytesSeen + reported) >>> 0;
        conv.setupFrame = e.setupFrame;
      }
      tree.add(ftpDataFields["setup-method"], offset, 0, conv.setupMethod, GENERATED);
      if (columns) info += ` (${conv.setupMethod})`;
      if (conv.command !== null) {
        tree.add(ftpDataFields.command, offset, 0, conv.command, GENERATED);
        if (columns) info += ` (${conv.command})`;
        // Not marked generated: Wireshark 4.0 flags the previous item instead.
        tree.add(ftpDataFields["command-frame"], offset, 0, conv.commandFrame);
      }
      tree.add(ftpDataFields["current-working-directory"], offset, 0, conv.cwd.value, GENERATED);
    }
    // XXX Without an announcement (port 20 only) Wireshark still shows
    // ftp-data.setup-frame: the frame that created the TCP conversation (its
    // first packet). TCP does not tell us that frame, so the field is omitted.
    if (columns) pinfo.info = info;

    if (looksLikeText(data, offset, end)) dissectTextLines(data, offset, end, pinfo);
    return length;
  },
};

// RFC 959 §3.2: the server's default data port is L-1 = 20.
register("tcp.port", 20, ftpData);
