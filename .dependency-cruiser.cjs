/**
 * The import rules of src/, checked by `npm run lint:deps` (part of
 * `npm test`): no cycles anywhere; the layers (ui → store → worker → engine,
 * cli → engine) point one way; inside the engine, folders import only the
 * folders below them in ENGINE_LAYERS; the UI never loads a dissector.
 * Type-only imports are not counted (they vanish from the build).
 *
 * What the engine may not import from outside (DOM, React, Comlink, Node)
 * is eslint's job (eslint.config.js), file by file.
 */

/** The engine's folders, lowest first: each may import only those before it. */
const ENGINE_LAYERS = ["io", "capture", "reassembly", "dissect", "filter", "stats", "index", "follow", "ftp", "http", "expert", "diagram", "session"];

const engineLayerRules = ENGINE_LAYERS.map((folder, i) => ({
  name: `engine-${folder}-imports-downward`,
  comment: `src/engine/${folder} may import only ${ENGINE_LAYERS.slice(0, i).join(", ") || "nothing else in the engine"}.`,
  severity: "error",
  // A test may drive its folder through a higher layer (a CaptureSession around Follow).
  from: { path: `^src/engine/${folder}/`, pathNot: "\\.test\\.ts$" },
  to: { path: `^src/engine/(${ENGINE_LAYERS.slice(i + 1).join("|") || "$^"})/` },
}));

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "An import cycle makes load order matter and layers meaningless.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "engine-is-innermost",
      comment: "The engine runs in the worker, in Node and in tests: it imports none of the outer layers.",
      severity: "error",
      from: { path: "^src/engine/" },
      to: { path: "^src/(ui|store|worker|cli|main)" },
    },
    {
      name: "worker-below-ui",
      comment: "The worker is a thin shell over the engine.",
      severity: "error",
      from: { path: "^src/worker/" },
      to: { path: "^src/(ui|store|cli)/" },
    },
    {
      name: "store-below-ui",
      comment: "Stores hold state; the UI renders it.",
      severity: "error",
      from: { path: "^src/store/" },
      to: { path: "^src/(ui|cli)/" },
    },
    {
      name: "cli-apart-from-app",
      comment: "The CLI reuses the engine, not the app.",
      severity: "error",
      from: { path: "^src/cli/" },
      to: { path: "^src/(ui|store|worker)/" },
    },
    {
      name: "ui-loads-no-dissector",
      comment: "Dissection runs in the worker; the page's bundle must not carry the dissectors (a test may drive a store through the worker's API: tests are not bundled).",
      severity: "error",
      from: { path: "^src/(ui|store|main)", pathNot: "\\.test\\.tsx?$" },
      to: { path: "^src/engine/dissect/protocols/", reachable: true },
    },
    ...engineLayerRules,
  ],
  options: {
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: false,
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)node_modules/" },
  },
};
