/**
 * Corpus test: our `-T fields` output against live tshark on the public
 * captures in ../shared/captures (never copied into the project). Runs when
 * the folder and tshark exist; otherwise skips with a printed notice.
 * Fails a capture under 99.5% agreement over the required fields, printing
 * the weakest fields with examples.
 */
import { describe, expect, it } from "vitest";
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { compareWithTshark, describe as describeComparison, hasTshark, REQUIRED_FIELDS } from "../../scripts/tshark-compare";

const sharedDir = resolve(process.env.PCAPSCOPE_SHARED ?? join(__dirname, "../../../shared"), "captures");
const captures = existsSync(sharedDir) ? readdirSync(sharedDir).filter((f) => /\.(pcap|pcapng|snoop|cap|gz)$/.test(f)).sort() : [];
const tshark = hasTshark();
const THRESHOLD = 0.995;

if (captures.length === 0) console.log(`corpus: skipped, ${sharedDir} not found (set PCAPSCOPE_SHARED to point elsewhere)`);
else if (!tshark) console.log("corpus: skipped, tshark is not installed");

describe.skipIf(captures.length === 0 || !tshark)("corpus: agreement with tshark on ../shared/captures", () => {
  for (const name of captures) {
    it(name, async () => {
      const c = await compareWithTshark(join(sharedDir, name), REQUIRED_FIELDS);
      const weakest = [...c.fields].sort((a, b) => a.agree / a.total - b.agree / b.total).filter((f) => f.agree < f.total);
      const report = describeComparison({ ...c, fields: weakest.slice(0, 8) });
      if (c.agreement < 1) console.log(report);
      expect(c.packetsOurs, report).toBe(c.packetsTshark);
      expect(c.agreement, report).toBeGreaterThanOrEqual(THRESHOLD);
    });
  }
});
