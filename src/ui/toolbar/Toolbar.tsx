import { useViewStore } from "../../store/view-store";
import { reopenCapture } from "../../store/session";
import { isTimeFormat, TIME_FORMATS } from "../packet-list/time-format";
import { FollowControls } from "../follow/FollowControls";
import { ColouringControls } from "../colouring/ColouringControls";
import { ExportControls } from "../export/ExportDialog";

/** Time display format, the colouring and MAC names toggles, Follow Stream and Export. */
export function Toolbar() {
  const timeFormat = useViewStore((s) => s.timeFormat);
  const setTimeFormat = useViewStore((s) => s.setTimeFormat);
  const colouring = useViewStore((s) => s.colouring);
  const setColouring = useViewStore((s) => s.setColouring);
  const macNames = useViewStore((s) => s.macNames);
  const setMacNames = useViewStore((s) => s.setMacNames);
  return (
    <div className="toolbar">
      <label className="toolbar-item">
        <span>Time format</span>
        <select value={timeFormat} onChange={(e) => isTimeFormat(e.target.value) && setTimeFormat(e.target.value)}>
          {TIME_FORMATS.map((f) => (
            <option key={f.id} value={f.id}>
              {f.label}
            </option>
          ))}
        </select>
      </label>
      <label className="toolbar-item">
        <input type="checkbox" checked={colouring} onChange={(e) => setColouring(e.target.checked)} />
        <span>Colour rows</span>
      </label>
      <label className="toolbar-item" title="Ethernet addresses as Wireshark names them (Broadcast, IntelCor_8b:f9:de); off shows the bare addresses. The open capture is read again.">
        <input
          type="checkbox"
          checked={macNames}
          onChange={(e) => {
            setMacNames(e.target.checked);
            void reopenCapture();
          }}
        />
        <span>Resolve MAC names</span>
      </label>
      <ColouringControls />
      <FollowControls />
      <ExportControls />
    </div>
  );
}
