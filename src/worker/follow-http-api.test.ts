/**
 * Follow HTTP Stream through the worker API (in Node, no worker), on the
 * recorded nginx fixture (keep-alive, gzip, chunked, POST, Basic): which
 * packets offer it, and that what the pane is given (windows, "Save as…",
 * find) is what `tshark -z follow,http,ascii,N` prints for every TCP
 * stream, bodies de-chunked and decompressed. The comparison with live
 * tshark is skipped, with a notice, when tshark is not installed; the CLI's
 * output (which the HTTP corpus test holds to tshark's) is compared always.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { followStreams } from "../engine/follow/follow-index";
import { paneAscii, writeTsharkRecords, type FollowRecord } from "../engine/follow/render";
import { followHttp } from "../engine/http/follow-http";
import { MemorySource } from "../engine/io/byte-source";
import type { FollowWindow } from "../engine/follow/window";
import { AnalyzerApi } from "./analyzer-api";

const FIXTURES = join(__dirname, "../../fixtures");
const HTTP = join(FIXTURES, "http-keepalive-gzip-chunked-post-basic-curl-wget-nginx.pcap");
const FTP = join(FIXTURES, "ftp-pasv-curl-vsftpd-localuser.pcap");
const tshark = !spawnSync("tshark", ["-v"], { stdio: "ignore" }).error;
if (!tshark) console.log("follow-http-api: comparison with live tshark skipped, tshark is not installed");

async function open(file: string): Promise<AnalyzerApi> {
  const api = new AnalyzerApi();
  await api.open(new Blob([readFileSync(file)]), file);
  return api;
}

/** The window's records with their bytes, as render.ts prints them. */
function records(w: FollowWindow): FollowRecord[] {
  return w.records.map((r) => ({ ...r, bytes: w.bytes.subarray(r.start, r.start + r.length) }));
}

/** tshark's -z follow,http,ascii,N layout around what the API serves for stream N. */
async function asTshark(api: AnalyzerApi, stream: number): Promise<string> {
  const info = (await api.follow("http", stream))!;
  const w = (await api.followWindow("http", stream, 0, 1 << 20, "both"))!;
  let out = "";
  await writeTsharkRecords({ protocol: "http", stream, nodes: info.nodes }, [records(w)], "ascii", (s) => (out += s));
  return out;
}

/** The record texts of tshark's ascii output (each "\t?<length>\n<text>\n"), joined: what the pane shows. */
function tsharkRecordText(out: string): string {
  const lines = out.split("\n");
  let at = lines.slice(0, 5).join("\n").length + 1; // blank line, separator, Follow, Filter, Node 0, then Node 1
  at = out.indexOf("\n", at) + 1;
  let text = "";
  for (;;) {
    const m = /^\t?(\d+)\n/.exec(out.slice(at));
    if (!m) break;
    at += m[0].length;
    text += out.slice(at, at + Number(m[1]));
    at += Number(m[1]) + 1;
  }
  expect(out.slice(at)).toMatch(/^=+\n$/);
  return text;
}

/** -z follow,http,ascii,N as the CLI prints it: one Follow pass over the file, no session. */
async function engineOutput(file: string, stream: number): Promise<string> {
  const tcp = (await followStreams(new MemorySource(readFileSync(file)), { udp: false })).stream("tcp", stream)!;
  const { nodes, records } = await followHttp(tcp);
  let out = "";
  await writeTsharkRecords({ protocol: "http", stream, nodes }, [records], "ascii", (s) => (out += s));
  return out;
}

const latin1 = (s: string): string => Buffer.from(s, "utf8").toString("latin1");

