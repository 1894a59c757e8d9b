/**
 * The size guard as openCapture applies it, with a File-like object of a
 * fake size (no gigabytes needed): the file is refused before any worker is
 * started or a byte read. Node has no Worker, so reaching the worker would
 * fail the open; performance.memory and navigator.deviceMemory are set as
 * Chromium reports them.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { installMemoryStorage } from "./test-storage";
import type * as SessionModule from "./session";
import type * as CaptureStoreModule from "./capture-store";

const GIB = 1024 ** 3;

function fakeFile(size: number): File {
  // Only name, size and lastModified are read before the guard decides; slice() would mean the file was read.
  return {
    name: "huge.pcapng",
    size,
    lastModified: 1,
    slice: () => {
      throw new Error("the file was read");
    },
  } as unknown as File;
}

function setMemory(deviceMemory: number | undefined, jsHeapSizeLimit: number | undefined): void {
  Object.defineProperty(globalThis, "navigator", { value: { deviceMemory }, configurable: true, writable: true });
  Object.defineProperty(performance, "memory", { value: jsHeapSizeLimit === undefined ? undefined : { jsHeapSizeLimit }, configurable: true });
}

// Imported once the globals they read are in place.
let session: typeof SessionModule;
let captureStore: typeof CaptureStoreModule;

beforeAll(async () => {
  installMemoryStorage();
  Object.defineProperty(globalThis, "location", { value: { hash: "" }, configurable: true, writable: true });
  session = await import("./session");
  captureStore = await import("./capture-store");
});

const savedNavigator = Object.getOwnPropertyDescriptor(globalThis, "navigator");
afterEach(() => {
  if (savedNavigator) Object.defineProperty(globalThis, "navigator", savedNavigator);
  Object.defineProperty(performance, "memory", { value: undefined, configurable: true });
});

describe("openCapture's size guard", () => {
  it("refuses a 64 GB capture in a 4 GiB tab before reading it, and says why", async () => {
    // Chromium's 64-bit heap limit, a little under 4 GiB (and so under half of the 8 GiB device).
    setMemory(8, 4_294_705_152);
    const before = captureStore.useCaptureStore.getState().generation;
    await session.openCapture(fakeFile(64e9));
    const s = captureStore.useCaptureStore.getState();
    expect(s.state).toBe("error");
    expect(s.generation).toBe(before + 1);
    expect(s.client).toBeNull();
    expect(s.file).toEqual({ name: "huge.pcapng", size: 64e9, lastModified: 1 });
    expect(s.problem).toMatch(/^This capture \(64 GB\) is too large for this tab: .* about 4294 MB \(the browser's memory limit for a tab's scripts\)\./);
  });

  it("a device with 1 GB of memory refuses a 2 GB capture that a larger one would open", async () => {
    setMemory(1, 4 * GIB);
    await session.openCapture(fakeFile(2e9));
    expect(captureStore.useCaptureStore.getState().problem).toMatch(/about 536 MB \(half of this device's 1073 MB of memory\)/);
  });

  it("lets a file that fits go on to the worker", async () => {
    setMemory(8, 4 * GIB);
    // Node has no Worker: getting that far is what shows the guard let the file through.
    await expect(session.openCapture(fakeFile(2e9))).rejects.toThrow(/Worker is not defined/);
  });
});
