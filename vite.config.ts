import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";
import { VitePWA } from "vite-plugin-pwa";

/**
 * The production page may not talk to any other origin: nothing is uploaded,
 * no fonts or scripts come from a CDN. Dev (HMR) needs inline scripts and a
 * websocket, so the strict policy is injected for `vite build` only.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

function contentSecurityPolicy(): Plugin {
  return {
    name: "pcapscope-csp",
    apply: "build",
    transformIndexHtml() {
      return [
        { tag: "meta", attrs: { "http-equiv": "Content-Security-Policy", content: CONTENT_SECURITY_POLICY }, injectTo: "head-prepend" },
      ];
    },
  };
}

/**
 * The app works offline after one visit: a Workbox service worker precaches
 * every file of the build, including what is only loaded later (the worker
 * chunks, Mermaid and its diagram chunks, the sample capture), since a lazy
 * chunk that is missing fails the first time it is needed offline. Source maps
 * stay out (devtools fetch them). A new version waits until the page says it
 * may take over (registerType "prompt", src/ui/app/service-worker.ts): the
 * open page's chunks must keep coming from the old precache while it runs.
 * The first one claims the page at once, so the very first visit is offline-ready.
 */
const offline = VitePWA({
  registerType: "prompt",
  injectRegister: false,
  // The icon is precached by the glob below (listing it twice would too).
  includeManifestIcons: false,
  manifest: {
    name: "pcapscope",
    short_name: "pcapscope",
    description: "A packet capture analyzer that runs entirely in your browser",
    start_url: ".",
    scope: ".",
    display: "standalone",
    background_color: "#ffffff",
    theme_color: "#3478d4",
    icons: [{ src: "favicon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" }],
  },
  workbox: {
    globPatterns: ["**/*.{js,css,html,svg,wasm,pcap}"],
    // The analyzer worker (engine, dissectors, MAC-name tables) is ~2 MB; Workbox skips files above its 2 MiB default.
    maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
    clientsClaim: true,
    cleanupOutdatedCaches: true,
    sourcemap: false,
  },
});

/**
 * Non-ASCII characters are written as escapes: a script with a single
 * character above U+00FF is held by the browser as two bytes a character
 * (the analyzer worker's 2.1 MB as 4.2 MB), and is decoded and scanned more
 * slowly before the worker can take a capture. Tagged template text stays as
 * written: the diagrams' are in a chunk of their own (worker/analyzer-api.ts),
 * loaded when a diagram is drawn.
 */
const output = { charset: "ascii" } as const;

export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), offline],
  worker: { format: "es", rolldownOptions: { output } },
  build: { target: "es2022", sourcemap: true, rolldownOptions: { output } },
  preview: { port: 4173, strictPort: true },
});
