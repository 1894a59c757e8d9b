/**
 * SMB2/SMB3 (MS-SMB2) as Wireshark 4.0's packet-smb2.c shows it in the
 * packet list. The 64-byte header:
 *
 *   +0 0xFE "SMB"  +4 structure size (64)  +6 credit charge  +8 NT status
 *   +12 command  +14 credits  +16 flags (bit 0: response)  +20 next command
 *   +24 message ID (8)  +32 process ID (4)  +36 tree ID (4)  +40 session ID (8)
 *   +48 signature (16)
 *
 * Info is "<command> Request|Response", ", Error: <status>" for any non-zero
 * status, then what the command adds: " Tree: \\host\share", " File: name"
 * (a Create's name, remembered for the file ID its response returns, shown
 * wherever that file ID is used), " Len:N Off:N", the Ioctl's FSCTL, the
 * GetInfo class/level, NTLMSSP's message type. Compounded commands (next
 * command ≠ 0) are separated by ";". Data written to or read from a named
 * pipe goes to DCERPC when it looks like DCERPC.
 */
import { defineFields } from "../../field";
import { enterLayer } from "../../common";
import { Truncated, ensure } from "../../bytes";
import type { PacketInfo } from "../../packet-info";
import { GENERATED } from "../../tree";
import { ntStatusName } from "../smb/names";
import { le16, le32 } from "../smb/le";
import { dissectSecurityBlob } from "../spnego/spnego";
import { dissectDcerpc, looksDcerpc } from "../dcerpc/dcerpc";
import { FILE_INFO_LEVELS, FS_INFO_LEVELS, FSCTL_NAMES, INFO_CLASSES, SMB2_COMMANDS } from "./names";

const HEADER_LEN = 64;
const FLAGS_RESPONSE = 0x1;
const FLAGS_ASYNC = 0x2;

export const smb2Fields = defineFields("smb2", {
  "": { name: "SMB2 (Server Message Block Protocol version 2)", type: "protocol" },
  protocol_id: { name: "ProtocolId", type: "uint32", base: "hex" },
  header_len: { name: "Header Length", type: "uint16" },
  "credit.charge": { name: "Credit Charge", type: "uint16" },
  nt_status: { name: "NT Status", type: "uint32", base: "hex" },
  cmd: { name: "Command", type: "uint16", vals: SMB2_COMMANDS },
  "credits.requested": { name: "Credits requested", type: "uint16" },
  "credits.granted": { name: "Credits granted", type: "uint16" },
  flags: { name: "Flags", type: "uint32", base: "hex" },
  chain_offset: { name: "Chain Offset", type: "uint32", base: "hex" },
  msg_id: { name: "Message ID", type: "uint64" },
  pid: { name: "Process Id", type: "uint32", base: "hex" },
  tid: { name: "Tree Id", type: "uint32", base: "hex" },
  sesid: { name: "Session Id", type: "uint64", base: "hex" },
  signature: { name: "Signature", type: "bytes" },
  buffer_code: { name: "StructureSize", type: "uint16", base: "hex" },
  security_blob: { name: "Security Blob", type: "bytes" },
  tree: { name: "Tree", type: "string" },
  share_type: { name: "Share Type", type: "uint8", base: "hex", vals: { 1: "Physical disk", 2: "Named pipe", 3: "Printer" } },
  filename: { name: "Filename", type: "string" },
  read_length: { name: "Read Length", type: "uint32" },
  write_length: { name: "Write Length", type: "uint32" },
  file_offset: { name: "File Offset", type: "uint64" },
  "ioctl.function": { name: "Function", type: "uint32", base: "hex" },
  "ioctl.flags": { name: "Flags", type: "uint32", base: "hex" },
  class: { name: "Class", type: "uint8", base: "hex", vals: INFO_CLASSES },
  infolevel: { name: "InfoLevel", type: "uint8", base: "hex" },
  "file_info.infolevel": { name: "InfoLevel", type: "uint8", base: "hex", vals: FILE_INFO_LEVELS },
  "fs_info.infolevel": { name: "InfoLevel", type: "uint8", base: "hex", vals: FS_INFO_LEVELS },
  "sec_info.infolevel": { name: "InfoLevel", type: "uint8", base: "hex" },
});
const F = smb2Fields;

