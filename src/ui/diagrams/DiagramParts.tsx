/**
 * The drawn parts of a split diagram ("Part 2 of 5" above each when there
 * are several), each arrow selecting its frame, and a button to draw the
 * next few parts: the Diagrams view and Statistics ▸ Flow Graph show theirs so.
 */
import type { DiagramPart } from "../../engine/diagram/mermaid";
import { DiagramSvg } from "./DiagramSvg";

export interface DiagramPartsProps {
  /** What was drawn (keys the parts, so a new diagram's parts are new elements). */
  drawKey: string;
  parts: readonly DiagramPart[];
  /** SVGs of the first parts, drawn so far. */
  svgs: readonly string[];
  onSelectFrame(frame: number): void;
  /** Parts drawn by one press of the button, and the press. */
  step: number;
  onMore(): void;
}

export function DiagramParts({ drawKey, parts, svgs, onSelectFrame, step, onMore }: DiagramPartsProps) {
  const more = parts.length - svgs.length;
  return (
    <>
      {svgs.map((svg, i) => {
        const part = parts[i]!;
        return (
          <div key={`${drawKey} ${i}`} className="diagrams-part">
            {part.parts > 1 && <h3 className="diagrams-part-title">{`Part ${part.part} of ${part.parts}`}</h3>}
            <DiagramSvg svg={svg} frames={part.frames} onSelectFrame={onSelectFrame} />
          </div>
        );
      })}
      {more > 0 && (
        <button type="button" className="button diagrams-more" onClick={onMore}>
          {`Draw ${Math.min(more, step)} more of ${more} parts left`}
        </button>
      )}
    </>
  );
}
