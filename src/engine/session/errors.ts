/**
 * Capture errors in plain words for the alert banner. The engine's messages
 * say what is wrong with the bytes; these say what the user is looking at.
 */
import { CaptureError } from "../capture/types";
import type { CaptureProblem } from "./types";

/** readCapture's message when a gzip stream broke off (capture/open.ts). */
const COMPRESSED_CUT = /^The \w+ file breaks off after/;

function packetsBefore(n: number): string {
  if (n <= 0) return "no packet could be read before it";
  return n === 1 ? "the 1 packet before it is shown" : `the ${n.toLocaleString("en-US")} packets before it are shown`;
}

/** The alert sentence for a CaptureError; `packets` is how many were read before it. */
export function describeCaptureError(e: CaptureError, packets: number): CaptureProblem {
  const base = { kind: e.kind, detail: e.message, packetNumber: e.packetNumber, byteOffset: e.byteOffset };
  const before = packetsBefore(packets);
  let message: string;
  switch (e.kind) {
    case "not-a-capture":
      message =
        e.message.startsWith("This is not") || e.message === "The file is empty" ? e.message : `This is not a capture file (${e.message})`;
      break;
    case "truncated":
      message =
        e.packetNumber > 0 && COMPRESSED_CUT.test(e.message)
          ? `The compressed file is cut short or damaged: it ends in the middle of packet ${e.packetNumber} (byte ${e.byteOffset} once inflated); ${before}`
          : e.packetNumber > 0
            ? `The file ends in the middle of packet ${e.packetNumber} at byte ${e.byteOffset}; ${before}`
            : `The file ends before its first packet: ${lowerFirst(e.message)}`;
      break;
    case "corrupt":
      message =
        e.packetNumber > 0
          ? `The file is damaged at packet ${e.packetNumber} (byte ${e.byteOffset}): ${lowerFirst(stripWhere(e.message))}; ${before}`
          : `The file is damaged: ${lowerFirst(e.message)}`;
      break;
    case "unsupported":
      message = `This capture uses something pcapscope cannot read yet: ${lowerFirst(e.message)}${packets > 0 ? `; ${before}` : ""}`;
      break;
  }
  return { ...base, message };
}

/** Anything else that stopped loading (a bug, a read failure). */
export function describeUnexpected(e: unknown, packets: number): CaptureProblem {
  if (e instanceof CaptureError) return describeCaptureError(e, packets);
  const detail = e instanceof Error ? e.message : String(e);
  const message =
    packets > 0
      ? `Reading stopped after packet ${packets} because of an internal error (${detail}); ${packetsBefore(packets).replace("before it ", "")}`
      : `The file could not be read because of an internal error (${detail})`;
  return { kind: "internal", message, detail, packetNumber: packets + 1, byteOffset: 0 };
}

function lowerFirst(s: string): string {
  return s && /^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s;
}

/** "Packet 5 at byte 1234 claims ...; the file is damaged from here" → "claims ..." keeps the why. */
function stripWhere(s: string): string {
  return s
    .replace(/^Packet \d+ at byte \d+ /, "it ")
    .replace(/; the file is damaged from here$/, "")
    .replace(/ \(packet \d+, byte \d+\)$/, "");
}
