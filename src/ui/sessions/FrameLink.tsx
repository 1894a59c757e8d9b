import { useSelectionStore } from "../../store/selection-store";
import { useViewStore } from "../../store/view-store";

/** Selects frame `n` in the packet list and shows the Packets view. */
export function selectFrame(n: number): void {
  useSelectionStore.getState().selectPacket(n);
  useViewStore.getState().setTab("packets");
}

/** A frame number that selects its packet when clicked. */
export function FrameLink({ frame, label }: { frame: number; label?: string }) {
  if (!frame) return null;
  return (
    <button type="button" className="ftp-link" title={`Select frame ${frame} in the packet list`} onClick={() => selectFrame(frame)}>
      {label ?? frame}
    </button>
  );
}
