/**
 * The readers beyond plain pcap/pcapng on files built by hand: the pcap
 * variants wiretap tells apart, snoop, NetMon 1.x/2.x, gzip (inflated with
 * the platform's CompressionStream/DecompressionStream), and what a refused
 * file looks like. src/cli/formats.test.ts compares all of them with tshark.
 */
import { describe, expect, it } from "vitest";
import { MemorySource, type ByteSource } from "../io/byte-source";
import { inflateGzip, MemorySink } from "../io/gzip";
import { looksLike } from "./looks-like";
import { readCapture } from "./open";
import { u16, u32, u64 } from "./testing";
import type { PacketRecord, ReadResult } from "./types";

interface Seen {
  tsSec: number;
  tsNsec: number;
  capLen: number;
  origLen: number;
  linkType: number;
  data: number[];
  netmon?: PacketRecord["netmon"];
}

async function read(bytes: Uint8Array | ByteSource, chunkSize?: number): Promise<{ result: ReadResult; seen: Seen[] }> {
  const seen: Seen[] = [];
  const source = bytes instanceof Uint8Array ? new MemorySource(bytes) : bytes;
  const result = await readCapture(
    source,
    (r: PacketRecord, d: Uint8Array) =>
      seen.push({
        tsSec: r.tsSec,
        tsNsec: r.tsNsec,
        capLen: r.capLen,
        origLen: r.origLen,
        linkType: r.linkType,
        data: Array.from(d),
        ...(r.netmon ? { netmon: r.netmon } : {}),
      }),
    chunkSize ? { chunkSize } : {},
  );
  return { result, seen };
}

const A = [1, 2, 3, 4];
const B = [5, 6, 7, 8, 9, 10];

/** A pcap file header then records with `extra` bytes after each standard 16-byte record header. */
function pcapWith(opts: { magic: number; minor?: number; extra: number; swapLengths?: boolean }, packets: number[][]): Uint8Array {
  const bytes = [...u32(opts.magic), ...u16(2), ...u16(opts.minor ?? 4), ...u32(0), ...u32(0), ...u32(65535), ...u32(1)];
  packets.forEach((data, i) => {
    const [first, second] = opts.swapLengths ? [data.length + 100, data.length] : [data.length, data.length + 100];
    bytes.push(...u32(1000 + i), ...u32(500), ...u32(first), ...u32(second), ...new Array<number>(opts.extra).fill(0xee), ...data);
  });
  return Uint8Array.from(bytes);
}

describe("pcap variants", () => {
  const cases = [
    { name: "Nokia", magic: 0xa1b2c3d4, extra: 4, description: "Nokia tcpdump - pcap" },
    { name: "Red Hat 6.1", magic: 0xa1b2c3d4, extra: 8, description: "RedHat 6.1 tcpdump - pcap" },
    { name: "modified (ss991029)", magic: 0xa1b2cd34, extra: 8, description: "Modified tcpdump - pcap" },
    { name: "SuSE 6.3", magic: 0xa1b2cd34, extra: 12, description: "SuSE 6.3 tcpdump - pcap" },
  ];
  for (const c of cases) {
    it(`tells ${c.name} records apart by reading the first ones`, async () => {
      const { result, seen } = await read(pcapWith(c, [A, B, A, B]));
      expect(result.error).toBeNull();
      expect(result.info.formatDescription).toBe(c.description);
      expect(result.info.standardRecords).toBe(false);
      expect(seen.map((s) => s.data)).toEqual([A, B, A, B]);
      expect(seen[1]).toMatchObject({ tsSec: 1001, tsNsec: 500_000, capLen: 6, origLen: 106 });
    });
  }

  it("reads the lengths of files older than 2.3 in their old order", async () => {
    const { result, seen } = await read(pcapWith({ magic: 0xa1b2c3d4, minor: 2, extra: 0, swapLengths: true }, [A, B]));
    expect(result.error).toBeNull();
    expect(seen.map((s) => [s.capLen, s.origLen])).toEqual([
      [4, 104],
      [6, 106],
    ]);
  });

  it("swaps a 2.3 file's lengths only where the captured one is larger", async () => {
    const { seen } = await read(pcapWith({ magic: 0xa1b2c3d4, minor: 3, extra: 0, swapLengths: true }, [A]));
    expect(seen[0]).toMatchObject({ capLen: 4, origLen: 104 });
  });
});

/** A snoop file (big-endian) with records padded to `pad` extra bytes. */
function snoop(packets: number[][], pad = 2, datalink = 4): Uint8Array {
  const bytes = [...Array.from("snoop", (c) => c.charCodeAt(0)), 0, 0, 0, ...u32(2, false), ...u32(datalink, false)];
  packets.forEach((data, i) => {
    bytes.push(...u32(data.length + 10, false), ...u32(data.length, false), ...u32(24 + data.length + pad, false), ...u32(0, false));
    bytes.push(...u32(2000 + i, false), ...u32(250_000, false), ...data, ...new Array<number>(pad).fill(0));
  });
  return Uint8Array.from(bytes);
}

