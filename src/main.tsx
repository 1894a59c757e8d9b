import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./ui/app/App";
import { installTestHook } from "./ui/app/test-hook";
import { prewarmAnalyzer } from "./store/session";

installTestHook();
prewarmAnalyzer();
createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
