/**
 * `--export-objects ftp-data` on both cores (issue 10): the FTP report's scan
 * reads each transfer on this thread, and a worker_threads thread writes its
 * content into the export folder (TransferSpool's files) and hashes it as it
 * writes (MD5 and SHA-256 with Node's crypto, as native-digests.ts): on the
 * 101 MB FTP bench mix that was ~0.35 s of hashing and ~0.15 s of creating,
 * writing and closing files on the thread that reads the capture, dissects
 * it and builds the report. What this thread does per transfer is a copy.
 *
 * Records go into batches in shared memory, a fixed ring of SLOTS; a full
 * batch is posted to the worker, which runs its records in order and frees
 * the slot. When every slot is taken, this thread waits (Atomics.wait) for
 * the worker to free one: the bytes in flight stay within SLOTS × SLOT_BYTES
 * whatever the capture. A record is
 *
 *   op (u8) · id (u32) · length or reply id (u32) · bytes (UPDATE, OPEN, WRITE)
 *
 * and consecutive UPDATEs or WRITEs of one id are one record (content comes a
 * TCP segment at a time; the worker hashes and writes runs of up to a slot).
 * UPDATE a digest pair, DIGEST it (answered { reply, md5, sha256 }); OPEN a
 * file (the path's UTF-8, created "wx": never over a file already there),
 * WRITE, FILE_DIGEST (the hashes of all its content, written or not) and
 * CLOSE it; SETTLE (answered once everything before it is done, with the
 * files it could not create and those a write or close failed on).
 *
 * The worker is a script of its own (WORKER_SOURCE, run with eval): the CLI
 * runs as one bundled file (scripts/build-cli.mjs) or through tsx, and
 * neither gives a second module a path a Worker could load.
 */
import { Worker } from "node:worker_threads";
import type { ContentSink, DigestPair, DigestPairFactory, Digests } from "../engine/ftp/content";
import type { SpoolFiles } from "./export-objects";

const UPDATE = 1;
const DIGEST = 2;
const OPEN = 3;
const WRITE = 4;
const FILE_DIGEST = 5;
const CLOSE = 6;
const SETTLE = 7;
const HEADER = 9;

/** Bytes per batch, and batches in flight at most. */
const SLOT_BYTES = 1 << 20;
const SLOTS = 8;
/** The control array: a word per slot (1 while the worker has it), then the worker's failure flag. */
const DEAD = SLOTS;
/** Set by the worker once it listens: until then a wait for a slot is bounded (a worker that never starts frees none). */
const STARTED = SLOTS + 1;
/** How long a batch waits for a worker that has not started before the export gives up on the thread. */
const START_TIMEOUT_MS = 30_000;

export interface ThreadSettled {
  /** Files OPEN could not create (a file of that name was there, or the folder is not writable): nothing to delete. */
  notCreated: number[];
  /** Files created whose write or close failed: to delete. */
  failed: number[];
}

type Reply = { reply: number; md5: string; sha256: string } | { reply: number; settled: ThreadSettled } | { error: string };