describe("snoop", () => {
  it("reads padded big-endian records", async () => {
    const { result, seen } = await read(snoop([A, B, A]), 40);
    expect(result.error).toBeNull();
    expect(result.info).toMatchObject({ format: "snoop", formatDescription: "Sun snoop" });
    expect(seen.map((s) => s.data)).toEqual([A, B, A]);
    expect(seen[1]).toMatchObject({ tsSec: 2001, tsNsec: 250_000_000, capLen: 6, origLen: 16, linkType: 1 });
  });

  it("loses a packet whose padding the file cuts, as tshark does", async () => {
    const bytes = snoop([A, B]);
    const { result, seen } = await read(bytes.subarray(0, bytes.length - 1));
    expect(seen).toHaveLength(1);
    expect(result.error).toMatchObject({ kind: "truncated", packetNumber: 2 });
  });

  it("refuses Shomiti captures and unknown datalinks", async () => {
    await expect(read(snoop([A], 16))).rejects.toThrow(/Shomiti/);
    await expect(read(snoop([A], 2, 0x12))).rejects.toThrow(/datalink type 18/);
  });
});

/** A NetMon 2.x comment table entry: the frame (index into `frames`), title, description bytes. */
interface Comment {
  frame: number;
  title: string;
  description: number[];
}

/** The comment table's bytes (see netmon.ts), with the frames' file offsets. */
function commentTable(comments: Comment[], offsets: number[]): number[] {
  return comments.flatMap((c) => {
    const title = Array.from(c.title).flatMap((ch) => u16(ch.charCodeAt(0)));
    return [...u32(1), ...u32(offsets[c.frame]!), ...u32(title.length), ...title, ...u32(c.description.length), ...c.description];
  });
}

/**
 * A NetMon file: header, frames (in file order as given), frame table listing
 * them in `order`, then the comment table (whose header length may be
 * overridden by `commentLength`).
 */
function netmon(
  major: 1 | 2,
  minor: number,
  frames: { delta: number; data: number[]; trailer?: number[] }[],
  order?: number[],
  comments: Comment[] = [],
  commentLength?: number,
): Uint8Array {
  const header = new Array<number>(128).fill(0);
  const put = (at: number, bytes: number[]): void => bytes.forEach((b, i) => (header[at + i] = b));
  put(
    0,
    Array.from(major === 1 ? "RTSS" : "GMBU", (c) => c.charCodeAt(0)),
  );
  put(4, [minor, major, ...u16(1)]);
  put(8, [...u16(2016), ...u16(9), ...u16(4), ...u16(1), ...u16(7), ...u16(0), ...u16(46), ...u16(638)]); // 2016-09-01 07:00:46.638
  const body: number[] = [];
  const offsets: number[] = [];
  for (const f of frames) {
    offsets.push(128 + body.length);
    if (major === 1) body.push(...u32(f.delta), ...u16(f.data.length + 1), ...u16(f.data.length));
    else body.push(...u64(BigInt(f.delta)), ...u32(f.data.length + 1), ...u32(f.data.length));
    body.push(...f.data, ...(f.trailer ?? []));
  }
  const table = (order ?? offsets.map((_, i) => i)).flatMap((i) => u32(offsets[i]!));
  put(24, [...u32(128 + body.length), ...u32(table.length)]);
  const notes = commentTable(comments, offsets);
  if (comments.length > 0) put(40, [...u32(128 + body.length + table.length), ...u32(commentLength ?? notes.length)]);
  return Uint8Array.from([...header, ...body, ...table, ...notes]);
}

