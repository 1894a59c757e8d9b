/**
 * Issue 13's measure for the second pass: `pcapscope -2 -r FILE` against
 * `tshark -2 -r FILE`, line for line, over our fixtures and
 * ../shared/captures together (the summary corpus's captures and line
 * format, summary-lines.ts). A second pass re-dissects every packet with the
 * state the first pass left (`pinfo.visited`), as the app's details pane
 * does, so this is where replayed reassembly and conversation state show.
 *
 * Two requirements: at least 99.5% of the lines equal, as for one pass; and
 * no line that equals tshark's in one pass differs in two (KNOWN lists the
 * exceptions, each with its reason, and must stay true). To stay cheap the
 * one-pass lines are read only for the captures whose two-pass lines differ
 * somewhere (the summary corpus compares the rest in one pass).
 */
import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { hasTshark } from "../../scripts/tshark-compare";
import { captureFiles, fixturesDir, sharedCapturesDir } from "./corpus-files";
import { ourSummary, tsharkSummary } from "./summary-lines";

/** Issue 13's goal, as in the one-pass summary corpus. */
const GOAL = 0.995;

/**
 * Lines that equal tshark's in one pass and differ in two, per capture, by
 * frame number.
 */
const KNOWN: Record<string, { frames: readonly number[]; why: string }> = {
  // tshark is wrong. On its second pass tshark reads every frame of this
  // NetMon 2.x file as encapsulation 188 (a Network Monitor header before
  // the Ethernet frame: `tshark -2 -T fields -e frame.encap_type` says 188
  // where one pass says 1 for frames 2, 4-12, ...), so TCP sits one layer
  // deeper than when the first pass reassembled there, and Wireshark's
  // fragment_add, which hands a reassembly back only to the layer it was
  // completed in, gives nothing: each POST that ends in a plain Ethernet
  // frame shows as "TCP segment data" there, while its first segment still
  // says "Reassembled PDU in frame: 11" (55, 71, 77, 153), so the request is
  // shown nowhere. Ours shows it where both passes agree it ends.
  "netmon2-wsus-http-soap-ntp-nbns-dhcpv6-llmnr.cap": { frames: [11, 55, 71, 77, 153], why: "tshark -2 reads every frame as NetMon-framed and loses the POSTs reassembled in plain ones" },
};

const CAPTURE = /\.(pcap|pcapng|snoop|cap|gz)$/;
const shared = captureFiles(sharedCapturesDir, CAPTURE);
const fixtures = captureFiles(fixturesDir, CAPTURE);
const tshark = hasTshark();
if (!tshark) console.log("two-pass corpus: skipped, tshark is not installed");
else if (shared.length === 0) console.log(`two-pass corpus: ${sharedCapturesDir} not found, comparing the fixtures only`);

describe.skipIf(!tshark)("-2 -r summary lines against live tshark -2, fixtures and ../shared/captures together", () => {
  it(`at least ${GOAL * 100}% of lines equal, and none that equals tshark's in one pass differs in two`, { timeout: 600_000 }, async () => {
    const started = Date.now();
    let tsharkMs = 0;
    let equal = 0;
    let total = 0;
    let onePassRead = 0;
    const packetCounts: string[] = [];
    const regressions: string[] = [];
    const stale: string[] = [];
    for (const file of [...fixtures, ...shared]) {
      const name = basename(file);
      let t = Date.now();
      const theirs = tsharkSummary(file, ["-2"]);
      tsharkMs += Date.now() - t;
      const ours = await ourSummary(file, ["-2"]);
      if (theirs.length !== ours.length) packetCounts.push(`${name}: tshark ${theirs.length} lines, ours ${ours.length}`);
      const differ: number[] = [];
      theirs.forEach((line, i) => {
        total++;
        if (line === ours[i]) equal++;
        else differ.push(i);
      });
      const known = KNOWN[name];
      const knownLeft = new Set(known?.frames ?? []);
      if (differ.length > 0) {
        onePassRead++;
        t = Date.now();
        const theirs1 = tsharkSummary(file);
        tsharkMs += Date.now() - t;
        const ours1 = await ourSummary(file);
        for (const i of differ) {
          if (theirs1[i] !== ours1[i]) continue; // differs in one pass too: the summary corpus's business
          if (knownLeft.delete(i + 1)) continue;
          regressions.push(`${name} frame ${i + 1}\n  one pass: ${theirs1[i]}\n  tshark -2: ${theirs[i]}\n  ours -2:   ${ours[i] ?? "<none>"}`);
        }
      }
      // Only where the captures are present: a KNOWN entry must still be a difference of one pass against two.
      if (known) for (const f of knownLeft) stale.push(`${name} frame ${f}: listed in KNOWN (${known.why}) but no longer a two-pass difference`);
    }
    const agreement = total ? equal / total : 1;
    console.log(
      `-2 -r summary lines: ${equal}/${total} equal (${(agreement * 100).toFixed(2)}%, at least ${GOAL * 100}% required); ` +
        `one-pass lines read for ${onePassRead} captures; ${((Date.now() - started) / 1000).toFixed(1)} s, ${(tsharkMs / 1000).toFixed(1)} s of it waiting for tshark` +
        (regressions.length ? `\nequal in one pass, different in two:\n${regressions.join("\n")}` : ""),
    );
    expect(packetCounts).toEqual([]);
    expect(regressions).toEqual([]);
    expect(stale).toEqual([]);
    expect(agreement).toBeGreaterThanOrEqual(GOAL);
  });
});
