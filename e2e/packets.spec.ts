/**
 * The Packets view on the project's own FTP fixture: open, list, select,
 * details, bytes, keyboard, sort, time format, URL hash, and that nothing
 * leaves the page's origin.
 */
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { ftpFixture, pcapRecords } from "./captures";
import {
  detailsTree,
  expectSameOrigin,
  openFile,
  packetList,
  packetRow,
  selectedNumber,
  trackPageErrors,
  trackRequests,
  waitForState,
} from "./helpers";

const fixture = ftpFixture();
const packets = pcapRecords(new Uint8Array(readFileSync(fixture))).length;

test.describe("Packets view", () => {
  test("landing page offers the file input and the sample", async ({ page }) => {
    const urls = trackRequests(page);
    await page.goto("/");
    await waitForState(page, "idle");
    await expect(page.getByLabel("Open capture", { exact: true })).toBeAttached();
    await expect(page.getByRole("button", { name: "Open sample capture" })).toBeVisible();
    await page.getByRole("button", { name: "Open sample capture" }).click();
    await waitForState(page, "ready");
    await expect(page.getByText(`Packets: ${packets}`, { exact: true })).toBeVisible();
    await expect(page.getByRole("tab", { name: "Packets" })).toHaveAttribute("aria-selected", "true");
    expectSameOrigin(urls, new URL(page.url()).origin);
  });

  test("open, select, expand, highlight, navigate", async ({ page }) => {
    const urls = trackRequests(page);
    const errors = trackPageErrors(page);
    await page.goto("/");
    await openFile(page, fixture);
    await expect(page.getByText(`Packets: ${packets}`, { exact: true })).toBeVisible();
    const list = packetList(page);
    await expect(list.getByRole("columnheader")).toHaveText(
      ["No.", "Time", "Source", "Destination", "Protocol", "Length", "Info"].map((t) => new RegExp(`^${t}`)),
    );
    await expect(packetRow(page, 1)).toBeVisible();

    // Select a packet; its layers appear in the details tree.
    await packetRow(page, 1).click();
    await expect(packetRow(page, 1)).toHaveAttribute("aria-selected", "true");
    const tree = detailsTree(page);
    const frame = tree.getByRole("treeitem", { name: /^Frame 1:/ });
    await expect(frame).toBeVisible();
    const eth = tree.locator('[role="treeitem"][data-field="eth"]');
    await expect(eth).toHaveAttribute("aria-expanded", "false");

    // Expand Ethernet; fields show their Wireshark names on hover.
    await eth.click();
    await page.keyboard.press("ArrowRight");
    await expect(eth).toHaveAttribute("aria-expanded", "true");
    const ethSrc = tree.locator('[role="treeitem"][data-field="eth.src"]');
    await expect(ethSrc).toHaveAttribute("title", "eth.src");

    // Selecting a field highlights its 6 bytes (hex and ASCII).
    await ethSrc.click();
    const bytes = page.getByRole("region", { name: "Packet bytes" });
    await expect(bytes.locator(".hx-hex .hx-hl")).toHaveCount(6);
    await expect(bytes.locator(".hx-hex [data-offset='6']")).toHaveClass(/hx-hl/);
    await expect(page.getByRole("tab", { name: /^Frame \(\d+ bytes\)$/ })).toBeVisible();

    // Clicking a byte selects the deepest field covering it: byte 12 is eth.type.
    await bytes.locator(".hx-hex [data-offset='12']").click();
    await expect(tree.locator('[role="treeitem"][aria-selected="true"]')).toHaveAttribute("data-field", "eth.type");

    // Context menu on a field.
    await ethSrc.click({ button: "right" });
    const menu = page.getByRole("menu");
    await expect(menu.getByRole("menuitem", { name: "Copy value" })).toBeEnabled();
    await expect(menu.getByRole("menuitem", { name: "Copy field name" })).toBeEnabled();
    await expect(menu.getByRole("menuitem", { name: "Apply as Filter" })).toBeEnabled();
    await page.keyboard.press("Escape");
    await expect(menu).toHaveCount(0);

    // Keyboard in the packet list.
    await list.focus();
    await page.keyboard.press("ArrowDown");
    expect(await selectedNumber(page)).toBe(2);
    await page.keyboard.press("End");
    await expect(packetRow(page, packets)).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("Home");
    await expect(packetRow(page, 1)).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("PageDown");
    expect(await selectedNumber(page)).toBeGreaterThan(2);
    await page.keyboard.press("ArrowUp");

    // Ctrl+G goes to a packet number.
    await page.keyboard.press("Control+g");
    const dialog = page.getByRole("dialog", { name: "Go to packet" });
    await dialog.getByLabel("Packet number").fill("5");
    await page.keyboard.press("Enter");
    await expect(dialog).toHaveCount(0);
    await expect(packetRow(page, 5)).toHaveAttribute("aria-selected", "true");
    await expect(page).toHaveURL(/#packet=5$/);

    expectSameOrigin(urls, new URL(page.url()).origin);
    expect(errors).toEqual([]);
  });

  test("sorting, time formats and colouring", async ({ page }) => {
    await page.goto("/");
    await openFile(page, fixture);
    const list = packetList(page);
    const lengthHeader = list.getByRole("columnheader", { name: /^Length/ });
    await lengthHeader.getByRole("button").click();
    await expect(lengthHeader).toHaveAttribute("aria-sort", "ascending");
    const lengths = async (): Promise<number[]> =>
      (await list.locator('[role="row"][data-number] .pl-col-length').allTextContents()).map(Number);
    await expect
      .poll(async () => {
        const l = await lengths();
        return l.length > 1 && l.every((v, i) => i === 0 || l[i - 1]! <= v);
      })
      .toBe(true);
    await lengthHeader.getByRole("button").click();
    await expect(lengthHeader).toHaveAttribute("aria-sort", "descending");
    await expect
      .poll(async () => {
        const l = await lengths();
        return l.length > 1 && l.every((v, i) => i === 0 || l[i - 1]! >= v);
      })
      .toBe(true);
    await lengthHeader.getByRole("button").click();
    await expect(lengthHeader).toHaveAttribute("aria-sort", "none");
    await expect(list.locator('[role="row"][data-number]').first()).toHaveAttribute("data-number", "1");

    const firstTime = list.locator('[role="row"][data-number="1"] .pl-col-time');
    await expect(firstTime).toHaveText(/^0\.0+$/);
    await page.getByLabel("Time format").selectOption("epoch");
    await expect(firstTime).toHaveText(/^\d{9,}\.\d{6,9}$/);
    await page.getByLabel("Time format").selectOption("utc");
    await expect(firstTime).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6,9}$/);
    await page.getByLabel("Time format").selectOption("relative");

    // Wireshark's colouring rules colour rows; the toggle turns them off.
    const coloured = async (): Promise<number> =>
      list
        .locator('[role="row"][data-number]')
        .evaluateAll((rows) => rows.filter((r) => (r as HTMLElement).style.background !== "").length);
    await expect.poll(coloured).toBeGreaterThan(0);
    await page.getByLabel("Colour rows").uncheck();
    await expect.poll(coloured).toBe(0);
    await page.getByLabel("Colour rows").check();
  });

  test("the URL hash brings back the selected packet when the same file is opened again", async ({ page }) => {
    await page.goto("/");
    await openFile(page, fixture);
    await packetRow(page, 7).click();
    await expect(page).toHaveURL(/#packet=7$/);
    await page.reload();
    await waitForState(page, "idle");
    await openFile(page, fixture);
    await expect(packetRow(page, 7)).toHaveAttribute("aria-selected", "true");
  });

  test("a worker crash shows an alert and the page keeps working", async ({ page }) => {
    await page.goto("/");
    await openFile(page, fixture);
    await page.evaluate(() => window.__pcapscope!.simulateWorkerCrash());
    await expect(page.getByRole("alert")).toContainText("The analyzer stopped unexpectedly");
    // Opening another file replaces the dead session with a fresh worker.
    await openFile(page, fixture);
    await expect(page.getByRole("alert")).toHaveCount(0);
    await packetRow(page, 3).click();
    await expect(detailsTree(page).getByRole("treeitem", { name: /^Frame 3:/ })).toBeVisible();
  });
});
