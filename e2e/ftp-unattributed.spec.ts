/**
 * Unattributed FTP data in chromium (issue 14), on the recorded FTPS capture
 * whose commands are encrypted (AUTH TLS) and whose data is not (PROT C):
 * the Files view says why no file is tied to a command instead of "No
 * files", lists every connection with its content type, hashes, likely
 * session, confidence and reasons, downloads one and the "Download all"
 * archive (hashes equal the ground truth); the Sessions view says how many
 * connections were linked to the session; Expert Info has one finding each.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { ROOT } from "./captures";
import { expectSameOrigin, openFile, trackPageErrors, trackRequests } from "./helpers";
import { readZip } from "../src/engine/ftp/testing";

const NAME = "ftps-clear-data-lftp-pyftpdlib";
const CAPTURE = join(ROOT, "fixtures", `${NAME}.pcap`);
const sha256 = (b: Uint8Array): string => createHash("sha256").update(b).digest("hex");

interface Truth {
  files: { path: string; sha256: string; size: number; mime?: string }[];
}
const truth = JSON.parse(readFileSync(join(ROOT, "fixtures", `${NAME}.truth.json`), "utf8")) as Truth;

async function openTab(page: Page, tab: "Sessions" | "Files" | "Expert Info"): Promise<void> {
  await page.getByRole("tab", { name: tab, exact: true }).click();
  await expect(page.getByRole("tab", { name: tab, exact: true })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByText("Analyzing FTP…")).toHaveCount(0, { timeout: 60_000 });
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Uint8Array }> {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  return { name: download.suggestedFilename(), bytes: new Uint8Array(readFileSync(await download.path())) };
}

test("Unattributed FTP data: Files, Sessions and Expert Info on FTPS with cleartext data", async ({ page }) => {
  const urls = trackRequests(page);
  const errors = trackPageErrors(page);
  await page.goto("/");
  await openFile(page, CAPTURE);
  await openTab(page, "Files");

  // No "No files": the view says what it rebuilt instead.
  await expect(page.getByText(/^No files/)).toHaveCount(0);
  await expect(
    page.getByText(/No transfer command could be read \(the FTP commands are encrypted: FTPS\), but 5 data connections were rebuilt/),
  ).toBeVisible();

  const table = page.getByRole("table", { name: "Unattributed FTP data" });
  await expect(table.getByRole("row")).toHaveCount(1 + truth.files.length + 1);
  const png = truth.files.find((f) => f.mime === "image/png")!;
  const row = table.getByRole("row").filter({ hasText: png.sha256 });
  await expect(row).toContainText("image/png");
  await expect(row).toContainText(String(png.size));
  await expect(row).toContainText("High");
  // The reasons open as text.
  await row.getByText(/\d+ reasons/).click();
  await expect(row.getByRole("listitem").first()).toContainText("No readable announcement: the control connection");
  await expect(row).toContainText("nothing the other way: one file");

  // One by one: the file's exact bytes, under its export name.
  const button = row.getByRole("button", { name: /^Download unattributed-stream-\d+-to-client\.png$/ });
  const one = await downloaded(page, () => button.click());
  expect(one.name).toMatch(/^unattributed-stream-\d+-to-client\.png$/);
  expect(sha256(one.bytes)).toBe(png.sha256);

  // Download all: every file of the truth, and a manifest entry with session, confidence and reasons for each.
  const all = await downloaded(page, () => page.getByRole("button", { name: "Download all", exact: true }).click());
  const zip = readZip(all.bytes);
  const manifest = JSON.parse(new TextDecoder().decode(zip.get("manifest.json"))) as {
    path: string;
    sha256: string;
    kind: string;
    session: number;
    confidence: string;
    reasons: string[];
  }[];
  for (const f of truth.files) {
    const m = manifest.find((e) => e.sha256 === f.sha256);
    expect(m, f.path).toMatchObject({ kind: "unattributed", session: 0, confidence: "high" });
    expect(sha256(zip.get(m!.path)!), f.path).toBe(f.sha256);
    expect(m!.reasons.length).toBeGreaterThan(2);
  }

  // Sessions: the encrypted session says how many connections were linked to it.
  await openTab(page, "Sessions");
  await expect(page.getByTestId("ftp-unreadable")).toContainText("switched to TLS at frame");
  await expect(page.getByTestId("ftp-unreadable")).toContainText("5 unattributed data connections were linked to it");
  await expect(page.getByRole("table", { name: "Data connections" }).getByText("(unattributed FTP data, high confidence)")).toHaveCount(5);

  // Expert Info: one finding per connection, with its confidence.
  await openTab(page, "Expert Info");
  const findings = page.getByTestId("expert-ftp-finding").filter({ hasText: "Unattributed FTP data" });
  await expect(findings).toHaveCount(5);
  await expect(findings.first()).toContainText("most likely session 0 (high confidence)");

  expect(errors).toEqual([]);
  expectSameOrigin(urls, new URL(page.url()).origin);
});
