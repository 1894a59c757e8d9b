/**
 * Follow Stream from hand-built segments (testing.ts writes them as a pcap;
 * the same files were given to tshark 4.0.17 while developing, and every
 * "tshark prints" below is what it printed for `-z follow,tcp,yaml,0`).
 * Real captures are compared in src/cli/follow.test.ts (goldens) and
 * src/cli/follow-corpus.test.ts (live tshark).
 */
import { describe, expect, it } from "vitest";
import { MemorySource } from "../io/byte-source";
import { followStreams } from "./follow-index";
import { readDirection } from "./follow-stream";
import { piecesToRecords, writeTsharkFollow, type RenderOptions } from "./render";
import { TH, tcpCapture, udpCapture, type Segment } from "./testing";
import type { Direction, FollowStream } from "./types";

const A = TH.ACK;
const P = TH.PSH | TH.ACK;

/** SYN, SYN/ACK, ACK with initial sequence numbers c (client) and s (server). */
function handshake(c = 1000, s = 5000): Segment[] {
  return [
    { from: "c", seq: c, flags: TH.SYN },
    { from: "s", seq: s, ack: c + 1, flags: TH.SYN | A },
    { from: "c", seq: c + 1, ack: s + 1, flags: A },
  ];
}

async function follow(segments: Segment[]): Promise<FollowStream> {
  const index = await followStreams(new MemorySource(tcpCapture(segments)));
  return index.stream("tcp", 0)!;
}

/** One direction as text, gaps as ‹gap N›. */
async function text(s: FollowStream, d: Direction): Promise<string> {
  let out = "";
  for (const p of await s.read(d)) out += p.kind === "gap" ? `‹gap ${p.length}›` : String.fromCharCode(...p.bytes);
  return out;
}

/** What tshark would print, record by record: "frame:peer:text" (markers included). */
async function records(s: FollowStream, options: RenderOptions = {}): Promise<string[]> {
  const pieces = await s.readChunks(0, s.info.chunkCount);
  return piecesToRecords(s, pieces, options).map(
    (r) => `${r.frame}:${r.direction}:${String.fromCharCode(...r.bytes).replace("\0", "\\0")}`,
  );
}

