/**
 * Statistics ▸ Capture File Properties: what capinfos prints of a capture
 * that the page knows (the worker's summary, the packet count, the first
 * packet's time, and the statistics snapshot's totals).
 *
 * The last packet's time, the interfaces and the comments come with the
 * snapshot of an open capture (`snapshot.capture`); without them the last
 * time is taken as the latest end of any conversation of any tap (eth, ip,
 * ipv6, tcp, udp), which is the last packet's time whenever that packet has
 * an Ethernet or IP layer.
 * Data size is the top level protocols' bytes, each packet's frame length.
 */
import type { CaptureSummary } from "../../engine/session/types";
import type { StatsOverview } from "../../engine/stats/paging";
import type { StatsSnapshot } from "../../engine/stats/snapshot";
import { TAP_NAMES } from "../../engine/stats/snapshot";
import { hierarchyRows } from "./hierarchy";

export interface PropertiesInput {
  summary: CaptureSummary | null;
  packets: number;
  firstSec: number;
  firstNsec: number;
  /** The worker's overview (the app), or a whole snapshot. */
  snapshot: StatsOverview | StatsSnapshot | null;
}

export interface PropertySection {
  title: string;
  items: [label: string, value: string][];
}

/** Seconds from the first packet to the last conversation's end (0: none). */
export function captureElapsed(snapshot: StatsOverview | StatsSnapshot): number {
  if ("conversationsEnd" in snapshot) return snapshot.conversationsEnd;
  let end = 0;
  for (const tap of TAP_NAMES) for (const c of snapshot.conversations[tap] ?? []) end = Math.max(end, c.start + c.duration);
  return end;
}

/** "2026-11-20 23:52:12.354987" in UTC, as capinfos prints (TZ=UTC), to `decimals` places. */
export function formatTime(sec: number, nsec: number, decimals: number): string {
  const date = new Date(Math.floor(sec) * 1000).toISOString().slice(0, 19).replace("T", " ");
  const fraction = String(nsec).padStart(9, "0").slice(0, decimals);
  return decimals > 0 ? `${date}.${fraction}` : date;
}

function rate(n: number, seconds: number, unit: string): string {
  return seconds > 0 ? `${(n / seconds).toFixed(2)} ${unit}` : "n/a";
}

export function captureProperties(p: PropertiesInput): PropertySection[] {
  const decimals = p.summary?.timeDecimals ?? 6;
  const sections: PropertySection[] = [];
  if (p.summary) {
    sections.push({
      title: "File",
      items: [
        ["Name", p.summary.fileName],
        ["Length", `${p.summary.fileSize} bytes`],
        ["Format", p.summary.formatDescription],
        ["Encapsulation", p.summary.linkTypes.join(", ") || "none"],
        ["Time precision", decimals === 9 ? "nanoseconds (9)" : "microseconds (6)"],
      ],
    });
  }
  if (!p.snapshot) return sections;
  const capture = p.snapshot.capture;
  let elapsed = captureElapsed(p.snapshot);
  let lastSec: number;
  let lastNsec: number;
  if (capture) {
    lastSec = capture.lastSec;
    lastNsec = capture.lastNsec;
    elapsed = lastSec - p.firstSec + (lastNsec - p.firstNsec) / 1e9;
  } else {
    const totalNs = Math.round(p.firstNsec + elapsed * 1e9);
    lastSec = p.firstSec + Math.floor(totalNs / 1e9);
    lastNsec = totalNs % 1e9;
  }
  const { bytes } = hierarchyRows(p.snapshot.hierarchy);
  sections.push({
    title: "Time",
    items: p.packets
      ? [
          ["First packet", formatTime(p.firstSec, p.firstNsec, decimals)],
          ["Last packet", formatTime(lastSec, lastNsec, decimals)],
          ["Elapsed", `${elapsed.toFixed(decimals)} seconds`],
        ]
      : [],
  });
  sections.push({
    title: "Statistics",
    items: [
      ["Packets", String(p.packets)],
      ["Bytes", String(bytes)],
      ["Average packet size", p.packets ? `${(bytes / p.packets).toFixed(2)} bytes` : "n/a"],
      ["Average packets/s", rate(p.packets, elapsed, "packets/s")],
      ["Average bytes/s", rate(bytes, elapsed, "bytes/s")],
      ["Average bits/s", rate(bytes * 8, elapsed, "bits/s")],
    ],
  });
  if (capture) {
    capture.interfaces.forEach((i, k) =>
      sections.push({
        title: `Interface #${k}${i.name ? `: ${i.name}` : ""}`,
        items: [
          ...(i.description ? [["Description", i.description] as [string, string]] : []),
          ["Encapsulation", i.linkType],
          ["Snapshot length", String(i.snapLen)],
        ],
      }),
    );
    sections.push({
      title: "Comments",
      items: [
        ...capture.sectionComments.map((c): [string, string] => ["Section", c]),
        ["Packets with comments", String(capture.commentedPackets)],
      ],
    });
  }
  return sections;
}
