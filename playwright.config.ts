/**
 * End-to-end tests in Debian's chromium against the production build served
 * by `vite preview` (npm test builds first). One worker: the machine is small
 * and one test opens a million-packet capture.
 */
import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.PCAPSCOPE_E2E_PORT ?? 4317);
const ORIGIN = `http://127.0.0.1:${PORT}`;
// Several people (or agents) testing one checkout at once each build into
// their own folder: `vite build --outDir $PCAPSCOPE_E2E_DIST` then run this.
const DIST = process.env.PCAPSCOPE_E2E_DIST;
const OUT_DIR = DIST ? ` --outDir ${JSON.stringify(DIST)}` : "";

export default defineConfig({
  testDir: "e2e",
  timeout: 120_000,
  expect: { timeout: 15_000 },
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: ORIGIN,
    viewport: { width: 1280, height: 720 },
    headless: true,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort${OUT_DIR}`,
    url: ORIGIN,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
