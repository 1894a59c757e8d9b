/**
 * A gzip-compressed capture opens in the app: the worker streams it through
 * DecompressionStream into the origin-private file system and reads the
 * inflated copy. The .pcap.gz is made here from one of our fixtures (never
 * from ../shared); the packet count must be tshark's on the same file, and
 * a cut-short copy keeps the packets before the damage.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { gzipSync } from "node:zlib";
import { expect, test, type Page } from "@playwright/test";
import { ftpFixture, tempDir } from "./captures";
import { openFile, packetRow } from "./helpers";

/** Packets tshark reads (it exits non-zero on a cut-short file, after printing them). */
function tsharkCount(path: string): number {
  const out = spawnSync("tshark", ["-n", "-r", path, "-T", "fields", "-e", "frame.number"], { encoding: "utf8" }).stdout;
  return out.split("\n").filter((l) => l !== "").length;
}

test("a gzip-compressed pcap opens, with tshark's packet count and the file type said", async ({ page }) => {
  const path = join(tempDir(), `${basename(ftpFixture())}.gz`);
  writeFileSync(path, gzipSync(readFileSync(ftpFixture())));
  const packets = tsharkCount(path);
  expect(packets).toBeGreaterThan(10);
  await page.goto("/");
  await openFile(page, path);
  await expect(page.getByText(`Packets: ${packets}`, { exact: true })).toBeVisible();
  await expect(page.getByText("Wireshark/tcpdump/... - pcap (gzip compressed)")).toBeVisible();
  await expect(page.getByRole("alert")).toHaveCount(0);
  // A later view reads packets again by offset from the inflated copy.
  await packetRow(page, 3).click();
  await expect(page.getByRole("tree", { name: "Packet details" })).toContainText("Frame 3:");
  // The inflated copy is in the origin-private file system while the capture is open, and gone after the next one opens.
  expect(await inflatedCopies(page)).toBe(1);
  await openFile(page, ftpFixture());
  await expect.poll(() => inflatedCopies(page)).toBe(0);
});

/** Inflated captures in the origin's private file system. */
function inflatedCopies(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const root = (await navigator.storage.getDirectory()) as unknown as { keys(): AsyncIterable<string> };
    let n = 0;
    for await (const key of root.keys()) if (key.startsWith("pcapscope-inflated-")) n++;
    return n;
  });
}

test("a cut-short gzip file keeps the packets before the damage and says so", async ({ page }) => {
  const whole = gzipSync(readFileSync(ftpFixture()));
  const path = join(tempDir(), "cut.pcap.gz");
  writeFileSync(path, whole.subarray(0, Math.floor(whole.length * 0.6)));
  const packets = tsharkCount(path);
  expect(packets).toBeGreaterThan(0);
  await page.goto("/");
  await openFile(page, path);
  await expect(page.getByRole("alert")).toContainText(`the ${packets} packets before it are shown`);
  await expect(page.getByText(`Packets: ${packets}`, { exact: true })).toBeVisible();
});