describe("follow TCP: what tshark 4.0 does, reproduced", () => {
  it("a plain conversation: chunks in arrival order, node 0 sent the SYN", async () => {
    const s = await follow([
      ...handshake(),
      { from: "c", seq: 1001, ack: 5001, flags: P, data: "hello" },
      { from: "s", seq: 5001, ack: 1006, flags: P, data: "world" },
      { from: "c", seq: 1006, ack: 5006, flags: TH.FIN | A },
      { from: "s", seq: 5006, ack: 1007, flags: TH.FIN | A },
      { from: "c", seq: 1007, ack: 5007, flags: A },
    ]);
    expect(s.info.nodes).toEqual([
      { address: "10.0.0.1", port: 40000 },
      { address: "10.0.0.2", port: 21 },
    ]);
    expect(s.info.bytes).toEqual([5, 5]);
    expect(s.info.missing).toEqual([0, 0]);
    expect(s.info.syn).toEqual([true, true]);
    expect(s.info.fin).toEqual([true, true]);
    expect(s.info.packets).toBe(8);
    expect(s.chunk(0)).toMatchObject({ index: 0, frame: 4, direction: 0, streamOffset: 0, length: 5, gapBefore: 0 });
    expect(s.chunk(1)).toMatchObject({ index: 1, frame: 5, direction: 1, streamOffset: 0, length: 5, gapBefore: 0 });
    expect(await records(s)).toEqual(["4:0:hello", "5:1:world"]);
  });

  it("a retransmission with different bytes: the first copy wins, only the new tail is added", async () => {
    // tshark prints AAAA (frame 4) then BB (frame 5).
    const s = await follow([
      ...handshake(),
      { from: "c", seq: 1001, ack: 5001, flags: P, data: "AAAA" },
      { from: "c", seq: 1001, ack: 5001, flags: P, data: "BBBBBB" },
      { from: "s", seq: 5001, ack: 1007, flags: A },
    ]);
    expect(await records(s)).toEqual(["4:0:AAAA", "5:0:BB"]);
    expect(await text(s, 0)).toBe("AAAABB");
    expect(s.chunk(1)).toMatchObject({ streamOffset: 4, length: 2 });
  });

  it("an overlapping segment starting inside delivered data", async () => {
    // tshark: AAAA, BBBB (bytes 1003-1004 of the second copy were seen already).
    const s = await follow([
      ...handshake(),
      { from: "c", seq: 1001, ack: 5001, flags: P, data: "AAAA" },
      { from: "c", seq: 1003, ack: 5001, flags: P, data: "BBBBBB" },
    ]);
    expect(await records(s)).toEqual(["4:0:AAAA", "5:0:BBBB"]);
  });

  it("out-of-order segments wait for the bytes before them", async () => {
    // tshark: first (frame 5), later (frame 4).
    const s = await follow([
      ...handshake(),
      { from: "c", seq: 1006, ack: 5001, flags: P, data: "later" },
      { from: "c", seq: 1001, ack: 5001, flags: P, data: "first" },
      { from: "s", seq: 5001, ack: 1011, flags: A },
    ]);
    expect(await records(s)).toEqual(["5:0:first", "4:0:later"]);
    expect(s.chunk(1)).toMatchObject({ frame: 4, streamOffset: 5 });
  });

  it("overlapping out-of-order segments: the one that fits first is delivered, the others trimmed", async () => {
    // tshark: 111, 4444, 666.
    const a = await follow([
      ...handshake(),
      { from: "c", seq: 1006, ack: 5001, flags: P, data: "66666" },
      { from: "c", seq: 1004, ack: 5001, flags: P, data: "4444" },
      { from: "c", seq: 1001, ack: 5001, flags: P, data: "111" },
    ]);
    expect(await records(a)).toEqual(["6:0:111", "5:0:4444", "4:0:666"]);
    // tshark: 111, 4444444 (the 66 inside it is never printed).
    const b = await follow([
      ...handshake(),
      { from: "c", seq: 1004, ack: 5001, flags: P, data: "4444444" },
      { from: "c", seq: 1006, ack: 5001, flags: P, data: "66" },
      { from: "c", seq: 1001, ack: 5001, flags: P, data: "111" },
    ]);
    expect(await records(b)).toEqual(["6:0:111", "4:0:4444444"]);
    // Two waiting segments at the same place: the older one wins. tshark: abc, XX, YY.
    const c = await follow([
      ...handshake(),
      { from: "c", seq: 1004, ack: 5001, flags: P, data: "XX" },
      { from: "c", seq: 1004, ack: 5001, flags: P, data: "YYYY" },
      { from: "c", seq: 1001, ack: 5001, flags: P, data: "abc" },
    ]);
    expect(await records(c)).toEqual(["6:0:abc", "4:0:XX", "5:0:YY"]);
    // An in-order segment overwrites the waiting one it overlaps. tshark: abc, DEFGH, i.
    const d = await follow([
      ...handshake(),
      { from: "c", seq: 1001, ack: 5001, flags: P, data: "abc" },
      { from: "c", seq: 1007, ack: 5001, flags: P, data: "ghi" },
      { from: "c", seq: 1004, ack: 5001, flags: P, data: "DEFGH" },
    ]);
    expect(await records(d)).toEqual(["4:0:abc", "6:0:DEFGH", "5:0:i"]);
  });

  it("a hole the peer acknowledged is a gap (tshark's marker), with the acknowledging frame", async () => {
    // tshark: abc, "[6 bytes missing in capture file]\0" (packet 6, timestamp 0), xyz (frame 5), ok.
    const s = await follow([
      ...handshake(),
      { from: "c", seq: 1001, ack: 5001, flags: P, data: "abc" },
      { from: "c", seq: 1010, ack: 5001, flags: P, data: "xyz" },
      { from: "s", seq: 5001, ack: 1013, flags: A },
      { from: "s", seq: 5001, ack: 1013, flags: P, data: "ok" },
    ]);
    expect(await records(s)).toEqual(["4:0:abc", "6:0:[6 bytes missing in capture file]\\0", "5:0:xyz", "7:1:ok"]);
    expect(s.chunk(1)).toMatchObject({ frame: 5, streamOffset: 9, length: 3, gapBefore: 6, gapFrame: 6 });
    expect(s.info.missing).toEqual([6, 0]);
    expect(await text(s, 0)).toBe("abc‹gap 6›xyz");
    expect(s.info.bytes).toEqual([6, 2]);
    const whole = await readDirection(s, 0, { fill: 0x2e });
    expect(String.fromCharCode(...whole.bytes)).toBe("abc......xyz");
    expect(whole.gaps).toEqual([{ at: 3, streamOffset: 3, length: 6 }]);
  });

  it("any acknowledgment number counts, with or without the ACK flag; several holes", async () => {
    // A RST without ACK whose acknowledgment field is garbage still reveals the hole (tshark too).
    const rst = await follow([
      ...handshake(),
      { from: "c", seq: 1001, ack: 5001, flags: P, data: "abc" },
      { from: "c", seq: 1010, ack: 5001, flags: P, data: "xyz" },
      { from: "s", seq: 5001, ack: 0x7fffffff, flags: TH.RST },
    ]);
    expect(await records(rst)).toEqual(["4:0:abc", "6:0:[6 bytes missing in capture file]\\0", "5:0:xyz"]);
    expect(rst.info.rst).toBe(true);
    // The acknowledgment is compared as tshark shows it: relative only with ACK set (raw 500 > relative 10).
    const raw = await follow([
      ...handshake(),
      { from: "c", seq: 1001, ack: 5001, flags: P, data: "abc" },
      { from: "c", seq: 1010, ack: 5001, flags: P, data: "xyz" },
      { from: "s", seq: 5001, ack: 500, flags: TH.PSH, data: "q" },
    ]);
    expect(await records(raw)).toEqual(["4:0:abc", "6:0:[6 bytes missing in capture file]\\0", "5:0:xyz", "6:1:q"]);
    const two = await follow([
      ...handshake(),
      { from: "c", seq: 1001, ack: 5001, flags: P, data: "a" },
      { from: "c", seq: 1005, ack: 5001, flags: P, data: "e" },
      { from: "c", seq: 1010, ack: 5001, flags: P, data: "j" },
      { from: "s", seq: 5001, ack: 1011, flags: A },
    ]);
    expect(await text(two, 0)).toBe("a‹gap 3›e‹gap 4›j");
    expect(await records(two)).toEqual([
      "4:0:a",
      "7:0:[3 bytes missing in capture file]\\0",
      "5:0:e",
      "7:0:[4 bytes missing in capture file]\\0",
      "6:0:j",
    ]);
  });

  it("the 32-bit sequence number wraps", async () => {
    const s = await follow([
      ...handshake(0xfffffffa, 0xfffffff0),
      { from: "c", seq: 5, ack: 0xfffffff1, flags: P, data: "abcdef" }, // after the wrap, out of order
      { from: "c", seq: 0xfffffffb, ack: 0xfffffff1, flags: P, data: "0123456789" }, // crosses 2^32
      { from: "s", seq: 0xfffffff1, ack: 11, flags: P, data: "ABCDEFGHIJKLMNOPQRSTUVWXYZ" }, // crosses 2^32
    ]);
    expect(await text(s, 0)).toBe("0123456789abcdef");
    expect(await text(s, 1)).toBe("ABCDEFGHIJKLMNOPQRSTUVWXYZ");
    expect(await records(s)).toEqual(["5:0:0123456789", "4:0:abcdef", "6:1:ABCDEFGHIJKLMNOPQRSTUVWXYZ"]);
    expect(s.chunk(1).streamOffset).toBe(10);
  });

  it("streams whose start was not captured begin at the first packet seen", async () => {
    const s = await follow([
      { from: "c", seq: 77777, ack: 88888, flags: P, data: "mid" },
      { from: "s", seq: 88888, ack: 77780, flags: P, data: "stream" },
      { from: "c", seq: 77780, ack: 88894, flags: P, data: "more" },
    ]);
    expect(await text(s, 0)).toBe("midmore");
    expect(await text(s, 1)).toBe("stream");
    expect(s.info.syn).toEqual([false, false]);
    // Node 0 is whoever sent the first packet, even a bare ACK.
    const t = await follow([
      { from: "s", seq: 88888, ack: 77777, flags: A },
      { from: "c", seq: 77777, ack: 88888, flags: P, data: "mid" },
    ]);
    expect(t.info.nodes[0]).toEqual({ address: "10.0.0.2", port: 21 });
    expect(t.chunk(0).direction).toBe(1);
  });

  it("SYN data (TCP Fast Open), a RST's text, keep-alives, data after a FIN", async () => {
    const tfo = await follow([
      { from: "c", seq: 1000, flags: TH.SYN, data: "tfo" },
      { from: "s", seq: 5000, ack: 1004, flags: TH.SYN | A },
      { from: "c", seq: 1004, ack: 5001, flags: P, data: "rest" },
    ]);
    expect(await text(tfo, 0)).toBe("tforest");
    // RFC 9293 §3.5.3: a RST may carry text explaining it; tshark follows it as data.
    const rst = await follow([
      ...handshake(),
      { from: "c", seq: 1001, ack: 5001, flags: P, data: "abc" },
      { from: "s", seq: 5001, ack: 1004, flags: TH.RST | A, data: "reset reason" },
    ]);
    expect(await text(rst, 1)).toBe("reset reason");
    // A keep-alive carries one byte already sent: not data again.
    const ka = await follow([
      ...handshake(),
      { from: "c", seq: 1001, ack: 5001, flags: P, data: "abc" },
      { from: "c", seq: 1003, ack: 5001, flags: A, data: "c" },
      { from: "c", seq: 1004, ack: 5001, flags: P, data: "d" },
    ]);
    expect(await text(ka, 0)).toBe("abcd");
    // A FIN takes no sequence number for tshark's follow: data "after" it is placed by its number.
    const fin = await follow([
      ...handshake(),
      { from: "c", seq: 1001, ack: 5001, flags: TH.FIN | P, data: "abc" },
      { from: "c", seq: 1005, ack: 5001, flags: P, data: "late" },
      { from: "c", seq: 1004, ack: 5001, flags: P, data: "LATE" },
    ]);
    expect(await records(fin)).toEqual(["4:0:abc", "6:0:LATE", "5:0:e"]);
  });
});

