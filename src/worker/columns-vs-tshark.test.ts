/**
 * The packet list's column types and custom columns against tshark on every
 * fixture: custom column values must equal `tshark -T fields -e FIELD` (all
 * occurrences, the first, the last, the second), the other column types
 * tshark's own column text (`-o gui.column.format`, printed with
 * `-e _ws.col.TITLE`), also under a display filter (Delta time displayed and
 * Cumulative Bytes count the displayed packets only). Skipped when tshark is
 * not installed.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { AnalyzerApi } from "./analyzer-api";
import { cellText, type CellContext } from "../engine/session/column-text";
import type { ColumnSpec, ColumnType, FieldColumn } from "../engine/session/column-types";
import { fieldColumnOf } from "../engine/session/column-types";

const root = resolve(__dirname, "../..");
const fixtures = readdirSync(join(root, "fixtures")).filter((f) => /\.pcap(ng)?$/.test(f));
const hasTshark = spawnSync("tshark", ["--version"]).status === 0;

const FIELDS = [
  "ip.src",
  "ip.addr",
  "ip.ttl",
  "tcp.seq",
  "tcp.flags",
  "tcp.len",
  "udp.length",
  "eth.src",
  "frame.len",
  "dns.qry.name",
  "ftp.request.command",
  "ftp.response.arg",
  "tcp.stream",
];
/** Types compared with tshark's column text, by their format codes. */
const TYPES: [ColumnType, string][] = [
  ["delta", "%Tt"],
  ["delta-displayed", "%Gt"],
  ["absolute", "%Yt"],
  ["utc", "%Yut"],
  ["relative", "%Rt"],
  ["cumulative", "%B"],
  ["src-port", "%uS"],
  ["dst-port", "%uD"],
  ["hw-src", "%uhs"],
  ["hw-dst", "%uhd"],
  ["tcp-stream", "%Cus:tcp.stream:0:R"],
];

function tshark(path: string, args: string[]): string[][] {
  const out = execFileSync("tshark", ["-n", "-r", path, ...args], {
    encoding: "utf8",
    maxBuffer: 256 << 20,
    env: { ...process.env, TZ: "UTC" },
  });
  return out
    .split("\n")
    .slice(0, -1)
    .map((l) => l.split("\t"));
}

async function open(f: string): Promise<{ api: AnalyzerApi; packets: number; ctx: CellContext }> {
  process.env.TZ = "UTC";
  const api = new AnalyzerApi({ prepareFtp: false });
  const result = await api.open(new Blob([readFileSync(join(root, "fixtures", f))]), f);
  const ctx: CellContext = {
    format: "relative",
    decimals: result.summary?.timeDecimals ?? 6,
    firstSec: result.firstSec,
    firstNsec: result.firstNsec,
    address: () => "",
    protocol: () => "",
  };
  return { api, packets: result.packets, ctx };
}

/** Our cells of these columns, row by row, over the rows displayed. */
async function ours(api: AnalyzerApi, count: number, specs: ColumnSpec[], ctx: CellContext): Promise<string[][]> {
  const fields: FieldColumn[] = [];
  const fieldIndex = specs.map((s) => {
    const f = fieldColumnOf(s);
    return f ? fields.push(f) - 1 : -1;
  });
  const b = await api.rows(0, count, 0, 0, fields);
  return Array.from({ length: b.count }, (_, i) => specs.map((s, c) => cellText(s, b, i, ctx, fieldIndex[c])));
}

function differences(mine: string[][], theirs: string[][], names: string[]): string[] {
  const diffs: string[] = [];
  if (mine.length !== theirs.length) diffs.push(`rows: ours ${mine.length}, tshark ${theirs.length}`);
  mine.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (cell !== (theirs[r]?.[c] ?? ""))
        diffs.push(`row ${r + 1} ${names[c]}: ours ${JSON.stringify(cell)}, tshark ${JSON.stringify(theirs[r]?.[c])}`);
    }),
  );
  return diffs.slice(0, 10);
}

