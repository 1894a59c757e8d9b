/** File facts, packet counts and load time; the progress bar while loading, sorting or filtering. */
import { useCaptureStore } from "../../store/capture-store";
import { useViewStore } from "../../store/view-store";
import { FilterProgress } from "./FilterProgress";
import { LoadProgress } from "./LoadProgress";
import { ProfileSwitch } from "./ProfileSwitch";
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
        <ProfileSwitch />
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
      {(filter || displayed !== null) && <Displayed displayed={displayed ?? packets} packets={packets} />}
      {filter && displayed !== null && (
        // The filter in force (the bar's text may be an edit not applied yet).
        <span className="status-filter" role="status" title="Display filter in force">
          <code>{filter}</code>
        </span>
      )}
      <FilterProgress />
      {state === "loading" ? <LoadProgress /> : <SortProgressOrTime loadMs={loadMs} cancelled={cancelled} />}
      <ProfileSwitch />
    </footer>
  );
}

/** Wireshark's "Displayed: 51 (44.7%)"; the count is an element of its own, so "Displayed: 51" can be read alone. */
function Displayed({ displayed, packets }: { displayed: number; packets: number }) {
  const pct = packets > 0 ? ((displayed / packets) * 100).toFixed(1) : "0.0";
  return (
    <span className="status-count status-displayed">
      <span>Displayed: {displayed}</span>
      <span> ({pct}%)</span>
    </span>
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
