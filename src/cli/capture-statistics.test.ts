/**
 * The statistics an open capture counts in its indexing pass (what the
 * app's Statistics views show) equal the statistics of a pass of their own,
 * the one `pcapscope -z conv|endpoints|io,phs` prints and compares with
 * tshark (statistics-vs-tshark tests): on every fixture, and on the shared
 * captures when ../shared is there.
 */
import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { readCapture } from "../engine/capture/open";
import { Dissection } from "../engine/dissect/dissection";
import { CaptureSession } from "../engine/session/capture-session";
import { captureStatisticsRequests, statsSnapshot } from "../engine/stats/snapshot";
import { Statistics } from "../engine/stats/statistics";
import { captureFiles, fixturesDir, sharedCapturesDir } from "./corpus-files";
import { FileSource } from "./file-source";

async function ownPass(path: string) {
  const source = new FileSource(path);
  try {
    const dissection = new Dissection();
    const stats = new Statistics(captureStatisticsRequests(), () => dissection.pinfo);
    await readCapture(source, (rec, data) => stats.packet(data, dissection.dissect(rec, data, stats.tree(), false)));
    return statsSnapshot(stats);
  } finally {
    source.close();
  }
}

async function indexingPass(path: string, statistics = true) {
  const source = new FileSource(path);
  try {
    const session = new CaptureSession(source, { statistics });
    await session.load();
    return session.statistics();
  } finally {
    source.close();
  }
}

const fixtures = captureFiles(fixturesDir);
const shared = captureFiles(sharedCapturesDir);
if (shared.length === 0) console.log(`capture statistics: ${sharedCapturesDir} not found, shared captures skipped`);

describe("statistics counted while indexing", () => {
  it.each([...fixtures, ...shared].map((p) => [basename(p), p]))("%s", async (_, path) => {
    const { capture, ...counted } = (await indexingPass(path))!;
    expect(counted).toEqual(await ownPass(path));
    // What Capture File Properties adds: the reader's interfaces, the index's last packet.
    expect(capture!.interfaces.length).toBeGreaterThan(0);
    expect(capture!.lastSec).toBeGreaterThan(0);
    // Something was counted: every capture has packets, so a hierarchy.
    expect(counted.hierarchy.length).toBeGreaterThan(0);
  });

  it("counts nothing unless asked to", async () => {
    expect(await indexingPass(fixtures[0]!, false)).toBeNull();
  });
});
