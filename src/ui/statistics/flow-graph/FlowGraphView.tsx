/**
 * Statistics ▸ Flow Graph: the displayed packets as a sequence diagram
 * drawn by Mermaid (the worker builds it: src/worker/flow-graph-api.ts),
 * Wireshark's General flow or TCP flows. A click on an arrow (or Enter on
 * it) selects its packet in the Packets view. Drawn again when the display
 * filter changes; copied as Mermaid text, downloaded as SVG or PNG as the
 * Diagrams view does.
 */
import { useEffect, useState } from "react";
import type { FlowKind } from "../../../engine/diagram/flow-graph";
import { mermaidBlock } from "../../../engine/diagram/markdown";
import type { FlowGraphResult } from "../../../worker/flow-graph-api";
import { useCaptureStore } from "../../../store/capture-store";
import { useSelectionStore } from "../../../store/selection-store";
import { useViewStore } from "../../../store/view-store";
import { copyText } from "../../details/clipboard";
import { DiagramParts } from "../../diagrams/DiagramParts";
import { downloadPngs, downloadSvgs, fileNameFrom } from "../../diagrams/export";
import { renderMermaid } from "../../diagrams/mermaid-render";
import { usePrefersDark } from "../../theme/usePrefersDark";
import "../../diagrams/diagrams.css";

/** Parts drawn at once (each up to 250 arrows); more on request. */
const PARTS_AT_ONCE = 2;

const KINDS: readonly { id: FlowKind; name: string }[] = [
  { id: "general", name: "General flow (all packets)" },
  { id: "tcp", name: "TCP flows" },
];

interface Drawn {
  key: string;
  graph: FlowGraphResult | null;
  svgs: string[];
  error: string | null;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** "Drawn: 500 of 3,500 packets (the first 400 and the last 100); 12 hosts share "Other hosts"." */
export function flowGraphSummary(g: Pick<FlowGraphResult, "packets" | "drawn" | "otherHosts" | "filter">): string {
  const shown = g.filter ? `the packets "${g.filter}" shows` : "every packet (no display filter)";
  let s = `Of ${shown}: ${g.drawn === g.packets ? `all ${g.packets.toLocaleString("en-US")}` : `${g.drawn.toLocaleString("en-US")} of ${g.packets.toLocaleString("en-US")} (the first and the last)`} drawn.`;
  if (g.otherHosts > 0) s += ` ${g.otherHosts.toLocaleString("en-US")} hosts in fewer arrows share "Other hosts".`;
  return s;
}

export function FlowGraphView() {
  const client = useCaptureStore((s) => s.client);
  const loadState = useCaptureStore((s) => s.state);
  const generation = useCaptureStore((s) => s.generation);
  const filter = useViewStore((s) => s.filter);
  const dark = usePrefersDark();
  const [kind, setKind] = useState<FlowKind>("general");
  const [parts, setParts] = useState({ key: "", count: PARTS_AT_ONCE });
  const [drawn, setDrawn] = useState<Drawn | null>(null);
  const [notice, setNotice] = useState("");
  const requestKey = `${generation} ${dark} ${kind} ${filter}`;
  const count = parts.key === requestKey ? parts.count : PARTS_AT_ONCE;
  const drawKey = `${requestKey} ${count}`;

  useEffect(() => {
    if (!client || loadState !== "ready") return;
    let live = true;
    (async () => {
      const graph = await client.flowGraph({ kind });
      const svgs: string[] = [];
      for (const part of graph?.parts.slice(0, count) ?? []) {
        const r = await renderMermaid(part.text, dark);
        if (!live) return;
        svgs.push(r.svg);
      }
      if (live) setDrawn({ key: drawKey, graph, svgs, error: null });
    })().catch((e: unknown) => live && setDrawn({ key: drawKey, graph: null, svgs: [], error: `The flow graph could not be drawn: ${message(e)}` }));
    return () => {
      live = false;
    };
    // drawKey stands for the capture, theme, kind, filter and parts drawn.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, drawKey, loadState]);

  const busy = drawn?.key !== drawKey;
  const graph = drawn?.graph ?? null;
  const say = (text: string): void => {
    setNotice(text);
    setTimeout(() => setNotice((n) => (n === text ? "" : n)), 3000);
  };
  const run = (f: () => void | Promise<void>) => () => {
    Promise.resolve()
      .then(f)
      .catch((e: unknown) => say(`Failed: ${message(e)}`));
  };
  const selectFrame = (frame: number): void => {
    useSelectionStore.getState().selectPacket(frame);
    useViewStore.getState().setTab("packets");
  };
  const baseName = graph ? fileNameFrom(graph.title, "x").replace(/\.x$/, "") : "flow-graph";
  return (
    <div className="diagrams-view" data-busy={busy}>
      <div className="diagrams-controls" role="toolbar" aria-label="Flow graph options">
        <label className="diagrams-field">
          <span>Flow type</span>
          <select aria-label="Flow type" value={kind} onChange={(e) => setKind(e.target.value === "tcp" ? "tcp" : "general")}>
            {KINDS.map((k) => (
              <option key={k.id} value={k.id}>
                {k.name}
              </option>
            ))}
          </select>
        </label>
        <div className="diagrams-actions">
          <button
            type="button"
            className="button"
            disabled={!graph || busy}
            onClick={run(async () => {
              await copyText(graph!.parts.map((p) => mermaidBlock(p.text)).join("\n"));
              say("Mermaid copied");
            })}
          >
            Copy Mermaid
          </button>
          <button type="button" className="button" disabled={!graph || busy} onClick={run(() => downloadSvgs(drawn!.svgs, baseName))}>
            Download SVG
          </button>
          <button type="button" className="button" disabled={!graph || busy} onClick={run(() => downloadPngs(drawn!.svgs, baseName, dark, say))}>
            Download PNG
          </button>
        </div>
        <span className="diagrams-notice" role="status">
          {notice}
        </span>
      </div>
      <div className="diagrams-body">
        {loadState === "loading" && <p className="diagrams-message">The flow graph is drawn once the capture is loaded.</p>}
        {drawn?.error && (
          <p className="diagrams-message diagrams-error" role="alert">
            {drawn.error}
          </p>
        )}
        {busy && !drawn && loadState === "ready" && <p className="diagrams-message">Drawing…</p>}
        {drawn && !drawn.error && !graph && <p className="diagrams-message">{kind === "tcp" ? "No TCP packets are displayed." : "No packets are displayed."}</p>}
        {graph && drawn && (
          <section className="diagrams-result" aria-label="Flow graph" aria-busy={busy}>
            <h2 className="diagrams-title">{graph.title}</h2>
            <p className="diagrams-message">{flowGraphSummary(graph)} Click an arrow to select its packet.</p>
            <DiagramParts
              drawKey={drawn.key}
              parts={graph.parts}
              svgs={drawn.svgs}
              onSelectFrame={selectFrame}
              step={PARTS_AT_ONCE}
              onMore={() => setParts({ key: requestKey, count: count + PARTS_AT_ONCE })}
            />
          </section>
        )}
      </div>
    </div>
  );
}
