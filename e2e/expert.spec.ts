/**
 * Expert Information in chromium: on a lossy FTP transfer (retransmissions,
 * duplicate ACKs, a full window) every severity's total and every entry's
 * count equal tshark -z expert's for the same file; an entry opens to its
 * frames (tshark's frames for that flag) and a click selects the packet in
 * the list. On the brute-force fixture the FTP findings list the brute force.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { ROOT } from "./captures";
import { openFile, selectedNumber, trackPageErrors } from "./helpers";

const LOSSY = join(ROOT, "fixtures/ftp-lossy-pasv-retransmissions-vsftpd.pcap");
const BRUTE = join(ROOT, "fixtures/ftp-bruteforce-530-then-login-vsftpd.pcap");
const SECTION_NAMES: Record<string, string> = { Errors: "Error", Warns: "Warning", Notes: "Note", Chats: "Chat", Comments: "Comment" };

function tshark(file: string, args: string[]): string | null {
  try {
    return execFileSync("tshark", ["-n", "-r", file, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  } catch {
    return null;
  }
}

/** tshark -z expert: per severity its total and its entries (summary and count), in order. */
function tsharkExpert(file: string): { name: string; total: number; entries: [string, number][] }[] | null {
  const out = tshark(file, ["-q", "-z", "expert"]);
  if (out === null) return null;
  return out
    .split(/\n(?=\w+ \(\d+\)\n=)/)
    .filter((b) => /^\w+ \(\d+\)/.test(b.trim()))
    .map((b) => {
      const [, title, total] = /(\w+) \((\d+)\)/.exec(b)!;
      const entries = [...b.matchAll(/^ +(\d+) +\S+ +\S+ {2}(.*)$/gm)].map((m): [string, number] => [m[2]!, Number(m[1])]);
      return { name: SECTION_NAMES[title!]!, total: Number(total), entries };
    });
}

test("Expert Information: counts as tshark -z expert, an entry's frames, a click selects the packet", async ({ page }) => {
  const expected = tsharkExpert(LOSSY);
  test.skip(expected === null, "tshark is not installed");
  const errors = trackPageErrors(page);
  await page.goto("/");
  await openFile(page, LOSSY);
  await page.getByRole("tab", { name: "Expert Info", exact: true }).click();
  const view = page.getByTestId("expert-view");
  const total = expected!.reduce((n, s) => n + s.total, 0);
  await expect(view.getByTestId("expert-total")).toHaveText(`${total} expert items`);

  for (const section of expected!) {
    const level = view.getByTestId(`expert-level-${section.name}`);
    await expect(level.getByRole("button").first()).toContainText(`${section.name} ${section.total} items`);
    await level.getByRole("button").first().click();
    const rows = level.getByTestId("expert-entry");
    await expect(rows).toHaveCount(section.entries.length);
    const seen = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent?.trim() ?? "")));
    expect(seen.map((c) => [c[0]!.replace(/^[▸▾]\s*/, ""), Number(c[3])])).toEqual(section.entries);
  }

  // The retransmissions open to tshark's frames for that flag; a frame selects its packet.
  const frames = tshark(LOSSY, ["-Y", "tcp.analysis.retransmission", "-T", "fields", "-e", "frame.number"])!.trim().split("\n").map(Number);
  const entry = view.getByTestId("expert-entry").filter({ hasText: "This frame is a (suspected) retransmission" });
  await entry.click();
  const links = view.locator("tr.expert-frames").getByTestId("expert-frame");
  await expect(links).toHaveCount(frames.length);
  expect((await links.allTextContents()).map((t) => Number(t.replace("Frame ", "")))).toEqual(frames);
  await links.nth(2).getByRole("button").click();
  await expect(page.getByRole("tab", { name: "Packets", exact: true })).toHaveAttribute("aria-selected", "true");
  await expect.poll(() => selectedNumber(page)).toBe(frames[2]);
  expect(errors).toEqual([]);
});

test("Expert Information: the FTP findings of a brute-force capture", async ({ page }) => {
  await page.goto("/");
  await openFile(page, BRUTE);
  await page.getByRole("tab", { name: "Expert Info", exact: true }).click();
  const findings = page.getByTestId("expert-ftp-finding");
  await expect(findings.filter({ hasText: "Brute force" })).toHaveCount(1);
  await expect(findings.filter({ hasText: "Cleartext credentials" }).first()).toBeVisible();
});
