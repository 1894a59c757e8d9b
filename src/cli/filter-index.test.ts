/**
 * The app filters an open capture from its packet index first and dissects
 * only the rows the index cannot decide (src/engine/session/index-fields.ts).
 * That must never change the answer: on every fixture (and the shared
 * captures, when present) each filter of the conformance table selects the
 * same rows through CaptureSession.applyDisplayFilter as through dissecting
 * every packet twice (what -2 -Y does, and what the app's re-dissection sees),
 * or, where the two passes rightly differ, as through one pass: the index
 * holds the first pass's facts, and tshark's second pass shows less on the
 * first segment of a reassembled PDU (desegment_tcp does not call the
 * subdissector there again, so TLS's layer is gone: `tls` selects fewer
 * frames with -2 than with -Y).
 */
import { describe, expect, it } from "vitest";
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { type OurResult, ourMatches } from "../../scripts/filter-compare";
import { CONFORMANCE_FILTERS } from "../engine/filter/conformance/filters";
import { CaptureSession } from "../engine/session/capture-session";
import { FileSource } from "./file-source";

const fixturesDir = join(__dirname, "../../fixtures");
const sharedDir = resolve(process.env.PCAPSCOPE_SHARED ?? join(__dirname, "../../../shared"), "captures");
const list = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).filter((f) => /\.(pcap|pcapng)$/.test(f)).sort().map((f) => join(dir, f)) : []);
const captures = [...list(fixturesDir), ...list(sharedDir)];

let fromIndex = 0;
let dissected = 0;
let onePassAnswers = 0;

describe("filtering from the packet index gives the frames full dissection gives", () => {
  for (const file of captures) {
    it(file.split("/").pop()!, { timeout: 300_000 }, async () => {
      const expected = await ourMatches(file, CONFORMANCE_FILTERS, true);
      const session = new CaptureSession(new FileSource(file));
      await session.load();
      const wrong: string[] = [];
      let onePass: OurResult | null = null;
      for (const f of CONFORMANCE_FILTERS) {
        const want = expected.frames.get(f);
        if (!Array.isArray(want)) continue;
        const { display, marks } = await session.applyDisplayFilter(f);
        fromIndex += marks?.fromIndex ?? 0;
        dissected += marks?.dissected ?? 0;
        const got = Array.from(display ?? [], (row) => row + 1);
        if (got.join() === want.join()) continue;
        onePass ??= await ourMatches(file, CONFORMANCE_FILTERS);
        const once = onePass.frames.get(f);
        if (Array.isArray(once) && got.join() === once.join()) onePassAnswers++;
        else wrong.push(`${f}: index ${got.length} rows, dissection ${want.length}`);
      }
      expect(wrong).toEqual([]);
    });
  }
  it("summary", () => {
    console.log(`filter index: ${fromIndex} row decisions from the index, ${dissected} by dissection; ${onePassAnswers} answers equal to one pass only`);
  });
});