describe("follow TCP: where tshark 4.0 is wrong", () => {
  it("segments still waiting at the end are delivered behind a gap (tshark drops them)", async () => {
    // The hole 1004-1009 is never acknowledged past: tshark prints abc and ok only, losing xyz.
    const s = await follow([
      ...handshake(),
      { from: "c", seq: 1001, ack: 5001, flags: P, data: "abc" },
      { from: "c", seq: 1010, ack: 5001, flags: P, data: "xyz" },
      { from: "s", seq: 5001, ack: 1004, flags: P, data: "ok" },
    ]);
    expect(await text(s, 0)).toBe("abc‹gap 6›xyz");
    expect(s.info.missing).toEqual([6, 0]);
    expect(await records(s)).toEqual(["4:0:abc", "6:1:ok", "5:0:[6 bytes missing in capture file]\\0", "5:0:xyz"]);
    expect(await records(s, { tsharkCompat: true })).toEqual(["4:0:abc", "6:1:ok"]);
  });

  it("a waiting segment past its direction's FIN or out of any window is left out, not padded to", async () => {
    // Found by the fuzzer (fixtures/fuzz/seed12-case64.bin): a data segment whose sequence number was
    // corrupted to +1.43 GB became a 1.43 GB hole that FTP's export filled with zeros.
    const pastFin = await follow([
      ...handshake(),
      { from: "c", seq: 1001, ack: 5001, flags: P, data: "abc" },
      { from: "c", seq: 1010, ack: 5001, flags: P, data: "xyz" }, // waits behind 1004-1009 and is before the FIN: kept
      { from: "c", seq: 1013, ack: 5001, flags: TH.FIN | A },
      { from: "c", seq: 1001 + 1_400_000_000, ack: 5001, flags: P, data: "bad" }, // past the FIN
      { from: "s", seq: 5001, ack: 1004, flags: A },
    ]);
    expect(await text(pastFin, 0)).toBe("abc‹gap 6›xyz");
    expect(pastFin.info.missing).toEqual([6, 0]);
    // Without a FIN, RFC 7323's largest window (2^30) bounds how far ahead a segment can be.
    const farAhead = await follow([
      ...handshake(),
      { from: "c", seq: 1001, ack: 5001, flags: P, data: "abc" },
      { from: "c", seq: 1004 + 2 ** 30 + 200, ack: 5001, flags: P, data: "bad" }, // more than 2^30 past "ok"
      { from: "c", seq: 1004 + 100, ack: 5001, flags: P, data: "ok" },
    ]);
    expect(await text(farAhead, 0)).toBe("abc‹gap 100›ok");
  });

  it("an acknowledgment past part of the waiting data: the rest is still delivered", async () => {
    // tshark: abc, marker, xyz, and then loses qqq and rr (no acknowledgment past 1020).
    const s = await follow([
      ...handshake(),
      { from: "c", seq: 1001, ack: 5001, flags: P, data: "abc" },
      { from: "c", seq: 1010, ack: 5001, flags: P, data: "xyz" },
      { from: "c", seq: 1020, ack: 5001, flags: P, data: "qqq" },
      { from: "s", seq: 5001, ack: 1011, flags: A },
      { from: "c", seq: 1023, ack: 5001, flags: P, data: "rr" },
    ]);
    expect(await text(s, 0)).toBe("abc‹gap 6›xyz‹gap 7›qqqrr");
    expect((await records(s, { tsharkCompat: true })).length).toBe(3);
  });

  it("bytes the snap length cut are a gap (tshark skips them silently)", async () => {
    // A 40-byte segment captured to 10 bytes of payload (snap 50 = 20 IP + 20 TCP + 10).
    const s = await follow([
      ...handshake(),
      { from: "c", seq: 1001, ack: 5001, flags: P, data: "0123456789012345678901234567890123456789", snap: 50 },
      { from: "c", seq: 1041, ack: 5001, flags: P, data: "next" },
      { from: "s", seq: 5001, ack: 1045, flags: A },
    ]);
    expect(await text(s, 0)).toBe("0123456789‹gap 30›next");
    expect(s.chunk(1)).toMatchObject({ streamOffset: 40, gapBefore: 30, gapFrame: 5 });
    expect(await records(s, { tsharkCompat: true })).toEqual(["4:0:0123456789", "5:0:next"]);
    // Cut at the end: a trailing gap.
    const t = await follow([
      ...handshake(),
      { from: "c", seq: 1001, ack: 5001, flags: P, data: "0123456789012345678901234567890123456789", snap: 50 },
    ]);
    expect(t.info.trailingGap).toEqual([30, 0]);
    expect(await text(t, 0)).toBe("0123456789‹gap 30›");
  });
});

