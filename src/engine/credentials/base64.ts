/**
 * Base64 as RFC 4648 §4 defines it (the alphabet SASL uses: RFC 4954 §4,
 * RFC 3501 §6.2.2, RFC 7617 §2). Whitespace is skipped (lines typed by hand
 * or wrapped); padding is optional; any other character makes the text not
 * base64 (null), so that a line that is not an answer is not decoded into
 * noise.
 */

const VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) VALUES["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".charCodeAt(i)] = i;

export function decodeBase64(text: string): Uint8Array | null {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4) + 3);
  let n = 0;
  let acc = 0;
  let bits = 0;
  let padding = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a) continue;
    if (c === 0x3d) {
      padding++;
      continue;
    }
    // Data after padding is not base64.
    if (padding > 0 || c >= 128) return null;
    const v = VALUES[c]!;
    if (v < 0) return null;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  // 6 leftover bits cannot end a base64 text (a single character of a quantum).
  if (bits >= 6 || padding > 2) return null;
  return out.subarray(0, n);
}

const utf8 = new TextDecoder("utf-8");

/** Decoded text (UTF-8, invalid sequences as U+FFFD), or null when `text` is not base64. */
export function base64Text(text: string): string | null {
  const bytes = decodeBase64(text);
  return bytes ? utf8.decode(bytes) : null;
}
