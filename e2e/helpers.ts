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

/**
 * Watches a page for markup that text from a capture could have made: from
 * the first script on, alert/confirm/prompt only count calls (the hostile
 * fixture's payloads call alert), and a MutationObserver notes every element
 * added after the page loaded that could run or fetch something (img, script,
 * iframe, object, embed, SVG foreignObject) and every on* attribute or
 * javascript: URL. `found()` reports them with the dialogs that opened.
 */
export async function watchInjection(page: Page): Promise<{ found(): Promise<{ calls: number; elements: string[]; dialogs: string[] }> }> {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __pwned: number; __injected: string[] };
    w.__pwned = 0;
    w.__injected = [];
    for (const name of ["alert", "confirm", "prompt"] as const) {
      (window as unknown as Record<string, unknown>)[name] = () => {
        w.__pwned++;
        return null;
      };
    }
    const RISKY = /^(img|script|iframe|frame|object|embed|foreignobject|base|meta)$/i;
    const note = (el: Element): void => {
      const attrs = [...el.attributes].filter((a) => /^on/i.test(a.name) || /^\s*javascript:/i.test(a.value));
      if (RISKY.test(el.localName) || attrs.length) w.__injected.push(el.outerHTML.slice(0, 200));
    };
    const watch = (): void => {
      new MutationObserver((records) => {
        for (const r of records) {
          if (r.type === "attributes" && r.target instanceof Element) note(r.target);
          for (const n of r.addedNodes) {
            if (!(n instanceof Element)) continue;
            note(n);
            for (const el of n.querySelectorAll("*")) note(el);
          }
        }
      }).observe(document, { subtree: true, childList: true, attributes: true });
    };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", watch);
    else watch();
  });
  return {
    async found() {
      const { calls, elements } = await page.evaluate(() => {
        const w = window as unknown as { __pwned: number; __injected: string[] };
        return { calls: w.__pwned, elements: w.__injected };
      });
      return { calls, elements, dialogs: [...dialogs] };
    },
  };
}
