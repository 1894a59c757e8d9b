/**
 * Display filters against tshark: which frames each filter selects, ours (one
 * in-process pass evaluating every filter) and tshark's.
 *
 * tshark costs half a second a run, so instead of one `-Y` run per filter it
 * is asked once per capture for every filter's frames: a small Lua script
 * registers one tap per filter (a tap's filter is judged on the same tree as
 * `-Y` in a single pass) and prints each tap's frames as ranges. Only filters
 * that depend on which frames were displayed before (frame.time_delta_displayed)
 * or use macros need their own `-Y` run.
 *
 *   npx tsx scripts/filter-compare.ts FILE [FILTER ...]
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileSource } from "../src/cli/file-source";
import { readCapture } from "../src/engine/capture/open";
import { Dissection } from "../src/engine/dissect/dissection";
import { FieldCollector, NULL_TREE } from "../src/engine/dissect/tree";
import { CollectorFields, compileFilter, currentLayerNumber, FilterError, type DisplayFilter } from "../src/engine/filter";
import { fromRanges } from "../src/engine/filter/conformance/ranges";

/**
 * Filters a tap cannot judge like -Y: they depend on which packets were
 * displayed before, or use a macro (taps compile filters without expanding
 * macros).
 */
export function needsDisplayRun(filter: string): boolean {
  return /time_delta_displayed/.test(filter) || filter.includes("${");
}

/**
 * Filters on expert items (`_ws.*`): some items exist only where Wireshark
 * really makes the item they are about, which in a tree nobody shows means
 * only the items a filter names (stray-characters.ts). Run alone and without
 * -T fields (which shows the tree), as an analyst's -Y or the app's filter
 * runs, not beside other taps whose filters name other fields.
 */
export function onExpertItems(filter: string): boolean {
  return /(^|[^\w.])_ws\./.test(filter);
}

/** The frames `-Y filter` displays, its tree not shown (the summary with only the No. column). */
function tsharkFramesUnshown(file: string, filter: string): number[] {
  const out = run(["-n", "-r", file, "-Y", filter, "-o", 'gui.column.format:"No.","%m"']);
  return out.split("\n").map((l) => l.trim()).filter(Boolean).map(Number);
}

export function tsharkFrames(file: string, filter: string): number[] {
  const out = run(["-n", "-r", file, "-Y", filter, "-T", "fields", "-e", "frame.number"]);
  return out.split("\n").filter(Boolean).map(Number);
}

function run(args: string[]): string {
  try {
    return execFileSync("tshark", args, { encoding: "utf8", maxBuffer: 1 << 30, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, TZ: "UTC" } });
  } catch (e) {
    const out = (e as { stdout?: string }).stdout;
    if (typeof out === "string" && out.length) return out;
    throw new Error(`tshark ${args.join(" ").slice(0, 200)}…: ${String((e as { stderr?: string }).stderr ?? e).replace(/^Running as.*\n/, "")}`);
  }
}

/** A Lua string literal of any text: every byte as a decimal escape. */
function luaString(text: string): string {
  return `"${[...new TextEncoder().encode(text)].map((b) => `\\${b}`).join("")}"`;
}

/**
 * One tap per filter; at the end each prints "index<TAB>ranges" or
 * "index<TAB>!message" when tshark refused the filter.
 */
const TAP_SCRIPT = `
local taps = {}
for i, f in ipairs(FILTERS) do
  local t = { ranges = {}, first = nil, last = nil }
  local ok, err = pcall(function()
    local l = Listener.new(nil, f)
    function l.packet(pinfo)
      local n = pinfo.number
      if t.last ~= nil and n == t.last + 1 then t.last = n
      else
        if t.first ~= nil then table.insert(t.ranges, t.first == t.last and tostring(t.first) or (t.first .. "-" .. t.last)) end
        t.first = n; t.last = n
      end
    end
  end)
  if not ok then t.err = tostring(err) end
  taps[i] = t
end
local done = Listener.new(nil, nil)
function done.draw()
  for i, t in ipairs(taps) do
    if t.err then io.write(i, "\\t!", (t.err:gsub("\\n", " ")), "\\n")
    else
      if t.first ~= nil then table.insert(t.ranges, t.first == t.last and tostring(t.first) or (t.first .. "-" .. t.last)); t.first = nil end
      io.write(i, "\\t", table.concat(t.ranges, ","), "\\n")
    end
  end
end
`;

/**
 * tshark's frames for each filter, in one run over the capture (plus one -Y
 * run per filter that needs it). A filter tshark refuses maps to its message.
 */
