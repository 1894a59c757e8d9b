/**
 * FTP data connections (RFC 959 §3.2-3.3), as Wireshark 4.0's dissect_ftpdata
 * (packet-ftp.c) shows them.
 *
 * TCP hands a stream here when FTP announced it (PORT/EPRT requests, 227/229
 * replies: see `ftp/`, which puts an `FtpDataConv` in the expectation's
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
import { tcpState } from "./tcp/state";
import type { PacketInfo } from "../packet-info";
import { GENERATED } from "../tree";
import { formatText } from "../format-text";
import { shortAscii } from "../bytes";

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

const latin1 = new TextDecoder("latin1");

/**
 * A string field read with ENC_ASCII, as Wireshark 4.0 stores it: bytes with
 * the high bit set become U+FFFD, and the value ends at the first NUL (field
 * values are C strings). See `../stray-characters.ts` for what Wireshark says
 * about the bytes after that NUL.
 */
export function asciiField(b: Uint8Array, start: number, end: number): string {
  let stop = start;
  let plain = true;
  while (stop < end && b[stop] !== 0) {
    if (b[stop]! >= 0x80) plain = false;
    stop++;
  }
  if (plain) return shortAscii(b, start, stop) ?? latin1.decode(b.subarray(start, stop));
  let out = "";
  for (let i = start; i < stop; i++) out += b[i]! < 0x80 ? String.fromCharCode(b[i]!) : "\ufffd";
  return out;
}


const utf8 = new TextDecoder("utf-8");
/** Raw bytes kept by Wireshark as a C string (wmem_strndup): up to the first NUL, shown as UTF-8. */
export function cString(b: Uint8Array, start: number, end: number): string {
  let stop = start;
  while (stop < end && b[stop] !== 0) stop++;
  return shortAscii(b, start, stop) ?? utf8.decode(b.subarray(start, stop));
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
 * The announcement a data stream belongs to: the conversation TCP found for
 * the stream (tcp/payload.ts, bindConversation), as Wireshark's ftp-data
 * reads the data FTP attached to the conversation TCP is in. A stream TCP
 * created itself (nothing announced when it started) carries none.
 */
function announcementFor(pinfo: PacketInfo): Expectation | undefined {
  const s = pinfo.tcpStream;
  if (s < 0) return matchConversation(pinfo, "tcp");
  return tcpState(pinfo).bound.get(s);
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
    else if (pinfo.tcpStream >= 0) {
      // Without an announcement (port 20 only) the conversation is the one
      // TCP created, set up by the stream's first packet (dissect_ftpdata
      // shows p_conv->setup_frame whatever the conversation).
      tree.add(ftpDataFields["setup-frame"], offset, 0, tcpState(pinfo).convs.setupFrame[pinfo.tcpStream]!, GENERATED);
    }
    if (columns) pinfo.info = info;

    if (looksLikeText(data, offset, end)) dissectTextLines(data, offset, end, pinfo);
    return length;
  },
};

// RFC 959 §3.2: the server's default data port is L-1 = 20.
register("tcp.port", 20, ftpData);
