/**
 * The statistics an open capture counts while it is indexed (Conversations,
 * Endpoints and the Protocol Hierarchy of every packet, unfiltered), and
 * their snapshot as plain data for the app's Statistics views: rows with
 * address texts, sorted as tshark prints them (most frames first).
 *
 * Counting in the indexing pass is what lets the views open without reading
 * the capture again; a statistic limited to a display filter is counted by a
 * pass of its own (the filter is the analyst's, known only later).
 */
import { fieldById } from "../dissect/field";
import { byFramesDescending } from "./growable";
import type { Statistics, StatRequest } from "./statistics";
import { hierarchyName, type ProtocolHierarchy } from "./protocol-hierarchy";
import type { ConversationRow } from "./conversations";
import type { EndpointRow } from "./endpoints";
import { Tap, type TapKind } from "./tap-tree";

/** The taps Statistics ▸ Conversations and Endpoints have tabs for, by the names `-z` uses. */
export const TAP_NAMES = ["eth", "ip", "ipv6", "tcp", "udp"] as const;
export type TapName = (typeof TAP_NAMES)[number];
export const TAP_OF: Record<TapName, TapKind> = { eth: Tap.ETH, ip: Tap.IP, ipv6: Tap.IPV6, tcp: Tap.TCP, udp: Tap.UDP };

/** What the indexing pass counts: every table of every tap, and the hierarchy, over all packets. */
export function captureStatisticsRequests(): StatRequest[] {
  return [
    ...TAP_NAMES.map((t): StatRequest => ({ type: "conv", tap: TAP_OF[t], filter: null })),
    ...TAP_NAMES.map((t): StatRequest => ({ type: "endpoints", tap: TAP_OF[t], filter: null })),
    { type: "phs", filter: null },
  ];
}

/** One conversation: A is the side that sent the first packet ("A → B" counts A's packets). */
export interface ConversationEntry {
  a: string;
  b: string;
  /** Ports for tcp and udp (0 otherwise). */
  portA: number;
  portB: number;
  framesAB: number;
  bytesAB: number;
  framesBA: number;
  bytesBA: number;
  /** Seconds since the capture's first packet (tshark's "Relative Start"), and the duration in seconds. */
  start: number;
  duration: number;
}

export interface EndpointEntry {
  address: string;
  /** Port for tcp and udp (0 otherwise). */
  port: number;
  txFrames: number;
  txBytes: number;
  rxFrames: number;
  rxBytes: number;
}

/** One protocol of the hierarchy, depth first (children after their parent, one level deeper). */
export interface HierarchyEntry {
  /** Filter name ("tcp") and display name ("Transmission Control Protocol"). */
  protocol: string;
  name: string;
  depth: number;
  frames: number;
  bytes: number;
}

/** What Capture File Properties shows beyond the counts (the open capture's, from its reader and index). */
export interface CaptureDetails {
  interfaces: { name: string | null; description: string | null; linkType: string; snapLen: number }[];
  sectionComments: string[];
  /** Packets that carry pcapng comments. */
  commentedPackets: number;
  /** The last packet's time (0.0 without packets). */
  lastSec: number;
  lastNsec: number;
}

export interface StatsSnapshot {
  conversations: Record<TapName, ConversationEntry[]>;
  endpoints: Record<TapName, EndpointEntry[]>;
  hierarchy: HierarchyEntry[];
  /** Set by an open capture (CaptureSession.statistics). */
  capture?: CaptureDetails;
}

/** The snapshot of statistics counted for `captureStatisticsRequests()` (in that order). */
export function statsSnapshot(stats: Statistics): StatsSnapshot {
  const conversations = {} as Record<TapName, ConversationEntry[]>;
  const endpoints = {} as Record<TapName, EndpointEntry[]>;
  let hierarchy: HierarchyEntry[] = [];
  const nameOf = new Map<TapKind, TapName>(TAP_NAMES.map((n) => [TAP_OF[n], n]));
  for (const result of stats.results) {
    if (result.type === "phs") {
      hierarchy = hierarchyEntries(result.hierarchy);
      continue;
    }
    if (result.type !== "conv" && result.type !== "endpoints") continue;
    const names = stats.addresses(result.tap);
    const tap = nameOf.get(result.tap)!;
    const t = result.table;
    const order = byFramesDescending((r) => t.frames(r), t.rows);
    if (result.type === "conv") {
      conversations[tap] = order.map((i) => conversationEntry(result.table.row(i), names));
    } else {
      endpoints[tap] = order.map((i) => endpointEntry(result.table.row(i), names));
    }
  }
  return { conversations, endpoints, hierarchy };
}

/** A conversation table's row as the views show it (`names`: the tap's address texts). */
export function conversationEntry(r: ConversationRow, names: readonly string[]): ConversationEntry {
  const start = r.startSec + r.startNsec / 1e9;
  return {
    a: names[r.a]!,
    b: names[r.b]!,
    portA: r.portA,
    portB: r.portB,
    framesAB: r.txFrames,
    bytesAB: r.txBytes,
    framesBA: r.rxFrames,
    bytesBA: r.rxBytes,
    start,
    duration: r.stopSec + r.stopNsec / 1e9 - start,
  };
}

/** An endpoint table's row as the views show it. */
export function endpointEntry(r: EndpointRow, names: readonly string[]): EndpointEntry {
  return { address: names[r.address]!, port: r.port, txFrames: r.txFrames, txBytes: r.txBytes, rxFrames: r.rxFrames, rxBytes: r.rxBytes };
}

/** The hierarchy's nodes depth first, named. */
export function hierarchyEntries(hierarchy: ProtocolHierarchy): HierarchyEntry[] {
  return hierarchy.walk().map((n) => {
    const f = fieldById(n.field);
    return { protocol: hierarchyName(f), name: f.name, depth: n.depth, frames: n.frames, bytes: n.bytes };
  });
}
