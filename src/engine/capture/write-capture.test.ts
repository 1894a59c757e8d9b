import { describe, expect, it } from "vitest";
import { MemorySource } from "../io/byte-source";
import { readCapture } from "./open";
import type { CaptureInfo, PacketRecord } from "./types";
import { epb, idb, option, pcapFile, shb, text, u64 } from "./testing";
import { CaptureWriteError, captureChunks, captureParts, readInputHeaders, type OutputFormat, type WriteRequest } from "./write-capture";
import { timestampUnits } from "./pcapng-writer";

interface Packet {
  offset: number;
  tsSec: number;
  tsNsec: number;
  capLen: number;
  origLen: number;
  iface: number;
  linkType: number;
  comments: string[] | null;
  data: number[];
}

async function read(bytes: Uint8Array): Promise<{ info: CaptureInfo; packets: Packet[] }> {
  const packets: Packet[] = [];
  const result = await readCapture(new MemorySource(bytes), (r: PacketRecord, d: Uint8Array) =>
    packets.push({
      offset: r.dataOffset,
      tsSec: r.tsSec,
      tsNsec: r.tsNsec,
      capLen: r.capLen,
      origLen: r.origLen,
      iface: r.interfaceId,
      linkType: r.linkType,
      comments: r.comments ? [...r.comments] : null,
      data: Array.from(d),
    }),
  );
  expect(result.error).toBeNull();
  return { info: result.info, packets };
}

/** Writes `rows` of `input` in `format` (through the parts and the chunk reader, as the CLI does) and reads the result back. */
async function roundTrip(input: Uint8Array, format: OutputFormat, rows?: number[]) {
  const { info, packets } = await read(input);
  const source = new MemorySource(input);
  const column = (k: keyof Packet) => packets.map((p) => p[k] as number);
  const req: WriteRequest = {
    info,
    frames: {
      offset: column("offset"),
      capLen: column("capLen"),
      origLen: column("origLen"),
      tsSec: column("tsSec"),
      tsNsec: column("tsNsec"),
      iface: column("iface"),
    },
    rows: rows ?? packets.map((_, k) => k),
    format,
    comments: (row) => packets[row]!.comments,
    headers: await readInputHeaders(source, info),
  };
  const parts = [...captureParts(req)];
  const chunks: Uint8Array[] = [];
  // Chunks are only valid until the next is taken: copy them as a file write would.
  for await (const c of captureChunks(parts, source, 64)) chunks.push(c.slice());
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return {
    written: await read(out),
    original: packets.filter((_, k) => req.rows.length === packets.length || (rows ?? []).includes(k)),
    parts,
    bytes: out,
    info,
  };
}

const strip = ({ offset: _, ...p }: Packet) => p;

const ether = (n: number) => Array.from({ length: n }, (_, k) => (k * 7 + n) & 0xff);

describe("pcap writer", () => {
  const micro = pcapFile({ linkType: 1, snapLen: 65535 }, [
    { sec: 1_700_000_000, frac: 123_456, data: ether(60) },
    { sec: 1_700_000_001, frac: 999_999, data: ether(61), origLen: 1514 },
    { sec: 1_700_000_002, frac: 0, data: ether(3) },
  ]);
  const nanoBE = pcapFile({ le: false, nano: true, linkType: 101, snapLen: 262144 }, [
    { sec: 10, frac: 123_456_789, data: ether(20) },
    { sec: 11, frac: 999_999_999, data: ether(21) },
  ]);

  it("copies a pcap of its own kind as the file header and one range per run of consecutive packets", async () => {
    const { written, original, parts, bytes } = await roundTrip(micro, "pcap", [0, 1]);
    expect(written.packets.map(strip)).toEqual(original.map(strip));
    expect(written.info.interfaces[0]!.snapLen).toBe(65535);
    expect(parts.length).toBe(2); // header, one range covering records 1 and 2
    expect(Array.from(bytes)).toEqual(Array.from(micro.subarray(0, 24 + 16 + 60 + 16 + 61)));
  });

  it("rewrites a big-endian nanosecond pcap as little-endian microseconds (truncated) or nanoseconds", async () => {
    const us = await roundTrip(nanoBE, "pcap");
    expect(us.written.info.nanosecond).toBe(false);
    expect(us.written.info.littleEndian).toBe(true);
    expect(us.written.packets.map((p) => [p.tsSec, p.tsNsec, p.linkType])).toEqual([
      [10, 123_456_000, 101],
      [11, 999_999_000, 101],
    ]);
    const ns = await roundTrip(nanoBE, "nsecpcap");
    expect(ns.written.info.nanosecond).toBe(true);
    expect(ns.written.packets.map(strip)).toEqual(ns.original.map(strip));
  });

  it("writes pcapng from pcap: one interface with the pcap's link type, snap length and resolution", async () => {
    const { written, original } = await roundTrip(nanoBE, "pcapng");
    expect(written.info.format).toBe("pcapng");
    expect(written.info.interfaces).toMatchObject([{ linkType: 101, snapLen: 262144, tsResolution: { base: 10, exponent: 9 } }]);
    expect(written.packets.map((p) => ({ ...strip(p), iface: 0 }))).toEqual(original.map((p) => ({ ...strip(p), iface: 0 })));
  });

  it("writes the header alone when no packet is chosen", async () => {
    const { bytes } = await roundTrip(micro, "pcap", []);
    expect(bytes.length).toBe(24);
  });
});

