/**
 * The FTP dissector (Wireshark 4.0's dissect_ftp): the first line of each
 * segment as a request or a reply, the data connections it announces, the
 * TLS hand-off, and the generated links to the data it answers.
 */
import type { FieldDef } from "../../field";
import { register } from "../../dissector";
import { enterLayer, expert, u32 } from "../../common";
import { conversations } from "../../conversation";
import { ipv4ToString, ipv6ToString } from "../../format";
import type { PacketInfo } from "../../packet-info";
import { GENERATED, HIDDEN } from "../../tree";
import { asciiField, cString, FtpDataConv, ftpData, textItemField } from "../ftp-data";
import { strayCharacters } from "../../stray-characters";
import { formatText } from "../../format-text";
import { startTls, tls } from "../tls";
import { FTP_PORT, ftpFields } from "./fields";
import { CR, isDigit, LF, parseEprt, parseEpsv, parsePortPasv, parsed, SP, strnEq } from "./parse";
import { conversationFor, type FtpConv, FtpState, processCwdSuccess, processPwdSuccess } from "./state";

// ---------------------------------------------------------------------------
// Data connections and the TLS hand-off

/**
 * Announces a data connection (Wireshark's create_and_link_data_conversation,
 * a conversation with a wildcard port B) and makes it the one the next
 * request names. First pass only.
 */
function announce(pinfo: PacketInfo, conv: FtpConv, addrA: string, portA: number, addrB: string, method: string): void {
  const dc = new FtpDataConv(method, pinfo.num, conv.cwd);
  conversations(pinfo.state).expect({
    transport: "tcp",
    addrA,
    portA,
    addrB,
    portB: null,
    dissector: ftpData,
    setupFrame: pinfo.num,
    data: dc,
  });
  conv.currentData = dc;
  conv.currentDataSetupFrame = pinfo.num;
}

/**
 * Control-channel frames after "AUTH TLS" and its 234 reply (RFC 4217 §4)
 * carry TLS: Wireshark 4.0 switches the conversation to its TLS dissector from
 * the next frame on (ssl_starttls_ack(tls_handle, pinfo, ftp_handle)), with
 * FTP as the protocol inside. tls.ts keeps that in its session (`startTls`,
 * called from the 234 frame); the frames themselves reach FTP through the
 * tcp.port table and are handed over here.
 *
 * After CCC (RFC 2228 §5.3, RFC 4217 §11) both sides close the TLS session
 * and talk in the clear again on the same connection. Wireshark has no state
 * for that: dissect_ssl declines a payload that opens with four printable
 * characters (returns 0), so TCP goes on to the port table and FTP dissects
 * the segment as usual. A 0 from here does the same.
 */
function handOffToTls(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
  return tls.dissect(data, offset, end, pinfo);
}

// ---------------------------------------------------------------------------
// The dissector

function addAt(pinfo: PacketInfo, f: FieldDef, base: number, end: number, rel: number, length: number, value: number | Uint8Array): void {
  // Wireshark derives these positions from the values (one space after the
  // command, "h1,h2,..." widths); keep them inside the segment for the hex pane.
  const start = Math.min(base + Math.max(rel, 0), end);
  pinfo.tree.add(f, start, Math.max(0, Math.min(length, end - start)), value);
}

/** An ENC_ASCII string field, with Wireshark's warning when a NUL hides bytes after it. */
function addString(pinfo: PacketInfo, f: FieldDef, data: Uint8Array, start: number, end: number): void {
  const tree = pinfo.tree;
  if (tree.detailed || tree.wants(f)) tree.add(f, start, end - start, asciiField(data, start, end));
  strayCharacters(pinfo, f, data, start, end, "FTP");
}

function ipv4Of(addr: Uint8Array | null): number {
  return addr && addr.length === 4 ? u32(addr, 0) : -1;
}

