/**
 * The SMB (v1) header facts its commands' dissectors need, and SMB's string
 * reading (Unicode aligned from the header, or ASCII), apart from smb.ts so
 * that trans.ts, which smb.ts calls, needs nothing of smb.ts (no cycle).
 */
import { u16le } from "../../common";
import { Truncated } from "../../bytes";

export interface SmbHeader {
  /** Offset of the 0xFF of "\xffSMB" (string alignment and AndX offsets count from it). */
  start: number;
  end: number;
  cmd: number;
  request: boolean;
  unicode: boolean;
  tid: number;
  pid: number;
  uid: number;
  mid: number;
}

/**
 * A string at `at` (Unicode when the header says so, aligned to 2 from the
 * SMB header as MS-CIFS §2.2.1.1.1 asks), NUL-terminated or ending at `end`.
 * Returns the text, where it starts and the bytes it takes with its NUL.
 */
export function smbString(data: Uint8Array, at: number, end: number, h: SmbHeader): { text: string; at: number; len: number } {
  if (h.unicode) {
    if ((at - h.start) & 1) at++;
    let text = "";
    let i = at;
    for (; i + 1 < end; i += 2) {
      const c = u16le(data, i);
      if (c === 0) return { text, at, len: i + 2 - at };
      text += String.fromCharCode(c);
    }
    if (i >= end && text === "" && at >= end) throw new Truncated();
    return { text, at, len: i - at };
  }
  let text = "";
  let i = at;
  for (; i < end; i++) {
    if (data[i] === 0) return { text, at, len: i + 1 - at };
    // ASCII strings: a byte above 0x7F is not ASCII, and Wireshark shows U+FFFD for it.
    text += data[i]! < 0x80 ? String.fromCharCode(data[i]!) : "\ufffd";
  }
  if (at >= end) throw new Truncated();
  return { text, at, len: i - at };
}

