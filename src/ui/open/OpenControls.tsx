import { useState, type ChangeEvent } from "react";
import { openCapture, prewarmAnalyzer } from "../../store/session";
import { useCaptureStore } from "../../store/capture-store";
import { fetchSample } from "./sample";

export const FILE_INPUT_ID = "open-capture-input";

/** Opens the file picker of the "Open capture" input (for buttons elsewhere). */
export function chooseFile(): void {
  prewarmAnalyzer();
  document.getElementById(FILE_INPUT_ID)?.click();
}

/** The file input (accessible name "Open capture") and the sample button. */
export function OpenControls() {
  const [fetching, setFetching] = useState(false);

  const onFile = (e: ChangeEvent<HTMLInputElement>): void => {
    const file = e.target.files?.[0];
    e.target.value = ""; // so choosing the same file again opens it again
    if (file) void openCapture(file);
  };

  const openSample = async (): Promise<void> => {
    setFetching(true);
    prewarmAnalyzer();
    try {
      await openCapture(await fetchSample());
    } catch (e) {
      useCaptureStore.setState({ problem: e instanceof Error ? e.message : String(e) });
    } finally {
      setFetching(false);
    }
  };

  return (
    <div className="open-controls">
      {/* A file is about to come: the next worker starts while the picker is open (store/session.ts). */}
      <label className="button button-primary open-label" onPointerEnter={prewarmAnalyzer} onFocus={prewarmAnalyzer}>
        Open capture
        <input
          id={FILE_INPUT_ID}
          className="visually-hidden"
          type="file"
          accept=".pcap,.pcapng,.cap,.dmp,application/vnd.tcpdump.pcap"
          onChange={onFile}
        />
      </label>
      <button type="button" className="button" onClick={() => void openSample()} disabled={fetching}>
        Open sample capture
      </button>
    </div>
  );
}
