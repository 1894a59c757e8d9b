/**
 * The UI's handle on the analyzer worker. One client per open capture:
 * opening another file terminates this worker and starts a fresh one, which
 * is also how an indexing pass is abandoned at once.
 *
 * A worker that dies (an uncaught error, out of memory) would leave Comlink
 * calls pending forever; every call here races a "failed" promise that the
 * worker's error events reject, so the page always gets an answer.
 */
import * as Comlink from "comlink";
import type { AnalyzerApi } from "./analyzer-api";
import { ALIVE_MESSAGE, EXIT_FOR_TEST_MESSAGE } from "./worker-messages";

/** The call was abandoned because the client was closed (a newer file was opened). */
export class AnalyzerClosedError extends Error {
  constructor() {
    super("The analyzer was closed");
    this.name = "AnalyzerClosedError";
  }
}

/** The worker itself failed. */
export class AnalyzerCrashedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AnalyzerCrashedError";
  }
}

/**
 * The worker's name is also the name of a Web Lock it holds for as long as
 * it lives (analyzer.worker.ts): a worker that is terminated or killed (out
 * of memory, self.close) fires no error event, but its locks are released,
 * so the page's request for the same lock is granted exactly then.
 */
function defaultWorker(name: string): Worker {
  return new Worker(new URL("./analyzer.worker.ts", import.meta.url), { type: "module", name });
}

/** Numbers the workers' names (with a random part: each page has its own count, the lock names are per origin). */
let workersStarted = 0;

/**
 * Every AnalyzerApi method, as the page calls it: typed from the API itself
 * (Comlink.Remote: each result a promise), so nothing is declared twice.
 * Callbacks are passed as plain functions (or objects of functions); the
 * client wraps them in Comlink proxies. The API's `close` (forget the
 * capture) is replaced by the client's, which ends the worker.
 */
type AnalyzerCalls = Omit<Comlink.Remote<AnalyzerApi>, "close">;

/** An argument that must cross as a Comlink proxy: a callback, or an object of callbacks (LoadCallbacks). */
function needsProxy(a: unknown): boolean {
  if (typeof a === "function") return true;
  if (a === null || typeof a !== "object" || a instanceof Blob) return false;
  return Object.values(a).some((v) => typeof v === "function");
}

// The class's instances have AnalyzerApi's methods (see the constructor's Proxy).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface AnalyzerClient extends AnalyzerCalls {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class AnalyzerClient {
  private readonly worker: Worker;
  private readonly remote: Comlink.Remote<AnalyzerApi>;
  private readonly failed: Promise<never>;
  private rejectFailed: (e: Error) => void = () => undefined;
  private done = false;
  /** Withdraws the page's request for the worker's life lock. */
  private readonly stopWatching = new AbortController();

  /**
   * Settles once the worker's script is loaded and evaluated (it says it is
   * alive), or once it failed or was closed before: the page holds back work
   * of its own that would compete with the worker's start (the service
   * worker's precache, ui/app/service-worker.ts).
   */
  readonly started: Promise<void>;
  private markStarted: () => void = () => undefined;

  /** Called once if the worker crashes (not when it is closed on purpose). */
  onCrash: ((e: AnalyzerCrashedError) => void) | null = null;

  constructor(createWorker: (name: string) => Worker = defaultWorker) {
    this.failed = new Promise<never>((_, reject) => (this.rejectFailed = reject));
    this.failed.catch(() => undefined);
    this.started = new Promise<void>((resolve) => (this.markStarted = resolve));
    const name = `pcapscope-analyzer ${++workersStarted} ${Math.random().toString(36).slice(2)}`;
    this.worker = createWorker(name);
    this.worker.addEventListener("message", (ev: MessageEvent<unknown>) => {
      if (ev.data !== ALIVE_MESSAGE) return;
      this.markStarted();
      this.watchLife(name);
    });
    this.worker.addEventListener("error", (ev) => {
      ev.preventDefault();
      this.fail(new AnalyzerCrashedError(`The analyzer stopped unexpectedly${ev.message ? ` (${ev.message})` : ""}`));
    });
    this.worker.addEventListener("messageerror", () =>
      this.fail(new AnalyzerCrashedError("The analyzer sent a message that could not be read")),
    );
    this.remote = Comlink.wrap<AnalyzerApi>(this.worker);
    // Any other property is an API method: called on the worker, racing its failure.
    const calls = new Map<string, (...args: unknown[]) => Promise<unknown>>();
    return new Proxy(this, {
      get: (target, key, receiver) => {
        if (typeof key !== "string" || key in target) return Reflect.get(target, key, receiver) as unknown;
        let call = calls.get(key);
        if (!call) {
          const method = (target.remote as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[key]!;
          call = (...args) => target.call(method(...args.map((a) => (needsProxy(a) ? Comlink.proxy(a as object) : a))));
          calls.set(key, call);
        }
        return call;
      },
    });
  }

  /** Asked once the worker holds its life lock: granted when the worker has ended. */
  private watchLife(name: string): void {
    // Web Locks need a secure context (https or localhost); without them only error events are heard.
    navigator.locks
      ?.request(name, { signal: this.stopWatching.signal }, () =>
        this.fail(new AnalyzerCrashedError("The analyzer stopped unexpectedly (its worker ended, perhaps out of memory)")),
      )
      .catch(() => undefined); // withdrawn: closed on purpose
  }

  private fail(e: Error): void {
    if (this.done) return;
    this.done = true;
    this.markStarted();
    this.stopWatching.abort();
    this.rejectFailed(e);
    if (e instanceof AnalyzerCrashedError) this.onCrash?.(e);
    this.worker.terminate();
  }

  private call<T>(p: Promise<T>): Promise<T> {
    return Promise.race([p, this.failed]);
  }

  get closed(): boolean {
    return this.done;
  }

  /** Test hook: the worker ends itself (self.close), as a worker killed for its memory ends: no error event. */
  exitForTest(): void {
    this.worker.postMessage(EXIT_FOR_TEST_MESSAGE);
  }

  /** Terminates the worker; pending calls reject with AnalyzerClosedError. */
  close(): void {
    this.fail(new AnalyzerClosedError());
  }
}
