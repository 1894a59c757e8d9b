/**
 * Load timings in chromium, on demand only (not part of npm test):
 *
 *   PCAPSCOPE_MEASURE="/tmp/big.pcap,/tmp/other.pcap" npx playwright test e2e/measure.spec.ts
 *
 * For each file: time from choosing it to the first rows in the list, and to
 * the end of indexing, as the app measures them (window.__pcapscope) and as
 * seen from outside (first row visible, "ready").
 */
import { statSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { ftpFixture } from "./captures";
import { packetList } from "./helpers";

const files = (process.env.PCAPSCOPE_MEASURE ?? "").split(",").filter(Boolean);

test.describe("load timings", () => {
  test.skip(files.length === 0, "set PCAPSCOPE_MEASURE to a comma-separated list of captures");
  for (const file of ["sample", ...files]) {
    test(`measure ${file}`, async ({ page }) => {
      test.setTimeout(600_000);
      const path = file === "sample" ? ftpFixture() : file;
      await page.goto("/");
      const t0 = Date.now();
      await page.getByLabel("Open capture", { exact: true }).setInputFiles(path);
      // Row 1 with its data (not the placeholder drawn while its batch is on the way).
      await expect(packetList(page).locator('[role="row"][data-number="1"]:not(.pl-pending)')).toBeVisible({ timeout: 60_000 });
      const firstVisible = Date.now() - t0;
      await expect(page.locator('.app[data-state="ready"]')).toBeVisible({ timeout: 600_000 });
      const ready = Date.now() - t0;
      const app = await page.evaluate(() => ({
        packets: window.__pcapscope!.packets,
        firstRowsMs: window.__pcapscope!.firstRowsMs,
        loadMs: window.__pcapscope!.loadMs,
      }));
      const mb = statSync(path).size / 1e6;
      console.log(
        `${path}: ${mb.toFixed(1)} MB, ${app.packets} packets; app: first rows ${app.firstRowsMs?.toFixed(0)} ms, loaded ${app.loadMs?.toFixed(0)} ms; ` +
          `seen: first row visible ${firstVisible} ms, ready ${ready} ms`,
      );
    });
  }
});
