import { describe, expect, it } from "vitest";
import { SequentialReads } from "./sequential-reads";

function file(n: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(n);
  for (let i = 0; i < n; i++) bytes[i] = (i * 31 + (i >> 8)) & 0xff;
  return bytes;
}

describe("SequentialReads", () => {
  it("reads windows that overlap the one before, as the capture readers ask for them, into handed-back buffers", async () => {
    const bytes = file(5 * 1024 * 1024 + 123);
    const reads = new SequentialReads(new Blob([bytes]));
    const window = 1024 * 1024;
    const overlap = 128 * 1024;
    let offset = 0;
    let windows = 0;
    while (offset < bytes.length) {
      expect(reads.continues(offset)).toBe(true);
      const got = await reads.read(offset, window);
      expect(got.length).toBe(Math.min(window, bytes.length - offset));
      expect(Buffer.compare(got, bytes.subarray(offset, offset + got.length)), `window at ${offset}`).toBe(0);
      windows++;
      const end = offset + got.length;
      // The reader hands the window back once it moved past it: the next read fills it again.
      reads.addSpare(got.buffer as ArrayBuffer);
      if (end >= bytes.length) break;
      offset = end - overlap;
    }
    expect(windows).toBe(6);
    reads.close();
  });

  it("does not take reads from before its tail (the packet list's rows); a forward jump starts a new stream", async () => {
    const bytes = file(3 * 1024 * 1024);
    const reads = new SequentialReads(new Blob([bytes]));
    await reads.read(0, 2 * 1024 * 1024);
    expect(reads.continues(100)).toBe(false);
    expect(reads.continues(2 * 1024 * 1024 - 1000)).toBe(true);
    const ahead = await reads.read(2 * 1024 * 1024 + 4096, 10_000);
    expect(Buffer.compare(ahead, bytes.subarray(2 * 1024 * 1024 + 4096, 2 * 1024 * 1024 + 14_096))).toBe(0);
    // A read entirely inside the kept tail.
    const inTail = await reads.read(2 * 1024 * 1024 + 10_000, 4096);
    expect(Buffer.compare(inTail, bytes.subarray(2 * 1024 * 1024 + 10_000, 2 * 1024 * 1024 + 14_096))).toBe(0);
    reads.close();
  });

  it("clips at the end of the file, also into a larger spare", async () => {
    const bytes = file(300_000);
    const reads = new SequentialReads(new Blob([bytes]));
    reads.addSpare(new ArrayBuffer(1024 * 1024));
    const got = await reads.read(250_000, 1024 * 1024);
    expect(got.length).toBe(50_000);
    expect(Buffer.compare(got, bytes.subarray(250_000))).toBe(0);
    expect((await reads.read(300_000, 10)).length).toBe(0);
    reads.close();
  });
});
