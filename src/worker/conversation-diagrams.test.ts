/**
 * Diagrams of conversations other than FTP's, through the worker's API:
 * the HTTP exchanges of a TCP stream and the flow graph of a UDP stream, on
 * hand-built captures (the HTTP dissector decides what is a request and a
 * response; the diagram only draws its fields).
 */
import { describe, expect, it } from "vitest";
import { decodeText } from "../engine/diagram/mermaid";
import { TH, tcpCapture, udpCapture, type Segment } from "../engine/follow/testing";
import { AnalyzerApi } from "./analyzer-api";

const A = TH.ACK;
const P = TH.PSH | TH.ACK;
const http = (s: Omit<Segment, "sport">): Segment => ({ ...s, sport: 80 });

const REQUEST = "GET /a;b<script>%%{init}%% HTTP/1.1\r\nHost: example\r\n\r\n";
const RESPONSE = "HTTP/1.1 404 Not Found\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 5\r\n\r\nnope!";

async function open(bytes: Uint8Array): Promise<AnalyzerApi> {
  const api = new AnalyzerApi();
  await api.open(new Blob([new Uint8Array(bytes)]), "test.pcap");
  return api;
}

function arrows(d: { parts: { diagram: { items: { kind: string; text: string; frame?: number | null }[] } }[] }): string[] {
  return d.parts.flatMap((p) => p.diagram.items.map((i) => `${i.kind === "note" ? "note" : i.frame}: ${decodeText(i.text as never)}`));
}

describe("conversation diagrams", () => {
  it("draws a TCP stream's HTTP exchanges: connect, request, response with its media type and size, close", async () => {
    const c = 1000 + REQUEST.length;
    const api = await open(
      tcpCapture([
        http({ from: "c", seq: 1000, flags: TH.SYN }),
        http({ from: "s", seq: 5000, ack: 1001, flags: TH.SYN | A }),
        http({ from: "c", seq: 1001, ack: 5001, flags: A }),
        http({ from: "c", seq: 1001, ack: 5001, flags: P, data: REQUEST }),
        http({ from: "s", seq: 5001, ack: c + 1, flags: P, data: RESPONSE }),
        http({ from: "c", seq: c + 1, ack: 5001 + RESPONSE.length, flags: TH.FIN | A }),
      ]),
    );
    expect(await api.diagramHttpConversations()).toEqual([{ stream: 0, title: "10.0.0.1:40000 → 10.0.0.2:80", messages: 2, firstFrame: 4 }]);
    const d = (await api.diagram({ kind: "http", stream: 0 }))!;
    expect(d.title).toBe("HTTP on TCP stream 0: 10.0.0.1:40000 → 10.0.0.2:80");
    expect(arrows(d)).toEqual(["1: connect (SYN)", "4: GET /a;b<script>%%{init}%% HTTP/1.1", "5: 404 Not Found · text/html · 5 bytes", "6: close (FIN)"]);
    // The capture's text is escaped, never Mermaid syntax.
    expect(d.parts[0]!.text).not.toContain("<script>");
    expect(d.parts[0]!.text).not.toContain("%%{");
    expect(await api.diagram({ kind: "http", stream: 7 })).toBeNull();
    api.close();
  });

  it("draws a UDP stream's flow graph, the first sender on the left", async () => {
    const api = await open(udpCapture([{ from: "c", data: "ping" }, { from: "s", data: "pong" }], 40001, 9999));
    const d = (await api.diagram({ kind: "udp", stream: 0 }))!;
    expect(d.title).toBe("UDP stream 0: 10.0.0.1:40001 ↔ 10.0.0.2:9999");
    expect(arrows(d)).toEqual(["1: UDP: 40001 → 9999 Len=4", "2: UDP: 9999 → 40001 Len=4"]);
    expect(d.parts[0]!.diagram.items.map((i) => (i.kind === "message" ? i.arrow : ""))).toEqual(["->>", "-->>"]);
    expect(await api.diagramHttpConversations()).toEqual([]);
    api.close();
  });
});
