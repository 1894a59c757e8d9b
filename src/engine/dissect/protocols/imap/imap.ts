/**
 * The IMAP dissector (Wireshark 4.0's packet-imap.c, RFC 3501) on TCP 143:
 * each line of a segment; the Info column is "Request: …" or "Response: …"
 * with the first tagged line (or, when all are untagged "* …" lines, the
 * first bytes of the segment). A tagged line gives the tag, the command (after
 * UID, for UID commands) or the status, the folder of the commands that take
 * one, LOGIN's user name and password; requests and responses are paired by
 * tag. An untagged FETCH response waits for the literal it announces
 * ("{N}" bytes, RFC 3501 §4.3) and hands it to IMF ("IMAP/IMF"). After
 * STARTTLS and an OK, or when the first bytes are not text, TLS takes over.
 */
import { register } from "../../dissector";
import { enterLayer } from "../../common";
import { defineFields } from "../../field";
import { formatText } from "../../format-text";
import type { PacketInfo } from "../../packet-info";
import { GENERATED, HIDDEN } from "../../tree";
import { imf } from "../imf";
import { startTls, tls } from "../tls";
import { ConnectionTable, findLineEnd, line, startsWithCi, textValue } from "../text-lines";

export const imapFields = defineFields("imap", {
  "": { name: "Internet Message Access Protocol", type: "protocol" },
  isrequest: { name: "Request", type: "boolean" },
  line: { name: "Line", type: "string" },
  request: { name: "Request", type: "string" },
  request_tag: { name: "Request Tag", type: "string" },
  response: { name: "Response", type: "string" },
  response_tag: { name: "Response Tag", type: "string" },
  "request.command": { name: "Request Command", type: "string" },
  "response.command": { name: "Response Command", type: "string" },
  "response.status": { name: "Response Status", type: "string" },
  tag: { name: "Tag", type: "string" },
  command: { name: "Command", type: "string" },
  "request.folder": { name: "Request Folder", type: "string" },
  "request.command.uid": { name: "Request isUID", type: "boolean" },
  "request.username": { name: "Request Username", type: "string" },
  "request.password": { name: "Request Password", type: "string" },
  response_in: { name: "Response In", type: "framenum" },
  response_to: { name: "Request In", type: "framenum" },
  time: { name: "Response Time", type: "reltime" },
});

/** RFC 3501 §2.1: the IMAP port. */
export const IMAP_PORT = 143;

/** A request and the frame of its tagged response (imap_request_info_t). */
interface Exchange {
  req: number;
  rep: number;
  sec: number;
  nsec: number;
}

class ImapConv {
  sslRequested = false;
  /** Wireshark's ssl_heur_tries_left: the first two segments are checked for TLS. */
  heurTriesLeft = 2;
  tlsFromFrame = 0;
  /** Requests by lower-case tag, in frame order. */
  readonly exchanges = new Map<string, Exchange[]>();
}

/** The commands that name a folder as their first argument. */
const FOLDER_COMMANDS = new Set(["select", "examine", "create", "delete", "rename", "subscribe", "unsubscribe", "status", "append", "search"]);

/** Where tokenLen found the token's end: the offset after the one blank that ends it. */
const token = { next: 0 };

/** tvb_get_token_len: up to the first blank, CR or LF within len bytes (the rest when none). */
function tokenLen(data: Uint8Array, at: number, len: number): number {
  const end = at + Math.max(len, 0);
  let i = at;
  while (i < end && data[i] !== 0x20 && data[i] !== 0x0d && data[i] !== 0x0a) i++;
  token.next = i < end ? i + 1 : end;
  return i - at;
}

function str(data: Uint8Array, start: number, end: number): string {
  return formatText(data, start, end);
}

/** check_imap_heur: five printable ASCII bytes (or fewer than five bytes). */
function looksLikeText(data: Uint8Array, offset: number, end: number): boolean {
  if (end - offset < 5) return true;
  for (let i = offset; i < offset + 5; i++) if (data[i]! < 0x20 || data[i]! > 0x7e) return false;
  return true;
}

