/**
 * Display filters applied recently, most recent first, for the filter bar's
 * history list (Wireshark's "recent display filters"). Filter text only,
 * in localStorage; kept across captures.
 */
const KEY = "pcapscope.filterHistory";
export const MAX_FILTER_HISTORY = 30;

export function filterHistory(): string[] {
  try {
    const list = JSON.parse(localStorage.getItem(KEY) ?? "[]") as unknown;
    return Array.isArray(list) ? list.filter((f): f is string => typeof f === "string" && f.trim() !== "") : [];
  } catch {
    return [];
  }
}

/** Puts `text` first (once); the oldest fall off past the maximum. */
export function rememberFilter(text: string): void {
  const t = text.trim();
  if (t === "") return;
  try {
    const list = [t, ...filterHistory().filter((f) => f !== t)].slice(0, MAX_FILTER_HISTORY);
    localStorage.setItem(KEY, JSON.stringify(list));
  } catch {
    // Storage unavailable: the history is a nicety.
  }
}

export function forgetFilterHistory(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // ignore
  }
}
