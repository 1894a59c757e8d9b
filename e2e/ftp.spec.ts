/**
 * The FTP views in chromium against the production build (strict CSP): open a
 * fixture, download a file and the "Download all" archive and compare their
 * hashes with the ground truth (fixtures/*.truth.json), preview an image
 * through a blob: URL, follow a transcript's frame link to the packet, reveal
 * a password, and show hostile capture text as text.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { ROOT } from "./captures";
import { expectSameOrigin, openFile, packetList, selectedNumber, trackPageErrors, trackRequests } from "./helpers";
import { readZip } from "../src/engine/ftp/testing";

const FIXTURES = join(ROOT, "fixtures");
const sha256 = (b: Uint8Array): string => createHash("sha256").update(b).digest("hex");

interface Truth {
  files: { path: string; sha256: string; size: number }[];
}
const truth = (name: string): Truth => JSON.parse(readFileSync(join(FIXTURES, `${name}.truth.json`), "utf8")) as Truth;

async function openTab(page: Page, fixture: string, tab: "Sessions" | "Files" | "Credentials"): Promise<void> {
  await page.goto("/");
  await openFile(page, join(FIXTURES, fixture));
  await page.getByRole("tab", { name: tab, exact: true }).click();
  await expect(page.getByRole("tab", { name: tab, exact: true })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByText("Analyzing FTP…")).toHaveCount(0, { timeout: 60_000 });
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Uint8Array }> {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: new Uint8Array(readFileSync(path)) };
}

test.describe("FTP views", () => {
  test("Files: download a file and the archive, hashes equal the ground truth; image preview", async ({ page }) => {
    const urls = trackRequests(page);
    const errors = trackPageErrors(page);
    const name = "ftp-pasv-type-size-rest-ftplib-vsftpd";
    await openTab(page, `${name}.pcap`, "Files");
    const table = page.getByRole("table", { name: "Files" });
    await expect(table.getByRole("row")).toHaveCount(1 + 2);

    const logo = truth(name).files.find((f) => f.path === "/pub/logo.png")!;
    const one = await downloaded(page, () => page.getByRole("button", { name: "Download logo.png", exact: true }).click());
    expect(one.name).toBe("logo.png");
    expect(sha256(one.bytes)).toBe(logo.sha256);

    // The first file is selected: a PNG previewed from a blob: URL.
    const img = page.getByRole("img", { name: "Preview of logo.png" });
    await expect(img).toBeVisible();
    expect(await img.getAttribute("src")).toMatch(/^blob:/);
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);

    const all = await downloaded(page, () => page.getByRole("button", { name: "Download all", exact: true }).click());
    expect(all.name).toMatch(/\.zip$/);
    const zip = readZip(all.bytes);
    const manifest = JSON.parse(new TextDecoder().decode(zip.get("manifest.json"))) as { path: string; sha256: string; name: string }[];
    for (const m of manifest) expect(sha256(zip.get(m.path)!), m.path).toBe(m.sha256);
    const hashes = new Set([...zip.values()].map(sha256));
    for (const f of truth(name).files) expect(hashes.has(f.sha256), f.path).toBe(true);

    expect(errors).toEqual([]);
    expectSameOrigin(urls, new URL(page.url()).origin);
  });

  test("Sessions: transcript with frame links, data connections", async ({ page }) => {
    const errors = trackPageErrors(page);
    await openTab(page, "ftp-active-tnftp-vsftpd-ls-get.pcap", "Sessions");
    const sessions = page.getByRole("table", { name: "FTP sessions" });
    await expect(sessions.getByRole("row")).toHaveCount(2);
    await expect(sessions.getByRole("row").nth(1)).toContainText("anonymous");
    const transcript = page.getByRole("table", { name: "Transcript" });
    await expect(transcript).toContainText("RETR logo.png");
    await expect(transcript).toContainText("PASS ••••••••");
    await expect(page.getByRole("table", { name: "Data connections" }).getByRole("row")).toHaveCount(1 + 4);
    // A reply's frame link selects that packet in the Packets view.
    const row = transcript.getByRole("row").filter({ hasText: "RETR logo.png" });
    const frame = Number(await row.getByRole("button").first().textContent());
    await row.getByRole("button").first().click();
    await expect(page.getByRole("tab", { name: "Packets" })).toHaveAttribute("aria-selected", "true");
    await expect(packetList(page)).toBeVisible();
    await expect.poll(() => selectedNumber(page)).toBe(frame);
    // A listing's entries arrive when its file is shown.
    await page.getByRole("tab", { name: "Files", exact: true }).click();
    await page.getByRole("table", { name: "Files" }).getByRole("row").filter({ hasText: "LIST" }).first().click();
    await expect(page.getByRole("table", { name: "Listing entries" })).toContainText("drwxr-xr-x");
    expect(errors).toEqual([]);
  });

  test("Credentials: masked until revealed; hostile names stay text", async ({ page }) => {
    const errors = trackPageErrors(page);
    await openTab(page, "ftp-hostile-names-banner-pyftpdlib.pcap", "Credentials");
    const table = page.getByRole("table", { name: "Credentials" });
    await expect(table).toContainText("<img src=x onerror=alert(1)>");
    await expect(table).not.toContainText("Fixture-Pass-2024");
    await page.getByRole("button", { name: "Reveal password of pscftp" }).click();
    await expect(table).toContainText("Fixture-Pass-2024");
    // Markup from the capture made no element.
    expect(await page.locator(".ftp-view img, .ftp-view script, .ftp-view b").count()).toBe(0);
    await page.getByRole("tab", { name: "Sessions", exact: true }).click();
    await expect(page.getByRole("table", { name: "Transcript" })).toContainText("Welcome to <img src=x onerror=alert(1)> FTP");
    expect(await page.locator(".ftp-view img, .ftp-view script").count()).toBe(0);
    await page.getByRole("tab", { name: "Files", exact: true }).click();
    await expect(page.getByRole("button", { name: "Download <img src=x onerror=alert(1)>.txt" }).first()).toBeVisible();
    expect(errors).toEqual([]);
  });
});
