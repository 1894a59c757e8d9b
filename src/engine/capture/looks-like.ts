/**
 * What a file that is no capture pcapscope reads looks like, from its first
 * bytes, so the refusal can say "this looks like a zip archive" rather than
 * only print hex. Cheap checks on well-known magics (and text), nothing more.
 */

const MAGICS: readonly { bytes: readonly number[]; at?: number; name: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], name: "a zip archive" },
  { bytes: [0x1f, 0x8b], name: "a gzip-compressed file" },
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], name: "a Zstandard-compressed file" },
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], name: "an xz-compressed file" },
  { bytes: [0x42, 0x5a, 0x68], name: "a bzip2-compressed file" },
  { bytes: [0x04, 0x22, 0x4d, 0x18], name: "an LZ4-compressed file" },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], name: "a 7-Zip archive" },
  { bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], name: "a RAR archive" },
  { bytes: [0x75, 0x73, 0x74, 0x61, 0x72], at: 257, name: "a tar archive" },
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], name: "a PDF document" },
  { bytes: [0x89, 0x50, 0x4e, 0x47], name: "a PNG image" },
  { bytes: [0xff, 0xd8, 0xff], name: "a JPEG image" },
  { bytes: [0x47, 0x49, 0x46, 0x38], name: "a GIF image" },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], name: "an ELF executable" },
  { bytes: [0x4d, 0x5a], name: "a Windows executable" },
  { bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66], name: "an SQLite database" },
  { bytes: [0x62, 0x74, 0x73, 0x6e, 0x6f, 0x6f, 0x70, 0x00], name: "a Symbian btsnoop capture (not read by pcapscope)" },
  { bytes: [0x58, 0x43, 0x50, 0x00], name: "a NetXray / Sniffer capture (not read by pcapscope)" },
  { bytes: [0x54, 0x52, 0x53, 0x4e, 0x49, 0x46, 0x46], name: "a Sniffer (DOS) capture (not read by pcapscope)" },
];

/** "a zip archive", "text", an ERF guess...; null when nothing cheap fits. */
export function looksLike(head: Uint8Array): string | null {
  for (const m of MAGICS) {
    const at = m.at ?? 0;
    if (head.length >= at + m.bytes.length && m.bytes.every((b, i) => head[at + i] === b)) return m.name;
  }
  if (looksLikeErf(head)) return "an Endace ERF capture (not read by pcapscope)";
  if (looksLikeText(head)) return /^\s*[<{[]/.test(String.fromCharCode(...head.subarray(0, 16))) ? "text (markup or JSON)" : "text";
  return null;
}

/**
 * ERF has no magic: a 16-byte record header whose type (byte 8, low 7 bits)
 * is a known one (1-27), whose record length (bytes 10-11, big-endian)
 * covers the header and whose wire length is non-zero, as wiretap's erf.c
 * checks first records.
 */
function looksLikeErf(head: Uint8Array): boolean {
  if (head.length < 16) return false;
  const type = head[8]! & 0x7f;
  const recordLength = (head[10]! << 8) | head[11]!;
  const wireLength = (head[14]! << 8) | head[15]!;
  return type >= 1 && type <= 27 && recordLength >= 16 && recordLength <= 65536 && wireLength > 0 && (head[9]! & 0x08) === 0;
}

/** Printable ASCII or UTF-8 with whitespace, no NULs. */
function looksLikeText(head: Uint8Array): boolean {
  if (head.length === 0) return false;
  let printable = 0;
  for (const b of head) {
    if (b === 0) return false;
    if (b === 9 || b === 10 || b === 13 || (b >= 0x20 && b < 0x7f) || b >= 0x80) printable++;
  }
  return printable === head.length;
}
