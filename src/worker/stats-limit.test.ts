/**
 * "Limit to display filter": the statistics of the displayed packets,
 * counted by re-dissecting them, equal tshark's `-z conv,TYPE,FILTER`,
 * `-z endpoints,TYPE,FILTER` and `-z io,phs,FILTER` for the same filter
 * (parsed from tshark's text, compared row by row in tshark's order).
 * tshark runs with -2: its second pass dissects knowing the whole capture,
 * as a re-dissection does (FTP's request/response links appear in the
 * hierarchy only then; the conversations and endpoints are the same
 * either way). Skipped without tshark. Also: a newer filter cancels the pass.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AnalyzerApi } from "./analyzer-api";
import { formatBytes } from "../engine/stats/format-size";
import type { ConversationEntry, EndpointEntry, TapName } from "../engine/stats/snapshot";
import type { TableKind } from "../engine/stats/paging";
import { udpFlowsCapture } from "../engine/stats/testing";

const FIXTURES = join(__dirname, "../../fixtures");
const hasTshark = spawnSync("tshark", ["--version"]).status === 0;

const CASES: [fixture: string, filter: string][] = [
  ["ftp-ipv6-epsv-eprt-curl-pyftpdlib.pcapng", "ftp"],
  ["ftp-ipv6-epsv-eprt-curl-pyftpdlib.pcapng", "tcp.len > 0"],
  ["ftp-parallel-sessions-vsftpd.pcapng", "ftp-data"],
  ["ftp-parallel-sessions-vsftpd.pcapng", "tcp.flags.syn == 1 || frame.number > 100"],
  ["ftp-lossy-pasv-retransmissions-vsftpd.pcap", "tcp.analysis.retransmission || tcp.analysis.duplicate_ack"],
  ["dns-auth-zone-dig-host-dnsmasq.pcapng", "dns.flags.response == 1"],
  ["dhcp-dhcpv4-dhcpv6-dhclient-dnsmasq.pcap", "ipv6 || udp.port == 67"],
  ["tls12-tls13-sni-alpn-curl-openssl.pcapng", "tls.handshake"],
];

const TITLES: Record<TapName, string> = { eth: "Ethernet", ip: "IPv4", ipv6: "IPv6", tcp: "TCP", udp: "UDP" };
const TABLES: [TableKind, TapName][] = [
  ["conversations", "eth"],
  ["conversations", "ip"],
  ["conversations", "ipv6"],
  ["conversations", "tcp"],
  ["conversations", "udp"],
  ["endpoints", "ip"],
  ["endpoints", "tcp"],
  ["endpoints", "udp"],
];

/** Each table's rows as tshark prints them, split on spaces, by title ("IPv4 Conversations"), and the hierarchy's lines. */
function tshark(fixture: string, filter: string): { tables: Map<string, string[][]>; hierarchy: string[] } {
  // -2: the statistics of a second pass, over dissections that know the whole capture, as the app re-dissects.
  const args = ["-2", "-n", "-r", join(FIXTURES, fixture), "-q"];
  for (const [kind, tap] of TABLES) args.push("-z", `${kind === "conversations" ? "conv" : "endpoints"},${tap},${filter}`);
  args.push("-z", `io,phs,${filter}`);
  const out = execFileSync("tshark", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  const tables = new Map<string, string[][]>();
  for (const m of out.matchAll(/^(\S+ (?:Conversations|Endpoints))\nFilter:.*\n([\s\S]*?)^={80}$/gm)) {
    const lines = m[2]!.split("\n").filter((l) => l && !l.includes("|"));
    tables.set(m[1]!, lines.map((l) => l.trim().split(/\s+/)));
  }
  const hierarchy = [...out.matchAll(/^( *)(\S+)\s+frames:(\d+) bytes:(\d+)$/gm)].map((m) => `${m[1]!.length / 2} ${m[2]} ${m[3]} ${m[4]}`);
  return { tables, hierarchy };
}

function conversationCells(tap: TapName, c: ConversationEntry): string[] {
  const ports = tap === "tcp" || tap === "udp";
  const bytes = (n: number) => formatBytes(n).split(" ");
  return [
    ports ? `${c.a}:${c.portA}` : c.a,
    "<->",
    ports ? `${c.b}:${c.portB}` : c.b,
    String(c.framesBA),
    ...bytes(c.bytesBA),
    String(c.framesAB),
    ...bytes(c.bytesAB),
    String(c.framesAB + c.framesBA),
    ...bytes(c.bytesAB + c.bytesBA),
    c.start.toFixed(9),
    c.duration.toFixed(4),
  ];
}

function endpointCells(tap: TapName, e: EndpointEntry): string[] {
  const ports = tap === "tcp" || tap === "udp" ? [String(e.port)] : [];
  return [e.address, ...ports, e.txFrames + e.rxFrames, e.txBytes + e.rxBytes, e.txFrames, e.txBytes, e.rxFrames, e.rxBytes].map(String);
}

async function opened(bytes: Uint8Array, name: string): Promise<AnalyzerApi> {
  const api = new AnalyzerApi({ prepareFtp: false });
  await api.open(new Blob([bytes as Uint8Array<ArrayBuffer>]), name);
  return api;
}

describe.skipIf(!hasTshark)("Limit to display filter equals tshark -z …,FILTER", () => {
  it.each(CASES)("%s with %s", async (fixture, filter) => {
    const api = await opened(readFileSync(join(FIXTURES, fixture)), fixture);
    const applied = await api.applyDisplayFilter(filter);
    expect(applied.error ?? null).toBeNull();
    const progress: number[] = [];
    const result = await api.statisticsLimit((done) => progress.push(done));
    expect(result).toMatchObject({ state: "done", filter });
    expect(progress.at(-1)).toBe(result.packets);
    const expected = tshark(fixture, filter);
    let rows = 0;
    for (const [kind, tap] of TABLES) {
      const page = api.statisticsPage("displayed", { kind, tap, sort: null }, 0, 5000);
      const cells =
        kind === "conversations"
          ? (page.rows as ConversationEntry[]).map((c) => conversationCells(tap, c))
          : (page.rows as EndpointEntry[]).map((e) => endpointCells(tap, e));
      expect(cells, `${TITLES[tap]} ${kind}`).toEqual(expected.tables.get(`${TITLES[tap]} ${kind === "conversations" ? "Conversations" : "Endpoints"}`) ?? []);
      rows += cells.length;
    }
    expect(rows, "the filter leaves some rows to compare").toBeGreaterThan(0);
    const hierarchy = api.statisticsOverview("displayed").hierarchy.map((h) => `${h.depth} ${h.protocol} ${h.frames} ${h.bytes}`);
    expect(hierarchy).toEqual(expected.hierarchy);
    api.close();
  });
});

describe("Limit to display filter", () => {
  it("is cancelled by another filter, and counts all packets without one", async () => {
    const api = await opened(udpFlowsCapture(20_000), "flows.pcap");
    await api.applyDisplayFilter("udp");
    const first = api.statisticsLimit();
    await api.applyDisplayFilter("udp.srcport == 53");
    expect(await first).toMatchObject({ state: "cancelled", filter: "udp" });
    expect(() => api.statisticsOverview("displayed")).toThrow(/not been counted/);
    const second = await api.statisticsLimit();
    // Replies from port 53: three of every four flows to it, 4000 flows in 20000 go to 53.
    expect(second).toEqual({ state: "done", filter: "udp.srcport == 53", packets: 3000 });
    expect(api.statisticsOverview("displayed").counts.conversations.udp).toBe(3000);
    await api.applyDisplayFilter("");
    expect(api.statisticsOverview("displayed").counts.conversations.udp).toBe(20_000);
    api.close();
  });
});
