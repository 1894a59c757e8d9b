import { useLayoutEffect, useRef, type RefObject } from "react";

interface Props {
  input: RefObject<HTMLInputElement | null>;
  text: string;
  start: number;
  length: number;
}

/**
 * A wavy underline under the part of the bar's text tshark's error points
 * at: a copy of the text, invisible, laid exactly over the input and
 * scrolled with it, with only that part decorated. Decoration only
 * (aria-hidden); the message below says the same in words.
 */
export function ErrorUnderline({ input, text, start, length }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = input.current;
    const overlay = ref.current;
    if (!el || !overlay) return;
    const sync = (): void => {
      overlay.scrollLeft = el.scrollLeft;
    };
    sync();
    el.addEventListener("scroll", sync);
    el.addEventListener("keyup", sync);
    return () => {
      el.removeEventListener("scroll", sync);
      el.removeEventListener("keyup", sync);
    };
  }, [input, text, start]);
  const end = Math.min(text.length, start + Math.max(1, length));
  return (
    <div ref={ref} className="filter-underline" aria-hidden="true">
      {text.slice(0, start)}
      <span className="filter-underline-span">{start < text.length ? text.slice(start, end) : " "}</span>
    </div>
  );
}
