/**
 * Follow TCP Stream in chromium on a recorded FTP fixture: follow a stream
 * from the packet list (button, context menu, Ctrl+Alt+Shift+T), the
 * display filter and "Displayed: M", formats, directions, previous/next
 * stream, find, clicking a chunk, "Save as…" (the saved bytes are checked
 * against the engine and the recorder's file hash), "Filter out this
 * stream", "Back".
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { ROOT } from "./captures";
import { expectSameOrigin, openFile, packetList, packetRow, selectedNumber, trackPageErrors, trackRequests } from "./helpers";
import { FileSource } from "../src/cli/file-source";
import { followStreams } from "../src/engine/follow/follow-index";
import { exportFollow } from "../src/engine/follow/render";

const fixture = join(ROOT, "fixtures", "ftp-pasv-curl-vsftpd-localuser.pcap");
const truth = JSON.parse(readFileSync(fixture.replace(/\.pcap$/, ".truth.json"), "utf8")) as { files: { path: string; sha256: string }[] };
const firmwareSha = truth.files.find((f) => f.path.endsWith("firmware.bin"))!.sha256;

/** What the engine saves for a stream in a format (the download must be the same bytes). */
async function expectedExport(stream: number, format: "ascii" | "raw" | "hexdump", selection: "both" | 0 | 1): Promise<Buffer> {
  const index = await followStreams(new FileSource(fixture));
  const parts: Buffer[] = [];
  for await (const p of exportFollow(index.stream("tcp", stream)!, format, selection))
    parts.push(Buffer.from(typeof p === "string" ? new TextEncoder().encode(p) : p));
  return Buffer.concat(parts);
}

async function packetsOfStream(stream: number): Promise<number> {
  return (await followStreams(new FileSource(fixture))).stream("tcp", stream)!.info.packets;
}

async function saved(page: Page): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Save as…" }).click()]);
  return readFileSync((await download.path())!);
}

const pane = (page: Page, stream: number) => page.getByRole("region", { name: `Follow TCP Stream (tcp.stream eq ${stream})` });

