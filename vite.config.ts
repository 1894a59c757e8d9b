import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";

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

export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  worker: { format: "es" },
  build: { target: "es2022", sourcemap: true },
  preview: { port: 4173, strictPort: true },
});
