/**
 * A corpus test of one family of protocols against live tshark: on every
 * packet whose Protocol column (the first field) matches `mine`, every field
 * must equal tshark's `-T fields` value (and with `summaryLines`, its
 * `-n -r` summary line tshark's). Captures come from
 * ../shared/captures (never copied into the project), or from `dir` (the
 * project's fixtures); the test skips with a printed notice when they or
 * tshark are absent.
 */
import { describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { hasTshark, ourFields, tsharkFields } from "../../scripts/tshark-compare";
import { sharedCapturesDir } from "./corpus-files";
import { ourSummary, protocolOf, tsharkSummary } from "./summary-lines";

export interface ProtocolCorpus {
  /** Short name for the notices ("http corpus"). */
  name: string;
  title: string;
  captures: readonly string[];
  /** `_ws.col.Protocol` first, then any fields. */
  fields: readonly string[];
  /** The Protocol column values compared. */
  mine: RegExp;
  /** Frames knowingly different, per capture (with the reason beside the table). */
  known?: Record<string, readonly number[]>;
  /** Also compare the `-n -r` summary lines of those packets. */
  summaryLines?: boolean;
  /** Where the captures are (default ../shared/captures). */
  dir?: string;
}

export function protocolCorpus(p: ProtocolCorpus): void {
  const dir = p.dir ?? sharedCapturesDir;
  const present = p.captures.filter((c) => existsSync(join(dir, c)));
  const tshark = hasTshark();
  if (present.length === 0) console.log(`${p.name}: skipped, the captures are not in ${dir}`);
  else if (!tshark) console.log(`${p.name}: skipped, tshark is not installed`);

  describe.skipIf(present.length === 0 || !tshark)(p.title, () => {
    for (const name of present) {
      it(name, { timeout: 120_000 }, async () => {
        const file = join(dir, name);
        const theirs = tsharkFields(file, p.fields).split("\n");
        const ours = (await ourFields(file, p.fields)).stdout.split("\n");
        const known = new Set(p.known?.[name] ?? []);
        const wrong: string[] = [];
        let compared = 0;
        theirs.forEach((row, i) => {
          const t = row.split("\t");
          if (row === "" || known.has(i + 1) || !p.mine.test(t[0] ?? "")) return;
          compared++;
          const o = (ours[i] ?? "").split("\t");
          p.fields.forEach((f, j) => {
            if ((t[j] ?? "") !== (o[j] ?? "")) wrong.push(`frame ${i + 1} ${f}: tshark=${JSON.stringify(t[j])} ours=${JSON.stringify(o[j])}`);
          });
        });
        console.log(`${name}: ${compared} packets compared, ${wrong.length} field differences`);
        expect(compared).toBeGreaterThan(0);
        if (p.summaryLines) {
          const ourLines = await ourSummary(file, ["-n"]);
          const wrongLines = tsharkSummary(file, ["-n"]).flatMap((line, i) =>
            !known.has(i + 1) && p.mine.test(protocolOf(line)) && ourLines[i] !== line ? [`tshark: ${line}\nours:   ${ourLines[i]}`] : [],
          );
          expect(wrongLines.slice(0, 10)).toEqual([]);
        }
        expect(wrong.slice(0, 20)).toEqual([]);
      });
    }
  });
}
