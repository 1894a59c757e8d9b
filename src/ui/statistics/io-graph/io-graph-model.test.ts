import { describe, expect, it } from "vitest";
import type { IoGraphResult } from "../../../worker/io-graph-api";
import { defaultGraphs, ioGraphCsv, ioRequest, newGraph, requestKey, type GraphConfig } from "./io-graph-model";

const result = (series: (number[] | null)[]): IoGraphResult => ({
  intervalUs: 250_000,
  intervals: 3,
  series: series.map((v) =>
    v
      ? { values: Float64Array.from(v), firstFrame: Int32Array.from(v, (x, i) => (x ? i + 1 : 0)), error: null }
      : { values: null, firstFrame: null, error: "bad filter" },
  ),
  state: "done",
});

describe("I/O Graph model", () => {
  it("asks for every graph, a field only where the value needs one", () => {
    const graphs: GraphConfig[] = [...defaultGraphs(), { ...newGraph(defaultGraphs()), value: "sum", field: "tcp.len", filter: "tcp" }];
    expect(ioRequest(graphs, 1000)).toEqual({
      intervalUs: 1000,
      graphs: [
        { value: "packets", filter: "" },
        { value: "packets", filter: "tcp.analysis.flags" },
        { value: "sum", filter: "tcp", field: "tcp.len" },
      ],
    });
    // Turning a graph off does not change what is counted.
    const off = graphs.map((g) => ({ ...g, enabled: false }));
    expect(requestKey(ioRequest(off, 1000))).toBe(requestKey(ioRequest(graphs, 1000)));
    expect(newGraph(graphs).id).toBe(4);
  });

  it("exports the enabled graphs that were counted, names made inert", () => {
    const [all, errors] = defaultGraphs();
    const mine: GraphConfig = { ...newGraph([all!, errors!]), name: "=HYPERLINK(1)", value: "max", field: "frame.len" };
    const csv = ioGraphCsv([all!, { ...errors!, enabled: true }, mine], result([[3, 0, 2], null, [60, 0, 1514]]));
    expect(csv.split("\n")).toEqual([
      `"Interval start (s)","All packets: Packets","'=HYPERLINK(1): MAX(frame.len)"`,
      `"0","3","60"`,
      `"0.25","0","0"`,
      `"0.5","2","1514"`,
      "",
    ]);
  });
});
