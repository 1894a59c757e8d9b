/**
 * Display filters in chromium on the FTP fixture: the filter bar (colours,
 * tshark's error with its place marked, warnings, completion, history,
 * Enter, Esc, Ctrl+/), "Displayed: N (x%)" and the rows against tshark,
 * "Apply/Prepare as Filter" from the details tree, Conversation Filter from
 * the packet list, filter buttons, the URL hash across a reload, and on a
 * large capture: progress, Cancel, and a newer filter replacing a running one.
 */
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { ftpFixture, syntheticPcap, tempDir } from "./captures";
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

/** What tshark 4.0.17 selects on the fixture (frame counts), asked of tshark itself when it is installed. */
const RECORDED: Record<string, number> = {
  ftp: 51,
  "ftp || ftp-data": 63,
  "tcp.flags.syn == 1 && tcp.flags.ack == 0": 5,
  'ftp.request.command in {"USER", "PASS"}': 2,
  arp: 2,
  'ftp.request.command == "USER"': 1,
  '(ftp.request.command == "USER") || ip.src == 10.77.0.2': 48,
  "ip.addr==10.77.0.1 && tcp.port==21 && ip.addr==10.77.0.2 && tcp.port==52594": 64,
  "eth.addr==02:77:00:00:00:01 && eth.addr==02:77:00:00:00:02": 113,
};

function tsharkFrames(filter: string): number[] | null {
  try {
    const out = execFileSync("tshark", ["-n", "-r", fixture, "-Y", filter, "-T", "fields", "-e", "frame.number"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    return out.split("\n").filter(Boolean).map(Number);
  } catch {
    return null;
  }
}

function expectedCount(filter: string): number {
  return tsharkFrames(filter)?.length ?? RECORDED[filter]!;
}

const TOTAL = 114;
const pct = (n: number): string => ((n / TOTAL) * 100).toFixed(1);

const bar = (page: Page) => page.getByRole("textbox", { name: "Display filter", exact: true });

async function applyFilter(page: Page, filter: string): Promise<void> {
  await bar(page).fill(filter);
  await bar(page).press("Enter");
}

async function expectDisplayed(page: Page, n: number): Promise<void> {
  await expect(page.getByText(`Displayed: ${n} (${pct(n)}%)`, { exact: true })).toBeVisible();
}

async function shownNumbers(page: Page): Promise<number[]> {
  return await packetList(page)
    .locator('[role="row"][data-number]')
    .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute("data-number"))));
}

