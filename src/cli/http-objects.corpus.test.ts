/**
 * Corpus test: `--export-objects http,DIR` writes the same files (names and
 * bytes) as tshark 4.0's, and `-z follow,http,MODE,N` prints what tshark
 * prints for every TCP stream, on the shared captures (../shared/captures,
 * never copied into the project) and the fixtures. Skips with a printed
 * notice when the folder or tshark is missing.
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { captureFiles, fixturesDir, sharedCapturesDir } from "./corpus-files";
import { run } from "./main";

const tshark = !spawnSync("tshark", ["-v"], { stdio: "ignore" }).error;
const ANY_CAPTURE = /\.(pcap|pcapng|cap|snoop|gz)$/;
const captures = [...captureFiles(sharedCapturesDir, ANY_CAPTURE), ...captureFiles(fixturesDir, /http.*\.(pcap|pcapng)$/)];

if (!existsSync(sharedCapturesDir)) console.log(`http objects corpus: shared captures skipped, ${sharedCapturesDir} not found`);
if (!tshark) console.log("http objects corpus: skipped, tshark is not installed");

function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  if (existsSync(dir)) for (const n of readdirSync(dir).sort()) out.set(n, readFileSync(join(dir, n)));
  return out;
}

async function ours(args: string[]): Promise<string> {
  let out = "";
  await run(args, { stdout: (s) => (out += s), stderr: () => undefined });
  return out;
}

/** TCP stream indexes of the capture, as tshark numbers them. */
function tcpStreams(file: string): number[] {
  const r = spawnSync("tshark", ["-r", file, "-T", "fields", "-e", "tcp.stream"], { encoding: "utf8", maxBuffer: 1 << 28 });
  return [...new Set(r.stdout.split("\n").filter(Boolean).map(Number))].sort((a, b) => a - b);
}

describe.skipIf(!tshark || captures.length === 0)("HTTP objects and Follow HTTP Stream equal tshark's", () => {
  let withObjects = 0;
  for (const file of captures) {
    it(basename(file), async () => {
      const base = mkdtempSync(join(tmpdir(), "pcapscope-http-"));
      try {
        spawnSync("tshark", ["-r", file, "-q", "--export-objects", `http,${join(base, "tshark")}`], { stdio: "ignore" });
        await ours(["-r", file, "-q", "--export-objects", `http,${join(base, "ours")}`]);
        const theirs = files(join(base, "tshark"));
        const mine = files(join(base, "ours"));
        expect([...mine.keys()]).toEqual([...theirs.keys()]);
        for (const [name, bytes] of theirs) expect(mine.get(name)?.equals(bytes), name).toBe(true);
        if (theirs.size) withObjects++;
        // Follow HTTP: every stream in one run (tshark prints several -z last first; so do we).
        const streams = tcpStreams(file);
        if (!streams.length || !theirs.size) return;
        for (const mode of ["ascii", "yaml"]) {
          const z = streams.flatMap((n) => ["-z", `follow,http,${mode},${n}`]);
          const expected = spawnSync("tshark", ["-r", file, "-q", ...z], { encoding: "latin1", maxBuffer: 1 << 28 }).stdout;
          const got = Buffer.from(await ours(["-r", file, "-q", ...z]), "utf8").toString("latin1");
          expect(got === expected, `${mode}: follow output differs`).toBe(true);
        }
      } finally {
        rmSync(base, { recursive: true, force: true });
      }
    }, 120_000);
  }
  it("found captures with HTTP objects", () => {
    if (existsSync(sharedCapturesDir)) expect(withObjects).toBeGreaterThanOrEqual(6);
  });
});