describe("follow TCP: trailing gaps, windows, the descriptor API", () => {
  it("bytes acknowledged or before the FIN but never captured are the trailing gap", async () => {
    const s = await follow([
      ...handshake(),
      { from: "c", seq: 1001, ack: 5001, flags: P, data: "abc" },
      { from: "s", seq: 5001, ack: 1500, flags: A },
    ]);
    expect(s.info.trailingGap).toEqual([496, 0]);
    expect(s.info.missing).toEqual([496, 0]);
    const f = await follow([
      ...handshake(),
      { from: "c", seq: 1001, ack: 5001, flags: P, data: "abc" },
      { from: "c", seq: 1100, ack: 5001, flags: TH.FIN | A },
      { from: "s", seq: 5001, ack: 1101, flags: A },
    ]);
    expect(f.info.trailingGap).toEqual([96, 0]);
  });

  it("reads windows by stream offset and by chunk, with gap pieces", async () => {
    const s = await follow([
      ...handshake(),
      { from: "c", seq: 1001, ack: 5001, flags: P, data: "abcdef" },
      { from: "s", seq: 5001, ack: 1007, flags: P, data: "123" },
      { from: "c", seq: 1010, ack: 5004, flags: P, data: "ghijkl" },
      { from: "s", seq: 5004, ack: 1016, flags: A },
    ]);
    const w = await s.read(0, 4, 7);
    expect(
      w.map((p) => (p.kind === "gap" ? `gap@${p.streamOffset}+${p.length}` : `${String.fromCharCode(...p.bytes)}@${p.streamOffset}`)),
    ).toEqual(["ef@4", "gap@6+3", "gh@9"]);
    expect(s.chunkAt(0, 7)).toBe(2);
    expect(s.chunkAt(0, 100)).toBe(3);
    const only1 = await s.readChunks(0, 10, 1);
    expect(only1.map((p) => p.kind)).toEqual(["data"]);
    const cols = s.chunkColumns(1, 5);
    expect(cols.count).toBe(2);
    expect(Array.from(cols.frame)).toEqual([5, 6]);
    expect(Array.from(cols.gapBefore)).toEqual([0, 3]);
    expect(Array.from(cols.gapFrame)).toEqual([0, 7]);
  });

  it("renders tshark's four layouts", async () => {
    const s = await follow([
      ...handshake(),
      { from: "c", seq: 1001, ack: 5001, flags: P, data: "hello\r\n" },
      { from: "s", seq: 5001, ack: 1008, flags: P, data: "world\t\x00" },
    ]);
    const out = async (mode: "ascii" | "hex" | "raw" | "yaml"): Promise<string> => {
      let t = "";
      await writeTsharkFollow(s, mode, (x) => (t += x));
      return t;
    };
    const sep = "=".repeat(67);
    const head = (m: string): string =>
      `\n${sep}\nFollow: tcp,${m}\nFilter: tcp.stream eq 0\nNode 0: 10.0.0.1:40000\nNode 1: 10.0.0.2:21\n`;
    expect(await out("raw")).toBe(`${head("raw")}68656c6c6f0d0a\n\t776f726c640900\n${sep}\n`);
    expect(await out("ascii")).toBe(`${head("ascii")}7\nhello\r\n\n\t7\nworld..\n${sep}\n`);
    expect(await out("hex")).toBe(
      `${head("hex")}00000000  ${"68 65 6c 6c 6f 0d 0a".padEnd(50)}hello..\n\t00000000  ${"77 6f 72 6c 64 09 00".padEnd(50)}world..\n${sep}\n`,
    );
    expect(await out("yaml")).toBe(
      "peers:\n  - peer: 0\n    host: 10.0.0.1\n    port: 40000\n  - peer: 1\n    host: 10.0.0.2\n    port: 21\npackets:\n" +
        "  - packet: 4\n    peer: 0\n    timestamp: 1700000000.003999949\n    data: !!binary |\n      aGVsbG8NCg==\n" +
        "  - packet: 5\n    peer: 1\n    timestamp: 1700000000.005000114\n    data: !!binary |\n      d29ybGQJAA==\n",
    );
  });
});

describe("follow UDP", () => {
  it("every datagram with payload is a chunk; node 0 sent the first of them", async () => {
    const index = await followStreams(
      new MemorySource(
        udpCapture([
          { from: "s", data: "" },
          { from: "c", data: "q1" },
          { from: "s", data: "answer" },
          { from: "c", data: "" },
          { from: "c", data: "q2" },
        ]),
      ),
    );
    const s = index.stream("udp", 0)!;
    expect(s.info.nodes[0]).toEqual({ address: "10.0.0.1", port: 5353 });
    expect(s.info.packets).toBe(5);
    expect(await text(s, 0)).toBe("q1q2");
    expect(await text(s, 1)).toBe("answer");
    expect(s.chunk(2)).toMatchObject({ frame: 5, direction: 0, streamOffset: 2, length: 2 });
    expect(index.stream("udp", 1)).toBeNull();
    expect(index.stream("tcp", 0)).toBeNull();
  });
});
