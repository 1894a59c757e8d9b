import { useCaptureStore } from "../../store/capture-store";
import { cancelLoading } from "../../store/session";
import { formatBytes } from "./format";

/** Progress of indexing (bytes read) or of a sort, with Cancel while indexing. */
export function LoadProgress() {
  const state = useCaptureStore((s) => s.state);
  const bytesRead = useCaptureStore((s) => s.bytesRead);
  const totalBytes = useCaptureStore((s) => s.totalBytes);
  const sortProgress = useCaptureStore((s) => s.sortProgress);

  if (state !== "loading" && sortProgress) {
    return (
      <span className="status-progress">
        <progress aria-label="Sorting" max={sortProgress.total || 1} value={sortProgress.done} />
        Sorting…
      </span>
    );
  }
  const pct = totalBytes > 0 ? Math.floor((bytesRead / totalBytes) * 100) : 0;
  return (
    <span className="status-progress">
      <progress aria-label="Loading capture" max={totalBytes || 1} value={bytesRead} />
      <span>
        {pct}% of {formatBytes(totalBytes)}
      </span>
      <button type="button" className="button button-small" onClick={cancelLoading}>
        Cancel
      </button>
    </span>
  );
}
