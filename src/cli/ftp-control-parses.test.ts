/**
 * The FTP control connections the indexing pass parses (ftp/control-parses.ts)
 * give the same report as parsing them after the pass from the rebuilt
 * streams (control-sessions.ts), on every fixture and public capture: same
 * sessions, exchanges, transfers, files, credentials and alerts. And the pass
 * did parse them: every session on port 21 here came from the pass.
 */
import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { CaptureSession } from "../engine/session/capture-session";
import { captureFiles, fixturesDir, sharedCapturesDir } from "./corpus-files";
import { FileSource } from "./file-source";

async function reportOf(path: string, parseFtpControl: boolean) {
  const session = new CaptureSession(new FileSource(path), { parseFtpControl });
  await session.load();
  const parsed = session.passFacts?.ftpControls?.parsedCount ?? 0;
  const ftp = await session.ftpReport();
  const json = JSON.stringify({ ftp: ftp.analysis, credentials: await session.credentials() });
  return { parsed, json, sessionsOn21: ftp.analysis.sessions.filter((s) => s.server.port === 21 || s.client.port === 21).length };
}

const fixtures = captureFiles(fixturesDir);
const corpus = captureFiles(sharedCapturesDir, /\.(pcap|pcapng|cap|snoop)(\.gz)?$/);
if (corpus.length === 0) console.log(`ftp-control-parses: ${sharedCapturesDir} not found, the public captures are skipped`);

describe("FTP control connections parsed during the pass", () => {
  let parsedInAll = 0;
  it.each([...fixtures, ...corpus].map((f) => [basename(f), f]))("%s: the same report as parsing them after the pass", async (_, path) => {
    const after = await reportOf(path, false);
    const during = await reportOf(path, true);
    expect(after.parsed, "parse off").toBe(0);
    expect(during.json).toBe(after.json);
    expect(during.parsed, "sessions on port 21 parsed by the pass").toBe(during.sessionsOn21);
    parsedInAll += during.parsed;
  });
  it("parsed some connections at all", () => {
    expect(parsedInAll).toBeGreaterThan(10);
  });
});
