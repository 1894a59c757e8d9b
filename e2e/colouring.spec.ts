/**
 * Colouring rules and profiles in chromium on the FTP fixture: import a
 * colorfilters file in the Coloring Rules dialog and see rows take its
 * colours (recoloured by the worker, the capture not reloaded); a bad
 * filter is flagged and not applied; Ctrl+1 colours the selected packet's
 * conversation ahead of the rules; a new profile brings Wireshark's rules
 * back and switching to Default brings the imported ones.
 */
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { ftpFixture, tempDir } from "./captures";
import { openFile, packetRow, trackPageErrors } from "./helpers";

const fixture = ftpFixture();

/** An analyst's colorfilters: FTP pink (16-bit 65535,49344,52171 = #ffc0cb), other TCP blue, one filter that does not compile. */
const COLORFILTERS = `# mine
@Broken@tcp.port ==@[0,0,0][65535,65535,65535]
@Pink FTP@ftp@[65535,49344,52171][0,0,0]
@Blue TCP@tcp@[0,0,65535][65535,65535,65535]
`;

const background = (page: Page, n: number): Promise<string> => packetRow(page, n).evaluate((r) => getComputedStyle(r).backgroundColor);
const ruleOf = (page: Page, n: number): Promise<string | null> => packetRow(page, n).getAttribute("title");

test("import a colorfilters file, colour a conversation, switch profile", async ({ page }) => {
  const errors = trackPageErrors(page);
  const dir = tempDir();
  const file = join(dir, "colorfilters");
  writeFileSync(file, COLORFILTERS);
  try {
    await page.goto("/");
    await openFile(page, fixture);
    // Wireshark's rules to begin with.
    await expect.poll(() => ruleOf(page, 3)).toBe("Colouring rule: TCP SYN/FIN");
    await expect.poll(() => ruleOf(page, 1)).toBe("Colouring rule: ARP");

    await page.getByRole("button", { name: "Coloring Rules…" }).click();
    const dialog = page.getByRole("dialog", { name: "Coloring rules" });
    await dialog.getByLabel("Import colorfilters file").setInputFiles(file);
    await expect(dialog.getByText("Imported 3 rules from colorfilters")).toBeVisible();
    await expect(dialog.getByLabel("Filter of Broken")).toHaveAttribute("aria-invalid", "true");
    await expect(dialog.getByLabel("Filter of Pink FTP")).toHaveAttribute("aria-invalid", "false");
    await dialog.getByRole("button", { name: "OK" }).click();

    // Rows change colour: FTP pink, the rest of TCP blue, ARP no longer coloured; the broken rule matches nothing.
    await expect.poll(() => background(page, 6)).toBe("rgb(255, 192, 203)");
    await expect.poll(() => background(page, 3)).toBe("rgb(0, 0, 255)");
    expect(await ruleOf(page, 8)).toBe("Colouring rule: Pink FTP");
    expect(await ruleOf(page, 1)).toBeNull();

    // Ctrl+1: packet 3's TCP connection in the first conversation colour, ahead of the rules.
    await packetRow(page, 5).click();
    await page.keyboard.press("Control+1");
    await expect.poll(() => ruleOf(page, 6)).toBe("Colouring rule: Conversation colour 1");
    await packetRow(page, 1).click();
    await expect.poll(() => background(page, 3)).toBe("rgb(255, 192, 192)");
    await page.getByRole("button", { name: /Reset colours/ }).click();
    await expect.poll(() => ruleOf(page, 6)).toBe("Colouring rule: Pink FTP");

    // A new profile starts with Wireshark's rules; back to Default, the imported ones.
    await page.getByRole("button", { name: "Profile: Default" }).click();
    const profiles = page.getByRole("dialog", { name: "Configuration profiles" });
    await profiles.getByRole("button", { name: "New" }).click();
    await profiles.getByLabel("Profile name").fill("Plain");
    await profiles.getByRole("button", { name: "Create" }).click();
    await expect(page.getByRole("button", { name: "Profile: Plain" })).toBeVisible();
    await expect.poll(() => ruleOf(page, 3)).toBe("Colouring rule: TCP SYN/FIN");
    await expect.poll(() => ruleOf(page, 1)).toBe("Colouring rule: ARP");
    await profiles.getByRole("option", { name: "Default" }).click();
    await expect(page.getByRole("button", { name: "Profile: Default" })).toBeVisible();
    await expect.poll(() => ruleOf(page, 6)).toBe("Colouring rule: Pink FTP");
    await expect.poll(() => background(page, 3)).toBe("rgb(0, 0, 255)");
    await profiles.getByRole("button", { name: "Close" }).click();
    expect(errors).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
