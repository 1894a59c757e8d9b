#!/usr/bin/env node
// Runs the command line from a prebuilt bundle of src/ (scripts/build-cli.mjs,
// rebuilt here when a source file is newer than it), or else the TypeScript
// sources through tsx's loader, so `npx pcapscope` works right after
// `npm install` with no build step either way.
import { buildCli, freshBundle } from "../scripts/build-cli.mjs";

const bundle = process.env.PCAPSCOPE_NO_BUNDLE ? null : (freshBundle() ?? (await buildCli()));
if (bundle) {
  await import(bundle);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/pcapscope.ts");
}
