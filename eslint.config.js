// Lint rules, including the layer rules that keep src/engine pure: the engine
// runs in a worker, in Node (CLI, tests, bench) and must never reach for the
// DOM, React, Comlink, zustand or Node built-ins.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

const engineForbiddenImports = {
  patterns: [
    { group: ["react", "react-dom", "react-dom/*", "react/*"], message: "src/engine is UI-free: no React." },
    { group: ["comlink"], message: "src/engine is transport-free: Comlink belongs in src/worker." },
    { group: ["zustand", "zustand/*"], message: "src/engine holds no UI state." },
    { group: ["node:*", "fs", "path", "child_process", "os"], message: "src/engine must run in the browser: no Node built-ins." },
    { group: ["**/ui/**", "**/store/**", "**/worker/**", "**/cli/**"], message: "src/engine must not import from outer layers." },
  ],
};

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "coverage/", "test-results/", "playwright-report/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/engine/**/*.ts"],
    languageOptions: { globals: { TextDecoder: "readonly", TextEncoder: "readonly" } },
    rules: {
      "no-restricted-imports": ["error", engineForbiddenImports],
      "no-restricted-globals": [
        "error",
        { name: "window", message: "src/engine runs outside the DOM." },
        { name: "document", message: "src/engine runs outside the DOM." },
        { name: "process", message: "src/engine runs in the browser too." },
        { name: "Buffer", message: "src/engine runs in the browser too: use Uint8Array." },
      ],
    },
  },
  {
    files: ["src/ui/**/*.{ts,tsx}", "src/store/**/*.ts"],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/cli/**"], message: "The UI does not use the CLI." }] }],
    },
  },
  {
    files: ["src/worker/**/*.ts"],
    languageOptions: { globals: { ...globals.worker } },
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/ui/**", "**/store/**", "react", "zustand"], message: "The worker is a thin shell over the engine." }] }],
    },
  },
);