export const imap = {
  name: "imap",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const conv = pinfo.state.get("imap", () => new ConnectionTable(() => new ImapConv())).get(pinfo);
    if (conv.tlsFromFrame !== 0 && pinfo.num >= conv.tlsFromFrame) return tls.dissect(data, offset, end, pinfo);
    if (conv.heurTriesLeft > 0 && !pinfo.visited) {
      conv.heurTriesLeft--;
      if (!looksLikeText(data, offset, end)) {
        // The STARTTLS exchange came before the capture: TLS from here on.
        conv.heurTriesLeft = 0;
        conv.tlsFromFrame = pinfo.num;
        startTls(pinfo, "imap");
        return tls.dissect(data, offset, end, pinfo);
      }
    }
    const quoted = pinfo.inErrorPacket;
    const columns = pinfo.wantColumns && !quoted;
    if (!quoted) pinfo.protocol = "IMAP";
    const isRequest = pinfo.dstPort === IMAP_PORT;

    if (!findLineEnd(data, offset, end, pinfo.canDesegment)) {
      pinfo.desegmentOffset = 0;
      pinfo.desegmentLen = -1;
      return end - offset;
    }
    enterLayer(pinfo, "imap");
    const tree = pinfo.tree;
    tree.open(imapFields[""], offset, end - offset);
    tree.add(imapFields.isrequest, 0, 0, isRequest, HIDDEN);
    let firstLine = true;
    let linelen = 0;
    let o = offset;
    while (o < end) {
      if (!findLineEnd(data, o, end, pinfo.canDesegment)) {
        pinfo.desegmentOffset = o - offset;
        pinfo.desegmentLen = -1;
        tree.close();
        return end - offset;
      }
      linelen = line.len;
      let next = line.next;
      if (data[o] === 0x2a) {
        // An untagged "* …" line: a FETCH among its first three tokens may carry a message.
        const fetchAt = fetchToken(data, o, next);
        let showLine = true;
        if (fetchAt >= 0) {
          const r = fetchLiteral(data, fetchAt, next, end, pinfo);
          if (r === NEED_MORE) {
            pinfo.desegmentOffset = o - offset;
            pinfo.desegmentLen = -1;
            tree.close();
            return end - offset;
          }
          if (r > 0) {
            tree.add(imapFields.line, o, next - o, textValue(tree, imapFields.line, data, o, next));
            firstLine = false;
            showLine = false;
            const size = r - 1;
            // dissect_imap hands the message to IMF in the tree it was given (main_tree), not its own: IMF is
            // a top-level item after IMAP's, as tshark's tree and Protocol Hierarchy have it.
            tree.enterRoot?.();
            imf.dissect(data, next, Math.min(next + size, end), pinfo);
            tree.leaveRoot?.();
            if (size > 0) next += size;
          }
        }
        if (showLine) tree.add(imapFields.line, o, next - o, textValue(tree, imapFields.line, data, o, next));
      } else {
        if (firstLine) {
          if (columns) pinfo.info = `${isRequest ? "Request" : "Response"}: ${str(data, o, o + linelen)}`;
          firstLine = false;
        }
        taggedLine(data, o, linelen, next, pinfo, conv, isRequest);
      }
      o = next;
    }
    // Only untagged lines: the segment's first bytes, as long as the last line (Wireshark's quirk).
    if (firstLine && columns) pinfo.info = `${isRequest ? "Request" : "Response"}: ${str(data, offset, Math.min(offset + linelen, end))}`;
    tree.close();
    return end - offset;
  },
};

/** The end of a FETCH token among the first three tokens after "*", or -1. */
function fetchToken(data: Uint8Array, lineStart: number, next: number): number {
  let count = 0;
  let p = lineStart;
  const tokens: [number, number][] = [];
  for (;;) {
    const start = p + 1;
    let q = start;
    while (q < next && data[q] !== 0x20 && data[q] !== 0x09 && data[q] !== 0x0d && data[q] !== 0x0a) q++;
    const found = q < next;
    if (found && q > start) {
      tokens.push([start, q]);
      count++;
    }
    p = q;
    if (!found || count >= 3) break;
  }
  if (tokens.length < 2) return -1;
  for (const [s, e] of tokens) {
    // tvb_strncaseeql over the token's length: a token that begins "FETCH" as far as it goes.
    if (e - s <= 5 && startsWithCi(data, s, e, "FETCH".slice(0, e - s))) return e;
  }
  return -1;
}

