/**
 * SMB (v1, MS-CIFS / MS-SMB) as Wireshark 4.0's packet-smb.c shows it in the
 * packet list: reached from NBSS (TCP 139/445) and from NBDS datagrams (the
 * browser's mailslots).
 *
 *   +0 0xFF "SMB"  +4 command  +5 status (NT status LE32, or DOS error class,
 *   reserved, error code)  +9 flags (0x80: response)  +10 flags2 (0x8000
 *   Unicode, 0x4000 NT status)  +12 PID high  +14 signature (8)  +22 reserved
 *   +24 TID  +26 PID  +28 UID  +30 MID  +32 word count, words, byte count, bytes
 *
 * Info is "<command> Request|Response" (AndX followers "; <command>"), what
 * the command adds (", Path: …", NTLMSSP's message type), and on responses
 * ", Error: <status>" when the NT status is an error or the DOS class is not 0.
 */
import { enterLayer, u16le, u32le } from "../../common";
import { Truncated, g8 } from "../../bytes";
import { le16, le32 } from "./le";
import type { PacketInfo } from "../../packet-info";
import { ntStatusName, isNtError } from "./names";
import { smbCommandName, smbFields as F } from "./fields";
import { dissectTransRequest, dissectTransResponse } from "./trans";
import { type SmbHeader, smbString } from "./header";

export { type SmbHeader, smbString };
import { dissectSecurityBlob } from "../spnego/spnego";

export const SMB_HEADER_LEN = 32;
const FLAGS_RESPONSE = 0x80;
const FLAGS2_UNICODE = 0x8000;
const FLAGS2_NT_STATUS = 0x4000;
const NO_ANDX = 0xff;
/** Negotiate response capability: the server sends a GSS-API security blob (MS-SMB §2.2.4.5.2.1). */
const CAP_EXTENDED_SECURITY = 0x80000000;

/** What a command's dissector needs of its header. */
/** Whether data[offset, end) starts with SMB's magic 0xFF "SMB" (the heuristic of NetBIOS payloads). */
export function isSmb(data: Uint8Array, offset: number, end: number): boolean {
  return end - offset >= 4 && data[offset] === 0xff && data[offset + 1] === 0x53 && data[offset + 2] === 0x4d && data[offset + 3] === 0x42;
}

/** Dissects one SMB message in data[offset, end); returns bytes consumed (0 when it is not SMB). */
export function dissectSmb(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
  if (!isSmb(data, offset, end)) return 0;
  enterLayer(pinfo, "smb");
  pinfo.protocol = "SMB";
  const cols = pinfo.wantColumns;
  if (cols) pinfo.info = "";
  const tree = pinfo.tree;
  tree.open(F[""], offset, end - offset, null, tree.detailed ? "SMB (Server Message Block Protocol)" : undefined);
  let opened = true;
  try {
    tree.add(F.server_component, offset, 4, le32(data, offset, end));
    const cmd = g8(data, offset + 4, end);
    tree.add(F.cmd, offset + 4, 1, cmd);
    const flags = g8(data, offset + 9, end);
    const flags2 = le16(data, offset + 10, end);
    let errorText = "";
    if (flags2 & FLAGS2_NT_STATUS) {
      const status = le32(data, offset + 5, end);
      tree.add(F.nt_status, offset + 5, 4, status);
      if (isNtError(status)) errorText = `, Error: ${ntStatusName(status)}`;
    } else {
      const errClass = data[offset + 5]!;
      tree.add(F.error_class, offset + 5, 1, errClass);
      tree.add(F.reserved, offset + 6, 1, data.subarray(offset + 6, offset + 7));
      tree.add(F.error_code, offset + 7, 2, u16le(data, offset + 7));
      if (errClass !== 0) errorText = `, Error: ${dosErrorText(errClass, u16le(data, offset + 7))}`;
    }
    tree.add(F.flags, offset + 9, 1, flags);
    tree.add(F.flags2, offset + 10, 2, flags2);
    g8(data, offset + SMB_HEADER_LEN - 1, end);
    tree.add(F["pid.high"], offset + 12, 2, u16le(data, offset + 12));
    tree.add(F.signature, offset + 14, 8, data.subarray(offset + 14, offset + 22));
    tree.add(F.reserved, offset + 22, 2, data.subarray(offset + 22, offset + 24));
    const h: SmbHeader = {
      start: offset,
      end,
      cmd,
      request: (flags & FLAGS_RESPONSE) === 0,
      unicode: (flags2 & FLAGS2_UNICODE) !== 0,
      tid: u16le(data, offset + 24),
      pid: u16le(data, offset + 26),
      uid: u16le(data, offset + 28),
      mid: u16le(data, offset + 30),
    };
    tree.add(F.tid, offset + 24, 2, h.tid);
    tree.add(F.pid, offset + 26, 2, h.pid);
    tree.add(F.uid, offset + 28, 2, h.uid);
    tree.add(F.mid, offset + 30, 2, h.mid);
    const dir = h.request ? "Request" : "Response";
    if (cols) pinfo.info = `${smbCommandName(cmd)} ${dir}`;
    // Each AndX block names the next command and where it starts (from the header).
    let at = offset + SMB_HEADER_LEN;
    let current = cmd;
    for (let guard = 0; guard < 16; guard++) {
      const next = dissectCommand(data, at, h, current, pinfo);
      if (next === null || next.cmd === NO_ANDX || next.at <= at || next.at >= end) break;
      if (cols) pinfo.info += `; ${smbCommandName(next.cmd)}`;
      current = next.cmd;
      at = next.at;
    }
    if (cols && !h.request && errorText) pinfo.info += errorText;
  } catch (e) {
    if (!(e instanceof Truncated)) throw e;
    tree.close();
    opened = false;
    pinfo.malformed ||= "SMB runs past the end of the data";
    tree.expert(offset, 0, "error", "Malformed Packet (Exception occurred)");
    if (cols) pinfo.info += "[Malformed Packet]";
  } finally {
    if (opened) tree.close();
  }
  return end - offset;
}