/** Per connection: names by file ID, pending requests by message ID, pipe trees; Info suffixes per frame for re-dissection. */
class Smb2State {
  readonly files = new Map<string, string>();
  readonly pendingNames = new Map<string, string>();
  readonly pipeTrees = new Set<string>();
  readonly pendingTrees = new Map<string, boolean>();
  readonly responseName = new Map<number, string>();
  /** GetInfo requests' class and level (the response repeats them as generated fields). */
  readonly pendingInfo = new Map<string, number>();
  readonly responseInfo = new Map<number, number>();
}

export function isSmb2(data: Uint8Array, offset: number, end: number): boolean {
  return end - offset >= 4 && data[offset] === 0xfe && data[offset + 1] === 0x53 && data[offset + 2] === 0x4d && data[offset + 3] === 0x42;
}

function le64(d: Uint8Array, o: number, end: number): bigint {
  ensure(o, 8, end);
  return BigInt(le32(d, o, end)) | (BigInt(le32(d, o + 4, end)) << 32n);
}

function utf16(d: Uint8Array, at: number, len: number, end: number): string {
  ensure(at, len, end);
  let s = "";
  for (let i = at; i + 1 < at + len; i += 2) s += String.fromCharCode(d[i]! | (d[i + 1]! << 8));
  return s;
}

function hexKey(d: Uint8Array, at: number, len: number, end: number): string {
  ensure(at, len, end);
  let s = "";
  for (let i = at; i < at + len; i++) s += d[i]!.toString(16).padStart(2, "0");
  return s;
}

interface Msg {
  start: number;
  end: number;
  cmd: number;
  response: boolean;
  status: number;
  conn: string;
  msgKey: string;
  treeKey: string;
}

/** Dissects the SMB2 messages (a compound chain) in data[offset, end). */
export function dissectSmb2(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
  if (!isSmb2(data, offset, end)) return 0;
  enterLayer(pinfo, "smb2");
  pinfo.protocol = "SMB2";
  if (pinfo.wantColumns) pinfo.info = "";
  let at = offset;
  for (let guard = 0; guard < 64 && at < end; guard++) {
    if (at > offset && pinfo.wantColumns) pinfo.info += ";";
    const next = dissectOne(data, at, end, pinfo);
    if (next <= 0 || at + next >= end) break;
    at += next;
  }
  return end - offset;
}

/** One message; returns its next-command offset (0: last). */
function dissectOne(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
  const tree = pinfo.tree;
  tree.open(F[""], offset, end - offset, null, tree.detailed ? "SMB2 (Server Message Block Protocol version 2)" : undefined);
  let next = 0;
  try {
    tree.add(F.protocol_id, offset, 4, le32(data, offset, end));
    tree.add(F.header_len, offset + 4, 2, le16(data, offset + 4, end));
    ensure(offset, HEADER_LEN, end);
    tree.add(F["credit.charge"], offset + 6, 2, le16(data, offset + 6, end));
    const status = le32(data, offset + 8, end);
    const cmd = le16(data, offset + 12, end);
    const flags = le32(data, offset + 16, end);
    next = le32(data, offset + 20, end);
    const response = (flags & FLAGS_RESPONSE) !== 0;
    // A request's status bytes are the channel sequence (SMB 3) and reserved: no NT status.
    if (response) tree.add(F.nt_status, offset + 8, 4, status);
    tree.add(F.cmd, offset + 12, 2, cmd);
    tree.add(response ? F["credits.granted"] : F["credits.requested"], offset + 14, 2, le16(data, offset + 14, end));
    tree.add(F.flags, offset + 16, 4, flags);
    tree.add(F.chain_offset, offset + 20, 4, next);
    const msgId = le64(data, offset + 24, end);
    tree.add(F.msg_id, offset + 24, 8, msgId);
    if (!(flags & FLAGS_ASYNC)) {
      tree.add(F.pid, offset + 32, 4, le32(data, offset + 32, end));
      tree.add(F.tid, offset + 36, 4, le32(data, offset + 36, end));
    }
    const sesid = le64(data, offset + 40, end);
    tree.add(F.sesid, offset + 40, 8, sesid);
    tree.add(F.signature, offset + 48, 16, data.subarray(offset + 48, offset + 64));
    const conn = `${pinfo.tcpStream}`;
    const m: Msg = {
      start: offset,
      end: next > 0 ? Math.min(end, offset + next) : end,
      cmd,
      response,
      status: response ? status : 0,
      conn,
      msgKey: `${conn}/${sesid}/${msgId}`,
      treeKey: `${conn}/${sesid}/${le32(data, offset + 36, end)}`,
    };
    if (pinfo.wantColumns) {
      pinfo.info += `${SMB2_COMMANDS[cmd] ?? `Unknown (0x${cmd.toString(16).padStart(2, "0")})`} ${response ? "Response" : "Request"}`;
      if (response && status) pinfo.info += `, Error: ${ntStatusName(status)}`;
    }
    dissectBody(data, m, pinfo);
  } catch (e) {
    if (!(e instanceof Truncated)) throw e;
    pinfo.malformed ||= "SMB2 message runs past the end of the data";
    tree.expert(offset, 0, "error", "Malformed Packet (Exception occurred)");
    if (pinfo.wantColumns) pinfo.info += "[Malformed Packet]";
    next = 0;
  } finally {
    tree.close();
  }
  return next;
}