test.describe("Display filters", () => {
  test("type filters: colours, Displayed count and rows as tshark, errors, warnings, Esc, Ctrl+/", async ({ page }) => {
    const urls = trackRequests(page);
    const errors = trackPageErrors(page);
    await page.goto("/");
    await openFile(page, fixture);
    await expect(page.getByText(`Packets: ${TOTAL}`, { exact: true })).toBeVisible();

    // A valid filter turns the bar green; Enter applies it.
    await bar(page).fill("ftp");
    await expect(bar(page)).toHaveAttribute("data-status", "valid");
    expect(await bar(page).evaluate((e) => getComputedStyle(e).backgroundColor)).toBe("rgb(175, 255, 175)");
    await bar(page).press("Enter");
    await expectDisplayed(page, expectedCount("ftp"));
    await expect(page.getByText("Displayed: 51 (44.7%)", { exact: true })).toBeVisible();
    await expect(packetRow(page, 1)).toHaveCount(0); // ARP
    await expect(packetRow(page, 6)).toBeVisible();
    await expect(page).toHaveURL(/#filter=ftp$/);

    for (const f of ["ftp || ftp-data", 'ftp.request.command in {"USER", "PASS"}', "arp"]) {
      await applyFilter(page, f);
      await expectDisplayed(page, expectedCount(f));
    }
    // The rows are tshark's.
    const syn = "tcp.flags.syn == 1 && tcp.flags.ack == 0";
    await applyFilter(page, syn);
    await expectDisplayed(page, expectedCount(syn));
    const synFrames = tsharkFrames(syn) ?? [3, 29, 45, 63, 83];
    await expect.poll(() => shownNumbers(page)).toEqual(synFrames);

    // A bad filter: red, tshark's message, the wrong part marked; Enter does not apply it.
    await bar(page).fill("tcp.prot == 1");
    await expect(bar(page)).toHaveAttribute("data-status", "invalid");
    await expect(bar(page)).toHaveAttribute("aria-invalid", "true");
    expect(await bar(page).evaluate((e) => getComputedStyle(e).backgroundColor)).toBe("rgb(255, 175, 175)");
    const message = page.locator("#filter-message");
    await expect(message).toContainText('Left side of "==" expression must be a field or function, not tcp.prot.');
    await expect(message.locator("mark")).toHaveText("tcp.prot");
    await bar(page).press("Enter");
    await expectDisplayed(page, synFrames.length);

    // A deprecated form: yellow, with tshark's warning; it still applies.
    await bar(page).fill("ip.addr ~= 1.2.3.4");
    await expect(bar(page)).toHaveAttribute("data-status", "warning");
    await expect(message).toContainText('The operator "~=" is deprecated');
    await bar(page).press("Enter");
    await expectDisplayed(page, 112);

    // Ctrl+/ comes to the bar from the packet list; Esc empties it and shows every packet.
    await packetList(page).focus();
    await page.keyboard.press("Control+/");
    await expect(bar(page)).toBeFocused();
    // From another view too: it comes back to the Packets view.
    await page.getByRole("tab", { name: "Sessions", exact: true }).click();
    await page.keyboard.press("Control+/");
    await expect(page.getByRole("tab", { name: "Packets" })).toHaveAttribute("aria-selected", "true");
    await expect(bar(page)).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(bar(page)).toHaveValue("");
    await expect(page.getByText(/^Displayed: /)).toHaveCount(0);
    await expect(packetRow(page, 1)).toBeVisible();

    // History: most recent first; choosing one applies it.
    await page.getByRole("button", { name: "Recent filters" }).click();
    const recent = page.getByRole("listbox", { name: "Recent filters" });
    await expect(recent.getByRole("option").first()).toHaveText("ip.addr ~= 1.2.3.4");
    await expect(recent.getByRole("option", { name: "ftp", exact: true })).toBeVisible();
    await recent.getByRole("option", { name: "arp", exact: true }).click();
    await expect(bar(page)).toHaveValue("arp");
    await expectDisplayed(page, expectedCount("arp"));

    expect(errors).toEqual([]);
    expectSameOrigin(urls, new URL(page.url()).origin);
  });

  test("completion of field names", async ({ page }) => {
    await page.goto("/");
    await openFile(page, fixture);
    await bar(page).click();
    await page.keyboard.type("ftp.request.comm");
    const names = page.getByRole("listbox", { name: "Field names" });
    const option = names.getByRole("option").first();
    await expect(option).toContainText("ftp.request.command");
    await expect(option).toContainText("Request command");
    // Tab takes the first; the rest of the filter is typed after it.
    await page.keyboard.press("Tab");
    await expect(bar(page)).toHaveValue("ftp.request.command");
    await expect(names).toHaveCount(0);
    await page.keyboard.type(' == "USER" && ip.s');
    // Arrows pick among several; Enter takes the one picked.
    const optionNames = names.locator(".filter-option-name");
    await expect(optionNames.filter({ hasText: /^ip\.src$/ })).toBeVisible();
    const at = (await optionNames.allTextContents()).indexOf("ip.src");
    for (let i = 0; i <= at; i++) await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await expect(bar(page)).toHaveValue('ftp.request.command == "USER" && ip.src');
    await page.keyboard.type(" == 10.77.0.2");
    await page.keyboard.press("Enter");
    await expectDisplayed(page, 1);
  });

  test("Apply and Prepare as Filter from the details tree; the selection follows the filter", async ({ page }) => {
    await page.goto("/");
    await openFile(page, fixture);
    await packetRow(page, 8).click(); // Request: USER anonymous
    const tree = detailsTree(page);
    await tree.locator('[data-field="ftp"]').click();
    await page.keyboard.press("ArrowRight"); // open FTP
    await page.keyboard.press("ArrowDown"); // the request line (text)
    await page.keyboard.press("ArrowRight"); // open it

    // A text line has no field: nothing to filter on.
    await tree.locator('[data-field="_ws.text"]').click({ button: "right" });
    await expect(page.getByRole("menu", { name: "Field _ws.text" }).getByRole("menuitem", { name: "Apply as Filter" })).toBeDisabled();
    await page.keyboard.press("Escape");

    await tree.locator('[data-field="ftp.request.command"]').click({ button: "right" });
    const menu = page.getByRole("menu", { name: "Field ftp.request.command" });
    await menu.getByRole("menuitem", { name: "Apply as Filter" }).click();
    await page.getByRole("menu", { name: "Apply as Filter" }).getByRole("menuitem", { name: "Selected", exact: true }).click();
    await expect(bar(page)).toHaveValue('ftp.request.command == "USER"');
    await expectDisplayed(page, expectedCount('ftp.request.command == "USER"'));
    // Packet 8 is still shown, so it stays selected.
    expect(await selectedNumber(page)).toBe(8);

    // Prepare "…or Selected" on ip.src: the bar changes, the list does not until Enter.
    await tree.locator('[data-field="ip"]').click();
    await page.keyboard.press("ArrowRight");
    await tree.locator('[data-field="ip.src"]').click({ button: "right" });
    await page.getByRole("menu", { name: "Field ip.src" }).getByRole("menuitem", { name: "Prepare as Filter" }).click();
    await page.getByRole("menu", { name: "Prepare as Filter" }).getByRole("menuitem", { name: "…or Selected", exact: true }).click();
    const combined = '(ftp.request.command == "USER") || ip.src == 10.77.0.2';
    await expect(bar(page)).toHaveValue(combined);
    await expect(bar(page)).toBeFocused();
    await expectDisplayed(page, 1);
    await page.keyboard.press("Enter");
    await expectDisplayed(page, expectedCount(combined));

    // Keyboard: Apply as Filter ▸ Not Selected with arrows and Enter.
    await tree.locator('[data-field="ip.src"]').click({ button: "right" });
    const fieldMenu = page.getByRole("menu", { name: "Field ip.src" });
    await fieldMenu.getByRole("menuitem", { name: "Apply as Filter" }).focus();
    await page.keyboard.press("ArrowRight");
    await expect(
      page.getByRole("menu", { name: "Apply as Filter" }).getByRole("menuitem", { name: "Selected", exact: true }),
    ).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await expect(bar(page)).toHaveValue("!(ip.src == 10.77.0.2)");
    // Packet 8 came from 10.77.0.2: it is no longer shown, so nothing is selected.
    await expect.poll(() => selectedNumber(page)).toBeNull();
  });

  test("Conversation Filter from the packet list", async ({ page }) => {
    await page.goto("/");
    await openFile(page, fixture);
    await packetRow(page, 6).click({ button: "right" }); // 220 from 10.77.0.1:21
    const menu = page.getByRole("menu", { name: "Packet" });
    await menu.getByRole("menuitem", { name: "Conversation Filter" }).click();
    const sub = page.getByRole("menu", { name: "Conversation Filter" });
    await expect(sub.getByRole("menuitem", { name: "IPv6" })).toBeDisabled();
    await expect(sub.getByRole("menuitem", { name: "UDP" })).toBeDisabled();
    await sub.getByRole("menuitem", { name: "TCP" }).click();
    const tcp = "ip.addr==10.77.0.1 && tcp.port==21 && ip.addr==10.77.0.2 && tcp.port==52594";
    await expect(bar(page)).toHaveValue(tcp);
    await expectDisplayed(page, expectedCount(tcp));

    await packetRow(page, 6).click({ button: "right" });
    await menu.getByRole("menuitem", { name: "Conversation Filter" }).click();
    await sub.getByRole("menuitem", { name: "Ethernet" }).click();
    const eth = "eth.addr==02:77:00:00:00:01 && eth.addr==02:77:00:00:00:02";
    await expect(bar(page)).toHaveValue(eth);
    await expectDisplayed(page, expectedCount(eth));
  });

  test("filter buttons: defaults, save one, use, edit, reorder, delete; kept across a reload", async ({ page }) => {
    await page.goto("/");
    await page.evaluate(() => localStorage.removeItem("pcapscope.filterButtons"));
    await page.reload();
    await openFile(page, fixture);
    const buttons = page.getByRole("toolbar", { name: "Filter buttons" });
    await expect(buttons.getByRole("button")).toHaveText(["FTP", "SYN", "Logins", "TCP problems"]);
    await buttons.getByRole("button", { name: "Logins" }).click();
    await expect(bar(page)).toHaveValue('ftp.request.command in {"USER", "PASS"}');
    await expectDisplayed(page, expectedCount('ftp.request.command in {"USER", "PASS"}'));
    await buttons.getByRole("button", { name: "SYN" }).click();
    await expectDisplayed(page, expectedCount("tcp.flags.syn == 1 && tcp.flags.ack == 0"));

    // "+" saves the bar's text as a button.
    await bar(page).fill("arp");
    await page.getByRole("button", { name: "Save this filter as a button" }).click();
    const dialog = page.getByRole("dialog", { name: "New filter button" });
    await expect(dialog.getByLabel("Filter")).toHaveValue("arp");
    await dialog.getByLabel("Label").fill("ARP");
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(buttons.getByRole("button")).toHaveText(["FTP", "SYN", "Logins", "TCP problems", "ARP"]);
    await bar(page).fill("");
    await buttons.getByRole("button", { name: "ARP" }).click();
    await expectDisplayed(page, expectedCount("arp"));

    // Move left, edit, and the order and text survive a reload.
    await buttons.getByRole("button", { name: "ARP" }).click({ button: "right" });
    await page.getByRole("menu", { name: "Filter button ARP" }).getByRole("menuitem", { name: "Move left" }).click();
    await expect(buttons.getByRole("button")).toHaveText(["FTP", "SYN", "Logins", "ARP", "TCP problems"]);
    await buttons.getByRole("button", { name: "ARP" }).click({ button: "right" });
    await page.getByRole("menuitem", { name: "Edit…" }).click();
    const edit = page.getByRole("dialog", { name: "Edit filter button" });
    await edit.getByLabel("Label").fill("FTP data");
    await edit.getByLabel("Filter").fill("ftp-data ||");
    await expect(edit.getByRole("button", { name: "Save" })).toBeDisabled(); // not a valid filter
    await edit.getByLabel("Filter").fill("ftp-data");
    await edit.getByRole("button", { name: "Save" }).click();
    // Dragging "FTP data" onto "FTP" puts it first.
    await buttons.getByRole("button", { name: "FTP data" }).dragTo(buttons.getByRole("button", { name: "FTP", exact: true }));
    await expect(buttons.getByRole("button")).toHaveText(["FTP data", "FTP", "SYN", "Logins", "TCP problems"]);
    await page.reload();
    await openFile(page, fixture);
    await expect(buttons.getByRole("button")).toHaveText(["FTP data", "FTP", "SYN", "Logins", "TCP problems"]);
    await expect(buttons.getByRole("button", { name: "FTP data" })).toHaveAttribute("title", "ftp-data");
    await buttons.getByRole("button", { name: "FTP data" }).click({ button: "right" });
    await page.getByRole("menuitem", { name: "Delete" }).click();
    await expect(buttons.getByRole("button")).toHaveText(["FTP", "SYN", "Logins", "TCP problems"]);
  });

  test("the URL hash keeps the filter across a reload", async ({ page }) => {
    await page.goto("/");
    await openFile(page, fixture);
    await applyFilter(page, "ftp");
    await expectDisplayed(page, 51);
    await packetRow(page, 8).click();
    await expect(page).toHaveURL(/#filter=ftp&packet=8$/);
    await page.reload();
    await waitForState(page, "idle");
    await openFile(page, fixture);
    await expect(bar(page)).toHaveValue("ftp");
    await expectDisplayed(page, 51);
    await expect(packetRow(page, 8)).toHaveAttribute("aria-selected", "true");
    await expect(packetRow(page, 1)).toHaveCount(0);
  });
});

test.describe("Display filters on a large capture", () => {
  test("progress, Cancel, and a newer filter replacing a running one; the list stays live", async ({ page }) => {
    test.setTimeout(300_000);
    const dir = tempDir();
    const path = join(dir, "filter-1m.pcap");
    syntheticPcap(path, 1_000_000);
    try {
      await filterLargeCapture(page, path);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** The large-capture test's steps (the 58 MB file it makes is removed whatever happens). */
async function filterLargeCapture(page: Page, path: string): Promise<void> {
  await page.goto("/");
  await openFile(page, path, "ready", 240_000);

  // ip.id is not in the packet index: every row is dissected again, which takes a while.
  await applyFilter(page, "ip.id == 5");
  const progress = page.getByRole("progressbar", { name: "Filtering" });
  await expect(progress).toBeVisible();
  // The list still answers while the filter runs.
  await packetRow(page, 3).click();
  expect(await selectedNumber(page)).toBe(3);
  await page.getByRole("button", { name: "Cancel filtering" }).click();
  await expect(progress).toHaveCount(0);
  await expect(page.getByText(/^Displayed: /)).toHaveCount(0);
  // The text stays in the bar, to be corrected and tried again.
  await expect(bar(page)).toHaveValue("ip.id == 5");

  // A newer filter replaces a running one: only the newer one's rows show.
  await applyFilter(page, "ip.id == 5");
  await expect(progress).toBeVisible();
  await applyFilter(page, "udp.srcport == 40007");
  await expect(page.getByText("Displayed: 1000 (0.1%)", { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(progress).toHaveCount(0);
  await expect(packetRow(page, 8)).toBeVisible();
  await expect(packetRow(page, 3)).toHaveCount(0);
}