describe("Network Monitor", () => {
  it("1.x: millisecond offsets from the start, frames in the frame table's order", async () => {
    const { result, seen } = await read(
      netmon(
        1,
        1,
        [
          { delta: 1500, data: A },
          { delta: 10, data: B },
        ],
        [1, 0],
      ),
    );
    expect(result.error).toBeNull();
    expect(result.info.formatDescription).toBe("Microsoft NetMon 1.x");
    expect(result.info.interfaces[0]!.tsResolution.exponent).toBe(3);
    expect(seen.map((s) => s.data)).toEqual([B, A]);
    const start = Date.UTC(2016, 8, 1, 7, 0, 46) / 1000;
    expect(seen[0]).toMatchObject({ tsSec: start, tsNsec: 648_000_000, origLen: 7 });
    expect(seen[1]).toMatchObject({ tsSec: start + 2, tsNsec: 138_000_000 });
  });

  it("2.1: per-frame media types, NetMon's reassembly headers skipped", async () => {
    const { result, seen } = await read(
      netmon(2, 1, [
        { delta: 1, data: A, trailer: u16(1) },
        { delta: 2, data: B, trailer: u16(0xfffc) },
        { delta: 3, data: B, trailer: u16(0xe000 + 113) },
      ]),
    );
    expect(result.error).toBeNull();
    expect(seen.map((s) => s.linkType)).toEqual([1, 113]);
    expect(result.info.interfaces.map((i) => i.linkType)).toEqual([1, 113]);
    expect(seen[1]).toMatchObject({ tsNsec: 638_003_000, data: B });
  });

  it("2.3: the trailer's UTC FILETIME is the timestamp", async () => {
    const filetime = (1472713246n + 11644473600n) * 10_000_000n + 6_381_805n;
    const trailer = [...u16(1), ...u32(0), ...u64(filetime), 0];
    const { seen } = await read(netmon(2, 3, [{ delta: 0, data: A, trailer }]));
    expect(seen[0]).toMatchObject({ tsSec: 1472713246, tsNsec: 638_180_500 });
  });

  it("2.x comments: the commented frame becomes a Network Monitor Header frame around its own link type", async () => {
    const rtf = Array.from("{\\rtf1 x}\r\n", (c) => c.charCodeAt(0));
    const frames = [
      { delta: 1, data: A, trailer: u16(1) },
      { delta: 2, data: B, trailer: u16(0xe000 + 113) },
      { delta: 3, data: A, trailer: u16(1) },
    ];
    const { result, seen } = await read(netmon(2, 1, frames, undefined, [{ frame: 1, title: "Step 2\u00e9", description: [...rtf, 0x91, 0, 0x41] }]));
    expect(result.error).toBeNull();
    // The frame keeps its own link type (so it is written as the frame it is); the frame layer adds the header.
    expect(seen.map((s) => s.linkType)).toEqual([1, 113, 1]);
    // The description is ASCII up to its first NUL, as the dissector reads wiretap's C string.
    expect(seen[1]!.netmon).toEqual({ title: "Step 2\u00e9", description: "{\\rtf1 x}\r\n\ufffd" });
    expect(seen[0]!.netmon).toBeUndefined();
    expect(seen[2]!.netmon).toBeUndefined();
  });

  it("a comment table past the end of the file is ignored, its entries' lengths bounded by the table", async () => {
    const frames = [{ delta: 1, data: A, trailer: u16(1) }];
    const past = await read(netmon(2, 1, frames, undefined, [{ frame: 0, title: "t", description: [] }], 0x7fffffff));
    expect(past.result.error).toBeNull();
    expect(past.seen).toHaveLength(1);
    expect(past.seen[0]).toMatchObject({ linkType: 1, data: A });
    expect(past.seen[0]!.netmon).toBeUndefined();
    // A second entry whose title length overruns the table: the first entry is kept, the rest ignored.
    const bytes = netmon(2, 1, [...frames, ...frames], undefined, [
      { frame: 0, title: "one", description: [0x41] },
      { frame: 1, title: "two", description: [0x42] },
    ]);
    const view = new DataView(bytes.buffer);
    const second = view.getUint32(40, true) + 12 + 6 + 4 + 1;
    view.setUint32(second + 8, 0xfffffff0, true);
    const cut = await read(bytes);
    expect(cut.result.error).toBeNull();
    expect(cut.seen.map((s) => s.netmon?.title ?? null)).toEqual(["one", null]);
  });

  it("a frame table past the end of the file is damage before any packet", async () => {
    const bytes = netmon(1, 1, [{ delta: 0, data: A }]);
    await expect(read(bytes.subarray(0, bytes.length - 2))).rejects.toThrow(/frame table/);
  });
});

async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function inflated(bytes: Uint8Array): Promise<ByteSource> {
  const result = await inflateGzip(new MemorySource(bytes), new MemorySink(), { chunkSize: 7 });
  result!.source.compression = result!.compression;
  return result!.source;
}

describe("gzip", () => {
  const plain = pcapWith({ magic: 0xa1b2c3d4, extra: 0 }, [A, B, A, B, A]);

  it("reads the inflated capture and says it was compressed", async () => {
    const { result, seen } = await read(await inflated(await gzip(plain)));
    expect(result.error).toBeNull();
    expect(seen).toHaveLength(5);
    expect(result.info.formatDescription).toBe("Wireshark/tcpdump/... - pcap (gzip compressed)");
  });

  it("keeps every packet before a cut and says the compressed file broke", async () => {
    const big = pcapWith(
      { magic: 0xa1b2c3d4, extra: 0 },
      Array.from({ length: 400 }, (_, i) => Array.from({ length: 60 }, (_, k) => (i * 7 + k * 13) & 0xff)),
    );
    const compressed = await gzip(big);
    const { result, seen } = await read(await inflated(compressed.subarray(0, Math.floor(compressed.length / 2))));
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.length).toBeLessThan(400);
    expect(result.error).toMatchObject({ kind: "truncated", packetNumber: seen.length + 1 });
    expect(result.error!.message).toMatch(/gzip file breaks off .*cut short/);
  });
});

describe("what a refused file looks like", () => {
  it.each([
    [[0x50, 0x4b, 0x03, 0x04, 0, 0], "a zip archive"],
    [Array.from("GET / HTTP/1.1\r\n", (c) => c.charCodeAt(0)), "text"],
    [Array.from('{"a": 1}', (c) => c.charCodeAt(0)), "text (markup or JSON)"],
    [[0, 1, 2, 3, 0xff, 0, 0, 0], null],
  ] as const)("%j is %s", (bytes, name) => {
    expect(looksLike(Uint8Array.from(bytes))).toBe(name);
  });

  it("names it in the refusal", async () => {
    await expect(read(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]))).rejects.toThrow(/looks like a zip archive/);
  });
});
