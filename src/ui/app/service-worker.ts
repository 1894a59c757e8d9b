/**
 * Registers the service worker that vite-plugin-pwa generates in production
 * builds (vite.config.ts): it precaches the whole app, so after one visit the
 * page opens and analyses captures with the network off. In development the
 * virtual module registers nothing.
 *
 * Not at once: installing it fetches every file of the build (6 MB, Mermaid
 * and its diagram chunks included) and compiles their code cache, which on a
 * first visit competed for the CPU and the server with the analyzer worker's
 * own start (its 2 MB script) and with the capture being indexed: on the
 * 101 MB bench capture, alternated builds, a first visit indexed in 5.0-6.1 s
 * with the install running meanwhile and in 3.4-3.8 s without (chromium used
 * 2-4.5 s less CPU during the load). It is registered once the analyzer
 * worker is up and no capture has been loading for QUIET_MS, so that it runs
 * neither during a load (one chosen just after the page started included)
 * nor under the first views opened after one.
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

/** How long the page must go without a capture loading before the install starts (a load postpones it). */
const QUIET_MS = 5000;

/** registerServiceWorker once `analyzerStarted` settles and no capture is loading (see the header). */
export function registerServiceWorkerAfterStart(analyzerStarted: Promise<void>): void {
  if (!("serviceWorker" in navigator)) return;
  void analyzerStarted.then(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const follow = (s: CaptureState): void => {
      if (s.state === "loading") {
        if (timer) clearTimeout(timer);
        timer = null;
      } else if (!timer) {
        timer = setTimeout(() => {
          stop();
          registerServiceWorker();
        }, QUIET_MS);
      }
    };
    const stop = useCaptureStore.subscribe(follow);
    follow(useCaptureStore.getState());
  });
}
