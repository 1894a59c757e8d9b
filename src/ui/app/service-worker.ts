/**
 * Registers the service worker that vite-plugin-pwa generates in production
 * builds (vite.config.ts): it precaches the whole app, so after one visit the
 * page opens and analyses captures with the network off. In development the
 * virtual module registers nothing.
 *
 * Not at once: installing it fetches every file of the build (6 MB, Mermaid
 * and its diagram chunks included) and compiles their code cache, which on a
 * first visit competed for the CPU and the server with the analyzer worker's
 * own start (its 2 MB script) and with a capture chosen at once: the first
 * rows waited for both. It is registered once the analyzer worker is up and
 * no capture is busy with its first rows.
 */
import { registerSW } from "virtual:pwa-register";
import { useUpdateStore } from "../../store/update-store";
import { useCaptureStore, type CaptureState } from "../../store/capture-store";

export function registerServiceWorker(): void {
  if (!("serviceWorker" in navigator)) return;
  const update = registerSW({
    // A new build is installed and waiting: the notice offers to switch (update() reloads once it controls the page).
    onNeedRefresh: () => useUpdateStore.setState({ apply: () => void update(true) }),
    // Offline use is a bonus: the app works online without it (a private window may refuse service workers).
    onRegisterError: () => undefined,
  });
}

/** A capture that has not shown its first rows yet. */
const busy = (s: CaptureState): boolean => s.state === "loading" && s.firstRowsMs === null;

/** registerServiceWorker once `analyzerStarted` settles and no capture is waiting for its first rows. */
export function registerServiceWorkerAfterStart(analyzerStarted: Promise<void>): void {
  if (!("serviceWorker" in navigator)) return;
  void analyzerStarted.then(() => {
    if (!busy(useCaptureStore.getState())) return registerServiceWorker();
    const stop = useCaptureStore.subscribe((s) => {
      if (busy(s)) return;
      stop();
      registerServiceWorker();
    });
  });
}
