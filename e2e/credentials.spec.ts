/**
 * The Credentials view in chromium against the production build: a fixture
 * we recorded (an FTP brute force against vsftpd: five rejected passwords,
 * then the right one) lists every credential masked; one is revealed, all
 * are, the list is filtered and sorted, and a frame link selects its packet.
 */
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { ROOT } from "./captures";
import { openFile, selectedNumber, trackPageErrors } from "./helpers";

const FIXTURE = join(ROOT, "fixtures", "ftp-bruteforce-530-then-login-vsftpd.pcap");

test("Credentials: masked until revealed, filtered, sorted, a frame link selects its packet", async ({ page }) => {
  const errors = trackPageErrors(page);
  await page.goto("/");
  await openFile(page, FIXTURE);
  await page.getByRole("tab", { name: "Credentials", exact: true }).click();
  const table = page.getByRole("table", { name: "Credentials" });
  const body = table.locator("tbody tr");
  await expect(body).toHaveCount(6, { timeout: 60_000 });
  await expect(page.getByText("6 credentials, 1 accepted")).toBeVisible();
  await expect(table).not.toContainText("Fixture-Pass-2024");
  await expect(table).not.toContainText("letmein");

  // Reveal the accepted one (the last by frame): only its secret shows.
  const accepted = body.filter({ hasText: "Accepted" });
  await accepted.getByRole("button", { name: "Reveal password of pscftp" }).click();
  await expect(accepted).toContainText("Fixture-Pass-2024");
  await expect(table).not.toContainText("letmein");
  await accepted.getByRole("button", { name: "Hide password of pscftp" }).click();
  await expect(table).not.toContainText("Fixture-Pass-2024");

  // All, then none.
  await page.getByRole("button", { name: "Reveal all passwords" }).click();
  await expect(table).toContainText("letmein");
  await expect(table).toContainText("qwerty!");
  await page.getByRole("button", { name: "Hide all passwords" }).click();
  await expect(table).not.toContainText("letmein");

  // Filter on what is shown in clear, never the secrets.
  const filter = page.getByRole("searchbox", { name: "Filter credentials" });
  await filter.fill("accepted");
  await expect(body).toHaveCount(1);
  await filter.fill("letmein");
  await expect(body).toHaveCount(0);
  await filter.fill("");
  await expect(body).toHaveCount(6);

  // Sort by Result: Accepted first.
  await page.getByTitle("Sort by Result").click();
  await expect(table.getByRole("columnheader", { name: /Result/ })).toHaveAttribute("aria-sort", "ascending");
  await expect(body.first()).toContainText("Accepted");
  await page.getByTitle("Sort by Result").click();
  await expect(body.first()).toContainText("Rejected");

  // The accepted login's frame selects packet 49 in the packet list.
  await body.filter({ hasText: "Accepted" }).getByTitle("Select frame 49 in the packet list").click();
  await expect(page.getByRole("tab", { name: "Packets", exact: true })).toHaveAttribute("aria-selected", "true");
  await expect.poll(() => selectedNumber(page)).toBe(49);
  expect(errors).toEqual([]);
});
