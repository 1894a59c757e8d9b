/**
 * The Time column's formats, as Wireshark's View › Time Display Format
 * names them. Times travel as (seconds, nanoseconds) pairs because a
 * nanosecond epoch time does not fit a double.
 */
import type { TimeFormat } from "../../store/view-store";
import { timeDiff } from "../../engine/dissect/format";

export type { TimeFormat };

export const TIME_FORMATS: readonly { id: TimeFormat; label: string }[] = [
  { id: "relative", label: "Seconds Since Beginning of Capture" },
  { id: "delta", label: "Seconds Since Previous Displayed Packet" },
  { id: "absolute", label: "Date and Time of Day" },
  { id: "utc", label: "UTC Date and Time of Day" },
  { id: "epoch", label: "Seconds Since 1970-01-01 (Epoch)" },
];

export function isTimeFormat(s: string): s is TimeFormat {
  return TIME_FORMATS.some((f) => f.id === s);
}

function fraction(nsec: number, decimals: number): string {
  if (decimals <= 0) return "";
  const f = Math.floor(Math.abs(nsec) / 10 ** (9 - decimals));
  return "." + String(f).padStart(decimals, "0");
}

/** Seconds with `decimals` digits of a (sec, nsec) span whose parts share a sign. */
export function formatSpan(sec: number, nsec: number, decimals: number): string {
  const neg = sec < 0 || nsec < 0;
  return `${neg ? "-" : ""}${Math.abs(sec)}${fraction(nsec, decimals)}`;
}

const p2 = (n: number): string => String(n).padStart(2, "0");

/** "2023-11-14 22:13:20.123456" in local time or UTC. */
export function formatDateTime(sec: number, nsec: number, decimals: number, utc: boolean): string {
  const d = new Date(sec * 1000);
  if (Number.isNaN(d.getTime())) return formatSpan(sec, nsec, decimals);
  const [y, mo, da, h, mi, s] = utc
    ? [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()]
    : [d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds()];
  return `${y}-${p2(mo)}-${p2(da)} ${p2(h)}:${p2(mi)}:${p2(s)}${fraction(nsec, decimals)}`;
}

export interface TimeContext {
  format: TimeFormat;
  decimals: number;
  firstSec: number;
  firstNsec: number;
}

export function formatTime(ctx: TimeContext, sec: number, nsec: number, deltaSec: number, deltaNsec: number): string {
  switch (ctx.format) {
    case "relative": {
      const [s, n] = timeDiff(sec, nsec, ctx.firstSec, ctx.firstNsec);
      return formatSpan(s, n, ctx.decimals);
    }
    case "delta":
      return formatSpan(deltaSec, deltaNsec, ctx.decimals);
    case "absolute":
      return formatDateTime(sec, nsec, ctx.decimals, false);
    case "utc":
      return formatDateTime(sec, nsec, ctx.decimals, true);
    case "epoch":
      return formatSpan(sec, nsec, ctx.decimals);
  }
}
