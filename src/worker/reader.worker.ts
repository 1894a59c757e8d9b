/**
 * The reader thread: reads slices of the File the analyzer hands it and
 * transfers them back. A Blob read is drained by the thread that asked for
 * it, so a read started by the analyzer itself would only progress while
 * the analyzer is idle; here it runs while the analyzer parses the window
 * before it (threaded-source.ts). The pass's windows come from one stream
 * of the File into the buffers the analyzer hands back (sequential-reads.ts);
 * other reads are slices.
 */
import { SequentialReads } from "./sequential-reads";
import { type ReaderReply, type ReaderRequest, STREAM_READ_MIN } from "./threaded-source";

let file: Blob | null = null;
let sequential: SequentialReads | null = null;

async function read(m: Extract<ReaderRequest, { kind: "read" }>): Promise<{ buffer: ArrayBuffer; length: number }> {
  if (!file) throw new Error("no file to read");
  if (sequential && m.length >= STREAM_READ_MIN && sequential.continues(m.offset)) {
    try {
      const bytes = await sequential.read(m.offset, m.length);
      return { buffer: bytes.buffer as ArrayBuffer, length: bytes.length };
    } catch {
      // The stream failed: this read by slice (the next large one starts a new stream).
    }
  }
  const buffer = await file.slice(m.offset, m.offset + m.length).arrayBuffer();
  return { buffer, length: buffer.byteLength };
}

self.onmessage = async (e: MessageEvent<ReaderRequest>) => {
  const m = e.data;
  if (m.kind === "file") {
    file = m.file;
    sequential?.close();
    sequential = new SequentialReads(file);
    return;
  }
  if (m.kind === "spare") {
    sequential?.addSpare(m.buffer);
    return;
  }
  let reply: ReaderReply;
  try {
    const { buffer, length } = await read(m);
    reply = { id: m.id, buffer, length };
    (self as unknown as Worker).postMessage(reply, [buffer]);
  } catch (err) {
    reply = { id: m.id, error: err instanceof Error ? err.message : String(err) };
    (self as unknown as Worker).postMessage(reply);
  }
};
