/**
 * The app as a Progressive Web App: after one visit its service worker has
 * precached the whole build, so with the network off the page reloads, opens
 * a capture and draws its diagrams (Mermaid and the worker chunks are loaded
 * lazily: each must come from the precache).
 */
import { expect, test } from "@playwright/test";
import { ftpFixture } from "./captures";
import { openFile, packetRow, trackPageErrors } from "./helpers";

test("after one visit the app works offline: reload, open a capture, draw a diagram", async ({ page, context }) => {
  await page.goto("/");
  // clientsClaim: the first service worker controls the page once it is installed, i.e. once everything is precached.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
  const manifest = await page.locator('link[rel="manifest"]').getAttribute("href");
  expect(manifest).toBeTruthy();

  await context.setOffline(true);
  // The network really is off, for the service worker too: a file it did not precache cannot be fetched.
  const uncached = await page.evaluate(() =>
    fetch(`/not-precached-${Date.now()}.txt`).then(
      (r) => `HTTP ${r.status}`,
      () => "failed",
    ),
  );
  expect(uncached).toBe("failed");

  const errors = trackPageErrors(page);
  const fromNetwork: string[] = [];
  page.on("response", (r) => {
    if (r.url().startsWith("http") && !r.fromServiceWorker()) fromNetwork.push(r.url());
  });
  page.on("requestfailed", (r) => fromNetwork.push(`${r.url()} (failed: ${r.failure()?.errorText})`));
  await page.reload();
  await openFile(page, ftpFixture());
  await expect(packetRow(page, 1)).toBeVisible();

  // The Diagrams view loads Mermaid and its sequence-diagram chunk on first use.
  await page.getByRole("tab", { name: "Diagrams" }).click();
  const view = page.locator(".diagrams-view");
  await expect(view).toHaveAttribute("data-busy", "false", { timeout: 60_000 });
  await expect(view.locator(".diagram-svg svg").first()).toBeVisible();
  await expect(page.getByRole("alert")).toHaveCount(0);

  expect(fromNetwork, "requests that did not come from the precache").toEqual([]);
  expect(errors).toEqual([]);
  await context.setOffline(false);
});
