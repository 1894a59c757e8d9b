/**
 * Wireshark 4.0's format_text() (epan/strutil.c): bytes that should be UTF-8,
 * made safe to show in the Info column and in text items.
 *
 * - printable ASCII as is; other ASCII as C escapes (\n, \t, ...) or 3-digit
 *   octal (\000, \033, \177);
 * - valid UTF-8 as the character when GLib's g_unichar_isprint() says it is
 *   printable (not control, format, unassigned or surrogate), else as
 *   \uXXXX / \UXXXXXXXX in upper-case hex;
 * - a broken sequence as one U+FFFD, and the byte that broke it (a missing
 *   continuation byte) starts the next character.
 *
 * DNS names, DHCPv6 strings, FTP lines and FTP-DATA text all go through this
 * one function (they used to have a copy each, which agreed byte for byte).
 */
import { shortAscii } from "./bytes";

/** Non-printable code points for g_unichar_isprint: control, format, unassigned, surrogate. */
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cn}\p{Cs}]/u;
const HEX = "0123456789ABCDEF";
const UNREPL = "\ufffd";
const latin1 = new TextDecoder("latin1");

export function formatText(b: Uint8Array, start: number, end: number): string {
  // Fast path: plain printable ASCII (almost every FTP line and DNS name).
  let i = start;
  while (i < end) {
    const c = b[i]!;
    if (c < 0x20 || c > 0x7e) break;
    i++;
  }
  if (i === end) return shortAscii(b, start, end) ?? latin1.decode(b.subarray(start, end));
  let out = latin1.decode(b.subarray(start, i));
  while (i < end) {
    const c = b[i++]!;
    if (c >= 0x20 && c < 0x7f) {
      out += String.fromCharCode(c);
      continue;
    }
    if (c < 0x80) {
      out += escapeAscii(c);
      continue;
    }
    let need: number;
    let uc: number;
    if ((c & 0xe0) === 0xc0) {
      need = 1;
      uc = c & 0x1f;
    } else if ((c & 0xf0) === 0xe0) {
      need = 2;
      uc = c & 0x0f;
    } else if ((c & 0xf8) === 0xf0) {
      need = 3;
      uc = c & 0x07;
    } else if ((c & 0xfc) === 0xf8) {
      need = 4;
      uc = c & 0x03;
    } else if ((c & 0xfe) === 0xfc) {
      need = 5;
      uc = c & 0x01;
    } else {
      // A continuation byte or 0xfe/0xff where a character should start.
      out += UNREPL;
      continue;
    }
    let ok = true;
    while (need > 0) {
      // Not a continuation byte: the sequence is broken, and this byte is left for the next character.
      if (i >= end || (b[i]! & 0xc0) !== 0x80) {
        ok = false;
        break;
      }
      uc = uc * 64 + (b[i++]! & 0x3f);
      need--;
    }
    // g_unichar_validate: below U+110000 and not a surrogate.
    if (!ok || uc > 0x10ffff || (uc >= 0xd800 && uc <= 0xdfff)) {
      out += UNREPL;
      continue;
    }
    const ch = String.fromCodePoint(uc);
    if (!NON_PRINTABLE.test(ch)) out += ch;
    else if (uc <= 0xffff) out += "\\u" + hexUpper(uc, 4);
    else out += "\\U" + hexUpper(uc, 8);
  }
  return out;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const utf8 = new TextEncoder();

/**
 * format_text() of a string value (an FT_STRING's label in the tree, as
 * proto.c's hfinfo_format_text writes it): the string's UTF-8 through
 * formatText. Quotes and backslashes stay as they are, as in tshark -V
 * (`Request arg: ..\..\x.txt`, `Request arg: admin";--> #'`: what was sent).
 */
export function formatTextString(s: string): string {
  if (PRINTABLE_ASCII.test(s)) return s;
  const b = utf8.encode(s);
  return formatText(b, 0, b.length);
}

function escapeAscii(c: number): string {
  switch (c) {
    case 0x07:
      return "\\a";
    case 0x08:
      return "\\b";
    case 0x0c:
      return "\\f";
    case 0x0a:
      return "\\n";
    case 0x0d:
      return "\\r";
    case 0x09:
      return "\\t";
    case 0x0b:
      return "\\v";
    default:
      return "\\" + ((c >> 6) & 3) + ((c >> 3) & 7) + (c & 7);
  }
}

function hexUpper(v: number, digits: number): string {
  let s = "";
  for (let k = digits - 1; k >= 0; k--) s += HEX[Math.floor(v / 16 ** k) % 16];
  return s;
}
