/**
 * Display filters against tshark: which frames each filter selects, ours (one
 * in-process pass evaluating every filter) and tshark's.
 *
 * tshark costs half a second a run, so instead of one `-Y` run per filter it
 * is asked once per capture for a fingerprint of every filter's frame set
 * through `-z io,stat,0,...`: the number of frames and bytes, and the sum,
 * minimum and maximum of frame.number and the sum of frame.time_relative. Two
 * sets with the same five figures are the same set in all but contrived
 * cases; where ours differs, `tsharkFrames` gets tshark's exact set with -Y.
 *
 *   npx tsx scripts/filter-compare.ts FILE [FILTER ...]
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileSource } from "../src/cli/file-source";
import { readCapture } from "../src/engine/capture/open";
import { Dissection } from "../src/engine/dissect/dissection";
import { FieldCollector } from "../src/engine/dissect/tree";
import { CollectorFields, compileFilter, currentLayerNumber, FilterError, type DisplayFilter } from "../src/engine/filter";

export interface Fingerprint {
  frames: number;
  bytes: number;
  sum: number;
  min: number;
  max: number;
  /** Sum of frame.time_relative, in microseconds (io,stat prints six decimals). */
  time: number;
}

/**
 * Filters io,stat cannot judge like -Y: they depend on which packets were
 * displayed before, or contain a comma (io,stat splits its arguments on commas).
 */
export function needsDisplayRun(filter: string): boolean {
  return /time_delta_displayed/.test(filter) || filter.includes(",");
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

/**
 * io,stat prints no interval at all for a capture whose packets share one
 * timestamp (a one-packet capture). Such a capture gets a copy of itself
 * appended a second later; with a one-second interval the first row then
 * speaks of the original packets alone (a single pass judges them before the
 * copy exists).
 */
function spreadCopy(file: string): string {
  const dir = mkdtempSync(join(tmpdir(), "pcapscope-filter-"));
  const later = join(dir, "later.pcapng");
  const both = join(dir, "both.pcapng");
  execFileSync("editcap", ["-t", "1", file, later], { stdio: "ignore" });
  execFileSync("mergecap", ["-a", "-w", both, file, later], { stdio: "ignore" });
  return both;
}

/** One io,stat run per batch of filters: the fingerprint of each filter's frames. */
export function tsharkFingerprints(file: string, filters: readonly string[], batch = 60, interval = "0"): Map<string, Fingerprint> {
  const result = new Map<string, Fingerprint>();
  for (let i = 0; i < filters.length; i += batch) {
    const part = filters.slice(i, i + batch);
    const cols = part.flatMap((f) => [
      f,
      `SUM(frame.number)frame.number && (${f})`,
      `MIN(frame.number)frame.number && (${f})`,
      `MAX(frame.number)frame.number && (${f})`,
      `SUM(frame.time_relative)frame.time_relative && (${f})`,
    ]);
    const out = run(["-n", "-r", file, "-q", "-z", `io,stat,${interval},${cols.join(",")}`]);
    const row = out.split("\n").find((l) => /^\| *[0-9.]+ <> [0-9.]+ *\|/.test(l));
    if (!row) {
      if (interval !== "0") continue;
      return tsharkFingerprints(spreadCopy(file), filters, batch, "1");
    }
    const cells = row.split("|").slice(2, -1).map((c) => c.trim());
    part.forEach((f, j) => {
      const c = cells.slice(j * 6, j * 6 + 6).map(Number);
      result.set(f, { frames: c[0]!, bytes: c[1]!, sum: c[2]!, min: c[3]!, max: c[4]!, time: Math.round(c[5]! * 1e6) });
    });
  }
  return result;
}

export interface OurResult {
  /** Frames each filter selects (in order), or the compile error. */
  frames: Map<string, number[] | FilterError>;
  /** Per frame number: captured length and time since the first frame (for fingerprints). */
  len: number[];
  relUs: number[];
}

/** One pass over the capture, every filter evaluated on every packet (as -Y would). */
export async function ourMatches(file: string, filters: readonly string[]): Promise<OurResult> {
  const compiled: { text: string; f: DisplayFilter; frames: number[]; last: [number, number] | null }[] = [];
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
  const dissection = new Dissection();
  const collector = new FieldCollector([...new Set(compiled.flatMap((c) => c.f.fields))], { positions: true });
  if (compiled.some((c) => c.f.layers)) collector.trackLayers(() => currentLayerNumber(dissection.pinfo));
  const fields = new CollectorFields(collector);
  const len: number[] = [];
  const relUs: number[] = [];
  const source = new FileSource(file);
  try {
    await readCapture(source, (rec, data) => {
      collector.reset();
      const pinfo = dissection.dissect(rec, data, collector, true);
      fields.setPacket(data, pinfo);
      len[rec.number] = rec.origLen;
      const st = dissection.state;
      relUs[rec.number] = Math.round(((rec.tsSec - st.firstSec) * 1e9 + (rec.tsNsec - st.firstNsec)) / 1e3);
      for (const c of compiled) {
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
  return { frames, len, relUs };
}

/** The fingerprint of a set of frames, as io,stat would print it. */
export function fingerprint(frames: readonly number[], r: OurResult): Fingerprint {
  let bytes = 0;
  let sum = 0;
  let time = 0;
  for (const n of frames) {
    bytes += r.len[n] ?? 0;
    sum += n;
    time += r.relUs[n] ?? 0;
  }
  return { frames: frames.length, bytes, sum, min: frames.length ? Math.min(...frames) : 0, max: frames.length ? Math.max(...frames) : 0, time };
}

/** io,stat rounds each relative time to microseconds before adding: allow that much per frame. */
export function sameFingerprint(a: Fingerprint, b: Fingerprint): boolean {
  return a.frames === b.frames && a.bytes === b.bytes && a.sum === b.sum && a.min === b.min && a.max === b.max && Math.abs(a.time - b.time) <= a.frames + 1;
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
  const theirs = tsharkFingerprints(file, valid.filter((f) => !needsDisplayRun(f)));
  let same = 0;
  for (const f of filters) {
    const o = ours.frames.get(f)!;
    if (o instanceof FilterError) {
      console.log(`ERROR  ${f}: ${o.message}`);
      continue;
    }
    const t = theirs.get(f);
    const ok = t ? sameFingerprint(fingerprint(o, ours), t) : JSON.stringify(o) === JSON.stringify(tsharkFrames(file, f));
    if (ok) same++;
    else {
      const exact = tsharkFrames(file, f);
      const extra = o.filter((n) => !exact.includes(n));
      const missing = exact.filter((n) => !o.includes(n));
      console.log(`DIFF   ${f}: ours ${o.length} tshark ${exact.length}; extra ${extra.slice(0, 10).join(",")} missing ${missing.slice(0, 10).join(",")}`);
    }
  }
  console.log(`${same} of ${filters.length} filters select tshark's frames on ${file}`);
}
