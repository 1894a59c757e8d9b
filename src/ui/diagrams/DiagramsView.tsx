/**
 * The "Diagrams" view: Mermaid sequence diagrams of the capture's FTP
 * sessions (an exchange or the whole session, at three detail levels), the
 * HTTP exchanges of a TCP stream, and the flow graph of any TCP or UDP stream. The worker builds the Mermaid text
 * (engine/diagram); the page renders it to SVG with Mermaid loaded on first
 * use. Clicking an arrow selects its frame in the packet list.
 */
import { useEffect, useMemo, useState } from "react";
import { DETAIL_LEVELS, type DetailLevel } from "../../engine/diagram/ftp-exchanges";
import { mermaidBlock } from "../../engine/diagram/markdown";
import type { Numbering } from "../../engine/diagram/mermaid";
import type { DiagramRequest, DiagramSessionInfo, ExchangeInfo, RenderedDiagram } from "../../engine/diagram/service";
import { useCaptureStore } from "../../store/capture-store";
import { useSelectionStore } from "../../store/selection-store";
import { useViewStore } from "../../store/view-store";
import { copyText } from "../details/clipboard";
import { usePrefersDark } from "../theme/usePrefersDark";
import { PARTS_AT_ONCE, requestOf, useDiagramStore } from "./diagram-store";
import { DiagramParts } from "./DiagramParts";
import { HttpChooser } from "./HttpChooser";
import { downloadPngs, downloadSvgs, fileNameFrom } from "./export";
import { renderMermaid } from "./mermaid-render";
import "./diagrams.css";

const LEVEL_NAMES: Record<DetailLevel, string> = { commands: "Commands", tcp: "With TCP", packets: "Packets" };
const SOURCES = ["ftp", "http", "tcp", "udp"] as const;
const NUMBERING_NAMES: Record<Numbering, string> = { none: "None", autonumber: "Sequence (autonumber)", frame: "Frame numbers" };

