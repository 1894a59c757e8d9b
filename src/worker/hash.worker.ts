/**
 * The hashing thread: hashes the FTP data connections' bytes the indexing
 * pass batches to it (engine/ftp/hash-batches.ts) on another core, and hands
 * each batch buffer back for reuse.
 */
import { InterleavedHashers } from "../engine/ftp/data-hashes";
import { type HashReply, runBatch } from "../engine/ftp/hash-batches";

export type ToHashThread = { buffer: ArrayBuffer; length: number };
export type FromHashThread = HashReply | { recycled: ArrayBuffer };

const scope = self as unknown as { postMessage(m: FromHashThread, transfer?: Transferable[]): void; onmessage: ((e: MessageEvent<ToHashThread>) => void) | null };
const ready = InterleavedHashers.create();
let queue: Promise<void> = Promise.resolve();

scope.onmessage = (e) => {
  const { buffer, length } = e.data;
  queue = queue.then(async () => {
    runBatch(buffer, length, await ready, (r) => scope.postMessage(r));
    scope.postMessage({ recycled: buffer }, [buffer]);
  });
};
