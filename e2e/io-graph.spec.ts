/**
 * Statistics ▸ I/O Graph in chromium: a graph added with its own display
 * filter counts, per 1 s interval, the packets `tshark -q -z
 * io,stat,1,FILTER` counts (read back from the exported CSV); log scale and
 * PNG export work; a click on the chart selects the first packet of that
 * interval in the Packets view.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { ROOT } from "./captures";
import { openFile, packetList, trackPageErrors } from "./helpers";

const FIXTURE = join(ROOT, "fixtures/ftp-lossy-pasv-retransmissions-vsftpd.pcap");
const FILTER = "tcp.analysis.retransmission || ftp";

/** tshark's frames per 1 s interval for FILTER (null without tshark). */
function tsharkFrames(): number[] | null {
  try {
    const out = execFileSync("tshark", ["-n", "-r", FIXTURE, "-q", "-z", `io,stat,1,${FILTER}`], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    return out
      .split("\n")
      .filter((l) => /^\| +[\d.]+ <> /.test(l))
      .map((l) => Number(l.split("|")[2]!.trim()));
  } catch {
    return null;
  }
}

test("I/O Graph: a filtered graph equals tshark -z io,stat, exported as CSV and PNG; a click selects a packet", async ({ page }) => {
  const errors = trackPageErrors(page);
  await page.goto("/");
  await openFile(page, FIXTURE);
  await page.getByRole("tab", { name: "Statistics", exact: true }).click();
  await page.getByRole("tab", { name: "I/O Graph", exact: true }).click();
  const status = page.getByRole("toolbar", { name: "I/O Graph options" }).getByRole("status");
  await expect(status).toContainText("intervals");

  await page.getByRole("button", { name: "Add graph" }).click();
  const filter = page.getByLabel("Display filter of Graph 3");
  await filter.fill(FILTER);
  await filter.press("Enter");
  await expect(status).toContainText("intervals");
  await expect(page.getByRole("img", { name: "I/O Graph chart" }).locator("canvas")).toBeVisible();

  const [csvDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export CSV" }).click()]);
  expect(csvDownload.suggestedFilename()).toBe("io-graph.csv");
  const lines = readFileSync((await csvDownload.path())!, "utf8")
    .split("\n")
    .filter(Boolean);
  expect(lines[0]).toBe(`"Interval start (s)","All packets: Packets","Graph 3: Packets [${FILTER}]"`);
  const ours = lines.slice(1).map((l) => Number(JSON.parse(`[${l}]`)[2]));
  expect(ours.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  const theirs = tsharkFrames();
  if (theirs) {
    expect(ours.slice(0, theirs.length)).toEqual(theirs);
    expect(ours.slice(theirs.length).every((v) => v === 0 || ours.length === theirs.length + 1)).toBe(true);
  }

  await page.getByLabel("Log scale").check();
  const [png] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export PNG" }).click()]);
  expect(png.suggestedFilename()).toBe("io-graph.png");
  expect(
    readFileSync((await png.path())!)
      .subarray(1, 4)
      .toString(),
  ).toBe("PNG");

  // The first interval holds frame 1: a click at the plot's left edge selects it in the Packets view.
  const over = page.locator(".io-chart-plot .u-over");
  const box = (await over.boundingBox())!;
  await page.mouse.click(box.x + 2, box.y + box.height / 2);
  await expect(page.getByRole("tab", { name: "Packets", exact: true })).toHaveAttribute("aria-selected", "true");
  await expect(packetList(page).locator('[role="row"][aria-selected="true"]')).toHaveAttribute("data-number", "1");
  expect(errors).toEqual([]);
});
