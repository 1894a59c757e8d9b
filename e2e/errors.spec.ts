/** Damaged and foreign files: the alert says what happened in plain words. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { ftpFixture, tempDir, truncatedCopy } from "./captures";
import { openFile, packetRow, waitForState } from "./helpers";

test("a truncated capture shows the packets before the damage and says where it ends", async ({ page }) => {
  const dir = tempDir();
  const cut = truncatedCopy(ftpFixture(), dir);
  await page.goto("/");
  await openFile(page, cut.path);
  const before = cut.packet - 1;
  await expect(page.getByRole("alert")).toHaveText(
    `The file ends in the middle of packet ${cut.packet} at byte ${cut.offset}; the ${before} packets before it are shown`,
  );
  await expect(page.getByText(`Packets: ${before}`, { exact: true })).toBeVisible();
  await expect(packetRow(page, 1)).toBeVisible();
});

test("a file that is not a capture is refused with its first bytes", async ({ page }) => {
  const path = join(tempDir(), "notes.txt");
  writeFileSync(path, "Hello, this is plain text and certainly not a capture.\n");
  await page.goto("/");
  await openFile(page, path, "error");
  await expect(page.getByRole("alert")).toHaveText(/^This is not a capture file \(it looks like text; first bytes: 48 65 6c 6c 6f 2c 20 74\)/);
  // Still usable: the landing page is back and another file opens.
  await waitForState(page, "error");
  await openFile(page, ftpFixture());
  await expect(page.getByRole("alert")).toHaveCount(0);
});
