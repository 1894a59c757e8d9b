/**
 * Statistics ▸ I/O Graph: packets, bytes or COUNT/SUM/MIN/MAX/AVG of a
 * field per interval (1 ms … 10 min), several graphs each with its own
 * display filter, colour and enabled box. The worker counts the series
 * (src/worker/io-graph-api.ts, the same counts as `tshark -z io,stat`); a
 * click on the chart selects the first packet of that interval in the
 * Packets view, as Wireshark's dialog does. Exports the enabled graphs as
 * CSV and the chart as PNG.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import type uPlot from "uplot";
import { useCaptureStore } from "../../../store/capture-store";
import { useSelectionStore } from "../../../store/selection-store";
import { useViewStore } from "../../../store/view-store";
import { download } from "../../download";
import { GraphList } from "./GraphList";
import { IoChart, type ChartSeries } from "./IoChart";
import { graphTitle, intervalStarts, INTERVALS, ioGraphCsv, ioRequest, requestKey } from "./io-graph-model";
import { useIoGraphStore } from "./io-graph-store";
import "./io-graph.css";

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** The chart's canvas on an opaque background, as a PNG. */
function chartPng(u: uPlot): Promise<Blob> {
  const src = u.ctx.canvas;
  const canvas = document.createElement("canvas");
  canvas.width = src.width;
  canvas.height = src.height;
  const ctx = canvas.getContext("2d")!;
  ctx.fillStyle = getComputedStyle(u.root).backgroundColor || "#ffffff";
  if (ctx.fillStyle === "rgba(0, 0, 0, 0)") ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(src, 0, 0);
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("The chart could not be encoded"))), "image/png"),
  );
}

/** Counts the graphs in the worker whenever the request, the capture or its loading state changes. */
function useIoSeries(): { busy: boolean } {
  const client = useCaptureStore((s) => s.client);
  const loadState = useCaptureStore((s) => s.state);
  const generation = useCaptureStore((s) => s.generation);
  const graphs = useIoGraphStore((s) => s.graphs);
  const intervalUs = useIoGraphStore((s) => s.intervalUs);
  const stored = useIoGraphStore((s) => s.result);
  const request = useMemo(() => ioRequest(graphs, intervalUs), [graphs, intervalUs]);
  const key = requestKey(request);
  useEffect(() => {
    if (!client || loadState !== "ready") return;
    const { result, set } = useIoGraphStore.getState();
    if (result?.key === key && result.generation === generation) return;
    let live = true;
    set({ progress: null });
    client
      .ioGraph(request, (done, total) => live && set({ progress: { done, total } }))
      .then((r) => live && r.state === "done" && set({ result: { key, generation, result: r }, error: null, progress: null }))
      .catch((e: unknown) => live && set({ error: `The I/O graph could not be counted: ${message(e)}` }));
    return () => {
      live = false;
    };
    // `key` stands for the request.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, key, generation, loadState]);
  return { busy: loadState === "ready" && (stored?.key !== key || stored.generation !== generation) };
}

export function IoGraphView() {
  const loadState = useCaptureStore((s) => s.state);
  const { graphs, intervalUs, log, result: stored, error, progress, set } = useIoGraphStore();
  const { busy } = useIoSeries();
  const [notice, setNotice] = useState("");
  const chart = useRef<uPlot | null>(null);
  const result = stored?.result ?? null;
  const xs = useMemo(() => (result ? intervalStarts(result) : new Float64Array(0)), [result]);
  // Graphs and series pair by position only while the graphs are those counted.
  const counted = result && !busy ? result : null;
  const series = useMemo<ChartSeries[]>(
    () =>
      counted
        ? graphs.flatMap((g, i) => {
            const values = counted.series[i]?.values;
            return g.enabled && values ? [{ label: graphTitle(g), colour: g.colour, values }] : [];
          })
        : [],
    [counted, graphs],
  );
  const say = (text: string): void => {
    setNotice(text);
    setTimeout(() => setNotice((n) => (n === text ? "" : n)), 3000);
  };
  const pick = (i: number): void => {
    // As Wireshark's dialog: the first packet of that interval, of the topmost graph shown that counted one there.
    const frame = graphs.map((g, k) => (g.enabled ? (counted?.series[k]?.firstFrame?.[i] ?? 0) : 0)).find((f) => f > 0) ?? 0;
    if (frame === 0) return say("No packet in that interval");
    useSelectionStore.getState().selectPacket(frame);
    useViewStore.getState().setTab("packets");
  };
  return (
    <div className="io-graph-view">
      <div className="io-graph-controls" role="toolbar" aria-label="I/O Graph options">
        <label>
          Interval{" "}
          <select aria-label="Interval" value={intervalUs} onChange={(e) => set({ intervalUs: Number(e.target.value) })}>
            {INTERVALS.map((i) => (
              <option key={i.us} value={i.us}>
                {i.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={log} onChange={(e) => set({ log: e.target.checked })} /> Log scale
        </label>
        <button
          type="button"
          className="button"
          disabled={!counted}
          onClick={() => counted && download(new Blob([ioGraphCsv(graphs, counted)], { type: "text/csv" }), "io-graph.csv")}
        >
          Export CSV
        </button>
        <button
          type="button"
          className="button"
          disabled={!counted || series.length === 0}
          onClick={() => {
            const u = chart.current;
            if (u)
              chartPng(u).then(
                (b) => download(b, "io-graph.png"),
                (e: unknown) => say(`Failed: ${message(e)}`),
              );
          }}
        >
          Export PNG
        </button>
        <span className="io-graph-status" role="status">
          {notice ||
            (busy
              ? `Counting…${progress ? ` ${Math.floor((100 * progress.done) / Math.max(1, progress.total))}%` : ""}`
              : counted
                ? `${counted.intervals.toLocaleString("en-US")} intervals. Click the chart to select that interval's first packet.`
                : "")}
        </span>
      </div>
      {loadState === "loading" && <p className="stats-message">The I/O graph is counted once the capture is loaded.</p>}
      {error && (
        <p className="stats-message stats-error" role="alert">
          {error}
        </p>
      )}
      <GraphList errors={counted ? counted.series.map((s) => s.error) : []} />
      {counted && <IoChart xs={xs} series={series} log={log} onPick={pick} onChart={(u) => (chart.current = u)} />}
    </div>
  );
}
