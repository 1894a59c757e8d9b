import { useEffect, useState } from "react";
import type { AnalyzerClient } from "../../worker/client";
import type { FilterCheckResult } from "../../worker/filter-api";

export type FilterStatus = "empty" | "valid" | "warning" | "invalid";

export interface FilterCheckState {
  /** The text this verdict is about. */
  text: string;
  status: FilterStatus;
  /** tshark's error message, or its warnings joined. */
  message: string;
  /** The span of the text the error points at (start -1: none). */
  start: number;
  length: number;
}

export function toCheckState(text: string, r: FilterCheckResult): FilterCheckState {
  if (!r.ok) return { text, status: "invalid", message: r.message, start: r.start, length: r.length };
  if (r.empty) return { text, status: "empty", message: "", start: -1, length: 0 };
  if (r.warnings.length) return { text, status: "warning", message: r.warnings.join(" "), start: -1, length: 0 };
  return { text, status: "valid", message: "", start: -1, length: 0 };
}

/**
 * Checks the bar's text in the worker as the user types, `delayMs` after the
 * last keystroke (Wireshark colours the bar as you type). Until the verdict
 * on the current text arrives, the previous one stays, so the colour does
 * not flicker between keystrokes.
 */
export function useFilterCheck(client: AnalyzerClient | null, text: string, delayMs = 150): FilterCheckState | null {
  const [verdict, setVerdict] = useState<FilterCheckState | null>(null);
  useEffect(() => {
    if (!client) return;
    let live = true;
    const timer = setTimeout(() => {
      client.checkDisplayFilter(text).then(
        (r) => live && setVerdict(toCheckState(text, r)),
        () => undefined,
      );
    }, delayMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, text, delayMs]);
  return verdict;
}
