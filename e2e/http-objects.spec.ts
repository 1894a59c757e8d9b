/**
 * The Files view's HTTP objects on the recorded nginx/curl fixture: every
 * object listed with its name and hashes, one downloaded and all of them as
 * a zip, each equal to the ground truth (what the clients saved).
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { ROOT } from "./captures";
import { expectSameOrigin, openFile, trackPageErrors, trackRequests } from "./helpers";
import { readZip } from "../src/engine/ftp/testing";

const NAME = "http-keepalive-gzip-chunked-post-basic-curl-wget-nginx";
const FIXTURE = join(ROOT, "fixtures", `${NAME}.pcap`);
const truth = JSON.parse(readFileSync(join(ROOT, "fixtures", `${NAME}.truth.json`), "utf8")) as {
  http_objects: { uri: string; sha256: string }[];
};
const sha256 = (b: Uint8Array): string => createHash("sha256").update(b).digest("hex");

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Uint8Array }> {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  return { name: download.suggestedFilename(), bytes: new Uint8Array(readFileSync(await download.path())) };
}

test("Files: HTTP objects listed with hashes, downloaded one and all, equal to the ground truth", async ({ page }) => {
  const urls = trackRequests(page);
  const errors = trackPageErrors(page);
  await page.goto("/");
  await openFile(page, FIXTURE);
  await page.getByRole("tab", { name: "Files", exact: true }).click();
  await expect(page.getByText("No files were transferred over FTP in this capture.")).toBeVisible({ timeout: 60_000 });
  const table = page.getByRole("table", { name: "HTTP objects" });
  await expect(table.getByRole("row")).toHaveCount(1 + truth.http_objects.length, { timeout: 60_000 });
  const logoTruth = truth.http_objects.find((o) => o.uri === "/img/logo.png")!;
  const logoRow = table.getByRole("row").filter({ hasText: "/img/logo.png" }).first();
  await expect(logoRow).toContainText("www.psc.test");
  await expect(logoRow).toContainText("image/png");
  await expect(logoRow).toContainText(logoTruth.sha256);

  const one = await downloaded(page, () => page.getByRole("button", { name: "Download logo.png", exact: true }).click());
  expect(one.name).toBe("logo.png");
  expect(sha256(one.bytes)).toBe(logoTruth.sha256);

  const all = await downloaded(page, () => page.getByRole("button", { name: "Download all HTTP objects", exact: true }).click());
  expect(all.name).toMatch(/-http-objects\.zip$/);
  const zip = readZip(all.bytes);
  expect([...zip.values()].map(sha256).sort()).toEqual(truth.http_objects.map((o) => o.sha256).sort());

  // A frame link selects the object's packet in the packet list.
  await logoRow.getByRole("button").first().click();
  await expect(page.getByRole("tab", { name: "Packets" })).toHaveAttribute("aria-selected", "true");
  expect(errors).toEqual([]);
  expectSameOrigin(urls, new URL(page.url()).origin);
});
