/**
 * The two plain messages the analyzer worker and its client exchange beside
 * Comlink's (which always carry an id; Comlink ignores messages without one
 * on both sides). A module of its own: the worker must not import client.ts,
 * which names the worker's script.
 */

/** Worker → page: the worker holds its life lock (client.ts may now watch it). */
export const ALIVE_MESSAGE = "pcapscope-analyzer-alive";
/** Page → worker, test hook: end yourself (self.close), as a worker killed for its memory ends. */
export const EXIT_FOR_TEST_MESSAGE = "pcapscope-analyzer-exit-for-test";
