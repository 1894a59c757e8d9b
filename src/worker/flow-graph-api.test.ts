/**
 * Statistics ▸ Flow Graph through the worker's API against tshark's own
 * flow graph (`tshark -2 -z flow,any|tcp,network,FILTER`: the packet
 * list's Source and Destination as hosts, and the comment Wireshark writes
 * for each arrow): the same packets in the same order, each arrow's label
 * ending with tshark's comment, the hosts in tshark's order. Skipped
 * without tshark. Also: the limits on hosts and packets.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AnalyzerApi } from "./analyzer-api";
import { decodeText } from "../engine/diagram/mermaid";
import type { FlowKind } from "../engine/diagram/flow-graph";
import { udpFlowsCapture } from "../engine/stats/testing";

const FIXTURES = join(__dirname, "../../fixtures");
const hasTshark = spawnSync("tshark", ["--version"]).status === 0;

const CASES: [fixture: string, kind: FlowKind, filter: string][] = [
  ["dns-auth-zone-dig-host-dnsmasq.pcapng", "general", ""],
  ["dhcp-dhcpv4-dhcpv6-dhclient-dnsmasq.pcap", "general", "!arp"],
  ["ftp-active-tnftp-vsftpd-ls-get.pcap", "tcp", ""],
  ["ftp-ipv6-epsv-eprt-curl-pyftpdlib.pcapng", "general", "ftp"],
  ["ftp-lossy-pasv-retransmissions-vsftpd.pcap", "tcp", "tcp.stream <= 2"],
];

/** tshark's hosts (its header's two lines, alternating) and each packet's comment; MAC names resolved, as both tshark and the app do by default. */
function tsharkFlow(fixture: string, kind: FlowKind, filter: string): { hosts: string[]; comments: string[] } {
  const spec = `flow,${kind === "tcp" ? "tcp" : "any"},network${filter ? `,${filter}` : ""}`;
  const out = execFileSync("tshark", ["-2", "-r", join(FIXTURES, fixture), "-q", "-z", spec], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  const lines = out.split("\n").filter((l) => l.includes("|"));
  const names = (line: string) => line.split("|").slice(2).map((c) => c.trim()).filter(Boolean);
  const [even, odd] = [names(lines[0]!), names(lines[1]!)];
  const hosts: string[] = [];
  for (let i = 0; i < even.length; i++) hosts.push(even[i]!, ...(odd[i] !== undefined ? [odd[i]!] : []));
  // The layout is fixed-width: a comment starts where an arrow's line ends (a comment may hold "|").
  const at = lines[3]!.trimEnd().length;
  const comments = lines.slice(2).flatMap((l) => (/^(?:\d+\s*)?\|\d+\.\d+\s*\|/.test(l) ? [l.slice(at)] : []));
  return { hosts, comments };
}

async function opened(bytes: Uint8Array, name: string): Promise<AnalyzerApi> {
  const api = new AnalyzerApi({ prepareFtp: false });
  await api.open(new Blob([bytes as Uint8Array<ArrayBuffer>]), name);
  return api;
}

const EVERYTHING = { head: 100_000, tail: 0, maxHosts: 1000, maxInfo: 100_000 };

describe.skipIf(!hasTshark)("Flow Graph equals tshark -z flow", () => {
  it.each(CASES)("%s, %s flow, filter %j", async (fixture, kind, filter) => {
    const api = await opened(readFileSync(join(FIXTURES, fixture)), fixture);
    if (filter) await api.applyDisplayFilter(filter);
    const graph = (await api.flowGraph({ kind, ...EVERYTHING }))!;
    const expected = tsharkFlow(fixture, kind, filter);
    expect(graph.hosts).toEqual(expected.hosts);
    const labels = graph.parts.flatMap((p) => p.diagram.items.flatMap((i) => (i.kind === "message" ? [decodeText(i.text)] : [])));
    expect(labels).toHaveLength(expected.comments.length);
    expect(graph.packets).toBe(expected.comments.length);
    // General flow: "PROTOCOL: Info", tshark's comment itself; TCP flows: the flags, then tshark's "Seq = … Ack = …".
    expect(labels.map((l) => (kind === "tcp" ? l.slice(l.indexOf(" · ") + 3) : l))).toEqual(expected.comments);
    expect(graph.parts.flatMap((p) => p.frames)).toEqual([...graph.parts.flatMap((p) => p.frames)].sort((a, b) => a - b));
    api.close();
  });
});

describe("Flow Graph limits", () => {
  it("draws the first and last packets of many, and the busiest hosts", async () => {
    const api = await opened(udpFlowsCapture(2000), "flows.pcap");
    const graph = (await api.flowGraph({ kind: "general" }))!;
    expect(graph.packets).toBe(3500);
    expect(graph.drawn).toBe(500);
    // The servers (each in dozens of arrows) keep their line; the clients (two arrows each) share one.
    expect(graph.hosts).toHaveLength(9);
    expect(graph.hosts.every((h) => h.startsWith("192.168.0."))).toBe(true);
    expect(graph.otherHosts).toBeGreaterThan(200);
    const items = graph.parts.flatMap((p) => p.diagram.items);
    expect(items.filter((i) => i.kind === "note").map((n) => decodeText(n.text))).toEqual(["… 3,000 more packets (frames 401–3400) …"]);
    expect(await api.flowGraph({ kind: "tcp" })).toBeNull();
    api.close();
  });
});
