/**
 * The X11 core protocol (X Window System Protocol, X11R7) on TCP 6000–6063,
 * as Wireshark 4.0's packet-x11.c shows it in the packet list: Protocol
 * "X11"; Info "Requests: A, B, …" for what a client sends, "Reply: Name"
 * (or "Reply: to unknown request"), "Event: Name" and "Error: Name" for
 * what the server sends, several messages of one segment joined by ", ".
 *
 * Per connection (Wireshark's conversation data) it keeps the byte order
 * (from the connection request's 'B'/'l', else guessed: byte-order.ts),
 * the request sequence number and which sequence numbers expect which
 * reply. A capture that starts mid-connection learns the sequence number
 * from the first reply (Wireshark's one-time resynchronisation).
 *
 * Snapped frames: TCP cannot reassemble them, so the messages are taken as
 * far as the captured bytes hold them whole; the first one the snap length
 * cut ends the frame's dissection (Wireshark's BoundsError when it makes the
 * message's buffer) and Info gets "[Packet size limited during capture]".
 */
import { register } from "../../dissector";
import { defineFields } from "../../field";
import { enterLayer, expert, markMalformed } from "../../common";
import type { PacketInfo } from "../../packet-info";
import { ConnectionTable } from "../text-lines";
import { get16 as read16, get32 as read32, guessLittleEndian } from "./byte-order";
import { ERROR_NAMES, EVENT_NAMES, EXPECTS_REPLY, REQUEST_NAMES, requestName } from "./names";

export const X11_PORTS: readonly number[] = Array.from({ length: 64 }, (_, i) => 6000 + i);

export const x11Fields = defineFields("x11", {
  "": { name: "X11", type: "protocol" },
  opcode: { name: "opcode", type: "uint8" },
  "request-length": { name: "Request length", type: "uint16" },
  reply: { name: "reply", type: "uint8" },
  replylength: { name: "replylength", type: "uint32" },
  eventcode: { name: "eventcode", type: "uint8" },
  error: { name: "error", type: "uint8" },
  errorcode: { name: "errorcode", type: "uint8" },
  undecoded: { name: "undecoded", type: "none" },
});

const UNKNOWN_ORDER = 0;
const LITTLE = 1;
const BIG = 2;
/** seqtable values besides opcodes (packet-x11.c's markers). */
const NOTHING_SEEN = -3;
const INITIAL_CONN = -1;

/** x11_conv_data_t: what one connection has taught us. */
class X11Conv {
  byteOrder = UNKNOWN_ORDER;
  sequence = 0;
  /** Sequence number → opcode of the request that expects a reply (0 = none known). */
  readonly seqTable = new Map<number, number>([[0, NOTHING_SEEN]]);
  iconnFrame = 0;
  iconnReply = 0;
  resynced = false;
}

const connections = (pinfo: PacketInfo): ConnectionTable<X11Conv> => pinfo.state.get("x11", () => new ConnectionTable(() => new X11Conv()));

/** How much of the payload the wire had (tvb_reported_length): the snap length cuts only the frame's tail. */
function reportedEnd(data: Uint8Array, end: number, pinfo: PacketInfo): number {
  return end === data.length ? end + pinfo.len - pinfo.capLen : end;
}

function x11Dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
  enterLayer(pinfo, "x11");
  pinfo.protocol = "X11";
  const conv = connections(pinfo).get(pinfo);
  const fromServer = pinfo.srcPort >= 6000 && pinfo.srcPort <= 6063 && !(pinfo.dstPort >= 6000 && pinfo.dstPort < pinfo.srcPort);
  const repEnd = reportedEnd(data, end, pinfo);
  if (fromServer) serverMessages(data, offset, end, repEnd, pinfo, conv);
  else requests(data, offset, end, repEnd, pinfo, conv);
  return end - offset;
}

