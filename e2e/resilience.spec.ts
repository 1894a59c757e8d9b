/**
 * Issue 14's resilience: a capture the tab cannot hold is refused (a sparse
 * 64 GB file: no gigabytes written) or stops loading at the memory limit, a
 * dead analyzer worker is reported and the file can be opened again without
 * reloading, and a second file opened while one loads cancels the first.
 */
import { closeSync, openSync, readFileSync, rmSync, statSync, ftruncateSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { ftpFixture, pcapRecords, syntheticPcap, tempDir } from "./captures";
import { detailsTree, openFile, packetList, packetRow, waitForState } from "./helpers";

let dir = "";
/** 1M UDP packets to port 5000 (58 MB), 600k to port 6000: both load for seconds. */
let first = "";
let second = "";
const FIRST_COUNT = 1_000_000;
const SECOND_COUNT = 600_000;

test.beforeAll(() => {
  dir = tempDir();
  first = join(dir, "first-to-5000.pcap");
  second = join(dir, "second-to-6000.pcap");
  syntheticPcap(first, FIRST_COUNT, 5000);
  syntheticPcap(second, SECOND_COUNT, 6000);
});

test.afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const generation = async (page: Page): Promise<number> => Number(await page.locator(".app").getAttribute("data-generation"));

/** The analyzer workers alive in the page (nested reader/hash workers are not counted). */
const analyzerWorkers = (page: Page): number => page.workers().filter((w) => /analyzer\.worker/.test(w.url())).length;

test("a 64 GB capture is refused before it is read, with the reason, and the page stays usable", async ({ page }) => {
  const huge = join(dir, "huge.pcap");
  // Sparse: 64 GB long, no block written (a pcap header is all the guard would need to be wrong about).
  const fd = openSync(huge, "w");
  ftruncateSync(fd, 64e9);
  closeSync(fd);
  expect(statSync(huge).size).toBe(64e9);
  await page.goto("/");
  await openFile(page, huge, "error");
  await expect(page.getByRole("alert")).toContainText(/^This capture \(64 GB\) is too large for this tab: it holds at least 41,830,066 packets/);
  await expect(page.getByRole("alert")).toContainText(/about 480 bytes of memory per packet, about 20 GB in all, while this tab can use about \d+ MB \(/);
  await expect(page.getByRole("progressbar", { name: "Loading capture" })).toHaveCount(0);
  await openFile(page, ftpFixture());
  await expect(page.getByRole("alert")).toHaveCount(0);
  rmSync(huge);
});

test("on a device with little memory, loading stops at the limit and says why", async ({ page }) => {
  // navigator.deviceMemory 0.25 (GiB): a budget of 128 MiB, about 113,000 packets.
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, "deviceMemory", { get: () => 0.25 }));
  await page.goto("/");
  await openFile(page, first);
  await expect(page.getByRole("alert")).toContainText(
    /^Loading stopped after [\d,]+ packets \(\d+% of the file\) so that the tab does not run out of memory: .* about 134 MB \(half of this device's 268 MB of memory\)\. The packets loaded so far are shown/,
  );
  const shown = await page.evaluate(() => window.__pcapscope!.packets);
  expect(shown).toBeGreaterThanOrEqual(112_000);
  expect(shown).toBeLessThan(FIRST_COUNT);
  await expect(packetRow(page, 1)).toBeVisible();
});

test("a worker that ends without an error event while loading is reported; another file opens", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Open capture", { exact: true }).setInputFiles(first);
  await expect(packetRow(page, 1)).toBeVisible();
  await waitForState(page, "loading");
  await page.evaluate(() => window.__pcapscope!.simulateWorkerCrash("exit"));
  await expect(page.getByRole("alert")).toContainText("The analyzer stopped unexpectedly (its worker ended, perhaps out of memory)");
  // Not loading any more: the rows indexed before the crash stay.
  await waitForState(page, "ready");
  await expect(page.getByRole("progressbar", { name: "Loading capture" })).toHaveCount(0);
  const shown = await page.evaluate(() => window.__pcapscope!.packets);
  expect(shown).toBeGreaterThan(0);
  expect(shown).toBeLessThan(FIRST_COUNT);
  await openFile(page, ftpFixture());
  await expect(page.getByRole("alert")).toHaveCount(0);
  await packetRow(page, 2).click();
  await expect(detailsTree(page).getByRole("treeitem", { name: /^Frame 2:/ })).toBeVisible();
});

test("after a crash, Open again reopens the same file in a fresh worker", async ({ page }) => {
  await page.goto("/");
  await openFile(page, ftpFixture());
  const before = await generation(page);
  await page.evaluate(() => window.__pcapscope!.simulateWorkerCrash("throw"));
  await expect(page.getByRole("alert")).toContainText("The analyzer stopped unexpectedly");
  await page.getByRole("button", { name: "Open again" }).click();
  await expect(page.locator(`.app[data-state="ready"][data-generation="${before + 1}"]`)).toBeVisible();
  await expect(page.getByRole("alert")).toHaveCount(0);
  const packets = pcapRecords(new Uint8Array(readFileSync(ftpFixture()))).length;
  await expect(page.getByText(`Packets: ${packets}`, { exact: true })).toBeVisible();
  await packetRow(page, 3).click();
  await expect(detailsTree(page).getByRole("treeitem", { name: /^Frame 3:/ })).toBeVisible();
});

test("opening a second file while one loads cancels the first: its rows, count and progress only", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto("/");
  await page.getByLabel("Open capture", { exact: true }).setInputFiles(first);
  await expect(packetRow(page, 1)).toBeVisible();
  await waitForState(page, "loading");
  const firstGeneration = await generation(page);

  await page.getByLabel("Open capture", { exact: true }).setInputFiles(second);
  await expect(page.locator(`.app[data-generation="${firstGeneration + 1}"]`)).toBeVisible();
  // The progress bar measures the second file while it loads.
  const progress = page.getByRole("progressbar", { name: "Loading capture" });
  const secondSize = statSync(second).size;
  if ((await page.locator(".app").getAttribute("data-state")) === "loading") {
    await expect(progress).toHaveAttribute("max", String(secondSize));
    expect(Number(await progress.getAttribute("value"))).toBeLessThanOrEqual(secondSize);
  }
  // The first file's worker was ended, not just ignored: one analyzer is left (a spare starts only after a load ends).
  expect(analyzerWorkers(page)).toBe(1);
  await waitForState(page, "ready", 150_000);
  await expect(page.getByText(`Packets: ${SECOND_COUNT}`, { exact: true })).toBeVisible();
  await page.waitForTimeout(1000);
  await expect(page.getByText(`Packets: ${SECOND_COUNT}`, { exact: true })).toBeVisible();
  await expect(page.getByRole("alert")).toHaveCount(0);

  // Every row shown is the second file's (to port 6000), at the top and at the end.
  const infos = async (): Promise<string[]> => packetList(page).locator('[role="row"][data-number] .pl-col-info').allTextContents();
  const top = await infos();
  expect(top.length).toBeGreaterThan(5);
  for (const info of top) expect(info).toMatch(/→ 6000\b/);
  await packetRow(page, 1).click();
  await page.keyboard.press("End");
  await expect(packetRow(page, SECOND_COUNT)).toHaveAttribute("aria-selected", "true");
  await expect(packetRow(page, SECOND_COUNT + 1)).toHaveCount(0);
  for (const info of await infos()) expect(info).toMatch(/→ 6000\b/);
});