/** The error text of a DOS error class and code (only the classes; codes read as Wireshark's fallback). */
function dosErrorText(errClass: number, code: number): string {
  const cls = ({ 0x01: "DOS", 0x02: "SRV", 0x03: "HRD", 0xff: "CMD" } as Record<number, string>)[errClass];
  return cls ? `Unknown ${cls} error (0x${code.toString(16)})` : "Unknown error class!";
}

interface AndX {
  cmd: number;
  at: number;
}

/** Word count, the words, byte count: returns [first word, byte count, first byte]. */
function wordsAndBytes(data: Uint8Array, at: number, h: SmbHeader, pinfo: PacketInfo): { wct: number; words: number; bcc: number; bytes: number } {
  const wct = g8(data, at, h.end);
  pinfo.tree.add(F.wct, at, 1, wct);
  const words = at + 1;
  const bccAt = words + wct * 2;
  const bcc = le16(data, bccAt, h.end);
  return { wct, words, bcc, bytes: bccAt + 2 };
}

function andx(data: Uint8Array, words: number, h: SmbHeader, pinfo: PacketInfo): AndX {
  const off = u16le(data, words + 2);
  // The AndX command is another smb.cmd (tshark lists "0x73,0xff").
  pinfo.tree.add(F.cmd, words, 1, data[words]!);
  pinfo.tree.add(F.andxoffset, words + 2, 2, off);
  return { cmd: data[words]!, at: h.start + off };
}

function dissectCommand(data: Uint8Array, at: number, h: SmbHeader, cmd: number, pinfo: PacketInfo): AndX | null {
  const tree = pinfo.tree;
  const wb = wordsAndBytes(data, at, h, pinfo);
  let next: AndX | null = null;
  switch (cmd) {
    case 0x72: // Negotiate Protocol: the request lists dialects, each 0x02 then a NUL-terminated name
      if (h.request) {
        tree.add(F.bcc, wb.bytes - 2, 2, wb.bcc);
        const stop = Math.min(h.end, wb.bytes + wb.bcc);
        for (let p = wb.bytes; p < stop && data[p] === 0x02; ) {
          const s = smbString(data, p + 1, stop, { ...h, unicode: false });
          tree.add(F.dialect, p + 1, s.len, s.text);
          p = p + 1 + s.len;
        }
        return null;
      }
      if (wb.wct === 17 && (u32le(data, wb.words + 19) & CAP_EXTENDED_SECURITY) !== 0) {
        // NT LM 0.12 with extended security (MS-SMB §2.2.4.5.2.1): the server GUID, then the security blob.
        tree.add(F.bcc, wb.bytes - 2, 2, wb.bcc);
        const blob = wb.bytes + 16;
        const blobEnd = Math.min(h.end, wb.bytes + wb.bcc);
        if (blob < blobEnd) {
          tree.open(F.security_blob, blob, blobEnd - blob, data.subarray(blob, blobEnd));
          dissectSecurityBlob(data, blob, blobEnd, pinfo);
          tree.close();
        }
        return null;
      }
      break;
    case 0x73: // Session Setup AndX with extended security: request WCT 12, response WCT 4
      if (wb.wct === 12 || wb.wct === 4) {
        next = andx(data, wb.words, h, pinfo);
        const lenAt = wb.words + (wb.wct === 12 ? 14 : 6);
        const blobLen = u16le(data, lenAt);
        tree.add(F.security_blob_len, lenAt, 2, blobLen);
        tree.add(F.bcc, wb.bytes - 2, 2, wb.bcc);
        const blobEnd = Math.min(h.end, wb.bytes + blobLen);
        tree.open(F.security_blob, wb.bytes, blobEnd - wb.bytes, data.subarray(wb.bytes, blobEnd));
        const info = dissectSecurityBlob(data, wb.bytes, blobEnd, pinfo);
        tree.close();
        if (pinfo.wantColumns) pinfo.info += info;
        return next;
      }
      break;
    case 0x75: // Tree Connect AndX request: password, path, service
      if (h.request && wb.wct === 4) {
        next = andx(data, wb.words, h, pinfo);
        const pwlen = u16le(data, wb.words + 6);
        tree.add(F.pwlen, wb.words + 6, 2, pwlen);
        tree.add(F.bcc, wb.bytes - 2, 2, wb.bcc);
        const path = smbString(data, wb.bytes + pwlen, h.end, h);
        tree.add(F.path, path.at, path.len, path.text);
        if (pinfo.wantColumns) pinfo.info += `, Path: ${path.text}`;
        const svc = smbString(data, path.at + path.len, h.end, { ...h, unicode: false });
        tree.add(F.service, svc.at, svc.len, svc.text);
        return next;
      }
      break;
    case 0x25: // Trans
      if (h.request) dissectTransRequest(data, wb, h, pinfo);
      else dissectTransResponse(data, wb, h, pinfo);
      return null;
    case 0x74: // Logoff AndX
    case 0x2d: // Open AndX
    case 0x2e: // Read AndX
    case 0x2f: // Write AndX
    case 0xa2: // NT Create AndX
      if (wb.wct >= 2) next = andx(data, wb.words, h, pinfo);
      break;
  }
  tree.add(F.bcc, wb.bytes - 2, 2, wb.bcc);
  return next;
}
