/** File facts, packet counts and load time; the progress bar while loading or sorting. */
import { useCaptureStore } from "../../store/capture-store";
import { useViewStore } from "../../store/view-store";
import { LoadProgress } from "./LoadProgress";
import { formatBytes, formatSeconds } from "./format";
import "./status.css";

export function StatusBar() {
  const state = useCaptureStore((s) => s.state);
  const file = useCaptureStore((s) => s.file);
  const summary = useCaptureStore((s) => s.summary);
  const packets = useCaptureStore((s) => s.packets);
  const displayed = useCaptureStore((s) => s.displayed);
  const loadMs = useCaptureStore((s) => s.loadMs);
  const cancelled = useCaptureStore((s) => s.cancelled);
  const filter = useViewStore((s) => s.filter);

  if (state === "idle" || !file) {
    return (
      <footer className="status-bar" role="contentinfo">
        <span>Ready to open a capture</span>
      </footer>
    );
  }
  return (
    <footer className="status-bar" role="contentinfo">
      <span className="status-file" title={file.name}>
        {file.name}
      </span>
      <span>{formatBytes(file.size)}</span>
      {summary && (
        <span title="File format and link types">
          {summary.formatDescription}
          {summary.linkTypes.length ? ` · ${summary.linkTypes.join(", ")}` : ""}
        </span>
      )}
      <span className="status-count">Packets: {packets}</span>
      {(filter || displayed !== null) && <span className="status-count">Displayed: {displayed ?? packets}</span>}
      {state === "loading" ? <LoadProgress /> : <SortProgressOrTime loadMs={loadMs} cancelled={cancelled} />}
    </footer>
  );
}

function SortProgressOrTime({ loadMs, cancelled }: { loadMs: number | null; cancelled: boolean }) {
  const sortProgress = useCaptureStore((s) => s.sortProgress);
  if (sortProgress) return <LoadProgress />;
  return loadMs !== null ? (
    <span>
      {cancelled ? "Loading cancelled after" : "Load time:"} {formatSeconds(loadMs)}
    </span>
  ) : null;
}
