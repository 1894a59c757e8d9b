/**
 * Follow Stream through the capture session (what the worker serves): the
 * stream built from its own packets equals the one-pass build, and the
 * "tcp.stream eq N" display filter shows an index-based subset of rows.
 */
import { describe, expect, it } from "vitest";
import { MemorySource } from "../io/byte-source";
import { CaptureSession } from "../session/capture-session";
import { followStreams } from "./follow-index";
import { FollowService } from "./session-follow";
import { FilterError } from "../filter";
import { TH, tcpCapture, type Segment } from "./testing";

const A = TH.ACK;
const P = TH.PSH | TH.ACK;

/** Two interleaved connections (client ports 40000 and 40001). */
function twoStreams(): Uint8Array {
  const segs: Segment[] = [];
  for (const cport of [40000, 40001]) {
    segs.push({ from: "c", seq: 1000, flags: TH.SYN, cport }, { from: "s", seq: 5000, ack: 1001, flags: TH.SYN | A, cport });
  }
  segs.push(
    { from: "c", seq: 1001, ack: 5001, flags: P, data: "USER a\r\n", cport: 40000 },
    { from: "c", seq: 1001, ack: 5001, flags: P, data: "USER b\r\n", cport: 40001 },
    { from: "s", seq: 5001, ack: 1009, flags: P, data: "331 ok\r\n", cport: 40000 },
    { from: "c", seq: 1014, ack: 5009, flags: P, data: "xyz", cport: 40000 }, // a hole of 5 bytes
    { from: "s", seq: 5009, ack: 1017, flags: A, cport: 40000 }, // acknowledges past it
  );
  return tcpCapture(segs);
}

async function session(bytes: Uint8Array): Promise<CaptureSession> {
  const s = new CaptureSession(new MemorySource(bytes, "two.pcap"));
  await s.load();
  return s;
}

describe("CaptureSession.follow", () => {
  it("builds a stream from its packets only, the same as a whole-file pass", async () => {
    const bytes = twoStreams();
    const s = await session(bytes);
    const viaSession = (await s.follow("tcp", 0))!;
    const viaPass = (await followStreams(new MemorySource(bytes))).stream("tcp", 0)!;
    expect(viaSession.info).toEqual(viaPass.info);
    expect(viaSession.chunkColumns(0, 100)).toEqual(viaPass.chunkColumns(0, 100));
    expect(String.fromCharCode(...(await viaSession.readChunks(0, 10)).flatMap((p) => (p.kind === "data" ? [...p.bytes] : [0x7c])))).toBe(
      "USER a\r\n331 ok\r\n|xyz",
    );
    expect(s.follows().streamCount("tcp")).toBe(2);
    expect(Array.from(s.follows().rowsOf("tcp", 1))).toEqual([2, 3, 5]);
    expect(await s.follow("tcp", 2)).toBeNull();
    expect(await s.follow("udp", 0)).toBeNull();
    // Cached: the same object again.
    expect(await s.follow("tcp", 0)).toBe(viaSession);
    // Without the indexing pass's facts (rows found by a scan, packets re-dissected): the same result.
    const scanned = new FollowService(
      { index: s.index, followFacts: null, streamRows: () => null, collectFields: (r, t, e) => s.collectFields(r, t, e) },
      new MemorySource(bytes),
    );
    expect(Array.from(scanned.rowsOf("tcp", 1))).toEqual([2, 3, 5]);
    const redissected = (await new FollowService(
      { index: s.index, followFacts: null, streamRows: () => null, collectFields: (r, t, e) => s.collectFields(r, t, e) },
      new MemorySource(bytes),
    ).follow("tcp", 0))!;
    expect(redissected.info).toEqual(viaSession.info);
    expect(redissected.chunkColumns(0, 100)).toEqual(viaSession.chunkColumns(0, 100));
    const withoutFacts = new CaptureSession(new MemorySource(bytes), { followFacts: false });
    await withoutFacts.load();
    expect(withoutFacts.followFacts).toBeNull();
    expect((await withoutFacts.follow("tcp", 0))!.chunkColumns(0, 100)).toEqual(viaSession.chunkColumns(0, 100));
  });

  it("shows only the stream under tcp.stream eq N, and everything else under its negation", async () => {
    const s = await session(twoStreams());
    const shown = async (text: string): Promise<number[] | null> => {
      const d = (await s.applyDisplayFilter(text)).display;
      return d ? Array.from(d) : null;
    };
    expect(await shown("tcp.stream eq 1")).toEqual([2, 3, 5]);
    expect(s.displayedCount).toBe(3);
    const batch = await s.rows(0, 10);
    expect(Array.from(batch.number)).toEqual([3, 4, 6]);
    expect(s.positionOf(4)).toBe(1);
    expect(s.positionOf(1)).toBe(-1);
    // A sort keeps the filter.
    const perm = await s.sort("number", "desc");
    expect(Array.from(perm)).toEqual([5, 3, 2]);
    expect(await shown("!(tcp.stream eq 1)")).toEqual([8, 7, 6, 4, 1, 0]);
    await s.sort("number", "asc");
    expect(await shown("")).toBeNull();
    expect(s.displayedCount).toBe(9);
    // The whole filter language applies now; bad text says where it is wrong.
    expect(await shown("tcp.stream eq 1 || tcp.stream eq 0")).toEqual(await shown("tcp"));
    await expect(s.applyDisplayFilter("tcp.stream eq")).rejects.toThrow(FilterError);
  });
});
