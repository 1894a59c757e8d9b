/**
 * Statistics in chromium on a fixture of three hosts and parallel FTP
 * sessions: Endpoints ▸ IPv4 sorted by bytes as tshark counts them, "Apply
 * as Filter" on the top row giving "Displayed:" that row's packets, "Copy as
 * CSV", the Protocol Hierarchy listing tshark's protocols with their frames,
 * Capture File Properties against capinfos, and Follow TCP Stream from a
 * conversation.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { expect, test, type Locator } from "@playwright/test";
import { ROOT } from "./captures";
import { openFile, trackPageErrors } from "./helpers";

const FIXTURE = join(ROOT, "fixtures/ftp-parallel-sessions-vsftpd.pcapng");

function run(cmd: string, args: string[]): string | null {
  try {
    return execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], env: { ...process.env, TZ: "UTC" } });
  } catch {
    return null;
  }
}

/** tshark's IPv4 endpoints: address → packets and bytes (null without tshark). */
function tsharkEndpoints(): Map<string, { packets: number; bytes: number }> | null {
  const out = run("tshark", ["-n", "-r", FIXTURE, "-q", "-z", "endpoints,ip"]);
  if (out === null) return null;
  const rows = new Map<string, { packets: number; bytes: number }>();
  for (const m of out.matchAll(/^(\d+\.\d+\.\d+\.\d+)\s+(\d+)\s+(\d+)/gm)) rows.set(m[1]!, { packets: Number(m[2]), bytes: Number(m[3]) });
  return rows;
}

/** tshark's protocol hierarchy: protocol and frames, depth first (null without tshark). */
function tsharkHierarchy(): [string, number][] | null {
  const out = run("tshark", ["-n", "-r", FIXTURE, "-q", "-z", "io,phs"]);
  if (out === null) return null;
  return [...out.matchAll(/^\s*(\S+)\s+frames:(\d+) bytes:\d+$/gm)].map((m) => [m[1]!, Number(m[2])]);
}

async function cells(row: Locator): Promise<string[]> {
  return row.getByRole("cell").allTextContents();
}

