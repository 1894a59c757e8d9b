/**
 * The pass's FTP data hashing on a thread of its own (hash.worker.ts), so that
 * hashing uses the second core while the analyzer dissects. Where a nested
 * worker cannot start, the hashing stays on the analyzer's thread.
 */
import { hashHere, type StreamHasher, type StreamHasherFactory } from "../engine/ftp/data-hashes";
import { BatchingHasher } from "../engine/ftp/hash-batches";
import type { FromHashThread, ToHashThread } from "./hash.worker";

export function hashThreadFactory(
  createWorker: () => Worker = () => new Worker(new URL("./hash.worker.ts", import.meta.url), { type: "module", name: "pcapscope-hasher" }),
): StreamHasherFactory {
  return async () => {
    let worker: Worker;
    try {
      worker = createWorker();
    } catch {
      return hashHere();
    }
    let failure: Error | null = null;
    const rejects = new Set<(e: Error) => void>();
    const fail = (e: Error): void => {
      failure ??= e;
      for (const reject of rejects) reject(failure);
      rejects.clear();
      worker.terminate();
    };
    const batcher = new BatchingHasher((buffer, length) => {
      if (!failure) worker.postMessage({ buffer, length } satisfies ToHashThread, [buffer]);
    });
    worker.onmessage = (e: MessageEvent<FromHashThread>) => ("recycled" in e.data ? batcher.recycle(e.data.recycled) : batcher.reply(e.data));
    worker.onerror = () => fail(new Error("the hashing thread failed"));
    const hasher: StreamHasher = {
      update: (key, bytes) => batcher.update(key, bytes),
      drop: (key) => batcher.drop(key),
      digest: (key) =>
        failure
          ? Promise.reject(failure)
          : new Promise((resolve, reject) => {
              rejects.add(reject);
              batcher.digest(key).then((d) => {
                rejects.delete(reject);
                resolve(d);
              }, reject);
            }),
      close: () => worker.terminate(),
    };
    return hasher;
  };
}
