/**
 * How long a big stream takes to open in the Follow pane, on demand only
 * (not part of npm test). Make a capture with one 200 MB TCP stream, e.g.
 *
 *   npx tsx scripts/make-follow-capture.ts /tmp/big-follow.pcap 200
 *   PCAPSCOPE_FOLLOW_MEASURE=/tmp/big-follow.pcap npx playwright test e2e/follow-measure.spec.ts
 *
 * It opens the file, selects the stream's first data packet, presses
 * "Follow TCP Stream" and times until the text shows; then jumps to the end,
 * switches to Hex Dump, and saves the stream as Raw (checking its size).
 */
import { readFileSync, statSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { packetRow } from "./helpers";

const file = process.env.PCAPSCOPE_FOLLOW_MEASURE ?? "";

test.describe("Follow Stream timings", () => {
  test.skip(!file, "set PCAPSCOPE_FOLLOW_MEASURE to a capture whose tcp.stream 0 is big");
  test("open a big stream", async ({ page }) => {
    test.setTimeout(900_000);
    await page.goto("/");
    const t0 = Date.now();
    await page.getByLabel("Open capture", { exact: true }).setInputFiles(file);
    await expect(page.locator('.app[data-state="ready"]')).toBeVisible({ timeout: 600_000 });
    const loaded = Date.now() - t0;
    await packetRow(page, 4).click();

    const t1 = Date.now();
    await page.getByRole("button", { name: "Follow TCP Stream", exact: true }).click();
    const pane = page.getByRole("region", { name: /^Follow TCP Stream \(tcp\.stream eq 0\)/ });
    const text = pane.getByRole("document", { name: "Stream content" });
    await expect(text.locator(".fr").first()).toBeVisible({ timeout: 60_000 });
    const opened = Date.now() - t1;
    const label = await pane.getByLabel("Direction").locator("option").first().textContent();

    const t2 = Date.now();
    const slider = pane.getByRole("slider");
    await slider.fill(String(await slider.getAttribute("max")));
    await expect(text.locator("[data-window]").first()).not.toHaveAttribute("data-window", "0");
    const jumped = Date.now() - t2;

    const t3 = Date.now();
    await pane.getByLabel("Show data as").selectOption({ label: "Hex Dump" });
    await expect(text).toContainText(/^ *00000000 {2}/m);
    const hex = Date.now() - t3;

    await pane.getByLabel("Show data as").selectOption({ label: "Raw" });
    await pane.getByLabel("Direction").selectOption({ index: 2 });
    const t4 = Date.now();
    const [download] = await Promise.all([page.waitForEvent("download"), pane.getByRole("button", { name: "Save as…" }).click()]);
    const path = (await download.path())!;
    const saved = Date.now() - t4;
    const size = statSync(path).size;
    console.log(
      `${file}: ${(statSync(file).size / 1e6).toFixed(1)} MB loaded in ${loaded} ms; Follow TCP Stream: text shown ${opened} ms after the click ` +
        `(${label}); jump to the end ${jumped} ms; Hex Dump ${hex} ms; Save as Raw ${saved} ms (${size} bytes)`,
    );
    expect(size).toBeGreaterThan(0);
    expect(readFileSync(path).subarray(0, 1).length).toBe(1);
  });
});
