/**
 * Yahoo! Messenger's YMSG protocol, as Wireshark 4.0's packet-ymsg.c shows
 * it: a TCP heuristic (no port: 5050 is shared by the old and new Yahoo
 * protocols, and 23/25 are Telnet and SMTP) that takes a payload opening
 * with "YMSG". There is no RFC; the layout is libyahoo2's:
 *
 *   +0 "YMSG"  +4 version (2)  +6 vendor id (2)  +8 content length (2)
 *   +10 service (2)  +12 status (4)  +16 session id (4, little-endian)
 *   +20 content: key 0xC0 0x80 value 0xC0 0x80, repeated
 *
 * all big-endian except the session id. Info is
 * "<service> (status=<status>)   " for the segment's last message.
 */
import { registerHeuristic } from "../../dissector";
import { defineFields } from "../../field";
import { enterLayer, markMalformed } from "../../common";
import { formatText } from "../../format-text";
import type { PacketInfo } from "../../packet-info";
import { SERVICE_NAMES, STATUS_NAMES } from "./names";

const HEADER = 20;
const MAGIC = [0x59, 0x4d, 0x53, 0x47]; // "YMSG"

export const ymsgFields = defineFields("ymsg", {
  "": { name: "Yahoo YMSG Messenger Protocol", type: "protocol" },
  version: { name: "Version", type: "uint16" },
  vendor: { name: "Vendor ID", type: "uint16" },
  len: { name: "Packet Length", type: "uint16" },
  service: { name: "Service", type: "uint16", vals: SERVICE_NAMES },
  status: { name: "Status", type: "uint32", vals: STATUS_NAMES },
  session_id: { name: "Session ID", type: "uint32", base: "hex" },
  content: { name: "Content", type: "bytes" },
  "content-line": { name: "Content-line", type: "string" },
  "content-line.key": { name: "Key", type: "string" },
  "content-line.value": { name: "Value", type: "string" },
});

const u16 = (d: Uint8Array, o: number): number => (d[o]! << 8) | d[o + 1]!;
const u32 = (d: Uint8Array, o: number): number => u16(d, o) * 0x10000 + u16(d, o + 2);
const u32le = (d: Uint8Array, o: number): number => (d[o]! | (d[o + 1]! << 8) | (d[o + 2]! << 16)) + d[o + 3]! * 0x1000000;

function isYmsg(data: Uint8Array, offset: number, end: number): boolean {
  if (end - offset < MAGIC.length) return false;
  for (let k = 0; k < MAGIC.length; k++) if (data[offset + k] !== MAGIC[k]) return false;
  return true;
}

/** get_content_item_length: bytes up to the next 0xC0 0x80 (or to the end). */
function itemLength(data: Uint8Array, at: number, end: number): number {
  let o = at;
  while (end - o >= 2 && !(data[o] === 0xc0 && data[o + 1] === 0x80)) o++;
  return (end - o >= 2 ? o : end) - at;
}

const name = (names: Readonly<Record<number, string>>, v: number, unknown: string): string => names[v] ?? `${unknown}: ${v}`;

/** One message: header and content lines (the caller checked it is whole). */
function message(data: Uint8Array, start: number, end: number, pinfo: PacketInfo): void {
  const tree = pinfo.tree;
  const contentLength = u16(data, start + 8);
  const service = u16(data, start + 10);
  const status = u32(data, start + 12);
  const serviceName = name(SERVICE_NAMES, service, "Unknown Service");
  if (pinfo.wantColumns) pinfo.info = `${serviceName} (status=${name(STATUS_NAMES, status, "Unknown Status")})   `;
  tree.open(ymsgFields[""], start, end - start, null, tree.detailed ? `Yahoo YMSG Messenger Protocol (${serviceName})` : undefined);
  tree.add(ymsgFields.version, start + 4, 2, u16(data, start + 4));
  tree.add(ymsgFields.vendor, start + 6, 2, u16(data, start + 6));
  tree.add(ymsgFields.len, start + 8, 2, contentLength);
  tree.add(ymsgFields.service, start + 10, 2, service);
  tree.add(ymsgFields.status, start + 12, 4, status);
  tree.add(ymsgFields.session_id, start + 16, 4, u32le(data, start + 16));
  if (contentLength > 0) {
    let at = start + HEADER;
    tree.open(ymsgFields.content, at, end - at, tree.wants(ymsgFields.content) ? data.subarray(at, end) : null);
    // A key, its delimiter, a value and its delimiter need at least 4 bytes.
    while (at < end - 4) {
      const keyLength = itemLength(data, at, end);
      const valueAt = Math.min(at + keyLength + 2, end);
      const valueLength = itemLength(data, valueAt, end);
      const key = formatText(data, at, at + keyLength);
      const value = formatText(data, valueAt, valueAt + valueLength);
      const lineLength = Math.min(keyLength + 2 + valueLength + 2, end - at);
      // The line item's value is empty; its label shows "key:value".
      tree.open(ymsgFields["content-line"], at, lineLength, "", tree.detailed ? `${key}:${value}` : undefined);
      tree.add(ymsgFields["content-line.key"], at, keyLength, key);
      tree.add(ymsgFields["content-line.value"], valueAt, valueLength, value);
      tree.close();
      at += keyLength + 2 + valueLength + 2;
    }
    tree.close();
  }
  tree.close();
}

function dissectYmsg(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
  if (!isYmsg(data, offset, end)) return 0;
  enterLayer(pinfo, "ymsg");
  pinfo.protocol = "YMSG";
  let at = offset;
  while (at < end) {
    // tcp_dissect_pdus: the length at +8 tells the message's size once 10 bytes are here.
    const size = end - at >= 10 ? HEADER + u16(data, at + 8) : -1;
    if (pinfo.canDesegment && (size < 0 || at + size > end)) {
      pinfo.desegmentOffset = at - offset;
      pinfo.desegmentLen = size < 0 ? -1 : at + size - end;
      return end - offset;
    }
    if (size < HEADER || at + HEADER > end) {
      // A frame cut by the snap length: Wireshark's header reads throw.
      cutShort(pinfo, at, end);
      return end - offset;
    }
    const stop = Math.min(end, at + size);
    message(data, at, stop, pinfo);
    at = stop;
  }
  return end - offset;
}

/** What is left of a message too short for its header. */
function cutShort(pinfo: PacketInfo, at: number, end: number): void {
  pinfo.tree.open(ymsgFields[""], at, end - at);
  pinfo.tree.close();
  markMalformed(pinfo, "YMSG", end, "header cut short");
}

registerHeuristic("tcp", { name: "ymsg", dissect: dissectYmsg });
