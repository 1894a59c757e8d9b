/**
 * Export Specified Packets and Export Packet Dissections through the worker
 * API (in Node, no worker): the file made is read back with our own reader
 * and compared with the frames chosen; the dissections with the list's cells.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { AnalyzerApi } from "./analyzer-api";
import { BlobSource, type BlobLike } from "../engine/io/blob-source";
import type { ByteSource } from "../engine/io/byte-source";
import { MemorySource } from "../engine/io/byte-source";
import { readCapture } from "../engine/capture/open";
import type { CaptureInfo } from "../engine/capture/types";
import { tcpCapture, TH } from "../engine/follow/testing";
import type { ListColumn } from "./export-api";

const fixtures = join(__dirname, "../../fixtures");

/** A source that counts the bytes read through it. */
class Counting implements ByteSource {
  bytesRead = 0;
  constructor(private readonly inner: ByteSource) {}
  get name(): string {
    return this.inner.name;
  }
  size(): number {
    return this.inner.size();
  }
  read(offset: number, length: number): Promise<Uint8Array> {
    this.bytesRead += length;
    return this.inner.read(offset, length);
  }
}

async function open(bytes: Uint8Array) {
  let source: Counting | null = null;
  const api = new AnalyzerApi({ prepareFtp: false }, (file: BlobLike, name: string) => (source = new Counting(new BlobSource(file, name))));
  await api.open(new Blob([bytes as Uint8Array<ArrayBuffer>]), "capture");
  return { api, source: source! };
}

/** Every packet of a capture: its data and timestamp, by frame number of the file read. */
async function framesOf(bytes: Uint8Array): Promise<{ info: CaptureInfo; frames: { data: string; ts: string; origLen: number }[] }> {
  const frames: { data: string; ts: string; origLen: number }[] = [];
  const r = await readCapture(new MemorySource(bytes), (rec, data) =>
    frames.push({ data: Buffer.from(data).toString("hex"), ts: `${rec.tsSec}.${rec.tsNsec}`, origLen: rec.origLen }),
  );
  expect(r.error).toBeNull();
  return { info: r.info, frames };
}

const blobBytes = async (b: Blob) => new Uint8Array(await b.arrayBuffer());

describe("AnalyzerApi: Export Specified Packets", () => {
  const pcap = readFileSync(join(fixtures, "ftp-pasv-curl-vsftpd-localuser.pcap"));
  const pcapng = readFileSync(join(fixtures, "ftp-parallel-sessions-vsftpd.pcapng"));

  it("writes the displayed packets, in frame order under a sort, as pcap and as pcapng", async () => {
    const { api } = await open(pcap);
    const all = (await framesOf(pcap)).frames;
    await api.applyDisplayFilter("ftp || frame.number == 2");
    await api.sort("length", "desc");
    // The list now shows the packets longest first; the file holds them in frame order.
    const shown = await api.applyDisplayFilter("ftp || frame.number == 2");
    const numbers = [...shown.order!].map((r) => r + 1);
    expect(numbers).not.toEqual([...numbers].sort((a, b) => a - b));
    numbers.sort((a, b) => a - b);
    expect(numbers.length).toBeGreaterThan(10);
    for (const format of ["pcap", "pcapng"] as const) {
      const out = await api.exportPackets({ kind: "displayed" }, format);
      expect(out.packets).toBe(numbers.length);
      const back = await framesOf(await blobBytes(out.blob));
      expect(back.info.format).toBe(format);
      expect(back.frames).toEqual(numbers.map((n) => all[n - 1]));
    }
  });

  it("writes a range, selected or marked frames, optionally only those displayed", async () => {
    const { api } = await open(pcapng);
    const all = (await framesOf(pcapng)).frames;
    const pick = async (choice: Parameters<AnalyzerApi["exportPackets"]>[0]) =>
      (await framesOf(await blobBytes((await api.exportPackets(choice, "pcapng")).blob))).frames;
    expect(await pick({ kind: "range", text: "1-3, 5,40-" })).toEqual([all[0], all[1], all[2], all[4], ...all.slice(39)]);
    expect(await pick({ kind: "frames", frames: [7, 3, 3] })).toEqual([all[2], all[6]]);
    await api.applyDisplayFilter("frame.number > 4");
    expect(await pick({ kind: "range", text: "1-6", displayedOnly: true })).toEqual([all[4], all[5]]);
    expect(await pick({ kind: "frames", frames: [2], displayedOnly: true })).toEqual([]);
    expect(await pick({ kind: "all" })).toEqual(all);
    await expect(api.exportPackets({ kind: "range", text: "3-1" }, "pcap")).rejects.toThrow(/not a range/);
    await expect(api.exportPackets({ kind: "range", text: "1-2;4" }, "pcap")).rejects.toThrow(/"1-2;4"/);
  });

  it("takes long runs of packets from the File as slices, reading next to nothing", async () => {
    const { api, source } = await open(pcap);
    source.bytesRead = 0;
    const out = await api.exportPackets({ kind: "all" }, "pcap");
    expect(Buffer.compare(Buffer.from(await blobBytes(out.blob)), pcap)).toBe(0);
    expect(source.bytesRead).toBeLessThan(4096);
  });
});

