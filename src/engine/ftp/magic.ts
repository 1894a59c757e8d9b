/**
 * MIME type from a file's first bytes (magic numbers), the way `file
 * --mime-type` decides for the formats that matter when triaging an FTP
 * capture. Only the first `SNIFF_BYTES` are looked at.
 */

export const SNIFF_BYTES = 512;

interface Magic {
  offset: number;
  bytes: readonly number[];
  mime: string;
}

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

/** Checked in order: the first match wins. */
const MAGICS: readonly Magic[] = [
  { offset: 0, bytes: [0x89, ...ascii("PNG\r\n"), 0x1a, 0x0a], mime: "image/png" },
  { offset: 0, bytes: [0xff, 0xd8, 0xff], mime: "image/jpeg" },
  { offset: 0, bytes: ascii("GIF87a"), mime: "image/gif" },
  { offset: 0, bytes: ascii("GIF89a"), mime: "image/gif" },
  { offset: 0, bytes: ascii("BM"), mime: "image/bmp" },
  { offset: 0, bytes: [0x49, 0x49, 0x2a, 0x00], mime: "image/tiff" },
  { offset: 0, bytes: [0x4d, 0x4d, 0x00, 0x2a], mime: "image/tiff" },
  { offset: 0, bytes: [0x00, 0x00, 0x01, 0x00], mime: "image/vnd.microsoft.icon" },
  { offset: 0, bytes: ascii("%PDF-"), mime: "application/pdf" },
  { offset: 0, bytes: ascii("PK\x03\x04"), mime: "application/zip" },
  { offset: 0, bytes: ascii("PK\x05\x06"), mime: "application/zip" },
  { offset: 0, bytes: [0x1f, 0x8b], mime: "application/gzip" },
  { offset: 0, bytes: ascii("BZh"), mime: "application/x-bzip2" },
  { offset: 0, bytes: [0xfd, ...ascii("7zXZ"), 0x00], mime: "application/x-xz" },
  { offset: 0, bytes: [0x28, 0xb5, 0x2f, 0xfd], mime: "application/zstd" },
  { offset: 0, bytes: [...ascii("7z"), 0xbc, 0xaf, 0x27, 0x1c], mime: "application/x-7z-compressed" },
  { offset: 0, bytes: ascii("Rar!\x1a\x07"), mime: "application/vnd.rar" },
  { offset: 257, bytes: ascii("ustar"), mime: "application/x-tar" },
  { offset: 0, bytes: [0x7f, ...ascii("ELF")], mime: "application/x-executable" },
  { offset: 0, bytes: ascii("MZ"), mime: "application/vnd.microsoft.portable-executable" },
  { offset: 0, bytes: [0xca, 0xfe, 0xba, 0xbe], mime: "application/java-vm" },
  { offset: 0, bytes: [0xcf, 0xfa, 0xed, 0xfe], mime: "application/x-mach-binary" },
  { offset: 0, bytes: ascii("SQLite format 3\x00"), mime: "application/vnd.sqlite3" },
  { offset: 0, bytes: [0xd4, 0xc3, 0xb2, 0xa1], mime: "application/vnd.tcpdump.pcap" },
  { offset: 0, bytes: [0xa1, 0xb2, 0xc3, 0xd4], mime: "application/vnd.tcpdump.pcap" },
  { offset: 0, bytes: [0x0a, 0x0d, 0x0d, 0x0a], mime: "application/x-pcapng" },
  { offset: 0, bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], mime: "application/x-ole-storage" },
  { offset: 0, bytes: ascii("ID3"), mime: "audio/mpeg" },
  { offset: 0, bytes: ascii("OggS"), mime: "audio/ogg" },
  { offset: 0, bytes: ascii("fLaC"), mime: "audio/flac" },
  { offset: 4, bytes: ascii("ftyp"), mime: "video/mp4" },
  { offset: 0, bytes: [0x1a, 0x45, 0xdf, 0xa3], mime: "video/webm" },
  { offset: 0, bytes: ascii("-----BEGIN "), mime: "application/x-pem-file" },
  { offset: 0, bytes: ascii("SSH-"), mime: "text/plain" },
];

function matches(b: Uint8Array, m: Magic): boolean {
  if (b.length < m.offset + m.bytes.length) return false;
  for (let i = 0; i < m.bytes.length; i++) if (b[m.offset + i] !== m.bytes[i]) return false;
  return true;
}

/** True when the bytes are valid UTF-8 text without control characters other than tab, CR, LF, FF. */
export function looksLikeText(b: Uint8Array): boolean {
  if (b.length === 0) return false;
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) return false;
      if (c === 0x7f) return false;
      i++;
      continue;
    }
    const more = (c & 0xe0) === 0xc0 ? 1 : (c & 0xf0) === 0xe0 ? 2 : (c & 0xf8) === 0xf0 ? 3 : -1;
    if (more < 0) return false;
    // A sequence cut by the end of the sniffed window is fine.
    for (let k = 1; k <= more; k++) {
      if (i + k >= b.length) return true;
      if ((b[i + k]! & 0xc0) !== 0x80) return false;
    }
    i += more + 1;
  }
  return true;
}

/** RIFF containers name their form at offset 8. */
function riff(b: Uint8Array): string | null {
  if (b.length < 12 || !matches(b, { offset: 0, bytes: ascii("RIFF"), mime: "" })) return null;
  const form = String.fromCharCode(b[8]!, b[9]!, b[10]!, b[11]!);
  return form === "WEBP" ? "image/webp" : form === "WAVE" ? "audio/wav" : form === "AVI " ? "video/x-msvideo" : "application/octet-stream";
}

/** The MIME type of content starting with `head` (at least the first SNIFF_BYTES when the file is that long). */
export function sniffMime(head: Uint8Array): string {
  for (const m of MAGICS) if (matches(head, m)) return m.mime;
  const r = riff(head);
  if (r) return r;
  if (!looksLikeText(head)) return "application/octet-stream";
  const start = new TextDecoder().decode(head.subarray(0, 256)).trimStart().toLowerCase();
  if (start.startsWith("<?xml")) return start.includes("<svg") ? "image/svg+xml" : "application/xml";
  if (start.startsWith("<!doctype html") || start.startsWith("<html")) return "text/html";
  if (start.startsWith("<svg")) return "image/svg+xml";
  if ((start.startsWith("{") || start.startsWith("[")) && /^[[{]\s*["{[\]}\d-]/.test(start)) return "application/json";
  if (start.startsWith("#!")) return "text/x-shellscript";
  return "text/plain";
}