describe.skipIf(!hasTshark || fixtures.length === 0)("custom columns equal tshark -T fields", () => {
  for (const f of fixtures) {
    it(f, async () => {
      const path = join(root, "fixtures", f);
      const { api, packets, ctx } = await open(f);
      const e = FIELDS.flatMap((x) => ["-e", x]);
      const all = tshark(path, ["-T", "fields", ...e]);
      const first = tshark(path, ["-T", "fields", "-E", "occurrence=f", ...e]);
      const last = tshark(path, ["-T", "fields", "-E", "occurrence=l", ...e]);
      // The second value, from a run that joins values with a character no value holds.
      const split = tshark(path, ["-T", "fields", "-E", "aggregator=\x1f", ...e]);
      const second = split.map((row) => row.map((cell) => cell.split("\x1f")[1] ?? ""));
      for (const [occurrence, theirs] of [
        [0, all],
        [1, first],
        [-1, last],
        [2, second],
      ] as const) {
        const specs = FIELDS.map((field): ColumnSpec => ({ type: "custom", field, occurrence }));
        const mine = await ours(api, packets, specs, ctx);
        expect(
          differences(
            mine,
            theirs,
            FIELDS.map((x) => `${x}#${occurrence}`),
          ),
        ).toEqual([]);
      }
    });
  }
});

describe.skipIf(!hasTshark || fixtures.length === 0)("column types equal tshark's column text", () => {
  const format = TYPES.flatMap(([type, code]) => [`"${type}"`, `"${code}"`]).join(",");
  const args = ["-o", `gui.column.format:${format}`, "-T", "fields", ...TYPES.flatMap(([type]) => ["-e", `_ws.col.${type}`])];
  const specs = TYPES.map(([type]): ColumnSpec => ({ type }));
  for (const f of fixtures) {
    it(f, async () => {
      const path = join(root, "fixtures", f);
      const { api, packets, ctx } = await open(f);
      expect(
        differences(
          await ours(api, packets, specs, ctx),
          tshark(path, args),
          TYPES.map(([t]) => t),
        ),
      ).toEqual([]);
      // Under a display filter: deltas and bytes between displayed packets.
      const filter = "tcp.len > 0 || udp";
      const shown = await api.applyDisplayFilter(filter);
      expect(shown.error).toBeNull();
      expect(
        differences(
          await ours(api, shown.displayed, specs, ctx),
          tshark(path, ["-Y", filter, ...args]),
          TYPES.map(([t]) => t),
        ),
      ).toEqual([]);
    });
  }
});

describe.skipIf(!hasTshark || fixtures.length === 0)("sorting by a custom column", () => {
  it("orders the displayed rows by tshark's values, numbers as numbers, ties in frame order, with progress", async () => {
    const f = "ftp-pget-segmented-lftp-vsftpd.pcap";
    const path = join(root, "fixtures", f);
    const { api, packets } = await open(f);
    const theirs = tshark(path, ["-T", "fields", "-e", "frame.number", "-e", "tcp.len"]).map(([n, len]) => ({ n: Number(n), len }));
    const key = (len: string | undefined): number => (len === "" || len === undefined ? -Infinity : Number(len));
    const progress: number[] = [];
    const perm = await api.sortColumn({ type: "custom", field: "tcp.len", occurrence: 1 }, "desc", (done) => progress.push(done));
    const expected = [...theirs].sort((a, b) => key(b.len) - key(a.len) || a.n - b.n).map((r) => r.n - 1);
    expect([...perm]).toEqual(expected);
    expect(progress.at(-1)).toBe(packets);
    // The rows come back in that order, with their values.
    const b = await api.rows(0, 5, 0, 0, [{ field: "tcp.len", occurrence: 1 }]);
    expect([...b.number]).toEqual(expected.slice(0, 5).map((r) => r + 1));
    expect([...b.fields!.ids[0]!].map((id) => b.fields!.texts[id])).toEqual(expected.slice(0, 5).map((r) => theirs[r]!.len));
    // Under a display filter only the displayed rows are sorted (and dissected).
    const shown = await api.applyDisplayFilter("ftp");
    const ftpRows = tshark(path, ["-Y", "ftp", "-T", "fields", "-e", "frame.number", "-e", "ftp.request.command"]);
    const byCommand = await api.sortColumn({ type: "custom", field: "ftp.request.command", occurrence: 0 }, "asc");
    expect(byCommand.length).toBe(shown.displayed);
    const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });
    const wanted = [...ftpRows].sort((a, b) => collator.compare(a[1]!, b[1]!) || Number(a[0]) - Number(b[0])).map((r) => Number(r[0]) - 1);
    expect([...byCommand]).toEqual(wanted);
  });
});
