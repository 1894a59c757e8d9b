/**
 * The colouring rules against Wireshark's own: for every fixture, the rule
 * each packet gets must be the one `tshark --color` names in
 * frame.coloring_rule.name. Skipped when tshark is not installed.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { AnalyzerApi } from "./analyzer-api";
import { COLOUR_RULES } from "../engine/session/colour-rules";

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