describe("AnalyzerApi: Export Packet Dissections", () => {
  const capture = tcpCapture([
    { from: "c", seq: 0, flags: TH.SYN },
    { from: "s", seq: 0, ack: 1, flags: TH.SYN | TH.ACK },
    { from: "s", seq: 1, ack: 1, flags: TH.PSH | TH.ACK, data: "220 ready\r\n" },
    { from: "c", seq: 1, ack: 12, flags: TH.PSH | TH.ACK, data: '=HYPERLINK("http://x")\r\n' },
    { from: "c", seq: 25, ack: 12, flags: TH.PSH | TH.ACK, data: 'USER @"q"\r\n' },
  ]);
  const columns: ListColumn[] = [
    { title: "No.", spec: { type: "number" }, field: -1 },
    { title: "Protocol", spec: { type: "protocol" }, field: -1 },
    { title: "Command", spec: { type: "custom", field: "ftp.request.command" }, field: 0 },
    { title: "Arg", spec: { type: "custom", field: "ftp.request.arg" }, field: 1 },
    { title: "Info", spec: { type: "info" }, field: -1 },
  ];
  const request = (format: "csv" | "text" | "json") => ({
    columns,
    fields: [
      { field: "ftp.request.command", occurrence: 0 },
      { field: "ftp.request.arg", occurrence: 0 },
    ],
    time: { format: "relative" as const, decimals: 6, firstSec: 0, firstNsec: 0 },
    format,
  });

  it("writes the displayed list as CSV, quoted, with formulas made inert", async () => {
    const { api } = await open(capture);
    await api.applyDisplayFilter("ftp");
    const csv = await (await api.exportDissections(request("csv"))).text();
    expect(csv.split("\n")).toEqual([
      '"No.","Protocol","Command","Arg","Info"',
      '"3","FTP","","","Response: 220 ready"',
      `"4","FTP","'=HYPERLINK(""http://x"")","","Request: =HYPERLINK(""http://x"")"`,
      `"5","FTP","USER","'@""q""","Request: USER @""q"""`,
      "",
    ]);
  });

  it("writes the displayed packets' details as tshark -T json does", async () => {
    const { api } = await open(readFileSync(join(fixtures, "ftp-active-tnftp-vsftpd-ls-get.pcap")));
    await api.applyDisplayFilter("frame.number <= 8 && !arp");
    const text = await (await api.exportDissections({ ...request("json"), columns: [] })).text();
    type Layers = Record<string, Record<string, unknown> | string>;
    const packets = JSON.parse(text) as { _type: string; _source: { layers: Layers } }[];
    const frames = packets.map((p) => (p._source.layers.frame as Record<string, string>)["frame.number"]);
    expect(frames.length).toBeGreaterThan(3);
    expect(frames).toEqual([...frames].sort((a, b) => Number(a) - Number(b)));
    const first = packets[0]!._source.layers;
    expect(packets[0]!._type).toBe("doc");
    expect(Object.keys(first)).toEqual(["frame", "eth", "ip", "tcp"]);
    const ip = first.ip as Record<string, string>;
    // Hidden fields are written, as tshark writes them; bytes with colons; a grouping item is its subtree.
    expect(ip["ip.addr"]).toBeDefined();
    const tcp = first.tcp as Record<string, unknown>;
    expect((tcp["tcp.options_tree"] as Record<string, unknown>)["tcp.options.mss"]).toBe("02:04:05:b4");
    expect(typeof tcp["tcp.flags_tree"]).toBe("object");
    expect(text).toContain('"Timestamps": {');
  });

  it("writes plain text lines, one per packet", async () => {
    const { api } = await open(capture);
    const text = await (await api.exportDissections(request("text"))).text();
    const lines = text.split("\n");
    expect(lines.length).toBe(5 + 2);
    expect(lines[0]).toBe("  No. Protocol Command Arg Info");
    expect(lines[5]).toBe('    5 FTP      USER    @"q" Request: USER @"q"');
  });
});
