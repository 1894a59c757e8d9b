/**
 * The Statistics view: Capture File Properties, Protocol Hierarchy,
 * Conversations and Endpoints (each with a tab per tap: Ethernet, IPv4,
 * IPv6, TCP, UDP), from the overview the worker counted while indexing
 * (or, with "Limit to display filter", over the displayed packets); the
 * tables' rows come by pages.
 */
import { useCaptureStore } from "../../store/capture-store";
import { Tabs } from "../layout/Tabs";
import { captureProperties } from "./capture-properties";
import { FlowGraphView } from "./flow-graph/FlowGraphView";
import { HierarchyTable } from "./HierarchyTable";
import { IoGraphView } from "./io-graph/IoGraphView";
import { LimitToFilter } from "./LimitToFilter";
import { useStatsOverview, useStatsStore, type StatsPage } from "./stats-store";
import { TapTables } from "./TapTables";
import "./statistics.css";

const PAGES: readonly { id: StatsPage; name: string }[] = [
  { id: "properties", name: "Capture File Properties" },
  { id: "hierarchy", name: "Protocol Hierarchy" },
  { id: "conversations", name: "Conversations" },
  { id: "endpoints", name: "Endpoints" },
  { id: "io", name: "I/O Graph" },
  { id: "flow", name: "Flow Graph" },
];

export function StatisticsView() {
  const page = useStatsStore((s) => s.page);
  const set = useStatsStore((s) => s.set);
  const { overview, error } = useStatsOverview();
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
      ) : page === "io" ? (
        <IoGraphView />
      ) : page === "flow" ? (
        <FlowGraphView />
      ) : (
        <>
          <LimitToFilter />
          {!overview ? (
            <p className="stats-message">Counting…</p>
          ) : page === "hierarchy" ? (
            <HierarchyTable overview={overview} />
          ) : (
            <TapTables kind={page} overview={overview} />
          )}
        </>
      )}
    </div>
  );
}

function CaptureProperties() {
  const { overview: snapshot } = useStatsOverview();
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
