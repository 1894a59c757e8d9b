import { useRef, type KeyboardEvent, type PointerEvent, type ReactNode } from "react";
import "./split.css";

interface Props {
  /** "vertical": first above second; "horizontal": first left of second. */
  direction: "vertical" | "horizontal";
  /** Share of the space the first pane takes, 0..1. */
  fraction: number;
  onChange(fraction: number): void;
  /** Accessible name of the drag handle. */
  label: string;
  first: ReactNode;
  second: ReactNode;
}

const MIN = 0.1;
const MAX = 0.9;
const clamp = (f: number): number => Math.min(MAX, Math.max(MIN, f));

/** Two panes and a drag handle between them (pointer or arrow keys). */
export function Split({ direction, fraction, onChange, label, first, second }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const vertical = direction === "vertical";

  const onPointerDown = (e: PointerEvent<HTMLDivElement>): void => {
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>): void => {
    if (!e.currentTarget.hasPointerCapture(e.pointerId) || !box.current) return;
    const r = box.current.getBoundingClientRect();
    onChange(clamp(vertical ? (e.clientY - r.top) / r.height : (e.clientX - r.left) / r.width));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const step = e.shiftKey ? 0.1 : 0.02;
    const dec = vertical ? "ArrowUp" : "ArrowLeft";
    const inc = vertical ? "ArrowDown" : "ArrowRight";
    if (e.key === dec) onChange(clamp(fraction - step));
    else if (e.key === inc) onChange(clamp(fraction + step));
    else return;
    e.preventDefault();
  };

  const template = `${fraction}fr 5px ${1 - fraction}fr`;
  return (
    <div
      ref={box}
      className={`split split-${direction}`}
      style={vertical ? { gridTemplateRows: template } : { gridTemplateColumns: template }}
    >
      <div className="split-pane">{first}</div>
      <div
        className="split-handle"
        role="separator"
        aria-label={label}
        aria-orientation={vertical ? "horizontal" : "vertical"}
        aria-valuemin={MIN * 100}
        aria-valuemax={MAX * 100}
        aria-valuenow={Math.round(fraction * 100)}
        tabIndex={0}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onKeyDown={onKeyDown}
      />
      <div className="split-pane">{second}</div>
    </div>
  );
}
