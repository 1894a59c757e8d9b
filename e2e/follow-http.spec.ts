/**
 * Follow HTTP Stream in chromium on the recorded nginx fixture (keep-alive,
 * gzip, chunked): offered only for packets of a TCP stream that carries
 * HTTP, from the toolbar button, the packet list's context menu and
 * Ctrl+Alt+Shift+H; the pane shows the decompressed body as text (the
 * capture's HTML never becomes elements), per direction colours, Hex Dump,
 * and "Save as…" saves what the engine renders.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { ROOT } from "./captures";
import { expectSameOrigin, openFile, packetRow, trackPageErrors, trackRequests } from "./helpers";
import { FileSource } from "../src/cli/file-source";
import { followStreams } from "../src/engine/follow/follow-index";
import { exportFollow } from "../src/engine/follow/render";
import { httpFollowStream } from "../src/engine/http/follow-http";

const fixture = join(ROOT, "fixtures", "http-keepalive-gzip-chunked-post-basic-curl-wget-nginx.pcap");

/** What the engine saves for TCP stream `stream`'s HTTP in ASCII (the download must be these bytes). */
async function expectedAscii(stream: number): Promise<Buffer> {
  const tcp = (await followStreams(new FileSource(fixture), { udp: false })).stream("tcp", stream)!;
  let text = "";
  for await (const p of exportFollow(await httpFollowStream(tcp), "ascii", "both")) text += typeof p === "string" ? p : "";
  return Buffer.from(text, "utf8");
}

const pane = (page: Page, stream: number) => page.getByRole("region", { name: `Follow HTTP Stream (tcp.stream eq ${stream})` });

test.describe("Follow HTTP Stream", () => {
  test("follows a TCP stream's HTTP, body decompressed, shown as text", async ({ page }) => {
    const urls = trackRequests(page);
    const errors = trackPageErrors(page);
    await page.goto("/");
    await openFile(page, fixture);

    const button = page.getByRole("button", { name: "Follow HTTP Stream", exact: true });
    // ARP: no TCP stream, no HTTP to follow (button absent, menu item disabled).
    await packetRow(page, 1).click({ button: "right" });
    await expect(page.getByRole("menu", { name: "Packet" }).getByRole("menuitem", { name: "Follow HTTP Stream" })).toBeDisabled();
    await page.keyboard.press("Escape");
    await expect(button).toHaveCount(0);

    // The SYN of stream 0 is enough: the stream carries HTTP.
    await packetRow(page, 3).click();
    await expect(button).toBeVisible();
    await button.click();
    const p0 = pane(page, 0);
    await expect(p0).toBeVisible();
    const text = p0.getByRole("document", { name: "Stream content" });
    await expect(text).toContainText("GET /index.html HTTP/1.1");
    await expect(text).toContainText("Content-Encoding: gzip");
    // The gzip'd, chunked body, decoded as Wireshark shows it, as text: no element comes of the capture's HTML.
    await expect(text).toContainText('<title>pcapscope HTTP fixture</title><link rel="stylesheet" href="/style.css">');
    await expect(text).toContainText('<p id="p0">header analyzer body gzip');
    await expect(text.locator("title, link, script, p")).toHaveCount(0);
    await expect(page.getByRole("status", { name: "Display filter" })).toContainText("tcp.stream eq 0");
    const client = text.locator(".fr-d0").first();
    const server = text.locator(".fr-d1").first();
    await expect(client).toContainText("GET /index.html");
    await expect(server).toContainText("HTTP/1.1 200 OK");
    expect(await client.evaluate((e) => getComputedStyle(e).backgroundColor)).not.toBe(
      await server.evaluate((e) => getComputedStyle(e).backgroundColor),
    );
    await expect(p0.getByLabel("Direction").locator("option").nth(1)).toHaveText(/^10\.77\.0\.2:49750 → 10\.77\.0\.1:80 \(/);

    const [download] = await Promise.all([page.waitForEvent("download"), p0.getByRole("button", { name: "Save as…" }).click()]);
    expect(download.suggestedFilename()).toBe("http-stream-0.txt");
    expect(readFileSync((await download.path())!).equals(await expectedAscii(0))).toBe(true);

    await p0.getByLabel("Show data as").selectOption({ label: "Hex Dump" });
    await expect(text).toContainText("00000000  47 45 54 20 2f 69 6e 64  65 78 2e 68 74 6d 6c 20  GET /ind ex.html");
    await p0.getByLabel("Show data as").selectOption({ label: "ASCII" });

    // Next stream follows the next TCP stream's HTTP; Back restores the list.
    await p0.getByRole("button", { name: "Next stream" }).click();
    await expect(pane(page, 1).getByRole("document", { name: "Stream content" })).toContainText("GET /page.shtml HTTP/1.1");
    await pane(page, 1).getByRole("button", { name: "Back" }).click();
    await expect(pane(page, 1)).toHaveCount(0);
    await expect(page.getByText(/^Displayed: /)).toHaveCount(0);

    // The context menu and the keyboard shortcut.
    await packetRow(page, 6).click({ button: "right" });
    await page.getByRole("menu", { name: "Packet" }).getByRole("menuitem", { name: "Follow HTTP Stream" }).click();
    await expect(pane(page, 0)).toBeVisible();
    await pane(page, 0).getByRole("button", { name: "Back" }).click();
    await packetRow(page, 6).click();
    await page.keyboard.press("Control+Alt+Shift+H");
    await expect(pane(page, 0)).toBeVisible();

    expect(errors).toEqual([]);
    expectSameOrigin(urls, new URL(page.url()).origin);
  });
});
