/**
 * Filters the packet index answers alone (index-fields.ts) against the
 * dissection's answer, on captures made by hand.
 */
import { describe, expect, it } from "vitest";
import { MemorySource } from "../io/byte-source";
import { CaptureSession } from "./capture-session";
import { endOfOptions, epb, idb, option, shb, text } from "../capture/testing";

/** An Ethernet frame of an ethertype nobody dissects. */
const FRAME = [...[0, 1, 2, 3, 4, 5], ...[6, 7, 8, 9, 10, 11], 0x88, 0xb5, 0xde, 0xad];
const OPT_COMMENT = 1;

describe("IndexFields", () => {
  it("answers pkt_comment from the comments: the packets that have one, though frame.protocols never lists it", async () => {
    const comment = [...option(OPT_COMMENT, text("Packet #1")), ...endOfOptions()];
    const bytes = Uint8Array.from([
      ...shb(),
      ...idb(1), // Ethernet
      ...epb(0, 1n, FRAME, true, comment), // frame 1: commented
      ...epb(0, 2n, FRAME), // frame 2
      ...epb(0, 3n, FRAME, true, comment), // frame 3: commented
    ]);
    const session = new CaptureSession(new MemorySource(bytes, "comments.pcapng"));
    await session.load();
    for (const [filter, rows] of [
      ["pkt_comment", [0, 2]],
      ["!pkt_comment", [1]],
    ] as const) {
      const { display, marks } = await session.applyDisplayFilter(filter);
      expect(Array.from(display ?? []), filter).toEqual(rows);
      expect(marks?.dissected, `${filter}: no packet dissected`).toBe(0);
    }
  });
});
