/**
 * Statistics in chromium beyond the tables of every packet: "Limit to
 * display filter" (the IPv4 conversations of the packets a filter shows,
 * as tshark -z conv,ip,FILTER counts them), the Protocol Hierarchy's
 * collapse and expand, and the Flow Graph (TCP flows of the displayed
 * packets, as many arrows as tshark -z flow lists; a click on an arrow
 * selects its packet).
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { ROOT } from "./captures";
import { openFile, packetList, selectedNumber, trackPageErrors } from "./helpers";

const FIXTURE = join(ROOT, "fixtures/ftp-parallel-sessions-vsftpd.pcapng");
const FILTER = "ftp";

function tshark(args: string[]): string | null {
  try {
    return execFileSync("tshark", ["-n", "-r", FIXTURE, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  } catch {
    return null;
  }
}

/** tshark's IPv4 conversations of the filter: "A <-> B" → total frames (null without tshark). */
function tsharkConversations(): Map<string, number> | null {
  const out = tshark(["-q", "-z", `conv,ip,${FILTER}`]);
  if (out === null) return null;
  const rows = new Map<string, number>();
  for (const m of out.matchAll(/^(\S+)\s+<->\s+(\S+)\s+\d+ \S+ \S+\s+\d+ \S+ \S+\s+(\d+)/gm)) rows.set(`${m[1]} ${m[2]}`, Number(m[3]));
  return rows;
}

async function cells(row: Locator): Promise<string[]> {
  return row.getByRole("cell").allTextContents();
}

async function applyFilter(page: Page, filter: string): Promise<void> {
  const bar = page.getByRole("textbox", { name: "Display filter", exact: true });
  await bar.fill(filter);
  await bar.press("Enter");
}

test("Statistics: limited to the display filter, the hierarchy collapsed, the flow graph of the displayed packets", async ({ page }) => {
  const errors = trackPageErrors(page);
  await page.goto("/");
  await openFile(page, FIXTURE);
  const displayed = tshark(["-Y", FILTER, "-T", "fields", "-e", "frame.number"])?.split("\n").filter(Boolean).length ?? null;
  await applyFilter(page, FILTER);
  if (displayed !== null) await expect(page.getByText(new RegExp(`^Displayed: ${displayed} `))).toBeVisible();

  // Conversations ▸ IPv4, every packet, then limited to the filter.
  await page.getByRole("tab", { name: "Statistics", exact: true }).click();
  await page.getByRole("tab", { name: "Conversations", exact: true }).click();
  await page.getByRole("tab", { name: /^IPv4/ }).click();
  const table = page.getByRole("table", { name: "IPv4 Conversations" });
  const rows = table.locator("tbody tr[aria-rowindex]");
  const packets = async (): Promise<Map<string, number>> =>
    new Map((await Promise.all((await rows.all()).map(cells))).map((c) => [`${c[0]} ${c[1]}`, Number(c[2])]));
  await expect(rows.first()).toBeVisible();
  const all = await packets();
  await page.getByRole("checkbox", { name: "Limit to display filter" }).check();
  await expect(page.getByText(`Counted: the packets "${FILTER}" shows.`)).toBeVisible();
  await expect(table.locator('tbody tr[aria-busy="true"]')).toHaveCount(0);
  const expected = tsharkConversations();
  if (expected) await expect.poll(packets).toEqual(expected);
  const limited = await packets();
  const sum = [...limited.values()].reduce((a, b) => a + b, 0);
  expect(sum).toBeLessThan([...all.values()].reduce((a, b) => a + b, 0));
  if (displayed !== null) expect(sum).toBe(displayed);

  // Protocol Hierarchy (still limited): the top is every displayed packet; collapsing a node hides its children.
  await page.getByRole("tab", { name: "Protocol Hierarchy", exact: true }).click();
  const phs = page.getByRole("table", { name: "Protocol Hierarchy" });
  const tree = phs.locator("tbody tr[aria-rowindex]");
  await expect(tree.first()).toBeVisible();
  if (displayed !== null) expect((await cells(tree.first()))[2]).toBe(String(displayed));
  const before = await tree.count();
  await phs.getByRole("button", { name: "Collapse tcp" }).click();
  await expect(tree).toHaveCount(3);
  await expect(phs.getByRole("button", { name: "Expand tcp" })).toHaveAttribute("aria-expanded", "false");
  await phs.getByRole("button", { name: "Expand tcp" }).click();
  await expect(tree).toHaveCount(before);
  await page.getByRole("button", { name: "Collapse all" }).click();
  await expect(tree).toHaveCount(1);
  await page.getByRole("button", { name: "Expand all" }).click();
  await expect(tree).toHaveCount(before);

  // Flow Graph ▸ TCP flows of the displayed packets: tshark's arrows, a click selects the packet.
  await page.getByRole("tab", { name: "Flow Graph", exact: true }).click();
  await page.getByLabel("Flow type").selectOption("tcp");
  const flow = page.getByRole("region", { name: "Flow graph" });
  await expect(flow.getByRole("heading", { name: /^TCP flows of \d+ displayed packets$/ })).toBeVisible();
  await expect(flow).toHaveAttribute("aria-busy", "false");
  const arrows = flow.locator(".diagram-svg .messageText");
  const tsharkArrows = tshark(["-q", "-z", `flow,tcp,network,${FILTER}`])?.match(/^\d+\s+\|\d+\.\d+/gm)?.length ?? null;
  // Up to 250 arrows a part; the fixture's displayed packets fit in one.
  if (tsharkArrows !== null) await expect(arrows).toHaveCount(tsharkArrows);
  const third = arrows.nth(2);
  const frame = Number(await third.getAttribute("data-frame"));
  expect(await third.textContent()).toMatch(/Seq = \d+/);
  await third.click();
  await expect(page.getByRole("tab", { name: "Packets", exact: true })).toHaveAttribute("aria-selected", "true");
  await expect(packetList(page).locator('[role="row"][aria-selected="true"]')).toHaveAttribute("data-number", String(frame));
  expect(await selectedNumber(page)).toBe(frame);
  expect(errors).toEqual([]);
});
