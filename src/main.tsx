import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./ui/app/App";
import { installTestHook } from "./ui/app/test-hook";
import { prewarmAnalyzer } from "./store/session";
import { registerServiceWorker } from "./ui/app/service-worker";

installTestHook();
prewarmAnalyzer();
registerServiceWorker();
createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