/** Runs in the worker (plain JavaScript, CommonJS: see the top of this file). */
const WORKER_SOURCE = `
"use strict";
const { parentPort, workerData } = require("node:worker_threads");
const { createHash } = require("node:crypto");
const { openSync, writeSync, closeSync } = require("node:fs");
const control = new Int32Array(workerData.control);
const slots = workerData.slots.map((s) => ({ bytes: new Uint8Array(s), view: new DataView(s) }));
const pair = () => [createHash("md5"), createHash("sha256")];
const hex = (p) => ({ md5: p[0].digest("hex"), sha256: p[1].digest("hex") });
const pairs = new Map();
// Files by id: the descriptor (null: not created) and the hashes of what they are written.
const files = new Map();
const notCreated = [];
const failed = [];
const decoder = new TextDecoder();
const run = (slot, length) => {
  const { bytes, view } = slots[slot];
  for (let at = 0; at + ${HEADER} <= length; ) {
    const op = view.getUint8(at);
    const id = view.getUint32(at + 1, true);
    const value = view.getUint32(at + 5, true);
    at += ${HEADER};
    if (op === ${UPDATE} || op === ${WRITE}) {
      const b = bytes.subarray(at, at + value);
      at += value;
      let p = op === ${UPDATE} ? pairs.get(id) : files.get(id)?.hashes;
      if (!p && op === ${UPDATE}) pairs.set(id, (p = pair()));
      if (!p) continue;
      p[0].update(b);
      p[1].update(b);
      const f = op === ${WRITE} ? files.get(id) : null;
      if (!f || f.fd === null || f.broken) continue;
      try {
        for (let done = 0; done < b.length; ) done += writeSync(f.fd, b, done, b.length - done);
      } catch {
        f.broken = true;
      }
    } else if (op === ${DIGEST}) {
      const p = pairs.get(id) ?? pair();
      pairs.delete(id);
      parentPort.postMessage({ reply: value, ...hex(p) });
    } else if (op === ${OPEN}) {
      const f = { fd: null, hashes: pair(), broken: false };
      try {
        f.fd = openSync(decoder.decode(bytes.subarray(at, at + value)), "wx");
      } catch {
        notCreated.push(id);
      }
      files.set(id, f);
      at += value;
    } else if (op === ${FILE_DIGEST}) {
      const f = files.get(id);
      parentPort.postMessage({ reply: value, ...hex(f ? f.hashes : pair()) });
    } else if (op === ${CLOSE}) {
      const f = files.get(id);
      files.delete(id);
      if (!f || f.fd === null) continue;
      try {
        closeSync(f.fd);
      } catch {
        f.broken = true;
      }
      if (f.broken) failed.push(id);
    } else if (op === ${SETTLE}) {
      parentPort.postMessage({ reply: value, settled: { notCreated: notCreated.splice(0), failed: failed.splice(0) } });
    } else throw new Error("unknown record " + op);
  }
};
parentPort.on("message", ({ slot, length }) => {
  try {
    run(slot, length);
  } catch (e) {
    Atomics.store(control, ${DEAD}, 1);
    parentPort.postMessage({ error: String((e && e.message) || e) });
  } finally {
    Atomics.store(control, slot, 0);
    Atomics.notify(control, slot);
  }
});
Atomics.store(control, ${STARTED}, 1);
`;

/**
 * The export's second thread, started by its first batch. `digests` gives
 * pairs hashed there; `create` files written and hashed there. Call `close`
 * when done (until then the process waits for it only while answers are due).
 */
export class ExportThread implements SpoolFiles {
  private worker: Worker | null = null;
  private readonly control = new Int32Array(new SharedArrayBuffer(4 * (SLOTS + 2)));
  private readonly slots = Array.from({ length: SLOTS }, () => new SharedArrayBuffer(SLOT_BYTES));
  private slot = 0;
  private bytes = new Uint8Array(this.slots[0]!);
  private view = new DataView(this.slots[0]!);
  private used = 0;
  /** Where the last record starts, when it is an UPDATE or WRITE a next one of the same id extends. */
  private extendable = -1;
  private nextId = 1;
  private flushQueued = false;
  private readonly waiting = new Map<number, { resolve: (r: Digests | ThreadSettled) => void; reject: (e: Error) => void }>();
  private failure: Error | null = null;
  private readonly encoder = new TextEncoder();

  /** Pairs hashed on the thread (FtpAnalyzeOptions.digests). */
  readonly digests: DigestPairFactory = () => {
    const id = this.nextId++;
    const pair: DigestPair = {
      update: (b) => this.record(UPDATE, id, b),
      digest: () => this.ask(DIGEST, id) as Promise<Digests>,
    };
    return Promise.resolve(pair);
  };

  /** Creates `path` on the thread, never over an existing file, and hashes what it is written; `id` names it in `settle`'s answer. */
  create(id: number, path: string): ContentSink {
    const name = this.encoder.encode(path);
    if (name.length > SLOT_BYTES - HEADER) throw new Error(`path too long: ${path}`);
    this.room(name.length);
    this.header(OPEN, id, name.length);
    this.bytes.set(name, this.used);
    this.used += name.length;
    return {
      write: (b) => this.record(WRITE, id, b),
      digest: () => this.ask(FILE_DIGEST, id) as Promise<Digests>,
      close: () => {
        this.room(0);
        this.header(CLOSE, id, 0);
      },
    };
  }

  /** Waits for every record so far; the files it could not create, and those it failed to write. */
  async settle(): Promise<ThreadSettled> {
    if (!this.worker && !this.failure && this.used === 0) return { notCreated: [], failed: [] };
    return (await this.ask(SETTLE, 0)) as ThreadSettled;
  }

