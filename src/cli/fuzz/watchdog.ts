/**
 * A synchronous loop cannot be interrupted by a timer on its own thread, so
 * the Node runner arms this watchdog thread before each case: if a case runs
 * far past its budget, the watchdog saves the case's input as a "hang"
 * regression, says so, and kills the process (the loop would never yield).
 */
import { Worker } from "node:worker_threads";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Regression } from "./check";

const WATCH = `
const { workerData } = require("node:worker_threads");
const fs = require("node:fs");
const path = require("node:path");
const started = new Float64Array(workerData.shared);
// stderr of a worker goes through the main thread, which is stuck: write to fd 2 directly.
setInterval(() => {
  if (!started[0] || Date.now() - started[0] < workerData.limitMs) return;
  const entry = JSON.parse(fs.readFileSync(workerData.pending + ".json", "utf8"));
  fs.mkdirSync(workerData.dir, { recursive: true });
  fs.copyFileSync(workerData.pending, path.join(workerData.dir, entry.file));
  fs.appendFileSync(path.join(workerData.dir, workerData.list), JSON.stringify(entry) + "\\n");
  fs.writeSync(2, "HANG seed " + entry.seed + " case " + entry.case + ": " + entry.source + " " + entry.kind + " (" + entry.detail + ") -> " + entry.file + "\\n");
  process.kill(process.pid, "SIGKILL");
}, 500);
`;

export class Watchdog {
  private readonly started = new Float64Array(new SharedArrayBuffer(8));
  private readonly worker: Worker;
  private readonly pending: string;

  constructor(scratch: string, dir: string, list: string, limitMs: number) {
    this.pending = join(scratch, "pending.bin");
    this.worker = new Worker(WATCH, { eval: true, workerData: { shared: this.started.buffer, pending: this.pending, dir, list, limitMs } });
    this.worker.unref();
  }

  /** Before a case: what to save if it never returns. */
  arm(entry: Regression, bytes: Uint8Array): void {
    writeFileSync(this.pending, bytes);
    writeFileSync(this.pending + ".json", JSON.stringify({ ...entry, found: ["hang"] }));
    this.started[0] = Date.now();
  }

  disarm(): void {
    this.started[0] = 0;
  }

  stop(): Promise<number> {
    return this.worker.terminate();
  }
}