/** guess_byte_ordering: the connection's order, or this segment's guess (kept when it is clear-cut). */
function littleEndian(data: Uint8Array, start: number, end: number, conv: X11Conv, fromServer: boolean): boolean {
  if (conv.byteOrder !== UNKNOWN_ORDER) return conv.byteOrder === LITTLE;
  if (fromServer) return true; // Wireshark does not guess from replies and events
  const [little, keep] = guessLittleEndian(data, start, end);
  if (keep) conv.byteOrder = little ? LITTLE : BIG;
  return little;
}

/** Thrown where Wireshark's tvb code would throw BoundsError: the rest of the frame is beyond the snap length. */
const SNAPPED = Symbol("snapped");

function need(at: number, n: number, end: number): void {
  if (at + n > end) throw SNAPPED;
}

/** dissect_x11_requests: the client's side. */
function requests(data: Uint8Array, start: number, end: number, repEnd: number, pinfo: PacketInfo, conv: X11Conv): void {
  const tree = pinfo.tree;
  let sep = "";
  let at = start;
  try {
    while (at < repEnd) {
      const remaining = repEnd - at;
      if (pinfo.canDesegment && remaining < 4) {
        pinfo.desegmentOffset = at - start;
        pinfo.desegmentLen = -1;
        return;
      }
      const le = littleEndian(data, start, end, conv, false);
      need(start, 1, end);
      // Wireshark takes the opcode for the setup test from the segment's first byte, whichever request this is.
      const firstByte = data[start]!;
      need(at + 2, 2, end);
      let plen = read16(data, at + 2, le);
      if (plen === 0) {
        // BIG-REQUESTS: the real length follows.
        need(at + 4, 4, end);
        plen = read32(data, at + 4, le) | 0;
      }
      if (plen <= 0) {
        tree.open(x11Fields[""], at, end - at);
        expert(pinfo, at, end - at, "warn", `Bogus request length (${plen})`, "Protocol", "X11");
        tree.close();
        return;
      }
      const initial = conv.iconnFrame === pinfo.num || (conv.seqTable.get(conv.sequence) === NOTHING_SEEN && (firstByte === 0x42 || firstByte === 0x6c) && (plen === 11 || plen === 2816));
      let le2 = le;
      if (initial) {
        if (conv.byteOrder === UNKNOWN_ORDER) conv.byteOrder = firstByte === 0x42 ? BIG : LITTLE;
        le2 = conv.byteOrder === LITTLE;
        if (pinfo.canDesegment && remaining < 10) {
          pinfo.desegmentOffset = at - start;
          pinfo.desegmentLen = -1;
          return;
        }
        need(at + 6, 4, end);
        plen = 12 + pad4(read16(data, at + 6, le2)) + pad4(read16(data, at + 8, le2));
      } else {
        if (plen * 4 > 0x7fffffff) {
          tree.open(x11Fields[""], at, end - at);
          expert(pinfo, at, end - at, "warn", `Bogus request length (${plen * 4})`, "Protocol", "X11");
          tree.close();
          return;
        }
        plen *= 4;
      }
      if (pinfo.canDesegment && remaining < plen) {
        pinfo.desegmentOffset = at - start;
        pinfo.desegmentLen = plen - remaining;
        return;
      }
      // The message's buffer must be captured whole (tvb_new_subset_length_caplen).
      need(at, Math.min(remaining, plen), end);
      const msgEnd = at + Math.min(remaining, plen);
      if (initial) pinfo.setInfo("Initial connection request");
      else if (!sep) {
        pinfo.setInfo("Requests");
        sep = ":";
      }
      if (initial) initialRequest(pinfo, conv, at, msgEnd);
      else request(data, at, msgEnd, pinfo, conv, sep, le2);
      at += plen;
      sep = ",";
    }
  } catch (e) {
    if (e !== SNAPPED) throw e;
    markMalformed(pinfo, "X11", at, "request cut short by the snap length");
  }
}

function pad4(n: number): number {
  return (n + 3) & ~3;
}