test("Statistics: endpoints sorted and applied as a filter, protocol hierarchy, capture properties", async ({ page, context }) => {
  const errors = trackPageErrors(page);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/");
  await openFile(page, FIXTURE);
  await page.getByRole("tab", { name: "Statistics", exact: true }).click();
  const stats = page.getByRole("tabpanel", { name: "Statistics" });

  // Endpoints ▸ IPv4, sorted by Bytes: largest first, then smallest first.
  await page.getByRole("tab", { name: "Endpoints", exact: true }).click();
  await page.getByRole("tab", { name: /^IPv4/ }).click();
  const table = page.getByRole("table", { name: "IPv4 Endpoints" });
  const header = table.getByRole("columnheader", { name: /^Bytes/ });
  await header.getByRole("button").click();
  await expect(header).toHaveAttribute("aria-sort", "descending");
  const rows = table.locator("tbody tr[aria-rowindex]");
  const shown = await Promise.all((await rows.all()).map(cells));
  const bytes = shown.map((c) => Number(c[2]));
  expect(bytes).toEqual([...bytes].sort((a, b) => b - a));
  const tshark = tsharkEndpoints();
  if (tshark) {
    expect(new Map(shown.map((c) => [c[0]!, { packets: Number(c[1]), bytes: Number(c[2]) }]))).toEqual(tshark);
  }
  await header.getByRole("button").click();
  await expect(header).toHaveAttribute("aria-sort", "ascending");
  const top = await cells(rows.first());
  expect(Number(top[2])).toBe(Math.min(...bytes));
  expect(new Set(bytes).size, "the fixture's endpoints differ in bytes").toBe(bytes.length);

  // Copy as CSV: a header line, then the rows in the order shown.
  await stats.getByRole("button", { name: "Copy as CSV" }).click();
  // The worker writes the copy: wait for it to be on the clipboard.
  await expect(stats.getByRole("status").filter({ hasText: /^Copied \d+ rows? of IPv4 Endpoints as CSV$/ })).toBeVisible();
  const csv = await page.evaluate(() => navigator.clipboard.readText());
  expect(csv.split("\n")[0]).toBe('"Address","Packets","Bytes","Tx Packets","Tx Bytes","Rx Packets","Rx Bytes"');
  expect(csv.split("\n")[1]).toBe(top.map((c) => `"${c}"`).join(","));

  // The selection follows its row when the table is sorted again.
  await rows.first().click();
  await header.getByRole("button").click();
  await expect(table.locator('tbody tr[aria-selected="true"] td').first()).toHaveText(top[0]!);
  await expect(rows.last()).toHaveAttribute("aria-selected", "true");
  await header.getByRole("button").click();
  await expect(rows.first()).toHaveAttribute("aria-selected", "true");

  // Apply as Filter on the top row: the list shows that endpoint's packets.
  await stats.getByRole("button", { name: "Apply as Filter" }).click();
  const expected = tshark?.get(top[0]!)?.packets ?? Number(top[1]);
  expect(Number(top[1])).toBe(expected);
  await expect(page.getByText(`Displayed: ${expected}`, { exact: true })).toBeVisible();
  await expect(page.getByRole("tab", { name: "Packets", exact: true })).toHaveAttribute("aria-selected", "true");

  // Protocol Hierarchy: every protocol tshark lists, with its frames.
  await page.getByRole("tab", { name: "Statistics", exact: true }).click();
  await page.getByRole("tab", { name: "Protocol Hierarchy", exact: true }).click();
  const phs = page.getByRole("table", { name: "Protocol Hierarchy" });
  const tree = await Promise.all((await phs.locator("tbody tr[aria-rowindex]").all()).map(cells));
  const listed = tree.map((c): [string, number] => [/\(([^()]+)\)$/.exec(c[0]!)![1]!, Number(c[2])]);
  const expectedTree = tsharkHierarchy() ?? listed;
  expect(listed).toEqual(expectedTree);
  expect(listed.map(([p]) => p)).toEqual(expect.arrayContaining(["eth", "ip", "tcp", "ftp", "ftp-data"]));
  // The top level is every packet; End Packets of a node are its frames less its children's.
  expect(tree[0]![1]).toBe("100.0%");

  // Capture File Properties against capinfos (TZ=UTC): packets, first and last packet, elapsed, data size, average size.
  await page.getByRole("tab", { name: "Capture File Properties", exact: true }).click();
  const props = page.getByLabel("Capture File Properties");
  const value = async (label: string): Promise<string> =>
    (await props
      .locator("div.stats-item", { has: page.getByText(label, { exact: true }) })
      .locator("dd")
      .textContent()) ?? "";
  const capinfos = run("capinfos", ["-c", "-a", "-e", "-u", "-d", "-z", "-M", FIXTURE]);
  if (capinfos) {
    const field = (name: string) => new RegExp(`^${name}:\\s+(.*)$`, "m").exec(capinfos)![1]!.trim();
    expect(await value("Packets")).toBe(field("Number of packets"));
    expect(await value("First packet")).toBe(field("First packet time"));
    expect(await value("Last packet")).toBe(field("Last packet time"));
    expect(await value("Elapsed")).toBe(field("Capture duration"));
    expect(`${await value("Bytes")} bytes`).toBe(field("Data size"));
    expect(await value("Average packet size")).toBe(field("Average packet size"));
  } else {
    expect(Number(await value("Packets"))).toBeGreaterThan(0);
  }

  // Follow TCP Stream on the largest TCP conversation: the pane shows its stream, the list its packets; Back restores the endpoint's filter.
  await page.getByRole("tab", { name: "Statistics", exact: true }).click();
  await page.getByRole("tab", { name: "Conversations", exact: true }).click();
  await page.getByRole("tab", { name: /^TCP/ }).click();
  const conversation = page.getByRole("table", { name: "TCP Conversations" }).locator("tbody tr[aria-rowindex]").first();
  // Rows come by pages: a row whose page has not arrived yet shows one "…" cell.
  await expect(conversation.locator(".stats-pending")).toHaveCount(0);
  const [, , , , packets] = await cells(conversation);
  await conversation.click();
  await stats.getByRole("button", { name: "Follow TCP Stream", exact: true }).click();
  await expect(page.getByRole("region", { name: /^Follow TCP Stream \(tcp\.stream eq \d+\)$/ })).toBeVisible();
  await expect(page.getByText(`Displayed: ${packets}`, { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Back" }).click();
  await expect(page.getByText(`Displayed: ${expected}`, { exact: true })).toBeVisible();
  expect(errors).toEqual([]);
});
