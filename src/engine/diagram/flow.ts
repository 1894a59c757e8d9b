/**
 * The flow graph of one TCP stream, like Wireshark's Statistics → Flow Graph
 * limited to a stream, as a Mermaid sequence diagram: the two endpoints as
 * participants (the side that sent the first packet first), one arrow per
 * packet labelled with its protocol and meaning (labels.ts).
 */
import { type LabelOptions, packetLabel } from "./labels";
import { mm, type DiagramItem, type MermaidText, type SequenceDiagram } from "./mermaid";
import type { Elision, PacketFact } from "./packets";

/** "10.77.0.1:21", "[fd77::1]:21". */
export function endpointText(address: string, port: number): string {
  return address.includes(":") ? `[${address}]:${port}` : `${address}:${port}`;
}

export interface FlowDiagram {
  stream: number;
  /** "10.77.0.2:52594 ↔ 10.77.0.1:21" (plain text). */
  title: string;
  diagram: SequenceDiagram;
}

/**
 * The flow graph of the packets of one stream (in frame order); packets left
 * out of a long stream (`elisions`) are one note. Null when there are none.
 */
export function tcpFlowDiagram(facts: readonly PacketFact[], options: LabelOptions = {}, elisions: readonly Elision[] = []): FlowDiagram | null {
  const head = facts[0];
  if (!head) return null;
  const a = { address: head.src, port: head.srcPort };
  const b = { address: head.dst, port: head.dstPort };
  const items: DiagramItem[] = [];
  for (const f of facts) {
    const fromA = f.src === a.address && f.srcPort === a.port;
    items.push(
      fromA
        ? { kind: "message", from: "A", to: "B", arrow: "->>", text: packetLabel(f, options), frame: f.frame }
        : { kind: "message", from: "B", to: "A", arrow: "-->>", text: packetLabel(f, options), frame: f.frame },
    );
    for (const e of elisions) if (e.afterFrame === f.frame) items.push({ kind: "note", over: ["A", "B"], text: elisionText(e), frame: null });
  }
  const ta = endpointText(a.address, a.port);
  const tb = endpointText(b.address, b.port);
  return {
    stream: head.stream,
    title: `${ta} ↔ ${tb}`,
    diagram: {
      participants: [
        { id: "A", label: mm`${ta}` },
        { id: "B", label: mm`${tb}` },
      ],
      items,
    },
  };
}

/** "… 12,345 more packets (frames 1001–13345) …" */
export function elisionText(e: Elision): MermaidText {
  return mm`… ${e.packets.toLocaleString("en-US")} more packets (frames ${e.first}–${e.last}) …`;
}
