import { useEffect } from "react";
import { useCaptureStore } from "../../store/capture-store";
import { usePrefersDark } from "../theme/usePrefersDark";
import { prefetchMermaid } from "./mermaid-render";

/** Once a capture is indexed, readies Mermaid for the diagrams while the analyst reads the packet list. */
export function useMermaidPrefetch(): void {
  const ready = useCaptureStore((s) => s.state === "ready");
  const dark = usePrefersDark();
  useEffect(() => {
    if (ready) prefetchMermaid(dark);
  }, [ready, dark]);
}
