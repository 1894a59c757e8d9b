/**
 * NetBIOS Session Service (RFC 1002 §4.3) on TCP 139, and the same four-byte
 * framing of "direct hosted" SMB on TCP 445 (MS-SMB2 §2.1: a zero type byte
 * and a 24-bit length), as Wireshark 4.0's packet-nbt.c dissects them:
 *
 *   +0 type  +1 flags (bit 0 extends the length to 17 bits; 445: length's top byte)
 *   +2 length (BE16)  +4 the message: a session request's called and calling
 *   names (first-level encoded), a negative response's error code, a session
 *   message's SMB or SMB2
 *
 * Protocol "NBSS", Info the type's name (", to <called> from <calling>" for a
 * session request); a session message hands its payload to SMB or SMB2,
 * which then own both columns. A segment that does not start with a
 * plausible header is "NBSS Continuation Message". Messages that span
 * segments are reassembled through TCP's desegmentation contract.
 */
import { defineFields, vals } from "../../field";
import { register } from "../../dissector";
import { dissectData, enterLayer } from "../../common";
import { Truncated } from "../../bytes";
import type { PacketInfo } from "../../packet-info";
import { getDnsName } from "../dns";
import { decodeFirstLevel, nameTypeDescr } from "../netbios/names";
import { dissectSmb, isSmb } from "../smb/smb";
import { dissectSmb2, isSmb2 } from "../smb2/smb2";

const TCP_PORT_NBSS = 139;
const TCP_PORT_CIFS = 445;
const SESSION_MESSAGE = 0x00;
const SESSION_REQUEST = 0x81;
const POSITIVE_RESPONSE = 0x82;
const NEGATIVE_RESPONSE = 0x83;
const RETARGET_RESPONSE = 0x84;
const KEEP_ALIVE = 0x85;
const FLAGS_E = 0x01;

const MESSAGE_TYPES = vals({
  0x00: "Session message",
  0x81: "Session request",
  0x82: "Positive session response",
  0x83: "Negative session response",
  0x84: "Retarget session response",
  0x85: "Session keep-alive",
});
const ERROR_CODES = vals({
  0x80: "Not listening on called name",
  0x81: "Not listening for calling name",
  0x82: "Called name not present",
  0x83: "Called name present, but insufficient resources",
  0x8f: "Unspecified error",
});

export const nbssFields = defineFields("nbss", {
  "": { name: "NetBIOS Session Service", type: "protocol" },
  type: { name: "Message Type", type: "uint8", base: "hex", vals: MESSAGE_TYPES },
  flags: { name: "Flags", type: "uint8", base: "hex" },
  "flags.e": { name: "Extend", type: "boolean", bitmask: FLAGS_E, bitWidth: 8, tfs: ["Add 65536 to length", "Add 0 to length"] },
  length: { name: "Length", type: "uint24" },
  called_name: { name: "Called name", type: "string" },
  calling_name: { name: "Calling name", type: "string" },
  error_code: { name: "Error code", type: "uint8", base: "hex", vals: ERROR_CODES },
  retarget_ip_address: { name: "Retarget IP address", type: "ipv4" },
  retarget_port: { name: "Retarget port", type: "uint16" },
  continuation_data: { name: "Continuation data", type: "bytes" },
});
const F = nbssFields;

/** The length a header announces (24-bit on 445's direct-hosted framing), or -1 when it cannot be a header. */
function plausibleLength(data: Uint8Array, at: number, cifs: boolean): number {
  const type = data[at]!;
  const flags = cifs ? 0 : data[at + 1]!;
  const length = cifs ? (data[at + 1]! << 16) | (data[at + 2]! << 8) | data[at + 3]! : ((data[at + 2]! << 8) | data[at + 3]!) + (flags & FLAGS_E ? 0x10000 : 0);
  if (flags & ~FLAGS_E) return -1;
  switch (type) {
    case SESSION_MESSAGE:
      return length === 0 ? -1 : length;
    case SESSION_REQUEST:
      return length < 2 || length > 256 ? -1 : length;
    case POSITIVE_RESPONSE:
    case KEEP_ALIVE:
      return length === 0 ? 0 : -1;
    case NEGATIVE_RESPONSE:
      return length === 1 ? 1 : -1;
    case RETARGET_RESPONSE:
      return length === 6 ? 6 : -1;
    default:
      return -1;
  }
}

/** A session message whose payload starts with an SMB magic is taken as 445's 24-bit framing (Wireshark does). */
function looksCifs(data: Uint8Array, at: number, end: number): boolean {
  return end - at >= 8 && data[at] === SESSION_MESSAGE && data[at + 5] === 0x53 && data[at + 6] === 0x4d && data[at + 7] === 0x42;
}

