/**
 * "Export Specified Packets" and the CLI's `-w`: which rows of an open
 * capture to write, and the request that writes them (capture/write-capture.ts).
 * Rows are always written in frame order, as Wireshark writes them, whatever
 * the list's sort.
 */
import { captureParts, readInputHeaders, type CapturePart, type OutputFormat } from "../capture/write-capture";
import type { CaptureSession } from "./capture-session";

/** Which packets: Wireshark's "Packet Range" choices. */
export type PacketChoice =
  | { kind: "all" }
  | { kind: "displayed" }
  /** Frame numbers the page holds (the selected packet, the marked ones). */
  | { kind: "frames"; frames: readonly number[]; displayedOnly?: boolean }
  /** A range such as "1-10,20,30-" of frame numbers. */
  | { kind: "range"; text: string; displayedOnly?: boolean };

/** A range text that cannot be read, with the part that is wrong. */
export class RangeSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RangeSyntaxError";
  }
}

/**
 * Frame numbers in `text` ("1-10,20", "30-" to the last, "-5" from the
 * first; commas or spaces between parts) as rows (frame number - 1) below
 * `count`, ascending and without repeats. Numbers past the last frame are
 * left out, as Wireshark does.
 */
export function parseFrameRanges(text: string, count: number): Uint32Array {
  const keep = new Uint8Array(count);
  const parts = text.split(/[\s,]+/).filter((p) => p !== "");
  if (parts.length === 0) throw new RangeSyntaxError("The range is empty");
  for (const part of parts) {
    const m = /^(\d*)\s*-\s*(\d*)$/.exec(part) ?? /^(\d+)()$/.exec(part);
    if (!m || (m[1] === "" && m[2] === "")) throw new RangeSyntaxError(`"${part}" is not a frame number or a range of them (such as 1-10)`);
    const single = !part.includes("-");
    const first = m[1] === "" ? 1 : Number(m[1]);
    const last = single ? first : m[2] === "" ? count : Number(m[2]);
    if (first < 1 || last < first)
      throw new RangeSyntaxError(`"${part}" is not a range of frame numbers (they start at 1, the smaller first)`);
    for (let n = first; n <= Math.min(last, count); n++) keep[n - 1] = 1;
  }
  return rowsOf(keep);
}

function rowsOf(keep: Uint8Array): Uint32Array {
  let n = 0;
  for (const k of keep) n += k;
  const rows = new Uint32Array(n);
  let at = 0;
  for (let r = 0; r < keep.length; r++) if (keep[r]) rows[at++] = r;
  return rows;
}

/** The rows a choice picks, in frame order. */
export function chosenRows(session: CaptureSession, choice: PacketChoice): Uint32Array {
  const count = session.packetCount;
  if (choice.kind === "all") return Uint32Array.from({ length: count }, (_, k) => k);
  if (choice.kind === "displayed") return session.displayedRows();
  let rows: Uint32Array;
  if (choice.kind === "range") rows = parseFrameRanges(choice.text, count);
  else {
    const keep = new Uint8Array(count);
    for (const f of choice.frames) if (Number.isInteger(f) && f >= 1 && f <= count) keep[f - 1] = 1;
    rows = rowsOf(keep);
  }
  if (!choice.displayedOnly) return rows;
  const shown = new Uint8Array(count);
  for (const r of session.displayedRows()) shown[r] = 1;
  return rows.filter((r) => shown[r] === 1);
}

/** The parts of a capture file holding `rows` of the session's capture (see capture/write-capture.ts). */
export async function exportParts(session: CaptureSession, rows: ArrayLike<number>, format: OutputFormat): Promise<Iterable<CapturePart>> {
  const info = session.captureInfo;
  if (!info) throw new Error("The capture has not been read yet");
  const index = session.index;
  return captureParts({
    info,
    frames: index,
    rows,
    format,
    comments: (row) => session.commentsOf(row),
    headers: await readInputHeaders(session.source, info),
  });
}
