/**
 * The Flow Graph's diagram from hand-made packets: hosts in order of first
 * appearance, arrows rightwards solid and leftwards dashed, Wireshark's
 * comments as labels (general: "PROTOCOL: Info"; TCP: flags, length,
 * Seq/Ack), hosts beyond the limit folded into "Other hosts", long lists
 * cut with a note, and capture text never Mermaid syntax.
 */
import { describe, expect, it } from "vitest";
import { capRows, flowGraphDiagram, tcpFlowLabel, type FlowPacket } from "./flow-graph";
import { decodeText, writeMermaid, type DiagramMessage } from "./mermaid";
import { TH } from "../reassembly/tcp-analysis";

const packet = (frame: number, src: string, dst: string, info = "", tcp: FlowPacket["tcp"] = null, protocol = "UDP"): FlowPacket => ({
  frame,
  src,
  dst,
  protocol,
  info,
  tcp,
});

const messages = (items: readonly { kind: string }[]) => items.filter((i): i is DiagramMessage => i.kind === "message");

describe("flowGraphDiagram", () => {
  it("draws hosts in order of appearance, with Wireshark's comments", () => {
    const g = flowGraphDiagram("general", [packet(1, "10.0.0.2", "10.0.0.1", "Query A"), packet(2, "10.0.0.1", "10.0.0.2", "Reply"), packet(5, "10.0.0.3", "10.0.0.1", "x")], 3, null)!;
    expect(g.hosts).toEqual(["10.0.0.2", "10.0.0.1", "10.0.0.3"]);
    expect(g.title).toBe("General flow of 3 displayed packets");
    const arrows = messages(g.diagram.items);
    expect(arrows.map((m) => [m.frame, m.from, m.to, m.arrow, decodeText(m.text)])).toEqual([
      [1, "H0", "H1", "->>", "UDP: Query A"],
      [2, "H1", "H0", "-->>", "UDP: Reply"],
      [5, "H2", "H1", "-->>", "UDP: x"],
    ]);
  });

  it("labels TCP flows with flags, length and Seq/Ack as tcp_seq_analysis_packet does", () => {
    expect(decodeText(tcpFlowLabel({ flags: TH.SYN, len: 0, seq: 0, ack: 0 }))).toBe("SYN · Seq = 0");
    expect(decodeText(tcpFlowLabel({ flags: TH.SYN | TH.ACK, len: 0, seq: 0, ack: 1 }))).toBe("SYN, ACK · Seq = 0 Ack = 1");
    expect(decodeText(tcpFlowLabel({ flags: TH.PUSH | TH.ACK, len: 48, seq: 1, ack: 1 }))).toBe("PSH, ACK - Len: 48 · Seq = 1 Ack = 1");
    const g = flowGraphDiagram("tcp", [packet(1, "a", "b", "info", { flags: TH.SYN, len: 0, seq: 0, ack: 0 }, "TCP")], 1, null)!;
    expect(decodeText(messages(g.diagram.items)[0]!.text)).toBe("SYN · Seq = 0");
  });

  it("folds the hosts in fewest arrows into Other hosts beyond the limit", () => {
    const packets = [
      ...Array.from({ length: 5 }, (_, k) => packet(k + 1, "10.0.0.1", "10.0.0.2")),
      packet(6, "10.0.0.3", "10.0.0.1"),
      packet(7, "10.0.0.4", "10.0.0.5"),
      packet(8, "10.0.0.1", "10.0.0.3"),
    ];
    const g = flowGraphDiagram("general", packets, packets.length, null, { maxHosts: 3 })!;
    expect(g.hosts).toEqual(["10.0.0.1", "10.0.0.2"]);
    expect(g.otherHosts).toBe(3);
    expect(g.diagram.participants.map((p) => decodeText(p.label))).toEqual(["10.0.0.1", "10.0.0.2", "Other hosts (3)"]);
    const arrows = messages(g.diagram.items);
    expect(arrows.map((m) => `${m.from}>${m.to}`)).toEqual([...Array(5).fill("H0>H1"), "Other>H0", "Other>Other", "H0>Other"]);
  });

  it("cuts long lists to the first and last packets with a note between", () => {
    const rows = Uint32Array.from({ length: 20 }, (_, k) => k * 2);
    const { drawn, elision } = capRows(rows, 3, 2);
    expect(drawn).toEqual([0, 2, 4, 36, 38]);
    expect(elision).toEqual({ afterFrame: 5, first: 7, last: 35, packets: 15 });
    expect(capRows(rows, 15, 5).elision).toBeNull();
    const g = flowGraphDiagram("general", drawn.map((r) => packet(r + 1, "a", "b")), 20, elision)!;
    const note = g.diagram.items.find((i) => i.kind === "note")!;
    expect(g.diagram.items.indexOf(note)).toBe(3);
    expect(decodeText(note.text)).toBe("… 15 more packets (frames 7–35) …");
    expect(g.drawn).toBe(5);
  });

  it("writes capture text as text, never as Mermaid syntax", () => {
    const hostile = 'x;\nNote over H0: owned %%{init}%% <b>#1;</b> "q"';
    const g = flowGraphDiagram("general", [packet(1, "h;1\nparticipant Z", "b", hostile, null, "A:B")], 1, null, { maxInfo: 1000 })!;
    const text = writeMermaid(g.diagram);
    // One statement per line: two participants and one arrow, nothing the capture wrote.
    expect(text.trim().split("\n")).toHaveLength(4);
    const lines = text.trim().split("\n");
    expect(lines[3]!.startsWith("  H0->>H1: ")).toBe(true);
    // Entity codes ("#59;") are how Mermaid is told a character is text; nothing else special remains.
    for (const capture of [lines[1]!.slice("  participant H0 as ".length), lines[3]!.slice("  H0->>H1: ".length)])
      expect(capture.replace(/#\d+;/g, "")).not.toMatch(/[;<>"%#]/);
    expect(decodeText(messages(g.diagram.items)[0]!.text)).toBe('A:B: x;\\nNote over H0: owned %%{init}%% <b>#1;</b> "q"');
  });

  it("draws nothing without packets", () => {
    expect(flowGraphDiagram("tcp", [], 0, null)).toBeNull();
  });
});
