/**
 * The colouring rules against Wireshark's own: for every fixture, the rule
 * each packet gets must be the one `tshark --color` names in
 * frame.coloring_rule.name. Skipped when tshark is not installed.
 * Without tshark: the indexing pass's shortcuts (rules tried only when their
 * gate lets the packet's protocols through, outcomes remembered per set of
 * values) give every fixture packet the rule that evaluating every filter in
 * order gives.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { AnalyzerApi } from "./analyzer-api";
import { readCapture } from "../engine/capture/open";
import { Dissection } from "../engine/dissect/dissection";
import { CollectorFields } from "../engine/filter";
import { MemorySource } from "../engine/io/byte-source";
import { COLOUR_RULES, COMPILED_COLOUR_RULES, ColourClassifier, ColourMatcher } from "../engine/session/colour-rules";

const root = resolve(__dirname, "../..");
const fixtures = readdirSync(join(root, "fixtures")).filter((f) => /\.pcap(ng)?$/.test(f));
const hasTshark = spawnSync("tshark", ["--version"]).status === 0;

describe.skipIf(!hasTshark || fixtures.length === 0)("colouring rules match tshark --color", () => {
  for (const f of fixtures) {
    it(f, async () => {
      const path = join(root, "fixtures", f);
      const theirs = execFileSync("tshark", ["-n", "-r", path, "--color", "-T", "fields", "-e", "frame.coloring_rule.name"], {
        encoding: "utf8",
        maxBuffer: 64 << 20,
      })
        .split("\n")
        .slice(0, -1);
      const api = new AnalyzerApi();
      const result = await api.open(new Blob([readFileSync(path)]), f);
      const batch = await api.rows(0, result.packets);
      const ours = [...batch.colourIndex].map((c) => COLOUR_RULES[c - 1]?.name ?? "");
      expect(ours.length).toBe(theirs.length);
      const diff = ours
        .map((name, i) => (name === theirs[i] ? null : `${i + 1}: ours ${name || "-"}, tshark ${theirs[i] || "-"}`))
        .filter(Boolean);
      expect(diff.slice(0, 10)).toEqual([]);
    });
  }
});

describe.skipIf(fixtures.length === 0)("colouring shortcuts change no colour", () => {
  it("every fixture packet gets the first rule whose filter matches", async () => {
    const matcher = new ColourMatcher();
    let packets = 0;
    for (const f of fixtures) {
      const c = new ColourClassifier();
      const all = new CollectorFields(c.collector);
      const d = new Dissection();
      await readCapture(new MemorySource(readFileSync(join(root, "fixtures", f)), f), (rec, data) => {
        c.reset();
        const pinfo = d.dissect(rec, data, c.collector, false);
        all.setPacket(data, pinfo);
        const first = COMPILED_COLOUR_RULES.find((r) => r.filter.matches(all))?.number ?? 0;
        expect(c.classify(pinfo, data), `${f} #${rec.number}`).toBe(first);
        expect(matcher.match(all, pinfo.layers), `${f} #${rec.number}`).toBe(first);
        packets++;
      });
    }
    expect(packets).toBeGreaterThan(1000);
  });
});
