/**
 * The Time column's formats, as Wireshark's View › Time Display Format
 * names them. Times travel as (seconds, nanoseconds) pairs because a
 * nanosecond epoch time does not fit a double.
 */
import type { TimeFormat } from "../../store/view-store";

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

export { formatDateTime, formatSpan, formatTime, type TimeContext } from "../../engine/session/column-text";
