/**
 * Follow Stream through the worker API (in Node, no worker): a fixture is
 * opened as a Blob, its data connection followed, windows read, saved in
 * every format, and the stream's rows shown by the display filter.
 */
import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { AnalyzerApi } from "./analyzer-api";

const fixture = join(__dirname, "../../fixtures/ftp-pasv-curl-vsftpd-localuser.pcap");
const FIRMWARE_SHA256 = (
  JSON.parse(readFileSync(fixture.replace(/\.pcap$/, ".truth.json"), "utf8")) as { files: { path: string; sha256: string }[] }
).files.find((f) => f.path.endsWith("firmware.bin"))!.sha256;

async function open(): Promise<AnalyzerApi> {
  const api = new AnalyzerApi();
  await api.open(new Blob([readFileSync(fixture)]), "ftp.pcap");
  return api;
}

describe("AnalyzerApi: Follow Stream", () => {
  it("finds the streams of a frame, reads windows, saves what is shown", async () => {
    const api = await open();
    const target = api.followTarget(6); // the 220 banner
    expect(target).toEqual({ tcp: 0, udp: -1, http: false, tcpCount: 3, udpCount: 0 });
    const info = (await api.follow("tcp", 0))!;
    expect(info.nodes[1]).toEqual({ address: "10.77.0.1", port: 21 });
    expect(info.bytes).toEqual([130, 507]);
    const w = (await api.followWindow("tcp", 0, 0, 2, "both"))!;
    expect(w.records.map((r) => [r.frame, r.direction, r.length])).toEqual([
      [6, 1, 36],
      [8, 0, 13],
    ]);
    expect(new TextDecoder().decode(w.bytes.subarray(w.records[1]!.start, w.records[1]!.start + 13))).toBe("USER pscftp\r\n");

    // The 200 kB RETR, saved Raw, is the file.
    const data = (await api.follow("tcp", 2))!;
    expect(data.bytes[1]).toBe(200000);
    const raw = await api.followExport("tcp", 2, "raw", 1);
    expect(
      createHash("sha256")
        .update(new Uint8Array(await raw.arrayBuffer()))
        .digest("hex"),
    ).toBe(FIRMWARE_SHA256);
    const ascii = await (await api.followExport("tcp", 0, "ascii", "both")).text();
    expect(ascii.startsWith("220 pcapscope vsftpd (local users)\r\nUSER pscftp\r\n")).toBe(true);
    const client = await (await api.followExport("tcp", 0, "ascii", 0)).text();
    expect(client.startsWith("USER pscftp\r\nPASS")).toBe(true);
    const c = await (await api.followExport("tcp", 0, "carrays", "both")).text();
    expect(c.startsWith("char peer1_0[] = { /* Packet 6 */\n0x32, 0x32, 0x30, 0x20, 0x70, 0x63, 0x61, 0x70,\n")).toBe(true);
    const hex = await (await api.followExport("tcp", 0, "hexdump", "both")).text();
    expect(hex.split("\n")[0]).toBe("    00000000  32 32 30 20 70 63 61 70  73 63 6f 70 65 20 76 73  220 pcap scope vs");
    const yaml = await (await api.followExport("tcp", 0, "yaml", "both")).text();
    expect(yaml.startsWith("peers:\n  - peer: 0\n    host: 10.77.0.2\n")).toBe(true);

    // "331 Please specify the password." comes first (case-insensitive), then "PASS ..." from the client.
    expect(await api.followFind("tcp", 0, "pass", { chunk: 0, offset: 0 }, "both")).toEqual({ chunk: 2, offset: 23, position: 2 });
    expect(await api.followFind("tcp", 0, "pass", { chunk: 2, offset: 24 }, "both")).toEqual({ chunk: 3, offset: 0, position: 3 });
    expect(await api.followFind("tcp", 0, "pass", { chunk: 0, offset: 0 }, 0)).toEqual({ chunk: 3, offset: 0, position: 1 });
    const dir0 = (await api.followWindow("tcp", 0, 1, 1, 0))!;
    expect(dir0.total + (await api.followWindow("tcp", 0, 0, 0, 1))!.total).toBe(info.chunkCount);
    expect(dir0.records.map((r) => r.frame)).toEqual([11]);
    expect(dir0.before).toEqual({ offset: [13, 36 + 34], records: [1, 2] });
    expect(await api.followFind("tcp", 0, "zzzz", { chunk: 0, offset: 0 }, "both")).toBeNull();
    expect(await api.follow("tcp", 3)).toBeNull();
  });

  it("applies tcp.stream eq N to the packet list, and clears it", async () => {
    const api = await open();
    const shown = await api.applyDisplayFilter("tcp.stream eq 1");
    expect(shown.error).toBeNull();
    expect(shown.displayed).toBe(shown.order!.length);
    const batch = await api.rows(0, 1000);
    expect(batch.count).toBe(shown.displayed);
    for (const n of batch.number) expect(api.followTarget(n).tcp).toBe(1);
    const cleared = await api.applyDisplayFilter("");
    expect([cleared.order, cleared.displayed, cleared.error]).toEqual([null, api.packetCount(), null]);
    const bad = await api.applyDisplayFilter("ip.addr == 1.2.3");
    expect(bad.error).toEqual({ message: '"1.2.3" is not a valid hostname or IPv4 address.', start: 11, length: 5 });
  });
});
