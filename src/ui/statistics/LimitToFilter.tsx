/**
 * "Limit to display filter" above Protocol Hierarchy, Conversations and
 * Endpoints, as Wireshark's dialogs have it: ticked, they count only the
 * packets the display filter shows (the worker dissects those again; its
 * progress shows here, and another filter or unticking stops it).
 */
import { useViewStore } from "../../store/view-store";
import { useStatsScope, useStatsStore } from "./stats-store";

export function LimitToFilter() {
  const limit = useStatsStore((s) => s.limit);
  const progress = useStatsStore((s) => s.progress);
  const set = useStatsStore((s) => s.set);
  const filter = useViewStore((s) => s.filter);
  const scope = useStatsScope();
  // What the counts shown are of: the overview's own scope and request.
  const counted = useStatsStore((s) => s.scope === "displayed" && s.key.endsWith(`/displayed:${filter}`));
  return (
    <div className="stats-limit">
      <label title={filter ? `Count only the packets "${filter}" shows` : "No display filter is applied"}>
        <input type="checkbox" checked={limit} onChange={(e) => set({ limit: e.target.checked })} /> Limit to display filter
      </label>
      <span className="stats-notice" role="status">
        {limit && !filter.trim()
          ? "No display filter is applied: every packet is counted."
          : scope !== "displayed"
            ? ""
            : counted
              ? `Counted: the packets "${filter}" shows.`
              : `Counting the displayed packets…${progress ? ` ${progress.done} of ${progress.total}` : ""}`}
      </span>
    </div>
  );
}
