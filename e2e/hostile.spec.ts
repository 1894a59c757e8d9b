/**
 * Issue 14: text from a capture is data in every view. The hostile fixture
 * (fixtures/ftp-hostile-names-banner-pyftpdlib.pcap: HTML with onerror/onload
 * handlers, <script>, Mermaid %%{init}%% and arrows, quotes and backslashes,
 * spreadsheet formulas, ../ and ..\ paths in its banner, user names, file and
 * directory names and commands) is opened and taken through every view and
 * export of the app. Throughout, watchInjection notes any element that could
 * run or fetch something appearing after load, any on* attribute, and any
 * call of alert (which the payloads call); each test ends by asserting there
 * were none and no page error, and checks the text is shown literally.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { ROOT } from "./captures";
import { detailsTree, openFile, packetList, packetRow, trackPageErrors, watchInjection } from "./helpers";
import { readZip } from "../src/engine/ftp/testing";

const FIXTURE = join(ROOT, "fixtures", "ftp-hostile-names-banner-pyftpdlib.pcap");
const truth = JSON.parse(readFileSync(FIXTURE.replace(/\.pcap$/, ".truth.json"), "utf8")) as {
  banner_lines: string[];
  hostile_user_names: string[];
  hostile_file_names: string[];
  files: { path: string; sha256: string }[];
};
const IMG = "<img src=x onerror=alert(1)>";
const FORMULA_USER = truth.hostile_user_names.find((u) => u.startsWith("@"))!;
const FORMULA_FILE = truth.hostile_file_names.find((f) => f.startsWith("="))!;
const BACKSLASHES = truth.hostile_file_names.find((f) => f.includes("\\"))!;
const QUOTES_USER = truth.hostile_user_names.find((u) => u.startsWith("admin"))!;
/** A name a file system, a zip tool or Windows could misread: separators, reserved characters, controls, a leading dot. */
// eslint-disable-next-line no-control-regex -- control characters are what is checked for
const UNSAFE_NAME = /[/\\<>:"|?*\u0000-\u001f]|^\.|^$/;

function tshark(args: string[]): string | null {
  try {
    return execFileSync("tshark", ["-n", "-r", FIXTURE, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  } catch {
    return null;
  }
}

/** The frames tshark's display filter selects (null without tshark). */
function tsharkFrames(filter: string): number[] | null {
  const out = tshark(["-Y", filter, "-T", "fields", "-e", "frame.number"]);
  return out === null ? null : out.split("\n").filter(Boolean).map(Number);
}

const sha256 = (b: Uint8Array): string => createHash("sha256").update(b).digest("hex");

async function start(page: Page): Promise<{ done(): Promise<void> }> {
  const errors = trackPageErrors(page);
  const watch = await watchInjection(page);
  await page.goto("/");
  await openFile(page, FIXTURE);
  return {
    async done() {
      const found = await watch.found();
      expect(found.elements, "elements or handlers made from capture text").toEqual([]);
      expect(found.calls, "alert/confirm/prompt called").toBe(0);
      expect(found.dialogs).toEqual([]);
      expect(errors).toEqual([]);
    },
  };
}

const filterBar = (page: Page): Locator => page.getByRole("textbox", { name: "Display filter", exact: true });

async function applyFilter(page: Page, filter: string): Promise<void> {
  await filterBar(page).fill(filter);
  await filterBar(page).press("Enter");
  const frames = tsharkFrames(filter);
  if (frames) await expect(page.getByText(new RegExp(`^Displayed: ${frames.length} `))).toBeVisible();
}

/** Opens the FTP layer of the selected packet and its request line, and returns the item of `field`. */
async function ftpItem(page: Page, field: string): Promise<Locator> {
  const tree = detailsTree(page);
  await tree.locator('[role="treeitem"][data-field="ftp"]').click();
  await page.keyboard.press("ArrowRight");
  const item = tree.locator(`[role="treeitem"][data-field="${field}"]`);
  if ((await item.count()) === 0) {
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowRight");
  }
  await expect(item).toBeVisible();
  return item;
}

async function menu(page: Page, item: Locator, ...path: string[]): Promise<void> {
  await item.click({ button: "right" });
  for (const name of path) await page.getByRole("menuitem", { name, exact: true }).click();
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  return { name: download.suggestedFilename(), bytes: readFileSync((await download.path())!) };
}

/** CSV cells of a line as Wireshark writes them (every cell quoted, quotes doubled). */
function csvCells(line: string): string[] {
  return [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1]!.replace(/""/g, '"'));
}

test.describe("hostile capture: text stays text in every view", () => {
  test.skip(tshark(["-c", "1"]) === null, "tshark is not installed (frame numbers come from it)");

  test("Packets: Info, details menus give quoted filters, custom column, CSV and JSON export, filter bar", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const run = await start(page);
    const clipboard = (): Promise<string> => page.evaluate(() => navigator.clipboard.readText());

    // Info column: the banner as sent.
    const banner = tsharkFrames('ftp.response.arg contains "Welcome"')![0]!;
    await expect(packetRow(page, banner)).toContainText(`Response: 220-${truth.banner_lines[0]}`);

    // Apply as Filter on a value with backslashes: escaped as the filter language wants, and selecting its packets.
    await applyFilter(page, 'ftp.request.command == "STOR"');
    const evil = tsharkFrames(`ftp.request.command == "STOR" && ftp.request.arg contains "evil"`)![0]!;
    await packetRow(page, evil).click();
    let arg = await ftpItem(page, "ftp.request.arg");
    await expect(arg).toHaveText(`Request arg: ${BACKSLASHES}`);
    await menu(page, arg, "Copy value");
    await expect.poll(clipboard).toBe(BACKSLASHES);
    await menu(page, arg, "Apply as Filter", "Selected");
    const backslashFilter = `ftp.request.arg == "${BACKSLASHES.replace(/\\/g, "\\\\")}"`;
    await expect(filterBar(page)).toHaveValue(backslashFilter);
    const sent = tsharkFrames(backslashFilter)!;
    expect(sent.length).toBe(2); // STOR and RETR
    await expect(page.getByText(new RegExp(`^Displayed: ${sent.length} `))).toBeVisible();
    for (const n of sent) await expect(packetRow(page, n)).toBeVisible();

    // Prepare as Filter on a user name with quotes: only put in the bar, then applied by Enter.
    await applyFilter(page, 'ftp.request.command == "USER"');
    const quoted = tsharkFrames(`ftp.request.arg contains "admin"`)![0]!;
    await packetRow(page, quoted).click();
    arg = await ftpItem(page, "ftp.request.arg");
    await expect(arg).toHaveText(`Request arg: ${QUOTES_USER}`);
    await menu(page, arg, "Copy line");
    await expect.poll(clipboard).toBe(`Request arg: ${QUOTES_USER}`);
    await menu(page, arg, "Prepare as Filter", "Selected");
    const quoteFilter = `ftp.request.arg == "${QUOTES_USER.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
    await expect(filterBar(page)).toHaveValue(quoteFilter);
    await filterBar(page).press("Enter");
    expect(tsharkFrames(quoteFilter)).toEqual([quoted]);
    await expect(page.getByText(/^Displayed: 1 /)).toBeVisible();
    await expect(packetRow(page, quoted)).toBeVisible();

    // A custom column of the field: every user name as sent.
    await menu(page, arg, "Apply as Column");
    await expect(packetList(page).getByRole("columnheader", { name: /^ftp\.request\.arg/ })).toBeVisible();
    await applyFilter(page, 'ftp.request.command == "USER"');
    const column = (await packetList(page).getByRole("columnheader").allTextContents()).findIndex((t) => t.startsWith("ftp.request.arg"));
    const users = await packetList(page)
      .locator('[role="row"][data-number]')
      .evaluateAll((rows, c) => rows.map((r) => r.querySelectorAll('[role="gridcell"]')[c]?.textContent ?? ""), column);
    expect(users).toEqual(expect.arrayContaining(truth.hostile_user_names));

    // Export Packet Dissections: CSV cells a spreadsheet would run are made inert; JSON keeps the strings.
    const formulaFilter = 'ftp.request.arg matches "^[=@]"';
    await applyFilter(page, formulaFilter);
    await page.getByRole("button", { name: "Export…" }).click();
    const dialog = page.getByRole("dialog", { name: "Export" });
    await dialog.getByLabel("List format").selectOption("csv");
    const csv = await downloaded(page, () => dialog.getByRole("button", { name: "Export list" }).click());
    expect(csv.name).toMatch(/^ftp-hostile-names-banner-pyftpdlib-export\.csv$/);
    const lines = csv.bytes.toString("utf8").split("\n").filter(Boolean);
    expect(lines.length).toBe(1 + tsharkFrames(formulaFilter)!.length);
    const cells = lines.slice(1).map(csvCells);
    const args = cells.map((c) => c[column]!);
    expect(args).toEqual(expect.arrayContaining([`'${FORMULA_USER}`, `'${FORMULA_FILE}`]));
    for (const c of cells.flat()) expect(c).not.toMatch(/^[=+\-@\t\r]/);
    await dialog.getByLabel("List format").selectOption("json");
    const json = await downloaded(page, () => dialog.getByRole("button", { name: "Export list" }).click());
    const packets = JSON.parse(json.bytes.toString("utf8")) as unknown[];
    expect(packets.length).toBe(cells.length);
    const text = JSON.stringify(packets);
    expect(text).toContain(JSON.stringify(FORMULA_USER));
    expect(text).toContain(JSON.stringify(FORMULA_FILE));
    await dialog.getByRole("button", { name: "Close" }).click();

    // The filter bar with markup in it: a string in a filter, and text that is no filter at all.
    await applyFilter(page, `ftp.request.arg contains "${IMG}"`);
    await filterBar(page).fill(IMG);
    await expect(page.getByRole("status", { name: "Display filter" })).toBeVisible();
    await filterBar(page).fill("");
    await filterBar(page).press("Enter");
    await run.done();
  });

  test("Follow TCP Stream in every format, saved under a safe name", async ({ page }) => {
    const run = await start(page);
    const main = Number(tshark(["-Y", 'ftp.request.command == "STOR"', "-T", "fields", "-e", "tcp.stream", "-c", "400"])!.split("\n")[0]);
    await applyFilter(page, `tcp.stream == ${main}`);
    const first = tsharkFrames(`tcp.stream == ${main}`)![0]!;
    await packetRow(page, first).click();
    await page.getByRole("button", { name: "Follow TCP Stream", exact: true }).click();
    const pane = page.getByRole("region", { name: `Follow TCP Stream (tcp.stream eq ${main})` });
    const content = pane.getByRole("document", { name: "Stream content" });
    await expect(content).toContainText(truth.banner_lines[0]!);
    // Later chunks come in windows: Find brings each one into view.
    for (const sent of [`STOR ${BACKSLASHES}`, "STOR ../../x.txt", `RNTO graph TD; A-->B[<img src=x onerror=alert(5)>].txt`]) {
      await pane.getByRole("searchbox", { name: "Find" }).fill(sent);
      await pane.getByRole("button", { name: "Find Next" }).click();
      await expect(content.locator("mark")).toHaveText(sent);
    }
    const expectations: Record<string, string> = {
      ASCII: "SITE <script>alert(1)</script>",
      "UTF-8": truth.banner_lines[4]!,
      "Hex Dump": "32 32 30 2d 57 65 6c 63",
      "C Arrays": "char peer",
      YAML: "data: !!binary |",
      Raw: Buffer.from("220-Welcome to <img").toString("hex"),
    };
    for (const [format, expected] of Object.entries(expectations)) {
      await pane.getByLabel("Show data as").selectOption({ label: format });
      await expect(content).toContainText(expected);
      const saved = await downloaded(page, () => pane.getByRole("button", { name: "Save as…" }).click());
      expect(saved.name).not.toMatch(UNSAFE_NAME);
      expect(saved.bytes.length).toBeGreaterThan(0);
    }
    await pane.getByRole("button", { name: "Back" }).click();
    await run.done();
  });

  test("Sessions, Files (downloads and Download all under safe names), Credentials", async ({ page }) => {
    const run = await start(page);
    await page.getByRole("tab", { name: "Sessions", exact: true }).click();
    await expect(page.getByText("Analyzing FTP…")).toHaveCount(0, { timeout: 60_000 });
    const sessions = page.getByRole("table", { name: "FTP sessions" }).locator("tbody tr");
    const count = await sessions.count();
    expect(count).toBeGreaterThan(1);
    const transcripts: string[] = [];
    for (let i = 0; i < count; i++) {
      await sessions.nth(i).click();
      const transcript = page.getByRole("table", { name: "Transcript" });
      await expect(transcript).toContainText(truth.banner_lines[0]!);
      transcripts.push((await transcript.textContent()) ?? "");
    }
    const all = transcripts.join("\n");
    for (const u of truth.hostile_user_names) expect(all).toContain(`USER ${u}`);
    for (const f of truth.hostile_file_names) expect(all).toContain(`STOR ${f}`);

    await page.getByRole("tab", { name: "Files", exact: true }).click();
    const files = page.getByRole("table", { name: "Files" });
    for (const f of truth.files) await expect(files).toContainText(f.path);
    const expected = new Set(truth.files.map((f) => f.sha256));
    const buttons = files.getByRole("button", { name: /^Download / });
    const n = await buttons.count();
    expect(n).toBeGreaterThanOrEqual(truth.files.length);
    const names = new Set<string>();
    for (let i = 0; i < n; i++) {
      const label = (await buttons.nth(i).textContent())!;
      const file = await downloaded(page, () => buttons.nth(i).click());
      expect(file.name, label).not.toMatch(UNSAFE_NAME);
      names.add(file.name);
      if (!/LIST|NLST/.test(label)) expect(expected.has(sha256(file.bytes)), label).toBe(true);
    }
    // ../../x.txt is saved as x.txt, ..\..\evil.txt as evil.txt.
    expect([...names]).toEqual(expect.arrayContaining(["x.txt", "evil.txt"]));

    const zip = await downloaded(page, () => page.getByRole("button", { name: "Download all" }).click());
    expect(zip.name).not.toMatch(UNSAFE_NAME);
    const entries = readZip(new Uint8Array(zip.bytes));
    expect(entries.size).toBeGreaterThan(truth.files.length);
    for (const [name] of entries) {
      expect(name).not.toMatch(UNSAFE_NAME);
      expect(name.split(/[/\\]/)).not.toContain("..");
    }
    const hashes = new Set([...entries.values()].map(sha256));
    for (const f of truth.files) expect(hashes.has(f.sha256), f.path).toBe(true);

    await page.getByRole("tab", { name: "Credentials", exact: true }).click();
    const creds = page.getByRole("table", { name: "Credentials" });
    for (const u of truth.hostile_user_names) await expect(creds).toContainText(u);
    await run.done();
  });

  test("Diagrams: Mermaid text escapes the capture, SVG and PNG carry no markup of its own", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const run = await start(page);
    await page.getByRole("tab", { name: "Diagrams", exact: true }).click();
    await page.getByLabel("Arguments", { exact: true }).check();
    await page.getByLabel("Detail", { exact: true }).selectOption("commands");
    const view = page.locator(".diagrams-view");
    await expect(view).toHaveAttribute("data-busy", "false", { timeout: 60_000 });
    await expect(view.locator(".diagram-svg svg").first()).toBeVisible();
    const drawn = (await view.locator(".diagram-svg svg text").allTextContents()).join("\n");
    expect(drawn).toContain(IMG);

    await page.getByRole("button", { name: "Copy Mermaid" }).click();
    const mermaid = await page.evaluate(() => navigator.clipboard.readText());
    expect(mermaid).toMatch(/^```mermaid\nsequenceDiagram\n/);
    for (const raw of ["<img", "<script", "%%{init", "javascript:alert"]) expect(mermaid).not.toContain(raw);

    const svg = await downloaded(page, () => page.getByRole("button", { name: "Download SVG" }).click());
    expect(svg.name).not.toMatch(UNSAFE_NAME);
    const svgText = svg.bytes.toString("utf8");
    // Every tag is Mermaid's own: no element that runs or fetches, no handler, no javascript: URL (the text is escaped).
    for (const tag of svgText.match(/<[^>]+>/g)!) expect(tag).not.toMatch(/^<\/?(img|script|iframe|object|embed|foreignObject)\b|\son[a-z]+\s*=|javascript:/i);
    expect(svgText).toContain("&lt;img src=x onerror=alert(1)&gt;");

    const png = await downloaded(page, () => page.getByRole("button", { name: "Download PNG" }).click());
    expect(png.name).not.toMatch(UNSAFE_NAME);
    expect(png.bytes.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    await run.done();
  });

  test("Expert Info and Statistics: conversations, endpoints, hierarchy, I/O graph, flow graph, properties", async ({ page }) => {
    const run = await start(page);
    await page.getByRole("tab", { name: "Expert Info", exact: true }).click();
    const expert = page.getByTestId("expert-view");
    await expect(expert.getByTestId("expert-total")).toBeVisible();
    await expect(expert.getByTestId("expert-ftp-finding").first()).toBeVisible();
    for (const level of await expert.locator('[data-testid^="expert-level-"]').all()) await level.getByRole("button").first().click();
    for (const entry of await expert.getByTestId("expert-entry").all()) await entry.click();

    await page.getByRole("tab", { name: "Statistics", exact: true }).click();
    for (const [page_, table] of [
      ["Conversations", "TCP Conversations"],
      ["Endpoints", "TCP Endpoints"],
    ] as const) {
      await page.getByRole("tab", { name: page_, exact: true }).click();
      await page.getByRole("tab", { name: /^TCP/ }).click();
      await expect(page.getByRole("table", { name: table }).locator("tbody tr[aria-rowindex]").first()).toBeVisible();
    }
    await page.getByRole("tab", { name: "Protocol Hierarchy", exact: true }).click();
    await expect(page.getByRole("table", { name: "Protocol Hierarchy" })).toContainText("ftp");

    // An I/O graph whose filter holds markup: the graph is drawn, its filter stays text.
    await page.getByRole("tab", { name: "I/O Graph", exact: true }).click();
    await page.getByRole("button", { name: "Add graph" }).click();
    const filter = page.getByLabel("Display filter of Graph 3");
    await filter.fill(`ftp.request.arg contains "${IMG}"`);
    await filter.press("Enter");
    await expect(page.getByRole("toolbar", { name: "I/O Graph options" }).getByRole("status")).toContainText("intervals");
    await expect(filter).toHaveValue(`ftp.request.arg contains "${IMG}"`);

    // Flow Graph: every packet's Info as sent.
    await page.getByRole("tab", { name: "Flow Graph", exact: true }).click();
    await page.getByLabel("Flow type").selectOption("general");
    const flow = page.getByRole("region", { name: "Flow graph" });
    await expect(flow).toHaveAttribute("aria-busy", "false", { timeout: 60_000 });
    const arrows = (await flow.locator(".diagram-svg .messageText").allTextContents()).join("\n");
    expect(arrows).toContain(`USER ${IMG}`);
    expect(arrows).toContain(`USER ${QUOTES_USER}`);

    await page.getByRole("tab", { name: "Capture File Properties", exact: true }).click();
    await expect(page.getByLabel("Capture File Properties")).toContainText(String(tsharkFrames("frame")!.length));
    await run.done();
  });

  test("Coloring rules: a rule named and filtered with markup colours its packets and stays text", async ({ page }) => {
    const run = await start(page);
    await page.getByRole("button", { name: "Coloring Rules…" }).click();
    const dialog = page.getByRole("dialog", { name: "Coloring rules" });
    await dialog.getByRole("button", { name: "Add", exact: true }).click();
    const name = "<img src=x onerror=alert(7)> =1+1";
    await dialog.getByLabel("Filter of New coloring rule").fill(`ftp.request.arg == "${IMG}"`);
    for (const input of await dialog.getByLabel("Rule name").all()) if ((await input.inputValue()) === "New coloring rule") await input.fill(name);
    const filter = dialog.getByLabel(`Filter of ${name}`);
    await expect(filter).toHaveAttribute("aria-invalid", "false");
    // The dialog is as wide as its table (it was held to 440px and OK sat off screen once the page scrolled).
    expect((await dialog.boundingBox())!.width).toBeGreaterThan(600);
    await dialog.getByRole("button", { name: "OK" }).click();
    const user = tsharkFrames(`ftp.request.arg == "${IMG}"`)![0]!;
    await applyFilter(page, 'ftp.request.command == "USER"');
    await expect.poll(() => packetRow(page, user).getAttribute("title")).toBe(`Colouring rule: ${name}`);
    await run.done();
  });
});
