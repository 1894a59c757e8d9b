import { useEffect, useState } from "react";
import type { AnalyzerClient } from "../../worker/client";
import type { FieldCompletion } from "../../worker/filter-api";

const MAX = 40;

/**
 * Field and protocol names starting with `prefix` (null: nothing to
 * complete), asked of the worker, which knows every registered field.
 */
export function useCompletions(client: AnalyzerClient | null, prefix: string | null): FieldCompletion[] {
  const [result, setResult] = useState<{ prefix: string; list: FieldCompletion[] } | null>(null);
  useEffect(() => {
    if (!client || prefix === null) return;
    let live = true;
    client.filterCompletions(prefix, MAX).then(
      (list) => live && setResult({ prefix, list }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client, prefix]);
  if (prefix === null || !result) return [];
  // While the answer for a longer prefix is on its way, the last one narrowed down stands in (no flicker as you type).
  const p = prefix.toLowerCase();
  const list =
    result.prefix === prefix
      ? result.list
      : p.startsWith(result.prefix.toLowerCase())
        ? result.list.filter((c) => c.name.startsWith(p))
        : [];
  // Nothing to offer when the name is already complete and nothing longer exists.
  if (list.length === 1 && list[0]!.name === prefix) return [];
  return list;
}
