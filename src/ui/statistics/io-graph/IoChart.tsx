/**
 * The I/O Graph's chart, drawn by uPlot (canvas; a million points stay
 * smooth): a line per enabled graph over the intervals' start times. Drag
 * across to zoom in, wheel to zoom around the pointer, ◀ ▶ to pan, double
 * click or "Reset zoom" to see everything; a click (not a drag) on the plot
 * picks the interval under the pointer.
 */
import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export interface ChartSeries {
  label: string;
  colour: string;
  values: Float64Array;
}

interface Props {
  xs: Float64Array;
  series: ChartSeries[];
  log: boolean;
  /** The interval (index into xs) clicked. */
  onPick(index: number): void;
  /** The chart once drawn (for "Export PNG"). */
  onChart(chart: uPlot | null): void;
}

/** uPlot's data: typed arrays as they came, except that a log scale cannot show zeros (they become gaps). */
function chartData(xs: Float64Array, series: ChartSeries[], log: boolean): uPlot.AlignedData {
  const ys = series.map((s) => (log ? Array.from(s.values, (v) => (v > 0 ? v : null)) : (s.values as unknown as number[])));
  return [xs as unknown as number[], ...ys];
}

/** Shifts or scales the visible x range of `u` (pan: by a fraction of it; zoom: around `at`). */
function moveX(u: uPlot, pan: number, zoom = 1, at?: number): void {
  const { min, max } = u.scales.x ?? {};
  if (min === undefined || max === undefined) return;
  const centre = at ?? (min + max) / 2;
  const shift = (max - min) * pan;
  u.setScale("x", { min: centre - (centre - min) * zoom + shift, max: centre + (max - centre) * zoom + shift });
}

export function IoChart({ xs, series, log, onPick, onChart }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const pick = useRef(onPick);
  useEffect(() => {
    pick.current = onPick;
  });

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height: 320,
      scales: { x: { time: false }, y: { distr: log ? 3 : 1 } },
      axes: [{ label: "Time since the first packet (s)" }, { label: log ? "Value (log)" : "Value" }],
      series: [
        { label: "Interval start (s)" },
        ...series.map((s) => ({ label: s.label, stroke: s.colour, width: 1.5, points: { show: false } })),
      ],
      cursor: { drag: { x: true, y: false } },
      legend: { live: true },
    };
    const u = new uPlot(opts, chartData(xs, series, log), el);
    chart.current = u;
    onChart(u);
    // A click that did not drag picks the interval under the pointer.
    let downX = 0;
    const down = (e: MouseEvent) => (downX = e.clientX);
    const click = (e: MouseEvent) => {
      if (Math.abs(e.clientX - downX) > 3 || u.cursor.idx == null) return;
      pick.current(u.cursor.idx);
    };
    const wheel = (e: WheelEvent) => {
      e.preventDefault();
      moveX(u, 0, e.deltaY > 0 ? 1.25 : 0.8, u.posToVal(e.offsetX, "x"));
    };
    u.over.addEventListener("mousedown", down);
    u.over.addEventListener("click", click);
    u.over.addEventListener("wheel", wheel, { passive: false });
    const resize = new ResizeObserver(() => u.setSize({ width: Math.max(200, el.clientWidth), height: 320 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      onChart(null);
      chart.current = null;
      u.destroy();
    };
    // A new chart for new data or scale; the callbacks are read through refs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [xs, series, log]);

  /** Runs `f` on the chart drawn (buttons read it when clicked, never while rendering). */
  const on = (f: (u: uPlot) => void): void => {
    if (chart.current) f(chart.current);
  };
  const none = xs.length === 0;
  return (
    <div className="io-chart">
      <div className="io-chart-controls" role="toolbar" aria-label="Zoom and pan">
        <button type="button" className="button" aria-label="Pan left" disabled={none} onClick={() => on((u) => moveX(u, -0.5))}>
          ◀
        </button>
        <button type="button" className="button" aria-label="Pan right" disabled={none} onClick={() => on((u) => moveX(u, 0.5))}>
          ▶
        </button>
        <button type="button" className="button" disabled={none} onClick={() => on((u) => moveX(u, 0, 0.5))}>
          Zoom in
        </button>
        <button type="button" className="button" disabled={none} onClick={() => on((u) => moveX(u, 0, 2))}>
          Zoom out
        </button>
        <button
          type="button"
          className="button"
          disabled={none}
          onClick={() => on((u) => u.setScale("x", { min: xs[0]!, max: xs[xs.length - 1]! }))}
        >
          Reset zoom
        </button>
      </div>
      <div ref={box} className="io-chart-plot" aria-label="I/O Graph chart" role="img" />
    </div>
  );
}