  /** Stops the thread (what it was still doing is dropped). */
  close(): void {
    void this.worker?.terminate();
    this.worker = null;
    this.fail(new Error("the export thread was closed"));
  }

  /** Records `b` for `id` (UPDATE or WRITE), extending the last record when it is the same op's for the same id. */
  private record(op: number, id: number, b: Uint8Array): void {
    for (let at = 0; at < b.length; ) {
      const last = this.extendable;
      if (last >= 0 && this.view.getUint8(last) === op && this.view.getUint32(last + 1, true) === id && this.used < SLOT_BYTES) {
        const n = Math.min(b.length - at, SLOT_BYTES - this.used);
        this.bytes.set(b.subarray(at, at + n), this.used);
        this.view.setUint32(last + 5, this.view.getUint32(last + 5, true) + n, true);
        this.used += n;
        at += n;
        continue;
      }
      this.room(1);
      const start = this.used;
      this.header(op, id, 0);
      this.extendable = start;
    }
  }

  /** Records `op` asking for an answer, sent when this thread is next idle (answers asked for together go in one batch). */
  private ask(op: number, id: number): Promise<Digests | ThreadSettled> {
    if (this.failure) return Promise.reject(this.failure);
    const reply = this.nextId++;
    this.room(0);
    this.header(op, id, reply);
    const answer = new Promise<Digests | ThreadSettled>((resolve, reject) => this.waiting.set(reply, { resolve, reject }));
    this.worker?.ref();
    if (!this.flushQueued) {
      this.flushQueued = true;
      setImmediate(() => {
        this.flushQueued = false;
        this.flush();
      });
    }
    return answer;
  }

  /** Makes room for a record of `n` bytes in the batch. */
  private room(n: number): void {
    if (this.used + HEADER + n > SLOT_BYTES) this.flush();
  }

  private header(op: number, id: number, value: number): void {
    this.view.setUint8(this.used, op);
    this.view.setUint32(this.used + 1, id >>> 0, true);
    this.view.setUint32(this.used + 5, value >>> 0, true);
    this.used += HEADER;
    this.extendable = -1;
  }

  /** Posts the batch, and takes the next slot once the worker is done with it. */
  private flush(): void {
    this.extendable = -1;
    const worker = this.used > 0 && !this.failure ? this.started() : null;
    if (!worker) {
      this.used = 0;
      return;
    }
    Atomics.store(this.control, this.slot, 1);
    worker.postMessage({ slot: this.slot, length: this.used });
    this.slot = (this.slot + 1) % SLOTS;
    // The worker frees the slot however its batch ends, and raises DEAD if it failed (or could not start).
    // Its events cannot arrive while this thread waits: a worker that never started would be waited for forever.
    const since = performance.now();
    while (Atomics.load(this.control, this.slot) !== 0 && Atomics.load(this.control, DEAD) === 0) {
      Atomics.wait(this.control, this.slot, 1, 50);
      if (Atomics.load(this.control, STARTED) === 0 && performance.now() - since > START_TIMEOUT_MS) Atomics.store(this.control, DEAD, 1);
    }
    this.bytes = new Uint8Array(this.slots[this.slot]!);
    this.view = new DataView(this.slots[this.slot]!);
    this.used = 0;
    if (Atomics.load(this.control, DEAD) !== 0) this.fail(new Error("the export thread failed"));
  }

  private started(): Worker | null {
    if (this.worker) return this.worker;
    try {
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { control: this.control.buffer, slots: this.slots }, name: "pcapscope-export" });
      worker.on("message", (m: Reply) => this.answer(m));
      worker.on("error", (e) => this.fail(e));
      worker.on("exit", () => this.fail(new Error("the export thread stopped")));
      worker.unref();
      this.worker = worker;
      return worker;
    } catch (e) {
      this.fail(e instanceof Error ? e : new Error(String(e)));
      return null;
    }
  }

  private answer(m: Reply): void {
    if ("error" in m) {
      this.fail(new Error(`the export thread failed: ${m.error}`));
      return;
    }
    const w = this.waiting.get(m.reply);
    this.waiting.delete(m.reply);
    w?.resolve("settled" in m ? m.settled : { md5: m.md5, sha256: m.sha256 });
    if (this.waiting.size === 0) this.worker?.unref();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const w of this.waiting.values()) w.reject(this.failure);
    this.waiting.clear();
  }
}
