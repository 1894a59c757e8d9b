/**
 * Expert Information through the worker's API: the indexing pass's items,
 * checked against live tshark -z expert (severity totals, entries and their
 * counts) and tshark's own list of the frames of one entry; re-dissections
 * add nothing; the FTP report's findings beside them.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hasTshark } from "../../scripts/follow-compare";
import { AnalyzerApi } from "./analyzer-api";

const LOSSY = join(__dirname, "../../fixtures/ftp-lossy-pasv-retransmissions-vsftpd.pcap");
const BRUTE = join(__dirname, "../../fixtures/ftp-bruteforce-530-then-login-vsftpd.pcap");
const TITLES = ["Comments", "Chats", "Notes", "Warns", "Errors"];

async function opened(file: string): Promise<AnalyzerApi> {
  const api = new AnalyzerApi();
  await api.open(new Blob([readFileSync(file)]), file);
  return api;
}

/** The view's data written out in tshark's -z expert layout. */
function asTapText(api: AnalyzerApi): string {
  let out = "";
  for (const l of api.expertOverview().levels) {
    out += `\n${TITLES[l.level]} (${l.items})\n=============\n   Frequency      Group           Protocol  Summary\n`;
    for (const r of api.expertEntries(l.level, 0, l.entries))
      out += `${String(r.count).padStart(12)} ${r.group.padStart(10)} ${r.protocol.padStart(18)}  ${r.summary}\n`;
  }
  return out;
}

describe.skipIf(!hasTshark())("AnalyzerApi expert information", () => {
  it("lists the indexing pass's items as tshark -z expert does, and the frames of each", async () => {
    const api = await opened(LOSSY);
    const tshark = (args: string[]): string =>
      execFileSync("tshark", ["-n", "-r", LOSSY, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    expect(asTapText(api)).toBe(tshark(["-q", "-z", "expert"]));
    // Re-dissections (details pane) add no item.
    const before = api.expertOverview();
    await api.details(10);
    expect(api.expertOverview()).toEqual(before);
    const notes = api.expertEntries(2, 0, 100);
    const retrans = notes.find((r) => r.summary === "This frame is a (suspected) retransmission")!;
    const frames = api.expertFrames(retrans.entry, 0, 1000);
    const expected = tshark(["-Y", "tcp.analysis.retransmission", "-T", "fields", "-e", "frame.number"]).trim().split("\n").map(Number);
    expect(frames.total).toBe(expected.length);
    expect([...frames.frames]).toEqual(expected);
    // Pages are slices of the whole list.
    expect([...api.expertFrames(retrans.entry, 3, 2).frames]).toEqual(expected.slice(3, 5));
    api.close();
  });

  it("gives the FTP report's findings, each with its frames", async () => {
    const api = await opened(BRUTE);
    const findings = await api.expertFtpFindings();
    expect(findings.map((f) => f.kind)).toEqual(expect.arrayContaining(["Brute force", "Cleartext credentials"]));
    const brute = findings.find((f) => f.kind === "Brute force")!;
    expect(brute.level).toBeGreaterThanOrEqual(3);
    expect(brute.frames.length).toBeGreaterThan(0);
    api.close();
  });

  it("gives one finding per unattributed FTP data connection, with its session and confidence", async () => {
    // FTPS with cleartext data (PROT C): four files and a listing over connections no readable command announces.
    const api = await opened(join(__dirname, "../../fixtures/ftps-clear-data-lftp-pyftpdlib.pcap"));
    const findings = await api.expertFtpFindings();
    const unattributed = findings.filter((f) => f.kind === "Unattributed FTP data");
    expect(unattributed).toHaveLength(5);
    expect(findings.filter((f) => f.kind === "Unusual data connection")).toEqual([]);
    const streams = new Set<string>();
    for (const f of unattributed) {
      expect(f.level).toBe(3);
      expect(f.message).toMatch(/most likely session 0 \(high confidence\)\.$/);
      streams.add(/tcp\.stream (\d+)/.exec(f.message)![1]!);
      expect(f.frames).toHaveLength(1);
    }
    expect(streams.size).toBe(5);
    expect(findings.find((f) => f.kind === "AUTH TLS (FTPS)")).toBeDefined();
    api.close();
  });
});
