/**
 * Times in ICMP messages: the timeval ping puts in echo data, RFC 792
 * timestamps (ms since midnight UT in either byte order), and Wireshark's
 * "1 hour, 30 minutes" texts.
 */
import { u32 } from "../../common";
import type { PacketInfo } from "../../packet-info";
import { GENERATED } from "../../tree";
import { icmpFields } from "./fields";

/** Two's-complement 32-bit value, as C's int conversion of a guint32. */
export const int32 = (v: number): number => v | 0;

/**
 * The echo data's first 8 bytes as a struct timeval (BSD/Linux ping), big- or
 * little-endian, when within a day of the frame's time (packet-icmp.c).
 */
export function addDataTime(pinfo: PacketInfo, data: Uint8Array, o: number): boolean {
  const beSec = u32(data, o);
  const beUsec = int32(u32(data, o + 4));
  let sec = beSec;
  let usec = beUsec;
  const far = (s: number, us: number): boolean => {
    const diff = int32(s - pinfo.tsSec);
    return !(Math.abs(diff) < 86400 || diff === -2147483648) || us >= 1000000;
  };
  if (far(sec, usec)) {
    sec = (data[o]! | (data[o + 1]! << 8) | (data[o + 2]! << 16) | (data[o + 3]! << 24)) >>> 0;
    usec = data[o + 4]! | (data[o + 5]! << 8) | (data[o + 6]! << 16) | (data[o + 7]! << 24);
  }
  if (far(sec, usec)) return false;
  const nsec = Math.imul(usec, 1000);
  const tree = pinfo.tree;
  tree.add(icmpFields.data_time, o, 8, [sec, nsec]);
  let dSec = pinfo.tsSec - sec;
  let dNsec = pinfo.tsNsec - nsec;
  // nstime_delta: both parts share the sign.
  if (dSec > 0 && dNsec < 0) {
    dSec -= 1;
    dNsec += 1e9;
  } else if (dSec < 0 && dNsec > 0) {
    dSec += 1;
    dNsec -= 1e9;
  }
  tree.add(icmpFields.data_time_relative, o, 8, [dSec, dNsec], GENERATED);
  return true;
}

const MS_PER_DAY = 86400000;

/** get_best_guess_mstimeofday: RFC 792 timestamps are ms since midnight UT, sent in either byte order. */
export function bestGuessMsOfDay(data: Uint8Array, o: number, comp: number): number {
  const be = u32(data, o) & 0x7fffffff;
  const le = ((data[o]! | (data[o + 1]! << 8) | (data[o + 2]! << 16) | (data[o + 3]! << 24)) >>> 0) & 0x7fffffff;
  if (be < MS_PER_DAY && le >= MS_PER_DAY) return be;
  if (le < MS_PER_DAY && be >= MS_PER_DAY) return le;
  const dist = (v: number): number => (v - comp) >>> 0;
  if (be < MS_PER_DAY && le < MS_PER_DAY) {
    let b = be;
    let l = le;
    if (b < comp && b <= MS_PER_DAY / 4 && comp >= MS_PER_DAY - MS_PER_DAY / 4) b += MS_PER_DAY;
    if (l < comp && l <= MS_PER_DAY / 4 && comp >= MS_PER_DAY - MS_PER_DAY / 4) l += MS_PER_DAY;
    return dist(b) < dist(l) ? be : le;
  }
  return dist(be) < dist(le) ? be : le;
}

/** signed_time_secs_to_str: "1 hour, 30 minutes" style. */
export function secondsText(total: number): string {
  if (total === 0) return "0 seconds";
  const parts: string[] = [];
  const units: [number, string][] = [[86400, "day"], [3600, "hour"], [60, "minute"], [1, "second"]];
  let t = total;
  for (const [n, name] of units) {
    const v = Math.floor(t / n);
    t -= v * n;
    if (v) parts.push(`${v} ${name}${v === 1 ? "" : "s"}`);
  }
  return parts.join(", ");
}

/** signed_time_msecs_to_str. */
export function msecondsText(ms: number): string {
  const secs = Math.floor(ms / 1000);
  const rest = ms % 1000;
  if (rest === 0) return secondsText(secs);
  const head = secs ? `${secondsText(secs)}, ` : "";
  return `${head}${rest} millisecond${rest === 1 ? "" : "s"}`;
}
