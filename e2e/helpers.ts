import { expect, type Locator, type Page } from "@playwright/test";

/** Every URL the page requests; the test asserts they all stay on the page's origin. */
export function trackRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on("request", (r) => urls.push(r.url()));
  return urls;
}

/** Uncaught errors in the page (a CSP violation or a bug shows up here). */
export function trackPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  return errors;
}

export function expectSameOrigin(urls: readonly string[], origin: string): void {
  const foreign = urls.filter((u) => !u.startsWith(origin + "/") && u !== origin && !u.startsWith("data:") && !u.startsWith("blob:"));
  expect(foreign, "requests to other origins").toEqual([]);
}

/** The app root's perfetto-style idle signal. */
export async function waitForState(page: Page, state: "idle" | "loading" | "ready" | "error", timeout = 60_000): Promise<void> {
  await expect(page.locator(`.app[data-state="${state}"]`)).toBeVisible({ timeout });
}

/** Opens a file through the "Open capture" input and waits until that file (not the previous one) is loaded. */
export async function openFile(page: Page, path: string, state: "ready" | "error" = "ready", timeout = 60_000): Promise<void> {
  const before = Number((await page.locator(".app").getAttribute("data-generation")) ?? 0);
  await page.getByLabel("Open capture", { exact: true }).setInputFiles(path);
  await expect(page.locator(`.app[data-state="${state}"][data-generation="${before + 1}"]`)).toBeVisible({ timeout });
}

export function packetList(page: Page): Locator {
  return page.getByRole("grid", { name: "Packet list" });
}

export function packetRow(page: Page, number: number): Locator {
  return packetList(page).locator(`[role="row"][data-number="${number}"]`);
}

export async function selectedNumber(page: Page): Promise<number | null> {
  const row = packetList(page).locator('[role="row"][aria-selected="true"]');
  if ((await row.count()) === 0) return null;
  return Number(await row.getAttribute("data-number"));
}

export function detailsTree(page: Page): Locator {
  return page.getByRole("tree", { name: "Packet details" });
}

/** Whether `inner` lies entirely within `outer` on screen. */
export async function isWithin(inner: Locator, outer: Locator): Promise<boolean> {
  const a = await inner.boundingBox();
  const b = await outer.boundingBox();
  if (!a || !b) return false;
  return a.y >= b.y - 1 && a.y + a.height <= b.y + b.height + 1;
}
