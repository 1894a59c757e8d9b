/** The page: header (open, toolbar), alert, landing or view tabs, status bar. */
import { useCaptureStore } from "../../store/capture-store";
import { Landing } from "../landing/Landing";
import { DropZone } from "../open/DropZone";
import { OpenControls } from "../open/OpenControls";
import { GoToDialog } from "../packet-list/GoToDialog";
import { ErrorBanner } from "../status/ErrorBanner";
import { StatusBar } from "../status/StatusBar";
import { Toolbar } from "../toolbar/Toolbar";
import { useFilterShortcut } from "../filter/useFilterShortcut";
import { useMermaidPrefetch } from "../diagrams/useMermaidPrefetch";
import { useHashSync } from "./useHashSync";
import { ViewPanel, ViewTabs } from "./ViewTabs";
import { UpdateNotice } from "./UpdateNotice";
import "./app.css";

export function App() {
  const state = useCaptureStore((s) => s.state);
  const packets = useCaptureStore((s) => s.packets);
  const generation = useCaptureStore((s) => s.generation);
  const showCapture = state === "loading" || packets > 0;
  useHashSync();
  useFilterShortcut();
  useMermaidPrefetch();

  return (
    <DropZone>
      <div className="app" data-state={state} data-generation={generation}>
        <header className="app-header">
          <span className="app-name" aria-hidden="true">
            pcapscope
          </span>
          <OpenControls />
          {showCapture && <ViewTabs />}
          {showCapture && <Toolbar />}
          <UpdateNotice />
        </header>
        <ErrorBanner />
        {showCapture ? <ViewPanel /> : <Landing />}
        <StatusBar />
        <GoToDialog />
      </div>
    </DropZone>
  );
}
