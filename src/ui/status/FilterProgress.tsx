import { useEffect, useState } from "react";
import { cancelDisplayFilter, useFilterStore } from "../../store/filter-store";

/** A filter shorter than this shows no progress (most are settled from the packet index in milliseconds). */
const SHOW_AFTER_MS = 300;

/** Progress of a display filter that takes a while, with Cancel. */
export function FilterProgress() {
  const running = useFilterStore((s) => s.running);
  const [shownFor, setShownFor] = useState<number | null>(null);
  const startedAt = running?.startedAt ?? null;

  useEffect(() => {
    if (startedAt === null) return;
    const timer = setTimeout(() => setShownFor(startedAt), Math.max(0, startedAt + SHOW_AFTER_MS - performance.now()));
    return () => clearTimeout(timer);
  }, [startedAt]);

  if (!running || shownFor !== running.startedAt) return null;
  const pct = running.total > 0 ? Math.floor((running.done / running.total) * 100) : 0;
  return (
    <span className="status-progress">
      <progress aria-label="Filtering" max={running.total || 1} value={running.done} />
      <span title={running.text}>Filtering… {pct}%</span>
      <button type="button" className="button button-small" aria-label="Cancel filtering" onClick={cancelDisplayFilter}>
        Cancel
      </button>
    </span>
  );
}