test.describe("Follow TCP Stream", () => {
  test("follow from the packet list, switch formats and direction, save, go back", async ({ page }) => {
    const urls = trackRequests(page);
    const errors = trackPageErrors(page);
    await page.goto("/");
    await openFile(page, fixture);
    const total = Number((await page.getByText(/^Packets: \d+$/).textContent())!.split(": ")[1]);

    // Nothing selected: the button waits for a TCP packet.
    const button = page.getByRole("button", { name: "Follow TCP Stream", exact: true });
    await expect(button).toBeDisabled();
    await packetRow(page, 6).click(); // the 220 banner
    await expect(button).toBeEnabled();
    await button.click();

    const p0 = pane(page, 0);
    await expect(p0).toBeVisible();
    const text = p0.getByRole("document", { name: "Stream content" });
    await expect(text).toContainText("220 pcapscope vsftpd (local users)");
    await expect(text).toContainText("USER pscftp");
    // The display filter shows the stream's packets only.
    await expect(page.getByRole("status", { name: "Display filter" })).toContainText("tcp.stream eq 0");
    await expect(page.getByText(`Displayed: ${await packetsOfStream(0)}`, { exact: true })).toBeVisible();
    await expect(packetRow(page, 1)).toHaveCount(0); // ARP is not in the stream
    // Colours per direction: the client's bytes and the server's differ.
    const client = text.locator(".fr-d0").first();
    const server = text.locator(".fr-d1").first();
    expect(await client.evaluate((e) => getComputedStyle(e).backgroundColor)).not.toBe(
      await server.evaluate((e) => getComputedStyle(e).backgroundColor),
    );

    // Clicking a chunk selects its packet.
    await text.getByText("USER pscftp").click();
    expect(await selectedNumber(page)).toBe(8);

    // Formats.
    await p0.getByLabel("Show data as").selectOption({ label: "Hex Dump" });
    await expect(text).toContainText("00000000  32 32 30 20 70 63 61 70  73 63 6f 70 65 20 76 73  220 pcap scope vs");
    await p0.getByLabel("Show data as").selectOption({ label: "C Arrays" });
    await expect(text).toContainText("char peer1_0[] = { /* Packet 6 */");
    await p0.getByLabel("Show data as").selectOption({ label: "YAML" });
    await expect(text).toContainText("timestamp: 1795218742.968830109");
    await p0.getByLabel("Show data as").selectOption({ label: "Raw" });
    await expect(text).toContainText("55534552207073636674700d0a");
    await p0.getByLabel("Show data as").selectOption({ label: "UTF-8" });
    await expect(text).toContainText("331 Please specify the password.");

    // One direction: the client's commands, with its byte count in the label.
    await p0.getByLabel("Show data as").selectOption({ label: "ASCII" });
    const direction = p0.getByLabel("Direction");
    await expect(direction.locator("option")).toHaveText([
      "Entire conversation (637 bytes)",
      "10.77.0.2:59946 → 10.77.0.1:21 (130 bytes)",
      "10.77.0.1:21 → 10.77.0.2:59946 (507 bytes)",
    ]);
    await direction.selectOption({ index: 1 });
    await expect(text).toContainText("PASS Fixture-Pass-2024");
    await expect(text).not.toContainText("220 pcapscope");
    expect((await saved(page)).equals(await expectedExport(0, "ascii", 0))).toBe(true);

    // Find.
    await direction.selectOption({ index: 0 });
    await p0.getByRole("searchbox", { name: "Find" }).fill("RETR");
    await p0.getByRole("button", { name: "Find Next" }).click();
    await expect(text.locator("mark")).toHaveText("RETR");

    // Next stream: the data connections; the 200 kB file saved as Raw is the file.
    await p0.getByRole("button", { name: "Next stream" }).click();
    await expect(pane(page, 1)).toBeVisible();
    await pane(page, 1).getByRole("button", { name: "Next stream" }).click();
    const p2 = pane(page, 2);
    await expect(p2).toBeVisible();
    await expect(page.getByText(`Displayed: ${await packetsOfStream(2)}`, { exact: true })).toBeVisible();
    await p2.getByLabel("Show data as").selectOption({ label: "Raw" });
    await p2.getByLabel("Direction").selectOption({ index: 2 });
    const raw = await saved(page);
    expect(raw.length).toBe(200000);
    expect(createHash("sha256").update(raw).digest("hex")).toBe(firmwareSha);
    await p2.getByLabel("Show data as").selectOption({ label: "Hex Dump" });
    expect((await saved(page)).equals(await expectedExport(2, "hexdump", 1))).toBe(true);
    // The big direction is windowed: 139 chunks, 64 a window; scrolling to the end fetches the last one.
    const t2 = p2.getByRole("document", { name: "Stream content" });
    await expect(t2.locator('[data-window="1"]')).toHaveCount(0);
    await expect
      .poll(async () => {
        await t2.evaluate((e) => (e.scrollTop = e.scrollHeight));
        return t2.locator('[data-window="2"]').count();
      })
      .toBe(1);
    await expect(t2).toContainText(/000301[0-9A-F]0 {2}/);

    // Back: the pane closes and the list shows every packet again.
    await p2.getByRole("button", { name: "Back" }).click();
    await expect(p2).toHaveCount(0);
    await expect(page.getByText(/^Displayed: /)).toHaveCount(0);
    await expect(packetRow(page, 1)).toBeVisible();
    expect(total).toBeGreaterThan(0);

    expect(errors).toEqual([]);
    expectSameOrigin(urls, new URL(page.url()).origin);
  });

  test("context menu, keyboard shortcut, filter out this stream", async ({ page }) => {
    await page.goto("/");
    await openFile(page, fixture);
    const total = Number((await page.getByText(/^Packets: \d+$/).textContent())!.split(": ")[1]);

    await packetRow(page, 6).click({ button: "right" });
    await page.getByRole("menu", { name: "Packet" }).getByRole("menuitem", { name: "Follow TCP Stream" }).click();
    await expect(pane(page, 0)).toBeVisible();
    await pane(page, 0).getByRole("button", { name: "Back" }).click();
    await expect(pane(page, 0)).toHaveCount(0);

    await packetList(page).focus();
    await packetRow(page, 6).click();
    await page.keyboard.press("Control+Alt+Shift+T");
    await expect(pane(page, 0)).toBeVisible();
    await pane(page, 0).getByRole("button", { name: "Filter out this stream" }).click();
    await expect(pane(page, 0)).toHaveCount(0);
    await expect(page.getByRole("status", { name: "Display filter" })).toContainText("!(tcp.stream eq 0)");
    await expect(page.getByText(`Displayed: ${total - (await packetsOfStream(0))}`, { exact: true })).toBeVisible();
    await expect(packetRow(page, 6)).toHaveCount(0);
    await page.getByRole("button", { name: "Clear filter" }).click();
    await expect(page.getByText(/^Displayed: /)).toHaveCount(0);
  });
});