export function tsharkFrameSets(file: string, filters: readonly string[]): Map<string, number[] | string> {
  const result = new Map<string, number[] | string>();
  const tapped = filters.filter((f) => !needsDisplayRun(f) && !onExpertItems(f));
  for (const f of filters) {
    if (onExpertItems(f)) result.set(f, tsharkFramesUnshown(file, f));
    else if (needsDisplayRun(f)) result.set(f, tsharkFrames(file, f));
  }
  if (tapped.length === 0) return result;
  const dir = mkdtempSync(join(tmpdir(), "pcapscope-taps-"));
  try {
    const script = join(dir, "taps.lua");
    writeFileSync(script, `local FILTERS = {\n${tapped.map((f) => `  ${luaString(f)},`).join("\n")}\n}\n${TAP_SCRIPT}`);
    const out = run(["-n", "-q", "-r", file, "-X", `lua_script:${script}`]);
    for (const line of out.split("\n")) {
      const m = /^(\d+)\t(.*)$/.exec(line);
      if (!m) continue;
      const f = tapped[Number(m[1]) - 1];
      if (f !== undefined) result.set(f, m[2]!.startsWith("!") ? m[2]!.slice(1) : fromRanges(m[2]!));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  for (const f of tapped) if (!result.has(f)) throw new Error(`tshark's taps printed nothing for "${f}" on ${file}`);
  return result;
}

/** The frames two lists have only on one side, for a difference report. */
export function describeDifference(ours: readonly number[], theirs: readonly number[] | string): string {
  if (typeof theirs === "string") return `ours ${ours.length} frames, tshark refuses it: ${theirs}`;
  const t = new Set(theirs);
  const o = new Set(ours);
  const extra = ours.filter((n) => !t.has(n));
  const missing = theirs.filter((n) => !o.has(n));
  return `ours ${ours.length} frames, tshark ${theirs.length}; only ours [${extra.slice(0, 8)}], only tshark's [${missing.slice(0, 8)}]`;
}

export function sameFrames(ours: readonly number[], theirs: readonly number[] | string | undefined): boolean {
  return Array.isArray(theirs) && theirs.length === ours.length && theirs.every((n, i) => n === ours[i]);
}

export interface OurResult {
  /** Frames each filter selects (in order), or the compile error. */
  frames: Map<string, number[] | FilterError>;
}

/**
 * One pass over the capture, every filter evaluated on every packet (as -Y
 * would); with `twoPass`, a first pass dissects everything and the filters
 * see the second (as -2 -Y and the app's re-dissection do).
 *
 * A filter on expert items gets a pass of its own (onExpertItems): a string
 * field another filter of the table names must not make its warning appear
 * (the fuzz capture's frame 82 did).
 */
export async function ourMatches(file: string, filters: readonly string[], twoPass = false): Promise<OurResult> {
  const compiled: Compiled[] = [];
  const frames = new Map<string, number[] | FilterError>();
  for (const text of filters) {
    try {
      const f = compileFilter(text);
      const list: number[] = [];
      compiled.push({ text, f, frames: list, last: null });
      frames.set(text, list);
    } catch (e) {
      if (!(e instanceof FilterError)) throw e;
      frames.set(text, e);
    }
  }
  const groups = [compiled.filter((c) => !onExpertItems(c.text)), ...compiled.filter((c) => onExpertItems(c.text)).map((c) => [c])];
  for (const group of groups) if (group.length) await matchPass(file, group, twoPass);
  return { frames };
}

interface Compiled {
  text: string;
  f: DisplayFilter;
  frames: number[];
  last: [number, number] | null;
}

/** One pass (two with `twoPass`) evaluating `group` on every packet, its collector wanting only the group's fields. */
async function matchPass(file: string, group: Compiled[], twoPass: boolean): Promise<void> {
  const dissection = new Dissection();
  const collector = new FieldCollector([...new Set(group.flatMap((c) => c.f.fields))], { positions: true });
  if (group.some((c) => c.f.layers)) collector.trackLayers(() => currentLayerNumber(dissection.pinfo));
  const fields = new CollectorFields(collector);
  const source = new FileSource(file);
  try {
    if (twoPass) await readCapture(source, (rec, data) => void dissection.dissect(rec, data, NULL_TREE, false));
    let prev: { sec: number; nsec: number } | null = null;
    await readCapture(source, (rec, data) => {
      collector.reset();
      const pinfo = twoPass ? dissection.redissect(rec, data, collector, prev) : dissection.dissect(rec, data, collector, true);
      prev = { sec: rec.tsSec, nsec: rec.tsNsec };
      fields.setPacket(data, pinfo);
      for (const c of group) {
        fields.deltaDisplayed = c.last ? BigInt(rec.tsSec - c.last[0]) * 1_000_000_000n + BigInt(rec.tsNsec - c.last[1]) : 0n;
        if (c.f.matches(fields)) {
          c.frames.push(rec.number);
          c.last = [rec.tsSec, rec.tsNsec];
        }
      }
    });
  } finally {
    source.close();
  }
}

if (process.argv[1]?.endsWith("filter-compare.ts")) {
  const [file, ...given] = process.argv.slice(2);
  if (!file) {
    console.error("usage: tsx scripts/filter-compare.ts FILE [FILTER ...]");
    process.exit(2);
  }
  const { CONFORMANCE_FILTERS } = await import("../src/engine/filter/conformance/filters");
  const filters = given.length ? given : [...CONFORMANCE_FILTERS];
  const ours = await ourMatches(file, filters);
  const valid = filters.filter((f) => !(ours.frames.get(f) instanceof FilterError));
  const theirs = tsharkFrameSets(file, valid);
  let same = 0;
  for (const f of filters) {
    const o = ours.frames.get(f)!;
    if (o instanceof FilterError) {
      console.log(`ERROR  ${f}: ${o.message}`);
      continue;
    }
    const t = theirs.get(f)!;
    if (sameFrames(o, t)) same++;
    else console.log(`DIFF   ${f}: ${describeDifference(o, t)}`);
  }
  console.log(`${same} of ${filters.length} filters select tshark's frames on ${file}`);
}