function nameItem(pinfo: PacketInfo, f: typeof F.called_name, data: Uint8Array, at: number, end: number): { text: string; used: number } {
  const r = getDnsName(data, at, 0, at, end);
  const n = decodeFirstLevel(r.raw);
  const tree = pinfo.tree;
  tree.add(f, at, r.used, n.text, 0, tree.detailed ? `${f.name}: ${n.text}${n.type >= 0 ? ` (${nameTypeDescr(n.type)})` : ""}` : undefined);
  return { text: n.text, used: r.used };
}

/** One NBSS message in data[at, end): header, then what its type carries. */
function dissectMessage(data: Uint8Array, at: number, end: number, cifs: boolean, pinfo: PacketInfo): void {
  const tree = pinfo.tree;
  const type = data[at]!;
  tree.open(F[""], at, end - at, null, tree.detailed ? "NetBIOS Session Service" : undefined);
  let opened = true;
  try {
    tree.add(F.type, at, 1, type);
    if (cifs) tree.add(F.length, at + 1, 3, (data[at + 1]! << 16) | (data[at + 2]! << 8) | data[at + 3]!);
    else {
      const flags = data[at + 1]!;
      tree.add(F.flags, at + 1, 1, flags);
      tree.add(F["flags.e"], at + 1, 1, (flags & FLAGS_E) !== 0);
      tree.add(F.length, at + 1, 3, ((data[at + 2]! << 8) | data[at + 3]!) + (flags & FLAGS_E ? 0x10000 : 0));
    }
    const body = at + 4;
    if (type === SESSION_REQUEST) {
      const called = nameItem(pinfo, F.called_name, data, body, end);
      const calling = nameItem(pinfo, F.calling_name, data, body + called.used, end);
      if (pinfo.wantColumns) pinfo.info += `, to ${called.text} from ${calling.text}`;
    } else if (type === NEGATIVE_RESPONSE && body < end) {
      const code = data[body]!;
      tree.add(F.error_code, body, 1, code);
      if (pinfo.wantColumns) pinfo.info += `, ${ERROR_CODES.get(code) ?? `Unknown (${code.toString(16)})`}`;
    } else if (type === RETARGET_RESPONSE && body + 6 <= end) {
      tree.add(F.retarget_ip_address, body, 4, ((data[body]! << 24) | (data[body + 1]! << 16) | (data[body + 2]! << 8) | data[body + 3]!) >>> 0);
      tree.add(F.retarget_port, body + 4, 2, (data[body + 4]! << 8) | data[body + 5]!);
    } else if (type === SESSION_MESSAGE) {
      tree.close(4);
      opened = false;
      if (isSmb(data, body, end)) dissectSmb(data, body, end, pinfo);
      else if (isSmb2(data, body, end)) dissectSmb2(data, body, end, pinfo);
      else if (body < end) dissectData(data, body, end, pinfo);
    }
  } catch (e) {
    if (!(e instanceof Truncated)) throw e;
    pinfo.malformed ||= "NBSS message runs past the end of the data";
    tree.expert(at, 0, "error", "Malformed Packet (Exception occurred)");
  } finally {
    if (opened) tree.close();
  }
}

export const nbss = {
  name: "nbss",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    enterLayer(pinfo, "nbss");
    pinfo.protocol = "NBSS";
    const cols = pinfo.wantColumns;
    if (cols) pinfo.info = "";
    if (end - offset < 4) return continuation(data, offset, end, pinfo);
    // Whatever the port, a session message with an SMB magic after a 24-bit length is direct-hosted framing.
    const cifs = looksCifs(data, offset, end);
    if (plausibleLength(data, offset, cifs) < 0) return continuation(data, offset, end, pinfo);
    if (cols) pinfo.info = MESSAGE_TYPES.get(data[offset]!) ?? "";
    let at = offset;
    while (at < end) {
      const remaining = end - at;
      if (pinfo.canDesegment && remaining < 4) {
        pinfo.desegmentOffset = at - offset;
        pinfo.desegmentLen = -1;
        return end - offset;
      }
      if (remaining < 4) break;
      const len = cifs
        ? (data[at + 1]! << 16) | (data[at + 2]! << 8) | data[at + 3]!
        : ((data[at + 2]! << 8) | data[at + 3]!) + (data[at + 1]! & FLAGS_E ? 0x10000 : 0);
      const plen = len + 4;
      if (pinfo.canDesegment && remaining < plen) {
        pinfo.desegmentOffset = at - offset;
        pinfo.desegmentLen = plen - remaining;
        return end - offset;
      }
      const stop = Math.min(end, at + plen);
      dissectMessage(data, at, stop, cifs, pinfo);
      at = stop;
    }
    return end - offset;
  },
};

function continuation(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
  if (pinfo.wantColumns) pinfo.info = "NBSS Continuation Message";
  const tree = pinfo.tree;
  tree.open(F[""], offset, end - offset, null, tree.detailed ? "NetBIOS Session Service" : undefined);
  tree.add(F.continuation_data, offset, end - offset, data.subarray(offset, end));
  tree.close();
  return end - offset;
}

register("tcp.port", [TCP_PORT_NBSS, TCP_PORT_CIFS], nbss);
