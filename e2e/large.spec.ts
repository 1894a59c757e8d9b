/**
 * A million-packet capture generated on the spot: it loads in the worker
 * while rows show, and the scaled scroll range still reaches the last packet
 * (End key, and the scrollbar dragged to the bottom).
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { ftpFixture, pcapRecords, syntheticPcap, tempDir } from "./captures";
import { readFileSync } from "node:fs";
import { expectSameOrigin, isWithin, openFile, packetList, packetRow, trackRequests } from "./helpers";

const COUNT = 1_000_000;
let dir = "";
let file = "";

test.beforeAll(() => {
  dir = tempDir();
  file = join(dir, "million.pcap");
  syntheticPcap(file, COUNT);
});

test.afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("a 1M-packet capture loads and scrolls to its last packet", async ({ page }) => {
  test.setTimeout(180_000);
  const urls = trackRequests(page);
  await page.goto("/");
  await openFile(page, file, "ready", 150_000);
  await expect(page.getByText(`Packets: ${COUNT}`, { exact: true })).toBeVisible();
  const timings = await page.evaluate(() => ({ firstRowsMs: window.__pcapscope!.firstRowsMs, loadMs: window.__pcapscope!.loadMs }));
  console.log(`1M packets: first rows after ${timings.firstRowsMs?.toFixed(0)} ms, loaded after ${timings.loadMs?.toFixed(0)} ms`);

  const list = packetList(page);
  // The list is taller than a browser can lay out: the scroll range is scaled.
  expect(Number(await list.getAttribute("data-scale"))).toBeGreaterThan(1);

  await packetRow(page, 1).click();
  await page.keyboard.press("End");
  const last = packetRow(page, COUNT);
  await expect(last).toHaveAttribute("aria-selected", "true");
  expect(await isWithin(last, list)).toBe(true);

  // Back to the top, then drag the scrollbar all the way down (scrollTop = max).
  await page.keyboard.press("Home");
  await expect(packetRow(page, 1)).toBeVisible();
  await list.evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  await expect(last).toBeVisible();
  expect(await isWithin(last, list)).toBe(true);
  await expect(last.locator(".pl-col-protocol")).not.toHaveText("");
  expectSameOrigin(urls, new URL(page.url()).origin);
});

test("loading shows progress, can be cancelled, and another file replaces it", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/");
  await page.getByLabel("Open capture", { exact: true }).setInputFiles(file);
  const progress = page.getByRole("progressbar", { name: "Loading capture" });
  await expect(progress).toBeVisible();
  await expect(packetRow(page, 1)).toBeVisible();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.locator('.app[data-state="ready"]')).toBeVisible();
  await expect(page.getByText(/^Loading cancelled after/)).toBeVisible();
  const shown = await page.evaluate(() => window.__pcapscope!.packets);
  expect(shown).toBeGreaterThan(0);
  expect(shown).toBeLessThan(COUNT);
  await expect(page.getByText(`Packets: ${shown}`, { exact: true })).toBeVisible();

  // Start the big one again and open the small fixture while it loads: the fixture wins.
  await page.getByLabel("Open capture", { exact: true }).setInputFiles(file);
  await expect(progress).toBeVisible();
  await openFile(page, ftpFixture());
  const fixturePackets = pcapRecords(new Uint8Array(readFileSync(ftpFixture()))).length;
  await expect(page.getByText(`Packets: ${fixturePackets}`, { exact: true })).toBeVisible();
  await page.waitForTimeout(500);
  await expect(page.getByText(`Packets: ${fixturePackets}`, { exact: true })).toBeVisible();
});
