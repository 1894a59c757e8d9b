/**
 * The text of a packet-list cell, from a row batch, for every column type:
 * what Wireshark's column shows (and `tshark -o gui.column.format` prints).
 * Times travel as (seconds, nanoseconds) pairs because a nanosecond epoch
 * time does not fit a double. No dissection here: the page formats the rows
 * on screen with it.
 */
import { timeDiff } from "../dissect/format";
import { PacketFlag } from "../index/packet-index";
import type { ColumnSpec } from "./column-types";
import type { RowBatch } from "./types";

/** The Time column's formats, as Wireshark's View › Time Display Format (labels in ui/packet-list/time-format.ts). */
export type TimeFormat = "absolute" | "utc" | "epoch" | "relative" | "delta";

export interface TimeContext {
  format: TimeFormat;
  /** Decimals: 6 for microsecond captures, 9 for nanosecond ones. */
  decimals: number;
  /** The first packet's time, origin of relative times. */
  firstSec: number;
  firstNsec: number;
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

/** A time in one of the Time column's formats; `delta` is the time since the previous displayed packet. */
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

export interface CellContext extends TimeContext {
  /** The receiver's copies of the address and protocol string tables. */
  address(id: number): string;
  protocol(id: number): string;
}

/**
 * The text of row `i` of `b` in a column of `spec`'s type; `field`: the
 * column's index among the field columns the batch was asked for (-1: none).
 */
export function cellText(spec: ColumnSpec, b: RowBatch, i: number, ctx: CellContext, field = -1): string {
  const sec = b.timeSec[i]!;
  const nsec = b.timeNsec[i]!;
  const ports = (b.flags[i]! & (PacketFlag.PORT_TCP | PacketFlag.PORT_UDP)) !== 0;
  switch (spec.type) {
    case "number":
      return String(b.number[i]);
    case "time":
      return formatTime(ctx, sec, nsec, b.shownDeltaSec[i]!, b.shownDeltaNsec[i]!);
    case "relative":
      return formatTime({ ...ctx, format: "relative" }, sec, nsec, 0, 0);
    case "absolute":
      return formatDateTime(sec, nsec, ctx.decimals, false);
    case "utc":
      return formatDateTime(sec, nsec, ctx.decimals, true);
    case "delta":
      return formatSpan(b.deltaSec[i]!, b.deltaNsec[i]!, ctx.decimals);
    case "delta-displayed":
      return formatSpan(b.shownDeltaSec[i]!, b.shownDeltaNsec[i]!, ctx.decimals);
    case "source":
      return ctx.address(b.src[i]!);
    case "destination":
      return ctx.address(b.dst[i]!);
    case "protocol":
      return ctx.protocol(b.protocol[i]!);
    case "length":
      return String(b.length[i]);
    case "info":
      return b.info[i] ?? "";
    case "cumulative":
      return String(b.cumBytes[i]);
    case "src-port":
      return ports ? String(b.srcPort[i]) : "";
    case "dst-port":
      return ports ? String(b.dstPort[i]) : "";
    case "tcp-stream":
      return b.tcpStream[i]! >= 0 ? String(b.tcpStream[i]) : "";
    case "hw-src":
    case "hw-dst":
    case "custom": {
      const f = b.fields;
      const ids = field >= 0 ? f?.ids[field] : undefined;
      return ids ? (f!.texts[ids[i]!] ?? "") : "";
    }
  }
}
