/**
 * Statistics ▸ Flow Graph for the app: the displayed packets (every one,
 * or the TCP ones) drawn by engine/diagram/flow-graph.ts and split into
 * parts Mermaid can draw. Only the packets drawn are read and dissected
 * again (at most head + tail of them), whatever the number displayed.
 */
import { capRows, FLOW_GRAPH_DEFAULTS, flowGraphDiagram, flowPackets, type FlowGraphOptions, type FlowKind } from "../engine/diagram/flow-graph";
import { splitDiagram, type DiagramPart, type Numbering } from "../engine/diagram/mermaid";
import type { CaptureSession } from "../engine/session/capture-session";

export interface FlowGraphRequest extends FlowGraphOptions {
  kind: FlowKind;
  numbering?: Numbering;
}

export interface FlowGraphResult {
  title: string;
  parts: DiagramPart[];
  /** Packets the graph is of (displayed, and TCP for TCP flows), those drawn, the hosts drawn and how many share "Other hosts". */
  packets: number;
  drawn: number;
  hosts: string[];
  otherHosts: number;
  /** The display filter the packets are shown by ("" for none). */
  filter: string;
}

/** tcpFlags of a row without a TCP header (packet-index.ts). */
const NO_TCP = 0xffff;

export class FlowGraphApi {
  constructor(private readonly current: () => CaptureSession) {}

  /** The flow graph of the displayed packets (null: none to draw). */
  async graph(request: FlowGraphRequest): Promise<FlowGraphResult | null> {
    const session = this.current();
    const filter = session.displayFilterText;
    let rows = session.displayedRows();
    if (request.kind === "tcp") {
      const flags = session.index.tcpFlags;
      rows = rows.filter((row) => flags[row] !== NO_TCP);
    }
    const o = { ...FLOW_GRAPH_DEFAULTS, ...request };
    const { drawn, elision } = capRows(rows, o.head, o.tail);
    const graph = flowGraphDiagram(request.kind, await flowPackets(session, drawn), rows.length, elision, o);
    if (!graph) return null;
    const { diagram, ...about } = graph;
    return { ...about, parts: splitDiagram(diagram, { numbering: request.numbering ?? "none" }), filter };
  }
}
