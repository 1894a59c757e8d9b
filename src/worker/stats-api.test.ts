/**
 * Statistics by pages through the worker's API: any page of any table,
 * sorted by any column either way, is the same slice of the whole table
 * sorted as the view sorted it when it had every row (property test over
 * fixtures and a synthetic capture of many UDP flows); copies hold every
 * row in that order.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AnalyzerApi } from "./analyzer-api";
import { TAP_NAMES, type StatsSnapshot } from "../engine/stats/snapshot";
import { compareKeys, conversationColumns, endpointColumns, sortKey, type StatColumn } from "../engine/stats/table-columns";
import type { TableEntry, TableKind, TableQuery } from "../engine/stats/paging";
import { udpFlowsCapture } from "../engine/stats/testing";

const FIXTURES = join(__dirname, "../../fixtures");

async function opened(bytes: Uint8Array, name: string): Promise<AnalyzerApi> {
  const api = new AnalyzerApi({ prepareFtp: false });
  await api.open(new Blob([bytes as Uint8Array<ArrayBuffer>]), name);
  return api;
}

function columnsOf(kind: TableKind, tap: (typeof TAP_NAMES)[number]): StatColumn<TableEntry>[] {
  return (kind === "conversations" ? conversationColumns(tap) : endpointColumns(tap)) as StatColumn<TableEntry>[];
}

/** The whole table sorted as the view sorted every row itself: by the column's keys, ties in tshark's order. */
function sortedWhole(snapshot: StatsSnapshot, query: TableQuery): TableEntry[] {
  const rows: readonly TableEntry[] = snapshot[query.kind][query.tap];
  if (!query.sort) return [...rows];
  const column = columnsOf(query.kind, query.tap).find((c) => c.id === query.sort!.column)!;
  const sign = query.sort.desc ? -1 : 1;
  return rows
    .map((row, k) => ({ row, k, v: sortKey(column.value(row)) }))
    .sort((a, b) => sign * compareKeys(a.v, b.v) || a.k - b.k)
    .map((x) => x.row);
}

/** Queries over every table and column of a capture, with a page. */
const pageQuery = fc
  .tuple(fc.constantFrom<TableKind>("conversations", "endpoints"), fc.constantFrom(...TAP_NAMES), fc.boolean(), fc.nat(), fc.nat({ max: 300 }))
  .chain(([kind, tap, desc, first, count]) =>
    fc.option(fc.constantFrom(...columnsOf(kind, tap).map((c) => c.id)), { nil: null }).map((column) => ({
      query: { kind, tap, sort: column === null ? null : { column, desc } } satisfies TableQuery,
      first,
      count,
    })),
  );

async function checkPages(api: AnalyzerApi, runs: number): Promise<void> {
  const whole = api.statistics();
  fc.assert(
    fc.property(pageQuery, ({ query, first, count }) => {
      const all = sortedWhole(whole, query);
      // Pages near the start, the middle and the end alike.
      const start = all.length ? first % (all.length + 5) : first % 5;
      const page = api.statisticsPage("all", query, start, count);
      expect(page.total).toBe(all.length);
      expect(page.first).toBe(Math.min(start, all.length));
      expect(page.rows).toEqual(all.slice(start, start + count));
    }),
    { numRuns: runs },
  );
}

describe("AnalyzerApi statistics pages", () => {
  it("serve every page as the same slice of the sorted whole table (fixtures)", async () => {
    for (const name of ["dhcp-dhcpv4-dhcpv6-dhclient-dnsmasq.pcap", "ftp-parallel-sessions-vsftpd.pcapng", "ftp-ipv6-epsv-eprt-curl-pyftpdlib.pcapng"]) {
      const api = await opened(readFileSync(join(FIXTURES, name)), name);
      await checkPages(api, 150);
      api.close();
    }
  });

  it("serve every page as the same slice of the sorted whole table (3000 UDP flows)", async () => {
    const api = await opened(udpFlowsCapture(3000), "flows.pcap");
    const overview = api.statisticsOverview();
    expect(overview.counts.conversations.udp).toBe(3000);
    expect(overview.counts.endpoints.ip).toBe(13 + 3000);
    await checkPages(api, 200);
    api.close();
  });

  it("copy a whole table as the view sorts it, and tell its sizes without rows", async () => {
    const api = await opened(udpFlowsCapture(500), "flows.pcap");
    const whole = api.statistics();
    const query: TableQuery = { kind: "conversations", tap: "udp", sort: { column: "bytes", desc: true } };
    const csv = api.statisticsCopy("all", query, "csv").split("\n");
    expect(csv).toHaveLength(500 + 2);
    expect(csv[0]).toMatch(/^"Address A","Port A","Address B","Port B","Packets","Bytes"/);
    const sorted = sortedWhole(whole, query) as typeof whole.conversations.udp;
    expect(csv[1]!.split(",").slice(0, 6)).toEqual(
      [sorted[0]!.a, sorted[0]!.portA, sorted[0]!.b, sorted[0]!.portB, sorted[0]!.framesAB + sorted[0]!.framesBA, sorted[0]!.bytesAB + sorted[0]!.bytesBA].map(
        (v) => `"${v}"`,
      ),
    );
    const endpoints: TableQuery = { kind: "endpoints", tap: "ip", sort: query.sort };
    const json = JSON.parse(api.statisticsCopy("all", endpoints, "json")) as Record<string, unknown>[];
    expect(json.map((e) => e["Address"])).toEqual((sortedWhole(whole, endpoints) as typeof whole.endpoints.ip).map((e) => e.address));
    const overview = api.statisticsOverview();
    expect(overview.hierarchy).toEqual(whole.hierarchy);
    for (const tap of TAP_NAMES) {
      expect(overview.counts.conversations[tap]).toBe(whole.conversations[tap].length);
      expect(overview.counts.endpoints[tap]).toBe(whole.endpoints[tap].length);
    }
    expect(() => api.statisticsPage("all", { ...query, sort: { column: "nonsense", desc: false } }, 0, 10)).toThrow(/No column/);
    api.close();
  });
});
