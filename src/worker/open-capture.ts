/**
 * The File a capture session reads. A gzip-compressed capture (told by its
 * magic, 1f 8b) is streamed through the engine's inflater (the platform's
 * DecompressionStream) into the origin-private file system, from this
 * worker with a sync access handle (a writable where that is missing), and
 * the session then reads the inflated File by slices like any capture:
 * random access for the later views without holding the inflated bytes in
 * memory. Without OPFS the inflated chunks become a Blob of parts.
 *
 * The inflated copy lives as long as its worker: the worker holds a Web
 * Lock named after it until it ends (the page terminates the worker when
 * another file opens), and every open removes the copies whose lock is free
 * (left by a worker that ended, in this tab or another). Closing the source
 * removes its copy at once.
 */
import { BlobSource, type BlobLike } from "../engine/io/blob-source";
import type { ByteSource } from "../engine/io/byte-source";
import { inflateGzip, isGzip, type InflateSink } from "../engine/io/gzip";
import { describeUnexpected } from "../engine/session/errors";
import type { LoadProgress, LoadResult } from "../engine/session/types";

export interface OpenOptions {
  /** Inflating's progress, in compressed bytes (packets stay 0). */
  onProgress?: (progress: LoadProgress) => void;
  /** True once another open replaced this one. */
  shouldStop?: () => boolean;
}

/** The source and File to read, or the result to report when opening stopped or failed before any packet. */
export type Opened = { source: ByteSource; file: BlobLike } | { result: LoadResult };

const PREFIX = "pcapscope-inflated-";
/** A terminated worker's lock is released a moment later: the copies are looked at again after this. */
const SECOND_SWEEP_MS = 5000;

export async function openCaptureFile(
  file: BlobLike,
  name: string,
  openSource: (file: BlobLike, name: string) => ByteSource,
  options: OpenOptions = {},
): Promise<Opened> {
  try {
    await removeUnused();
    setTimeout(() => void removeUnused(), SECOND_SWEEP_MS);
    const compressed = new BlobSource(file, name);
    const gzip = isGzip(await compressed.read(0, 2));
    if (options.shouldStop?.()) return { result: stoppedResult(true) };
    if (!gzip) return { source: openSource(file, name), file };
    const sink = (await opfsSink().catch(() => null)) ?? blobSink();
    const inflated = await inflateGzip(compressed, sink, {
      onProgress: (bytesRead, totalBytes) => options.onProgress?.({ bytesRead, totalBytes, packets: 0 }),
      shouldStop: options.shouldStop,
    });
    if (!inflated || options.shouldStop?.()) {
      inflated?.source.close?.();
      return { result: stoppedResult(true) };
    }
    const copy = (inflated.source as InflatedSource).file;
    const source = openSource(copy, name);
    source.compression = inflated.compression;
    const closeReader = source.close?.bind(source);
    source.close = () => {
      closeReader?.();
      inflated.source.close?.();
    };
    return { source, file: copy };
  } catch (e) {
    return { result: { ...stoppedResult(false), problem: describeUnexpected(e, 0) } };
  }
}

function stoppedResult(cancelled: boolean): LoadResult {
  return { summary: null, packets: 0, cancelled, problem: null, firstRowsMs: 0, elapsedMs: 0, firstSec: 0, firstNsec: 0 };
}

/** What a sink's finish gives: a source over the inflated File, whose close removes the copy. */
class InflatedSource extends BlobSource {
  constructor(
    readonly file: BlobLike,
    private readonly remove: () => void,
  ) {
    super(file, "inflated");
  }
  close(): void {
    this.remove();
  }
}

/** The parts of the File/Blob and OPFS API used here (the engine's typings have no DOM). */
interface SyncAccessHandle {
  write(buffer: Uint8Array, options: { at: number }): number;
  flush(): void;
  close(): void;
}

async function opfsSink(): Promise<InflateSink> {
  const root = await navigator.storage.getDirectory();
  const entry = `${PREFIX}${Date.now()}-${Math.random().toString(36).slice(2)}`;
  // Held until this worker ends (the callback's promise never settles): the copy is in use while it is.
  await new Promise<void>((granted, refused) => {
    navigator.locks.request(entry, () => new Promise<void>(() => granted())).catch(refused);
  });
  const handle = await root.getFileHandle(entry, { create: true });
  const remove = (): void => void root.removeEntry(entry).catch(() => undefined);
  const createSync = (handle as unknown as { createSyncAccessHandle?: () => Promise<SyncAccessHandle> }).createSyncAccessHandle;
  if (createSync) {
    const access = await createSync.call(handle);
    let at = 0;
    return {
      write: (chunk) => {
        for (let done = 0; done < chunk.length;) done += access.write(chunk.subarray(done), { at: at + done });
        at += chunk.length;
      },
      finish: async () => {
        access.flush();
        access.close();
        return new InflatedSource(await handle.getFile(), remove);
      },
      discard: () => {
        access.close();
        remove();
      },
    };
  }
  const writable = await handle.createWritable();
  return {
    write: (chunk) => writable.write(chunk as Uint8Array<ArrayBuffer>),
    finish: async () => {
      await writable.close();
      return new InflatedSource(await handle.getFile(), remove);
    },
    discard: async () => {
      await writable.abort().catch(() => undefined);
      remove();
    },
  };
}

/** Without OPFS: the inflated chunks as one Blob of parts (the browser may keep them on disk). */
function blobSink(): InflateSink {
  let parts: Uint8Array<ArrayBuffer>[] = [];
  return {
    write: (chunk) => void parts.push(chunk as Uint8Array<ArrayBuffer>),
    finish: () => {
      const blob = new Blob(parts);
      parts = [];
      return Promise.resolve(new InflatedSource(blob, () => undefined));
    },
    discard: () => {
      parts = [];
    },
  };
}

/** Removes the inflated copies no live worker holds (their lock is free). */
async function removeUnused(): Promise<void> {
  try {
    if (!navigator.storage?.getDirectory || !navigator.locks) return;
    const root = await navigator.storage.getDirectory();
    const names: string[] = [];
    for await (const key of (root as unknown as { keys(): AsyncIterable<string> }).keys()) if (key.startsWith(PREFIX)) names.push(key);
    for (const key of names) {
      await navigator.locks.request(key, { ifAvailable: true }, async (lock) => {
        if (lock) await root.removeEntry(key).catch(() => undefined);
      });
    }
  } catch {
    // Housekeeping only: a copy left behind is removed by a later open.
  }
}
