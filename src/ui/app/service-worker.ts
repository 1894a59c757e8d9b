/**
 * Registers the service worker that vite-plugin-pwa generates in production
 * builds (vite.config.ts): it precaches the whole app, so after one visit the
 * page opens and analyses captures with the network off. In development the
 * virtual module registers nothing.
 */
import { registerSW } from "virtual:pwa-register";
import { useUpdateStore } from "../../store/update-store";

export function registerServiceWorker(): void {
  if (!("serviceWorker" in navigator)) return;
  const update = registerSW({
    // A new build is installed and waiting: the notice offers to switch (update() reloads once it controls the page).
    onNeedRefresh: () => useUpdateStore.setState({ apply: () => void update(true) }),
    // Offline use is a bonus: the app works online without it (a private window may refuse service workers).
    onRegisterError: () => undefined,
  });
}
