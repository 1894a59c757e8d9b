/**
 * The I/O Graph's settings and what is made of its series: the graphs as
 * the user set them up (each with its own display filter, value, field,
 * colour and enabled box), the intervals offered (1 ms … 10 min, as
 * Wireshark's dialog), the request sent to the worker and the CSV export.
 * Pure functions: no React, no DOM.
 */
import { csvLine } from "../../../engine/session/dissection-export";
import type { IoGraphRequest, IoGraphResult, IoGraphValue } from "../../../worker/io-graph-api";

export interface GraphConfig {
  id: number;
  name: string;
  enabled: boolean;
  /** CSS colour, "#rrggbb". */
  colour: string;
  filter: string;
  value: IoGraphValue;
  /** The field of count, sum, min, max and avg. */
  field: string;
}

export const VALUES: readonly { id: IoGraphValue; name: string }[] = [
  { id: "packets", name: "Packets" },
  { id: "bytes", name: "Bytes" },
  { id: "count", name: "COUNT(field)" },
  { id: "sum", name: "SUM(field)" },
  { id: "min", name: "MIN(field)" },
  { id: "max", name: "MAX(field)" },
  { id: "avg", name: "AVG(field)" },
];

export const needsField = (value: IoGraphValue): boolean => value !== "packets" && value !== "bytes";

/** Interval lengths in microseconds, with their names. */
export const INTERVALS: readonly { us: number; name: string }[] = [
  { us: 1_000, name: "1 ms" },
  { us: 10_000, name: "10 ms" },
  { us: 100_000, name: "100 ms" },
  { us: 1_000_000, name: "1 s" },
  { us: 10_000_000, name: "10 s" },
  { us: 60_000_000, name: "1 min" },
  { us: 600_000_000, name: "10 min" },
];

/** Colours given to new graphs in turn (Wireshark's I/O graph palette, readable on light and dark). */
export const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"];

/** Wireshark's two default graphs: all packets, and TCP errors. */
export function defaultGraphs(): GraphConfig[] {
  return [
    { id: 1, name: "All packets", enabled: true, colour: PALETTE[0]!, filter: "", value: "packets", field: "" },
    { id: 2, name: "TCP errors", enabled: false, colour: PALETTE[1]!, filter: "tcp.analysis.flags", value: "packets", field: "" },
  ];
}

export function newGraph(existing: readonly GraphConfig[]): GraphConfig {
  const id = Math.max(0, ...existing.map((g) => g.id)) + 1;
  return { id, name: `Graph ${id}`, enabled: true, colour: PALETTE[(id - 1) % PALETTE.length]!, filter: "", value: "packets", field: "" };
}

/**
 * What the worker counts: every graph, enabled or not (turning one on and
 * off then redraws without counting again).
 */
export function ioRequest(graphs: readonly GraphConfig[], intervalUs: number): IoGraphRequest {
  return {
    intervalUs,
    graphs: graphs.map((g) => ({ value: g.value, filter: g.filter, ...(needsField(g.value) ? { field: g.field } : {}) })),
  };
}

/** The key of a request: a new one is counted only when it changes. */
export const requestKey = (r: IoGraphRequest): string => JSON.stringify(r);

/** Interval start in seconds since the first packet (the x values). */
export function intervalStarts(result: Pick<IoGraphResult, "intervals" | "intervalUs">): Float64Array {
  const xs = new Float64Array(result.intervals);
  for (let i = 0; i < xs.length; i++) xs[i] = (i * result.intervalUs) / 1e6;
  return xs;
}

/** How a graph's value is headed: "TCP errors: Packets", "Graph 3: SUM(tcp.len)". */
export function graphTitle(g: GraphConfig): string {
  const value = needsField(g.value) ? `${g.value.toUpperCase()}(${g.field})` : VALUES.find((v) => v.id === g.value)!.name;
  return `${g.name}: ${value}${g.filter.trim() ? ` [${g.filter.trim()}]` : ""}`;
}

/**
 * The enabled graphs as CSV: "Interval start (s)" then a column per graph,
 * a line per interval (cells quoted, any that a spreadsheet would run as a
 * formula made inert: graph names and filters are the user's text).
 */
export function ioGraphCsv(graphs: readonly GraphConfig[], result: IoGraphResult): string {
  const shown = graphs.map((g, i) => ({ g, values: result.series[i]?.values ?? null })).filter((s) => s.g.enabled && s.values);
  let csv = csvLine(["Interval start (s)", ...shown.map((s) => graphTitle(s.g))]);
  const xs = intervalStarts(result);
  for (let i = 0; i < result.intervals; i++) csv += csvLine([String(Number(xs[i]!.toFixed(6))), ...shown.map((s) => String(s.values![i]))]);
  return csv;
}