function say(pinfo: PacketInfo, text: string): void {
  if (pinfo.wantColumns) pinfo.info += text;
}

/** A file ID's name, appended as " File: name" when the Create that returned it was seen. */
function fileId(data: Uint8Array, at: number, m: Msg, pinfo: PacketInfo): string {
  const key = `${m.conn}/${hexKey(data, at, 16, m.end)}`;
  const name = pinfo.state.get("smb2", () => new Smb2State()).files.get(key);
  if (name !== undefined) say(pinfo, ` File: ${name}`);
  return key;
}

function dissectBody(data: Uint8Array, m: Msg, pinfo: PacketInfo): void {
  const tree = pinfo.tree;
  const b = m.start + HEADER_LEN;
  const end = m.end;
  const st = pinfo.state.get("smb2", () => new Smb2State());
  // A bare error response carries the 9-byte error body, not the command's.
  if (m.response && m.status !== 0 && le16(data, b, end) === 9 && !(m.cmd === 1 && m.status === 0xc0000016)) {
    tree.add(F.buffer_code, b, 2, 9);
    return;
  }
  tree.add(F.buffer_code, b, 2, le16(data, b, end));
  switch (m.cmd) {
    case 1: {
      // Session Setup: request blob at +12/+14, response at +4/+6 (offsets from the header)
      const blobOff = le16(data, b + (m.response ? 4 : 12), end);
      const blobLen = le16(data, b + (m.response ? 6 : 14), end);
      const blob = m.start + blobOff;
      const blobEnd = Math.min(end, blob + blobLen);
      if (blobLen > 0 && blob < blobEnd) {
        tree.open(F.security_blob, blob, blobEnd - blob, data.subarray(blob, blobEnd));
        say(pinfo, dissectSecurityBlob(data, blob, blobEnd, pinfo));
        tree.close();
      }
      break;
    }
    case 0:
      // Negotiate response: the security buffer's offset (from the header) and length at +56/+58 (MS-SMB2 §2.2.4).
      if (m.response && le16(data, b, end) === 65) {
        const blob = m.start + le16(data, b + 56, end);
        const blobEnd = Math.min(end, blob + le16(data, b + 58, end));
        if (blob < blobEnd) {
          tree.open(F.security_blob, blob, blobEnd - blob, data.subarray(blob, blobEnd));
          dissectSecurityBlob(data, blob, blobEnd, pinfo);
          tree.close();
        }
      }
      break;
    case 3:
      if (!m.response) {
        const pathOff = le16(data, b + 4, end);
        const pathLen = le16(data, b + 6, end);
        const path = utf16(data, m.start + pathOff, pathLen, end);
        tree.add(F.tree, m.start + pathOff, pathLen, path);
        say(pinfo, ` Tree: ${path}`);
      } else {
        const shareType = data[b + 2]!;
        tree.add(F.share_type, b + 2, 1, shareType);
        if (!pinfo.visited && shareType === 2) st.pipeTrees.add(m.treeKey);
      }
      break;
    case 5:
      if (!m.response) {
        const nameOff = le16(data, b + 44, end);
        const nameLen = le16(data, b + 46, end);
        const name = nameLen ? utf16(data, m.start + nameOff, nameLen, end) : "";
        if (nameLen) tree.add(F.filename, m.start + nameOff, nameLen, name);
        say(pinfo, ` File: ${name}`);
        if (!pinfo.visited) st.pendingNames.set(m.msgKey, name);
      } else {
        ensure(b + 64, 16, end);
        let name: string | undefined;
        if (pinfo.visited) name = st.responseName.get(pinfo.num);
        else {
          name = st.pendingNames.get(m.msgKey);
          st.pendingNames.delete(m.msgKey);
          if (name !== undefined) {
            st.responseName.set(pinfo.num, name);
            st.files.set(`${m.conn}/${hexKey(data, b + 64, 16, end)}`, name);
          }
        }
        if (name !== undefined) say(pinfo, ` File: ${name}`);
      }
      break;
    case 6:
      if (!m.response) fileId(data, b + 8, m, pinfo);
      break;
    case 8:
      if (!m.response) {
        const len = le32(data, b + 4, end);
        const off = le64(data, b + 8, end);
        tree.add(F.read_length, b + 4, 4, len);
        tree.add(F.file_offset, b + 8, 8, off);
        say(pinfo, ` Len:${len} Off:${off}`);
        fileId(data, b + 16, m, pinfo);
      } else {
        const dataOff = data[b + 2]!;
        const len = le32(data, b + 4, end);
        pipeData(data, m.start + dataOff, len, m, pinfo);
      }
      break;
    case 9:
      if (!m.response) {
        const dataOff = le16(data, b + 2, end);
        const len = le32(data, b + 4, end);
        const off = le64(data, b + 8, end);
        tree.add(F.write_length, b + 4, 4, len);
        tree.add(F.file_offset, b + 8, 8, off);
        say(pinfo, ` Len:${len} Off:${off}`);
        fileId(data, b + 16, m, pinfo);
        pipeData(data, m.start + dataOff, len, m, pinfo);
      }
      break;
    case 11: {
      const fn = le32(data, b + 4, end);
      tree.add(F["ioctl.function"], b + 4, 4, fn);
      if (fn) {
        const name = FSCTL_NAMES[fn];
        say(pinfo, name ? ` ${name}` : ` Unknown (0x${((fn >>> 16) & 0xffff).toString(16).toUpperCase().padStart(8, "0")}) Function:0x${((fn >>> 2) & 0xfff).toString(16).padStart(4, "0")}`);
      }
      fileId(data, b + 8, m, pinfo);
      if (m.response) tree.add(F.flags, b + 40, 4, le32(data, b + 40, end)); // the response's flags are another smb2.flags
      else tree.add(F["ioctl.flags"], b + 52, 4, le32(data, b + 52, end));
      break;
    }
    case 16:
      if (!m.response) {
        ensure(b + 2, 2, end);
        const cls = data[b + 2]!;
        const level = data[b + 3]!;
        tree.add(F.class, b + 2, 1, cls);
        tree.add(levelField(cls), b + 3, 1, level);
        const levels = cls === 1 ? FILE_INFO_LEVELS : cls === 2 ? FS_INFO_LEVELS : {};
        say(pinfo, ` ${INFO_CLASSES[cls] ?? `(Class:0x${cls.toString(16).padStart(2, "0")})`}/${levels[level] ?? `(Level:0x${level.toString(16).padStart(2, "0")})`}`);
        fileId(data, b + 24, m, pinfo);
        if (!pinfo.visited) st.pendingInfo.set(m.msgKey, (cls << 8) | level);
      } else {
        let both: number | undefined;
        if (pinfo.visited) both = st.responseInfo.get(pinfo.num);
        else {
          both = st.pendingInfo.get(m.msgKey);
          st.pendingInfo.delete(m.msgKey);
          if (both !== undefined) st.responseInfo.set(pinfo.num, both);
        }
        if (both !== undefined) {
          // Wireshark shows the request's class and level on the response, generated.
          tree.add(F.class, b, 0, both >> 8, GENERATED);
          tree.add(levelField(both >> 8), b, 0, both & 0xff, GENERATED);
        }
      }
      break;
  }
}

/** The level's field depends on the class (smb2.file_info.infolevel for FILE_INFO…). */
function levelField(cls: number): typeof F.infolevel {
  return cls === 1 ? F["file_info.infolevel"] : cls === 2 ? F["fs_info.infolevel"] : cls === 3 ? F["sec_info.infolevel"] : F.infolevel;
}

/**
 * Data written to or read from a file: DCERPC when it is a pipe's and looks
 * like DCERPC, handed the root tree as packet-smb2.c does (top_tree), so it
 * is a top-level item after SMB2's.
 */
function pipeData(data: Uint8Array, at: number, len: number, m: Msg, pinfo: PacketInfo): void {
  const stop = Math.min(m.end, at + len);
  if (len > 0 && looksDcerpc(data, at, stop)) {
    pinfo.tree.enterRoot?.();
    dissectDcerpc(data, at, stop, pinfo);
    pinfo.tree.leaveRoot?.();
  }
}
