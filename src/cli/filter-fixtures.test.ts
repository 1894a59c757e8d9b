/**
 * The conformance table on every recorded fixture: each filter must select
 * exactly the frames tshark 4.0.17 selects with -Y, stored beside the
 * fixture in <capture>.filters.json (`npm run goldens` regenerates them with
 * tshark). Runs without tshark.
 */
import { describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ourMatches } from "../../scripts/filter-compare";
import { CONFORMANCE_FILTERS } from "../engine/filter/conformance/filters";
import { fromRanges, toRanges } from "../engine/filter/conformance/ranges";

const dir = join(__dirname, "../../fixtures");
const fixtures = readdirSync(dir).filter((f) => /\.pcap(ng)?$/.test(f)).sort();

/**
 * Differences from tshark that are known and not fixed yet, keyed "capture filter", with the exact
 * line the comparison prints: the test fails if the difference changes or goes away (then delete the entry).
 */
const KNOWN: Record<string, string> = {
  // tshark is wrong here, we do not copy it. Wireshark 4.0 does not know OpenSSH 9's default key
  // exchange, sntrup761x25519-sha512: it reads the hybrid public keys of frames 16 and 17 as
  // Diffie-Hellman mpints and finds them longer than its 512-byte limit ("Invalid key length: 1190",
  // an Error on a valid packet; later versions raised the limit). Its "Decoded 19 bytes, but packet
  // legnth is 83 bytes" (frames 17 and 63) is true of our decoding too, so we say it.
  "ssh-publickey-password-login-openssh.pcap _ws.expert": "_ws.expert: ours 3-4,17,49-50,52-53,63,89,91 tshark 3-4,16-17,49-50,52-53,63,89,91",
};

describe("display filter conformance on the fixtures", () => {
  it("has at least 200 filters, each distinct", () => {
    expect(CONFORMANCE_FILTERS.length).toBeGreaterThanOrEqual(200);
    expect(new Set(CONFORMANCE_FILTERS).size).toBe(CONFORMANCE_FILTERS.length);
  });

  for (const name of fixtures) {
    it(name, { timeout: 120_000 }, async () => {
      const goldenFile = join(dir, name.replace(/\.pcap(ng)?$/, ".filters.json"));
      expect(existsSync(goldenFile), `${goldenFile} (npm run goldens)`).toBe(true);
      const golden = JSON.parse(readFileSync(goldenFile, "utf8")) as Record<string, string>;
      const ours = await ourMatches(join(dir, name), CONFORMANCE_FILTERS);
      const wrong: string[] = [];
      for (const f of CONFORMANCE_FILTERS) {
        const o = ours.frames.get(f)!;
        if (!Array.isArray(o)) wrong.push(`${f}: ${o.message}`);
        else if (golden[f] === undefined) wrong.push(`${f}: no stored answer (npm run goldens)`);
        else if (toRanges(o) !== golden[f]) wrong.push(`${f}: ours ${toRanges(o)} tshark ${golden[f]}`);
      }
      const known = Object.entries(KNOWN)
        .filter(([key]) => key.startsWith(`${name} `))
        .map(([, line]) => line);
      expect(wrong).toEqual(known);
      // The stored answers are frame lists: make sure they parse back.
      for (const f of CONFORMANCE_FILTERS) expect(toRanges(fromRanges(golden[f]!))).toBe(golden[f]);
    });
  }
});
