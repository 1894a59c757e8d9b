/** The analyzer's Web Worker: nothing but the Comlink endpoint, reading the File on a reader thread. */
import * as Comlink from "comlink";
import { AnalyzerApi } from "./analyzer-api";
import { startReader, ThreadedBlobSource } from "./threaded-source";
import { hashThreadFactory } from "./hash-thread";
import { ALIVE_MESSAGE, EXIT_FOR_TEST_MESSAGE } from "./worker-messages";
import { preloadMacTables } from "../engine/dissect/mac-names";

/**
 * A pause that lets the requests waiting in the worker's queue run (a
 * MessageChannel task: unlike setTimeout it is not clamped to 4 ms).
 */
function macrotask(): () => Promise<void> {
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(null);
    });
}

/**
 * The first capture's reader thread is started with this worker (which the
 * page starts before a file is chosen), so its script is loaded by then:
 * starting it on open cost 40–100 ms of the first rows.
 */
let spareReader: Worker | null = startReader();
function takeReader(): Worker {
  const reader = spareReader ?? startReader();
  spareReader = null;
  return reader;
}

/**
 * Held until this worker ends, however it ends (client.ts watches it to
 * learn of a death that fires no error event). Said to the page once held.
 * Web Locks need a secure context; without them only error events are heard.
 */
void navigator.locks?.request(self.name, () => {
  self.postMessage(ALIVE_MESSAGE);
  return new Promise<never>(() => undefined);
});
self.addEventListener("message", (ev: MessageEvent<unknown>) => {
  if (ev.data === EXIT_FOR_TEST_MESSAGE) self.close();
});

// Started ahead of a file (store/session.ts): the MAC name tables are decoded while idle, not on the first packet.
setTimeout(preloadMacTables, 0);

// Progress five times a second: each report is a call back to the page (a Comlink round trip).
Comlink.expose(
  new AnalyzerApi(
    { pause: macrotask(), dataHasher: hashThreadFactory(), progressIntervalMs: 200 },
    (file, name) => new ThreadedBlobSource(file as Blob, name, takeReader),
  ),
);
