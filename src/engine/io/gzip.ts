/**
 * gzip-compressed captures (RFC 1952), inflated with the platform's
 * DecompressionStream (a global in browsers, workers and Node 18+), never
 * with node:zlib: the engine runs in all three.
 *
 * A compressed capture cannot be read at random offsets, and the engine
 * reads packets again by offset (details, filters, follow), so the inflated
 * bytes go, as they come, to a sink the platform provides (a temporary file
 * for the CLI, the origin-private file system or a Blob of parts in the
 * browser), and the capture is then read from there. Nothing holds the
 * whole inflated file as one buffer.
 *
 * A damaged or cut-short stream keeps what inflated before the damage, as
 * tshark (zlib) does: the capture reader then reads every packet in it and
 * `readCapture` says that the compressed file broke and where.
 */
import { MemorySource, type ByteSource, type Compression } from "./byte-source";

/** Where inflated bytes are written; `finish` returns a source over all of them. */
export interface InflateSink {
  write(chunk: Uint8Array): Promise<void> | void;
  finish(): Promise<ByteSource>;
  /** Frees what was written (the inflate was stopped or failed). */
  discard(): Promise<void> | void;
}

export interface InflateOptions {
  /** Compressed bytes read at a time. */
  chunkSize?: number;
  onProgress?: (compressedRead: number, compressedSize: number) => void;
  /** Checked between chunks: true stops inflating (the result is then null). */
  shouldStop?: () => boolean;
}

/** gzip's magic, ID1 ID2 = 1f 8b (RFC 1952 §2.3.1): the content decides, never the file name. */
export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

const CHUNK = 1 << 20;

/**
 * Inflates all of `source` into `sink`. Returns the sink's source and what
 * happened, or null when stopped. Never throws for damaged input (that is
 * `damage`); a failing sink or read rejects.
 */
export async function inflateGzip(
  source: ByteSource,
  sink: InflateSink,
  options: InflateOptions = {},
): Promise<{ source: ByteSource; compression: Compression } | null> {
  const total = source.size();
  const chunkSize = options.chunkSize ?? CHUNK;
  const stream = new DecompressionStream("gzip");
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  let fed = 0;
  let stopped = false;
  // Input is fed while output is drained; each waits on the other through the stream's queues.
  const feeding = (async () => {
    while (fed < total) {
      if (options.shouldStop?.()) {
        stopped = true;
        await writer.abort();
        return;
      }
      const chunk = await source.read(fed, Math.min(chunkSize, total - fed));
      if (chunk.length === 0) break;
      await writer.write(chunk as Uint8Array<ArrayBuffer>);
      fed += chunk.length;
      options.onProgress?.(fed, total);
    }
    await writer.close();
  })();
  // The feeder's failure is the stream's: it is seen (and said) through the reader.
  feeding.catch(() => undefined);

  let inflated = 0;
  let damage: string | null = null;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      await sink.write(value);
      inflated += value.length;
    }
    await feeding;
  } catch (e) {
    if (stopped) {
      await sink.discard();
      return null;
    }
    damage = `${describe(e)}, near compressed byte ${fed} of ${total}`;
  }
  if (stopped) {
    await sink.discard();
    return null;
  }
  const out = await sink.finish();
  return { source: out, compression: { format: "gzip", compressedSize: total, inflatedSize: inflated, damage } };
}

function describe(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return /unexpected end|incomplete|truncat|premature/i.test(text)
    ? "the compressed data is cut short"
    : `the compressed data is damaged (${text})`;
}

/** An inflate sink in memory, as a list of chunks (tests, small files). */
export class MemorySink implements InflateSink {
  private parts: Uint8Array[] = [];
  private size = 0;
  write(chunk: Uint8Array): void {
    this.parts.push(chunk);
    this.size += chunk.length;
  }
  finish(): Promise<ByteSource> {
    const all = new Uint8Array(this.size);
    let at = 0;
    for (const p of this.parts) {
      all.set(p, at);
      at += p.length;
    }
    this.parts = [];
    return Promise.resolve(new MemorySource(all));
  }
  discard(): void {
    this.parts = [];
  }
}
