/**
 * The POP3 dissector (Wireshark 4.0's packet-pop.c, RFC 1939) on TCP 110:
 * the first line of a segment as "C: <request>" or "S: <response>"; a server
 * segment that does not start with "+OK" or "-ERR" is message data ("S: DATA
 * fragment, N bytes"), collected until the size the RETR/TOP reply announced
 * ("+OK 1234 octets") is read, then handed to IMF ("POP/IMF"). Without a size
 * (a bare "+OK", or data after AUTH's "+ ") each such segment is a message of
 * its own, as in Wireshark. After STLS and its "+OK " the connection is TLS's.
 */
import { register } from "../../dissector";
import { enterLayer } from "../../common";
import { defineFields } from "../../field";
import { formatText } from "../../format-text";
import type { PacketInfo } from "../../packet-info";
import { FrameColumnU8 } from "../../../reassembly/frame-columns";
import { callImf, MessageFragments } from "../imf";
import { startTls, tls } from "../tls";
import { ConnectionTable, findLineEnd, line, SP, startsWith, startsWithCi, textValue } from "../text-lines";

export const popFields = defineFields("pop", {
  "": { name: "Post Office Protocol", type: "protocol" },
  response: { name: "Response", type: "string" },
  "response.indicator": { name: "Response indicator", type: "string" },
  "response.description": { name: "Response description", type: "string" },
  "response.data": { name: "Data", type: "string" },
  request: { name: "Request", type: "string" },
  "request.command": { name: "Request command", type: "string" },
  "request.parameter": { name: "Request parameter", type: "string" },
  "request.data": { name: "Data", type: "string" },
  "data.reassembled.in": { name: "Reassembled DATA in frame", type: "framenum" },
  "data.reassembled.length": { name: "Reassembled DATA length", type: "uint32" },
});

/** RFC 1939 §3: the POP3 port. */
export const POP_PORT = 110;

/** Per connection (pop_data_val). */
class PopConv {
  /** A RETR or TOP was sent: the next reply may announce the message's size. */
  msgRequest = false;
  msgReadLen = 0;
  msgTotLen = 0;
  stlsRequest = false;
  tlsFromFrame = 0;
}

class PopCapture {
  readonly convs = new ConnectionTable(() => new PopConv());
  /** Per data frame, fixed on the first pass: 1 = the message goes on, 2 = it ends here. */
  readonly frames = new FrameColumnU8();
  readonly messages = new MessageFragments();
}

/** response_is_continuation: neither "+OK" nor "-ERR" at the start. */
function isContinuation(data: Uint8Array, offset: number, end: number): boolean {
  return !startsWith(data, offset, end, "+OK") && !startsWith(data, offset, end, "-ERR");
}

/** sscanf("%*s %u"): the number after the first token of the reply line, or -1. */
function announcedSize(data: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end && data[i] !== SP) i++;
  while (i < end && data[i] === SP) i++;
  if (i >= end || data[i]! < 0x30 || data[i]! > 0x39) return -1;
  let n = 0;
  while (i < end && data[i]! >= 0x30 && data[i]! <= 0x39) n = (n * 10 + data[i++]! - 0x30) >>> 0;
  return n;
}

