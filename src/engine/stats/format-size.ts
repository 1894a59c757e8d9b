/**
 * Byte counts as tshark 4.0 prints them in its statistics tables
 * (wsutil's format_size with SI prefixes and the "bytes" unit): below
 * 10 000 the plain number and " bytes", above that the number divided
 * (rounding down) by the largest power of 1000 that still leaves at least
 * 10, with " kB", " MB", " GB" or " TB".
 *
 * tshark groups thousands only under a locale that asks for it (a `%'`
 * printf); in the C locale, which pcapscope reproduces, it does not.
 */
const PREFIXES = [" TB", " GB", " MB", " kB"] as const;

export function formatBytes(size: number): string {
  for (let i = 0; i < PREFIXES.length; i++) {
    const scaled = Math.floor(size / 1000 ** (PREFIXES.length - i));
    if (scaled >= 10) return `${scaled}${PREFIXES[i]}`;
  }
  return `${size} bytes`;
}
