/**
 * Column preferences in the Packets view: "Apply as Column" on a details
 * line adds a custom column whose values and sort order are tshark's; a
 * column hidden from the header's menu and one dragged to another place
 * and one renamed stay so after the page is reloaded.
 */
import { execFileSync } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { ftpFixture } from "./captures";
import { detailsTree, openFile, packetList, packetRow } from "./helpers";

const fixture = ftpFixture();
const FIELD = "tcp.seq_raw";

/** tshark's value of a field for every frame number. */
function tsharkValues(field = FIELD): Map<number, string> {
  const out = execFileSync("tshark", ["-n", "-r", fixture, "-T", "fields", "-e", "frame.number", "-e", field], { encoding: "utf8" });
  return new Map(
    out
      .split("\n")
      .filter(Boolean)
      .map((l) => {
        const [n, v] = l.split("\t");
        return [Number(n), v ?? ""] as const;
      }),
  );
}

const headers = (page: Page) => packetList(page).getByRole("columnheader");
const shownNumbers = async (page: Page): Promise<number[]> =>
  (await packetList(page)
    .locator('[role="row"][data-number]')
    .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute("data-number"))))) as number[];

test("custom column from the details pane, sorted, filtered; hidden and moved columns persist", async ({ page }) => {
  const values = tsharkValues();
  await page.goto("/");
  await page.evaluate(() => localStorage.removeItem("pcapscope.columns"));
  await openFile(page, fixture);
  const list = packetList(page);

  // Apply as Column on TCP's raw sequence number of packet 3 (the first TCP packet).
  await packetRow(page, 3).click();
  const tree = detailsTree(page);
  await tree.locator('[role="treeitem"][data-field="tcp"]').click();
  await page.keyboard.press("ArrowRight");
  await tree.locator(`[role="treeitem"][data-field="${FIELD}"]`).click({ button: "right" });
  await page.getByRole("menuitem", { name: "Apply as Column" }).click();
  await expect(headers(page)).toHaveText(
    ["No.", "Time", "Source", "Destination", "Protocol", "Length", FIELD, "Info"].map((t) => new RegExp(`^${t.replace(".", "\\.")}`)),
  );
  const column = list.getByRole("columnheader").nth(6);
  const cellOf = (n: number) => packetRow(page, n).getByRole("gridcell").nth(6);
  await expect(cellOf(3)).toHaveText(values.get(3)!);
  await expect(cellOf(4)).toHaveText(values.get(4)!);
  await expect(cellOf(1)).toHaveText("");

  // Sort by it, descending: the rows on screen are tshark's largest values, ties in frame order.
  await column.getByRole("button").click();
  await expect(column).toHaveAttribute("aria-sort", "ascending");
  await column.getByRole("button").click();
  await expect(column).toHaveAttribute("aria-sort", "descending");
  const key = (v: string): number => (v === "" ? -Infinity : Number(v));
  // The list keeps the selected packet in view: Home selects the first row, at the top.
  await list.focus();
  await page.keyboard.press("Home");
  const expected = [...values].sort((a, b) => key(b[1]) - key(a[1]) || a[0] - b[0]).map(([n]) => n);
  await expect.poll(async () => (await shownNumbers(page)).slice(0, 10)).toEqual(expected.slice(0, 10));
  const first = expected[0]!;
  await expect(cellOf(first)).toHaveText(values.get(first)!);

  // Hide Protocol from the header's menu; drag Length before No.
  await list.getByRole("columnheader", { name: /^Protocol/ }).click({ button: "right" });
  await page.getByRole("menuitem", { name: "Hide this Column" }).click();
  await list.getByRole("columnheader", { name: /^Length/ }).dragTo(list.getByRole("columnheader", { name: /^No\./ }));
  // Rename the custom column in place.
  await list.getByRole("columnheader", { name: /^tcp\.seq_raw/ }).click({ button: "right" });
  await page.getByRole("menuitem", { name: "Edit Column Title…" }).click();
  await list.getByLabel("Column title").fill("Raw seq");
  await page.keyboard.press("Enter");
  const arranged = ["Length", "No.", "Time", "Source", "Destination", "Raw seq", "Info"].map(
    (t) => new RegExp(`^${t.replace(".", "\\.")}`),
  );
  await expect(headers(page)).toHaveText(arranged);

  // Reload: the arrangement and the custom column's values come back.
  await page.reload();
  await openFile(page, fixture);
  await expect(headers(page)).toHaveText(arranged);
  // (The URL brings back the selected packet, so the rows on screen are around it.)
  const row = list.locator('[role="row"][data-number]').first();
  const number = Number(await row.getAttribute("data-number"));
  await expect(row.getByRole("gridcell").nth(5)).toHaveText(values.get(number)!);

  // Column Preferences shows Protocol again.
  await list.getByRole("columnheader", { name: /^Info/ }).click({ button: "right" });
  await page.getByRole("menuitem", { name: "Column Preferences…" }).click();
  const dialog = page.getByRole("dialog", { name: "Column preferences" });
  await dialog.getByLabel("Show Protocol").check();
  // A new column made a custom one there: the field is checked against the worker's field names as it is typed.
  await dialog.getByRole("button", { name: "Add column" }).click();
  const added = dialog.locator("tbody tr").last();
  await added.getByLabel("Type").selectOption("custom");
  const field = added.getByLabel("Field");
  await field.fill("ip.ttx");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await field.fill("ip.ttl");
  await expect(field).toHaveAttribute("aria-invalid", "false");
  await field.press("Enter");
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(list.getByRole("columnheader", { name: /^Protocol/ })).toBeVisible();
  await expect(headers(page).last()).toHaveText(/^New Column/);
  const ttl = tsharkValues("ip.ttl");
  const shownRow = list.locator('[role="row"][data-number]').nth(2);
  const n = Number(await shownRow.getAttribute("data-number"));
  await expect(shownRow.getByRole("gridcell").last()).toHaveText(ttl.get(n)!);

  // Apply as Filter on a custom column's cell: the filter on its field, and the packets tshark finds with it.
  const cell = shownRow.getByRole("gridcell").last();
  const value = ttl.get(n)!;
  await cell.click({ button: "right" });
  await page.getByRole("menuitem", { name: "Apply as Filter" }).click();
  await page.getByRole("menuitem", { name: "Selected", exact: true }).click();
  const filter = value === "" ? "!ip.ttl" : `ip.ttl == ${value}`;
  await expect(page.getByRole("textbox", { name: "Display filter" })).toHaveValue(filter);
  const count = execFileSync("tshark", ["-n", "-r", fixture, "-Y", filter], { encoding: "utf8" }).split("\n").filter(Boolean).length;
  await expect(page.getByText(new RegExp(`^Displayed: ${count} \\(`))).toBeVisible();
});
