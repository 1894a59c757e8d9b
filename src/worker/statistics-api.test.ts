/** Statistics of the open capture through the worker's API (a Blob, as the page hands a File). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AnalyzerApi } from "./analyzer-api";

const TEXTBOOK = join(__dirname, "../../fixtures/ftp-active-tnftp-vsftpd-ls-get.pcap");

describe("AnalyzerApi statistics", () => {
  it("serves what the indexing pass counted, as plain data", async () => {
    const api = new AnalyzerApi();
    expect(() => api.statistics()).toThrow(/No capture is open/);
    await api.open(new Blob([readFileSync(TEXTBOOK)]), "textbook.pcap");
    const s = api.statistics();
    expect(structuredClone(s)).toEqual(s);
    // The control connection and the four data connections (tshark -z conv,tcp lists five).
    expect(s.conversations.tcp).toHaveLength(5);
    const control = s.conversations.tcp.find((c) => c.portB === 21)!;
    // As tshark -z conv,tcp prints it: 36 frames <- and 28 ->, relative start 0.000022000.
    expect(control).toMatchObject({ a: "10.77.0.2", b: "10.77.0.1", portA: 52594, framesAB: 28, framesBA: 36, bytesBA: 3248 });
    expect(control.start).toBeCloseTo(0.000022, 9);
    const frames = s.conversations.tcp.reduce((n, c) => n + c.framesAB + c.framesBA, 0);
    expect(s.endpoints.ip.reduce((n, e) => n + e.txFrames, 0)).toBe(frames);
    expect(s.hierarchy.map((h) => h.protocol)).toEqual(expect.arrayContaining(["eth", "ip", "tcp", "ftp", "ftp-data"]));
    api.close();
  });
});