const NEED_MORE = -1;

/**
 * dissect_imap_fetch: NEED_MORE until the "(… {N}\r\n<N bytes> … )" is all
 * here; then N + 1 when a literal of N bytes follows the line, 0 when the
 * response has no literal.
 */
function fetchLiteral(data: Uint8Array, fetchEnd: number, next: number, end: number, pinfo: PacketInfo): number {
  let paren = fetchEnd;
  while (paren < end && data[paren] !== 0x28) paren++;
  if (paren >= end || paren + 1 >= end) return NEED_MORE;
  let brace = paren;
  while (brace < end && data[brace] !== 0x7b) brace++;
  if (brace < end) {
    let close = brace + 1;
    while (close < end && data[close] !== 0x7d) close++;
    if (close >= end) return NEED_MORE;
    let size = 0;
    if (close === brace + 1) return NEED_MORE;
    for (let i = brace + 1; i < close; i++) {
      const c = data[i]!;
      if (c < 0x30 || c > 0x39) return NEED_MORE;
      size = size * 10 + c - 0x30;
      if (size > 0xffffffff) return NEED_MORE;
    }
    let par = close + size;
    if (par >= end) return NEED_MORE;
    while (par < end && data[par] !== 0x29) par++;
    if (par >= end) return NEED_MORE;
    return size + 1;
  }
  // No literal: the response must at least reach the end of its line.
  return findLineEnd(data, paren, end, pinfo.canDesegment) ? 0 : NEED_MORE;
}

