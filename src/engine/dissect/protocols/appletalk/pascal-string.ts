/**
 * AppleTalk's Pascal strings (a length byte, then text) in the Macintosh
 * character set, as Wireshark reads them with ENC_MAC_ROMAN: bytes below 0x80
 * are ASCII, the upper half is Apple's Mac OS Roman table (unicode.org
 * MAPPINGS/VENDORS/APPLE/ROMAN.TXT).
 */

/** Mac OS Roman 0x80–0xff. */
const MAC_ROMAN_HIGH =
  "ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»…\u00a0ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uf8ffÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ";

/** `len` bytes at `start` as Mac OS Roman text (the caller checked they are there). */
export function pascalString(data: Uint8Array, start: number, len: number): string {
  let s = "";
  for (let i = start; i < start + len; i++) {
    const c = data[i]!;
    s += c < 0x80 ? String.fromCharCode(c) : MAC_ROMAN_HIGH[c - 0x80]!;
  }
  return s;
}
