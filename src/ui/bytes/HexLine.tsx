import { memo } from "react";
import { asciiChar, BYTES_PER_LINE, HEX, offsetText } from "./hex";

interface Props {
  bytes: Uint8Array;
  line: number;
  /** Highlighted byte range [start, end) of the whole source, or null. */
  hlStart: number;
  hlEnd: number;
}

/** One line of the dump: offset, 16 hex bytes (gap after 8), then ASCII. Bytes carry data-offset for clicks. */
export const HexLine = memo(function HexLine({ bytes, line, hlStart, hlEnd }: Props) {
  const start = line * BYTES_PER_LINE;
  const end = Math.min(bytes.length, start + BYTES_PER_LINE);
  const hex = [];
  const ascii = [];
  for (let o = start; o < start + BYTES_PER_LINE; o++) {
    const inRange = o < end;
    const hl = inRange && o >= hlStart && o < hlEnd;
    const cls = hl ? "hx-byte hx-hl" : "hx-byte";
    if (o === start + 8) hex.push(<span key="gap" className="hx-gap" />);
    hex.push(
      inRange ? (
        <span key={o} className={cls} data-offset={o} data-hl={hl || undefined}>
          {HEX[bytes[o]!]}
        </span>
      ) : (
        <span key={o} className="hx-byte hx-none">
          {"  "}
        </span>
      ),
    );
    if (inRange) {
      ascii.push(
        <span key={o} className={cls} data-offset={o}>
          {asciiChar(bytes[o]!)}
        </span>,
      );
    }
  }
  return (
    <>
      <span className="hx-offset">{offsetText(start, bytes.length)}</span>
      <span className="hx-hex">{hex}</span>
      <span className="hx-ascii">{ascii}</span>
    </>
  );
});
