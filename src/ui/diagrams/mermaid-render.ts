/**
 * Mermaid in the page, loaded on first use (`await import("mermaid")`: its
 * ~1 MB stays out of the main bundle and arrives as same-origin chunks, which
 * the strict Content-Security-Policy allows). `securityLevel: "strict"`:
 * Mermaid sanitizes labels and disables click callbacks; the texts are
 * already escaped by the engine (engine/diagram/mermaid.ts), this is the
 * second wall.
 *
 * Mermaid renders one diagram at a time (it keeps global state while it
 * lays out): renders are queued.
 */
import type { Mermaid } from "mermaid";

let loading: Promise<Mermaid> | null = null;
let configuredDark: boolean | null = null;
let queue: Promise<unknown> = Promise.resolve();
let counter = 0;

async function load(dark: boolean): Promise<Mermaid> {
  loading ??= import("mermaid").then((m) => m.default);
  const mermaid = await loading;
  if (configuredDark !== dark) {
    mermaid.initialize({
      startOnLoad: false,
      securityLevel: "strict",
      theme: dark ? "dark" : "default",
      // Generated diagrams are split far below this (engine DEFAULT_LIMITS); kept at Mermaid's default.
      maxTextSize: 50_000,
      sequence: { useMaxWidth: false, wrap: false, mirrorActors: false },
    });
    configuredDark = dark;
  }
  return mermaid;
}

export interface RenderedSvg {
  svg: string;
  /** Milliseconds Mermaid took (layout and SVG) for this call: 0 when drawn before (the cache: a prefetch, another part). */
  ms: number;
}

/** Recent renders by theme and text (drawing more parts of a split diagram redraws none of the first). */
const cache = new Map<string, RenderedSvg>();
const CACHE_SIZE = 64;

/** Renders Mermaid text to an SVG string (queued behind earlier renders). */
export function renderMermaid(text: string, dark: boolean): Promise<RenderedSvg> {
  const key = `${dark ? "dark" : "light"}\n${text}`;
  const hit = cache.get(key);
  if (hit) return Promise.resolve({ svg: hit.svg, ms: 0 });
  const run = async (): Promise<RenderedSvg> => {
    const mermaid = await load(dark);
    const t0 = performance.now();
    const id = `pcapscope-diagram-${++counter}`;
    try {
      const { svg } = await mermaid.render(id, text);
      const result = { svg, ms: performance.now() - t0 };
      cache.set(key, result);
      if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
      return result;
    } finally {
      // Mermaid leaves its scratch element behind when rendering fails.
      document.getElementById(id)?.remove();
      document.getElementById(`d${id}`)?.remove();
    }
  };
  const p = queue.then(run, run);
  queue = p.catch(() => undefined);
  return p;
}

/**
 * Loads Mermaid and lays out a two-arrow sequence diagram while the page is
 * idle, so that the first diagram an analyst asks for (Diagrams, Flow Graph)
 * does not also wait for Mermaid's ~1 MB to load and compile and for its
 * sequence-diagram code to warm up. Once per page; the warm-up's text is
 * fixed, never capture data.
 */
export function prefetchMermaid(dark: boolean): void {
  if (prefetched) return;
  prefetched = true;
  const start = (): void => void renderMermaid("sequenceDiagram\n  A->>B: warm-up\n  B-->>A: ready", dark).catch(() => undefined);
  if ("requestIdleCallback" in window) window.requestIdleCallback(start, { timeout: 5000 });
  else setTimeout(start, 1000);
}
let prefetched = false;

/**
 * The drawn arrows of a sequence diagram, in statement order: each arrow's
 * label and line, so the n-th arrow of the diagram is arrows[n].
 */
export function arrowElements(svg: SVGSVGElement): { text: Element[]; line: Element[] } {
  return {
    text: [...svg.querySelectorAll(".messageText")],
    line: [...svg.querySelectorAll(".messageLine0, .messageLine1")],
  };
}
