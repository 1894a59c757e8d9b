import { describe, expect, it } from "vitest";
import { STREAM_READ_MIN, ThreadedBlobSource, type ReaderReply, type ReaderRequest } from "./threaded-source";

/** A stand-in for reader.worker.ts: answers reads from `bytes` on a later task, counting them. */
function fakeReader(bytes: Uint8Array): { create: () => Worker; reads: ReaderRequest[]; spares: ArrayBuffer[] } {
  const reads: ReaderRequest[] = [];
  const spares: ArrayBuffer[] = [];
  const worker = {
    onmessage: null as ((e: MessageEvent<ReaderReply>) => void) | null,
    onerror: null,
    postMessage(m: ReaderRequest, transfer?: Transferable[]) {
      if (m.kind === "spare") {
        expect(transfer).toEqual([m.buffer]);
        spares.push(m.buffer);
      }
      if (m.kind !== "read") return;
      reads.push(m);
      const buffer = bytes.slice(m.offset, m.offset + m.length).buffer;
      setTimeout(() => worker.onmessage?.({ data: { id: m.id, buffer } } as MessageEvent<ReaderReply>));
    },
    terminate() {},
  };
  return { create: () => worker as unknown as Worker, reads, spares };
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

  it("hands the pass's released windows back to the reader thread, not the kept first window nor small reads", async () => {
    const bytes = file(12 * 1024 * 1024);
    const reader = fakeReader(bytes);
    const source = new ThreadedBlobSource(new Blob([bytes]), "t", reader.create);
    const first = await source.read(0, 1024 * 1024);
    const window = await source.read(1024 * 1024, STREAM_READ_MIN);
    const small = await source.read(6 * 1024 * 1024, 4096);
    source.release(first);
    source.release(small);
    expect(reader.spares).toHaveLength(0);
    source.release(window);
    expect(reader.spares).toHaveLength(1);
    expect(reader.spares[0]!.byteLength).toBe(STREAM_READ_MIN);
    // The first window is still served from memory.
    expect(await source.read(10, 10)).toEqual(bytes.subarray(10, 20));
    source.close();
  });
});
