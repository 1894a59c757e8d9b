/**
 * The Statistics view: Capture File Properties, Protocol Hierarchy,
 * Conversations and Endpoints (each with a tab per tap: Ethernet, IPv4,
 * IPv6, TCP, UDP), from the snapshot the worker counted while indexing.
 */
import { useMemo } from "react";
import type { TapName } from "../../engine/stats/snapshot";
import { useCaptureStore } from "../../store/capture-store";
import { CONVERSATION_KINDS } from "../../store/conversation-filter";
import { Tabs } from "../layout/Tabs";
import { captureElapsed, captureProperties } from "./capture-properties";
import { hierarchyRows, sortTree, type HierarchyRow } from "./hierarchy";
import { conversationColumns, endpointColumns, type StatColumn } from "./stats-columns";
import { conversationFilter, endpointFilter } from "./stats-filters";
import { useStatsSnapshot, useStatsStore, type StatsPage } from "./stats-store";
import { sortByColumn, StatsTable } from "./StatsTable";
import "./statistics.css";

const PAGES: readonly { id: StatsPage; name: string }[] = [
  { id: "properties", name: "Capture File Properties" },
  { id: "hierarchy", name: "Protocol Hierarchy" },
  { id: "conversations", name: "Conversations" },
  { id: "endpoints", name: "Endpoints" },
];

export function StatisticsView() {
  const page = useStatsStore((s) => s.page);
  const set = useStatsStore((s) => s.set);
  const { snapshot, error } = useStatsSnapshot();
  const loading = useCaptureStore((s) => s.state === "loading");
  return (
    <div className="stats-view">
      <Tabs
        label="Statistics"
        tabs={PAGES}
        current={page}
        select={(id) => set({ page: id })}
        className="stats-tabs"
        idPrefix="stats-page-"
      />
      {loading && <p className="stats-message">Counts so far: the capture is still loading.</p>}
      {error ? (
        <p className="stats-message stats-error">Statistics are not available: {error}</p>
      ) : page === "properties" ? (
        <CaptureProperties />
      ) : !snapshot ? (
        <p className="stats-message">Counting…</p>
      ) : page === "hierarchy" ? (
        <ProtocolHierarchy />
      ) : (
        <TapTables kind={page} />
      )}
    </div>
  );
}

function CaptureProperties() {
  const { snapshot } = useStatsSnapshot();
  const summary = useCaptureStore((s) => s.summary);
  const packets = useCaptureStore((s) => s.packets);
  const firstSec = useCaptureStore((s) => s.firstSec);
  const firstNsec = useCaptureStore((s) => s.firstNsec);
  const sections = captureProperties({ summary, packets, firstSec, firstNsec, snapshot });
  return (
    <div className="stats-scroll stats-properties" aria-label="Capture File Properties">
      {sections.map((s) => (
        <section key={s.title}>
          <h2 className="stats-heading">{s.title}</h2>
          <dl className="stats-list">
            {s.items.map(([label, value]) => (
              <div key={label} className="stats-item">
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}

const percent = (v: number): string => `${v.toFixed(1)}%`;

function hierarchyColumns(elapsed: number): StatColumn<HierarchyRow>[] {
  const bits = (r: HierarchyRow): number | string => (elapsed > 0 ? Math.round((r.bytes * 8) / elapsed) : "");
  return [
    { id: "protocol", header: "Protocol", value: (r) => r.name, text: (r) => `${r.name} (${r.protocol})` },
    {
      id: "packets-percent",
      header: "Percent Packets",
      value: (r) => r.framesPercent,
      text: (r) => percent(r.framesPercent),
      numeric: true,
    },
    { id: "packets", header: "Packets", value: (r) => r.frames, numeric: true },
    { id: "bytes-percent", header: "Percent Bytes", value: (r) => r.bytesPercent, text: (r) => percent(r.bytesPercent), numeric: true },
    { id: "bytes", header: "Bytes", value: (r) => r.bytes, numeric: true },
    { id: "bits", header: "Bits/s", value: bits, numeric: true },
    { id: "end-packets", header: "End Packets", value: (r) => r.endFrames, numeric: true },
    { id: "end-bytes", header: "End Bytes", value: (r) => r.endBytes, numeric: true },
  ];
}

/** The hierarchy sorted among siblings: a protocol stays under its parent. */
function sortHierarchy(rows: readonly HierarchyRow[], column: StatColumn<HierarchyRow>, desc: boolean): HierarchyRow[] {
  return sortTree(rows, (siblings) => sortByColumn(siblings, column, desc));
}

function ProtocolHierarchy() {
  const { snapshot } = useStatsSnapshot();
  const { rows, columns } = useMemo(() => {
    if (!snapshot) return { rows: [], columns: hierarchyColumns(0) };
    return { rows: hierarchyRows(snapshot.hierarchy).rows, columns: hierarchyColumns(captureElapsed(snapshot)) };
  }, [snapshot]);
  return (
    <StatsTable
      label="Protocol Hierarchy"
      columns={columns}
      rows={rows}
      rowKey={(r) => r.path}
      filterOf={(r) => r.protocol}
      indent={(r) => r.depth}
      sort={sortHierarchy}
    />
  );
}

function TapTables({ kind }: { kind: "conversations" | "endpoints" }) {
  const { snapshot } = useStatsSnapshot();
  const tapKey = kind === "conversations" ? "conversationTap" : "endpointTap";
  const tap = useStatsStore((s) => s[tapKey]);
  const set = useStatsStore((s) => s.set);
  const lists = kind === "conversations" ? snapshot?.conversations : snapshot?.endpoints;
  const tabs = CONVERSATION_KINDS.map(({ kind: id, label }) => ({
    id: id as TapName,
    name: `${label} · ${lists?.[id as TapName]?.length ?? 0}`,
  }));
  const label = `${CONVERSATION_KINDS.find((k) => k.kind === tap)?.label ?? tap} ${kind === "conversations" ? "Conversations" : "Endpoints"}`;
  const follow = tap === "tcp" || tap === "udp" ? tap : undefined;
  const columns = useMemo(() => ({ conversations: conversationColumns(tap), endpoints: endpointColumns(tap) }), [tap]);
  return (
    <div className="stats-tap">
      <Tabs
        label={kind === "conversations" ? "Conversation types" : "Endpoint types"}
        tabs={tabs}
        current={tap}
        select={(id) => set({ [tapKey]: id })}
        className="stats-tabs"
        idPrefix={`stats-${kind}-`}
      />
      {kind === "conversations" ? (
        <StatsTable
          key={`c-${tap}`}
          label={label}
          columns={columns.conversations}
          rows={snapshot?.conversations[tap] ?? []}
          rowKey={(c) => conversationFilter(tap, c)}
          filterOf={(c) => conversationFilter(tap, c)}
          follow={follow}
        />
      ) : (
        <StatsTable
          key={`e-${tap}`}
          label={label}
          columns={columns.endpoints}
          rows={snapshot?.endpoints[tap] ?? []}
          rowKey={(e) => endpointFilter(tap, e)}
          filterOf={(e) => endpointFilter(tap, e)}
        />
      )}
    </div>
  );
}
