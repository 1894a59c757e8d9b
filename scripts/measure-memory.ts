/**
 * How much memory the app's analyzer keeps for an open capture, per packet
 * and per byte of the file: the numbers behind the size guard
 * (src/engine/session/memory-budget.ts). Each input is opened through
 * AnalyzerApi (what the worker runs: index, colours, statistics, expert
 * items, pass facts) in a fresh Node process, and the JavaScript heap plus
 * ArrayBuffers are measured after a full GC, before and after, and at the
 * peak while indexing (typed columns grow by copying).
 *
 *   node --expose-gc --import tsx scripts/measure-memory.ts [--packets N]
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, openAsBlob, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { syntheticPcap } from "../e2e/captures";
import { root } from "./bench-common";
import { AnalyzerApi } from "../src/worker/analyzer-api";

const gc = (globalThis as { gc?: () => void }).gc;

function used(): number {
  gc!();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

/** Child: opens one capture and prints {packets, size, retained, peak} as JSON. */
async function measureOne(file: string): Promise<void> {
  const blob = await openAsBlob(file);
  const before = used();
  let peak = 0;
  const api = new AnalyzerApi({ prepareFtp: false });
  const sample = (): void => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.heapUsed + m.external - before);
  };
  const result = await api.open(blob, file, { onProgress: sample });
  sample();
  const retained = used() - before;
  console.log(JSON.stringify({ packets: result.packets, size: blob.size, retained, peak: Math.max(peak, retained) }));
  api.close();
}

/** The recorded fixtures (Ethernet pcaps) concatenated and doubled until about `packets` packets: a real mix of TCP, FTP and more. */
function fixtureMix(dir: string, packets: number): string {
  const ethernet = readdirSync(join(root, "fixtures"))
    .filter((f) => f.endsWith(".pcap"))
    .map((f) => join(root, "fixtures", f));
  let big = join(dir, "mix0.pcap");
  execFileSync("mergecap", ["-F", "pcap", "-a", "-w", big, ...ethernet]);
  for (let step = 1; Number(execFileSync("capinfos", ["-c", "-M", "-T", big], { encoding: "utf8" }).trim().split("\t").pop()) < packets; step++) {
    const next = join(dir, `mix${step}.pcap`);
    execFileSync("mergecap", ["-F", "pcap", "-a", "-w", next, big, big]);
    big = next;
  }
  return big;
}

async function main(): Promise<void> {
  const at = process.argv.indexOf("--one");
  if (at >= 0) return measureOne(process.argv[at + 1]!);
  if (!gc) throw new Error("run with node --expose-gc --import tsx");
  const packetsAt = process.argv.indexOf("--packets");
  const packets = packetsAt >= 0 ? Number(process.argv[packetsAt + 1]) : 500_000;
  const dir = mkdtempSync(join(tmpdir(), "pcapscope-memory-"));
  try {
    const tiny = join(dir, "tiny-udp.pcap");
    syntheticPcap(tiny, packets);
    const inputs = { "42-byte UDP frames": tiny, "fixture mix (FTP, TCP, HTTP…)": fixtureMix(dir, packets) };
    for (const [what, file] of Object.entries(inputs)) {
      const child = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", process.argv[1]!, "--one", file], { encoding: "utf8" });
      if (child.status !== 0) throw new Error(child.stderr);
      const m = JSON.parse(child.stdout.trim().split("\n").pop()!) as { packets: number; size: number; retained: number; peak: number };
      console.log(
        `${what}: ${m.packets.toLocaleString()} packets, ${(statSync(file).size / 1e6).toFixed(1)} MB; ` +
          `kept ${(m.retained / 1e6).toFixed(1)} MB = ${(m.retained / m.packets).toFixed(0)} B/packet, ${(m.retained / m.size).toFixed(2)} B/file byte; ` +
          `peak ${(m.peak / 1e6).toFixed(1)} MB = ${(m.peak / m.packets).toFixed(0)} B/packet, ${(m.peak / m.size).toFixed(2)} B/file byte`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
