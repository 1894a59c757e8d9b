import { useEffect, useState } from "react";
import { useCaptureStore } from "../../store/capture-store";
import type { PacketDetails } from "../../engine/session/types";

export interface DetailsResult {
  details: PacketDetails | null;
  loading: boolean;
  error: string | null;
}

const NONE: DetailsResult = { details: null, loading: false, error: null };

/** Re-dissects the selected packet in the worker (tree + bytes) whenever the selection changes. */
export function usePacketDetails(number: number | null): DetailsResult {
  const client = useCaptureStore((s) => s.client);
  const [result, setResult] = useState<{ key: string; value: DetailsResult } | null>(null);
  const key = `${useCaptureStore((s) => s.generation)}:${number}`;

  useEffect(() => {
    if (!client || number === null) return;
    let live = true;
    client.details(number).then(
      (details) => live && setResult({ key, value: { details, loading: false, error: null } }),
      (e: unknown) =>
        live && setResult({ key, value: { details: null, loading: false, error: e instanceof Error ? e.message : String(e) } }),
    );
    return () => {
      live = false;
    };
  }, [client, number, key]);

  if (!client || number === null) return NONE;
  return result && result.key === key ? result.value : { details: null, loading: true, error: null };
}
