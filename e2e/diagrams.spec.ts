/**
 * The Diagrams view in chromium against the production build (strict CSP):
 * Mermaid loads lazily from the page's origin, every fixture's FTP diagrams
 * render without an error at every detail level, the textbook connection is
 * drawn as the example, arrows select their frame, the exports work,
 * and the hostile capture renders as text with no element or handler of its
 * own making.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { ROOT } from "./captures";
import { expectSameOrigin, openFile, packetList, selectedNumber, trackPageErrors, trackRequests } from "./helpers";

const FIXTURES = join(ROOT, "fixtures");
const TEXTBOOK = join(FIXTURES, "ftp-active-tnftp-vsftpd-ls-get.pcap");
const HOSTILE = join(FIXTURES, "ftp-hostile-names-banner-pyftpdlib.pcap");
// Every capture with FTP sessions: those with diagram goldens (the DNS, DHCP and TLS captures have none).
const ALL = readdirSync(FIXTURES)
  .filter((f) => /\.(pcap|pcapng)$/.test(f) && existsSync(join(FIXTURES, f.replace(/\.(pcap|pcapng)$/, ".diagram.commands.md"))))
  .sort();

const LEVELS = [
  ["commands", "Commands"],
  ["tcp", "With TCP"],
  ["packets", "Packets"],
] as const;

/** Render times (ms) of every diagram drawn, for the summary at the end. */
const timings: { what: string; ms: number; parts: number; items: number }[] = [];

async function openDiagrams(page: Page, file: string): Promise<void> {
  await page.goto("/");
  await openFile(page, file);
  await page.getByRole("tab", { name: "Diagrams" }).click();
  await expect(page.getByRole("tab", { name: "Diagrams" })).toHaveAttribute("aria-selected", "true");
}

/** Waits until the diagram for the current choice is drawn, and checks it drew without an error. */
async function drawn(page: Page): Promise<{ ms: number; parts: number; items: number }> {
  const view = page.locator(".diagrams-view");
  await expect(view).toHaveAttribute("data-busy", "false", { timeout: 60_000 });
  await expect(view).toHaveAttribute("data-render-ms", /\d/);
  await expect(page.getByRole("alert")).toHaveCount(0);
  const svgs = view.locator(".diagram-svg svg");
  const parts = await svgs.count();
  expect(parts).toBeGreaterThan(0);
  // Mermaid draws its errors as an error icon and text ("Syntax error in text") instead of the diagram.
  expect(await view.locator(".diagram-svg .error-icon, .diagram-svg .error-text").count()).toBe(0);
  const text = (await view.locator(".diagram-svg svg text").allTextContents()).join("\n");
  expect(text).not.toMatch(/Syntax error in text|Maximum text size/i);
  const items = await view.locator(".diagram-svg .messageText, .diagram-svg .noteText").count();
  return { ms: Number(await view.getAttribute("data-render-ms")), parts, items };
}

async function messageTexts(page: Page): Promise<string[]> {
  return page.locator(".diagram-svg .messageText").allTextContents();
}

