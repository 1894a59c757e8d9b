import { useEffect } from "react";
import { useCaptureStore } from "../../store/capture-store";
import type { AnalyzerClient } from "../../worker/client";
import { usePrefersDark } from "../theme/usePrefersDark";
import { initial, PARTS_AT_ONCE, requestOf } from "./diagram-store";
import { prefetchMermaid, renderMermaid } from "./mermaid-render";

/**
 * Once a capture is indexed, readies Mermaid for the diagrams while the
 * analyst reads the packet list; and when the worker builds the FTP report in
 * the background anyway (small control connections), draws what the Diagrams
 * view shows first, the first session's diagram, into Mermaid's render cache:
 * Mermaid lays out a few hundred arrows in about 150 ms of the page's main
 * thread, most of the 200 ms a view may take after its click (issue 10).
 */
export function useMermaidPrefetch(): void {
  const ready = useCaptureStore((s) => s.state === "ready");
  const client = useCaptureStore((s) => s.client);
  const generation = useCaptureStore((s) => s.generation);
  const dark = usePrefersDark();
  useEffect(() => {
    if (!ready) return;
    prefetchMermaid(dark);
    if (!client) return;
    let live = true;
    const start = (): void => {
      if (live) void drawFirstDiagram(client, dark, () => live && useCaptureStore.getState().generation === generation);
    };
    // Safari has no requestIdleCallback.
    const idle = typeof requestIdleCallback === "function";
    const handle = idle ? requestIdleCallback(start, { timeout: 5000 }) : window.setTimeout(start, 1000);
    return () => {
      live = false;
      if (idle) cancelIdleCallback(handle);
      else window.clearTimeout(handle);
    };
  }, [ready, client, generation, dark]);
}

/** The Diagrams view's first drawing (its default choice on the first FTP session), rendered into the cache. */
async function drawFirstDiagram(client: AnalyzerClient, dark: boolean, current: () => boolean): Promise<void> {
  try {
    if (!(await client.ftpPrepared()) || !current()) return;
    const first = (await client.diagramSessions())[0];
    const request = first && current() ? requestOf({ ...initial, session: first.id }) : null;
    const diagram = request ? await client.diagram(request) : null;
    for (const part of diagram?.parts.slice(0, PARTS_AT_ONCE) ?? []) {
      if (!current()) return;
      await renderMermaid(part.text, dark);
    }
  } catch {
    // A prefetch: the view asks again, and says what failed.
  }
}