describe("AnalyzerApi: Follow HTTP Stream", () => {
  it("is offered for the packets of a TCP stream that carries HTTP only", async () => {
    const http = await open(HTTP);
    for (let n = 1; n <= http.packetCount(); n++) {
      const t = http.followTarget(n);
      expect(t.http, `frame ${n}`).toBe(t.tcp >= 0);
    }
    const ftp = await open(FTP);
    expect(ftp.followTarget(6)).toMatchObject({ tcp: 0, http: false });
    expect(ftp.followTarget(1)).toMatchObject({ tcp: -1, http: false });
    // Asked anyway, a stream without HTTP has no records (tshark prints none either).
    expect((await ftp.follow("http", 0))!.chunkCount).toBe(0);
  });

  it("serves what tshark -z follow,http,ascii,N prints, for every TCP stream", async () => {
    const api = await open(HTTP);
    const streams = api.followTarget(1).tcpCount;
    expect(streams).toBe(5);
    for (let n = 0; n < streams; n++) {
      const ours = await asTshark(api, n);
      expect(latin1(ours), `stream ${n}: the engine's output`).toBe(latin1(await engineOutput(HTTP, n)));
      if (tshark) {
        const theirs = spawnSync("tshark", ["-r", HTTP, "-q", "-z", `follow,http,ascii,${n}`], { encoding: "latin1" }).stdout;
        expect(latin1(ours), `stream ${n}: tshark's output`).toBe(theirs);
      }
      // The pane's ASCII text and its "Save as…" are the records' text (tabs kept, which tshark prints as ".").
      const saved = await (await api.followExport("http", n, "ascii", "both")).text();
      const w = (await api.followWindow("http", n, 0, 1 << 20, "both"))!;
      expect(saved).toBe(records(w).map((r) => paneAscii(r.bytes)).join(""));
      expect(latin1(saved).replace(/\t/g, ".")).toBe(tsharkRecordText(latin1(ours)));
    }
  });

  it("shows bodies de-chunked and decompressed, per direction, findable, saved in every format", async () => {
    const api = await open(HTTP);
    const tcp = (await api.follow("tcp", 0))!;
    const info = (await api.follow("http", 0))!;
    expect(info.nodes).toEqual(tcp.nodes);
    expect(info.packets).toBe(tcp.packets);
    // The server's side is bigger decoded than on the wire (gzip), the client's the same (requests have no body).
    expect(info.bytes[0]).toBe(tcp.bytes[0]);
    expect(info.bytes[1]).toBeGreaterThan(tcp.bytes[1]);
    const body = "<title>pcapscope HTTP fixture</title>";
    const onWire = await (await api.followExport("tcp", 0, "ascii", "both")).text();
    expect(onWire).toContain("Content-Encoding: gzip");
    expect(onWire).not.toContain(body);
    const server = await (await api.followExport("http", 0, "ascii", 1)).text();
    expect(server.startsWith("HTTP/1.1 200 OK\r\nServer: nginx\r\n")).toBe(true);
    expect(server).toContain(body);
    expect(server).not.toMatch(/\r\n[0-9a-f]+\r\n<!DOCTYPE/); // no chunk sizes
    const client = await (await api.followExport("http", 0, "ascii", 0)).text();
    expect(client.startsWith("GET /index.html HTTP/1.1\r\n")).toBe(true);
    expect(client).not.toContain(body);

    const w = (await api.followWindow("http", 0, 0, 3, "both"))!;
    expect(w.records.map((r) => r.direction)).toEqual([0, 1, 1]);
    const m = (await api.followFind("http", 0, "PCAPSCOPE http fixture", { chunk: 0, offset: 0 }, "both"))!;
    expect(m.chunk).toBe(2);
    expect(new TextDecoder().decode(w.bytes.subarray(w.records[2]!.start + m.offset, w.records[2]!.start + m.offset + 22))).toBe(
      "pcapscope HTTP fixture",
    );
    const raw = new Uint8Array(await (await api.followExport("http", 0, "raw", "both")).arrayBuffer());
    expect(raw.length).toBe(info.bytes[0] + info.bytes[1]);
    const hex = await (await api.followExport("http", 0, "hexdump", "both")).text();
    expect(hex.split("\n")[0]).toBe("00000000  47 45 54 20 2f 69 6e 64  65 78 2e 68 74 6d 6c 20  GET /ind ex.html");
    const yaml = await (await api.followExport("http", 0, "yaml", "both")).text();
    expect(yaml.startsWith("peers:\n  - peer: 0\n    host: 10.77.0.2\n    port: 49750\n")).toBe(true);
    const c = await (await api.followExport("http", 0, "carrays", "both")).text();
    expect(c).toContain("char peer1_1[] = { /* Packet ");
  });
});
