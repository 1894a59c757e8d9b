/**
 * Issue 13's measure: `pcapscope -r FILE` against `tshark -r FILE`, line for
 * line (No., Time, Source, Destination, Protocol, Length, Info, with tshark's
 * padding, MAC names resolved as tshark does by default), over our fixtures
 * and ../shared/captures together, every protocol counted: nothing is left
 * out because we do not dissect it.
 *
 * The report names the weakest captures and the protocols (tshark's Protocol
 * column) whose lines differ most, with an example of each. It fails under
 * 99.5% of all lines (11,306 of 11,307 once SRVSVC's NDR was decoded; the
 * one left is tshark's: mail-corpus.test.ts says why. 8,412 of 10,109 before
 * the dissectors of issue 13).
 */
import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { hasTshark } from "../../scripts/tshark-compare";
import { captureFiles, fixturesDir, sharedCapturesDir } from "./corpus-files";
import { ourSummary, protocolOf, tsharkSummary } from "./summary-lines";

/** Issue 13's goal. */
const GOAL = 0.995;

const CAPTURE = /\.(pcap|pcapng|snoop|cap|gz)$/;
const shared = captureFiles(sharedCapturesDir, CAPTURE);
const fixtures = captureFiles(fixturesDir, CAPTURE);
const tshark = hasTshark();
if (!tshark) console.log("summary corpus: skipped, tshark is not installed");
else if (shared.length === 0) console.log(`summary corpus: ${sharedCapturesDir} not found, comparing the fixtures only`);

interface Tally {
  equal: number;
  total: number;
  example?: { file: string; tshark: string; ours: string };
}

function count(map: Map<string, Tally>, key: string, equal: boolean, example: () => Tally["example"]): void {
  let t = map.get(key);
  if (!t) map.set(key, (t = { equal: 0, total: 0 }));
  t.total++;
  if (equal) t.equal++;
  else t.example ??= example();
}

function weakest(map: Map<string, Tally>, n: number): string {
  return [...map]
    .filter(([, t]) => t.equal < t.total)
    .sort((a, b) => b[1].total - b[1].equal - (a[1].total - a[1].equal))
    .slice(0, n)
    .map(([k, t]) => `  ${k}: ${t.equal}/${t.total}` + (t.example ? `\n    tshark: ${t.example.tshark}\n    ours:   ${t.example.ours}` : ""))
    .join("\n");
}

describe.skipIf(!tshark)("-r summary lines against live tshark, fixtures and ../shared/captures together", () => {
  it(`at least ${GOAL * 100}% of lines equal, the weakest captures and protocols reported`, { timeout: 600_000 }, async () => {
    const byCapture = new Map<string, Tally>();
    const byProtocol = new Map<string, Tally>();
    const packetCounts: string[] = [];
    for (const file of [...fixtures, ...shared]) {
      const theirs = tsharkSummary(file);
      const ours = await ourSummary(file);
      if (theirs.length !== ours.length) packetCounts.push(`${basename(file)}: tshark ${theirs.length} lines, ours ${ours.length}`);
      theirs.forEach((line, i) => {
        const equal = line === ours[i];
        const example = () => ({ file: basename(file), tshark: line, ours: ours[i] ?? "<none>" });
        count(byCapture, basename(file), equal, example);
        count(byProtocol, protocolOf(line), equal, example);
      });
    }
    let equal = 0;
    let total = 0;
    for (const t of byCapture.values()) {
      equal += t.equal;
      total += t.total;
    }
    const agreement = total ? equal / total : 1;
    console.log(
      `-r summary lines: ${equal}/${total} equal (${(agreement * 100).toFixed(2)}%, at least ${GOAL * 100}% required)\n` +
        `weakest captures:\n${weakest(byCapture, 12)}\nweakest protocols (tshark's Protocol column):\n${weakest(byProtocol, 20)}`,
    );
    expect(packetCounts).toEqual([]);
    expect(agreement).toBeGreaterThanOrEqual(GOAL);
  });
});

describe("protocolOf", () => {
  it("reads the column after the destination, or the third word without addresses", () => {
    expect(protocolOf("    1   0.000000 Cisco_ea:b8:c1 → Broadcast    ARP 64 Gratuitous ARP for 192.168.123.1 (Reply)")).toBe("ARP");
    expect(protocolOf("    7   1.000000 10.0.0.1 → 10.0.0.2     HTTP/XML 452 POST / HTTP/1.1")).toBe("HTTP/XML");
    expect(protocolOf("   12   3.500000              LOOP 60 Reply")).toBe("LOOP");
  });
});