describe("pcapng writer", () => {
  const tsresol = (r: number) => option(9, [r]);
  const input = Uint8Array.from([
    ...shb(true, [...option(4, text("Hand built")), ...option(0, [])]),
    ...idb(1, true, [...option(2, text("eth0")), ...tsresol(9), ...option(0, [])], 262144),
    ...idb(113, true, [...option(12, text("some OS")), ...option(0, [])], 0), // microseconds, an option the reader does not keep
    ...idb(1, true, [...tsresol(0x80 | 20), ...option(14, u64(100n)), ...option(0, [])], 1500), // 2^-20 s units, if_tsoffset 100 s
    ...epb(0, 1_422_527_998_578_402_281n, ether(74), true, [...option(1, text("first")), ...option(1, text("second")), ...option(0, [])]),
    ...epb(1, 0xffffffff_e1dfd279n, ether(30), true, [], 1000), // a timestamp past 2^32 seconds
    ...epb(2, (5n << 20n) + (1n << 19n), ether(9)), // 5.5 s after the offset
    ...epb(0, 1n, ether(1), true, [...option(1, [0x61, 0, 0x62]), ...option(0, [])]), // a comment with a NUL inside
  ]);

  it("keeps interfaces, timestamps in each interface's units, lengths and comments", async () => {
    const { written, original, info } = await roundTrip(input, "pcapng");
    expect(written.packets.map(strip)).toEqual(original.map(strip));
    expect(written.info.interfaces.map(({ block: _, ...i }) => i)).toEqual(info.interfaces.map(({ block: _, ...i }) => i));
    expect(original[3]!.comments).toEqual(["a"]);
  });

  it("copies the section's and the interfaces' options as they are", async () => {
    const { bytes } = await roundTrip(input, "pcapng");
    // Everything up to the first packet block is the input's, byte for byte.
    const headers = shb(true, [...option(4, text("Hand built")), ...option(0, [])]).length;
    const idbs = input.indexOf(6, headers); // the first EPB's type byte
    expect(Array.from(bytes.subarray(0, idbs))).toEqual(Array.from(input.subarray(0, idbs)));
  });

  it("writes only the chosen packets, keeping their interface numbers", async () => {
    const { written } = await roundTrip(input, "pcapng", [1, 3]);
    expect(written.packets.map((p) => [p.iface, p.linkType, p.capLen, p.origLen])).toEqual([
      [1, 113, 30, 1000],
      [0, 1, 1, 1],
    ]);
    expect(written.info.interfaces.length).toBe(3);
  });

  it("refuses a pcap with packets of two link types, naming the first that differs", async () => {
    await expect(roundTrip(input, "pcap")).rejects.toThrow(CaptureWriteError);
    await expect(roundTrip(input, "pcap")).rejects.toThrow(/^Frame 2 has a network type that differs/);
    const one = await roundTrip(input, "pcap", [0, 3]);
    expect(one.written.packets.map((p) => [p.tsSec, p.tsNsec])).toEqual([
      [1_422_527_998, 578_402_000],
      [0, 0],
    ]);
  });

  it("converts timestamps back to the interface's units exactly for decimal resolutions", () => {
    const iface = { linkType: 1, snapLen: 0, tsResolution: { base: 10 as const, exponent: 9 }, tsOffsetSeconds: 0 };
    expect(timestampUnits(iface, 4_294_967_295, 999_999_999)).toBe(4_294_967_295_999_999_999n);
    expect(timestampUnits({ ...iface, tsResolution: { base: 10, exponent: 6 } }, 1, 2_999)).toBe(1_000_002n);
    expect(timestampUnits({ ...iface, tsResolution: { base: 10, exponent: 3 }, tsOffsetSeconds: 10 }, 12, 500_000_000)).toBe(2_500n);
  });
});
