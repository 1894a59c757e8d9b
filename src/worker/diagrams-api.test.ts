/** The Diagrams view's worker calls, over the textbook fixture in Node (a Blob, as the page hands a File). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AnalyzerApi } from "./analyzer-api";

const TEXTBOOK = join(__dirname, "../../fixtures/ftp-active-tnftp-vsftpd-ls-get.pcap");

describe("AnalyzerApi diagrams", () => {
  it("lists sessions, draws an exchange and a stream, writes the write-up", async () => {
    const api = new AnalyzerApi();
    await expect(api.diagramSessions()).rejects.toThrow(/No capture is open/);
    await api.open(new Blob([readFileSync(TEXTBOOK)]), "textbook.pcap");
    const [session] = await api.diagramSessions();
    expect(session).toEqual({ id: 0, title: "10.77.0.2:52594 → 10.77.0.1:21", user: "anonymous", controlStream: 0 });
    expect(await api.diagramExchanges(9)).toBeNull();
    expect((await api.diagramExchanges(0))![0]).toEqual({ index: 0, kind: "connection", title: "Connection", firstFrame: 3, lastFrame: 7 });
    const connection = await api.diagram({ kind: "ftp", session: 0, exchange: 0, level: "tcp" });
    expect(connection!.parts[0]!.frames).toEqual([3, 4, 5, 6, 7]);
    // Plain data: survives the structured clone the worker boundary makes.
    expect(structuredClone(connection)).toEqual(connection);
    const flow = await api.diagram({ kind: "tcp", stream: 0 });
    expect(flow!.parts.flatMap((p) => p.frames)).toHaveLength(64);
    const md = await api.diagramMarkdown(0, { files: true, level: "commands" });
    expect(md).toContain("## Files");
    api.close();
  });
});
