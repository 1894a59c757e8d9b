/** Hex-dump helpers for the bytes pane. */
export const BYTES_PER_LINE = 16;

export const HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** Printable ASCII as itself, anything else as a dot (as Wireshark shows it). */
export function asciiChar(b: number): string {
  return b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : ".";
}

/** Offset column: 4 hex digits, more when the data is longer than 64 KiB. */
export function offsetText(offset: number, total: number): string {
  return offset.toString(16).padStart(total > 0x10000 ? 8 : 4, "0");
}

export function lineCount(length: number): number {
  return Math.ceil(length / BYTES_PER_LINE);
}
