/**
 * tshark's default one-line-per-packet output (print_columns in tshark 4.0):
 * No. right-aligned to 5, Time right-aligned to 10, Source right-aligned to 12,
 * " → ", Destination left-aligned to 12, then Protocol, Length and Info
 * separated by single spaces.
 */
import type { PacketInfo } from "../engine/dissect/packet-info";
import type { PacketRecord } from "../engine/capture/types";
import { timeDiff } from "../engine/dissect/format";

export function summaryLine(rec: PacketRecord, pinfo: PacketInfo, firstSec: number, firstNsec: number, decimals: number): string {
  const [s, n] = timeDiff(rec.tsSec, rec.tsNsec, firstSec, firstNsec);
  const time = formatSeconds(s, n, decimals);
  const num = String(rec.number).padStart(5);
  const src = pinfo.srcColumn.padStart(12);
  const dst = pinfo.dstColumn.padEnd(12);
  return `${num} ${time.padStart(10)} ${src} → ${dst} ${pinfo.protocol} ${rec.origLen} ${pinfo.info}`;
}

export function formatSeconds(sec: number, nsec: number, decimals: number): string {
  const neg = sec < 0 || nsec < 0;
  const frac = Math.floor(Math.abs(nsec) / 10 ** (9 - decimals));
  return `${neg ? "-" : ""}${Math.abs(sec)}${decimals ? "." + String(frac).padStart(decimals, "0") : ""}`;
}
