import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./ui/app/App";
import { installTestHook } from "./ui/app/test-hook";
import { prewarmAnalyzer, spareAnalyzerStarted } from "./store/session";
import { registerServiceWorkerAfterStart } from "./ui/app/service-worker";

installTestHook();
prewarmAnalyzer();
registerServiceWorkerAfterStart(spareAnalyzerStarted());
createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
