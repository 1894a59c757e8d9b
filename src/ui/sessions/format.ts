/** Text for the FTP views: sizes, times, endpoints. Capture text is passed through untouched (React escapes it). */
import type { FtpEndpoint } from "../../engine/ftp/types";

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v < 10 ? 2 : 1)} ${units[u]}`;
}

/** Seconds since the epoch as "2024-01-02 03:04:05.123 UTC". */
export function formatTime(t: number): string {
  if (!t) return "";
  const d = new Date(Math.round(t * 1000));
  return `${d.toISOString().replace("T", " ").replace("Z", "")} UTC`;
}

export function formatDuration(s: number): string {
  if (s < 1) return `${(s * 1000).toFixed(0)} ms`;
  if (s < 120) return `${s.toFixed(2)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - m * 60)} s`;
}

export function endpoint(e: FtpEndpoint): string {
  return e.address.includes(":") ? `[${e.address}]:${e.port}` : `${e.address}:${e.port}`;
}

export const MASK = "••••••••";