interface Shown {
  key: string;
  diagram: RenderedDiagram;
  svgs: string[];
  ms: number;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function DiagramsView() {
  const client = useCaptureStore((s) => s.client);
  const loadState = useCaptureStore((s) => s.state);
  const generation = useCaptureStore((s) => s.generation);
  const choice = useDiagramStore();
  const dark = usePrefersDark();
  const [sessions, setSessions] = useState<{ generation: number; list: DiagramSessionInfo[] | null; error: string | null } | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  /** The last request answered (drawn or failed): busy while it differs from the current one. */
  const [answered, setAnswered] = useState<{ key: string; error: string | null } | null>(null);
  const [notice, setNotice] = useState("");
  /** Parts drawn (a long diagram is drawn a few parts at a time). */
  const [drawLimit, setDrawLimit] = useState({ key: "", parts: PARTS_AT_ONCE });

  // A new capture: forget the previous one's choices.
  useEffect(() => {
    if (choice.generation !== generation) choice.resetFor(generation);
  }, [choice, generation]);

  // The FTP sessions, once the capture is indexed.
  useEffect(() => {
    if (!client || loadState !== "ready") return;
    let live = true;
    client.diagramSessions().then(
      (list) => {
        if (!live) return;
        setSessions({ generation, list, error: null });
        const s = useDiagramStore.getState();
        if (s.session === null && list[0]) s.set({ session: list[0].id, exchange: "all" });
        if (list.length === 0 && s.source === "ftp") s.set({ source: "tcp" });
      },
      (e: unknown) => live && setSessions({ generation, list: null, error: message(e) }),
    );
    return () => {
      live = false;
    };
  }, [client, loadState, generation]);

  const list = sessions?.generation === generation ? sessions.list : null;
  const sessionsError = sessions?.generation === generation ? sessions.error : null;
  const current = list?.find((s) => s.id === choice.session) ?? null;

  // The chosen session's exchanges (cut on demand: a session may hold thousands of commands).
  const [exchanges, setExchanges] = useState<{ key: string; list: ExchangeInfo[] } | null>(null);
  const exchangesKey = `${generation}/${current?.id ?? ""}`;
  useEffect(() => {
    if (!client || !current) return;
    let live = true;
    client.diagramExchanges(current.id).then(
      (list) => live && setExchanges({ key: exchangesKey, list: list ?? [] }),
      () => live && setExchanges({ key: exchangesKey, list: [] }),
    );
    return () => {
      live = false;
    };
  }, [client, current, exchangesKey]);
  const currentExchanges = exchanges?.key === exchangesKey ? exchanges.list : null;

  const request: DiagramRequest | null = useMemo(
    () =>
      requestOf({
        source: choice.source,
        session: choice.session,
        exchange: choice.exchange,
        stream: choice.stream,
        level: choice.level,
        args: choice.args,
        revealPasswords: choice.revealPasswords,
        numbering: choice.numbering,
      }),
    [choice.source, choice.session, choice.exchange, choice.stream, choice.level, choice.args, choice.revealPasswords, choice.numbering],
  );
  const requestKey = request ? `${generation} ${dark} ${JSON.stringify(request)}` : "";
  const limit = drawLimit.key === requestKey ? drawLimit.parts : PARTS_AT_ONCE;
  const drawKey = `${requestKey} ${limit}`;

  // Build and render the diagram chosen.
  useEffect(() => {
    if (!client || !request || loadState !== "ready") return;
    let live = true;
    (async () => {
      const diagram = await client.diagram(request);
      if (!live) return;
      if (!diagram) {
        setShown(null);
        setAnswered({ key: drawKey, error: request.kind === "ftp" ? "There is no such exchange." : `There is no ${request.kind === "udp" ? "UDP" : "TCP"} stream ${request.stream}.` });
        return;
      }
      const svgs: string[] = [];
      let ms = 0;
      for (const part of diagram.parts.slice(0, limit)) {
        const r = await renderMermaid(part.text, dark);
        if (!live) return;
        svgs.push(r.svg);
        ms += r.ms;
      }
      setShown({ key: drawKey, diagram, svgs, ms });
      setAnswered({ key: drawKey, error: null });
    })().catch((e: unknown) => live && setAnswered({ key: drawKey, error: `The diagram could not be drawn: ${message(e)}` }));
    return () => {
      live = false;
    };
    // drawKey stands for request, dark and limit.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, drawKey, loadState]);

  const busy = request !== null && answered?.key !== drawKey;
  const error = !busy ? (answered?.error ?? null) : null;

  const say = (text: string): void => {
    setNotice(text);
    setTimeout(() => setNotice((n) => (n === text ? "" : n)), 3000);
  };

  const selectFrame = (frame: number): void => {
    useSelectionStore.getState().selectPacket(frame);
    useViewStore.getState().setTab("packets");
  };

  const baseName = shown ? fileNameFrom(shown.diagram.title, "x").replace(/\.x$/, "") : "diagram";
  const copyMermaid = async (): Promise<void> => {
    if (!shown) return;
    await copyText(shown.diagram.parts.map((p) => mermaidBlock(p.text)).join("\n"));
    say("Mermaid copied");
  };
  const copyWriteup = async (): Promise<void> => {
    if (!client || choice.session === null) return;
    const md = await client.diagramMarkdown(choice.session, {
      files: true,
      level: choice.level,
      arguments: choice.args,
      revealPasswords: choice.revealPasswords,
      numbering: choice.numbering,
    });
    await copyText(md);
    say("Write-up copied");
  };
  const downloadSvg = (): void => {
    if (shown) downloadSvgs(shown.svgs, baseName);
  };
  const downloadPng = async (): Promise<void> => {
    if (shown) await downloadPngs(shown.svgs, baseName, dark, say);
  };
  const run = (f: () => void | Promise<void>) => () => {
    Promise.resolve()
      .then(f)
      .catch((e: unknown) => say(`Failed: ${message(e)}`));
  };

  const stale = shown !== null && shown.key !== drawKey;
  return (
    <div className="diagrams-view" data-busy={busy || stale} data-render-ms={shown && !stale ? shown.ms.toFixed(1) : undefined}>
      <div className="diagrams-controls" role="toolbar" aria-label="Diagram options">
        <label className="diagrams-field">
          <span>Show</span>
          <select aria-label="Show" value={choice.source} onChange={(e) => choice.set({ source: SOURCES.find((x) => x === e.target.value) ?? "ftp" })}>
            <option value="ftp">FTP session</option>
            <option value="http">HTTP conversation</option>
            <option value="tcp">TCP stream flow graph</option>
            <option value="udp">UDP stream flow graph</option>
          </select>
        </label>
        {choice.source === "ftp" ? (
          <>
            <label className="diagrams-field">
              <span>Session</span>
              <select
                aria-label="Session"
                value={choice.session ?? ""}
                disabled={!list || list.length === 0}
                onChange={(e) => choice.set({ session: Number(e.target.value), exchange: "all" })}
              >
                {(list ?? []).map((s) => (
                  <option key={s.id} value={s.id}>
                    {`${s.id}: ${s.title}${s.user !== null ? ` (${s.user})` : ""}`}
                  </option>
                ))}
              </select>
            </label>
            <label className="diagrams-field">
              <span>Exchange</span>
              <select
                aria-label="Exchange"
                value={String(choice.exchange)}
                disabled={!currentExchanges}
                onChange={(e) => choice.set({ exchange: e.target.value === "all" ? "all" : Number(e.target.value) })}
              >
                <option value="all">Whole session</option>
                {(currentExchanges ?? []).map((x) => (
                  <option key={x.index} value={x.index}>{`${x.index + 1}. ${x.title}`}</option>
                ))}
              </select>
            </label>
          </>
        ) : choice.source === "http" ? (
          <HttpChooser />
        ) : (
          <label className="diagrams-field">
            <span>{choice.source === "udp" ? "UDP stream" : "TCP stream"}</span>
            <input
              aria-label={choice.source === "udp" ? "UDP stream" : "TCP stream"}
              type="number"
              min={0}
              step={1}
              value={choice.stream}
              onChange={(e) => {
                const n = Number(e.target.value);
                if (Number.isInteger(n) && n >= 0) choice.set({ stream: n });
              }}
            />
          </label>
        )}
        <label className="diagrams-field">
          <span>Detail</span>
          <select aria-label="Detail" value={choice.level} disabled={choice.source !== "ftp"} onChange={(e) => choice.set({ level: e.target.value as DetailLevel })}>
            {DETAIL_LEVELS.map((l) => (
              <option key={l} value={l}>
                {LEVEL_NAMES[l]}
              </option>
            ))}
          </select>
        </label>
        <label className="diagrams-field">
          <span>Numbers</span>
          <select aria-label="Numbers" value={choice.numbering} onChange={(e) => choice.set({ numbering: e.target.value as Numbering })}>
            {(Object.keys(NUMBERING_NAMES) as Numbering[]).map((n) => (
              <option key={n} value={n}>
                {NUMBERING_NAMES[n]}
              </option>
            ))}
          </select>
        </label>
        <label className="diagrams-field">
          <input type="checkbox" checked={choice.args} onChange={(e) => choice.set({ args: e.target.checked })} />
          <span>Arguments</span>
        </label>
        <label className="diagrams-field">
          <input
            type="checkbox"
            checked={choice.revealPasswords}
            disabled={!choice.args}
            onChange={(e) => choice.set({ revealPasswords: e.target.checked })}
          />
          <span>Reveal passwords</span>
        </label>
        <div className="diagrams-actions">
          <button type="button" className="button" disabled={!shown || stale} onClick={run(copyMermaid)}>
            Copy Mermaid
          </button>
          <button type="button" className="button" disabled={!shown || stale} onClick={run(downloadSvg)}>
            Download SVG
          </button>
          <button type="button" className="button" disabled={!shown || stale} onClick={run(downloadPng)}>
            Download PNG
          </button>
          <button type="button" className="button" disabled={choice.source !== "ftp" || choice.session === null} onClick={run(copyWriteup)}>
            Copy write-up
          </button>
        </div>
        <span className="diagrams-notice" role="status">
          {notice}
        </span>
      </div>
      <div className="diagrams-body">
        {sessionsError && <p className="diagrams-message">{`The FTP sessions could not be analysed: ${sessionsError}`}</p>}
        {choice.source === "ftp" && list && list.length === 0 && <p className="diagrams-message">No FTP sessions in this capture.</p>}
        {choice.source === "ftp" && !list && !sessionsError && <p className="diagrams-message">Finding FTP sessions…</p>}
        {error && (
          <p className="diagrams-message diagrams-error" role="alert">
            {error}
          </p>
        )}
        {busy && !shown && <p className="diagrams-message">Drawing…</p>}
        {shown && (
          <section className="diagrams-result" aria-label="Diagram" aria-busy={busy || stale}>
            <h2 className="diagrams-title">{shown.diagram.title}</h2>
            <DiagramParts
              drawKey={shown.key}
              // While the next diagram is drawn, the last one stays (dimmed) without its "Draw more".
              parts={stale ? shown.diagram.parts.slice(0, shown.svgs.length) : shown.diagram.parts}
              svgs={shown.svgs}
              onSelectFrame={selectFrame}
              step={PARTS_AT_ONCE}
              onMore={() => setDrawLimit({ key: requestKey, parts: limit + PARTS_AT_ONCE })}
            />
          </section>
        )}
      </div>
    </div>
  );
}
