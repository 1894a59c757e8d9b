/**
 * npx tsx scripts/bench-stats-pages.ts [--flows 200000]: Statistics ▸
 * Conversations of a capture of many UDP flows (generated in memory by
 * engine/stats/testing.ts, never written to the repository), through the
 * worker's API in Node: the whole snapshot as the Statistics view used to
 * receive it (built and structured-cloned, as Comlink copies it) against
 * the paged API (overview, a screen of rows, a sort by any column, a page
 * from the middle, a whole-table copy). Prints milliseconds; never fails
 * on speed. The page must equal the same slice of the whole snapshot.
 */
import { AnalyzerApi } from "../src/worker/analyzer-api";
import { udpFlowsCapture } from "../src/engine/stats/testing";
import type { TableQuery } from "../src/engine/stats/paging";

const arg = process.argv.indexOf("--flows");
const flows = arg > 0 ? Number(process.argv[arg + 1]) : 200_000;
const SCREEN = 60;

async function timed<T>(label: string, work: () => T | Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await work();
  console.log(`${label.padEnd(58)} ${(performance.now() - start).toFixed(0).padStart(7)} ms`);
  return result;
}

const bytes = udpFlowsCapture(flows);
console.log(`${flows} UDP flows: ${(bytes.length / 1e6).toFixed(1)} MB capture`);
const api = new AnalyzerApi({ prepareFtp: false });
await timed("open and index (statistics counted in the pass)", () => api.open(new Blob([bytes]), "flows.pcap"));
const whole = await timed("before: whole snapshot, built and structured-cloned", () => structuredClone(api.statistics()));
const overview = await timed("after: overview (hierarchy, table sizes)", () => structuredClone(api.statisticsOverview()));
const udp: TableQuery = { kind: "conversations", tap: "udp", sort: null };
const first = await timed(`after: first screen (${SCREEN} rows), tshark's order`, () => api.statisticsPage("all", udp, 0, SCREEN));
const byBytes: TableQuery = { ...udp, sort: { column: "bytes", desc: true } };
await timed("after: sort by Bytes (descending), first screen", () => api.statisticsPage("all", byBytes, 0, SCREEN));
const byAddress: TableQuery = { ...udp, sort: { column: "address-a", desc: false } };
await timed("after: sort by Address A, first screen", () => api.statisticsPage("all", byAddress, 0, SCREEN));
await timed("after: a screen from the middle (sorted order kept)", () => api.statisticsPage("all", byAddress, flows / 2, SCREEN));
const csv = await timed("after: Copy as CSV of the whole sorted table", () => api.statisticsCopy("all", byBytes, "csv"));
console.log(`rows: ${overview.counts.conversations.udp} UDP conversations, CSV ${(csv.length / 1e6).toFixed(1)} MB`);
if (JSON.stringify(first.rows) !== JSON.stringify(whole.conversations.udp.slice(0, SCREEN))) throw new Error("the first page differs from the snapshot's rows");
api.close();