function initialRequest(pinfo: PacketInfo, conv: X11Conv, at: number, msgEnd: number): void {
  const tree = pinfo.tree;
  tree.open(x11Fields[""], at, msgEnd - at, null, tree.detailed ? "X11, Request, Initial connection request" : undefined);
  tree.close();
  conv.iconnFrame = pinfo.num;
  conv.sequence = 0;
  conv.seqTable.set(0, INITIAL_CONN);
}

/** dissect_x11_request: one request's name in Info, and which reply it expects. */
function request(data: Uint8Array, at: number, msgEnd: number, pinfo: PacketInfo, conv: X11Conv, sep: string, le: boolean): void {
  let length = read16(data, at + 2, le) * 4;
  if (length === 0) {
    const big = read32(data, at + 4, le);
    if (big * 4 > 0x7fffffff) return;
    length = big * 4;
  }
  if (length < 4) return;
  const tree = pinfo.tree;
  const opcode = data[at]!;
  const name = requestName(opcode);
  if (!pinfo.visited) conv.sequence++;
  if (pinfo.wantColumns) pinfo.appendInfo(`${sep} ${name}`);
  tree.open(x11Fields[""], at, msgEnd - at, null, tree.detailed || tree.wants(x11Fields[""]) ? `X11, Request, opcode: ${opcode} (${name})` : undefined);
  tree.add(x11Fields.opcode, at, 1, opcode, 0, tree.detailed ? `opcode: ${REQUEST_NAMES[opcode] ? name : "Unknown"} (${opcode})` : undefined);
  if (REQUEST_NAMES[opcode]) tree.add(x11Fields["request-length"], at + 2, 2, length / 4, 0, tree.detailed ? `request-length: ${length / 4}` : undefined);
  if (msgEnd > at + 4) tree.add(x11Fields.undecoded, at + 4, msgEnd - at - 4, null);
  tree.close();
  if (EXPECTS_REPLY.has(opcode)) conv.seqTable.set(conv.sequence, opcode);
  // An extension's request may have a reply; its minor opcode goes with it.
  else if (opcode >= 128) conv.seqTable.set(conv.sequence, opcode | (data[at + 1]! << 8));
}

/** dissect_x11_replies: replies, errors and events from the server. */
function serverMessages(data: Uint8Array, start: number, end: number, repEnd: number, pinfo: PacketInfo, conv: X11Conv): void {
  const le = littleEndian(data, start, end, conv, true);
  let sep = "";
  let at = start;
  try {
    while (at < repEnd) {
      const remaining = repEnd - at;
      if (pinfo.canDesegment && remaining < 8) {
        pinfo.desegmentOffset = at - start;
        pinfo.desegmentLen = -1;
        return;
      }
      let plen: number;
      let kind: string;
      if (conv.seqTable.get(conv.sequence) === INITIAL_CONN || conv.iconnReply === pinfo.num) {
        need(at + 6, 2, end);
        plen = 8 + read16(data, at + 6, le) * 4;
        kind = "Initial connection reply";
      } else {
        need(at, 1, end);
        const type = data[at]!;
        if (type === 0) {
          plen = 32;
          kind = "Error";
        } else if (type === 1 || type === 35) {
          need(at + 4, 4, end);
          plen = 32 + read32(data, at + 4, le) * 4;
          kind = type === 1 ? "Reply" : "Event";
        } else {
          plen = 32;
          kind = "Event";
        }
      }
      if (remaining < plen && pinfo.canDesegment) {
        pinfo.desegmentOffset = at - start;
        pinfo.desegmentLen = plen - remaining;
        return;
      }
      need(at, Math.min(remaining, plen), end);
      const msgEnd = at + Math.min(remaining, plen);
      if (!sep) {
        pinfo.setInfo(kind);
        sep = ":";
      }
      if (kind === "Initial connection reply") initialReply(pinfo, conv, at, msgEnd);
      else if (kind === "Error") error(data, at, msgEnd, pinfo, sep);
      else if (kind === "Reply") reply(data, at, msgEnd, pinfo, conv, sep, le);
      else event(data, at, msgEnd, pinfo, sep);
      at += plen;
      sep = ",";
    }
  } catch (e) {
    if (e !== SNAPPED) throw e;
    markMalformed(pinfo, "X11", at, "message cut short by the snap length");
  }
}

