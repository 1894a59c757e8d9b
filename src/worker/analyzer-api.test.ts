import { describe, expect, it } from "vitest";
import { AnalyzerApi } from "./analyzer-api";
import type { LoadProgress } from "../engine/session/types";

// ---- Hand-built captures -------------------------------------------------

const le32 = (v: number): number[] => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
const le16 = (v: number): number[] => [v & 0xff, (v >>> 8) & 0xff];
const be16 = (v: number): number[] => [(v >>> 8) & 0xff, v & 0xff];

const BROADCAST = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
const MAC_A = [0x02, 0x00, 0x00, 0x00, 0x00, 0x0a];
const MAC_B = [0x02, 0x00, 0x00, 0x00, 0x00, 0x0b];

/** Ethernet II + IPv4 + UDP carrying `payload`. */
function udpFrame(dst: number[], src: number[], srcIp: number, dstIp: number, payload: number[]): number[] {
  const udpLen = 8 + payload.length;
  const ipLen = 20 + udpLen;
  return [
    ...dst, // eth.dst
    ...src, // eth.src
    ...be16(0x0800), // eth.type: IPv4
    0x45, // version 4, IHL 5
    0x00, // DSCP/ECN
    ...be16(ipLen), // total length
    ...be16(0x1234), // identification
    ...be16(0x4000), // flags: DF
    64, // TTL
    17, // protocol: UDP
    ...be16(0), // header checksum (unverified)
    ...be16(srcIp >>> 16),
    ...be16(srcIp & 0xffff), // source address
    ...be16(dstIp >>> 16),
    ...be16(dstIp & 0xffff), // destination address
    ...be16(40000), // udp.srcport
    ...be16(9), // udp.dstport (discard)
    ...be16(udpLen), // udp.length
    ...be16(0), // udp.checksum (none)
    ...payload,
  ];
}

/** An Ethernet frame with a local experimental EtherType nobody dissects. */
function rawFrame(dst: number[], src: number[], bodyLen: number): number[] {
  return [...dst, ...src, ...be16(0x88b5), ...Array.from({ length: bodyLen }, (_, i) => i & 0xff)];
}

/** Classic little-endian microsecond pcap, LINKTYPE_ETHERNET. */
function pcap(frames: { sec: number; usec: number; data: number[] }[]): Uint8Array {
  const out: number[] = [
    ...le32(0xa1b2c3d4), // magic
    ...le16(2), // version major
    ...le16(4), // version minor
    ...le32(0), // thiszone
    ...le32(0), // sigfigs
    ...le32(65535), // snaplen
    ...le32(1), // linktype: Ethernet
  ];
  for (const f of frames) {
    out.push(...le32(f.sec), ...le32(f.usec), ...le32(f.data.length), ...le32(f.data.length), ...f.data);
  }
  return Uint8Array.from(out);
}

const ip = (a: number, b: number, c: number, d: number): number => ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;

function threePackets(): Uint8Array {
  return pcap([
    { sec: 1_700_000_000, usec: 0, data: udpFrame(MAC_B, MAC_A, ip(10, 0, 0, 1), ip(10, 0, 0, 2), [1, 2, 3, 4]) },
    { sec: 1_700_000_000, usec: 250_000, data: udpFrame(MAC_A, MAC_B, ip(10, 0, 0, 2), ip(10, 0, 0, 1), Array(40).fill(0x41)) },
    { sec: 1_700_000_001, usec: 500_000, data: rawFrame(BROADCAST, MAC_A, 46) },
  ]);
}

function blob(bytes: Uint8Array): Blob {
  return new Blob([bytes as Uint8Array<ArrayBuffer>]);
}

// ---- Tests ---------------------------------------------------------------

