/**
 * The pass's FTP data hashing on a thread of its own (hash.worker.ts), so that
 * hashing uses the second core while the analyzer dissects. Where there are
 * no nested workers, the hashing stays on the analyzer's thread; where one
 * fails to start, the report reads the connections back and hashes them.
 */
import { hashHere, type StreamHasher, type StreamHasherFactory } from "../engine/ftp/data-hashes";
import { BatchingHasher } from "../engine/ftp/hash-batches";
import type { FromHashThread, ToHashThread } from "./hash.worker";

export function hashThreadFactory(createWorker?: () => Worker): StreamHasherFactory {
  return async () => {
    if (!createWorker && typeof Worker === "undefined") return hashHere();
    const create = createWorker ?? (() => new Worker(new URL("./hash.worker.ts", import.meta.url), { type: "module", name: "pcapscope-hasher" }));
    // Started with the first batch: a capture without FTP data starts no thread.
    let worker: Worker | null = null;
    const fail = (e: Error): void => {
      batcher.fail(e);
      worker?.terminate();
    };
    const batcher = new BatchingHasher((buffer, length) => {
      if (!worker) {
        try {
          worker = create();
        } catch (e) {
          fail(e instanceof Error ? e : new Error(String(e)));
          return;
        }
        worker.onmessage = (e: MessageEvent<FromHashThread>) => ("recycled" in e.data ? batcher.recycle(e.data.recycled) : batcher.reply(e.data));
        worker.onerror = () => fail(new Error("the hashing thread failed"));
      }
      worker.postMessage({ buffer, length } satisfies ToHashThread, [buffer]);
    });
    const hasher: StreamHasher = {
      update: (key, bytes) => batcher.update(key, bytes),
      drop: (key) => batcher.drop(key),
      digest: (key) => batcher.digest(key),
      close: () => {
        worker?.terminate();
        batcher.close();
      },
    };
    return hasher;
  };
}
