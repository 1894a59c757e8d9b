/**
 * File ▸ Export in chromium on the FTP fixture: the displayed packets after a
 * display filter, saved as pcapng and as pcap and read back with tshark (the
 * same frames as tshark's own -Y), marked packets (Ctrl+M, black rows), and
 * the displayed list as CSV.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { ftpFixture } from "./captures";
import { openFile, packetList, packetRow, trackPageErrors } from "./helpers";

const fixture = ftpFixture();
const FILTER = "ftp";

/** Length and time of every frame of a capture tshark reads (with a filter on the original). */
function tsharkFrames(file: string, filter?: string): string[] {
  const args = [
    "-n",
    "-r",
    file,
    ...(filter ? ["-Y", filter] : []),
    "-T",
    "fields",
    "-e",
    "frame.len",
    "-e",
    "frame.time_epoch",
    "-e",
    "frame.protocols",
  ];
  return execFileSync("tshark", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })
    .split("\n")
    .filter(Boolean);
}

async function exportPackets(page: Page, which: string, format: "pcapng" | "pcap"): Promise<string> {
  const dialog = page.getByRole("dialog", { name: "Export" });
  await dialog.getByRole("radio", { name: which }).check();
  await dialog.getByLabel("Capture format").selectOption(format);
  const [download] = await Promise.all([page.waitForEvent("download"), dialog.getByRole("button", { name: "Export packets" }).click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`-export\\.${format}$`));
  return (await download.path())!;
}

test("exports the displayed packets, marked packets and the list", async ({ page }) => {
  const errors = trackPageErrors(page);
  await page.goto("/");
  await openFile(page, fixture);
  const bar = page.getByRole("textbox", { name: "Display filter", exact: true });
  await bar.fill(FILTER);
  await bar.press("Enter");
  const expected = tsharkFrames(fixture, FILTER);
  await expect(page.getByText(new RegExp(`^Displayed: ${expected.length} `))).toBeVisible();

  // Two packets marked with Ctrl+M on the selected row; a third marked and unmarked again.
  const firstTwo = await packetList(page)
    .locator('[role="row"][data-number]')
    .evaluateAll((rows) => rows.slice(0, 3).map((r) => Number(r.getAttribute("data-number"))));
  for (const n of firstTwo) {
    await packetRow(page, n).click();
    await page.keyboard.press("Control+m");
  }
  await page.keyboard.press("Control+m");
  await expect(packetRow(page, firstTwo[0]!)).toHaveAttribute("data-marked", "true");
  await expect(packetRow(page, firstTwo[1]!)).toHaveAttribute("data-marked", "true");
  await expect(packetRow(page, firstTwo[2]!)).not.toHaveAttribute("data-marked", "true");
  await packetRow(page, firstTwo[2]!).click();
  await expect(packetRow(page, firstTwo[0]!)).toHaveCSS("background-color", "rgb(0, 0, 0)");

  await page.getByRole("button", { name: "Export…" }).click();
  const dialog = page.getByRole("dialog", { name: "Export" });
  await expect(dialog.getByRole("radio", { name: /Displayed packets/ })).toBeChecked();

  for (const format of ["pcapng", "pcap"] as const) {
    const saved = await exportPackets(page, "Displayed packets", format);
    expect(tsharkFrames(saved)).toEqual(expected);
    await expect(dialog.getByRole("status")).toHaveText(`Exported ${expected.length} packets`);
  }

  const all = tsharkFrames(fixture);
  const marked = await exportPackets(page, "Marked packets (Ctrl+M)", "pcapng");
  expect(tsharkFrames(marked)).toEqual(firstTwo.slice(0, 2).map((n) => all[n - 1]));

  await dialog.getByLabel("List format").selectOption("csv");
  const [csvDownload] = await Promise.all([page.waitForEvent("download"), dialog.getByRole("button", { name: "Export list" }).click()]);
  const csv = readFileSync((await csvDownload.path())!, "utf8")
    .split("\n")
    .filter(Boolean);
  expect(csv[0]).toBe('"No.","Time","Source","Destination","Protocol","Length","Info"');
  expect(csv.length).toBe(expected.length + 1);
  expect(csv.slice(1).map((line) => line.split('","')[5])).toEqual(expected.map((l) => l.split("\t")[0]));
  expect(errors).toEqual([]);
});
