import { describe, expect, it } from "vitest";
import { ThreadedBlobSource, type ReaderReply, type ReaderRequest } from "./threaded-source";

/** A stand-in for reader.worker.ts: answers reads from `bytes` on a later task, counting them. */
function fakeReader(bytes: Uint8Array): { create: () => Worker; reads: ReaderRequest[] } {
  const reads: ReaderRequest[] = [];
  const worker = {
    onmessage: null as ((e: MessageEvent<ReaderReply>) => void) | null,
    onerror: null,
    postMessage(m: ReaderRequest) {
      if (m.kind !== "read") return;
      reads.push(m);
      const buffer = bytes.slice(m.offset, m.offset + m.length).buffer;
      setTimeout(() => worker.onmessage?.({ data: { id: m.id, buffer } } as MessageEvent<ReaderReply>));
    },
    terminate() {},
  };
  return { create: () => worker as unknown as Worker, reads };
}

function file(n: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(n);
  for (let i = 0; i < n; i++) bytes[i] = (i * 7) & 0xff;
  return bytes;
}

describe("ThreadedBlobSource", () => {
  it("serves reads inside the first window from memory, as copies", async () => {
    const bytes = file(3 * 1024 * 1024);
    const reader = fakeReader(bytes);
    const source = new ThreadedBlobSource(new Blob([bytes]), "t", reader.create);
    // The format sniffers read the head first, then the pass its first window.
    expect(await source.read(0, 512)).toEqual(bytes.subarray(0, 512));
    expect(await source.read(0, 1024 * 1024)).toEqual(bytes.subarray(0, 1024 * 1024));
    expect(reader.reads).toHaveLength(2);

    const row = await source.read(5000, 60);
    expect(row).toEqual(bytes.subarray(5000, 5060));
    expect(reader.reads).toHaveLength(2);
    row.fill(0);
    expect(await source.read(5000, 60)).toEqual(bytes.subarray(5000, 5060));

    // Past the first window (or across its end) the reader thread reads.
    expect(await source.read(1024 * 1024 - 10, 20)).toEqual(bytes.subarray(1024 * 1024 - 10, 1024 * 1024 + 10));
    expect(reader.reads).toHaveLength(3);
    source.close();
  });

  it("keeps no window larger than the pass's first one", async () => {
    const bytes = file(3 * 1024 * 1024);
    const reader = fakeReader(bytes);
    const source = new ThreadedBlobSource(new Blob([bytes]), "t", reader.create);
    await source.read(0, 2 * 1024 * 1024);
    await source.read(100, 10);
    expect(reader.reads).toHaveLength(2);
    source.close();
  });
});