export const ftp = {
  name: "ftp",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const state = pinfo.state.get("ftp", () => new FtpState());
    // Quoted inside an ICMP error: fields only, no columns and no state.
    const quoted = pinfo.inErrorPacket;
    const conv = conversationFor(state, pinfo, !quoted);
    if (conv.tlsFromFrame !== 0 && pinfo.num >= conv.tlsFromFrame) {
      const n = handOffToTls(data, offset, end, pinfo);
      if (n !== 0) return n;
    }

    const tree = pinfo.tree;
    const firstPass = !pinfo.visited && !quoted;
    // Wireshark: a request when the port the table matched (21) is the destination.
    const isRequest = pinfo.dstPort === FTP_PORT;
    if (!quoted) pinfo.protocol = "FTP";
    enterLayer(pinfo, "ftp");

    // First line: up to CR, LF or the end of the segment; next is after CRLF/CR/LF.
    let lineEnd = offset;
    while (lineEnd < end && data[lineEnd] !== CR && data[lineEnd] !== LF) lineEnd++;
    let next = lineEnd;
    if (lineEnd < end) {
      next = lineEnd + 1;
      if (data[lineEnd] === CR && next < end && data[next] === LF) next++;
    }
    const lineLen = lineEnd - offset;
    if (pinfo.wantColumns && !quoted) pinfo.info = `${isRequest ? "Request" : "Response"}: ${formatText(data, offset, lineEnd)}`;

    tree.open(ftpFields[""], offset, end - offset);
    tree.add(ftpFields.request, offset, 0, isRequest, HIDDEN);
    tree.add(ftpFields.response, offset, 0, !isRequest, HIDDEN);
    tree.open(textItemField, offset, next - offset, null, tree.detailed ? formatText(data, offset, next) : undefined);

    let argStart: number;
    let tokenLen = 0;
    let isPort = false;
    let isEprt = false;
    let code = -1;
    if (isRequest) {
      // The command is the first token; the argument starts after the blanks
      // that follow it (Wireshark's get_token_len).
      let t = offset;
      while (t < lineEnd && data[t] !== SP) t++;
      tokenLen = t - offset;
      while (t < lineEnd && data[t] === SP) t++;
      argStart = t;
      if (tokenLen !== 0) {
        addString(pinfo, ftpFields["request.command"], data, offset, offset + tokenLen);
        // Compared over the token's length only, so "P" counts as PORT and "EP" as EPRT.
        if (strnEq(data, offset, "PORT", tokenLen)) isPort = true;
        else if (strnEq(data, offset, "EPRT", tokenLen)) isEprt = true;
      }
      if (firstPass) {
        const line = cString(data, offset, lineEnd);
        conv.lastCommand = line;
        conv.lastCommandFrame = pinfo.num;
        if (lineLen === 8 && strnEq(data, offset, "AUTH TLS", 8)) conv.tlsRequested = true;
        // The first request after an announcement is what its data answers
        // (right for PASV/PORT + RETR, wrong when e.g. SIZE comes first).
        const dc = conv.currentData;
        if (dc && dc.command === null) {
          dc.command = line;
          dc.commandFrame = pinfo.num;
          state.dataByFrame.set(pinfo.num, dc);
          state.dataByFrame.set(conv.currentDataSetupFrame, dc);
        }
      }
    } else if (lineLen >= 3 && isDigit(data[offset]!) && isDigit(data[offset + 1]!) && isDigit(data[offset + 2]!)) {
      // RFC 959 §4.2: a reply line starting with three digits (single line,
      // or first/last line of a multi-line reply). Whatever the 4th byte is,
      // the argument starts after it.
      code = (data[offset]! - 0x30) * 100 + (data[offset + 1]! - 0x30) * 10 + (data[offset + 2]! - 0x30);
      tree.add(ftpFields["response.code"], offset, 3, code);
      if (code === 234 && conv.tlsRequested && firstPass) {
        conv.tlsFromFrame = pinfo.num + 1;
        conv.tlsRequested = false;
        startTls(pinfo, "ftp");
      }
      if (code === 250 && firstPass && conv.lastCommand !== null) {
        if (conv.lastCommand.startsWith("CWD ")) processCwdSuccess(conv, conv.lastCommand.slice(4));
        else if (conv.lastCommand.startsWith("CDUP")) processCwdSuccess(conv, "..");
      }
      if (code === 257 && firstPass && lineLen >= 4) processPwdSuccess(conv, data, offset + 4, lineEnd, pinfo);
      argStart = lineLen >= 4 ? offset + 4 : lineEnd;
    } else {
      // A line inside a multi-line reply: all of it is the argument.
      argStart = offset;
    }

    const argLen = lineEnd - argStart;
    if (argLen !== 0) addString(pinfo, isRequest ? ftpFields["request.arg"] : ftpFields["response.arg"], data, argStart, lineEnd);

    if (isPort && parsePortPasv(data, argStart, lineEnd)) {
      // RFC 959 §4.1.2 PORT h1,h2,h3,h4,p1,p2: the client listens there; the
      // server connects from its port 20 (L-1).
      const ip = parsed.ip;
      const port = parsed.port;
      addAt(pinfo, ftpFields["active.cip"], offset, end, parsed.offset + tokenLen + 1, parsed.ipLen, ip);
      addAt(pinfo, ftpFields["active.port"], offset, end, parsed.offset + 1 + tokenLen + 1 + parsed.ipLen, parsed.portLen, port);
      if (ipv4Of(pinfo.srcAddr) !== ip) tree.add(ftpFields["active.nat"], offset, 0, true);
      if (firstPass) announce(pinfo, conv, pinfo.netDst, 20, ipv4ToString(ip), "PORT");
    }

    if (code === 227 && argLen !== 0 && parsePortPasv(data, argStart, lineEnd)) {
      // RFC 959 §4.1.2 PASV: "227 Entering Passive Mode (h1,h2,h3,h4,p1,p2)";
      // the data connection goes to the address named, from any client port.
      const ip = parsed.ip;
      const port = parsed.port;
      addAt(pinfo, ftpFields["passive.ip"], offset, end, parsed.offset + 4, parsed.ipLen, ip);
      addAt(pinfo, ftpFields["passive.port"], offset, end, parsed.offset + 4 + 1 + parsed.ipLen, parsed.portLen, port);
      if (ipv4Of(pinfo.srcAddr) !== ip) tree.add(ftpFields["passive.nat"], offset, 0, true);
      if (firstPass) announce(pinfo, conv, ipv4ToString(ip), port, pinfo.netDst, "PASV");
    }

    if (isEprt) {
      if (parseEprt(data, argStart, lineEnd)) {
        // Positions assume one space and a one-digit family, as Wireshark does.
        const af = parsed.af;
        const port = parsed.port;
        addAt(pinfo, ftpFields["eprt.af"], offset, end, tokenLen + 2, 1, af);
        let addr: string;
        if (af === 1) {
          addAt(pinfo, ftpFields["eprt.ip"], offset, end, tokenLen + 4, parsed.ipLen, parsed.ip);
          addr = ipv4ToString(parsed.ip);
        } else {
          const v6 = parsed.ipv6!;
          addAt(pinfo, ftpFields["eprt.ipv6"], offset, end, tokenLen + 4, parsed.ipLen, v6);
          addr = ipv6ToString(v6);
        }
        addAt(pinfo, ftpFields["eprt.port"], offset, end, tokenLen + 4 + parsed.ipLen + 1, parsed.portLen, port);
        // Wireshark keys this on the client (the request's source) and the
        // EPRT address, not the server: real data connections never match.
        if (firstPass) announce(pinfo, conv, pinfo.netSrc, port, addr, "EPRT");
      } else {
        expert(pinfo, Math.max(offset, next - argLen - 1), argLen, "warn", "EPRT arguments must have the form: |<family>|<addr>|<port>|", "Malformed", "FTP");
      }
    }

    if (code === 229 && argLen !== 0) {
      if (parseEpsv(data, argStart, lineEnd)) {
        // RFC 2428 §3: same network address as the control connection.
        const src = pinfo.srcAddr;
        if (src && src.length === 4) tree.add(ftpFields["epsv.ip"], offset, 0, u32(src, 0), GENERATED);
        else if (src && src.length === 16) tree.add(ftpFields["epsv.ipv6"], offset, 0, src, GENERATED);
        addAt(pinfo, ftpFields["epsv.port"], offset, end, parsed.offset + 4, parsed.portLen, parsed.port);
        if (firstPass) announce(pinfo, conv, pinfo.netSrc, parsed.port, pinfo.netDst, "EPASV");
      } else {
        expert(pinfo, Math.max(offset, next - argLen - 1), argLen, "warn", "EPSV arguments must have the form (|||<port>|)", "Malformed", "FTP");
      }
    }
    tree.close();

    // The rest of the segment, a text item per line (continuation lines of a
    // multi-line reply, pipelined commands): not parsed, as in Wireshark.
    if (tree.detailed) {
      let o = next;
      while (o < end) {
        let e = o;
        while (e < end && data[e] !== CR && data[e] !== LF) e++;
        if (e < end) e += data[e] === CR && e + 1 < end && data[e + 1] === LF ? 2 : 1;
        tree.add(textItemField, o, e - o, null, 0, formatText(data, o, e));
        o = e;
      }
    }
    tree.close();

    // Generated items sit beside the FTP item, as in Wireshark.
    let cwd: string | undefined;
    if (firstPass) {
      cwd = conv.cwd.value;
      state.cwdByFrame.set(pinfo.num, cwd);
    } else cwd = quoted ? conv.cwd.value : state.cwdByFrame.get(pinfo.num);
    if (cwd !== undefined) tree.add(ftpFields["current-working-directory"], offset, 0, cwd, GENERATED);

    // Links between command/setup frames and their data, known once the whole
    // capture was dissected: re-dissection (details pane) only.
    if (pinfo.visited) {
      const dc = state.dataByFrame.get(pinfo.num);
      if (dc) {
        if (pinfo.num === dc.commandFrame) {
          tree.add(ftpFields["command-response.frames"], offset, 0, dc.framesSeen, GENERATED);
          tree.add(ftpFields["command-response.bytes"], offset, 0, dc.bytesSeen, GENERATED);
          tree.add(ftpFields["command-response.first-frame-num"], offset, 0, dc.firstFrameNum, GENERATED);
          tree.add(ftpFields["command-response.last-frame-num"], offset, 0, dc.lastFrameNum, GENERATED);
          if (dc.framesSeen > 1) {
            // Rounded to the nearest ms with C integer division.
            const gapMs = (dc.lastSec - dc.firstSec) * 1000 + Math.trunc((dc.lastNsec - dc.firstNsec + 500000) / 1000000);
            tree.add(ftpFields["command-response.duration"], offset, 0, gapMs >>> 0, GENERATED);
            const kbps = (dc.bytesSeen * 8) / (gapMs / 1000) / 1000;
            tree.add(ftpFields["command-response.bitrate"], offset, 0, Number.isFinite(kbps) ? Math.trunc(kbps) >>> 0 : 0, GENERATED);
          }
          tree.add(ftpFields["setup-frame"], offset, 0, dc.setupFrame, GENERATED);
        }
        if (pinfo.num === dc.setupFrame) {
          tree.add(ftpFields.command, offset, 0, dc.command, GENERATED);
          tree.add(ftpFields["command-frame"], offset, 0, dc.commandFrame, GENERATED);
        }
      }
    }
    return end - offset;
  },
};

register("tcp.port", FTP_PORT, ftp);