test.describe("Diagrams view", () => {
  test("textbook session: the issue's connection diagram, arrows select frames", async ({ page }) => {
    const urls = trackRequests(page);
    const errors = trackPageErrors(page);
    await openDiagrams(page, TEXTBOOK);
    await drawn(page);

    await page.getByLabel("Exchange", { exact: true }).selectOption({ label: "1. Connection" });
    await page.getByLabel("Detail", { exact: true }).selectOption("tcp");
    await drawn(page);
    expect(await messageTexts(page)).toEqual([
      "TCP [SYN]",
      "TCP [SYN, ACK]",
      "TCP [ACK]",
      "FTP [Response: 220]",
      "TCP [ACK]",
    ]);
    await expect(page.locator(".diagram-svg .noteText")).toHaveText(["Connection established"]);
    await expect(page.locator(".diagram-svg .actor").first()).toBeVisible();
    const actors = (await page.locator(".diagram-svg text.actor").allTextContents()).filter((t) => t.trim());
    expect(actors).toEqual(expect.arrayContaining(["Client 10.77.0.2", "FTP Server 10.77.0.1"]));

    // Clicking the SYN-ACK arrow selects frame 4 in the packet list.
    await page.locator(".diagram-svg .messageText", { hasText: "TCP [SYN, ACK]" }).click();
    await expect(page.getByRole("tab", { name: "Packets" })).toHaveAttribute("aria-selected", "true");
    await expect(packetList(page).locator('[role="row"][aria-selected="true"]')).toHaveAttribute("data-number", "4");
    expect(await selectedNumber(page)).toBe(4);

    // Back to the view: the choice is kept.
    await page.getByRole("tab", { name: "Diagrams" }).click();
    await drawn(page);
    expect(await messageTexts(page)).toHaveLength(5);

    // The listing at the packets level: the data connection's own participants.
    await page.getByLabel("Exchange", { exact: true }).selectOption({ label: "5. Directory listing (LIST)" });
    await page.getByLabel("Detail", { exact: true }).selectOption("packets");
    await drawn(page);
    const actorsP = (await page.locator(".diagram-svg text.actor").allTextContents()).filter((t) => t.trim());
    expect(actorsP).toEqual(expect.arrayContaining(["Client data port 55011", "Server data port 20"]));
    expect(await messageTexts(page)).toContain("FTP-DATA [61 bytes]");

    expect(errors).toEqual([]);
    expectSameOrigin(urls, new URL(page.url()).origin);
  });

  test("exports: Copy Mermaid, Download SVG and PNG, Copy write-up", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const errors = trackPageErrors(page);
    await openDiagrams(page, TEXTBOOK);
    await page.getByLabel("Exchange", { exact: true }).selectOption({ label: "2. Login as anonymous" });
    await drawn(page);

    await page.getByRole("button", { name: "Copy Mermaid" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Mermaid copied" })).toBeVisible();
    const block = await page.evaluate(() => navigator.clipboard.readText());
    expect(block).toMatch(/^```mermaid\nsequenceDiagram\n {2}participant C as Client 10\.77\.0\.2\n/);
    expect(block).toContain("  C->>S: FTP [Request: PASS]\n");
    expect(block.endsWith("```\n")).toBe(true);

    const [svgDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download SVG" }).click()]);
    expect(svgDownload.suggestedFilename()).toMatch(/\.svg$/);
    const svg = readFileSync(await svgDownload.path());
    expect(svg.toString("utf8")).toMatch(/^<\?xml[^>]*>\n<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);

    const viewBox = await page.locator(".diagram-svg svg").getAttribute("viewBox");
    const [, , vbW, vbH] = viewBox!.split(/[\s,]+/).map(Number);
    const [pngDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download PNG" }).click()]);
    expect(pngDownload.suggestedFilename()).toMatch(/\.png$/);
    const png = readFileSync(await pngDownload.path());
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // IHDR: twice the viewBox (sharp text), rounded down.
    expect(png.readUInt32BE(16)).toBe(Math.floor(vbW! * 2));
    expect(png.readUInt32BE(20)).toBe(Math.floor(vbH! * 2));

    // Revealing passwords needs arguments; the write-up keeps them masked by default.
    await page.getByLabel("Arguments", { exact: true }).check();
    await drawn(page);
    expect(await messageTexts(page)).toContain("FTP [Request: PASS ••••]");
    await page.getByRole("button", { name: "Copy write-up" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Write-up copied" })).toBeVisible();
    const writeup = await page.evaluate(() => navigator.clipboard.readText());
    expect(writeup).toMatch(/^# FTP session 0: /);
    expect(writeup).toContain("## 1. Connection\n\n```mermaid\n");
    expect(writeup).toContain("## Files\n\n| File | Direction | Size (bytes) | SHA-256 |");
    expect(writeup).toContain("58f299665d0bcd300caa72922c7d9d23745af933508bcf6621929701396b924b");
    expect(writeup).toContain("PASS ••••");
    expect(writeup).not.toContain("pcapscope@example.org");
    expect(errors).toEqual([]);
  });

  test("hostile names render as text: no element, no handler, no script", async ({ page }) => {
    const errors = trackPageErrors(page);
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await openDiagrams(page, HOSTILE);
    await drawn(page);
    await page.getByLabel("Arguments", { exact: true }).check();
    const sessions = await page.getByLabel("Session", { exact: true }).locator("option").count();
    expect(sessions).toBeGreaterThan(0);
    const seen: string[] = [];
    for (let s = 0; s < sessions; s++) {
      await page.getByLabel("Session", { exact: true }).selectOption({ index: s });
      for (const [level] of LEVELS) {
        await page.getByLabel("Detail", { exact: true }).selectOption(level);
        await drawn(page);
        const host = page.locator(".diagram-svg");
        // Nothing the capture wrote became markup.
        expect(await host.locator("img, script, iframe, object, embed, a, foreignObject").count()).toBe(0);
        const handlers = await host.evaluateAll((els) =>
          els.flatMap((el) => [...el.querySelectorAll("*")].flatMap((n) => [...n.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.name))),
        );
        expect(handlers).toEqual([]);
        seen.push(...(await host.locator("svg text").allTextContents()));
      }
    }
    const text = seen.join("\n");
    expect(text).toContain("<img src=x onerror=alert(1)>");
    expect(text).toContain("%%{init:");
    expect(text).toContain("-->");
    expect(text).toContain("semi;colon");
    expect(dialogs).toEqual([]);
    expect(await page.locator("body img").count()).toBe(0);
    expect(errors).toEqual([]);
  });

  for (const name of ALL) {
    test(`renders every session of ${name} at every level`, async ({ page }) => {
      const errors = trackPageErrors(page);
      await openDiagrams(page, join(FIXTURES, name));
      await drawn(page);
      const sessions = await page.getByLabel("Session", { exact: true }).locator("option").count();
      expect(sessions).toBeGreaterThan(0);
      for (let s = 0; s < sessions; s++) {
        await page.getByLabel("Session", { exact: true }).selectOption({ index: s });
        await page.getByLabel("Exchange", { exact: true }).selectOption("all");
        for (const [level] of LEVELS) {
          await page.getByLabel("Detail", { exact: true }).selectOption(level);
          const r = await drawn(page);
          timings.push({ what: `${name} session ${s} ${level}`, ...r });
        }
      }
      expect(errors).toEqual([]);
    });
  }

  test.afterAll(() => {
    if (!timings.length) return;
    const largest = [...timings].sort((a, b) => b.items - a.items)[0]!;
    const slowest = [...timings].sort((a, b) => b.ms - a.ms)[0]!;
    console.log(`diagrams rendered: ${timings.length}; largest: ${largest.what} (${largest.items} arrows and notes in ${largest.parts} parts) in ${largest.ms.toFixed(0)} ms; slowest: ${slowest.what} ${slowest.ms.toFixed(0)} ms`);
  });
});

test.describe("Diagrams of other conversations", () => {
  test("HTTP exchanges of the nginx/curl fixture, one arrow per message; a UDP stream's flow graph", async ({ page }) => {
    const errors = trackPageErrors(page);
    await openDiagrams(page, join(FIXTURES, "http-keepalive-gzip-chunked-post-basic-curl-wget-nginx.pcap"));
    await page.getByLabel("Show", { exact: true }).selectOption("http");
    const chooser = page.getByLabel("HTTP conversation", { exact: true });
    await expect(chooser.locator("option")).not.toHaveCount(0);
    await expect(chooser.locator("option").first()).toHaveText(/^tcp\.stream 0: 10\.77\.0\.2:\d+ → 10\.77\.0\.1:80 \(\d+ HTTP packets\)$/);
    await drawn(page);
    // The first connection: four GETs, each answered once (a response reassembled from segments is one arrow).
    expect(await messageTexts(page)).toEqual([
      "connect (SYN)",
      "GET /index.html HTTP/1.1",
      "200 OK · text/html",
      "GET /style.css HTTP/1.1",
      "200 OK · text/css",
      "GET /app.js HTTP/1.1",
      "200 OK · application/javascript",
      "GET /img/logo.png HTTP/1.1",
      "200 OK · image/png · 10,362 bytes",
      "close (FIN)",
      "close (FIN)",
    ]);
    await openDiagrams(page, join(FIXTURES, "snmp-v1-v2c-v3-get-walk-set-trap-netsnmp.pcap"));
    await page.getByLabel("Show", { exact: true }).selectOption("udp");
    // In this capture each SNMP request and its response are udp.streams of their own: tshark 4.0 numbers them so, and so do we.
    await page.getByLabel("UDP stream", { exact: true }).fill("1");
    await drawn(page);
    expect(await messageTexts(page)).toEqual(["SNMP: get-response 1.3.6.1.2.1.1.1.0 1.3.6.1.2.1.1.5.0"]);
    expect(errors).toEqual([]);
  });
});