/** A tagged line: tag, command or status, and what the command carries (RFC 3501 §6). */
function taggedLine(data: Uint8Array, o: number, linelen: number, next: number, pinfo: PacketInfo, conv: ImapConv, isRequest: boolean): void {
  const tree = pinfo.tree;
  tree.open(imapFields.line, o, next - o, textValue(tree, imapFields.line, data, o, next));
  const lineField = isRequest ? imapFields.request : imapFields.response;
  if (linelen !== 0) tree.add(lineField, o, linelen, textValue(tree, lineField, data, o, o + linelen));
  let tag: string | null = null;
  let offset = o;
  let len = linelen;
  let t = tokenLen(data, offset, len);
  if (t !== 0) {
    const tagText = str(data, offset, offset + t);
    tag = tagText.toLowerCase();
    tree.add(isRequest ? imapFields.request_tag : imapFields.response_tag, offset, t, tagText);
    tree.add(imapFields.tag, offset, t, tagText, HIDDEN);
    len -= token.next - offset;
    offset = token.next;
  }
  t = tokenLen(data, offset, len);
  const afterFirst = token.next;
  if (t !== 0) {
    const status = str(data, offset, offset + t).toLowerCase();
    let command = "";
    let folderAt = 0;
    let folderLen = 0;
    if (isRequest && startsWithCi(data, offset, offset + t, "UID".slice(0, t))) {
      tree.add(imapFields["request.command.uid"], offset, t, true);
      const uidAt = afterFirst;
      const ut = tokenLen(data, uidAt, len - (uidAt - offset));
      if (ut !== 0) {
        tree.add(imapFields["request.command"], uidAt, ut, textValue(tree, imapFields["request.command"], data, uidAt, uidAt + ut));
        tree.add(imapFields.command, offset, t, textValue(tree, imapFields.command, data, offset, offset + t), HIDDEN);
        command = str(data, uidAt, uidAt + ut).toLowerCase();
        folderAt = token.next;
        folderLen = tokenLen(data, folderAt, len - (folderAt - offset));
      }
    } else {
      const commandField = isRequest ? imapFields["request.command"] : imapFields["response.status"];
      tree.add(commandField, offset, t, textValue(tree, commandField, data, offset, offset + t));
      if (isRequest) {
        tree.add(imapFields.command, offset, t, textValue(tree, imapFields.command, data, offset, offset + t), HIDDEN);
        command = status;
        folderAt = afterFirst;
        folderLen = tokenLen(data, folderAt, len - (folderAt - offset));
      }
    }
    const folderNext = token.next;
    if (command) {
      // strncmp(command, name, commandlen): a command that is a prefix of the name counts.
      const is = (name: string): boolean => name.startsWith(command);
      if ([...FOLDER_COMMANDS].some(is)) {
        if (folderLen !== 0) tree.add(imapFields["request.folder"], folderAt, folderLen, textValue(tree, imapFields["request.folder"], data, folderAt, folderAt + folderLen));
      } else if (len > 0 && is("copy")) {
        const ft = tokenLen(data, folderNext, len - (folderNext - offset));
        if (ft !== 0) tree.add(imapFields["request.folder"], folderNext, ft, textValue(tree, imapFields["request.folder"], data, folderNext, folderNext + ft));
      } else if (is("starttls")) {
        conv.sslRequested = true;
      } else if (is("login")) {
        const userAt = afterFirst;
        const userLen = tokenLen(data, userAt, len - (userAt - offset));
        tree.add(imapFields["request.username"], userAt, userLen, textValue(tree, imapFields["request.username"], data, userAt, userAt + userLen));
        const passAt = token.next;
        const passLen = tokenLen(data, passAt, len - (passAt - offset));
        // The password without the quotes around it.
        tree.add(imapFields["request.password"], passAt, passLen, str(data, passAt + 1, passAt + Math.max(passLen - 1, 1)));
      }
    }
    if (!isRequest) {
      const ct = tokenLen(data, afterFirst, len - (afterFirst - offset));
      if (ct > 0) {
        tree.add(imapFields["response.command"], afterFirst, ct, textValue(tree, imapFields["response.command"], data, afterFirst, afterFirst + ct));
        tree.add(imapFields.command, afterFirst, ct, textValue(tree, imapFields.command, data, afterFirst, afterFirst + ct), HIDDEN);
      }
    }
    if (conv.sslRequested && !isRequest && "ok".startsWith(status) && !pinfo.visited) {
      // RFC 3501 §6.2.1: after the tagged OK to STARTTLS the connection is TLS's.
      conv.tlsFromFrame = pinfo.num + 1;
      conv.heurTriesLeft = 0;
      conv.sslRequested = false;
      startTls(pinfo, "imap");
    }
  }
  if (tag !== null) matchRequest(pinfo, conv, tag, isRequest);
  tree.close();
}

/** imap_match_request: a request remembers its frame, the response with its tag fills in its own. */
function matchRequest(pinfo: PacketInfo, conv: ImapConv, tag: string, isRequest: boolean): void {
  let list = conv.exchanges.get(tag);
  let x: Exchange | undefined;
  if (!pinfo.visited) {
    if (isRequest) {
      if (!list) conv.exchanges.set(tag, (list = []));
      x = { req: pinfo.num, rep: 0, sec: pinfo.tsSec, nsec: pinfo.tsNsec };
      list.push(x);
    } else if (list) {
      x = latestAtOrBefore(list, pinfo.num);
      if (x) x.rep = pinfo.num;
    }
  } else if (list) x = latestAtOrBefore(list, pinfo.num);
  if (!x) return;
  const tree = pinfo.tree;
  if (isRequest) {
    if (x.rep) tree.add(imapFields.response_in, 0, 0, x.rep, GENERATED);
  } else if (x.req) {
    tree.add(imapFields.response_to, 0, 0, x.req, GENERATED);
    tree.add(imapFields.time, 0, 0, pinfo.tsSec - x.sec + (pinfo.tsNsec - x.nsec) / 1e9, GENERATED);
  }
}

/** wmem_tree_lookup32_le: the request of the highest frame not after `frame`. */
function latestAtOrBefore(list: Exchange[], frame: number): Exchange | undefined {
  for (let i = list.length - 1; i >= 0; i--) if (list[i]!.req <= frame) return list[i];
  return undefined;
}

register("tcp.port", IMAP_PORT, imap);
