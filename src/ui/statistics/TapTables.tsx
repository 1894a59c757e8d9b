/**
 * Statistics ▸ Conversations and Endpoints: a tab per tap (Ethernet, IPv4,
 * IPv6, TCP, UDP) with its row count, and the tap's table, whose rows come
 * by pages from the worker, sorted there by the column chosen.
 */
import { useMemo, useState } from "react";
import type { StatsOverview, TableQuery } from "../../engine/stats/paging";
import type { ConversationEntry, EndpointEntry, TapName } from "../../engine/stats/snapshot";
import { CONVERSATION_KINDS } from "../../store/conversation-filter";
import { Tabs } from "../layout/Tabs";
import { conversationColumns, endpointColumns, type StatColumn } from "./stats-columns";
import { conversationFilter, endpointFilter } from "./stats-filters";
import { useStatsStore } from "./stats-store";
import { StatsTable, type SortBy } from "./StatsTable";
import { usePagedRows, type TableSource } from "./table-source";

type Kind = "conversations" | "endpoints";

export function TapTables({ kind, overview }: { kind: Kind; overview: StatsOverview }) {
  const tapKey = kind === "conversations" ? "conversationTap" : "endpointTap";
  const tap = useStatsStore((s) => s[tapKey]);
  const set = useStatsStore((s) => s.set);
  const tabs = CONVERSATION_KINDS.map(({ kind: id, label }) => ({
    id: id as TapName,
    name: `${label} · ${overview.counts[kind][id as TapName] ?? 0}`,
  }));
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
      {/* A table per tap: its sort and selection start afresh on another tab. */}
      <TapTable key={`${kind}-${tap}`} kind={kind} tap={tap} count={overview.counts[kind][tap] ?? 0} />
    </div>
  );
}

function TapTable({ kind, tap, count }: { kind: Kind; tap: TapName; count: number }) {
  const [sortBy, setSortBy] = useState<SortBy | null>(null);
  const scope = useStatsStore((s) => s.scope);
  const revision = useStatsStore((s) => s.revision);
  const query = useMemo(
    (): TableQuery => ({ kind, tap, sort: sortBy ? { column: sortBy.id, desc: sortBy.desc } : null }),
    [kind, tap, sortBy],
  );
  const source = usePagedRows(scope, query, count, revision);
  const label = `${CONVERSATION_KINDS.find((k) => k.kind === tap)?.label ?? tap} ${kind === "conversations" ? "Conversations" : "Endpoints"}`;
  if (kind === "conversations") {
    const key = (c: ConversationEntry) => conversationFilter(tap, c);
    return (
      <StatsTable
        label={label}
        columns={conversationColumns(tap)}
        source={source as TableSource<ConversationEntry>}
        sortBy={sortBy}
        onSort={setSortBy}
        rowKey={key}
        filterOf={key}
        follow={tap === "tcp" || tap === "udp" ? tap : undefined}
      />
    );
  }
  const key = (e: EndpointEntry) => endpointFilter(tap, e);
  const columns: StatColumn<EndpointEntry>[] = endpointColumns(tap);
  return (
    <StatsTable label={label} columns={columns} source={source as TableSource<EndpointEntry>} sortBy={sortBy} onSort={setSortBy} rowKey={key} filterOf={key} />
  );
}