export const pop = {
  name: "pop",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const c = pinfo.state.get("pop", () => new PopCapture());
    const conv = c.convs.get(pinfo);
    if (conv.tlsFromFrame !== 0 && pinfo.num >= conv.tlsFromFrame) return tls.dissect(data, offset, end, pinfo);
    const quoted = pinfo.inErrorPacket;
    const columns = pinfo.wantColumns && !quoted;
    if (!quoted) pinfo.protocol = "POP";
    enterLayer(pinfo, "pop");
    const tree = pinfo.tree;

    findLineEnd(data, offset, end, false);
    const linelen = line.len;
    const next = line.next;
    const isRequest = pinfo.dstPort === POP_PORT;
    const continuation = !isRequest && isContinuation(data, offset, offset + linelen);
    const n = end - offset;
    if (columns) pinfo.info = continuation ? `S: DATA fragment, ${n} byte${n === 1 ? "" : "s"}` : `${isRequest ? "C" : "S"}: ${formatText(data, offset, offset + linelen)}`;
    tree.open(popFields[""], offset, n);

    if (continuation) {
      let message: Uint8Array | null;
      if (!pinfo.visited) {
        conv.msgReadLen += n;
        const more = conv.msgReadLen < conv.msgTotLen;
        c.frames.set(pinfo.num, more ? 1 : 2);
        message = c.messages.add(conv, pinfo.num, data.subarray(offset, end), more);
        if (message) {
          conv.msgReadLen = 0;
          conv.msgTotLen = 0;
        }
      } else message = c.messages.finishedIn(pinfo.num);
      // process_reassembled_data shows a message joined from several segments in POP's tree; one that is this
      // segment alone was not reassembled, and shows nothing.
      if (message && message.length !== n) tree.add(popFields["data.reassembled.length"], offset, 0, message.length);
      tree.close();
      if (message) callImf(message, data, offset, end, pinfo, "Reassembled DATA");
      return n;
    }

    const lineField = isRequest ? popFields.request : popFields.response;
    const tokenField = isRequest ? popFields["request.command"] : popFields["response.indicator"];
    const argField = isRequest ? popFields["request.parameter"] : popFields["response.description"];
    const dataField = isRequest ? popFields["request.data"] : popFields["response.data"];
    // proto_tree_add_string_format(…, "", "%s", line): the value is empty, the line only its label.
    tree.open(lineField, offset, next - offset, "", tree.detailed ? formatText(data, offset, next) : undefined);
    // get_token_len: the first token, then the blanks after it.
    let t = offset;
    const lineEnd = offset + linelen;
    while (t < lineEnd && data[t] !== SP) t++;
    const tokenLen = t - offset;
    while (t < lineEnd && data[t] === SP) t++;
    let argStart = offset;
    if (tokenLen !== 0) {
      tree.add(tokenField, offset, tokenLen, textValue(tree, tokenField, data, offset, offset + tokenLen));
      if (!pinfo.visited) followLine(data, offset, lineEnd, pinfo, conv, isRequest);
      argStart = t;
    }
    if (lineEnd > argStart) tree.add(argField, argStart, lineEnd - argStart, textValue(tree, argField, data, argStart, lineEnd));
    tree.close();
    if (tree.detailed || tree.wants(dataField)) {
      for (let o = next; o < end; ) {
        findLineEnd(data, o, end, false);
        tree.add(dataField, o, line.next - o, "", 0, tree.detailed ? formatText(data, o, line.next) : undefined);
        o = line.next;
      }
    }
    tree.close();
    return n;
  },
};

/** What a request or reply line changes: RETR/TOP sizes (RFC 1939 §7) and STLS (RFC 2595 §4). */
function followLine(data: Uint8Array, offset: number, lineEnd: number, pinfo: PacketInfo, conv: PopConv, isRequest: boolean): void {
  if (isRequest) {
    if (startsWithCi(data, offset, lineEnd, "RETR") || startsWithCi(data, offset, lineEnd, "TOP")) conv.msgRequest = true;
    if (startsWithCi(data, offset, lineEnd, "STLS")) conv.stlsRequest = true;
    return;
  }
  if (conv.msgRequest) {
    if (startsWithCi(data, offset, lineEnd, "+OK ") && lineEnd - offset > 4) {
      conv.msgReadLen = 0;
      const size = announcedSize(data, offset, lineEnd);
      conv.msgTotLen = size < 0 ? 0 : size;
    }
    conv.msgRequest = false;
  }
  if (conv.stlsRequest) {
    if (startsWithCi(data, offset, lineEnd, "+OK ")) {
      conv.tlsFromFrame = pinfo.num + 1;
      startTls(pinfo, "pop");
    }
    conv.stlsRequest = false;
  }
}

register("tcp.port", POP_PORT, pop);
