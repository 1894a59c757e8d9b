/**
 * An analyst's own colorfilters file against Wireshark's: for every
 * fixture, the rule each packet gets from AnalyzerApi.setColourRules (the
 * open capture recoloured, not reloaded) and from the indexing pass of a
 * capture opened after them must be the one tshark names in
 * frame.coloring_rule.name when the same file is its personal colorfilters
 * (a temporary config directory via WIRESHARK_CONFIG_DIR). The file has a
 * disabled rule and one whose filter does not compile, which tshark skips.
 * Skipped when tshark is not installed.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AnalyzerApi } from "./analyzer-api";
import { ColouringApi } from "./colouring-api";
import { readColorfilters } from "../engine/session/colorfilters";

const root = resolve(__dirname, "../..");
const fixtures = readdirSync(join(root, "fixtures")).filter((f) => /\.pcap(ng)?$/.test(f));
const hasTshark = spawnSync("tshark", ["--version"]).status === 0;

/** Rules on what the fixtures hold (FTP, DNS, DHCP, TCP and UDP over IPv4 and IPv6), in an order where priority matters. */
const COLORFILTERS = `\
# An analyst's own rules
@FTP login@ftp.request.command in {"USER", "PASS"}@[65535,0,0][65535,65535,65535]
!@Every TCP (disabled)@tcp@[0,0,0][65535,65535,65535]
@Broken@tcp.port ==@[0,0,0][0,0,0]
@Handshake@tcp.flags.syn == 1 && tcp.flags.ack == 0@[0,65535,0][0,0,0]
@FTP reply 2xx@ftp.response.code >= 200 && ftp.response.code < 300@[0,32896,0][65535,65535,65535]
@FTP data@ftp-data@[0,0,65535][65535,65535,65535]
@DNS with answers@dns.flags.response == 1 && dns.count.answers > 0@[65535,65535,0][0,0,0]
@Large@frame.len > 1000@[32896,0,32896][65535,65535,65535]
@IPv6@ipv6@[0,65535,65535][0,0,0]
@Low UDP port@udp.port < 1024@[4626,4626,4626][65535,65535,65535]
@Bare ACK@tcp.len == 0 && tcp.flags == 0x010@[59345,58980,65535][4718,10030,11796]
@Other TCP@tcp@[52428,52428,52428][0,0,0]
`;

const file = readColorfilters(COLORFILTERS);
const rules = file.rules.map(({ name, filter, enabled }) => ({ name, filter, enabled }));
const dir = mkdtempSync(join(tmpdir(), "pcapscope-colorfilters-"));
writeFileSync(join(dir, "colorfilters"), COLORFILTERS);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tsharkRules(path: string): string[] {
  return execFileSync("tshark", ["-n", "-r", path, "--color", "-T", "fields", "-e", "frame.coloring_rule.name"], {
    encoding: "utf8",
    maxBuffer: 64 << 20,
    env: { ...process.env, WIRESHARK_CONFIG_DIR: dir },
    stdio: ["ignore", "pipe", "ignore"],
  })
    .split("\n")
    .slice(0, -1);
}

function differences(ours: readonly string[], theirs: readonly string[]): string[] {
  return ours
    .map((name, i) => (name === theirs[i] ? null : `${i + 1}: ours ${name || "-"}, tshark ${theirs[i] || "-"}`))
    .filter((d) => d !== null);
}

describe("colouring rules as the page gives them", () => {
  it("reports a bad filter and applies neither it nor a disabled rule", () => {
    const { rules: compiled, errors } = new ColouringApi(() => null).compile(rules);
    expect(errors.map((e, i) => (e ? rules[i]!.name : null)).filter(Boolean)).toEqual(["Broken"]);
    expect(compiled.map((r) => r.rule.name)).not.toContain("Every TCP (disabled)");
    expect(compiled.map((r) => r.number)).toEqual([1, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it("checks a filter as colouring rules compile it: unknown fields are absent, not errors", () => {
    const api = new ColouringApi(() => null);
    expect(api.check("hsrp.state != 8").ok).toBe(true);
    expect(api.check("tcp.port ==")).toMatchObject({ ok: false });
  });
});

describe.skipIf(!hasTshark || fixtures.length === 0)("an analyst's colorfilters colour rows as tshark's", () => {
  for (const f of fixtures) {
    it(f, async () => {
      const path = join(root, "fixtures", f);
      const theirs = tsharkRules(path);
      const bytes = new Blob([readFileSync(path)]);

      // Opened with Wireshark's rules, then recoloured with the file's.
      const api = new AnalyzerApi({ prepareFtp: false });
      const result = await api.open(bytes, f);
      const set = await api.setColourRules(rules);
      expect(set.applied).toBe(true);
      const name = (c: number): string => (c > 0 ? rules[c - 1]!.name : "");
      const recoloured = [...(await api.rows(0, result.packets)).colourIndex].map(name);
      expect(recoloured.length).toBe(theirs.length);
      expect(differences(recoloured, theirs).slice(0, 10)).toEqual([]);

      // The file's rules set first: the indexing pass colours with them.
      const fresh = new AnalyzerApi({ prepareFtp: false });
      await fresh.setColourRules(rules);
      await fresh.open(bytes, f);
      const indexed = [...(await fresh.rows(0, result.packets)).colourIndex].map(name);
      expect(differences(indexed, theirs).slice(0, 10)).toEqual([]);
    });
  }
});