function initialReply(pinfo: PacketInfo, conv: X11Conv, at: number, msgEnd: number): void {
  const tree = pinfo.tree;
  tree.open(x11Fields[""], at, msgEnd - at, null, tree.detailed ? "X11, Reply, Initial connection reply" : undefined);
  tree.close();
  conv.iconnReply = pinfo.num;
}

function reply(data: Uint8Array, at: number, msgEnd: number, pinfo: PacketInfo, conv: X11Conv, sep: string, le: boolean): void {
  // A short reply buffer reads past its end: Wireshark's ReportedBoundsError, caught per message.
  if (msgEnd - at < 8) return markMalformed(pinfo, "X11", at, "reply shorter than its header");
  const sequence = read16(data, at + 2, le);
  const opcode = conv.seqTable.get(sequence) ?? 0;
  if (conv.iconnFrame === 0 && !conv.resynced) {
    // Setup not seen: this reply's sequence number is where the count stands (done once).
    conv.sequence = sequence;
    conv.resynced = true;
  }
  const name = opcode > 0 ? requestName(opcode & 0xff) : null;
  if (pinfo.wantColumns) pinfo.appendInfo(name === null ? `${sep} to unknown request` : `${sep} ${name}`);
  const tree = pinfo.tree;
  const label = tree.detailed || tree.wants(x11Fields[""]) ? (name === null ? "X11, Reply to unknown request" : `X11, Reply, opcode: ${opcode > 0xff ? `${opcode & 0xff}.${opcode >> 8}` : opcode} (${name})`) : undefined;
  tree.open(x11Fields[""], at, msgEnd - at, null, label);
  tree.add(x11Fields.reply, at, 1, 1);
  tree.add(x11Fields.replylength, at + 4, 4, read32(data, at + 4, le));
  tree.close();
}

function event(data: Uint8Array, at: number, msgEnd: number, pinfo: PacketInfo, sep: string): void {
  const code = data[at]!;
  const sent = code & 0x80 ? "Sent-" : "";
  const known = EVENT_NAMES[code & 0x7f];
  const name = known ? known : `<Unknown eventcode ${code & 0x7f}>`;
  if (pinfo.wantColumns) pinfo.appendInfo(`${sep} ${sent}${name}`);
  const tree = pinfo.tree;
  tree.open(x11Fields[""], at, msgEnd - at, null, tree.detailed || tree.wants(x11Fields[""]) ? `X11, Event, eventcode: ${code} (${sent}${name})` : undefined);
  tree.add(x11Fields.eventcode, at, 1, code, 0, tree.detailed ? `eventcode: ${code} (${sent}${name})` : undefined);
  tree.close();
}

function error(data: Uint8Array, at: number, msgEnd: number, pinfo: PacketInfo, sep: string): void {
  if (msgEnd - at < 2) return markMalformed(pinfo, "X11", at, "error shorter than its header");
  const code = data[at + 1]!;
  const known = ERROR_NAMES[code];
  const name = known ? known : `<Unknown errorcode ${code}>`;
  if (pinfo.wantColumns) pinfo.appendInfo(`${sep} ${name}`);
  const tree = pinfo.tree;
  tree.open(x11Fields[""], at, msgEnd - at, null, tree.detailed || tree.wants(x11Fields[""]) ? "X11, Error" : undefined);
  tree.add(x11Fields.error, at, 1, 0);
  tree.add(x11Fields.errorcode, at + 1, 1, code, 0, tree.detailed ? `errorcode: ${code} (${name})` : undefined);
  tree.close();
}

const x11 = { name: "x11", dissect: x11Dissect };
register("tcp.port", X11_PORTS, x11);
