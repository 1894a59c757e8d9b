/**
 * The reader thread: reads slices of the File the analyzer hands it and
 * transfers them back. A Blob read is drained by the thread that asked for
 * it, so a read started by the analyzer itself would only progress while
 * the analyzer is idle; here it runs while the analyzer parses the window
 * before it (threaded-source.ts).
 */
import type { ReaderReply, ReaderRequest } from "./threaded-source";

let file: Blob | null = null;

self.onmessage = async (e: MessageEvent<ReaderRequest>) => {
  const m = e.data;
  if (m.kind === "file") {
    file = m.file;
    return;
  }
  let reply: ReaderReply;
  try {
    if (!file) throw new Error("no file to read");
    const buffer = await file.slice(m.offset, m.offset + m.length).arrayBuffer();
    reply = { id: m.id, buffer };
    (self as unknown as Worker).postMessage(reply, [buffer]);
  } catch (err) {
    reply = { id: m.id, error: err instanceof Error ? err.message : String(err) };
    (self as unknown as Worker).postMessage(reply);
  }
};