describe("AnalyzerApi", () => {
  it("opens a capture from a Blob and reports summary, progress and rows", async () => {
    const api = new AnalyzerApi();
    const bytes = threePackets();
    const progress: LoadProgress[] = [];
    const rowCounts: number[] = [];
    let summaryName = "";
    const result = await api.open(blob(bytes), "three.pcap", {
      onSummary: (s) => (summaryName = s.fileName),
      onProgress: (p) => progress.push(p),
      onRows: (n) => rowCounts.push(n),
    });
    expect(result.problem).toBeNull();
    expect(result.cancelled).toBe(false);
    expect(result.packets).toBe(3);
    expect(result.summary).toMatchObject({
      fileName: "three.pcap",
      format: "pcap",
      fileSize: bytes.length,
      linkTypes: ["Ethernet"],
      timeDecimals: 6,
    });
    expect(summaryName).toBe("three.pcap");
    expect(result.firstSec).toBe(1_700_000_000);
    expect(progress.at(-1)).toEqual({ bytesRead: bytes.length, totalBytes: bytes.length, packets: 3 });
    expect(rowCounts.at(-1)).toBe(3);
    expect(api.packetCount()).toBe(3);
  });

  it("returns rows as typed-array columns with string-table deltas and Info", async () => {
    const api = new AnalyzerApi();
    await api.open(blob(threePackets()), "three.pcap");
    const b = await api.rows(0, 100);
    expect(b.first).toBe(0);
    expect(b.count).toBe(3);
    expect(b.number).toBeInstanceOf(Uint32Array);
    expect([...b.number]).toEqual([1, 2, 3]);
    expect([...b.timeSec]).toEqual([1_700_000_000, 1_700_000_000, 1_700_000_001]);
    expect([...b.timeNsec]).toEqual([0, 250_000_000, 500_000_000]);
    // Delta from the previous packet: 0.25 s, then 1.25 s.
    expect([...b.deltaSec]).toEqual([0, 0, 1]);
    expect([...b.deltaNsec]).toEqual([0, 250_000_000, 250_000_000]);
    expect([...b.length]).toEqual([46, 82, 60]);
    expect(b.info).toHaveLength(3);
    expect(b.addresses.from).toBe(0);
    const addr = (id: number): string => b.addresses.strings[id]!;
    // Source/Destination prefer network addresses; without an IPv4 dissector they are MACs.
    expect(["10.0.0.1", "02:00:00:00:00:0a"]).toContain(addr(b.src[0]!));
    expect(addr(b.dst[2]!)).toBe("Broadcast");
    expect(b.protocols.strings[b.protocol[2]!]).toBe("0x88b5");
    // Info comes from re-dissecting the rows (its text is the dissectors' business).
    expect(b.info[2]!.length).toBeGreaterThan(0);

    // A caller that knows the tables gets only what is new.
    const again = await api.rows(1, 1, b.addresses.strings.length, b.protocols.strings.length);
    expect(again.count).toBe(1);
    expect(again.number[0]).toBe(2);
    expect(again.addresses.strings).toEqual([]);
    expect(again.protocols.strings).toEqual([]);

    // Past the end: an empty batch, not an error.
    expect((await api.rows(10, 5)).count).toBe(0);
  });

  it("colours rows by Wireshark's default rules", async () => {
    const api = new AnalyzerApi();
    await api.open(blob(threePackets()), "three.pcap");
    const b = await api.rows(0, 3);
    const { COLOUR_RULES } = await import("../engine/session/colour-rules");
    expect(COLOUR_RULES[b.colourIndex[2]! - 1]?.name).toBe("Broadcast");
  });

  it("gives the details tree with byte ranges and the frame bytes", async () => {
    const api = new AnalyzerApi();
    const bytes = threePackets();
    await api.open(blob(bytes), "three.pcap");
    const d = await api.details(1);
    expect(d).not.toBeNull();
    const [frame, eth] = d!.tree;
    expect(frame!.label).toMatch(/^Frame 1: 46 bytes on wire/);
    expect(frame!.abbrev).toBe("frame");
    expect(eth!.abbrev).toBe("eth");
    expect(eth!.label).toMatch(/^Ethernet II/);
    const dst = eth!.children!.find((c) => c.abbrev === "eth.dst")!;
    expect(dst).toMatchObject({ offset: 0, length: 6, source: 0, value: "02:00:00:00:00:0b" });
    const type = eth!.children!.find((c) => c.abbrev === "eth.type")!;
    expect(type).toMatchObject({ offset: 12, length: 2 });
    expect(d!.sources).toHaveLength(1);
    expect(d!.sources[0]!.name).toBe("Frame (46 bytes)");
    expect([...d!.sources[0]!.bytes.subarray(0, 6)]).toEqual(MAC_B);
    // Generated fields are bracketed.
    const generated = frame!.children!.filter((c) => c.generated);
    for (const g of generated) expect(g.label.startsWith("[")).toBe(true);
    expect(await api.details(99)).toBeNull();
  });

  it("sorts in the worker and maps positions", async () => {
    const api = new AnalyzerApi();
    await api.open(blob(threePackets()), "three.pcap");
    const perm = await api.sort("length", "desc");
    expect([...perm]).toEqual([1, 2, 0]);
    const b = await api.rows(0, 3);
    expect([...b.number]).toEqual([2, 3, 1]);
    expect(api.positionOf(1)).toBe(2);
    expect([...(await api.sort("number", "asc"))]).toEqual([0, 1, 2]);
    expect(api.positionOf(1)).toBe(0);
    const byInfo = await api.sort("info", "asc");
    expect(byInfo).toHaveLength(3);
  });

  it("says plainly when a file is not a capture", async () => {
    const api = new AnalyzerApi();
    const result = await api.open(blob(new TextEncoder().encode("GIF89a, certainly not a capture")), "x.gif");
    expect(result.packets).toBe(0);
    expect(result.problem?.kind).toBe("not-a-capture");
    expect(result.problem?.message).toMatch(/^This is not a capture file \(it looks like a GIF image; first bytes: 47 49 46 38/);
  });

  it("keeps the packets before a truncation and says where the file ends", async () => {
    const api = new AnalyzerApi();
    const whole = threePackets();
    const cut = whole.subarray(0, whole.length - 10);
    const result = await api.open(blob(cut), "cut.pcap");
    expect(result.packets).toBe(2);
    expect(result.problem?.kind).toBe("truncated");
    const offset = 24 + (16 + 46) + (16 + 82);
    expect(result.problem?.message).toBe(`The file ends in the middle of packet 3 at byte ${offset}; the 2 packets before it are shown`);
    expect((await api.rows(0, 10)).count).toBe(2);
  });

  it("throttles progress to the interval and can be cancelled", async () => {
    let clock = 0;
    const frames = Array.from({ length: 5000 }, (_, i) => ({ sec: 1000 + i, usec: 0, data: rawFrame(MAC_B, MAC_A, 50) }));
    const bytes = pcap(frames);
    const api = new AnalyzerApi({ chunkSize: 4096, progressIntervalMs: 100, now: () => (clock += 1) });
    const times: number[] = [];
    const result = await api.open(blob(bytes), "many.pcap", { onProgress: () => times.push(clock) });
    expect(result.packets).toBe(5000);
    expect(times.length).toBeLessThan(clock / 100 + 3);
    // Apart from the first-rows report and the final one, reports are >= 100 ms apart.
    for (let i = 2; i < times.length - 1; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(100);

    const api2 = new AnalyzerApi({ chunkSize: 4096 });
    const loading = api2.open(blob(bytes), "many.pcap");
    api2.cancel();
    const cancelled = await loading;
    expect(cancelled.cancelled).toBe(true);
    expect(cancelled.packets).toBeLessThan(5000);
    expect(cancelled.problem).toBeNull();
  });

  it("serves rows while indexing continues", async () => {
    const frames = Array.from({ length: 3000 }, (_, i) => ({ sec: 1000 + i, usec: 0, data: rawFrame(MAC_B, MAC_A, 50) }));
    const api = new AnalyzerApi({ chunkSize: 8192 });
    let firstBatch: Promise<number> | null = null;
    const loaded = api.open(blob(pcap(frames)), "many.pcap", {
      onRows: () => {
        firstBatch ??= api.rows(0, 10).then((b) => b.count);
      },
    });
    const result = await loaded;
    expect(result.packets).toBe(3000);
    expect(await firstBatch).toBe(10);
  });
});
