/**
 * MAC address names in the app, as tshark prints them by default: the FTP
 * fixture's first row is an ARP broadcast ("02:77:00:00:00:02 → Broadcast"
 * in `tshark -r`), its details label the address as Wireshark does, a filter
 * on eth.dst_resolved selects what tshark's selects, and the toolbar's
 * "Resolve MAC names" switches the names off (the capture is read again).
 */
import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { ftpFixture } from "./captures";
import { detailsTree, openFile, packetRow, trackPageErrors } from "./helpers";

const fixture = ftpFixture();
const FILTER = 'eth.dst_resolved == "Broadcast"';

/** tshark's count for the filter (recorded value when tshark is absent). */
function tsharkCount(): number {
  try {
    return execFileSync("tshark", ["-r", fixture, "-Y", FILTER], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })
      .split("\n")
      .filter(Boolean).length;
  } catch {
    return 1;
  }
}

test("MAC names in the list, details and filters; the toolbar turns them off", async ({ page }) => {
  const errors = trackPageErrors(page);
  await page.goto("/");
  await openFile(page, fixture);
  await expect(packetRow(page, 1)).toContainText("Broadcast");

  await packetRow(page, 1).click();
  await expect(detailsTree(page)).toContainText("Ethernet II, Src: 02:77:00:00:00:02 (02:77:00:00:00:02), Dst: Broadcast (ff:ff:ff:ff:ff:ff)");

  const bar = page.getByRole("textbox", { name: "Display filter", exact: true });
  await bar.fill(FILTER);
  await bar.press("Enter");
  await expect(page.getByText(new RegExp(`^Displayed: ${tsharkCount()} \\(`))).toBeVisible();
  await bar.fill("");
  await bar.press("Enter");

  const generation = Number(await page.locator(".app").getAttribute("data-generation"));
  await page.getByLabel("Resolve MAC names").uncheck();
  await expect(page.locator(`.app[data-state="ready"][data-generation="${generation + 1}"]`)).toBeVisible({ timeout: 60_000 });
  await expect(packetRow(page, 1)).toContainText("ff:ff:ff:ff:ff:ff");
  await expect(packetRow(page, 1)).not.toContainText("Broadcast");
  expect(errors).toEqual([]);
});
