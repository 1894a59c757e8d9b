/**
 * One rendered diagram part. The SVG comes from Mermaid with
 * securityLevel "strict" (sanitized, no click callbacks); its arrows are
 * made clickable here, by order: Mermaid draws the n-th arrow statement as the
 * n-th ".messageText", which is frames[n].
 */
import { useLayoutEffect, useRef, type KeyboardEvent, type MouseEvent } from "react";
import { arrowElements } from "./mermaid-render";

export function DiagramSvg({ svg, frames, onSelectFrame }: { svg: string; frames: readonly number[]; onSelectFrame: (frame: number) => void }) {
  const host = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const el = host.current;
    if (!el) return;
    el.innerHTML = svg;
    const root = el.querySelector("svg");
    if (!root) return;
    root.setAttribute("role", "img");
    const { text, line } = arrowElements(root);
    text.forEach((t, i) => {
      const frame = frames[i];
      if (frame === undefined) return;
      t.setAttribute("data-frame", String(frame));
      t.setAttribute("tabindex", "0");
      t.setAttribute("role", "button");
      t.setAttribute("aria-label", `Frame ${frame}: ${t.textContent ?? ""}`);
      t.classList.add("diagram-arrow");
    });
    line.forEach((l, i) => {
      const frame = frames[i];
      if (frame === undefined) return;
      l.setAttribute("data-frame", String(frame));
      l.classList.add("diagram-arrow");
    });
  }, [svg, frames]);

  const frameOf = (target: EventTarget | null): number | null => {
    const el = target instanceof Element ? target.closest("[data-frame]") : null;
    const n = el ? Number(el.getAttribute("data-frame")) : NaN;
    return Number.isInteger(n) && n > 0 ? n : null;
  };
  const onClick = (e: MouseEvent): void => {
    const frame = frameOf(e.target);
    if (frame !== null) onSelectFrame(frame);
  };
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key !== "Enter" && e.key !== " ") return;
    const frame = frameOf(e.target);
    if (frame === null) return;
    e.preventDefault();
    onSelectFrame(frame);
  };
  // The host only delegates events from the SVG's arrows (role="button" on each).
  return <div ref={host} className="diagram-svg" onClick={onClick} onKeyDown={onKeyDown} />;
}
